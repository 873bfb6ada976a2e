package server_test

// Regression tests for the faults an attack run found (issue 13). Each
// one plays the attack with golang.org/x/crypto/ssh (or plain TCP) against
// an in-process server on loopback, and checks what it may cost: memory by
// the runtime's own counters after a collection, never by wall-clock
// races; deadlines are generous and only bound how long a failing test
// takes.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	gossh "golang.org/x/crypto/ssh"

	"casia/internal/vtscreen"
	"casia/server"
)

const mib = 1 << 20

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func mb(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/mib) }

// growth is how much the live heap grew, or 0.
func growth(before, after uint64) uint64 {
	if after < before {
		return 0
	}
	return after - before
}

// roundTrip returns once the server has processed everything sent on c
// before it (a global request's reply comes after the packets before it).
func roundTrip(t testing.TB, c *gossh.Client) {
	t.Helper()
	if _, _, err := c.SendRequest("keepalive@openssh.com", true, nil); err != nil {
		t.Fatal(err)
	}
}

type envReq struct{ Name, Value string }

// Fault 1: channels that never start a session cost memory without bound.
// One connection opens 300 session channels, sends each 16 environment
// variables of 4 KB and 1 MiB of data, and never asks for a shell.
func TestAttackUnstartedChannels(t *testing.T) {
	ts := start(t, nil)
	c := ts.dial(t)
	before := liveHeap()
	data := make([]byte, 32<<10)
	opened, refused := 0, 0
	var refusal error
	for i := range 300 {
		ch, reqs, err := c.OpenChannel("session", nil)
		if err != nil {
			refused++
			refusal = err
			continue
		}
		opened++
		go gossh.DiscardRequests(reqs)
		for j := range 16 {
			_, _ = ch.SendRequest("env", false, gossh.Marshal(envReq{fmt.Sprintf("LC_%d_%d", i, j), strings.Repeat("v", 4000)}))
		}
		for range 32 { // 1 MiB, within the channel's 2 MiB window
			if _, err := ch.Write(data); err != nil {
				t.Fatal(err)
			}
		}
	}
	roundTrip(t, c)
	grew := growth(before, liveHeap())
	t.Logf("%d channels opened, %d refused; live heap grew %s", opened, refused, mb(grew))
	if opened > server.DefaultSessionsPerConnection {
		t.Errorf("one connection opened %d session channels, want at most %d", opened, server.DefaultSessionsPerConnection)
	}
	var open *gossh.OpenChannelError
	if !errors.As(refusal, &open) || !strings.Contains(open.Message, "too many sessions on this connection") {
		t.Errorf("refusal %v", refusal)
	}
	if grew > 32*mib {
		t.Errorf("the server's live heap grew by %s", mb(grew))
	}

	// 2,000 bare channels on another connection: all but the first few
	// are refused before they cost anything.
	c2 := ts.dial(t)
	before = liveHeap()
	opened = 0
	for range 2000 {
		if _, reqs, err := c2.OpenChannel("session", nil); err == nil {
			go gossh.DiscardRequests(reqs)
			opened++
		}
	}
	roundTrip(t, c2)
	grew = growth(before, liveHeap())
	t.Logf("bare channels: %d of 2000 opened; live heap grew %s", opened, mb(grew))
	if opened > server.DefaultSessionsPerConnection || grew > 8*mib {
		t.Errorf("2000 bare channels: %d opened, heap grew %s", opened, mb(grew))
	}
}

// Fault 1: a channel that never starts is closed, and it counts toward
// --max-sessions while it is open.
func TestAttackUnstartedChannelCounts(t *testing.T) {
	ts := start(t, func(c *server.Config) {
		c.MaxSessions = 2
		c.Limits.StartTimeout = time.Second // long enough to see them hold their slots on a busy machine
	})
	idle := ts.dial(t)
	var closed []<-chan struct{}
	for range 2 {
		ch, reqs, err := idle.OpenChannel("session", nil)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { gossh.DiscardRequests(reqs); close(done) }()
		go func() { _, _ = io.Copy(io.Discard, ch); ch.Close() }()
		closed = append(closed, done)
	}
	// Both slots are taken by channels that did nothing.
	if _, err := ts.dial(t).NewSession(); err == nil || !strings.Contains(err.Error(), "the server is full") {
		t.Errorf("third session: %v, want the server full", err)
	}
	// They are closed at the start timeout; then there is room.
	for _, done := range closed {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("an unstarted channel was never closed")
		}
	}
	ts.logs.waitLog(t, "closed session channel: no shell or command")
	if _, _, code := run(t, ts.dial(t), "show kz"); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// Fault 2: a bracketed paste that never ends. ultraviolet's reader keeps
