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
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Session kinds, the "kind" label.
const (
	kindDashboard = "dashboard"
	kindCommand   = "command"
)

// Metrics are the server's Prometheus metrics, on a registry of their own
// (with the Go runtime's and the process's). Serve them with Handler or
// ServeMetrics; /healthz answers 200 once SetReady(true) (the dataset is
// loaded and the server listens) and 503 otherwise.
type Metrics struct {
	reg *prometheus.Registry

	sessionsOpen  *prometheus.GaugeVec
	sessionsTotal *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	refusals      *prometheus.CounterVec
	connections   *prometheus.GaugeVec
	keyFrame      prometheus.Histogram
	written       prometheus.Counter
	inputDropped  prometheus.Counter

	cells  atomic.Pointer[func() int] // the area granted to dashboards
	slots  atomic.Pointer[func() int] // open session channels
	budget atomic.Int64
	ready  atomic.Bool
}

// NewMetrics makes the metrics, all at zero.
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	const ns, sub = "casia", "ssh"
	m.sessionsOpen = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: ns, Subsystem: sub, Name: "sessions_open",
		Help: "Sessions being served, by kind (dashboard, command).",
	}, []string{"kind"})
	m.sessionsTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: ns, Subsystem: sub, Name: "sessions_total",
		Help: "Sessions started, by kind (dashboard, command).",
	}, []string{"kind"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: ns, Subsystem: sub, Name: "session_duration_seconds",
		Help:    "How long sessions lasted, by kind.",
		Buckets: []float64{0.01, 0.1, 1, 10, 60, 300, 1800, 3600, 4 * 3600, 8 * 3600},
	}, []string{"kind"})
	m.refusals = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: ns, Subsystem: sub, Name: "refusals_total",
		Help: "Connections and sessions refused, by reason: limit (server full), per_address, per_connection, " +
			"startups (too many unauthenticated connections), auth, handshake_timeout, proxy, shutdown.",
	}, []string{"reason"})
	m.connections = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: ns, Subsystem: sub, Name: "connections_open",
		Help: "Open connections, by state (unauthenticated, authenticated).",
	}, []string{"state"})
	m.keyFrame = prometheus.NewHistogram(prometheus.HistogramOpts{
		Namespace: ns, Subsystem: sub, Name: "key_to_frame_seconds",
		Help:    "From a key (or click, or paste) arriving to the next frame written to its dashboard's client.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 11), // 1 ms … 1 s
	})
	m.written = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: ns, Subsystem: sub, Name: "bytes_written_total",
		Help: "Bytes written to clients: frames and command output.",
	})
	m.inputDropped = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: ns, Subsystem: sub, Name: "input_dropped_bytes_total",
		Help: "Input bytes dropped: escape sequences over the length limit, unknown sequences, pastes over the limit.",
	})
	cells := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: ns, Subsystem: sub, Name: "render_cells",
		Help: "Cells (columns × rows) the dashboards render, together.",
	}, gauge(&m.cells))
	budget := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: ns, Subsystem: sub, Name: "render_cells_budget",
		Help: "The most cells the dashboards may render together (--max-sessions × 4,800 by default).",
	}, func() float64 { return float64(m.budget.Load()) })
	slots := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: ns, Subsystem: sub, Name: "session_slots_used",
		Help: "Session channels open, started or not: each takes one of --max-sessions.",
	}, gauge(&m.slots))
	ready := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: ns, Name: "ready",
		Help: "1 once the dataset is loaded and the server listens; 0 while starting or shutting down.",
	}, func() float64 {
		if m.ready.Load() {
			return 1
		}
		return 0
	})
	m.reg.MustRegister(m.sessionsOpen, m.sessionsTotal, m.duration, m.refusals, m.connections,
		m.keyFrame, m.written, m.inputDropped, cells, budget, slots, ready,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every label value a dashboard may look for exists from the start.
	for _, k := range []string{kindDashboard, kindCommand} {
		m.sessionsOpen.WithLabelValues(k)
		m.sessionsTotal.WithLabelValues(k)
		m.duration.WithLabelValues(k)
	}
	for _, r := range []string{refuseLimit, refuseAddress, refuseConnection, refuseStartups, refuseAuth,
		refuseHandshake, refuseProxy, refuseShutdown} {
		m.refusals.WithLabelValues(r)
	}
	m.connections.WithLabelValues("unauthenticated")
	m.connections.WithLabelValues("authenticated")
	return m
}

// Registry is where the metrics are registered (to add one's own, or to
// gather them in a test).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SetReady sets what /healthz answers.
func (m *Metrics) SetReady(ok bool) { m.ready.Store(ok) }

// Handler serves /metrics (Prometheus text format) and /healthz.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
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
	m.sessionsOpen.WithLabelValues(kind).Inc()
	m.sessionsTotal.WithLabelValues(kind).Inc()
}

func (m *Metrics) sessionEnded(kind string, d time.Duration) {
	m.sessionsOpen.WithLabelValues(kind).Dec()
	m.duration.WithLabelValues(kind).Observe(d.Seconds())
}

func (m *Metrics) refused(reason string)      { m.refusals.WithLabelValues(reason).Inc() }
func (m *Metrics) wrote(n int)                { m.written.Add(float64(n)) }
func (m *Metrics) dropped(n int64)            { m.inputDropped.Add(float64(n)) }
func (m *Metrics) keyToFrame(d time.Duration) { m.keyFrame.Observe(d.Seconds()) }

func (m *Metrics) connOpened() { m.connections.WithLabelValues("unauthenticated").Inc() }

func (m *Metrics) connAuthenticated() {
	m.connections.WithLabelValues("unauthenticated").Dec()
	m.connections.WithLabelValues("authenticated").Inc()
}

// connAuthRefused: authenticated, but over the limit, and closed.
func (m *Metrics) connAuthRefused() { m.connections.WithLabelValues("unauthenticated").Dec() }

func (m *Metrics) connClosed(authed bool) {
	if authed {
		m.connections.WithLabelValues("authenticated").Dec()
	} else {
		m.connections.WithLabelValues("unauthenticated").Dec()
	}
}

// gauge reads a count the server registers later (nil until then, 0).
func gauge(p *atomic.Pointer[func() int]) func() float64 {
	return func() float64 {
		if f := p.Load(); f != nil {
			return float64((*f)())
		}
		return 0
	}
}
