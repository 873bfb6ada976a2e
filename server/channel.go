package server

import (
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what a client may pile up on a session before it starts.
const (
	maxEnvVars  = 64
	maxEnvBytes = 4096
)

// sessionChannel hands "session" channels to Wish's handler through a
// filter that refuses agent forwarding and X11 (which Wish would accept or
// ignore) and bounds the environment a client can send.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: ch, s: s, conn: conn}, ctx)
}

type filteredChannel struct {
	gossh.NewChannel
	s    *Server
	conn *gossh.ServerConn
}

func (f filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, in, err := f.NewChannel.Accept()
	if err != nil {
		return ch, in, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		envs := 0
		for req := range in {
			switch req.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				f.s.log.Warn("refused "+strings.TrimSuffix(req.Type, "@openssh.com"),
					"user", safe(f.conn.User()), "remote", f.conn.RemoteAddr().String())
				_ = req.Reply(false, nil)
				continue
			case "env":
				envs++
				if envs > maxEnvVars || len(req.Payload) > maxEnvBytes {
					_ = req.Reply(false, nil)
					continue
				}
			}
			out <- req
		}
	}()
	return ch, out, nil
}

// commands are the first words a client may exec; anything else is
// refused before a session starts. The runner itself (cli.RunRemote)
// knows only list, show and export, so this is the polite first line.
var commands = map[string]bool{"list": true, "show": true, "export": true, "help": true}

// sessionRequest decides on "shell", "exec" and "subsystem" requests: a
// shell is the dashboard (with a terminal) or the overview (without); exec
// is one of the casia commands; subsystems (sftp, …) are refused.
func (s *Server) sessionRequest(sess ssh.Session, kind string) bool {
	who := []any{"user", safe(sess.User()), "remote", sess.RemoteAddr().String()}
	switch kind {
	case "shell":
		return true
	case "exec":
		args := sess.Command()
		if len(args) > 0 && (commands[args[0]] || strings.HasPrefix(args[0], "-")) && s.cfg.Exec != nil {
			return true
		}
		s.log.Warn("refused command", append(who, "cmd", clip(safe(sess.RawCommand()), 200))...)
		_, _ = sess.Stderr().Write([]byte("casia: only list, show and export run here; try: ssh HOST help\r\n"))
		return false
	case "subsystem":
		s.log.Warn("refused subsystem", append(who, "subsystem", safe(sess.Subsystem()))...)
		return false
	}
	return false
}
