package server

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// maxAuthorizedKeysSize bounds the authorized_keys file (a thousand keys
// take about 100 KB).
const maxAuthorizedKeysSize = 1 << 20

// authorizedKeys is an OpenSSH authorized_keys file, read at start-up and
// read again whenever it changes (its inode, size, modification or change
// time), so keys can be added and removed without a restart.
//
// It fails closed: a file that becomes unreadable, is not a regular file,
// is larger than 1 MiB, is writable by group or others (or sits in a
// directory anyone may write to), or has a line that is not a key admits
// nobody until it is fixed, and says so in the log.
//
// Options: from="pattern-list" (addresses, CIDR prefixes and * ?
// wildcards, ! to negate) and expiry-time are honoured; restrict and no-pty
// give the key commands only (no dashboard), as OpenSSH gives it no
// terminal; the options for features casia never offers (forwarding, X11,
// user rc) change nothing. A key with any other option (command=,
// environment=, principals=, cert-authority, tunnel=, verify-required, or
// from= with host names) is refused, with a warning when the file is read.
type authorizedKeys struct {
	path string
	log  func(level, msg string, kv ...any)

	mu      sync.Mutex
	entries map[string][]keyEntry // by wire-format public key; nil admits nobody
	id      fileID
	err     error // why the file admits nobody, or nil
}

// keyEntry is one line of the file.
type keyEntry struct {
	line   int
	from   []string // from= patterns; nil: any address
	noPTY  bool
	expiry time.Time // zero: none
}

// fileID identifies a version of a file: a replacement with the same size
// and modification time (cp -p, rsync -t) still changes the inode or the
// change time.
type fileID struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64
}

func loadAuthorizedKeys(path string, logf func(level, msg string, kv ...any)) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, log: logf}
	entries, id, warnings, err := readAuthorizedKeys(path)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	for _, w := range warnings {
		logf("warn", "authorized keys: "+w, "path", path)
	}
	a.entries, a.id = entries, id
	return a, nil
}

// readAuthorizedKeys reads and parses the file. Only a regular file is
// read: it is opened without blocking (a FIFO would otherwise hold every
// login until someone writes to it) and checked before reading.
func readAuthorizedKeys(name string) (map[string][]keyEntry, fileID, []string, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys %s is not a regular file (%s)", name, fi.Mode().Type())
	}
	if err := checkKeyFileMode(name, fi); err != nil {
		return nil, fileID{}, nil, err
	}
	if fi.Size() > maxAuthorizedKeysSize {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys %s is larger than %d bytes", name, maxAuthorizedKeysSize)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxAuthorizedKeysSize+1))
	if err != nil {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys: %w", err)
	}
	if len(src) > maxAuthorizedKeysSize {
		return nil, fileID{}, nil, fmt.Errorf("authorized keys %s is larger than %d bytes", name, maxAuthorizedKeysSize)
	}
	entries, warnings, err := parseAuthorizedKeys(name, src)
	return entries, idOf(fi), warnings, err
}

// checkKeyFileMode refuses a file that others could have written, as
// OpenSSH's StrictModes does: writable by group or others, owned by
// another user than root or this process's, or in a directory anyone may
// write to without the sticky bit.
func checkKeyFileMode(name string, fi fs.FileInfo) error {
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("authorized keys %s is writable by group or others (mode %04o): chmod go-w %s", name, perm, name)
	}
	if uid, ok := ownerOf(fi); ok && uid != 0 && uid != os.Getuid() {
		return fmt.Errorf("authorized keys %s belongs to another user (uid %d)", name, uid)
	}
	dir := filepath.Dir(name)
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o002 != 0 && di.Mode()&fs.ModeSticky == 0 {
		return fmt.Errorf("authorized keys %s is in %s, which anyone may write to", name, dir)
	}
	return nil
}

func parseAuthorizedKeys(name string, src []byte) (map[string][]keyEntry, []string, error) {
	entries := map[string][]keyEntry{}
	var warnings []string
	for i, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, _, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: not a public key in authorized_keys format", name, i+1)
		}
		e, err := parseKeyOptions(options)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("line %d: %v: this key is refused", i+1, err))
			continue
		}
		e.line = i + 1
		k := string(pk.Marshal())
		entries[k] = append(entries[k], e)
	}
	return entries, warnings, nil
}

// parseKeyOptions reads a line's options (see authorizedKeys).
func parseKeyOptions(options []string) (keyEntry, error) {
	var e keyEntry
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		if hasValue {
			if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
				return e, fmt.Errorf("option %s: value not in double quotes", name)
			}
			value = strings.ReplaceAll(value[1:len(value)-1], `\"`, `"`)
		}
		switch {
		case name == "restrict", name == "no-pty":
			e.noPTY = true
		case name == "pty":
			e.noPTY = false
		case !hasValue && (name == "no-port-forwarding" || name == "no-agent-forwarding" || name == "no-x11-forwarding" ||
			name == "no-user-rc" || name == "port-forwarding" || name == "agent-forwarding" ||
			name == "x11-forwarding" || name == "user-rc" || name == "no-touch-required"):
			// casia offers none of these.
		case hasValue && (name == "permitopen" || name == "permitlisten"):
			// Forwarding is always refused.
		case hasValue && name == "from":
			pats := strings.Split(value, ",")
			for _, p := range pats {
				if !isAddressPattern(strings.TrimPrefix(p, "!")) {
					return e, fmt.Errorf("from=%q: host names are not supported (casia matches addresses only)", value)
				}
			}
			e.from = append(e.from, pats...)
		case hasValue && name == "expiry-time":
			t, err := parseExpiry(value)
			if err != nil {
				return e, err
			}
			e.expiry = t
		default:
			return e, fmt.Errorf("option %s is not supported", name)
		}
	}
	return e, nil
}

