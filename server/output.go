package server

import (
	"io"
	"sync/atomic"
	"time"
)

// output is a dashboard's way to its client. Bubble Tea assumes the
// terminal turns "\n" into "\r\n" (a local terminal does; over SSH nothing
// does), so output maps it, as Wish's emulated PTY writer would, but into
// one buffer kept for the session instead of two new ones per frame. It
// also counts the bytes and, for the key-to-frame histogram, ends the wait
// of the oldest key not yet followed by a frame.
type output struct {
	w       io.Writer
	buf     []byte
	lastCR  bool
	keyAt   *atomic.Int64
	metrics *Metrics
}

// maxKeptOutput is the largest buffer kept between frames (a 200×60 frame
// with colour is about 20 KB; a larger one is mapped again next time).
const maxKeptOutput = 64 << 10

func (o *output) Write(p []byte) (int, error) {
	buf := o.buf[:0]
	last := 0
	for i, c := range p {
		if c != '\n' {
			continue
		}
		cr := o.lastCR
		if i > 0 {
			cr = p[i-1] == '\r'
		}
		if !cr {
			buf = append(buf, p[last:i]...)
			buf = append(buf, '\r')
			last = i
		}
	}
	var err error
	if last == 0 && len(buf) == 0 {
		_, err = o.w.Write(p) // no newline to map
	} else {
		buf = append(buf, p[last:]...)
		_, err = o.w.Write(buf)
	}
	if cap(buf) <= maxKeptOutput {
		o.buf = buf[:0]
	} else {
		o.buf = nil
	}
	if len(p) > 0 {
		o.lastCR = p[len(p)-1] == '\r'
	}
	if err != nil {
		return 0, err
	}
	if o.metrics != nil {
		o.metrics.wrote(len(p))
		if at := o.keyAt.Swap(0); at != 0 {
			o.metrics.keyToFrame(time.Since(time.Unix(0, at)))
		}
	}
	return len(p), nil
}
