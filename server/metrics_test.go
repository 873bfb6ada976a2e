package server_test

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	gossh "golang.org/x/crypto/ssh"

	"casia/cli"
	"casia/server"
)

// scrape reads the metrics endpoint with Prometheus' own text parser: the
// whole exposition, casia's metrics, the Go runtime's and the process's,
// must parse.
func scrape(t testing.TB, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %s", resp.Status)
	}
	if f := expfmt.ResponseFormat(resp.Header); f.FormatType() != expfmt.TypeTextPlain {
		t.Fatalf("/metrics Content-Type %q: not the Prometheus text format", resp.Header.Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	return fams
}

// value is a counter's, gauge's or histogram's (its count) value for the
// given label, or for the only series when label is "".
func value(t testing.TB, fams map[string]*dto.MetricFamily, name, label, labelValue string) float64 {
	t.Helper()
	f, ok := fams[name]
	if !ok {
		t.Fatalf("no metric %s", name)
	}
	for _, m := range f.GetMetric() {
		match := label == ""
		for _, l := range m.GetLabel() {
			if l.GetName() == label && l.GetValue() == labelValue {
				match = true
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount())
		}
	}
	t.Fatalf("no series %s{%s=%q}", name, label, labelValue)
	return 0
}

func healthz(t testing.TB, url string) int {
	t.Helper()
	resp, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// The exposition as Prometheus reads it: every metric's type, and the
// histograms' buckets ("le" upper bounds, cumulative, then +Inf).
func TestMetricsExposition(t *testing.T) {
	hs := httptest.NewServer(server.NewMetrics().Handler())
	defer hs.Close()
	fams := scrape(t, hs.URL)
	for name, want := range map[string]dto.MetricType{
		"casia_ssh_sessions_open":             dto.MetricType_GAUGE,
		"casia_ssh_sessions_total":            dto.MetricType_COUNTER,
		"casia_ssh_session_duration_seconds":  dto.MetricType_HISTOGRAM,
		"casia_ssh_refusals_total":            dto.MetricType_COUNTER,
		"casia_ssh_connections_open":          dto.MetricType_GAUGE,
		"casia_ssh_key_to_frame_seconds":      dto.MetricType_HISTOGRAM,
		"casia_ssh_bytes_written_total":       dto.MetricType_COUNTER,
		"casia_ssh_input_dropped_bytes_total": dto.MetricType_COUNTER,
		"casia_ssh_render_cells":              dto.MetricType_GAUGE,
		"casia_ssh_render_cells_budget":       dto.MetricType_GAUGE,
		"casia_ssh_session_slots_used":        dto.MetricType_GAUGE,
		"casia_ready":                         dto.MetricType_GAUGE,
		"go_goroutines":                       dto.MetricType_GAUGE,
		"go_memstats_alloc_bytes_total":       dto.MetricType_COUNTER,
		"process_cpu_seconds_total":           dto.MetricType_COUNTER,
		"process_resident_memory_bytes":       dto.MetricType_GAUGE,
		"process_start_time_seconds":          dto.MetricType_GAUGE,
		"process_open_fds":                    dto.MetricType_GAUGE,
		"process_max_fds":                     dto.MetricType_GAUGE,
	} {
		f, ok := fams[name]
		if !ok {
			t.Errorf("no metric %s", name)
			continue
		}
		if f.GetType() != want {
			t.Errorf("%s is a %v, want a %v", name, f.GetType(), want)
		}
	}
	// Every label value exists from the start.
	for name, want := range map[string][]string{
		"casia_ssh_sessions_open":            {"kind=command", "kind=dashboard"},
		"casia_ssh_sessions_total":           {"kind=command", "kind=dashboard"},
		"casia_ssh_session_duration_seconds": {"kind=command", "kind=dashboard"},
		"casia_ssh_connections_open":         {"state=authenticated", "state=unauthenticated"},
		"casia_ssh_refusals_total": {"reason=auth", "reason=handshake_timeout", "reason=limit", "reason=per_address",
			"reason=per_connection", "reason=proxy", "reason=shutdown", "reason=startups"},
	} {
		var got []string
		for _, m := range fams[name].GetMetric() {
			for _, l := range m.GetLabel() {
				got = append(got, l.GetName()+"="+l.GetValue())
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s series %q, want %q", name, got, want)
		}
	}
	for name, want := range map[string][]float64{
		"casia_ssh_key_to_frame_seconds":     {0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024},
		"casia_ssh_session_duration_seconds": {0.01, 0.1, 1, 10, 60, 300, 1800, 3600, 14400, 28800},
	} {
		for _, m := range fams[name].GetMetric() {
			var bounds []float64
			for _, b := range m.GetHistogram().GetBucket() {
				bounds = append(bounds, b.GetUpperBound())
			}
			// The parser keeps +Inf as a bucket of its own.
			if n := len(bounds); n > 0 && math.IsInf(bounds[n-1], 1) {
				bounds = bounds[:n-1]
			}
			if !slices.Equal(bounds, want) {
				t.Errorf("%s%v buckets %v, want le=%v", name, m.GetLabel(), bounds, want)
			}
		}
	}
}

// buckets checks a histogram's series: buckets cumulative, the last one
// +Inf holding the count, a sum once something was observed.
func buckets(t testing.TB, fams map[string]*dto.MetricFamily, name string) {
	t.Helper()
	series := fams[name].GetMetric()
	if len(series) == 0 {
		t.Fatalf("no series %s", name)
	}
	for _, m := range series {
		h := m.GetHistogram()
		bs := h.GetBucket()
		if len(bs) == 0 {
			t.Fatalf("%s%v: no buckets", name, m.GetLabel())
		}
		var prev uint64
		for _, b := range bs {
			if b.GetCumulativeCount() < prev {
				t.Errorf("%s%v: bucket le=%v holds %d, less than the one below (%d)",
					name, m.GetLabel(), b.GetUpperBound(), b.GetCumulativeCount(), prev)
			}
			prev = b.GetCumulativeCount()
		}
		if last := bs[len(bs)-1]; !math.IsInf(last.GetUpperBound(), 1) || last.GetCumulativeCount() != h.GetSampleCount() {
			t.Errorf("%s%v: last bucket le=%v holds %d, want le=+Inf with the count %d",
				name, m.GetLabel(), last.GetUpperBound(), last.GetCumulativeCount(), h.GetSampleCount())
		}
		if h.GetSampleCount() > 0 && h.GetSampleSum() <= 0 {
			t.Errorf("%s%v: %d observations sum to %v", name, m.GetLabel(), h.GetSampleCount(), h.GetSampleSum())
		}
	}
}

func TestMetrics(t *testing.T) {
	m := server.NewMetrics()
	key, stranger := newKey(t), newKey(t)
	path := authorizedKeysFile(t, authLine(key))
	ts := start(t, func(c *server.Config) { c.Metrics = m; c.AuthorizedKeysPath = path })
	hs := httptest.NewServer(m.Handler())
	defer hs.Close()

	if code := healthz(t, hs.URL); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz before ready: %d", code)
	}
	fams := scrape(t, hs.URL)
	for _, name := range []string{"casia_ssh_sessions_open", "casia_ssh_sessions_total", "casia_ssh_refusals_total",
		"casia_ssh_session_duration_seconds", "casia_ssh_key_to_frame_seconds", "casia_ssh_bytes_written_total",
		"casia_ssh_connections_open", "casia_ssh_render_cells", "casia_ssh_render_cells_budget", "casia_ready",
		"go_goroutines", "process_resident_memory_bytes"} {
		if _, ok := fams[name]; !ok {
			t.Errorf("no metric %s", name)
		}
	}
	if v := value(t, fams, "casia_ssh_refusals_total", "reason", "per_address"); v != 0 {
		t.Errorf("refusals before anything happened: %v", v)
	}

	// A dashboard: open, some keys, still open.
	c := ts.dial(t, gossh.PublicKeys(key))
	tm := openTerm(t, c, 100, 30, nil)
	tm.waitFor("[1 Summit]")
	tm.send("3")
	tm.waitFor("[3 Partnerships]")
	tm.send("j")
	tm.waitFor(" 2/")
	fams = scrape(t, hs.URL)
	if v := value(t, fams, "casia_ssh_sessions_open", "kind", "dashboard"); v != 1 {
		t.Errorf("dashboards open: %v", v)
	}
	if v := value(t, fams, "casia_ssh_connections_open", "state", "authenticated"); v != 1 {
		t.Errorf("authenticated connections: %v", v)
	}
	if v := value(t, fams, "casia_ssh_render_cells", "", ""); v != 100*30 {
		t.Errorf("cells rendered: %v, want 3000", v)
	}
	if v := value(t, fams, "casia_ssh_key_to_frame_seconds", "", ""); v < 2 {
		t.Errorf("key-to-frame observations: %v, want 2 or more", v)
	}
	buckets(t, fams, "casia_ssh_key_to_frame_seconds")

	// A command, a refused key, a refused session.
	run(t, c, "show kz")
	if _, err := ts.dialErr(t, gossh.PublicKeys(stranger)); err == nil {
		t.Fatal("a stranger got in")
	}
	tm.send("q")
	tm.exit()
	waitSessions(t, ts, 0)

	// The server sees the refused client go a moment after it went.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if value(t, scrape(t, hs.URL), "casia_ssh_refusals_total", "reason", "auth") > 0 {
			break
		}
	}
	fams = scrape(t, hs.URL)
	for kind, want := range map[string]float64{"dashboard": 1, "command": 1} {
		if v := value(t, fams, "casia_ssh_sessions_total", "kind", kind); v != want {
			t.Errorf("%s sessions: %v, want %v", kind, v, want)
		}
		if v := value(t, fams, "casia_ssh_session_duration_seconds", "kind", kind); v != want {
			t.Errorf("%s durations observed: %v, want %v", kind, v, want)
		}
		if v := value(t, fams, "casia_ssh_sessions_open", "kind", kind); v != 0 {
			t.Errorf("%s sessions open after the end: %v", kind, v)
		}
	}
	if v := value(t, fams, "casia_ssh_refusals_total", "reason", "auth"); v != 1 {
		t.Errorf("auth refusals: %v, want 1", v)
	}
	buckets(t, fams, "casia_ssh_session_duration_seconds")
	if v := value(t, fams, "casia_ssh_bytes_written_total", "", ""); v < 1000 {
		t.Errorf("bytes written: %v", v)
	}

	m.SetReady(true)
	if code := healthz(t, hs.URL); code != http.StatusOK {
		t.Errorf("/healthz when ready: %d", code)
	}
}