// the whole paste until its end marker; input keeps flowing, so the idle
// timeout never fires.
func TestAttackEndlessPaste(t *testing.T) {
	ts := start(t, nil)
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("[1 Summit]")
	before := liveHeap()
	if _, err := io.WriteString(tm.stdin, "\x1b[200~"); err != nil {
		t.Fatal(err)
	}
	chunk := []byte(strings.Repeat("a", 64<<10))
	sent := 0
	for deadline := time.Now().Add(1500 * time.Millisecond); time.Now().Before(deadline) && sent < 48*mib; {
		n, err := tm.stdin.Write(chunk)
		sent += n
		if err != nil {
			t.Fatal(err)
		}
	}
	grew := growth(before, liveHeap())
	t.Logf("pasted %s in 1.5 s; the live heap grew %s", mb(uint64(sent)), mb(grew))
	if grew > 12*mib {
		t.Errorf("an endless paste of %s grew the server's heap by %s", mb(uint64(sent)), mb(grew))
	}
	// The paste ends; the dashboard answers again once the backlog (at
	// most the channel's window) has drained.
	if _, err := io.WriteString(tm.stdin, "\x1b[201~3"); err != nil {
		t.Fatal(err)
	}
	tm.WaitFor(t, "[3 Partnerships]", 30*time.Second)
	tm.send("q")
	tm.exit()
}

// Fault 3: window-change before shell. Wish's one-slot window channel is
// full from the pty-req and nobody reads it before the shell starts: the
// shell request was never answered.
func TestAttackWindowChangeBeforeShell(t *testing.T) {
	ts := start(t, nil)
	c := ts.dial(t)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	shell := make(chan error, 1)
	go func() { shell <- sess.Shell() }()
	select {
	case err := <-shell:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the shell request after a window change was never answered")
	}
	// The dashboard starts at the size of the window change.
	ts.logs.waitLog(t, "pty=120x40")
}

// Fault 3: with many window changes before the shell and a dropped TCP
// connection, the connection's reader blocked forever and its slot was
// never given back: enough such connections locked everyone out.
func TestAttackWindowChangeLeak(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.MaxSessions = 2 })
	goroutines := runtime.NumGoroutine()
	for range 30 {
		conn, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		cc, chans, reqs, err := gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
			User: "reader", Auth: []gossh.AuthMethod{noQuestions},
			HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 5 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		c := gossh.NewClient(cc, chans, reqs)
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		for i := range 40 {
			if err := sess.WindowChange(24+i%10, 80); err != nil {
				t.Fatal(err)
			}
		}
		conn.Close() // dropped, without closing the session
		c.Close()
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		u, a := ts.Conns()
		if u+a == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d connections still counted open after their TCP connections were dropped", u+a)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Everyone gets in again, and nothing was left behind.
	tm := openTerm(t, ts.dial(t), 80, 24, nil)
	tm.waitFor("[1 Summit]")
	tm.send("q")
	tm.exit()
	waitGoroutines(t, goroutines+20)
}

func waitGoroutines(t testing.TB, most int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > most {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines, want at most %d", runtime.NumGoroutine(), most)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// slowloris holds n connections from the local address from, each sending
// a banner (every other one) or nothing, and redials each as soon as it is
// closed, until stop is closed.
func slowloris(t testing.TB, addr, from string, n int, stop <-chan struct{}) *sync.WaitGroup {
	var wg sync.WaitGroup
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: time.Second}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				c, err := d.Dial("tcp", addr)
				if err != nil {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				if i%2 == 0 {
					_, _ = io.WriteString(c, "SSH-2.0-slow\r\n")
				}
				closed := make(chan struct{})
				go func() { _, _ = io.Copy(io.Discard, c); close(closed) }()
				select {
				case <-stop:
					c.Close()
					<-closed
					return
				case <-closed:
					c.Close()
				}
			}
		}()
	}
	return &wg
}

