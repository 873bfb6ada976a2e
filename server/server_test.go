package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"github.com/charmbracelet/x/vt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"go.uber.org/goleak"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"casia/cli"
	"casia/server"
)

// Every test ends with its servers shut down and its clients closed: no
// goroutine may be left behind. Bubble Tea's tea.Tick commands (the
// dashboard's 4-second status timer) sleep out their time even after their
// program ended, so the check waits up to 10 s for goroutines to finish
// instead of ignoring any.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		deadline := time.Now().Add(10 * time.Second)
		err := goleak.Find()
		for err != nil && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
			err = goleak.Find()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "goroutines left behind: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}

func TestDashboard(t *testing.T) {
	ts := start(t, nil)
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("Second China–Central Asia Summit")
	tm.key(uv.KeyPressEvent{Code: uv.KeyTab})
	tm.waitFor("[2 Signatories]")
	tm.send("3")
	tm.waitFor("[3 Partnerships]")

	// "o" cannot open a browser on the client's machine.
	tm.send("o")
	tm.waitFor("not available over SSH")

	// "y" copies through OSC 52, written to the session. x/vt v0.1.0 does
	// not implement OSC 52, so read it from the raw stream.
	tm.send("y")
	tm.waitFor("to the clipboard")
	m := regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]*)(\x07|\x1b\\)`).FindStringSubmatch(tm.output())
	if m == nil {
		t.Fatalf("no OSC 52 in the output")
	}
	text, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Japan") {
		t.Errorf("clipboard holds %q, want the selected partnership (Japan)", text)
	}

	tm.send("q")
	if code := tm.exit(); code != 0 {
		t.Errorf("exit status %d after q, want 0", code)
	}
	var alt, hidden bool
	tm.Do(func(e *vt.Emulator) { alt, hidden = e.IsAltScreen(), e.CursorHidden() })
	if alt || hidden {
		t.Errorf("terminal not restored after q: alt screen %v, cursor hidden %v", alt, hidden)
	}
	ts.logs.waitLog(t, "reason=quit")
	for _, want := range []string{"session id=1 user=reader", "pty=100x30", "term=xterm-256color", "session end", "duration="} {
		if !strings.Contains(ts.logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, ts.logs.String())
		}
	}
}

func TestWindowChange(t *testing.T) {
	ts := start(t, nil)
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("[1 Summit]")
	tm.resize(30, 10)
	tm.waitFor("(now 30×10)")
	tm.resize(120, 40)
	s := tm.waitFor("[1 Summit]")
	if !strings.Contains(s, "7 Sources") {
		t.Errorf("the full tab bar should fit in 120 columns:\n%s", s)
	}
	tm.send("q")
	tm.exit()
}

func TestNoColorFromClient(t *testing.T) {
	ts := start(t, nil)
	colour := regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`)
	for _, noColor := range []bool{false, true} {
		env := map[string]string{}
		if noColor {
			env["NO_COLOR"] = "1"
		}
		tm := openTerm(t, ts.dial(t), 100, 30, env)
		tm.waitFor("[1 Summit]")
		tm.send("3")
		tm.waitFor("[3 Partnerships]")
		if got := colour.MatchString(tm.output()); got == noColor {
			t.Errorf("NO_COLOR %v: colour sequences %v", noColor, got)
		}
		tm.send("q")
		tm.exit()
	}
}