// isAddressPattern reports whether p matches addresses only: an address,
// a CIDR prefix, or digits, dots, colons, hex digits and wildcards.
func isAddressPattern(p string) bool {
	if p == "" {
		return false
	}
	if _, err := netip.ParsePrefix(p); err == nil {
		return true
	}
	if _, err := netip.ParseAddr(p); err == nil {
		return true
	}
	colon := strings.Contains(p, ":")
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9', r == '.', r == '*', r == '?':
		case colon && (r == ':' || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F')):
		default:
			return false
		}
	}
	return true
}

// matchFrom applies a from= pattern list to a client address as OpenSSH
// does: a negated match refuses, otherwise any match admits.
func matchFrom(pats []string, ip netip.Addr) bool {
	s := ip.Unmap().String()
	matched := false
	for _, p := range pats {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		var m bool
		if pre, err := netip.ParsePrefix(p); err == nil {
			m = pre.Contains(ip.Unmap())
		} else {
			m, _ = path.Match(strings.ToLower(p), s)
		}
		if m && neg {
			return false
		}
		matched = matched || m
	}
	return matched
}

// parseExpiry reads YYYYMMDD[HHMM[SS]] in local time, or UTC with a Z.
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if s, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = s, time.UTC
	}
	for _, layout := range []string{"20060102150405", "200601021504", "20060102"} {
		if len(v) == len(layout) {
			if t, err := time.ParseInLocation(layout, v, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("expiry-time=%q: want YYYYMMDD[HHMM[SS]][Z]", v)
}

// reload re-reads the file if it changed; a file that cannot be used
// admits nobody. Called with a.mu held.
func (a *authorizedKeys) reload() {
	fi, err := os.Stat(a.path)
	if err == nil && idOf(fi) == a.id && a.err == nil {
		return
	}
	var id fileID
	var entries map[string][]keyEntry
	var warnings []string
	if err != nil {
		err = fmt.Errorf("authorized keys: %w", err)
	} else if id = idOf(fi); id == a.id && a.err != nil {
		return // still the same broken file: said already
	} else {
		entries, id, warnings, err = readAuthorizedKeys(a.path)
	}
	if err != nil {
		if a.err == nil || a.err.Error() != err.Error() {
			a.log("error", "authorized keys unusable: admitting nobody until it is fixed", "path", a.path, "err", safe(err.Error()))
		}
		a.entries, a.id, a.err = nil, id, err
		return
	}
	for _, w := range warnings {
		a.log("warn", "authorized keys: "+w, "path", a.path)
	}
	n := 0
	for _, es := range entries {
		n += len(es)
	}
	a.log("info", "authorized keys reloaded", "path", a.path, "keys", n)
	a.entries, a.id, a.err = entries, id, nil
}

// entry finds the line that admits key from addr now, if any.
func (a *authorizedKeys) entry(key ssh.PublicKey, addr net.Addr) (keyEntry, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reload()
	var ip netip.Addr
	if ap, err := netip.ParseAddrPort(addr.String()); err == nil {
		ip = ap.Addr()
	}
	now := time.Now()
	for _, e := range a.entries[string(key.Marshal())] {
		if !e.expiry.IsZero() && now.After(e.expiry) {
			continue
		}
		if e.from != nil && !matchFrom(e.from, ip) {
			continue
		}
		return e, true
	}
	return keyEntry{}, false
}

func (a *authorizedKeys) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, es := range a.entries {
		n += len(es)
	}
	return n
}

// checkKey is the public key handler with --authorized-keys. Refusals are
// logged with the key's fingerprint only.
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	_, ok := s.auth.entry(key, ctx.RemoteAddr())
	if !ok {
		s.refusals.warn("key", "refused key", "user", userName(ctx.User()), "remote", ctx.RemoteAddr().String(),
			"key", gossh.FingerprintSHA256(key))
	}
	return ok
}

// ptyAllowed refuses a terminal to keys listed with no-pty or restrict
// (without pty): they get commands only, as with OpenSSH.
func (s *Server) ptyAllowed(ctx ssh.Context, _ ssh.Pty) bool {
	if s.auth == nil {
		return true
	}
	key, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	if key == nil {
		return false
	}
	e, ok := s.auth.entry(key, ctx.RemoteAddr())
	return ok && !e.noPTY
}

func (s *Server) logAt(level, msg string, kv ...any) {
	switch level {
	case "error":
		s.log.Error(msg, kv...)
	case "warn":
		s.log.Warn(msg, kv...)
	default:
		s.log.Info(msg, kv...)
	}
}