// Fault 4: slowloris. 145 sockets that say nothing kept every holder of
// an authorized key out, and each refusal was a log line.
func TestAttackSlowloris(t *testing.T) {
	key := newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := start(t, func(c *server.Config) { c.AuthorizedKeysPath = path })
	// A user who was in before the attack keeps working through it.
	early := ts.dial(t, gossh.PublicKeys(key))

	stop := make(chan struct{})
	wg := slowloris(t, ts.addr, "127.0.0.1", 145, stop)
	time.Sleep(500 * time.Millisecond) // the attack is in full swing
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: 5 * time.Second}
	failures := 0
	for i := range 10 {
		conn, err := d.Dial("tcp", ts.addr)
		if err == nil {
			var cc gossh.Conn
			var chans <-chan gossh.NewChannel
			var reqs <-chan *gossh.Request
			cc, chans, reqs, err = gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
				User: "reader", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
				HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 5 * time.Second,
			})
			if err == nil {
				c := gossh.NewClient(cc, chans, reqs)
				_, _, code, rerr := tryRun(c, "show kz")
				if rerr != nil || code != 0 {
					err = fmt.Errorf("show kz: %v, %d", rerr, code)
				}
				c.Close()
			} else {
				conn.Close()
			}
		}
		if err != nil {
			failures++
			t.Logf("legitimate login %d: %v", i, err)
		}
		if _, _, code, err := tryRun(early, "show kz"); err != nil || code != 0 {
			t.Errorf("the connection from before the attack: %v, %d", err, code)
		}
	}
	close(stop)
	wg.Wait()
	warnings := strings.Count(ts.logs.String(), "WARN")
	t.Logf("%d of 10 legitimate logins failed; %d warning lines logged", failures, warnings)
	if failures > 0 {
		t.Errorf("%d of 10 logins with an authorized key failed during the attack", failures)
	}
	if warnings > 40 {
		t.Errorf("%d warning lines during a few seconds of attack", warnings)
	}
}

