package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	gossh "golang.org/x/crypto/ssh"

	"casia/model"
	"casia/tui"
)

// Why a session ended, for the log and the client.
const (
	endQuit     = "quit"
	endClient   = "client gone"
	endIdle     = "idle"
	endLifetime = "time limit"
	endShutdown = "shutdown"
	endPanic    = "panic"
)

// handle is the Wish middleware that serves every session: the dashboard
// (a terminal, no command) or a command. Admission happened when the
// channel opened (sessionChannel).
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ch, env := s.lookupChannel(sess.Environ())
		if ch == nil {
			// Every session channel goes through sessionChannel.
			s.log.Error("session without its channel", "remote", sess.RemoteAddr().String())
			_ = sess.Exit(1)
			return
		}
		ch.started.Store(true)
		defer func() {
			// The client closes the channel on exit-status; one that does
			// not loses its connection.
			ch.closeConnUnlessClosed()
		}()
		if !s.track() {
			s.log.Info("refused session: shutting down", "user", userName(sess.User()), "remote", sess.RemoteAddr().String())
			s.finish(sess, "casia: server shutting down", 1)
			return
		}
		defer s.wg.Done()
		start := time.Now()
		id := s.ids.Add(1)
		who := []any{"id", id, "user", userName(sess.User()), "remote", sess.RemoteAddr().String()}
		if k := sess.PublicKey(); k != nil {
			who = append(who, "key", gossh.FingerprintSHA256(k))
		}
		who = slices.Clip(who) // every append below copies
		pty, _, isPty := sess.Pty()
		args := sess.Command()
		kind := kindDashboard
		if !isPty || len(args) > 0 {
			kind = kindCommand
		}
		s.sessions.Add(1)
		s.metrics.sessionStarted(kind)
		defer func() {
			s.sessions.Add(-1)
			s.metrics.sessionEnded(kind, time.Since(start))
		}()
		// A panic in this session ends this session only (Wish recovers
		// too, but without our log and exit status).
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("session panic", append(who, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))...)
				s.finish(sess, "casia: internal error; this session has ended", 1)
			}
		}()

		if kind == kindCommand {
			s.command(sess, args, start, who)
			return
		}
		if w, h := ch.size(); w > 0 && h > 0 {
			pty.Window.Width, pty.Window.Height = w, h
		}
		reason, code, failure := s.dashboard(sess, ch, env, pty, start, who)
		end := append(who, "duration", time.Since(start).Round(time.Millisecond), "reason", reason, "exit", code)
		if failure != nil {
			s.log.Error("session ended by a panic", append(end, "panic", failure.value, "stack", failure.stack)...)
		} else {
			s.log.Info("session end", end...)
		}
		s.finish(sess, endMessage(reason, s.cfg), code)
	}
}

// track counts a session handler in s.wg unless the server is shutting
// down (Shutdown waits on s.wg, and a WaitGroup must not grow from zero
// while waited on).
func (s *Server) track() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.quit:
		return false
	default:
		s.wg.Add(1)
		return true
	}
}

// command runs list, show or export (or the overview for a bare shell
// without a terminal) and returns its exit status to the client.
func (s *Server) command(sess ssh.Session, args []string, start time.Time, who []any) {
	cmdline := clip(safe(strings.Join(args, " ")), 200)
	if s.cfg.Exec == nil {
		s.log.Warn("refused command: commands disabled", append(who, "cmd", cmdline)...)
		s.finish(sess, "casia: this server runs the dashboard only; connect with a terminal (ssh -t)", 1)
		return
	}
	ctx, cancel := context.WithTimeout(sess.Context(), s.cfg.MaxSessionTime)
	defer cancel()
	// A client that stops reading blocks the command's writes; the time
	// limit and shutdown then close its connection under it.
	stop := watchDone(ctx, s.quit, s.cfg.Grace, func() { closeConn(sess) })
	defer stop()
	if args == nil {
		// Never nil: cobra reads os.Args (the server's own command line)
		// when given nil args.
		args = []string{}
	}
	stall := time.AfterFunc(time.Hour, func() {
		s.log.Info("closed connection: the client stopped reading a command's output", append(who, "after", s.cfg.IdleTimeout)...)
		closeConn(sess)
	})
	stall.Stop()
	out := commandOutput{w: sess, m: s.metrics, stall: stall, limit: s.cfg.IdleTimeout}
	code := s.cfg.Exec(ctx, args, s.cfg.Dataset, out, sess.Stderr())
	stall.Stop()
	s.log.Info("command", append(who, "cmd", cmdline, "exit", code, "duration", time.Since(start).Round(time.Millisecond))...)
	_ = sess.Exit(code)
}

