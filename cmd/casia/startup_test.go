//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"casia/internal/vtscreen"
)

var minimalBinary binary

func minimalTea(t testing.TB) string {
	t.Helper()
	return minimalBinary.build(t, "minimaltea", "./testdata/minimaltea")
}

// startRun is one start of a program: the time until its first frame was
// on screen, its peak RSS then, and the CPU it used from start to quit.
type startRun struct {
	frame time.Duration
	rssKB int64
	cpu   time.Duration
}

// counter counts the writes passing through to the screen, so the wait
// for the first frame reads the emulator's screen only when something new
// arrived (reading it is not free, and the test shares the machine with
// the program it measures).
type counter struct {
	w io.Writer
	n atomic.Int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(1)
	return n, err
}

// firstFrame starts bin in a w×h pseudo-terminal, answers the terminal's
// queries through an emulator, waits for want on screen, then types q and
// waits for the program to end.
func firstFrame(tb testing.TB, bin, want string, w, h int, args ...string) startRun {
	tb.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		tb.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	scr := vtscreen.New(w, h)
	out := &counter{w: scr}
	go func() { _, _ = io.Copy(out, ptmx) }()
	go func() { _, _ = io.Copy(ptmx, scr) }()
	cmd := exec.Command(bin, args...)
	home := tb.TempDir()
	cmd.Env = []string{"HOME=" + home, "XDG_STATE_HOME=" + home, "TERM=xterm-256color", "COLORTERM=truecolor"}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var run startRun
	seen := int64(0)
	for {
		if n := out.n.Load(); n != seen {
			seen = n
			if strings.Contains(scr.Text(), want) {
				run.frame = time.Since(start)
				break
			}
		}
		if time.Since(start) > 10*time.Second {
			_ = cmd.Process.Kill()
			tb.Fatalf("%s never showed %q", bin, want)
		}
		time.Sleep(100 * time.Microsecond)
	}
	// Peak RSS from /proc, read at the first frame: the rusage of a child
	// started by a Go test counts the test process's own pages before exec.
	run.rssKB = vmHWM(cmd.Process.Pid)
	scr.SendText("q")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		tb.Fatalf("%s did not quit", bin)
	}
	run.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return run
}

// vmHWM is a process's peak resident set size in KB (Linux), or 0.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb
		}
	}
	return 0
}

func middle[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkStartup measures casia against a minimal Bubble Tea v2 program
// (minimaltea: the alternate screen and one line) in pseudo-terminals of
// 80×24, 120×40 and 200×60. Each iteration starts both, in alternating
// order so they share the machine's conditions, and quits them with q; the
// medians are reported: the time until the first frame is on screen and
// its ratio, the CPU from start to quit and its ratio, and peak RSS.
// minimal120-ms is the same minimal program at 120 frames a second, the
// rate casia asks for (tui/run.go): the ratio against it is casia's own
// cost, the frame rate aside. The goals are a ratio of at most 1.15, a CPU
// ratio of at most 2 and casia under 25 MB.
//
//	go test -run '^$' -bench Startup -benchtime 20x ./cmd/casia
func BenchmarkStartup(b *testing.B) {
	casia, minimal := casiaBinary(b), minimalTea(b)
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			w, h := sz[0], sz[1]
			var c, m, m120 []startRun
			i := 0
			for b.Loop() {
				runs := []func(){
					func() { m = append(m, firstFrame(b, minimal, "hello from a minimal", w, h)) },
					func() { c = append(c, firstFrame(b, casia, "casia", w, h, "--no-state")) },
					func() { m120 = append(m120, firstFrame(b, minimal, "hello from a minimal", w, h, "-fps", "120")) },
				}
				for j := range runs {
					runs[(i+j)%len(runs)]()
				}
				i++
			}
			frames := func(rs []startRun) time.Duration {
				return middle(mapRuns(rs, func(r startRun) time.Duration { return r.frame }))
			}
			cpus := func(rs []startRun) time.Duration {
				return middle(mapRuns(rs, func(r startRun) time.Duration { return r.cpu }))
			}
			rss := func(rs []startRun) int64 { return middle(mapRuns(rs, func(r startRun) int64 { return r.rssKB })) }
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(frames(c)), "casia-ms")
			b.ReportMetric(ms(frames(m)), "minimal-ms")
			b.ReportMetric(ms(frames(m120)), "minimal120-ms")
			b.ReportMetric(float64(frames(c))/float64(frames(m)), "ratio")
			b.ReportMetric(float64(frames(c))/float64(frames(m120)), "ratio120")
			b.ReportMetric(ms(cpus(c)), "casia-cpu-ms")
			b.ReportMetric(ms(cpus(m)), "minimal-cpu-ms")
			b.ReportMetric(float64(cpus(c))/float64(cpus(m)), "cpu-ratio")
			b.ReportMetric(float64(rss(c))/1024, "casia-MB")
			b.ReportMetric(float64(rss(m))/1024, "minimal-MB")
		})
	}
}

func mapRuns[T any](rs []startRun, f func(startRun) T) []T {
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}
