package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"charm.land/log/v2"
	"github.com/VictoriaMetrics/metrics"
)

// Session kinds, the "kind" label.
const (
	kindDashboard = "dashboard"
	kindCommand   = "command"
)

// Metrics are the server's Prometheus metrics, in a metrics.Set of their
// own (not github.com/VictoriaMetrics/metrics' default set), served with
// the Go runtime's and the process's. Serve them with Handler or
// ServeMetrics; /healthz answers 200 once SetReady(true) (the dataset is
// loaded and the server listens) and 503 otherwise.
//
// The exposition's HELP lines carry no text (the library writes none):
// README.md's Metrics section says what each metric means.
type Metrics struct {
	set *metrics.Set

	sessionsOpen  labelled[metrics.Gauge]               // sessions being served, by kind
	sessionsTotal labelled[metrics.Counter]             // sessions started, by kind
	duration      labelled[metrics.PrometheusHistogram] // how long sessions lasted, by kind
	refusals      labelled[metrics.Counter]             // connections and sessions refused, by reason
	unauthed      *metrics.Gauge                        // open connections not yet authenticated
	authed        *metrics.Gauge                        // open authenticated connections
	keyFrame      *metrics.PrometheusHistogram          // a key, click or paste to the next frame written for it
	written       *metrics.Counter                      // bytes written to clients: frames and command output
	inputDropped  *metrics.Counter                      // over-long or unknown sequences, pastes over the limit

	cells  atomic.Pointer[func() int] // the area granted to dashboards
	slots  atomic.Pointer[func() int] // open session channels
	budget atomic.Int64
	ready  atomic.Bool
}

// NewMetrics makes the metrics, all at zero, every label value a dashboard
// may look for included.
func NewMetrics() *Metrics {
	// HELP and TYPE lines, which Prometheus reads the metric types from.
	// The setting is the library's, for the whole process.
	metrics.ExposeMetadata(true)
	s := metrics.NewSet()
	m := &Metrics{set: s}
	const p = "casia_ssh_"
	// Histogram bucket upper bounds (Prometheus "le"), seconds.
	durationBuckets := []float64{0.01, 0.1, 1, 10, 60, 300, 1800, 3600, 4 * 3600, 8 * 3600}
	keyFrameBuckets := metrics.ExponentialBuckets(0.001, 2, 11) // 1 ms … 1.024 s
	gauge := func(name string) *metrics.Gauge { return s.GetOrCreateGauge(name, nil) }
	histogram := func(bounds []float64) func(string) *metrics.PrometheusHistogram {
		return func(name string) *metrics.PrometheusHistogram {
			return s.GetOrCreatePrometheusHistogramExt(name, bounds)
		}
	}
	kinds := []string{kindDashboard, kindCommand}
	m.sessionsOpen = newLabelled(p+"sessions_open", "kind", gauge, kinds...)
	m.sessionsTotal = newLabelled(p+"sessions_total", "kind", s.GetOrCreateCounter, kinds...)
	m.duration = newLabelled(p+"session_duration_seconds", "kind", histogram(durationBuckets), kinds...)
	m.refusals = newLabelled(p+"refusals_total", "reason", s.GetOrCreateCounter,
		refuseLimit, refuseAddress, refuseConnection, refuseStartups, refuseAuth,
		refuseHandshake, refuseProxy, refuseShutdown)
	m.unauthed = gauge(p + `connections_open{state="unauthenticated"}`)
	m.authed = gauge(p + `connections_open{state="authenticated"}`)
	m.keyFrame = s.NewPrometheusHistogramExt(p+"key_to_frame_seconds", keyFrameBuckets)
	m.written = s.NewCounter(p + "bytes_written_total")
	m.inputDropped = s.NewCounter(p + "input_dropped_bytes_total")
	s.NewGauge(p+"render_cells", read(&m.cells))
	s.NewGauge(p+"render_cells_budget", func() float64 { return float64(m.budget.Load()) })
	s.NewGauge(p+"session_slots_used", read(&m.slots))
	s.NewGauge("casia_ready", func() float64 {
		if m.ready.Load() {
			return 1
		}
		return 0
	})
	return m
}

