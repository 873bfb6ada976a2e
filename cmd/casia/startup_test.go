//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"casia/internal/vtscreen"
)

var minimalBinary binary

func minimalTea(t testing.TB) string {
	minimalBinary.once.Do(func() {
		dir, err := os.MkdirTemp("", "minimaltea")
		if err != nil {
			minimalBinary.err = err
			return
		}
		minimalBinary.path = filepath.Join(dir, "minimaltea")
		out, err := exec.Command("go", "build", "-o", minimalBinary.path, "./testdata/minimaltea").CombinedOutput()
		if err != nil {
			minimalBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if minimalBinary.err != nil {
		t.Fatal(minimalBinary.err)
	}
	return minimalBinary.path
}

// firstFrame starts bin in a 100×30 pseudo-terminal, answers the
// terminal's queries through an emulator, and returns the time from start
// to the moment want is on screen, and the process's peak RSS in KB.
func firstFrame(tb testing.TB, bin, want string, args ...string) (time.Duration, int64) {
	tb.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		tb.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Cols: 100, Rows: 30})
	scr := vtscreen.New(100, 30)
	go func() { _, _ = io.Copy(scr, ptmx) }()
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
	var took time.Duration
	for {
		if strings.Contains(scr.Text(), want) {
			took = time.Since(start)
			break
		}
		if time.Since(start) > 10*time.Second {
			_ = cmd.Process.Kill()
			tb.Fatalf("%s never showed %q", bin, want)
		}
		time.Sleep(200 * time.Microsecond)
	}
	// Peak RSS from /proc, sampled once the frame is up: the rusage of a
	// child started by a Go test counts the test process's own pages
	// before exec.
	time.Sleep(20 * time.Millisecond)
	rss := vmHWM(cmd.Process.Pid)
	scr.SendText("q")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		tb.Fatalf("%s did not quit", bin)
	}
	return took, rss
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

// BenchmarkStartup measures casia against a minimal Bubble Tea v2 program,
// side by side in one run, alternating them to share the machine's
// conditions: the median time until the first frame is on screen in a
// pseudo-terminal, each program's peak RSS, and the ratio of the times.
// The goals are a ratio under 1.15 and casia under 25 MB.
//
//	go test -run '^$' -bench Startup -benchtime 20x ./cmd/casia
func BenchmarkStartup(b *testing.B) {
	casia, minimal := casiaBinary(b), minimalTea(b)
	var ct, mt []time.Duration
	var crss, mrss int64
	for b.Loop() {
		d, r := firstFrame(b, minimal, "hello from a minimal")
		mt, mrss = append(mt, d), max(mrss, r)
		d, r = firstFrame(b, casia, "Second China–Central Asia Summit", "--no-state")
		ct, crss = append(ct, d), max(crss, r)
	}
	med := func(ds []time.Duration) time.Duration {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2]
	}
	cm, mm := med(ct), med(mt)
	b.ReportMetric(float64(cm.Microseconds())/1000, "casia-ms")
	b.ReportMetric(float64(mm.Microseconds())/1000, "minimal-ms")
	b.ReportMetric(float64(cm)/float64(mm), "ratio")
	b.ReportMetric(float64(crss)/1024, "casia-MB")
	b.ReportMetric(float64(mrss)/1024, "minimal-MB")
}
