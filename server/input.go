package server

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/time/rate"

	"casia/model"
)

// input turns a session's bytes into events for its program, within
// bounds that hold whatever the client sends:
//
//   - bytes are read at Limits.InputRate at most; a faster client waits
//     (its SSH window fills and it stops sending), so its CPU cost is
//     bounded;
//   - an escape sequence longer than Limits.MaxSequence is dropped, so the
//     decoder never rescans more than that many bytes (ultraviolet's
//     TerminalReader rescans all of an unfinished sequence on every read:
//     quadratic in its length);
//   - a bracketed paste is cut at Limits.MaxPaste and the rest of it
//     dropped as it arrives (ultraviolet's keeps all of it until the paste
//     ends, which an attacker never does);
//   - events reach the program at Limits.EventRate at most;
//   - only the events a dashboard can use are delivered: no window sizes
//     (the client's in-band resize reports would bypass the area limits)
//     and no unknown sequences.
//
// It uses ultraviolet's EventDecoder, without TerminalReader's per-reader
// key table (0.11 MB a session): xterm-style sequences decode the same;
// rxvt's own modifier encodings are not recognised.
type input struct {
	r          io.Reader
	send       func(uv.Event)
	bytes      *rate.Limiter
	events     *rate.Limiter
	maxSeq     int
	maxPaste   int
	escTimeout time.Duration
	chunk      int

	last    atomic.Int64 // unix nanoseconds of the last input, for the idle timeout
	keyAt   atomic.Int64 // when the oldest key not yet followed by a frame arrived
	dropped atomic.Int64 // bytes dropped: over-long sequences and pastes

	mu      sync.Mutex
	ctx     context.Context
	dec     uv.EventDecoder
	buf     []byte // undecoded input, shorter than maxSeq between calls
	skip    skipping
	inPaste bool
	paste   []byte
	timer   *time.Timer
}

var pasteEnd = []byte(ansi.BracketedPasteEnd) // ESC [ 201 ~

// skipping is what is left of a sequence being dropped.
type skipping uint8

const (
	skipNone   skipping = iota
	skipCSI             // parameter and intermediate bytes, then the final byte
	skipString          // OSC, DCS, APC, PM, SOS: up to BEL or ST
)

// skipFor is how to drop the rest of the sequence b begins.
func skipFor(b []byte) skipping {
	intro := b[0]
	if intro == ansi.ESC && len(b) > 1 {
		intro = b[1] + 0x40 // ESC [ is CSI (0x9b), ESC ] is OSC (0x9d), …
	}
	switch intro {
	case ansi.CSI:
		return skipCSI
	case ansi.OSC, ansi.DCS, ansi.APC, ansi.PM, ansi.SOS:
		return skipString
	}
	return skipNone
}

// skipped returns how many bytes at the start of b belong to the sequence
// being dropped, and whether it ended there.
func (k skipping) skipped(b []byte) (n int, ended bool) {
	switch k {
	case skipCSI:
		for n < len(b) && b[n] >= 0x20 && b[n] <= 0x3f {
			n++
		}
		if n == len(b) {
			return n, false
		}
		if b[n] >= 0x40 && b[n] <= 0x7e {
			n++
		}
		return n, true
	case skipString:
		for n < len(b) && b[n] != ansi.BEL && b[n] != ansi.ST && b[n] != ansi.ESC && b[n] != ansi.CAN && b[n] != ansi.SUB {
			n++
		}
		switch {
		case n == len(b):
			return n, false
		case b[n] != ansi.ESC:
			return n + 1, true
		case n+1 == len(b):
			return n, false // ESC: ST (ESC \), or the start of what follows
		case b[n+1] == '\\':
			return n + 2, true
		}
		return n, true
	}
	return 0, true
}

func newInput(r io.Reader, lim Limits, send func(uv.Event)) *input {
	in := &input{
		r:          r,
		send:       send,
		bytes:      rate.NewLimiter(rate.Limit(lim.InputRate), lim.InputBurst),
		events:     rate.NewLimiter(rate.Limit(lim.EventRate), lim.EventBurst),
		maxSeq:     lim.MaxSequence,
		maxPaste:   lim.MaxPaste,
		escTimeout: uv.DefaultEscTimeout,
		chunk:      min(1024, lim.InputBurst),
	}
	in.last.Store(time.Now().UnixNano())
	return in
}

