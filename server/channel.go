package server

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what a client may pile up on a session before it starts. Only
// the variables the dashboard reads are accepted (OpenSSH's AcceptEnv is
// empty by default).
const (
	maxEnvVars  = 16
	maxEnvBytes = 2048 // all accepted variables together
	// channelLinger is how long a client has to close a channel the server
	// has closed before its whole connection is closed.
	channelLinger = 5 * time.Second
	// maxCommandLength bounds an exec request's command line (casia's
	// commands take a few words).
	maxCommandLength = 4096
	// tokenEnv names the variable through which a session finds its
	// channel (see sessionChannel). Clients cannot set it.
	tokenEnv = "CASIA_INTERNAL_CHANNEL"
)

var acceptedEnv = map[string]bool{
	"NO_COLOR": true, "CLICOLOR": true, "CLICOLOR_FORCE": true, "COLORTERM": true,
	"TERM_PROGRAM": true, "LANG": true, "LC_ALL": true, "LC_CTYPE": true,
}

// channel is one session channel as casia sees it, from its opening to
// its close: the requests on it are filtered here, before Wish sees them.
//
// Window changes never reach Wish. Its session keeps them in a one-slot
// channel that nobody reads until the session's handler runs, and the
// pty-req fills that slot: a window-change before the shell blocks Wish's
// request loop for good, then the filter's send, then x/crypto's
// per-channel request queue (16), and then the connection's read loop,
// which no deadline can wake (it is parked on a channel send). So this
// filter answers window changes itself and keeps the latest size, which
// the session reads when it starts.
type channel struct {
	s     *Server
	conn  *connState
	user  string // for the log, made safe
	token string
	raw   gossh.Channel // set by Accept, before the handler can run

	started atomic.Bool

	mu      sync.Mutex
	pty     bool
	width   int // latest size asked for by the client
	height  int
	resized chan struct{} // one slot: the size changed since last read
}

// sessionChannel admits a "session" channel and hands it to Wish's handler
// through the filter. It returns when the channel is closed.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	st := connStateOf(ctx)
	if st == nil {
		_ = nc.Reject(gossh.ConnectionFailed, "casia: no connection state")
		return
	}
	select {
	case <-s.quit:
		s.refuse(refuseShutdown, "refused session: shutting down", "remote", st.remote)
		_ = nc.Reject(gossh.ResourceShortage, "casia: server shutting down")
		return
	default:
	}
	if reason := st.openSession(); reason != "" {
		var msg string
		switch reason {
		case refuseConnection:
			msg = "casia: too many sessions on this connection (at most " + itoa(s.cfg.Limits.SessionsPerConnection) + ")"
		case refuseAddress:
			msg = "casia: too many sessions from your address (at most " + itoa(s.cfg.Limits.PerAddress) + ")"
		default:
			msg = "casia: the server is full (" + itoa(s.cfg.MaxSessions) + " sessions); try again later"
		}
		s.refuse(reason, "refused session: "+strings.TrimPrefix(msg, "casia: "), "user", userName(conn.User()), "remote", st.remote)
		_ = nc.Reject(gossh.ResourceShortage, msg)
		return
	}
	defer st.closeSession()

	var tok [16]byte
	_, _ = rand.Read(tok[:])
	ch := &channel{s: s, conn: st, user: userName(conn.User()), token: hex.EncodeToString(tok[:]), resized: make(chan struct{}, 1)}
	s.channels.Store(ch.token, ch)
	defer s.channels.Delete(ch.token)

	// A channel that never starts a session is closed; so is the
	// connection of a client that does not close a channel after its
	// session ended.
	accepted := make(chan gossh.Channel, 1)
	start := time.AfterFunc(s.cfg.Limits.StartTimeout, func() {
		if ch.started.Load() {
			return
		}
		select {
		case raw := <-accepted:
			s.log.Info("closed session channel: no shell or command", "remote", st.remote, "after", s.cfg.Limits.StartTimeout)
			_ = raw.Close()
			ch.closeConnUnlessClosed()
		default:
		}
	})
	defer start.Stop()

	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: nc, ch: ch, accepted: accepted}, ctx)
}

// closeConnUnlessClosed closes the channel's connection if the client has
// not closed the channel channelLinger from now.
func (ch *channel) closeConnUnlessClosed() {
	time.AfterFunc(channelLinger, func() {
		if _, open := ch.s.channels.Load(ch.token); open {
			ch.s.log.Info("closed connection: a channel the server closed stayed open", "remote", ch.conn.remote)
			_ = ch.conn.conn.Close()
		}
	})
}

// lookupChannel finds a session's channel by the token in its
// environment, and returns the environment without it.
func (s *Server) lookupChannel(env []string) (*channel, []string) {
	var ch *channel
	out := env[:0:0]
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, tokenEnv+"="); ok {
			if c, ok := s.channels.Load(v); ok && ch == nil {
				ch = c.(*channel)
			}
			continue
		}
		out = append(out, kv)
	}
	return ch, out
}

// size is the latest window size the client asked for.
func (ch *channel) size() (w, h int) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.width, ch.height
}

func (ch *channel) setSize(w, h int) {
	ch.mu.Lock()
	ch.width, ch.height = w, h
	ch.mu.Unlock()
	ch.poke()
}

// poke tells the session's watcher that its size may have changed.
func (ch *channel) poke() {
	select {
	case ch.resized <- struct{}{}:
	default:
	}
}

type filteredChannel struct {
	gossh.NewChannel
	ch       *channel
	accepted chan<- gossh.Channel
}