// commandOutput counts a command's output, and closes the connection of a
// client that stops reading (a write stuck for stall) instead of holding
// the session until its time limit.
type commandOutput struct {
	w     io.Writer
	m     *Metrics
	stall *time.Timer
	limit time.Duration
}

func (c commandOutput) Write(p []byte) (int, error) {
	c.stall.Reset(c.limit)
	n, err := c.w.Write(p)
	c.stall.Stop()
	c.m.wrote(n)
	return n, err
}

// watchDone calls f when ctx is done, or grace after quit is closed, until
// stop is called.
func watchDone(ctx context.Context, quit <-chan struct{}, grace time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-ctx.Done():
		case <-quit:
			select {
			case <-done:
				return
			case <-time.After(grace):
			}
		}
		f()
	}()
	return func() { close(done); wg.Wait() }
}

// dashboard runs one Bubble Tea program for the session until the user
// quits, the client goes, or a limit or the shutdown ends it.
func (s *Server) dashboard(sess ssh.Session, ch *channel, env []string, pty ssh.Pty, start time.Time, who []any) (reason string, code int, failure *panicked) {
	env = append(env, "TERM="+pty.Term)
	noColor := false
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			noColor = true
		}
	}
	g := &guard{inner: tui.New(s.cfg.Dataset, tui.Options{Remote: true, NoColor: noColor}), panicked: make(chan struct{})}
	if s.cfg.WrapModel != nil {
		g.inner = s.cfg.WrapModel(g.inner)
	}
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()

	// The window this dashboard renders: the client's, within the area
	// limits. Another dashboard's arrival or departure can change it.
	area := s.areas.join(pty.Window.Width, pty.Window.Height, ch.poke)
	defer area.leave()
	w, h := area.size()
	cw, chh := clampSize(pty.Window.Width, pty.Window.Height)
	s.log.Info("session", append(who, "pty", fmt.Sprintf("%dx%d", cw, chh), "size", fmt.Sprintf("%dx%d", w, h),
		"term", clip(safe(pty.Term), 40))...)

	var p *tea.Program
	in := newInput(ch.raw, s.cfg.Limits, func(ev uv.Event) { p.Send(ev) })
	out := &output{w: ch.raw, keyAt: &in.keyAt, metrics: s.metrics}
	opts := []tea.ProgramOption{
		tea.WithContext(ctx),
		// Bubble Tea's own input reader hands events to the program with a
		// send that never gives up: a key that arrives as the program ends
		// (typed after q, in flight at the idle timeout or the shutdown)
		// blocks it forever, and with it the whole program's memory. So
		// the program gets an input that is over at once (its reader's
		// two goroutines end; it still sends its queries: background
		// colour, synchronized output, keyboard enhancements), and the
		// session's input is decoded here (input.go) and delivered with
		// Program.Send, which gives up once the program has ended.
		tea.WithInput(noInput{}),
		tea.WithOutput(out),
		tea.WithEnvironment(env),
		tea.WithColorProfile(colorprofile.Env(env)),
		tea.WithWindowSize(w, h),
		// The server handles signals; one signal.Notify per session would
		// also make every dashboard quit on the server's SIGINT before the
		// shutdown could say why.
		tea.WithoutSignalHandler(),
		// There is no job control over SSH: ignore suspend.
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok {
				return tea.ResumeMsg{}
			}
			return msg
		}),
	}
	if s.cfg.FPS > 0 {
		opts = append(opts, tea.WithFPS(s.cfg.FPS))
	}
	p = tea.NewProgram(g, opts...)

	inputDone := make(chan error, 1)
	go func() {
		// A panic decoding one client's input ends that session, not the
		// server (nothing else would recover it on this goroutine).
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("input decoder panic", append(who, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))...)
				g.fail(r)
				inputDone <- fmt.Errorf("input decoder panic: %v", r)
			}
		}()
		inputDone <- in.run(ctx)
	}()

	var why atomic.Pointer[string] // the first reason wins
	setWhy := func(r string) { why.CompareAndSwap(nil, &r) }
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.watch(p, sess, ch, area, in, inputDone, g, start, done, cancel, setWhy)
	}()
	_, err := p.Run()
	close(done)
	<-watched
	s.metrics.dropped(in.dropped.Load())

	switch {
	case g.failed.Load() != nil:
		setWhy(endPanic)
		failure = g.failed.Load()
	case errors.Is(err, tea.ErrProgramPanic):
		setWhy(endPanic)
		failure = &panicked{value: "in a command", stack: "(printed by Bubble Tea above)"}
	case errors.Is(err, tea.ErrProgramKilled):
		setWhy(endClient) // the connection went before the watcher saw it
	case err != nil:
		s.log.Warn("dashboard error", "err", safe(err.Error()))
		setWhy(endClient)
	}
	setWhy(endQuit)
	reason = *why.Load()
	if reason != endQuit {
		code = 1
	}
	return reason, code, failure
}

