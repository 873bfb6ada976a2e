//go:build load

package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"casia/cli"
	"casia/model"
	"casia/server"
)

// The load test: go test -tags load -run TestLoad -v ./server/ -timeout 5m
//
// The server runs in a child process (this test binary again, running
// TestLoadServerChild) so that its memory and CPU are its own; the parent
// plays the clients: one SSH connection, PTY and VT emulator per session.
//
// CASIA_LOAD_SESSIONS (at most 1000), CASIA_LOAD_DURATION (at most 2m) and
// CASIA_LOAD_INTERVAL change the defaults below for experiments;
// CASIA_LOAD_FPS sets casia's frame rate (Bubble Tea's default is 60).
var (
	loadSessions = min(envInt("CASIA_LOAD_SESSIONS", 200), 1000)
	loadDuration = min(envDuration("CASIA_LOAD_DURATION", 30*time.Second), 2*time.Minute)
	loadInterval = envDuration("CASIA_LOAD_INTERVAL", 200*time.Millisecond) // one key per session this often
)

const (
	loadW, loadH = 100, 30
	loadGoalP99  = 50 * time.Millisecond
	keyTimeout   = 5 * time.Second
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

type childStats struct {
	HeapPeak       uint64  `json:"heap_peak"`       // heap objects, live or not yet swept, sampled
	LivePeak       uint64  `json:"live_peak"`       // heap marked live by the last GC, sampled
	RuntimePeak    uint64  `json:"runtime_peak"`    // all memory mapped by the Go runtime, sampled
	RSSPeakKB      uint64  `json:"rss_hwm_kb"`      // VmHWM
	GoroutinesPeak uint64  `json:"goroutines_peak"` // sampled
	SessionsPeak   int     `json:"sessions_peak"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	GCCycles       uint64  `json:"gc_cycles"`
	SteadyAllocs   uint64  `json:"steady_allocs"` // heap bytes allocated from the steady phase to shutdown
	GOGC           uint64  `json:"gogc"`
	Watch          watch   `json:"watch"`
	GCCPUSeconds   float64 `json:"gc_cpu_seconds"`
	AssistSeconds  float64 `json:"assist_cpu_seconds"`
	SchedP99       float64 `json:"sched_latency_p99"` // time runnable goroutines waited for a CPU
	GCPauseP99     float64 `json:"gc_pause_p99"`
	Warnings       int     `json:"warnings"`
	Errors         int     `json:"errors"`
	FirstProblems  string  `json:"first_problems"`
}

// TestLoadServerChild is the server side of TestLoad; it runs only when
// TestLoad starts it.
func TestLoadServerChild(t *testing.T) {
	if os.Getenv("CASIA_LOAD_CHILD") != "1" {
		t.Skip("the server half of TestLoad")
	}
	logs := &syncBuffer{}
	// Every client comes from 127.0.0.1, all at once: the per-address
	// and unauthenticated limits are raised to let them.
	s, err := server.New(server.Config{
		Listen:      "127.0.0.1:0",
		HostKeyPath: filepath.Join(t.TempDir(), "host_key"),
		MaxSessions: 2 * loadSessions,
		Limits: server.Limits{
			PerAddress: 2 * loadSessions, StartupsPerAddress: 2 * loadSessions,
			Startups: server.Startups{Start: 2 * loadSessions, Rate: 100, Full: 2 * loadSessions},
		},
		FPS:     envInt("CASIA_LOAD_FPS", 0),
		Dataset: dataset(t),
		Exec:    cli.RunRemote,
		Logger:  log.NewWithOptions(logs, log.Options{}),
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()

	var st childStats
	var mu sync.Mutex
	stopWatch := startWatch()
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		samples := []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/memory/classes/total:bytes"},
			{Name: "/sched/goroutines:goroutines"},
			{Name: "/gc/heap/live:bytes"},
		}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			mu.Lock()
			st.HeapPeak = max(st.HeapPeak, samples[0].Value.Uint64())
			st.RuntimePeak = max(st.RuntimePeak, samples[1].Value.Uint64())
			st.GoroutinesPeak = max(st.GoroutinesPeak, samples[2].Value.Uint64())
			st.LivePeak = max(st.LivePeak, samples[3].Value.Uint64())
			st.SessionsPeak = max(st.SessionsPeak, s.Sessions())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	// CASIA_LOAD_PROFILE=DIR writes cpu.pprof (the whole run), and
	// heap0.pprof as the steady phase begins, and heap.pprof,
	// goroutines.txt and 3 s of trace.out mid-run, with every session open.
	profDir := os.Getenv("CASIA_LOAD_PROFILE")
	if os.Getenv("CASIA_LOAD_MEMPROFILERATE") == "1" {
		runtime.MemProfileRate = 1 // every allocation, for an exact heap profile (slow)
	}
	if profDir != "" {
		f, err := os.Create(filepath.Join(profDir, "cpu.pprof"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}

	fmt.Printf("LOAD addr %s\n", ln.Addr())
	fmt.Printf("LOAD hostkey %s", gossh.MarshalAuthorizedKey(s.HostKey()))
	// Serve until the parent closes stdin (or dies), at most 4 minutes.
	// "heap" on stdin (mid-run) asks for the heap profile.
	eof := make(chan struct{})
	var allocs0 atomic.Uint64 // heap bytes allocated when the steady phase began
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			if sc.Text() == "heap0" {
				allocs0.Store(heapAllocs())
			}
			if sc.Text() == "heap0" && profDir != "" {
				// The steady phase begins: with heap.pprof, the base of
				// go tool pprof -base heap0.pprof heap.pprof, what keys cost.
				runtime.GC() // a heap profile is as of the last collection
				if f, err := os.Create(filepath.Join(profDir, "heap0.pprof")); err == nil {
					_ = pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
			if sc.Text() == "heap" && profDir != "" {
				runtime.GC()
				if f, err := os.Create(filepath.Join(profDir, "heap.pprof")); err == nil {
					_ = pprof.WriteHeapProfile(f)
					f.Close()
				}
				if f, err := os.Create(filepath.Join(profDir, "goroutines.txt")); err == nil {
					_ = pprof.Lookup("goroutine").WriteTo(f, 1)
					f.Close()
				}
				// And 3 seconds of execution trace, for
				// go tool trace -pprof=sched trace.out.
				if f, err := os.Create(filepath.Join(profDir, "trace.out")); err == nil {
					if trace.Start(f) == nil {
						time.AfterFunc(3*time.Second, func() { trace.Stop(); f.Close() })
					}
				}
			}
		}
		close(eof)
	}()
	select {
	case <-eof:
	case <-time.After(4 * time.Minute):
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	close(stop)
	<-sampled
	st.Watch = stopWatch()
	st.RSSPeakKB = procStatusKB("VmHWM")
	final := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"},
		{Name: "/sched/latencies:seconds"},
		{Name: "/sched/pauses/total/gc:seconds"},
		{Name: "/gc/gogc:percent"},
	}
	metrics.Read(final)
	st.GOGC = final[5].Value.Uint64()
	st.GCCycles = final[0].Value.Uint64()
	st.GCCPUSeconds = final[1].Value.Float64()
	st.AssistSeconds = final[2].Value.Float64()
	st.SchedP99 = histQuantile(final[3].Value.Float64Histogram(), 0.99)
	st.GCPauseP99 = histQuantile(final[4].Value.Float64Histogram(), 0.99)
	st.CPUSeconds = cpuSeconds(os.Getpid())
	if a0 := allocs0.Load(); a0 > 0 {
		st.SteadyAllocs = heapAllocs() - a0
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "WARN"):
			st.Warnings++
		case strings.HasPrefix(line, "ERRO"):
			st.Errors++
		default:
			continue
		}
		if len(st.FirstProblems) < 2000 {
			st.FirstProblems += line + "\n"
		}
	}
	b, _ := json.Marshal(st)
	fmt.Printf("LOAD stats %s\n", b)
}

// loadTerm is one client's screen. Each write is checked against the
// expected change, so a key's latency ends when its effect is on screen.
type loadTerm struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	row  int
	want string
	hit  chan time.Time
}

func (lt *loadTerm) Write(p []byte) (int, error) {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	n, err := lt.emu.Write(p)
	if lt.want != "" && strings.Contains(lt.line(lt.row), lt.want) {
		lt.want = ""
		lt.hit <- time.Now()
	}
	return n, err
}

func (lt *loadTerm) line(y int) string {
	var b strings.Builder
	for x := range lt.emu.Width() {
		if c := lt.emu.CellAt(x, y); c != nil && c.Content != "" {
			b.WriteString(c.Content)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func (lt *loadTerm) expect(row int, want string) {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	select {
	case <-lt.hit:
	default:
	}
	lt.row, lt.want = row, want
}

type step struct {
	key  string
	row  int
	want string
}

// loadScript alternates tab switches and moves, coming back to where it
// started; each step changes a known line.
func loadScript(ds *model.Dataset) []step {
	bar, status := 0, loadH-2
	np, nx := ds.Len(model.KindPartnership), ds.Len(model.KindProject)
	return []step{
		{"3", bar, "[3 Partnerships]"},
		{"j", status, fmt.Sprintf(" 2/%d ·", np)},
		{"k", status, fmt.Sprintf(" 1/%d ·", np)},
		{"4", bar, "[4 Infrastructure]"},
		{"j", status, fmt.Sprintf(" 2/%d ·", nx)},
		{"k", status, fmt.Sprintf(" 1/%d ·", nx)},
		{"1", bar, "[1 Summit]"},
	}
}

type sessionResult struct {
	firstFrame time.Duration
	latencies  []time.Duration
	sentAt     []time.Time
	err        error
}

// target is one server under load: casia (this test binary again, in
// TestLoadServerChild) or the reference (testdata/refserver), in a process
// of its own so that its memory and CPU are its own.
type target struct {
	name    string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	lines   chan string
	addr    string
	hostKey gossh.PublicKey
	script  []step
}

func (tg *target) next(t *testing.T, prefix string) string {
	t.Helper()
	select {
	case l, ok := <-tg.lines:
		if !ok {
			t.Fatalf("%s: the server process ended before %q", tg.name, prefix)
		}
		v, found := strings.CutPrefix(l, prefix+" ")
		if !found {
			t.Fatalf("%s: server said %q, want %s", tg.name, l, prefix)
		}
		return v
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no %s from the server process", tg.name, prefix)
	}
	return ""
}

func startTarget(t *testing.T, ctx context.Context, name string, cmd *exec.Cmd, script []step) *target {
	t.Helper()
	cmd.Stderr = os.Stderr
	tg := &target{name: name, cmd: cmd, lines: make(chan string, 16), script: script}
	var err error
	if tg.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if l, ok := strings.CutPrefix(sc.Text(), "LOAD "); ok {
				tg.lines <- l
			}
		}
		close(tg.lines)
	}()
	tg.addr = tg.next(t, "addr")
	if tg.hostKey, _, _, _, err = gossh.ParseAuthorizedKey([]byte(tg.next(t, "hostkey"))); err != nil {
		t.Fatal(err)
	}
	return tg
}

func startCasia(t *testing.T, ctx context.Context, ds *model.Dataset) *target {
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestLoadServerChild$", "-test.count=1")
	child.Env = append(os.Environ(), "CASIA_LOAD_CHILD=1")
	// Experiments: CASIA_LOAD_SERVER_ENV="GOGC=200 GOMAXPROCS=4" tunes the
	// server process alone.
	child.Env = append(child.Env, strings.Fields(os.Getenv("CASIA_LOAD_SERVER_ENV"))...)
	return startTarget(t, ctx, "casia", child, loadScript(ds))
}

// startReference builds and starts testdata/refserver.
func startReference(t *testing.T, ctx context.Context) *target {
	bin := filepath.Join(t.TempDir(), "refserver")
	build := exec.Command("go", "build", "-o", bin, "./testdata/refserver")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the reference server: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(os.Environ(), strings.Fields(os.Getenv("CASIA_LOAD_REF_ENV"))...)
	bar, status := 0, loadH-2
	return startTarget(t, ctx, "reference", cmd, []step{
		{"3", bar, "[3 tab]"},
		{"j", status, " 2/40 ·"},
		{"k", status, " 1/40 ·"},
		{"4", bar, "[4 tab]"},
		{"j", status, " 2/40 ·"},
		{"k", status, " 1/40 ·"},
		{"1", bar, "[1 tab]"},
	})
}

// phase is what one load phase measured.
type phase struct {
	name        string
	results     []sessionResult
	lat, first  []time.Duration
	failed      int
	up          int64
	wall        time.Duration
	cpu, self   float64 // server's and clients' CPU seconds in the steady phase
	others      float64 // other processes' CPU seconds then
	rssIdle     uint64  // before the sessions
	rssSteady   uint64  // median during the steady phase
	rssPeak     uint64
	perSession  float64 // (steady - idle) / sessions, bytes
	clientWatch watch
	stats       *childStats // casia's own account, if any
	t0          time.Time
}

// TestLoad: go test -tags load -run TestLoad -v ./server/ -timeout 10m
//
// It runs the reference server (testdata/refserver: minimal Wish v2 +
// Bubble Tea v2) and casia serve side by side, one after the other with the
// same clients, and prints memory per session, key-to-screen latency and
// server CPU for both, and their ratios. CASIA_LOAD_ROUNDS repeats the pair
// (medians are reported); CASIA_LOAD_TARGETS=casia or =reference runs one.
func TestLoad(t *testing.T) {
	rounds := min(envInt("CASIA_LOAD_ROUNDS", 1), 5)
	targets := os.Getenv("CASIA_LOAD_TARGETS")
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rounds)*6*time.Minute)
	defer cancel()
	ds := dataset(t)
	var refs, casias []phase
	for r := range rounds {
		order := []string{"reference", "casia"}
		if r%2 == 1 {
			order = []string{"casia", "reference"}
		}
		for _, name := range order {
			if targets != "" && targets != name {
				continue
			}
			var tg *target
			if name == "casia" {
				tg = startCasia(t, ctx, ds)
			} else {
				tg = startReference(t, ctx)
			}
			ph := runPhase(t, ctx, tg)
			t.Log(ph.report())
			if name == "casia" {
				casias = append(casias, ph)
			} else {
				refs = append(refs, ph)
			}
		}
	}
	if len(refs) > 0 && len(casias) > 0 {
		t.Log(compare(refs, casias))
	}
}

func runPhase(t *testing.T, ctx context.Context, tg *target) phase {
	ph := phase{name: tg.name}
	cfg := &gossh.ClientConfig{
		User: "load", Auth: []gossh.AuthMethod{noQuestions},
		HostKeyCallback: gossh.FixedHostKey(tg.hostKey), Timeout: 30 * time.Second,
	}
	pid := tg.cmd.Process.Pid
	time.Sleep(500 * time.Millisecond) // settled
	ph.rssIdle = pidStatusKB(pid, "VmRSS") << 10

	ph.results = make([]sessionResult, loadSessions)
	var ready, finished sync.WaitGroup
	var up atomic.Int64
	steady := make(chan struct{})
	ready.Add(loadSessions)
	finished.Add(loadSessions)
	for i := range loadSessions {
		go func() {
			defer finished.Done()
			r := &ph.results[i]
			readied := false
			markReady := func() {
				if !readied {
					readied = true
					ready.Done()
				}
			}
			defer markReady()
			r.err = runLoadSession(ctx, i, tg.addr, cfg, tg.script, r, func() { up.Add(1); markReady() }, steady)
		}()
		time.Sleep(10 * time.Millisecond) // a 2-second ramp, not a thundering herd
	}
	ready.Wait()
	ph.up = up.Load()
	cpu0, self0, busy0 := cpuSeconds(pid), cpuSeconds(os.Getpid()), machineBusySeconds()
	ph.t0 = time.Now()
	stopClientWatch := startWatch()
	// RSS, sampled through the steady phase.
	var rss []uint64
	sampled := make(chan struct{})
	stopSampling := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopSampling:
				return
			case <-tick.C:
				if kb := pidStatusKB(pid, "VmRSS"); kb > 0 {
					rss = append(rss, kb<<10)
				}
			}
		}
	}()
	close(steady)
	_, _ = io.WriteString(tg.stdin, "heap0\n")
	heapAt := time.AfterFunc(loadDuration/2, func() { _, _ = io.WriteString(tg.stdin, "heap\n") })
	defer heapAt.Stop()
	finished.Wait()
	close(stopSampling)
	<-sampled
	ph.wall = time.Since(ph.t0)
	ph.clientWatch = stopClientWatch()
	ph.cpu, ph.self = cpuSeconds(pid)-cpu0, cpuSeconds(os.Getpid())-self0
	ph.others = max(machineBusySeconds()-busy0-ph.cpu-ph.self, 0)
	ph.rssPeak = pidStatusKB(pid, "VmHWM") << 10
	if len(rss) > 0 {
		slices.Sort(rss)
		ph.rssSteady = rss[len(rss)/2]
	}
	ph.perSession = (float64(ph.rssSteady) - float64(ph.rssIdle)) / float64(max(ph.up, 1))

	tg.stdin.Close()
	if tg.name == "casia" {
		var st childStats
		if err := json.Unmarshal([]byte(tg.next(t, "stats")), &st); err != nil {
			t.Fatal(err)
		}
		ph.stats = &st
		if st.Errors > 0 || st.Warnings > 0 {
			t.Errorf("casia logged problems:\n%s", st.FirstProblems)
		}
	}
	if err := tg.cmd.Wait(); err != nil {
		t.Errorf("%s server process: %v", tg.name, err)
	}
	for i, r := range ph.results {
		ph.lat = append(ph.lat, r.latencies...)
		if r.firstFrame > 0 {
			ph.first = append(ph.first, r.firstFrame)
		}
		if r.err != nil {
			ph.failed++
			if ph.failed <= 10 {
				t.Errorf("%s session %d: %v", tg.name, i, r.err)
			}
		}
	}
	slices.Sort(ph.lat)
	slices.Sort(ph.first)
	if ph.failed > 0 {
		t.Errorf("%s: %d of %d sessions failed", tg.name, ph.failed, loadSessions)
	}
	return ph
}

func pct(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(q*float64(len(d))))]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
}

func mibs(b float64) string { return strconv.FormatFloat(b/(1<<20), 'f', 2, 64) + " MiB" }

func (ph phase) report() string {
	var b strings.Builder
	row := func(k, v string) { fmt.Fprintf(&b, "  %-40s %s\n", k, v) }
	fmt.Fprintf(&b, "\n%s under load (loopback, server in its own process)\n", ph.name)
	row("sessions (concurrent)", fmt.Sprintf("%d (%d up at once)", loadSessions, ph.up))
	row("steady phase", fmt.Sprintf("%v, one key per session every %v", ph.wall.Round(time.Millisecond), loadInterval))
	row("keys measured", fmt.Sprint(len(ph.lat)))
	row("key-to-screen p50 / p90 / p99 / max", ms(pct(ph.lat, .5))+" / "+ms(pct(ph.lat, .9))+" / "+ms(pct(ph.lat, .99))+" / "+ms(pct(ph.lat, 1)))
	row("first frame p50 / p99", ms(pct(ph.first, .5))+" / "+ms(pct(ph.first, .99)))
	row("failed sessions", fmt.Sprint(ph.failed))
	row("server RSS idle / steady (median) / peak", mibs(float64(ph.rssIdle))+" / "+mibs(float64(ph.rssSteady))+" / "+mibs(float64(ph.rssPeak)))
	row("server memory per session", mibs(ph.perSession))
	row("server CPU in steady phase", fmt.Sprintf("%.1f s = %.2f cores", ph.cpu, ph.cpu/ph.wall.Seconds()))
	row("clients' CPU in steady phase", fmt.Sprintf("%.1f s = %.2f cores", ph.self, ph.self/ph.wall.Seconds()))
	row("other processes' CPU (same phase)", fmt.Sprintf("%.2f cores of %d", ph.others/ph.wall.Seconds(), runtime.NumCPU()))
	if st := ph.stats; st != nil {
		row("server peak live heap (after a GC)", mibs(float64(st.LivePeak)))
		row("server peak heap incl. garbage", mibs(float64(st.HeapPeak)))
		row("server peak goroutines", fmt.Sprint(st.GoroutinesPeak))
		if st.SteadyAllocs > 0 && len(ph.lat) > 0 {
			row("server heap allocated, steady phase on", fmt.Sprintf("%.0f MiB, %.1f KiB a key",
				float64(st.SteadyAllocs)/(1<<20), float64(st.SteadyAllocs)/1024/float64(len(ph.lat))))
		}
		row("server GC", fmt.Sprintf("GOGC=%d: %d cycles, %.1f s CPU (%.1f s assists), pause p99 %s",
			st.GOGC, st.GCCycles, st.GCCPUSeconds, st.AssistSeconds, ms(time.Duration(st.GCPauseP99*float64(time.Second)))))
		row("server run-queue wait p99", ms(time.Duration(st.SchedP99*float64(time.Second))))
		row("server log warnings / errors", fmt.Sprintf("%d / %d", st.Warnings, st.Errors))
		b.WriteString(worstWindows(ph.results, ph.t0, st.Watch, ph.clientWatch))
	}
	return b.String()
}

// compare prints the medians of each figure over the rounds, and ratios.
func compare(refs, casias []phase) string {
	med := func(ps []phase, f func(phase) float64) float64 {
		v := make([]float64, len(ps))
		for i, p := range ps {
			v[i] = f(p)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\ncasia vs the reference (minimal Wish v2 + Bubble Tea v2), %d sessions at %dx%d, a key every %v, %d round(s), medians\n",
		loadSessions, loadW, loadH, loadInterval, len(casias))
	fmt.Fprintf(&b, "  %-30s %14s %14s %8s   %s\n", "figure", "reference", "casia", "ratio", "goal")
	line := func(name string, f func(phase) float64, unit func(float64) string, goal string) {
		r, c := med(refs, f), med(casias, f)
		ratio := "-"
		if r > 0 {
			ratio = strconv.FormatFloat(c/r, 'f', 2, 64)
		}
		fmt.Fprintf(&b, "  %-30s %14s %14s %8s   %s\n", name, unit(r), unit(c), ratio, goal)
	}
	msf := func(v float64) string { return ms(time.Duration(v)) }
	line("memory per session", func(p phase) float64 { return p.perSession }, mibs, "≤ 1.3")
	line("key-to-screen p50", func(p phase) float64 { return float64(pct(p.lat, .5)) }, msf, "")
	line("key-to-screen p99", func(p phase) float64 { return float64(pct(p.lat, .99)) }, msf, "≤ 1.2")
	line("server CPU, steady phase", func(p phase) float64 { return p.cpu }, func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + " s" }, "≤ 1.3")
	line("first frame p50", func(p phase) float64 { return float64(pct(p.first, .5)) }, msf, "")
	line("server RSS peak", func(p phase) float64 { return float64(p.rssPeak) }, mibs, "")
	return b.String()
}

// runLoadSession connects, waits for the first frame, then (once every
// session is up) presses keys for loadDuration and quits.
func runLoadSession(ctx context.Context, i int, addr string, cfg *gossh.ClientConfig, script []step,
	r *sessionResult, up func(), steady <-chan struct{}) error {
	began := time.Now()
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	defer sess.Close()
	lt := &loadTerm{emu: vt.NewEmulator(loadW, loadH), hit: make(chan time.Time, 1)}
	in, err := sess.StdinPipe()
	if err != nil {
		return err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr syncBuffer
	sess.Stderr = &stderr
	if err := sess.RequestPty("xterm-256color", loadH, loadW, gossh.TerminalModes{}); err != nil {
		return fmt.Errorf("pty: %w", err)
	}
	home := script[len(script)-1] // the script ends where a session starts
	lt.expect(home.row, home.want)
	if err := sess.Shell(); err != nil {
		return fmt.Errorf("shell: %w", err)
	}
	go func() { _, _ = io.Copy(lt, out) }()
	go func() { _, _ = io.Copy(in, lt.emu) }() // the emulator's replies to queries
	defer func() {
		if pw, ok := lt.emu.InputPipe().(io.Closer); ok {
			pw.Close()
		}
	}()
	ended := make(chan error, 1)
	go func() { ended <- sess.Wait() }()

	wait := func(what string) (time.Time, error) {
		select {
		case at := <-lt.hit:
			return at, nil
		case err := <-ended:
			return time.Time{}, fmt.Errorf("session ended waiting for %s: %v %s", what, err, stderr.String())
		case <-time.After(keyTimeout):
			lt.mu.Lock()
			scr := lt.emu.String()
			lt.mu.Unlock()
			return time.Time{}, fmt.Errorf("%s not on screen after %v:\n%s", what, keyTimeout, scr)
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		}
	}
	at, err := wait("the first frame")
	if err != nil {
		return err
	}
	r.firstFrame = at.Sub(began)
	up()
	select {
	case <-steady:
	case <-ctx.Done():
		return ctx.Err()
	}

	// Desynchronise the sessions, then one key per interval.
	time.Sleep(time.Duration(rand.Int64N(int64(loadInterval))))
	end := time.Now().Add(loadDuration)
	tick := time.NewTicker(loadInterval)
	defer tick.Stop()
	for k := 0; time.Now().Before(end); k++ {
		s := script[k%len(script)]
		lt.expect(s.row, s.want)
		sent := time.Now()
		if _, err := io.WriteString(in, s.key); err != nil {
			return fmt.Errorf("key %d: %w", k, err)
		}
		at, err := wait(fmt.Sprintf("key %d (%q → %q)", k, s.key, s.want))
		if err != nil {
			return err
		}
		r.latencies = append(r.latencies, at.Sub(sent))
		r.sentAt = append(r.sentAt, sent)
		<-tick.C
	}
	// Finish where the script started, then quit.
	if _, err := io.WriteString(in, "q"); err != nil {
		return err
	}
	select {
	case err := <-ended:
		if err != nil {
			return fmt.Errorf("exit after q: %v %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		return fmt.Errorf("no exit after q (session %d)", i)
	}
	return nil
}

// heapAllocs is every byte the process has allocated on the heap.
func heapAllocs() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func histQuantile(h *metrics.Float64Histogram, q float64) float64 {
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if float64(seen) >= q*float64(total) {
			return h.Buckets[i+1]
		}
	}
	return h.Buckets[len(h.Buckets)-1]
}

// watch records, for one process, when its GC cycles ended and when a
// goroutine that wakes every 10 ms woke more than 20 ms late (the process
// did not get a CPU, or was paused), in Unix milliseconds.
type watch struct {
	GC     []int64    `json:"gc"`
	Stalls [][2]int64 `json:"stalls"` // start, duration in ms
}

func startWatch() (stop func() watch) {
	var w watch
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
		metrics.Read(sample)
		last := sample[0].Value.Uint64()
		const every = 10 * time.Millisecond
		tick := time.NewTicker(every)
		defer tick.Stop()
		prev := time.Now()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				now := time.Now() // not the tick's time: a late wake-up is the point
				if late := now.Sub(prev) - every; late > 20*time.Millisecond {
					w.Stalls = append(w.Stalls, [2]int64{prev.Add(every).UnixMilli(), late.Milliseconds()})
				}
				prev = now
				metrics.Read(sample)
				if n := sample[0].Value.Uint64(); n != last {
					last = n
					w.GC = append(w.GC, now.UnixMilli())
				}
			}
		}
	}()
	return func() watch { close(done); <-finished; return w }
}

// machineBusySeconds is the CPU time all processes have used (the cpu line
// of /proc/stat, less idle and iowait), in seconds.
func machineBusySeconds() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	var busy float64
	for i, f := range strings.Fields(line)[1:] {
		v, _ := strconv.ParseFloat(f, 64)
		if i != 3 && i != 4 && i < 8 { // idle, iowait; guest time is already in user
			busy += v
		}
	}
	return busy / 100
}

// procStatusKB reads a kB field of /proc/self/status (VmHWM, VmRSS).
func procStatusKB(field string) uint64 { return pidStatusKB(0, field) }

// pidStatusKB reads a kB field of /proc/PID/status (self for 0).
func pidStatusKB(pid int, field string) uint64 {
	path := "/proc/self/status"
	if pid != 0 {
		path = fmt.Sprintf("/proc/%d/status", pid)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// cpuSeconds is a process's user+system CPU time from /proc/PID/stat
// (clock ticks of 1/100 s, as on every Linux this runs on).
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100
}

// worstWindows lists the 100 ms windows whose keys waited longest, with
// what each process was doing around then: GC cycles ending and stalls of
// its 10 ms ticker.
func worstWindows(results []sessionResult, t0 time.Time, server, client watch) string {
	type window struct {
		max  time.Duration
		slow int // keys over 50 ms
	}
	const width = 100 * time.Millisecond
	wins := map[int64]*window{}
	for _, r := range results {
		for i, d := range r.latencies {
			k := int64(r.sentAt[i].Sub(t0) / width)
			w := wins[k]
			if w == nil {
				w = &window{}
				wins[k] = w
			}
			w.max = max(w.max, d)
			if d > loadGoalP99 {
				w.slow++
			}
		}
	}
	keys := make([]int64, 0, len(wins))
	for k := range wins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b int64) int { return int(wins[b].max - wins[a].max) })
	near := func(w watch, from, to int64) string {
		var out []string
		for _, g := range w.GC {
			if g >= from && g <= to {
				out = append(out, fmt.Sprintf("GC end +%.2fs", float64(g-t0.UnixMilli())/1000))
			}
		}
		for _, st := range w.Stalls {
			if st[0] >= from && st[0] <= to {
				out = append(out, fmt.Sprintf("stall +%.2fs %dms", float64(st[0]-t0.UnixMilli())/1000, st[1]))
			}
		}
		if out == nil {
			return "-"
		}
		return strings.Join(out, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  slowest 100 ms windows (keys sent then; events from 1 s before to 1 s after):\n")
	for _, k := range keys[:min(5, len(keys))] {
		from := t0.Add(time.Duration(k) * width).UnixMilli()
		fmt.Fprintf(&b, "    +%5.1fs  max %v, %d keys > %v | server: %s | clients: %s\n",
			float64(k)*width.Seconds(), wins[k].max.Round(time.Millisecond), wins[k].slow, loadGoalP99,
			near(server, from-1000, from+1000), near(client, from-1000, from+1000))
	}
	inPhase := func(ts []int64) int { // the watch runs from the process's start
		n := 0
		for _, t := range ts {
			if t >= t0.UnixMilli() {
				n++
			}
		}
		return n
	}
	fmt.Fprintf(&b, "  server stalls > 20 ms: %d; client stalls: %d; GC cycles in the phase: server %d, clients %d\n",
		len(server.Stalls), len(client.Stalls), inPhase(server.GC), inPhase(client.GC))
	return b.String()
}
