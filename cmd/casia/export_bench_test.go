//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

var printBytesBinary, peakRSSBinary binary

// helper builds one of the small programs in testdata, once.
func helper(t testing.TB, b *binary, name string) string {
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", name)
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, name)
		out, err := exec.Command("go", "build", "-o", b.path, "./testdata/"+name).CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// runOnce runs a command with stdout to a buffer and returns its wall
// time and output.
func runOnce(tb testing.TB, bin string, args ...string) (time.Duration, []byte) {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + os.TempDir()}
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %v: %v", bin, args, err)
	}
	return time.Since(start), out.Bytes()
}

// peakRSS is a command's peak resident set in KB, measured by the
// peakrss helper (see testdata/peakrss for why).
func peakRSS(tb testing.TB, bin string, args ...string) int64 {
	tb.Helper()
	cmd := exec.Command(helper(tb, &peakRSSBinary, "peakrss"), append([]string{bin}, args...)...)
	cmd.Env = []string{"HOME=" + os.TempDir()}
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("peakrss %s %v: %v", bin, args, err)
	}
	var kb int64
	if _, err := fmt.Sscan(string(out), &kb); err != nil {
		tb.Fatalf("peakrss printed %q", out)
	}
	return kb
}

// BenchmarkExport runs `casia export` (YAML and JSON) and, interleaved
// with it, a Go program that only prints the same bytes, and reports the
// medians and their ratio: the cost of casia's start-up, loading and
// formatting over the output itself.
//
//	go test -run '^$' -bench Export -benchtime 40x ./cmd/casia
func BenchmarkExport(b *testing.B) {
	casia := casiaBinary(b)
	ref := helper(b, &printBytesBinary, "printbytes")
	for _, format := range []string{"yaml", "json"} {
		b.Run(format, func(b *testing.B) {
			_, want := runOnce(b, casia, "export", "--format", format)
			file := filepath.Join(b.TempDir(), "export."+format)
			if err := os.WriteFile(file, want, 0o644); err != nil {
				b.Fatal(err)
			}
			var ct, rt []time.Duration
			for b.Loop() {
				d, got := runOnce(b, casia, "export", "--format", format)
				if !bytes.Equal(got, want) {
					b.Fatal("export changed between runs")
				}
				ct = append(ct, d)
				d, _ = runOnce(b, ref, file)
				rt = append(rt, d)
			}
			crss := peakRSS(b, casia, "export", "--format", format)
			rrss := peakRSS(b, ref, file)
			c, r := median(ct), median(rt)
			b.ReportMetric(float64(c.Microseconds())/1000, "casia-ms")
			b.ReportMetric(float64(r.Microseconds())/1000, "ref-ms")
			b.ReportMetric(float64(c)/float64(r), "ratio")
			b.ReportMetric(float64(crss)/1024, "casia-MB")
			b.ReportMetric(float64(rrss)/1024, "ref-MB")
		})
	}
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