// resizeEvery bounds how often a dashboard is resized (a client may send
// window changes as fast as it likes; each one is a new layout and a full
// frame).
const resizeEvery = 50 * time.Millisecond

// watch ends the program when the client goes, a limit is reached, the
// model panicked or the server shuts down, and passes window changes on.
// Ending politely (a final frame, leaving the alternate screen) goes
// through the program's event loop; if that does not finish in time, the
// connection is closed under it.
func (s *Server) watch(p *tea.Program, sess ssh.Session, ch *channel, area *areaClaim, in *input, inputDone <-chan error,
	g *guard, start time.Time, done <-chan struct{}, cancel context.CancelFunc, setWhy func(string)) {
	idle := time.NewTimer(s.cfg.IdleTimeout)
	defer idle.Stop()
	life := time.NewTimer(s.cfg.MaxSessionTime - time.Since(start))
	defer life.Stop()
	rs := resizer{p: p, done: done}
	rs.w, rs.h = area.size()
	resized := ch.resized
	var later <-chan time.Time
	var last time.Time
wait:
	for {
		select {
		case <-done:
			return
		case <-sess.Context().Done():
			setWhy(endClient)
			cancel()
			return
		case <-inputDone:
			setWhy(endClient)
			cancel()
			return
		case <-resized:
			if wait := resizeEvery - time.Since(last); wait > 0 {
				resized, later = nil, time.After(wait) // coalesce until then
				continue
			}
			rs.to(area.resize(ch.size()))
			last = time.Now()
			continue
		case <-later:
			resized, later = ch.resized, nil
			rs.to(area.resize(ch.size()))
			last = time.Now()
			continue
		case <-idle.C:
			since := time.Since(time.Unix(0, in.last.Load()))
			if since < s.cfg.IdleTimeout {
				idle.Reset(s.cfg.IdleTimeout - since)
				continue
			}
			setWhy(endIdle)
		case <-life.C:
			setWhy(endLifetime)
		case <-s.quit:
			setWhy(endShutdown)
		case <-g.panicked:
			setWhy(endPanic)
		}
		break wait
	}
	go p.Quit() // returns once the program ends, whichever way
	select {
	case <-done:
	case <-time.After(escalateAfter):
		closeConn(sess)
		cancel()
	}
}

// resizer delivers a dashboard's new sizes in order without holding up
// its watcher: the first resize starts a goroutine (most sessions never
// resize), which sends the latest size whenever it changed.
type resizer struct {
	p    *tea.Program
	done <-chan struct{}
	w, h int // last size sent (or the initial one)

	mu     sync.Mutex
	next   tea.WindowSizeMsg
	notify chan struct{}
}