// labelled is a family of series told apart by one label, like a client
// library's vector: the values it is made with exist from the start (at
// zero); another is made when first used. Values are the package's
// constants, which need no escaping.
type labelled[T any] struct {
	byValue     map[string]*T // read only once made
	name, label string
	get         func(series string) *T // the set's GetOrCreate
}

func newLabelled[T any](name, label string, get func(string) *T, values ...string) labelled[T] {
	l := labelled[T]{byValue: make(map[string]*T, len(values)), name: name, label: label, get: get}
	for _, v := range values {
		l.byValue[v] = get(l.series(v))
	}
	return l
}

func (l labelled[T]) series(v string) string { return fmt.Sprintf("%s{%s=%q}", l.name, l.label, v) }

func (l labelled[T]) with(v string) *T {
	if s, ok := l.byValue[v]; ok {
		return s
	}
	return l.get(l.series(v))
}

// SetReady sets what /healthz answers.
func (m *Metrics) SetReady(ok bool) { m.ready.Store(ok) }

// Handler serves /metrics (Prometheus text format: casia's metrics, then
// the Go runtime's go_* and the process's process_*) and /healthz.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.set.WritePrometheus(w)
		metrics.WriteProcessMetrics(w)
		metrics.WriteFDMetrics(w) // process_open_fds, process_max_fds
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !m.ready.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = fmt.Fprintln(w, "not ready")
			return
		}
		_, _ = fmt.Fprintln(w, "ok")
	})
	return mux
}

// MetricsAddr completes a --metrics-listen address: a bare port (":9222")
// listens on the loopback interface, not on every interface.
func MetricsAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--metrics-listen %q: %w", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// ServeMetrics serves m on addr (see MetricsAddr) until ctx is done. It
// returns once listening, with the address; errc receives the end of
// serving.
func ServeMetrics(ctx context.Context, addr string, m *Metrics, logger *log.Logger) (bound net.Addr, errc <-chan error, err error) {
	addr, err = MetricsAddr(addr)
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("metrics: %w", err)
	}
	srv := &http.Server{Handler: m.Handler(), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	if logger != nil {
		logger.Info("metrics", "addr", ln.Addr().String(), "paths", "/metrics /healthz")
		if !IsLoopback(ln.Addr()) {
			logger.Warn("metrics on a non-loopback address: anyone who can reach it can read them", "addr", ln.Addr().String())
		}
	}
	out := make(chan error, 1)
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		out <- err
	}()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	return ln.Addr(), out, nil
}

func (m *Metrics) sessionStarted(kind string) {
	m.sessionsOpen.with(kind).Inc()
	m.sessionsTotal.with(kind).Inc()
}

func (m *Metrics) sessionEnded(kind string, d time.Duration) {
	m.sessionsOpen.with(kind).Dec()
	m.duration.with(kind).Update(d.Seconds())
}

func (m *Metrics) refused(reason string)      { m.refusals.with(reason).Inc() }
func (m *Metrics) wrote(n int)                { m.written.Add(n) }
func (m *Metrics) dropped(n int64)            { m.inputDropped.AddInt64(n) }
func (m *Metrics) keyToFrame(d time.Duration) { m.keyFrame.Update(d.Seconds()) }

func (m *Metrics) connOpened() { m.unauthed.Inc() }

func (m *Metrics) connAuthenticated() {
	m.unauthed.Dec()
	m.authed.Inc()
}

// connAuthRefused: authenticated, but over the limit, and closed.
func (m *Metrics) connAuthRefused() { m.unauthed.Dec() }

func (m *Metrics) connClosed(authed bool) {
	if authed {
		m.authed.Dec()
	} else {
		m.unauthed.Dec()
	}
}

// read reads a count the server registers later (nil until then, 0).
func read(p *atomic.Pointer[func() int]) func() float64 {
	return func() float64 {
		if f := p.Load(); f != nil {
			return float64((*f)())
		}
		return 0
	}
}
