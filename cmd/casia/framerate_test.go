//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"casia/internal/vtscreen"
)

var at60Binary binary

// casiaAt60 is casia built to run at Bubble Tea's default 60 frames a
// second instead of its own 120 (tui.frameRate).
func casiaAt60(tb testing.TB) string {
	tb.Helper()
	return at60Binary.build(tb, "casia", ".", "-ldflags", "-X casia/tui.frameRate=60")
}

// notifier passes program output to the screen and signals each write.
type notifier struct {
	w     io.Writer
	wrote chan struct{}
}

func (n *notifier) Write(p []byte) (int, error) {
	k, err := n.w.Write(p)
	select {
	case n.wrote <- struct{}{}:
	default:
	}
	return k, err
}

// cpuTime is the CPU a process's threads have used, from the scheduler's
// nanosecond accounts (rusage ticks are too coarse for an idle second).
func cpuTime(pid int) time.Duration {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			total += time.Duration(ns)
		}
	}
	return total
}

// frameRun is one session of the frame-rate comparison.
type frameRun struct {
	keys     []time.Duration // key to the first byte of its frame
	idle     time.Duration   // CPU over one idle second
	perKey   time.Duration   // CPU per key while keys come every 25 ms
	noFrames int             // keys that drew nothing (should be none)
}

// keySession starts bin on the Infrastructure tab at 120×40, measures the
// CPU of an idle second, then types j and k alternately, one every 25 ms
// (40 a second, a held key), timing each from the key to the first byte
// of the frame it causes, and quits.
func keySession(tb testing.TB, bin string, keys int) frameRun {
	tb.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		tb.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Cols: 120, Rows: 40})
	scr := vtscreen.New(120, 40)
	out := &notifier{w: scr, wrote: make(chan struct{}, 1)}
	go func() { _, _ = io.Copy(out, ptmx) }()
	go func() { _, _ = io.Copy(ptmx, scr) }()
	cmd := exec.Command(bin, "--no-state", "--tab", "infrastructure")
	home := tb.TempDir()
	cmd.Env = []string{"HOME=" + home, "XDG_STATE_HOME=" + home, "TERM=xterm-256color", "COLORTERM=truecolor"}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	scr.WaitFor(tb, "sort: name", 10*time.Second)
	time.Sleep(300 * time.Millisecond) // the terminal's replies, settled
	var run frameRun
	pid := cmd.Process.Pid
	c0 := cpuTime(pid)
	time.Sleep(time.Second)
	run.idle = cpuTime(pid) - c0
	drain := func() {
		for {
			select {
			case <-out.wrote:
			case <-time.After(40 * time.Millisecond):
				return
			}
		}
	}
	drain()
	c0 = cpuTime(pid)
	for i := range keys {
		k := "j"
		if i%8 >= 4 {
			k = "k"
		}
		start := time.Now()
		scr.SendText(k)
		select {
		case <-out.wrote:
			run.keys = append(run.keys, time.Since(start))
		case <-time.After(500 * time.Millisecond):
			run.noFrames++
		}
		time.Sleep(25*time.Millisecond - time.Since(start))
		drain()
	}
	run.perKey = (cpuTime(pid) - c0) / time.Duration(keys)
	scr.SendText("q")
	return run
}

// BenchmarkFrameRate compares casia at 120 frames a second (its own rate)
// with casia at Bubble Tea's default 60, alternating them: the time from a
// key to the first byte of its frame (median and 95th percentile), the
// CPU of an idle second, and the CPU per key while keys come 40 a second.
//
//	go test -run '^$' -bench FrameRate -benchtime 3x ./cmd/casia
func BenchmarkFrameRate(b *testing.B) {
	bins := map[string]string{"120": casiaBinary(b), "60": casiaAt60(b)}
	runs := map[string][]frameRun{}
	i := 0
	for b.Loop() {
		for _, fps := range [][]string{{"120", "60"}, {"60", "120"}}[i%2] {
			runs[fps] = append(runs[fps], keySession(b, bins[fps], 40))
		}
		i++
	}
	for _, fps := range []string{"60", "120"} {
		var keys, idle, perKey []time.Duration
		missed := 0
		for _, r := range runs[fps] {
			keys = append(keys, r.keys...)
			idle = append(idle, r.idle)
			perKey = append(perKey, r.perKey)
			missed += r.noFrames
		}
		if missed > 0 {
			b.Errorf("%s fps: %d keys drew no frame", fps, missed)
		}
		slices.Sort(keys)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		b.ReportMetric(ms(middle(keys)), "key-ms-"+fps)
		b.ReportMetric(ms(keys[len(keys)*95/100]), "key-p95-ms-"+fps)
		b.ReportMetric(ms(middle(idle)), "idle-cpu-ms/s-"+fps)
		b.ReportMetric(ms(middle(perKey)), "cpu-ms/key-"+fps)
	}
}
