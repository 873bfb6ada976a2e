package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// RequireChromiumEnv, when set, turns a missing Chromium from a skip into
// a failure; .ci/run sets it after installing the browser, so CI cannot
// pass without the real-browser check.
const RequireChromiumEnv = "CASIA_REQUIRE_CHROMIUM"

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(RequireChromiumEnv) != "" {
		t.Fatalf("%s is set but no chromium is on $PATH (apt-get install -y chromium)", RequireChromiumEnv)
	}
	t.Skipf("chromium is not installed: skipping the real-browser check of the HTML brief (apt-get install -y chromium; CI runs it)")
	return ""
}

// runChromium runs headless Chromium on the page with one output flag and
// returns its combined output for failure messages.
func runChromium(ctx context.Context, bin, dir, page string, out ...string) ([]byte, error) {
	profile, err := os.MkdirTemp(dir, "profile-")
	if err != nil {
		return nil, err
	}
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile, "--window-size=1000,1400",
	}, out...)
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+page)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	return cmd.CombinedOutput()
}

var (
	pdfPage  = regexp.MustCompile(`/Type\s*/Page[^s]`)
	mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)
)

// TestChromium opens the HTML brief of the embedded data in a real browser
// (Debian's chromium, headless): it prints the page to PDF and takes a
// screenshot, and checks that both are produced, that the PDF is a PDF
// with at least one page, and that the screenshot is not blank.
func TestChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "brief.html")
	if err := os.WriteFile(page, htmlOf(t, embedded(t), Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	pdfPath, pngPath := filepath.Join(dir, "brief.pdf"), filepath.Join(dir, "brief.png")
	// Generous: a busy machine must not fail the test. One run writes
	// both files, which halves the cost: about a second when the machine
	// is idle, three when it is loaded.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := runChromium(ctx, bin, dir, page, "--hide-scrollbars", "--no-pdf-header-footer",
		"--print-to-pdf="+pdfPath, "--screenshot="+pngPath)
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	outs := [][]byte{out, out}

	pdf, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatalf("no PDF: %v\n%s", err, outs[0])
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("brief.pdf is not a PDF: starts %q", pdf[:min(16, len(pdf))])
	}
	pages := len(pdfPage.FindAll(pdf, -1))
	if pages < 1 {
		t.Fatal("the PDF has no page")
	}
	// The print CSS asks for A4 (595 × 842 pt).
	for _, m := range mediaBox.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595) > 3 || math.Abs(h-842) > 3 {
			t.Errorf("a PDF page is %.0f × %.0f pt, not A4", w, h)
			break
		}
	}
	t.Logf("PDF: %d bytes, %d pages", len(pdf), pages)

	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, outs[1])
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	colours, ink, total := inkStats(img)
	t.Logf("screenshot: %v, %d colours, %.1f%% ink", img.Bounds().Size(), colours, 100*float64(ink)/float64(total))
	// Text in two colours with anti-aliasing gives hundreds of colours; a
	// blank or error page gives a handful.
	if colours < 32 {
		t.Errorf("the screenshot has %d distinct colours: blank?", colours)
	}
	if ink*100 < total { // at least 1% of pixels differ from the background
		t.Errorf("only %d of %d pixels differ from the background: blank?", ink, total)
	}
}

// inkStats counts an image's distinct colours and the pixels that differ
// from its top-left pixel (the page background).
func inkStats(img image.Image) (colours, ink, total int) {
	b := img.Bounds()
	seen := map[[4]uint32]bool{}
	br, bg, bb, ba := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if r != br || g != bg || bl != bb || a != ba {
				ink++
			}
			total++
		}
	}
	return len(seen), ink, total
}

func TestInkStats(t *testing.T) {
	blank := image.NewGray(image.Rect(0, 0, 10, 10))
	if c, ink, total := inkStats(blank); c != 1 || ink != 0 || total != 100 {
		t.Errorf("blank image: %d colours, %d ink of %d", c, ink, total)
	}
	blank.Pix[55] = 200
	if c, ink, _ := inkStats(blank); c != 2 || ink != 1 {
		t.Errorf("one dot: %d colours, %d ink", c, ink)
	}
}
