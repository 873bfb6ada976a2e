package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"casia/internal/xdg"
)

// DefaultHostKeyPath is $XDG_DATA_HOME/casia/ssh_host_ed25519, or
// ~/.local/share/casia/ssh_host_ed25519 when XDG_DATA_HOME is unset or not
// absolute (as the XDG base directory specification asks).
func DefaultHostKeyPath(getenv func(string) string) (string, error) {
	dir, err := xdg.Dir(getenv, "XDG_DATA_HOME", ".local/share")
	if err != nil {
		return "", fmt.Errorf("serve: no place for the host key; use --host-key PATH: %w", err)
	}
	return filepath.Join(dir, "ssh_host_ed25519"), nil
}

// LoadHostKey reads an OpenSSH private key, or generates an ed25519 one
// (mode 0600, with PATH.pub beside it) when the file does not exist. A key
// readable or writable by group or others is refused. created reports a
// new key.
func LoadHostKey(path string) (signer gossh.Signer, created bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := generateHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
		if fi, err = os.Stat(path); err != nil {
			return nil, false, fmt.Errorf("serve: host key: %w", err)
		}
	case err != nil:
		return nil, false, fmt.Errorf("serve: host key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("serve: host key %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, false, fmt.Errorf("serve: host key %s is accessible by group or others (mode %04o); "+
			"a private key must be private: chmod 600 %s", path, perm, path)
	}
	pemBytes, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("serve: host key: %w", err)
	}
	signer, err = gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, false, fmt.Errorf("serve: host key %s is encrypted; casia needs a key without a passphrase", path)
		}
		return nil, false, fmt.Errorf("serve: host key %s: %w (delete it to have a new one generated)", path, err)
	}
	return signer, created, nil
}

// generateHostKey writes a new ed25519 key atomically: a private temporary
// file linked into place, so a concurrent start or a crash never leaves a
// partial key, and an existing key is never overwritten.
func generateHostKey(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("serve: generate host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "casia host key")
	if err != nil {
		return fmt.Errorf("serve: generate host key: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("serve: host key directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".ssh_host_key-*") // mode 0600
	if err != nil {
		return fmt.Errorf("serve: write host key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: write host key: %w", err)
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: write host key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: write host key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("serve: write host key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // another process won the race; use its key
		}
		return fmt.Errorf("serve: write host key: %w", err)
	}
	// The public half, for known_hosts and for users to check the
	// fingerprint; failing to write it is not fatal.
	signer, err := gossh.NewSignerFromKey(priv)
	if err == nil {
		_ = os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o644)
	}
	return nil
}
