// Package server serves the casia dashboard over SSH (Wish v2): one Bubble
// Tea program per session over one shared, read-only dataset, plus the
// scriptable list, show and export commands for sessions without a
// terminal. Nothing else is offered: no shell, no arbitrary commands, no
// forwarding of ports, agents or X11, no subsystems such as SFTP.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"casia/model"
)

// Defaults for the zero values of Config.
const (
	DefaultListen         = "127.0.0.1:23234"
	DefaultMaxSessions    = 64
	DefaultIdleTimeout    = 30 * time.Minute
	DefaultMaxSessionTime = 8 * time.Hour
	DefaultGrace          = 10 * time.Second

	// handshakeTimeout bounds a connection's time to authenticate.
	handshakeTimeout = 30 * time.Second
	// maxWidth and maxHeight bound a window's sides (Limits.MaxArea and
	// Limits.AreaBudget bound its area).
	maxWidth, maxHeight = 500, 200
	// escalateAfter is how long a session may take to wind down politely
	// (a final frame, leaving the alternate screen, a message) before its
	// connection is closed under it.
	escalateAfter = 3 * time.Second
)

// ExecFunc runs one command line for a session without a terminal and
// returns its exit status (casia/cli.RunRemote).
type ExecFunc func(ctx context.Context, args []string, ds *model.Dataset, out, errw io.Writer) int

// Config configures a Server. Zero values take the defaults above.
type Config struct {
	// Listen is the TCP address, 127.0.0.1:23234 by default.
	Listen string
	// HostKeyPath is the ed25519 host key, created (0600) when missing;
	// "" means DefaultHostKeyPath.
	HostKeyPath string
	// AuthorizedKeysPath, when set, admits only the public keys listed in
	// that OpenSSH authorized_keys file. Empty admits everyone.
	AuthorizedKeysPath string
	// MaxSessions bounds the concurrent sessions (dashboards and commands).
	MaxSessions int
	// IdleTimeout closes a dashboard that received no input for that long.
	IdleTimeout time.Duration
	// MaxSessionTime bounds any session's lifetime.
	MaxSessionTime time.Duration
	// Grace is how long Run waits for sessions to end after being told the
	// server is shutting down.
	Grace time.Duration
	// Limits bound what clients may cost: per address, per connection, per
	// session, and unauthenticated connections.
	Limits Limits

	// ProxyProtocol expects a PROXY protocol header (v1 or v2) on every
	// connection from TrustedProxies, and refuses connections from
	// anywhere else; the header's client address is the one logged and
	// limited.
	ProxyProtocol  bool
	TrustedProxies []netip.Prefix

	// Metrics, if set, receives the server's metrics (see NewMetrics).
	Metrics *Metrics
	// FPS is each dashboard's frame rate limit; 0 is Bubble Tea's
	// default (60), and it is at most 120.
	FPS int

	// Dataset is shared, read-only, by every session. Required.
	Dataset *model.Dataset
	// Exec runs list, show and export for sessions without a terminal (and
	// for `ssh -t host list ...`). Nil refuses commands.
	Exec ExecFunc
	// Logger receives structured logs; nil logs to stderr.
	Logger *log.Logger
	// Getenv resolves XDG_DATA_HOME and HOME for the default host key path;
	// nil means os.Getenv.
	Getenv func(string) string

	// WrapModel, if set, wraps each session's dashboard model (tests use it
	// to inject faults).
	WrapModel func(tea.Model) tea.Model
}

// Server is a casia SSH server. Create it with New, run it with Serve or
// Run, stop it with Shutdown.
type Server struct {
	cfg      Config
	log      *log.Logger
	refusals *logLimiter
	ssh      *ssh.Server
	auth     *authorizedKeys
	hostKey  gossh.Signer
	metrics  *Metrics
	admit    *admission
	areas    *areas
	channels sync.Map // token → *channel: open session channels

	sessions atomic.Int64 // sessions being served
	ids      atomic.Uint64
	wg       sync.WaitGroup // session handlers

	quit     chan struct{} // closed when shutting down
	quitOnce sync.Once

	mu sync.Mutex
	ln net.Listener
}