// Without a PTY (or with a command) the client gets exactly what the CLI's
// remote runner prints, and its exit status.
func TestCommands(t *testing.T) {
	ts := start(t, nil)
	c := ts.dial(t)
	ds := dataset(t)
	for _, line := range []string{
		"",
		"list partnerships --format json",
		"list projects --format csv --sort name",
		"show kz",
		"show nosuchid",
		"export --format json",
		"help",
		"list nosuchkind",
		"--help",
	} {
		t.Run(strings.ReplaceAll(line, " ", "_"), func(t *testing.T) {
			var wantOut, wantErr bytes.Buffer
			args := strings.Fields(line)
			if args == nil {
				args = []string{}
			}
			wantCode := cli.RunRemote(context.Background(), args, ds, &wantOut, &wantErr)
			out, errs, code := run(t, c, line)
			if out != wantOut.String() {
				t.Errorf("stdout differs from cli.RunRemote:\n got %.300q\nwant %.300q", out, wantOut.String())
			}
			if errs != wantErr.String() {
				t.Errorf("stderr %q, want %q", errs, wantErr.String())
			}
			if code != wantCode {
				t.Errorf("exit status %d, want %d", code, wantCode)
			}
		})
	}
	_, _, code := run(t, c, "show nosuchid")
	if code != 1 {
		t.Errorf("show nosuchid: exit status %d, want 1", code)
	}
	ts.logs.waitLog(t, `cmd="show nosuchid" exit=1`)
}

func TestRefusals(t *testing.T) {
	ts := start(t, nil)
	c := ts.dial(t)

	for _, cmd := range []string{"bash", "sh -c 'cat /etc/passwd'", "scp -f /etc/passwd", "/bin/ls", "rm -rf /"} {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.Start(cmd); err == nil {
			t.Errorf("exec %q was accepted", cmd)
		}
		sess.Close()
	}

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
	sess.Close()

	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding was accepted")
	}
	x11 := gossh.Marshal(struct {
		Single   bool
		Protocol string
		Cookie   string
		Screen   uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})
	if ok, err := sess.SendRequest("x11-req", true, x11); ok || err != nil {
		t.Errorf("x11-req: ok %v, err %v", ok, err)
	}
	sess.Close()

	// Local forwarding (direct-tcpip) to a real listener, and remote
	// forwarding (tcpip-forward).
	target := loopback(t)
	defer target.Close()
	if conn, err := c.Dial("tcp", target.Addr().String()); err == nil {
		conn.Close()
		t.Error("local port forwarding was accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding was accepted")
	}
	// The connection still works after all that.
	if out, _, code := run(t, c, "show kz"); code != 0 || !strings.Contains(out, "Kazakhstan") {
		t.Errorf("show kz after refusals: %d %q", code, out)
	}
	for _, want := range []string{"refused command", "cmd=bash", "refused subsystem", "refused auth-agent-req", "refused x11-req", "refused channel type=direct-tcpip", "refused port forwarding"} {
		ts.logs.waitLog(t, want)
	}
}

func TestAuthorizedKeys(t *testing.T) {
	known, other := newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	body := "# the newsroom\n\nrestrict " + string(gossh.MarshalAuthorizedKey(known.PublicKey()))
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := start(t, func(c *server.Config) { c.AuthorizedKeysPath = path })

	c := ts.dial(t, gossh.PublicKeys(known))
	if out, _, code := run(t, c, "show kz"); code != 0 || !strings.Contains(out, "Kazakhstan") {
		t.Errorf("known key: %d %q", code, out)
	}
	if _, err := ts.dialErr(t, gossh.PublicKeys(other)); err == nil {
		t.Error("an unknown key was let in")
	}
	if _, err := ts.dialErr(t, noQuestions, gossh.Password("")); err == nil {
		t.Error("a client without a key was let in")
	}
	fp := gossh.FingerprintSHA256(other.PublicKey())
	ts.logs.waitLog(t, "refused key")
	ts.logs.waitLog(t, fp)
	// Never key material, only fingerprints.
	for _, k := range []gossh.Signer{known, other} {
		b64 := base64.StdEncoding.EncodeToString(k.PublicKey().Marshal())
		if strings.Contains(ts.logs.String(), b64[len(b64)-40:]) {
			t.Error("the log contains a public key")
		}
	}
	ts.logs.waitLog(t, "key="+gossh.FingerprintSHA256(known.PublicKey()))

	// Adding a key to the file lets it in without a restart.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(gossh.MarshalAuthorizedKey(other.PublicKey())); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c2, err := ts.dialErr(t, gossh.PublicKeys(other))
	if err != nil {
		t.Fatalf("a key added to authorized_keys is still refused: %v", err)
	}
	c2.Close()
}

func TestBadAuthorizedKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte("ssh-ed25519 not-base64 x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := server.New(server.Config{Dataset: dataset(t), HostKeyPath: filepath.Join(t.TempDir(), "k"), AuthorizedKeysPath: path})
	if err == nil || !strings.Contains(err.Error(), path+":1:") {
		t.Errorf("error %v, want one naming %s:1", err, path)
	}
	_, err = server.New(server.Config{Dataset: dataset(t), HostKeyPath: filepath.Join(t.TempDir(), "k"), AuthorizedKeysPath: path + ".missing"})
	if err == nil {
		t.Error("a missing authorized_keys file was accepted")
	}
}

// By default anyone gets in, with or without a key; a key's fingerprint
// is logged.
func TestOpenAccess(t *testing.T) {
	ts := start(t, nil)
	key := newKey(t)
	c := ts.dial(t, gossh.PublicKeys(key))
	run(t, c, "show kz")
	ts.logs.waitLog(t, "key="+gossh.FingerprintSHA256(key.PublicKey()))
	c2 := ts.dial(t) // keyboard-interactive, no questions
	if _, _, code := run(t, c2, "show kz"); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// The next session is refused when its channel opens, with a message
// OpenSSH shows ("channel 0: open failed: resource shortage: casia: the
// server is full ..."), before it costs anything.
func TestMaxSessions(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.MaxSessions = 1 })
	c := ts.dial(t)
	tm := openTerm(t, c, 80, 24, nil)
	tm.waitFor("[1 Summit]")

	for _, c := range []*gossh.Client{c, ts.dial(t)} {
		_, err := c.NewSession()
		var open *gossh.OpenChannelError
		if !errors.As(err, &open) || open.Reason != gossh.ResourceShortage || !strings.Contains(open.Message, "the server is full (1 sessions)") {
			t.Errorf("second session: %v", err)
		}
	}
	ts.logs.waitLog(t, "refused session: the server is full")

	tm.send("q")
	tm.exit()
	waitSessions(t, ts, 0)
	// The first session's channel closes once the client closes it.
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, _, code, err := tryRun(c, "show kz")
		if err == nil && code == 0 && strings.Contains(out, "Kazakhstan") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first session ended: %v, exit status %d", err, code)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitSessions(t testing.TB, ts *testServer, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for ts.Sessions() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions, want %d", ts.Sessions(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestIdleTimeout(t *testing.T) {
	const idle = time.Second
	ts := start(t, func(c *server.Config) { c.IdleTimeout = idle })
	tm := openTerm(t, ts.dial(t), 80, 24, nil)
	tm.waitFor("[1 Summit]")
	// Typing keeps the session open past the timeout.
	began := time.Now()
	var stopped time.Time
	for i := range 8 {
		tm.send(fmt.Sprint(i%3 + 1))
		stopped = time.Now()
		time.Sleep(idle / 4)
	}
	select {
	case err := <-tm.done:
		t.Fatalf("session closed after %v despite input: %v", time.Since(began), err)
	default:
	}
	// Then silence closes it, with a message.
	if code := tm.exit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if d := time.Since(stopped); d < idle-50*time.Millisecond || d > idle+2*time.Second {
		t.Errorf("closed %v after the last key, want about %v", d, idle)
	}
	if !strings.Contains(tm.stderr.String(), "closed after 1s without input") {
		t.Errorf("message %q", tm.stderr.String())
	}
	var alt bool
	tm.Do(func(e *vt.Emulator) { alt = e.IsAltScreen() })
	if alt {
		t.Error("left the client in the alternate screen")
	}
	ts.logs.waitLog(t, "reason=idle")
}

func TestMaxSessionTime(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.MaxSessionTime = 400 * time.Millisecond })
	tm := openTerm(t, ts.dial(t), 80, 24, nil)
	tm.waitFor("[1 Summit]")
	for range 5 {
		tm.send("2")
		time.Sleep(50 * time.Millisecond)
	}
	if code := tm.exit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(tm.stderr.String(), "time limit of 400ms") {
		t.Errorf("message %q", tm.stderr.String())
	}
	ts.logs.waitLog(t, `reason="time limit"`)
}

