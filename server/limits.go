package server

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limits bound what clients may cost the server. Zero fields take the
// defaults below; see the README's "Limits" for what they mean together.
type Limits struct {
	// PerAddress bounds the connections, and separately the sessions, that
	// one client address may hold (an IPv6 address counts by its /64).
	// Default 16.
	PerAddress int
	// StartupsPerAddress bounds one address's connections that have not
	// authenticated yet. Default 4.
	StartupsPerAddress int
	// Startups is OpenSSH's MaxStartups for connections that have not
	// authenticated yet: from Start on, a new one is refused with
	// probability Rate% rising linearly to 100% at Full. Default 10:30:100.
	Startups Startups
	// SessionsPerConnection bounds the session channels one connection may
	// have open, started or not. Default 4.
	SessionsPerConnection int
	// StartTimeout closes a session channel that has not asked for a shell
	// or a command this long after it was opened. Default 10s.
	StartTimeout time.Duration
	// NoSessionTimeout closes an authenticated connection that has had no
	// session for this long (keepalives do not count). Default 1m, or the
	// idle timeout if that is shorter.
	NoSessionTimeout time.Duration
	// InputRate is the bytes per second a session's input is read at, after
	// a burst of InputBurst; a faster client waits (its SSH window fills and
	// it stops sending). Defaults 1 MiB/s and 1 MiB.
	InputRate, InputBurst int
	// EventRate is the keys, mouse events and pastes per second a dashboard
	// receives, after a burst of EventBurst; faster input waits. Defaults
	// 200 and 400.
	EventRate, EventBurst int
	// MaxSequence is the longest escape sequence passed to the decoder;
	// longer ones are dropped. Default 512 bytes.
	MaxSequence int
	// MaxPaste is the longest bracketed paste delivered; the rest of a
	// longer one is dropped (a dashboard takes pastes in its filter and
	// palette). Default 4 KiB.
	MaxPaste int
	// MaxArea is the most cells one dashboard renders: a larger terminal
	// gets a frame scaled down to fit. Default 24,000 (240×100).
	MaxArea int
	// AreaBudget is the most cells all dashboards together render; while
	// they would need more, the largest are scaled down, never below an
	// equal share (AreaBudget / MaxSessions). Default MaxSessions × 4,800
	// (120×40 each).
	AreaBudget int
}

// Startups is OpenSSH's MaxStartups start:rate:full.
type Startups struct{ Start, Rate, Full int }

func (st Startups) String() string { return fmt.Sprintf("%d:%d:%d", st.Start, st.Rate, st.Full) }

// ParseStartups reads "start:rate:full" (or a single number, "full", as
// OpenSSH does).
func ParseStartups(s string) (Startups, error) {
	parts := strings.Split(s, ":")
	var n []int
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Startups{}, fmt.Errorf("max-startups %q: want start:rate:full, e.g. 10:30:100", s)
		}
		n = append(n, v)
	}
	switch len(n) {
	case 1:
		return Startups{Start: n[0], Rate: 100, Full: n[0]}, nil
	case 3:
		st := Startups{Start: n[0], Rate: n[1], Full: n[2]}
		if st.Full < 1 || st.Start > st.Full || st.Rate > 100 {
			return Startups{}, fmt.Errorf("max-startups %q: want start ≤ full, full ≥ 1 and rate ≤ 100", s)
		}
		return st, nil
	}
	return Startups{}, fmt.Errorf("max-startups %q: want start:rate:full, e.g. 10:30:100", s)
}

// Defaults for the zero values of Limits.
const (
	DefaultPerAddress            = 16
	DefaultStartupsPerAddress    = 4
	DefaultSessionsPerConnection = 4
	DefaultStartTimeout          = 10 * time.Second
	DefaultNoSessionTimeout      = time.Minute
	DefaultInputRate             = 1 << 20
	DefaultEventRate             = 200
	DefaultMaxSequence           = 512
	DefaultMaxPaste              = 4 << 10
	DefaultMaxArea               = 24000
	// shareArea is each session slot's part of the default area budget.
	shareArea = 120 * 40
)

// DefaultStartups is OpenSSH's default MaxStartups, 10:30:100.
var DefaultStartups = Startups{Start: 10, Rate: 30, Full: 100}

func (l Limits) withDefaults(cfg Config) Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.PerAddress, DefaultPerAddress)
	def(&l.StartupsPerAddress, DefaultStartupsPerAddress)
	def(&l.SessionsPerConnection, DefaultSessionsPerConnection)
	if l.Startups.Full <= 0 {
		l.Startups = DefaultStartups
	}
	if l.StartTimeout <= 0 {
		l.StartTimeout = DefaultStartTimeout
	}
	if l.NoSessionTimeout <= 0 {
		l.NoSessionTimeout = min(DefaultNoSessionTimeout, cfg.IdleTimeout)
	}
	def(&l.InputRate, DefaultInputRate)
	def(&l.InputBurst, l.InputRate)
	def(&l.EventRate, DefaultEventRate)
	def(&l.EventBurst, 2*l.EventRate)
	def(&l.MaxSequence, DefaultMaxSequence)
	def(&l.MaxPaste, DefaultMaxPaste)
	def(&l.MaxArea, DefaultMaxArea)
	def(&l.AreaBudget, cfg.MaxSessions*shareArea)
	// The budget must leave every session its share.
	l.AreaBudget = max(l.AreaBudget, cfg.MaxSessions)
	return l
}