// casia serve --metrics-listen: /healthz is ready while serving and the
// endpoint goes away with the server.
func TestServeMetrics(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := server.NewMetrics()
	addr, done, err := server.ServeMetrics(ctx, "127.0.0.1:0", m, nil)
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + addr.String()
	if code := healthz(t, url); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz before the server runs: %d", code)
	}
	logs := &syncBuffer{}
	runCtx, stop := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() {
		ran <- server.Run(runCtx, server.Config{
			Listen: "127.0.0.1:0", HostKeyPath: t.TempDir() + "/k", Dataset: dataset(t), Exec: cli.RunRemote,
			Logger: newLogger(logs), Metrics: m,
		})
	}()
	logs.waitLog(t, "listening")
	if code := healthz(t, url); code != http.StatusOK {
		t.Errorf("/healthz while serving: %d", code)
	}
	if v := value(t, scrape(t, url), "casia_ready", "", ""); v != 1 {
		t.Errorf("casia_ready %v", v)
	}
	stop()
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
	if code := healthz(t, url); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz after the server stopped: %d", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the metrics server did not stop")
	}
	if got, err := server.MetricsAddr(":9222"); err != nil || !strings.HasPrefix(got, "127.0.0.1:") {
		t.Errorf("a bare port listens on %q (%v), want loopback", got, err)
	}
}