// faulty panics on "!" in Update, on "@" in View (the next frame) and on
// "#" in a command.
type faulty struct {
	tea.Model
	viewPanic bool
}

func (f *faulty) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "!":
			panic("boom in Update")
		case "@":
			f.viewPanic = true
		case "#":
			return f, func() tea.Msg { panic("boom in a command") }
		}
	}
	var cmd tea.Cmd
	f.Model, cmd = f.Model.Update(msg)
	return f, cmd
}

func (f *faulty) View() tea.View {
	if f.viewPanic {
		panic("boom in View")
	}
	return f.Model.View()
}

func TestPanicEndsOneSession(t *testing.T) {
	ts := start(t, func(c *server.Config) {
		c.WrapModel = func(m tea.Model) tea.Model { return &faulty{Model: m} }
	})
	c := ts.dial(t)
	bystander := openTerm(t, c, 80, 24, nil)
	bystander.waitFor("[1 Summit]")
	for _, key := range []string{"!", "@", "#"} {
		victim := openTerm(t, ts.dial(t), 80, 24, nil)
		victim.waitFor("[1 Summit]")
		victim.send(key)
		if code := victim.exit(); code != 1 {
			t.Errorf("%s: exit status %d, want 1", key, code)
		}
		if !strings.Contains(victim.stderr.String(), "internal error") {
			t.Errorf("%s: message %q", key, victim.stderr.String())
		}
		var alt bool
		victim.Do(func(e *vt.Emulator) { alt = e.IsAltScreen() })
		if alt {
			t.Errorf("%s: left the client in the alternate screen", key)
		}
	}
	ts.logs.waitLog(t, `panic="boom in Update"`)
	ts.logs.waitLog(t, `panic="boom in View"`)
	ts.logs.waitLog(t, `panic="boom in a command"`)
	ts.logs.waitLog(t, "reason=panic")

	// The others carry on, and new sessions start.
	bystander.send("3")
	bystander.waitFor("[3 Partners")
	if _, _, code := run(t, c, "show kz"); code != 0 {
		t.Errorf("after the panics: exit status %d", code)
	}
	bystander.send("q")
	if code := bystander.exit(); code != 0 {
		t.Errorf("bystander exit status %d", code)
	}
}

func TestShutdown(t *testing.T) {
	ts := start(t, nil)
	var terms []*term
	var clients []*gossh.Client
	for range 3 {
		c := ts.dial(t)
		tm := openTerm(t, c, 80, 24, nil)
		tm.waitFor("[1 Summit]")
		terms, clients = append(terms, tm), append(clients, c)
	}
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- ts.Shutdown(ctx) }()
	for i, tm := range terms {
		if code := tm.exit(); code != 1 {
			t.Errorf("session %d: exit status %d", i, code)
		}
		if !strings.Contains(tm.stderr.String(), "server shutting down") {
			t.Errorf("session %d was not told: %q", i, tm.stderr.String())
		}
		var alt bool
		tm.Do(func(e *vt.Emulator) { alt = e.IsAltScreen() })
		if alt {
			t.Errorf("session %d left in the alternate screen", i)
		}
		clients[i].Close() // as OpenSSH does once its session ends
	}
	if err := <-stopped; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if d := time.Since(began); d > 900*time.Millisecond {
		t.Errorf("shutdown took %v", d)
	}
	if _, err := ts.dialErr(t); err == nil {
		t.Error("a connection was accepted after shutdown")
	}
	ts.logs.waitLog(t, "reason=shutdown")
}