// Refusal reasons, for the log and the casia_ssh_refusals_total metric.
const (
	refuseLimit      = "limit"             // the server is full
	refuseAddress    = "per_address"       // one address holds too much
	refuseConnection = "per_connection"    // one connection holds too many sessions
	refuseStartups   = "startups"          // too many unauthenticated connections (MaxStartups)
	refuseAuth       = "auth"              // authentication failed
	refuseHandshake  = "handshake_timeout" // no authentication within the handshake timeout
	refuseProxy      = "proxy"             // a missing, invalid or untrusted PROXY header
	refuseShutdown   = "shutdown"
)

// admission counts connections and sessions, in total and per client
// address, and decides whether the next one may start.
type admission struct {
	lim         Limits
	maxSessions int
	maxAuthed   int // authenticated connections: a reserve the unauthenticated cannot take

	mu       sync.Mutex
	startups int // connections not authenticated yet
	authed   int // authenticated connections
	sessions int // open session channels, started or not
	addrs    map[netip.Prefix]*addrUse
	intn     func(int) int // rand.IntN; tests may fix it
}

type addrUse struct{ conns, startups, sessions int }

func newAdmission(lim Limits, maxSessions int) *admission {
	return &admission{
		lim: lim, maxSessions: maxSessions, maxAuthed: 2*maxSessions + 16,
		addrs: map[netip.Prefix]*addrUse{}, intn: rand.IntN,
	}
}

// addrKey is the unit per-address limits count: an IPv4 address, or an
// IPv6 /64 (one customer's network; an attacker has as many addresses as
// it likes inside one).
func addrKey(a net.Addr) netip.Prefix {
	var ip netip.Addr
	if ap, err := netip.ParseAddrPort(a.String()); err == nil {
		ip = ap.Addr()
	} else if tcp, ok := a.(*net.TCPAddr); ok {
		ip, _ = netip.AddrFromSlice(tcp.IP)
	}
	ip = ip.Unmap()
	bits := 32
	if ip.Is6() {
		bits = 64
	}
	p, err := ip.Prefix(bits)
	if err != nil {
		return netip.Prefix{}
	}
	return p
}

// conn admits a new, unauthenticated connection from key.
func (a *admission) conn(key netip.Prefix) (reason string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.addrs[key]
	if u == nil {
		u = &addrUse{}
	}
	switch {
	case u.conns >= a.lim.PerAddress, u.startups >= a.lim.StartupsPerAddress:
		return refuseAddress
	case a.startups >= a.lim.Startups.Full:
		return refuseStartups
	case a.startups >= a.lim.Startups.Start:
		st := a.lim.Startups
		p := st.Rate
		if st.Full > st.Start {
			p += (100 - st.Rate) * (a.startups - st.Start) / (st.Full - st.Start)
		}
		if a.intn(100) < p {
			return refuseStartups
		}
	}
	a.addrs[key] = u
	u.conns++
	u.startups++
	a.startups++
	return ""
}

// authenticated moves a connection from the startups to the authenticated
// connections, which have their own limit.
func (a *admission) authenticated(key netip.Prefix) (reason string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.addrs[key]
	u.startups--
	a.startups--
	if a.authed >= a.maxAuthed {
		// Counted closed as a startup: undo the connection.
		a.dropLocked(key, u)
		return refuseLimit
	}
	a.authed++
	return ""
}

// closed forgets a connection (authenticated or not, per authed).
func (a *admission) closed(key netip.Prefix, authed bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.addrs[key]
	if authed {
		a.authed--
	} else {
		u.startups--
		a.startups--
	}
	a.dropLocked(key, u)
}

func (a *admission) dropLocked(key netip.Prefix, u *addrUse) {
	u.conns--
	if u.conns == 0 && u.sessions == 0 {
		delete(a.addrs, key)
	}
}

// session admits a session channel on a connection that holds perConn
// already.
func (a *admission) session(key netip.Prefix, perConn int) (reason string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.addrs[key]
	switch {
	case perConn >= a.lim.SessionsPerConnection:
		return refuseConnection
	case u.sessions >= a.lim.PerAddress:
		return refuseAddress
	case a.sessions >= a.maxSessions:
		return refuseLimit
	}
	u.sessions++
	a.sessions++
	return ""
}

func (a *admission) sessionClosed(key netip.Prefix) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.addrs[key]
	u.sessions--
	a.sessions--
	if u.conns == 0 && u.sessions == 0 {
		delete(a.addrs, key)
	}
}

// counts reports the connections (unauthenticated, authenticated) and the
// open session channels.
func (a *admission) counts() (startups, authed, sessions int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.startups, a.authed, a.sessions
}