// New checks the configuration, loads (or creates) the host key and the
// authorized keys, and builds the SSH server. It does not listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.Dataset == nil {
		return nil, errors.New("serve: no dataset")
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxSessionTime <= 0 {
		cfg.MaxSessionTime = DefaultMaxSessionTime
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	cfg.Limits = cfg.Limits.withDefaults(cfg)
	if cfg.ProxyProtocol && len(cfg.TrustedProxies) == 0 {
		return nil, errors.New("serve: the PROXY protocol needs the trusted proxies' addresses (--trusted-proxies)")
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	s := &Server{cfg: cfg, log: cfg.Logger, quit: make(chan struct{}), metrics: cfg.Metrics,
		admit: newAdmission(cfg.Limits, cfg.MaxSessions),
		areas: newAreas(cfg.Limits.MaxArea, cfg.Limits.AreaBudget)}
	if s.log == nil {
		s.log = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "casia"})
	}
	s.refusals = newLogLimiter(s.log)
	cells := s.areas.cells
	s.metrics.cells.Store(&cells)
	slots := func() int { _, _, n := s.admit.counts(); return n }
	s.metrics.slots.Store(&slots)
	s.metrics.budget.Store(int64(cfg.Limits.AreaBudget))

	path := cfg.HostKeyPath
	if path == "" {
		var err error
		if path, err = DefaultHostKeyPath(cfg.Getenv); err != nil {
			return nil, err
		}
	}
	signer, created, err := LoadHostKey(path)
	if err != nil {
		return nil, err
	}
	s.hostKey = signer
	if created {
		s.log.Info("created host key", "path", path, "fingerprint", gossh.FingerprintSHA256(signer.PublicKey()))
	}

	if cfg.AuthorizedKeysPath != "" {
		if s.auth, err = loadAuthorizedKeys(cfg.AuthorizedKeysPath, s.logAt); err != nil {
			return nil, err
		}
	}

	opts := []ssh.Option{
		wish.WithAddress(cfg.Listen),
		wish.WithVersion("casia"),
		wish.WithMiddleware(s.handle),
		func(srv *ssh.Server) error {
			srv.AddHostKey(signer)
			srv.HandshakeTimeout = handshakeTimeout
			// Backstops for connections that hold no session: the session
			// limits below act first and say why.
			srv.IdleTimeout = cfg.IdleTimeout + time.Minute
			srv.MaxTimeout = cfg.MaxSessionTime + cfg.Grace + time.Minute
			srv.ConnCallback = s.connOpened
			srv.ConnectionFailedCallback = s.connFailed
			srv.ServerConfigCallback = s.serverConfig
			srv.SessionRequestCallback = s.sessionRequest
			srv.PtyCallback = s.ptyAllowed
			// Only "session" channels, with a filter in front of the
			// request handling; port forwarding ("direct-tcpip") and
			// anything else is rejected by the default handler.
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{
				"session": s.sessionChannel,
				"default": s.rejectChannel,
			}
			srv.RequestHandlers = map[string]ssh.RequestHandler{"default": s.globalRequest}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			srv.LocalPortForwardingCallback = nil
			srv.ReversePortForwardingCallback = nil
			return nil
		},
	}
	if s.auth != nil {
		opts = append(opts, wish.WithPublicKeyAuth(s.checkKey))
	} else {
		// Everyone gets in; a key, if the client offers one, is accepted
		// so that its fingerprint can be logged, and clients without keys
		// pass keyboard-interactive with no questions.
		opts = append(opts,
			wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
			wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		)
	}
	if s.ssh, err = wish.NewServer(opts...); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return s, nil
}

// HostKey is the server's public host key.
func (s *Server) HostKey() gossh.PublicKey { return s.hostKey.PublicKey() }

// Listen opens the configured address.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return ln, nil
}

// Addr is the listening address, once Serve has been called.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Serve accepts connections on ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	if s.cfg.ProxyProtocol {
		ln = s.proxyListener(ln)
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	select {
	case <-s.quit:
		_ = ln.Close()
		return nil
	default:
	}
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	select {
	case <-s.quit:
		return nil
	default:
	}
	return err
}