// Run serves until its context ends and then returns nil.
func TestRun(t *testing.T) {
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	keyPath := filepath.Join(t.TempDir(), "data", "casia", "ssh_host_ed25519")
	go func() {
		done <- server.Run(ctx, server.Config{
			Listen: "127.0.0.1:0", Dataset: dataset(t), Exec: cli.RunRemote,
			Getenv: func(k string) string {
				if k == "XDG_DATA_HOME" {
					return filepath.Dir(filepath.Dir(keyPath))
				}
				return ""
			},
			Logger: newLogger(logs),
		})
	}()
	logs.waitLog(t, "listening")
	if !strings.Contains(logs.String(), "created host key path="+keyPath) {
		t.Errorf("host key not created at the XDG path:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "not a loopback address") {
		t.Error("warned about a loopback address")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
	logs.waitLog(t, "stopped")
}

func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "ssh_host_ed25519")
	k1, created, err := server.LoadHostKey(path)
	if err != nil || !created {
		t.Fatalf("first load: created %v, err %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", fi.Mode().Perm())
	}
	if k1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s", k1.PublicKey().Type())
	}
	pub, err := os.ReadFile(path + ".pub")
	if err != nil || !bytes.Equal(pub, gossh.MarshalAuthorizedKey(k1.PublicKey())) {
		t.Errorf("public key file: %q, %v", pub, err)
	}
	k2, created, err := server.LoadHostKey(path)
	if err != nil || created || !bytes.Equal(k1.PublicKey().Marshal(), k2.PublicKey().Marshal()) {
		t.Errorf("second load: created %v, err %v, same key %v", created, err, bytes.Equal(k1.PublicKey().Marshal(), k2.PublicKey().Marshal()))
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = server.LoadHostKey(path)
	if err == nil {
		t.Fatal("a 0644 host key was accepted")
	}
	for _, want := range []string{path, "0644", "chmod 600 " + path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := server.New(server.Config{Dataset: dataset(t), HostKeyPath: path}); err == nil {
		t.Error("New accepted a 0644 host key")
	}

	garbage := filepath.Join(t.TempDir(), "garbage")
	if err := os.WriteFile(garbage, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := server.LoadHostKey(garbage); err == nil || !strings.Contains(err.Error(), garbage) {
		t.Errorf("garbage key: %v", err)
	}
}

func TestDefaultHostKeyPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/x/data", "HOME": "/home/u"}, "/x/data/casia/ssh_host_ed25519"},
		{map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/casia/ssh_host_ed25519"},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/casia/ssh_host_ed25519"},
	} {
		got, err := server.DefaultHostKeyPath(env(c.env))
		if err != nil || got != c.want {
			t.Errorf("%v: %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:23234": true, "[::1]:23234": true, "0.0.0.0:23234": false,
		"[::]:23234": false, "192.168.1.4:23234": false,
	} {
		a, err := netResolve(addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := server.IsLoopback(a); got != want {
			t.Errorf("%s: %v, want %v", addr, got, want)
		}
	}
}

// Many sessions at once, each with its own model and size.
func TestConcurrentSessions(t *testing.T) {
	ts := start(t, nil)
	t.Run("group", func(t *testing.T) {
		for i := range 8 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				tm := openTerm(t, ts.dial(t), 60+i*5, 20+i, nil)
				tm.waitFor("casia")
				key := fmt.Sprint(i%7 + 1)
				tm.send(key)
				tm.waitFor("[" + key + " ")
				tm.send("q")
				if code := tm.exit(); code != 0 {
					t.Errorf("exit status %d", code)
				}
			})
		}
	})
	waitSessions(t, ts, 0)
}

// Keys still arriving as a program ends must not strand its input
// goroutine (and with it the session's memory): goleak in TestMain checks.
func TestKeysAfterQuit(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.MaxSessionTime = 500 * time.Millisecond })
	for i := range 4 {
		tm := openTerm(t, ts.dial(t), 80, 24, nil)
		tm.waitFor("[1 Summit]")
		if i%2 == 0 {
			tm.send("q" + strings.Repeat("jk", 500))
		} else {
			// Typing through the time limit.
			for k := 0; k < 100 && len(tm.done) == 0; k++ {
				tm.send("jk3j4k1")
				time.Sleep(10 * time.Millisecond)
			}
		}
		tm.exit()
		tm.close()
	}
	waitSessions(t, ts, 0)
}