// Fault 4: unauthenticated connections from many addresses are dropped
// at random from Start and all at Full (OpenSSH's MaxStartups), and never
// take the authenticated users' connections or sessions.
func TestAttackStartups(t *testing.T) {
	ts := start(t, func(c *server.Config) {
		c.Limits.Startups = server.Startups{Start: 4, Rate: 50, Full: 8}
	})
	early := ts.dial(t)
	stop := make(chan struct{})
	var wgs []*sync.WaitGroup
	for i := range 6 {
		wgs = append(wgs, slowloris(t, ts.addr, fmt.Sprintf("127.0.0.%d", 10+i), 4, stop))
	}
	defer func() {
		close(stop)
		for _, wg := range wgs {
			wg.Wait()
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if u, _ := ts.Conns(); u == 8 {
			break
		}
		if time.Now().After(deadline) {
			u, a := ts.Conns()
			t.Fatalf("%d unauthenticated, %d authenticated connections; want the startups full (8)", u, a)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for range 3 {
		if _, _, code, err := tryRun(early, "show kz"); err != nil || code != 0 {
			t.Errorf("an authenticated connection during the flood: %v, %d", err, code)
		}
	}
	if u, _ := ts.Conns(); u > 8 {
		t.Errorf("%d unauthenticated connections, the limit is 8", u)
	}
	ts.logs.waitLog(t, "reason=startups")
}

// Fault 5: large windows. Sizes were clamped to 500×200 only: 33 times the
// area of 100×30 for every session.
func TestAttackLargeWindows(t *testing.T) {
	const sessions = 4
	ts := start(t, func(c *server.Config) { c.MaxSessions = sessions })
	// The clients' emulators (whose memory is this process's too) exist
	// before the count starts; they are large enough for what the server
	// may render for the 500×200 terminals they announce.
	var screens []*vtscreen.Screen
	for range sessions - 1 {
		screens = append(screens, vtscreen.New(500, 200))
	}
	before := liveHeap()
	var terms []*term
	for _, scr := range screens {
		tm := openTermOn(t, ts.dial(t), 500, 200, scr, nil)
		tm.waitFor("[1 Summit]")
		terms = append(terms, tm)
	}
	for _, tm := range terms {
		tm.send("6") // the map, the most expensive tab
		tm.waitFor("[6 Map]")
	}
	grew := growth(before, liveHeap())
	t.Logf("%d dashboards at 500×200: the live heap grew %s", sessions-1, mb(grew))
	if grew > (sessions-1)*6*mib {
		t.Errorf("%d dashboards at 500×200 took %s", sessions-1, mb(grew))
	}
	// The last one sees all it is sent: each dashboard was scaled down to
	// its share of the budget (4 × 4,800 cells).
	big := openTermSized(t, ts.dial(t), 500, 200, 500, 200, nil)
	big.waitFor("casia")
	big.send("6")
	big.waitFor("[6 Map]")
	if w, h := drawnExtent(big.screen()); w*h > 4800*11/10 {
		t.Errorf("a dashboard at 500×200 draws %d×%d cells, want at most about 4,800", w, h)
	}
	ts.logs.waitLog(t, "pty=500x200 size=")
	for _, tm := range append(terms, big) {
		tm.send("q")
		tm.exit()
	}

	// Alone, a dashboard gets its terminal, up to the most cells one may
	// render (here the whole budget, 4 × 4,800).
	alone := openTermSized(t, ts.dial(t), 500, 200, 500, 200, nil)
	alone.waitFor("casia")
	if w, h := drawnExtent(alone.screen()); w*h > 4*4800 || w*h < 4*4800*9/10 {
		t.Errorf("alone, a dashboard at 500×200 draws %d×%d cells, want about %d", w, h, 4*4800)
	}
	alone.send("q")
	alone.exit()
}

// drawnExtent is the width and height of the screen's non-blank part.
func drawnExtent(screen string) (w, h int) {
	for y, line := range strings.Split(screen, "\n") {
		line = strings.TrimRight(line, " ")
		if line != "" {
			h = y + 1
			w = max(w, len([]rune(line)))
		}
	}
	return w, h
}

// Fault 6: input parsing was quadratic in the length of an unfinished
// escape sequence, and every byte reached the decoder. A client sends
// ever longer unfinished sequences; the dashboard stays responsive and the
// server's CPU time grows linearly (by the process's own counters).
func TestAttackUnfinishedSequences(t *testing.T) {
	ts := start(t, nil)
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("[1 Summit]")
	cost := func(n int, key, want string) time.Duration {
		before := cpuTime()
		// An operating system command (a window title) that goes on.
		if _, err := io.WriteString(tm.stdin, "\x1b]0;"+strings.Repeat("x", n)); err != nil {
			t.Fatal(err)
		}
		// Then its end and a key, whose effect shows that everything
		// before it has been read.
		if _, err := io.WriteString(tm.stdin, "\a"+key); err != nil {
			t.Fatal(err)
		}
		tm.WaitFor(t, want, 60*time.Second)
		return cpuTime() - before
	}
	small, large := cost(256<<10, "3", "[3 Partnerships]"), cost(2<<20, "4", "[4 Infrastructure]")
	t.Logf("CPU for an unfinished sequence of 256 KiB: %v; of 2 MiB: %v (ratio %.1f; linear 8, quadratic 64)",
		small, large, float64(large)/float64(small))
	if large > 24*max(small, 20*time.Millisecond) {
		t.Errorf("8× the input cost %.1f× the CPU time", float64(large)/float64(small))
	}
}

// A control sequence with more than 32 parameters made charmbracelet/x/ansi's
// DecodeSequence (called by ultraviolet's reader on all input) index out of
// range in the input goroutine, where nothing recovers: one client's
// keystrokes crashed the whole server.
func TestAttackManyParameters(t *testing.T) {
	ts := start(t, nil)
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("[1 Summit]")
	for _, seq := range []string{
		"\x1b[" + strings.Repeat("1;", 40) + "m",
		"\x1b[" + strings.Repeat("1;", 33) + "1u",
		"\x1b[?" + strings.Repeat("1:", 40) + "1$y",
		"\x1bP" + strings.Repeat("1;", 40) + "q\x1b\\",
	} {
		if _, err := io.WriteString(tm.stdin, seq); err != nil {
			t.Fatal(err)
		}
	}
	tm.send("3")
	tm.waitFor("[3 Partnerships]")
	// A paste is text: its escape sequences are not passed on.
	tm.send("/")
	if _, err := io.WriteString(tm.stdin, "\x1b[200~kaz\x1b["+strings.Repeat("1;", 40)+"mkh\x1b[201~"); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("kazkh")
	tm.key(uv.KeyPressEvent{Code: uv.KeyEscape})
	tm.waitFor("Japan") // the filter is gone (a q sooner after ESC would be alt+q)
	tm.send("q")
	tm.exit()
}

// Found in the attack pass: Wish splits an exec request's command line
// with anmitsu/go-shlex, which is quadratic: a 200 KB command took four
// seconds of CPU, and a client may send as many as it likes.
func TestAttackLongCommand(t *testing.T) {
	ts := start(t, nil)
	c := ts.dial(t)
	before := cpuTime()
	for range 5 {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.Start("list projects --filter '" + strings.Repeat("a", 200_000) + "'"); err == nil {
			t.Error("a 200 KB command line was accepted")
		}
		sess.Close()
	}
	used := cpuTime() - before
	t.Logf("5 refused 200 KB command lines cost %v of CPU", used)
	if used > time.Second {
		t.Errorf("5 refused command lines cost %v of CPU", used)
	}
	ts.logs.waitLog(t, "refused command: too long")
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// keyCounter counts the key presses its dashboard receives.
type keyCounter struct {
	tea.Model
	n *atomic.Int64
}

func (k keyCounter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		k.n.Add(1)
	}
	m, cmd := k.Model.Update(msg)
	return keyCounter{m, k.n}, cmd
}

// Fault 6: a flood of plain keys reaches the dashboard at the event rate,
// not at the speed of the network.
func TestAttackKeyFlood(t *testing.T) {
	var keys atomic.Int64
	ts := start(t, func(c *server.Config) {
		c.WrapModel = func(m tea.Model) tea.Model { return keyCounter{m, &keys} }
	})
	tm := openTerm(t, ts.dial(t), 100, 30, nil)
	tm.waitFor("[1 Summit]")
	began := time.Now()
	flood := strings.Repeat("jk", 50000) // 100,000 keys
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.WriteString(tm.stdin, flood)
	}()
	time.Sleep(time.Second)
	got, elapsed := keys.Load(), time.Since(began)
	most := int64(elapsed.Seconds()*server.DefaultEventRate) + 2*server.DefaultEventRate + 10
	t.Logf("%d keys delivered in %v (at most %d allowed)", got, elapsed.Round(time.Millisecond), most)
	if got > most {
		t.Errorf("%d keys reached the dashboard in %v, more than the event rate allows (%d)", got, elapsed, most)
	}
	tm.close()
	<-done
}

// authorizedKeysFile writes lines to a fresh authorized_keys file (0600).
func authorizedKeysFile(t testing.TB, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func authLine(k gossh.Signer) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey())))
}