// Shutdown stops accepting connections, tells every session that the
// server is shutting down and waits for them to end, then closes what is
// left. It returns ctx's error if sessions outlived ctx (they are closed
// regardless).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.quitOnce.Do(func() { close(s.quit) })
	if s.ln != nil {
		_ = s.ln.Close()
	}
	s.mu.Unlock()

	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	// Clients close their connections once their sessions end (OpenSSH
	// then exits without "closed by remote host"): give them a moment.
	// Then close what is left, which also unblocks any session stuck
	// writing to a client that stopped reading.
	for wait := time.Now().Add(time.Second); s.openConns() > 0 && time.Now().Before(wait) && ctx.Err() == nil; {
		time.Sleep(10 * time.Millisecond)
	}
	_ = s.ssh.Close()
	select {
	case <-done:
	case <-time.After(escalateAfter):
		// A session stuck in its own code (a model that never returns)
		// cannot be stopped from outside; the process may exit anyway.
		if err == nil {
			err = errors.New("serve: sessions still running after their connections were closed")
		}
	}
	return err
}

// Sessions is the number of sessions being served.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// Conns is the number of open connections: not yet authenticated, and
// authenticated.
func (s *Server) Conns() (unauthenticated, authenticated int) {
	u, a, _ := s.admit.counts()
	return u, a
}

func (s *Server) openConns() int {
	u, a := s.Conns()
	return u + a
}

// Run listens, serves until ctx is done (SIGINT, SIGTERM), then shuts down
// within the grace period. A clean shutdown returns nil.
func Run(ctx context.Context, cfg Config) error {
	s, err := New(cfg)
	if err != nil {
		return err
	}
	ln, err := s.Listen()
	if err != nil {
		return err
	}
	s.logListening(ln.Addr())
	s.metrics.SetReady(true)
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	select {
	case err := <-errc:
		sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Grace)
		defer cancel()
		_ = s.Shutdown(sctx)
		return err
	case <-ctx.Done():
	}
	s.metrics.SetReady(false)
	s.log.Info("shutting down", "sessions", s.Sessions(), "grace", s.cfg.Grace)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Grace)
	defer cancel()
	if err := s.Shutdown(sctx); err != nil {
		s.log.Warn("sessions outlived the grace period and were closed", "grace", s.cfg.Grace)
	}
	if err := <-errc; err != nil {
		return err
	}
	s.log.Info("stopped")
	return nil
}

func (s *Server) logListening(addr net.Addr) {
	access := "anyone"
	if s.auth != nil {
		access = fmt.Sprintf("%d authorized keys", s.auth.count())
	}
	kv := []any{"addr", addr.String(), "access", access,
		"host_key", gossh.FingerprintSHA256(s.hostKey.PublicKey()),
		"max_sessions", s.cfg.MaxSessions, "idle_timeout", s.cfg.IdleTimeout,
		"max_session_time", s.cfg.MaxSessionTime, "max_per_address", s.cfg.Limits.PerAddress,
		"max_startups", s.cfg.Limits.Startups.String()}
	if s.cfg.ProxyProtocol {
		var trusted []string
		for _, p := range s.cfg.TrustedProxies {
			trusted = append(trusted, p.String())
		}
		kv = append(kv, "proxy_protocol_from", strings.Join(trusted, ","))
	}
	s.log.Info("listening", kv...)
	if !IsLoopback(addr) {
		who := "anyone who can reach it can connect"
		if s.auth != nil {
			who = "anyone who can reach it with an authorized key can connect"
		}
		s.log.Warn("not a loopback address: "+who, "addr", addr.String())
	}
}

// IsLoopback reports whether a listening address is reachable from this
// machine only.
func IsLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		host, _, err := net.SplitHostPort(addr.String())
		if err != nil {
			return false
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
	return tcp.IP != nil && tcp.IP.IsLoopback()
}

// rejectChannel refuses every channel type but "session": port forwarding
// ("direct-tcpip"), X11 and agent channels.
func (s *Server) rejectChannel(_ *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, _ ssh.Context) {
	s.refusals.warn("forwarding", "refused channel", "type", clip(safe(ch.ChannelType()), 64), "user", userName(conn.User()), "remote", conn.RemoteAddr().String())
	_ = ch.Reject(gossh.Prohibited, "casia serves a dashboard only")
}

// globalRequest refuses connection-level requests: remote port forwarding
// ("tcpip-forward") and keepalives, which OpenSSH expects to fail.
func (s *Server) globalRequest(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
	if req.Type == "tcpip-forward" || req.Type == "cancel-tcpip-forward" || req.Type == "streamlocal-forward@openssh.com" {
		s.refusals.warn("forwarding", "refused port forwarding", "user", userName(ctx.User()), "remote", ctx.RemoteAddr().String())
	}
	return false, nil
}