func (r *resizer) to(w, h int) {
	if w == r.w && h == r.h {
		return
	}
	r.w, r.h = w, h
	r.mu.Lock()
	r.next = tea.WindowSizeMsg{Width: w, Height: h}
	if r.notify == nil {
		r.notify = make(chan struct{}, 1)
		go r.run()
	}
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

func (r *resizer) run() {
	for {
		select {
		case <-r.done:
			return
		case <-r.notify:
		}
		r.mu.Lock()
		msg := r.next
		r.mu.Unlock()
		r.p.Send(msg) // gives up once the program has ended
	}
}

// finish tells the client why its session ended and closes it. A client
// that does not read cannot hold this up: its connection is closed.
func (s *Server) finish(sess ssh.Session, msg string, code int) {
	t := time.AfterFunc(escalateAfter, func() { closeConn(sess) })
	defer t.Stop()
	if msg != "" {
		_, _ = io.WriteString(sess.Stderr(), msg+"\r\n")
	}
	_ = sess.Exit(code)
}

func endMessage(reason string, cfg Config) string {
	switch reason {
	case endIdle:
		return "casia: session closed after " + human(cfg.IdleTimeout) + " without input"
	case endLifetime:
		return "casia: session closed at its time limit of " + human(cfg.MaxSessionTime)
	case endShutdown:
		return "casia: server shutting down"
	case endPanic:
		return "casia: internal error; this session has ended (the server carries on)"
	}
	return ""
}

// closeConn closes the session's whole connection, which unblocks any
// write to a client that stopped reading.
func closeConn(sess ssh.Session) {
	_ = sess.Close()
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		_ = c.Close()
	}
}

// noInput is an input that is over before it starts.
type noInput struct{}

func (noInput) Read([]byte) (int, error) { return 0, io.EOF }

// guard wraps a session's model: a panic in Init, Update or View ends this
// program (and so this session) with a log line, never the server. Bubble
// Tea catches panics too, but reports them only on the server's stderr.
type guard struct {
	inner    tea.Model
	failed   atomic.Pointer[panicked]
	panicked chan struct{}
	once     sync.Once
}

func (g *guard) fail(r any) {
	p := &panicked{value: fmt.Sprint(r), stack: string(debug.Stack())}
	g.failed.CompareAndSwap(nil, p)
	g.once.Do(func() { close(g.panicked) })
}

type panicked struct{ value, stack string }

// wrap makes a command's panic this session's failure too. Batches are
// wrapped command by command; a tea.Sequence's members are not reachable
// and fall back on Bubble Tea's own recovery (which also ends the
// program, printing the trace on the server's stderr).
func (g *guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.fail(r)
				msg = tea.QuitMsg{}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.wrap(c)
			}
			return wrapped
		}
		return msg
	}
}

func (g *guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			cmd = tea.Quit
		}
	}()
	return g.wrap(g.inner.Init())
}

func (g *guard) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.failed.Load() != nil {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			m, cmd = g, tea.Quit
		}
	}()
	g.inner, cmd = g.inner.Update(msg)
	return g, g.wrap(cmd)
}

func (g *guard) View() (v tea.View) {
	if g.failed.Load() != nil {
		return tea.NewView("")
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			v = tea.NewView("")
		}
	}()
	return g.inner.View()
}

func clampSize(w, h int) (int, int) {
	return min(max(w, 1), maxWidth), min(max(h, 1), maxHeight)
}

// userName is a client's user name for the log: made safe, and clipped
// (it can be as long as a packet).
func userName(u string) string { return clip(safe(u), 64) }

// safe makes client-supplied text (user names, commands, TERM) harmless
// in the log: no escape sequences or control characters.
func safe(s string) string { return model.Safe(s, false) }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// human prints a duration without trailing zero units: 30m, 8h, 1h30m,
// 300ms.
func human(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