// admits reports whether key gets in.
func (ts *testServer) admits(t testing.TB, key gossh.Signer) bool {
	t.Helper()
	c, err := ts.dialErr(t, gossh.PublicKeys(key))
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// Fault 7: reloads of --authorized-keys kept removed keys.
func TestAuthorizedKeysFailClosed(t *testing.T) {
	a, b := newKey(t), newKey(t)
	path := authorizedKeysFile(t, authLine(a), authLine(b))
	ts := start(t, func(c *server.Config) { c.AuthorizedKeysPath = path })
	if !ts.admits(t, a) || !ts.admits(t, b) {
		t.Fatal("listed keys refused")
	}

	// An edit that leaves a malformed line: nobody, and the log says why.
	if err := os.WriteFile(path, []byte(authLine(a)+"\nssh-ed25519 AAAA-not-base64\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ts.admits(t, a) || ts.admits(t, b) {
		t.Error("a file with a malformed line still admits keys")
	}
	ts.logs.waitLog(t, "authorized keys unusable: admitting nobody")

	// Fixed: only what it lists.
	if err := os.WriteFile(path, []byte(authLine(a)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if !ts.admits(t, a) || ts.admits(t, b) {
		t.Error("after the fix: want a in, b out")
	}

	// A replacement with the same size and modification time (cp -p):
	// b instead of a.
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(authLine(b)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if fi2, _ := os.Stat(path); fi2.Size() != fi.Size() || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Fatal("the replacement differs in size or time")
	}
	if ts.admits(t, a) || !ts.admits(t, b) {
		t.Error("a same-size, same-mtime replacement was not noticed")
	}

	// Group- or world-writable: nobody.
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if ts.admits(t, b) {
		t.Error("a world-writable authorized_keys file admits keys")
	}
	ts.logs.waitLog(t, "writable by group or others")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if !ts.admits(t, b) {
		t.Error("after chmod 600: refused")
	}

	// Deleted: nobody.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if ts.admits(t, b) {
		t.Error("a deleted authorized_keys file still admits its keys")
	}

	// At start-up, a world-writable file is an error.
	bad := authorizedKeysFile(t, authLine(a))
	if err := os.Chmod(bad, 0o646); err != nil {
		t.Fatal(err)
	}
	if _, err := server.New(server.Config{Dataset: dataset(t), HostKeyPath: filepath.Join(t.TempDir(), "k"), AuthorizedKeysPath: bad}); err == nil {
		t.Error("New accepted a world-writable authorized_keys file")
	}
}

// Fault 7: options were ignored. from= is honoured; restrict and no-pty
// give commands but no dashboard; a key with an option casia does not
// implement (command=) is refused, with a warning.
func TestAuthorizedKeysOptions(t *testing.T) {
	near, far, nopty, forced, expired := newKey(t), newKey(t), newKey(t), newKey(t), newKey(t)
	path := authorizedKeysFile(t,
		`from="127.0.0.1,!127.0.0.9" `+authLine(near),
		`from="10.*" `+authLine(far),
		`restrict `+authLine(nopty),
		`command="show kz" `+authLine(forced),
		`expiry-time="20200101" `+authLine(expired),
		`from="*.example.com" `+authLine(far),
	)
	ts := start(t, func(c *server.Config) { c.AuthorizedKeysPath = path })
	ts.logs.waitLog(t, "option command is not supported: this key is refused")
	ts.logs.waitLog(t, "host names are not supported")
	if !ts.admits(t, near) {
		t.Error(`from="127.0.0.1" refused from 127.0.0.1`)
	}
	for name, k := range map[string]gossh.Signer{"from=10.*": far, "command=": forced, "expired": expired} {
		if ts.admits(t, k) {
			t.Errorf("%s: admitted", name)
		}
	}
	c := ts.dial(t, gossh.PublicKeys(nopty))
	if _, _, code := run(t, c, "show kz"); code != 0 {
		t.Errorf("restrict: commands refused (%d)", code)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err == nil {
		t.Error("restrict: a terminal was granted")
	}
}

// Fault 8: the reload itself was unbounded: a symlink to /dev/zero read
// forever, a FIFO held every login until the handshake timeout.
func TestAuthorizedKeysSpecialFiles(t *testing.T) {
	key := newKey(t)
	path := authorizedKeysFile(t, authLine(key))
	ts := start(t, func(c *server.Config) { c.AuthorizedKeysPath = path })
	if !ts.admits(t, key) {
		t.Fatal("refused")
	}
	replace := func(make func(string) error) {
		t.Helper()
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if err := make(path); err != nil {
			t.Fatal(err)
		}
	}

	replace(func(p string) error { return os.Symlink("/dev/zero", p) })
	before := liveHeap()
	began := time.Now()
	if ts.admits(t, key) {
		t.Error("a symlink to /dev/zero admits keys")
	}
	if grew := growth(before, liveHeap()); grew > 8*mib {
		t.Errorf("reading a symlink to /dev/zero grew the heap by %s", mb(grew))
	}
	ts.logs.waitLog(t, "not a regular file")

	replace(func(p string) error { return syscall.Mkfifo(p, 0o600) })
	if ts.admits(t, key) {
		t.Error("a FIFO admits keys")
	}
	if d := time.Since(began); d > 20*time.Second {
		t.Errorf("two refused logins took %v", d)
	}

	replace(func(p string) error {
		big := strings.Repeat("# padding\n", 120000) + authLine(key) + "\n"
		return os.WriteFile(p, []byte(big), 0o600)
	})
	if ts.admits(t, key) {
		t.Error("a file over the size limit admits keys")
	}
	ts.logs.waitLog(t, "is larger than")
}

// Fault 9: per-client limits. One connection took every session slot;
// an authenticated connection without a session outlived --idle-timeout.
func TestAttackPerClient(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.Limits.PerAddress = 6 })
	c := ts.dial(t)
	var sessions []*gossh.Session
	for range server.DefaultSessionsPerConnection {
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	if _, err := c.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions on this connection") {
		t.Errorf("a fifth session on one connection: %v", err)
	}
	// Two more from the same address, then its limit.
	c2 := ts.dial(t)
	for range 2 {
		s, err := c2.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	if _, err := c2.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions from your address") {
		t.Errorf("a seventh session from one address: %v", err)
	}
	for _, s := range sessions {
		s.Close()
	}

	// An authenticated connection with no session, kept alive, is closed.
	ts = start(t, func(c *server.Config) { c.Limits.NoSessionTimeout = 300 * time.Millisecond })
	idle := ts.dial(t)
	closed := make(chan struct{})
	go func() { _ = idle.Wait(); close(closed) }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-closed:
			ts.logs.waitLog(t, "closed connection: no session")
			return
		case <-tick.C:
			_, _, _ = idle.SendRequest("keepalive@openssh.com", true, nil)
		case <-time.After(10 * time.Second):
			t.Fatal("an authenticated connection without a session stayed open")
		}
	}
}

