//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"casia/internal/vtscreen"
)

// The end-to-end tests run the real binary in a pseudo-terminal and read
// the screen through a VT emulator, as a user would see it.

// binary builds casia once per set of build tags.
type binary struct {
	once sync.Once
	path string
	err  error
}

var (
	plainBinary binary
	panicBinary binary // with the test-only panic hook (tui/panichook.go)
)

// build runs go build once for this binary (pkg with flags) and returns
// the executable's path; name names it in a temporary directory.
func (b *binary) build(t testing.TB, name, pkg string, flags ...string) string {
	t.Helper()
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "casia-e2e")
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, name)
		args := append(append([]string{"build"}, flags...), "-o", b.path, pkg)
		out, err := exec.Command("go", args...).CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

func (b *binary) get(t testing.TB, tags string) string {
	t.Helper()
	return b.build(t, "casia", ".", "-tags", tags)
}

func casiaBinary(t testing.TB) string { return plainBinary.get(t, "") }

// term is a pseudo-terminal running casia, read through an emulator.
type term struct {
	*vtscreen.Screen
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File
	tty  *os.File
	done chan error
}

func start(t *testing.T, w, h int, env []string, args ...string) *term {
	t.Helper()
	return startBin(t, casiaBinary(t), w, h, env, args...)
}

func startBin(t *testing.T, bin string, w, h int, env []string, args ...string) *term {
	t.Helper()
	return startIn(t, bin, t.TempDir(), w, h, env, append([]string{"--no-state"}, args...)...)
}

// startIn starts bin with home as $HOME and $XDG_STATE_HOME, and exactly
// args.
func startIn(t *testing.T, bin, home string, w, h int, env []string, args ...string) *term {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		t.Fatal(err)
	}
	tm := &term{Screen: vtscreen.New(w, h), t: t, ptmx: ptmx, tty: tty, done: make(chan error, 1)}
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"HOME=" + home, "XDG_STATE_HOME=" + home, "TERM=xterm-256color",
		"COLORTERM=truecolor", "PATH=" + os.Getenv("PATH")}, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tm.cmd = cmd
	go func() { _, _ = io.Copy(tm, ptmx) }()        // program output -> emulator
	go func() { _, _ = io.Copy(ptmx, tm.Screen) }() // emulator replies and keys -> program
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		ptmx.Close()
		tty.Close()
	})
	return tm
}

// waitFor polls the screen until it contains want.
func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	return tm.WaitFor(tm.t, want, 10*time.Second)
}

func (tm *term) send(s string)     { tm.SendText(s) }
func (tm *term) key(k uv.KeyEvent) { tm.SendKey(k) }
func (tm *term) screen() string    { return tm.Text() }

// exit waits for the process and checks the terminal was handed back:
// main screen, cursor visible, line discipline cooked and echoing.
func (tm *term) exit(wantOK bool) {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		if wantOK && err != nil {
			tm.t.Fatalf("casia exited with %v\n%s", err, tm.screen())
		}
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("casia did not exit:\n%s", tm.screen())
	}
	time.Sleep(50 * time.Millisecond) // let the last bytes reach the emulator
	var alt, hidden bool
	tm.Do(func(e *vt.Emulator) { alt, hidden = e.IsAltScreen(), e.CursorHidden() })
	if alt {
		tm.t.Error("terminal left in the alternate screen")
	}
	if hidden {
		tm.t.Error("cursor left hidden")
	}
	tio, err := unix.IoctlGetTermios(int(tm.tty.Fd()), unix.TCGETS)
	if err != nil {
		tm.t.Fatal(err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		tm.t.Errorf("terminal left in raw mode: lflag %#x", tio.Lflag)
	}
}

// TestDashboardEndToEnd is the first-use path: first frame, tab switch,
// filter, follow a link, quit, terminal restored.
func TestDashboardEndToEnd(t *testing.T) {
	tm := start(t, 100, 30, nil)
	tm.waitFor("Second China–Central Asia Summit")
	var alt bool
	tm.Do(func(e *vt.Emulator) { alt = e.IsAltScreen() })
	if !alt {
		t.Error("the dashboard is not on the alternate screen")
	}
	if titles := tm.Titles(); len(titles) == 0 || titles[0] != "casia: Summit" {
		t.Errorf("window titles %q", titles)
	}
	tm.send("3")
	tm.waitFor("[3 Partnerships]")
	tm.send("/turk")
	s := tm.waitFor("1/1 of 14")
	if !strings.Contains(s, "Organization of Turkic States") {
		t.Errorf("filtered screen lacks the OTS:\n%s", s)
	}
	tm.key(uv.KeyPressEvent{Code: uv.KeyEnter})
	tm.send("q")
	tm.exit(true)
}

// TestStateRemembered: a first run that changes nothing leaves no state
// file; a run that switches tab writes one, and the next run opens there.
func TestStateRemembered(t *testing.T) {
	home := t.TempDir()
	state := filepath.Join(home, "casia", "state.json")
	tm := startIn(t, casiaBinary(t), home, 100, 30, nil)
	tm.waitFor("Second China–Central Asia Summit")
	tm.send("jk")
	tm.send("q")
	tm.exit(true)
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Fatalf("a run that changed nothing wrote %s (%v)", state, err)
	}
	tm = startIn(t, casiaBinary(t), home, 100, 30, nil)
	tm.waitFor("Second China–Central Asia Summit")
	tm.send("3")
	tm.waitFor("[3 Partnerships]")
	tm.send("q")
	tm.exit(true)
	if b, err := os.ReadFile(state); err != nil || !strings.Contains(string(b), `"tab": "partnerships"`) {
		t.Fatalf("state after a tab switch: %s %v", b, err)
	}
	tm = startIn(t, casiaBinary(t), home, 100, 30, nil)
	tm.waitFor("[3 Partnerships]")
	tm.send("q")
	tm.exit(true)
}

func TestQuitWithCtrlC(t *testing.T) {
	tm := start(t, 80, 24, nil)
	tm.waitFor("casia")
	tm.send("/")
	tm.key(uv.KeyPressEvent{Code: 'c', Mod: uv.ModCtrl})
	tm.exit(true)
}

func TestSIGTERMRestoresTerminal(t *testing.T) {
	tm := start(t, 80, 24, nil)
	tm.waitFor("Summit")
	if err := tm.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	tm.exit(false)
}

// TestPanicRestoresTerminal: a panic inside View (forced by a test-only
// build tag) still hands the terminal back, and exits non-zero.
func TestPanicRestoresTerminal(t *testing.T) {
	tm := startBin(t, panicBinary.get(t, "casia_panichook"), 80, 24, nil)
	tm.waitFor("Summit")
	tm.send("!")
	tm.exit(false)
	if tm.cmd.ProcessState == nil || tm.cmd.ProcessState.Success() {
		t.Error("a panic exited successfully")
	}
}

func TestTooSmallTerminal(t *testing.T) {
	tm := start(t, 30, 8, nil)
	tm.waitFor("casia needs at least")
	tm.send("q")
	tm.exit(true)
}

func TestMapAndWideTerminal(t *testing.T) {
	tm := start(t, 200, 60, nil, "--tab", "map")
	s := tm.waitFor("Legend")
	if !strings.Contains(s, "KAZAKHSTAN") {
		t.Errorf("map lacks Kazakhstan's label:\n%s", s)
	}
	tm.send("q")
	tm.exit(true)
}
