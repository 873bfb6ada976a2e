package server

import (
	"errors"
	"net"
	"net/netip"
	"sync"
	"time"

	"charm.land/ssh"
	"github.com/pires/go-proxyproto"
	gossh "golang.org/x/crypto/ssh"
)

type connStateKey struct{}

// connState is one client connection as the limits see it: its address,
// whether it authenticated, and how many session channels it has open.
type connState struct {
	s      *Server
	key    netip.Prefix
	remote string
	conn   net.Conn // closing it ends the connection

	mu        sync.Mutex
	authed    bool
	released  bool // no longer counted by the admission
	closed    bool
	sessions  int         // open session channels
	noSession *time.Timer // closes an authenticated connection without sessions
}

func connStateOf(ctx ssh.Context) *connState {
	st, _ := ctx.Value(connStateKey{}).(*connState)
	return st
}

// trackedConn releases its connection's counts when it is closed (which
// charm.land/ssh does once, on every path, when the connection ends).
type trackedConn struct {
	net.Conn
	st   *connState
	once sync.Once
}

func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.st.release)
	return err
}

// connOpened admits a new connection, or refuses it (returning nil, which
// makes charm.land/ssh close it).
func (s *Server) connOpened(ctx ssh.Context, c net.Conn) net.Conn {
	if pc, ok := c.(*proxyproto.Conn); ok {
		// Reads the header (bounded by the listener's header timeout).
		// Untrusted peers never get here: the listener closes them.
		if pc.ProxyHeader() == nil {
			s.refuse(refuseProxy, "refused connection: no valid PROXY header from a trusted proxy",
				"peer", pc.Raw().RemoteAddr().String())
			return nil
		}
	}
	remote := c.RemoteAddr()
	select {
	case <-s.quit:
		s.refuse(refuseShutdown, "refused connection: shutting down", "remote", remote.String())
		return nil
	default:
	}
	key := addrKey(remote)
	if reason := s.admit.conn(key); reason != "" {
		msg := "refused connection: too many unauthenticated connections"
		if reason == refuseAddress {
			msg = "refused connection: too many connections from this address"
		}
		s.refuse(reason, msg, "remote", remote.String())
		return nil
	}
	st := &connState{s: s, key: key, remote: remote.String()}
	tc := &trackedConn{Conn: c, st: st}
	st.conn = tc
	ctx.SetValue(connStateKey{}, st)
	s.metrics.connOpened()
	return tc
}

// authenticated is called when a connection's authentication succeeded: it
// moves to the authenticated connections, which the unauthenticated cannot
// crowd out.
func (st *connState) authenticated() {
	s := st.s
	st.mu.Lock()
	if st.released || st.authed {
		st.mu.Unlock()
		return
	}
	if reason := s.admit.authenticated(st.key); reason != "" {
		st.released = true
		st.mu.Unlock()
		s.metrics.connAuthRefused()
		s.refuse(reason, "refused connection: too many connections", "remote", st.remote)
		_ = st.conn.Close()
		return
	}
	st.authed = true
	st.noSession = time.AfterFunc(s.cfg.Limits.NoSessionTimeout, st.closeWithoutSession)
	st.mu.Unlock()
	s.metrics.connAuthenticated()
}

// release forgets the connection (it was closed).
func (st *connState) release() {
	st.mu.Lock()
	st.closed = true
	if st.noSession != nil {
		st.noSession.Stop()
	}
	wasCounted, authed := !st.released, st.authed
	st.released = true
	st.mu.Unlock()
	if wasCounted {
		st.s.admit.closed(st.key, authed)
		st.s.metrics.connClosed(authed)
	}
}

// openSession admits a session channel on this connection.
func (st *connState) openSession() (reason string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return refuseLimit
	}
	if reason := st.s.admit.session(st.key, st.sessions); reason != "" {
		return reason
	}
	st.sessions++
	if st.noSession != nil {
		st.noSession.Stop()
	}
	return ""
}

func (st *connState) closeSession() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sessions--
	st.s.admit.sessionClosed(st.key)
	if st.sessions == 0 && st.noSession != nil && !st.closed {
		st.noSession.Reset(st.s.cfg.Limits.NoSessionTimeout)
	}
}

func (st *connState) closeWithoutSession() {
	st.mu.Lock()
	idle := st.sessions == 0 && !st.closed
	st.mu.Unlock()
	if idle {
		st.s.log.Info("closed connection: no session", "remote", st.remote, "after", st.s.cfg.Limits.NoSessionTimeout)
		_ = st.conn.Close()
	}
}

// connFailed is called when a connection ends before it authenticated.
func (s *Server) connFailed(c net.Conn, err error) {
	var authErr *gossh.ServerAuthError
	var netErr net.Error
	switch {
	case errors.As(err, &authErr):
		s.refuse(refuseAuth, "refused connection: authentication failed", "remote", c.RemoteAddr().String())
	case errors.As(err, &netErr) && netErr.Timeout():
		s.refuse(refuseHandshake, "refused connection: no authentication within the handshake timeout",
			"remote", c.RemoteAddr().String(), "timeout", handshakeTimeout)
	case errors.Is(err, proxyproto.ErrNoProxyProtocol), errors.Is(err, proxyproto.ErrSuperfluousProxyHeader):
		s.refuse(refuseProxy, "refused connection: PROXY header", "remote", c.RemoteAddr().String(), "err", safe(err.Error()))
	default:
		s.log.Debug("connection failed", "remote", c.RemoteAddr().String(), "err", safe(err.Error()))
	}
}

// refuse counts a refusal and logs it, at a bounded rate per reason.
func (s *Server) refuse(reason, msg string, kv ...any) {
	s.metrics.refused(reason)
	s.refusals.warn(reason, msg, append(kv, "reason", reason)...)
}

// serverConfig is charm.land/ssh's per-connection x/crypto configuration:
// it learns when authentication succeeded.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		AuthLogCallback: func(_ gossh.ConnMetadata, _ string, err error) {
			if err != nil {
				return
			}
			if st := connStateOf(ctx); st != nil {
				st.authenticated()
			}
		},
	}
}