// Sessions and connections that come and go are all counted back down,
// and leave no goroutine behind.
func TestAttackChurn(t *testing.T) {
	m := server.NewMetrics()
	ts := start(t, func(c *server.Config) { c.Metrics = m })
	goroutines := runtime.NumGoroutine()
	c := ts.dial(t)
	for i := range 300 {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		switch i % 3 {
		case 0: // opened and closed
		case 1: // a terminal asked for, then closed
			_ = sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
		case 2: // a command
			_ = sess.Run("show kz")
		}
		sess.Close()
	}
	for range 50 {
		c2 := ts.dial(t)
		sess, err := c2.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		_ = sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
		_ = sess.Shell()
		c2.Close() // in the middle of starting a dashboard
	}
	c.Close()
	hs := httptest.NewServer(m.Handler())
	defer hs.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		fams := scrape(t, hs.URL)
		slots := value(t, fams, "casia_ssh_session_slots_used", "", "")
		conns := value(t, fams, "casia_ssh_connections_open", "state", "authenticated") +
			value(t, fams, "casia_ssh_connections_open", "state", "unauthenticated")
		open := value(t, fams, "casia_ssh_sessions_open", "kind", "dashboard")
		if slots == 0 && conns == 0 && open == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after churn: %v slots, %v connections, %v dashboards still counted", slots, conns, open)
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitGoroutines(t, goroutines+10)
}

// The limits on connections from one address hold with an unauthenticated
// flood too: the server counts every connection back down.
func TestConnectionsCountedClosed(t *testing.T) {
	ts := start(t, nil)
	for range 50 {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = bufio.NewReader(c).ReadString('\n') // the server's banner, or EOF when refused
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if u, a := ts.Conns(); u+a == 0 {
			return
		}
		if time.Now().After(deadline) {
			u, a := ts.Conns()
			t.Fatalf("%d + %d connections still counted", u, a)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
