package server_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	uv "github.com/charmbracelet/ultraviolet"
	gossh "golang.org/x/crypto/ssh"

	"casia/cli"
	"casia/data"
	"casia/internal/vtscreen"
	"casia/model"
	"casia/server"
)

var (
	dsOnce sync.Once
	dsVal  *model.Dataset
)

func dataset(t testing.TB) *model.Dataset {
	t.Helper()
	dsOnce.Do(func() {
		var err error
		if dsVal, err = data.Load(); err != nil {
			panic(err)
		}
	})
	return dsVal
}

// syncBuffer is a log destination the tests can read while sessions log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitLog polls the log until it contains want.
func (s *syncBuffer) waitLog(t testing.TB, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.String(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("log never showed %q:\n%s", want, s.String())
}

type testServer struct {
	*server.Server
	addr string
	logs *syncBuffer
}

// start serves on 127.0.0.1:0 with a fresh host key and shuts down at the
// end of the test.
func start(t testing.TB, mod func(*server.Config)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg := server.Config{
		Listen:      "127.0.0.1:0",
		HostKeyPath: filepath.Join(t.TempDir(), "host_key"),
		Dataset:     dataset(t),
		Exec:        cli.RunRemote,
		Logger:      log.NewWithOptions(logs, log.Options{Level: log.DebugLevel}),
	}
	if mod != nil {
		mod(&cfg)
	}
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: s, addr: ln.Addr().String(), logs: logs}
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// noQuestions passes keyboard-interactive authentication that asks nothing.
var noQuestions = gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })

func (ts *testServer) dialErr(t testing.TB, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	if auth == nil {
		auth = []gossh.AuthMethod{noQuestions}
	}
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.HostKey()),
		Timeout:         5 * time.Second,
	})
}

func (ts *testServer) dial(t testing.TB, auth ...gossh.AuthMethod) *gossh.Client {
	t.Helper()
	c, err := ts.dialErr(t, auth...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// term is an SSH session with a PTY, its output read through a VT
// emulator (and kept raw, for sequences the emulator does not handle).
type term struct {
	*vtscreen.Screen
	t      testing.TB
	sess   *gossh.Session
	stdin  io.WriteCloser
	stderr syncBuffer
	done   chan error // session's exit
	copied chan struct{}
}

// openTerm starts the dashboard: a PTY of w×h and a shell request.
func openTerm(t testing.TB, c *gossh.Client, w, h int, env map[string]string) *term {
	t.Helper()
	return openTermSized(t, c, w, h, w, h, env)
}

// openTermSized asks for a PTY of w×h but reads the screen through an
// emulator of ew×eh.
func openTermSized(t testing.TB, c *gossh.Client, w, h, ew, eh int, env map[string]string) *term {
	t.Helper()
	return openTermOn(t, c, w, h, vtscreen.New(ew, eh), env)
}

// openTermOn asks for a PTY of w×h and reads the screen through scr.
func openTermOn(t testing.TB, c *gossh.Client, w, h int, scr *vtscreen.Screen, env map[string]string) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	tm := &term{Screen: scr, t: t, sess: sess, done: make(chan error, 1), copied: make(chan struct{})}
	tm.stdin, err = sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = &tm.stderr
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_, _ = io.Copy(tm, stdout) // output -> emulator
		close(tm.copied)
	}()
	go func() { _, _ = io.Copy(tm.stdin, tm.Screen) }() // emulator replies and keys -> server
	go func() { tm.done <- sess.Wait() }()
	t.Cleanup(tm.close)
	return tm
}

// close ends the session and the goroutine copying the emulator's input
// (Emulator.Close would race with its Read).
func (tm *term) close() {
	tm.sess.Close()
	tm.CloseInput()
}

func (tm *term) screen() string { return tm.Text() }
func (tm *term) output() string { return tm.Raw() }

func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	return tm.WaitFor(tm.t, want, 5*time.Second)
}

// send types s. The emulator's input is a pipe to the session: once the
// session has ended nobody reads it, so a send that does not go through
// fails the test instead of hanging it.
func (tm *term) send(s string) {
	tm.t.Helper()
	tm.within(func() { tm.SendText(s) })
}

func (tm *term) key(k uv.KeyEvent) {
	tm.t.Helper()
	tm.within(func() { tm.SendKey(k) })
}

func (tm *term) within(f func()) {
	tm.t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("input not taken within 10 s (has the session ended?):\n%s", tm.screen())
	}
}

func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.Resize(w, h)
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatal(err)
	}
}

// exit waits for the session to end and returns its exit status.
func (tm *term) exit() int {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		select {
		case <-tm.copied:
		case <-time.After(2 * time.Second):
		}
		return exitStatus(tm.t, err)
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("session did not end:\n%s", tm.screen())
	}
	return -1
}

func exitStatus(t testing.TB, err error) int {
	t.Helper()
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitStatus()
	}
	t.Fatalf("session: %v", err)
	return -1
}

// run executes a command line without a PTY.
func run(t testing.TB, c *gossh.Client, cmd string) (stdout, stderr string, code int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	if cmd == "" {
		if err = sess.Shell(); err == nil {
			err = sess.Wait()
		}
	} else {
		err = sess.Run(cmd)
	}
	return out.String(), errb.String(), exitStatus(t, err)
}

// tryRun is run without failing the test: for sessions that may be
// refused.
func tryRun(c *gossh.Client, cmd string) (stdout, stderr string, code int, err error) {
	sess, err := c.NewSession()
	if err != nil {
		return "", "", -1, err
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return out.String(), errb.String(), 0, nil
	case errors.As(err, &exit):
		return out.String(), errb.String(), exit.ExitStatus(), nil
	}
	return out.String(), errb.String(), -1, err
}

func loopback(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

func newLogger(w io.Writer) *log.Logger {
	return log.NewWithOptions(w, log.Options{Level: log.DebugLevel})
}

func netResolve(addr string) (net.Addr, error) { return net.ResolveTCPAddr("tcp", addr) }