// run reads until the input ends or ctx is done, and returns the read
// error (io.EOF when the client closed its side).
func (in *input) run(ctx context.Context) error {
	in.mu.Lock()
	in.ctx = ctx
	in.mu.Unlock()
	defer func() {
		in.mu.Lock()
		if in.timer != nil {
			in.timer.Stop()
		}
		in.mu.Unlock()
	}()
	chunk := make([]byte, in.chunk)
	for {
		n, err := in.r.Read(chunk)
		if n > 0 {
			in.last.Store(time.Now().UnixNano())
			if in.bytes.WaitN(ctx, n) != nil {
				return ctx.Err()
			}
			in.feed(chunk[:n])
		}
		if err != nil {
			in.mu.Lock()
			in.scan(true)
			in.mu.Unlock()
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func (in *input) feed(p []byte) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.timer != nil {
		in.timer.Stop()
	}
	in.buf = append(in.buf, p...)
	in.scan(false)
	if len(in.buf) > 0 {
		// What is left may be a sequence still arriving, or a lone ESC:
		// decide once no more comes (as TerminalReader does).
		if in.timer == nil {
			in.timer = time.AfterFunc(in.escTimeout, in.expire)
		} else {
			in.timer.Reset(in.escTimeout)
		}
	}
}

func (in *input) expire() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.scan(true)
}

// scan decodes what it can of in.buf; expired says no more is coming soon,
// so an unfinished sequence is what it is. What is left stays at the front
// of in.buf's array, so the buffer stays as small as the longest sequence
// plus one read.
func (in *input) scan(expired bool) {
	b := in.buf
	defer func() {
		in.buf = append(in.buf[:0], b...)
		if len(in.buf) == 0 && cap(in.buf) > 2*(in.maxSeq+in.chunk) {
			in.buf = nil
		}
	}()
	for len(b) > 0 {
		if in.ctx != nil && in.ctx.Err() != nil {
			b = nil
			return
		}
		if in.skip != skipNone {
			n, ended := in.skip.skipped(b)
			in.dropped.Add(int64(n))
			b = b[n:]
			if !ended {
				if expired && len(b) > 0 { // a lone ESC that stayed alone
					in.skip = skipNone
				}
				return
			}
			in.skip = skipNone
			continue
		}
		if in.inPaste {
			var ended bool
			if b, ended = in.scanPaste(b, expired); !ended {
				return
			}
			continue
		}
		n, ev := in.dec.Decode(b)
		if n <= 0 {
			b = nil
			return
		}
		switch ev := ev.(type) {
		case uv.UnknownEvent:
			unfinished := n == len(b) || (b[0] >= utf8.RuneSelf && !utf8.FullRune(b))
			if unfinished && !expired && len(b) < in.maxSeq {
				return // wait for the rest
			}
			switch {
			case unfinished && len(b) >= in.maxSeq:
				// Too long: drop it, and the rest of it as it arrives.
				n = len(b)
				in.skip = skipFor(b)
			case n < len(b):
				// The decoder gave up inside a sequence (too many
				// parameters): the rest of it is not keys either.
				if k := skipFor(b); k == skipString || (k == skipCSI && b[n] >= 0x20 && b[n] <= 0x3f) {
					in.skip = k
				}
			}
			in.dropped.Add(int64(n))
		case uv.PasteStartEvent:
			in.inPaste = true
			in.paste = in.paste[:0]
		case uv.PasteEndEvent:
			// A stray end: nothing to end.
		case uv.MultiEvent:
			for _, e := range ev {
				in.emit(e)
			}
		default:
			if b[0] == ansi.ESC && n <= 2 && n == len(b) && !expired {
				return // ESC, or ESC and one byte, may begin a longer sequence
			}
			in.emit(ev)
		}
		b = b[n:]
	}
}

// scanPaste takes paste content from b up to the paste's end, keeping at
// most maxPaste bytes of it. It returns what follows, and whether the
// paste ended.
func (in *input) scanPaste(b []byte, expired bool) ([]byte, bool) {
	end := bytes.Index(b, pasteEnd)
	if end < 0 {
		// Keep what may be the beginning of the end marker.
		keep := 0
		if !expired {
			for k := min(len(pasteEnd)-1, len(b)); k > 0; k-- {
				if bytes.HasSuffix(b, pasteEnd[:k]) {
					keep = k
					break
				}
			}
		}
		in.addPaste(b[:len(b)-keep])
		return b[len(b)-keep:], false
	}
	in.addPaste(b[:end])
	in.inPaste = false
	// A paste is text for the dashboard's filter box: no escape sequences
	// or control characters (the renderer would parse them, and a terminal
	// would act on them).
	in.emit(uv.PasteEvent{Content: model.Safe(strings.ToValidUTF8(string(in.paste), ""), false)})
	if cap(in.paste) > 4096 {
		in.paste = nil // a large paste's buffer is not kept for the session's lifetime
	}
	in.paste = in.paste[:0]
	return b[end+len(pasteEnd):], true
}

func (in *input) addPaste(p []byte) {
	room := max(in.maxPaste-len(in.paste), 0)
	if len(p) > room {
		in.dropped.Add(int64(len(p) - room))
		p = p[:room]
	}
	in.paste = append(in.paste, p...)
}

// emit delivers one event to the program, at most EventRate a second.
func (in *input) emit(ev uv.Event) {
	switch ev.(type) {
	case uv.KeyPressEvent, uv.MouseClickEvent, uv.MouseWheelEvent, uv.PasteEvent:
		in.keyAt.CompareAndSwap(0, time.Now().UnixNano())
	case uv.KeyReleaseEvent, uv.MouseReleaseEvent, uv.MouseMotionEvent,
		uv.FocusEvent, uv.BlurEvent, uv.ClipboardEvent,
		uv.ForegroundColorEvent, uv.BackgroundColorEvent, uv.CursorColorEvent,
		uv.CursorPositionEvent, uv.CapabilityEvent, uv.TerminalVersionEvent,
		uv.KeyboardEnhancementsEvent, uv.ModeReportEvent, uv.ProgramStatusSupportEvent,
		uv.PrimaryDeviceAttributesEvent, uv.DarkColorSchemeEvent, uv.LightColorSchemeEvent:
	default:
		return
	}
	ctx := in.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if in.events.Wait(ctx) != nil {
		return
	}
	in.send(ev)
}
