package server

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authorizedKeys is an OpenSSH authorized_keys file, read at start-up and
// read again when it changes, so keys can be added without a restart.
// Options (from=, command=, restrict, …) are not interpreted: a listed key
// gets the same read-only dashboard as everyone else.
type authorizedKeys struct {
	path string

	mu    sync.Mutex
	keys  map[string]struct{} // wire-format public keys
	mtime time.Time
	size  int64
}

func loadAuthorizedKeys(path string) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("serve: authorized keys: %w", err)
	}
	keys, err := parseAuthorizedKeys(path)
	if err != nil {
		return nil, err
	}
	a.keys, a.mtime, a.size = keys, fi.ModTime(), fi.Size()
	return a, nil
}

func parseAuthorizedKeys(path string) (map[string]struct{}, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("serve: authorized keys: %w", err)
	}
	keys := map[string]struct{}{}
	for i, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("serve: %s:%d: not a public key in authorized_keys format", path, i+1)
		}
		keys[string(pk.Marshal())] = struct{}{}
	}
	return keys, nil
}

// allowed reports whether key is listed, re-reading the file if it
// changed. A file that became unreadable or invalid keeps the last good
// list (reported by the caller's log through the error).
func (a *authorizedKeys) allowed(key ssh.PublicKey) (bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var reloadErr error
	if fi, err := os.Stat(a.path); err != nil {
		reloadErr = err
	} else if !fi.ModTime().Equal(a.mtime) || fi.Size() != a.size {
		if keys, err := parseAuthorizedKeys(a.path); err != nil {
			reloadErr = err
		} else {
			a.keys, a.mtime, a.size = keys, fi.ModTime(), fi.Size()
		}
	}
	_, ok := a.keys[string(key.Marshal())]
	return ok, reloadErr
}

func (a *authorizedKeys) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.keys)
}

// checkKey is the public key handler with --authorized-keys. Refusals are
// logged with the key's fingerprint only.
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	ok, err := s.auth.allowed(key)
	if err != nil {
		s.log.Warn("authorized keys unchanged: cannot reload", "path", s.auth.path, "err", safe(err.Error()))
	}
	if !ok {
		s.log.Warn("refused key", "user", safe(ctx.User()), "remote", ctx.RemoteAddr().String(),
			"key", gossh.FingerprintSHA256(key))
	}
	return ok
}