func (f filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	raw, in, err := f.NewChannel.Accept()
	if err != nil {
		return raw, in, err
	}
	f.ch.raw = raw
	f.accepted <- raw
	out := make(chan *gossh.Request)
	go f.ch.filter(in, out)
	return raw, out, nil
}

// filter passes on what Wish needs (the channel's token, accepted
// environment variables, pty-req, shell, exec, subsystem) and answers
// everything else itself, without ever blocking on Wish for long: Wish's
// request loop now only appends, parses and starts goroutines.
func (ch *channel) filter(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	s := ch.s
	// First, before anything the client sends: the token, as an
	// environment variable (a request that wants no reply).
	out <- &gossh.Request{Type: "env", Payload: gossh.Marshal(envReq{Name: tokenEnv, Value: ch.token})}
	envs, envBytes := 0, 0
	for req := range in {
		switch req.Type {
		case "env":
			var kv envReq
			if gossh.Unmarshal(req.Payload, &kv) != nil || !acceptedEnv[kv.Name] || ch.started.Load() ||
				envs >= maxEnvVars || envBytes+len(kv.Name)+len(kv.Value) > maxEnvBytes {
				_ = req.Reply(false, nil)
				continue
			}
			envs++
			envBytes += len(kv.Name) + len(kv.Value)
		case "pty-req":
			var p ptyReq
			if gossh.Unmarshal(req.Payload, &p) != nil {
				_ = req.Reply(false, nil)
				continue
			}
			ch.mu.Lock()
			first := !ch.pty
			ch.pty = true
			if first {
				// 0 means unknown (OpenSSH -tt without a terminal):
				// the usual 80×24, as Bubble Tea assumes.
				ch.width, ch.height = int(min(p.Columns, 1<<16)), int(min(p.Rows, 1<<16))
				if ch.width == 0 {
					ch.width = 80
				}
				if ch.height == 0 {
					ch.height = 24
				}
			}
			ch.mu.Unlock()
		case "window-change":
			var w winReq
			ch.mu.Lock()
			pty := ch.pty
			ch.mu.Unlock()
			if !pty || gossh.Unmarshal(req.Payload, &w) != nil {
				_ = req.Reply(false, nil)
				continue
			}
			if w.Columns > 0 && w.Rows > 0 {
				ch.setSize(int(min(w.Columns, 1<<16)), int(min(w.Rows, 1<<16)))
			}
			_ = req.Reply(true, nil)
			continue
		case "shell", "exec", "subsystem":
		case "auth-agent-req@openssh.com", "x11-req":
			s.refusals.warn("forwarding", "refused "+strings.TrimSuffix(req.Type, "@openssh.com"),
				"user", ch.user, "remote", ch.conn.remote)
			_ = req.Reply(false, nil)
			continue
		default: // signal, break, eow@openssh.com, …: nothing to do
			_ = req.Reply(false, nil)
			continue
		}
		out <- req
	}
}

type envReq struct{ Name, Value string }

// ptyReq and winReq are the RFC 4254 payloads of pty-req and
// window-change.
type ptyReq struct {
	Term                  string
	Columns, Rows, PW, PH uint32
	Modes                 string
}

type winReq struct{ Columns, Rows, PW, PH uint32 }

// commands are the first words a client may exec; anything else is
// refused before a session starts. The runner itself (cli.RunRemote)
// knows only list, show and export, so this is the polite first line.
var commands = map[string]bool{"list": true, "show": true, "export": true, "help": true}

// sessionRequest decides on "shell", "exec" and "subsystem" requests: a
// shell is the dashboard (with a terminal) or the overview (without); exec
// is one of the casia commands; subsystems (sftp, …) are refused. It runs
// in Wish's request loop, so it must not block: the refusal message is
// written by its own goroutine.
func (s *Server) sessionRequest(sess ssh.Session, kind string) bool {
	who := []any{"user", userName(sess.User()), "remote", sess.RemoteAddr().String()}
	switch kind {
	case "shell":
		return true
	case "exec":
		// Checked before anything parses it: Wish splits command lines with
		// anmitsu/go-shlex, which is quadratic (100 KB take a second of CPU,
		// and a request may carry 256 KB).
		if raw := sess.RawCommand(); len(raw) > maxCommandLength {
			s.refusals.warn("command", "refused command: too long", append(who, "bytes", len(raw))...)
			return false
		}
		args := sess.Command()
		if len(args) > 0 && (commands[args[0]] || strings.HasPrefix(args[0], "-")) && s.cfg.Exec != nil {
			return true
		}
		s.refusals.warn("command", "refused command", append(who, "cmd", clip(safe(sess.RawCommand()), 200))...)
		// The message goes before the refusal (OpenSSH exits on it), but a
		// client that reads nothing (a zero window) holds Wish's request
		// loop 100 ms at most: then the write goes on by itself, and the
		// channel is closed under it if it is still stuck.
		written := make(chan struct{})
		go func() {
			defer close(written)
			t := time.AfterFunc(escalateAfter, func() { _ = sess.Close() })
			defer t.Stop()
			_, _ = sess.Stderr().Write([]byte("casia: only list, show and export run here; try: ssh HOST help\r\n"))
		}()
		select {
		case <-written:
		case <-time.After(100 * time.Millisecond):
		}
		return false
	case "subsystem":
		s.refusals.warn("subsystem", "refused subsystem", append(who, "subsystem", safe(sess.Subsystem()))...)
		return false
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
