package server

import (
	"sync"
	"time"

	"charm.land/log/v2"
	"golang.org/x/time/rate"
)

// Refusal log lines are rate-limited per reason: a flood of refused
// connections must not become a flood of log lines. The first few go out
// at once, then one every refusalLogEvery, each saying how many like it were
// left out since the last. The metrics count every refusal.
const (
	refusalLogBurst = 5
	refusalLogEvery = 5 * time.Second
)

type logLimiter struct {
	log *log.Logger

	mu      sync.Mutex
	reasons map[string]*reasonLog
}

type reasonLog struct {
	lim     *rate.Limiter
	dropped int
}

func newLogLimiter(l *log.Logger) *logLimiter {
	return &logLimiter{log: l, reasons: map[string]*reasonLog{}}
}

// warn logs msg at WARN unless lines for reason are over their rate.
func (l *logLimiter) warn(reason, msg string, kv ...any) {
	l.mu.Lock()
	r := l.reasons[reason]
	if r == nil {
		r = &reasonLog{lim: rate.NewLimiter(rate.Every(refusalLogEvery), refusalLogBurst)}
		l.reasons[reason] = r
	}
	if !r.lim.Allow() {
		r.dropped++
		l.mu.Unlock()
		return
	}
	dropped := r.dropped
	r.dropped = 0
	l.mu.Unlock()
	if dropped > 0 {
		kv = append(kv, "similar_lines_left_out", dropped)
	}
	l.log.Warn(msg, kv...)
}
