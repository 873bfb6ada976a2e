package server

import (
	"context"
	"strings"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
)

// scanner is an input fed by hand; events are collected.
func scanner(t *testing.T) (*input, *[]uv.Event) {
	t.Helper()
	var got []uv.Event
	lim := Limits{}.withDefaults(Config{MaxSessions: 1, IdleTimeout: time.Minute})
	lim.EventRate, lim.EventBurst = 1e6, 1e6
	in := newInput(strings.NewReader(""), lim, func(ev uv.Event) { got = append(got, ev) })
	in.ctx = context.Background()
	in.escTimeout = time.Hour // expiry only when a test says so
	return in, &got
}

func keys(evs []uv.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		switch ev := ev.(type) {
		case uv.KeyPressEvent:
			if ev.Text != "" {
				b.WriteString(ev.Text + " ")
			} else {
				b.WriteString(ev.String() + " ")
			}
		case uv.PasteEvent:
			b.WriteString("paste(" + ev.Content + ") ")
		default:
			b.WriteString("? ")
		}
	}
	return strings.TrimSpace(b.String())
}

func TestInputDecodes(t *testing.T) {
	for _, c := range []struct {
		chunks []string
		expire bool
		want   string
	}{
		{[]string{"jk"}, false, "j k"},
		{[]string{"\x1b[A\x1b[B"}, false, "up down"},
		{[]string{"\x1b[", "A"}, false, "up"},                               // split across reads
		{[]string{"\x1b"}, true, "esc"},                                     // a lone ESC, once no more comes
		{[]string{"\x1b"}, false, ""},                                       // … not before
		{[]string{"\xd0", "\x96"}, false, "Ж"},                              // UTF-8 split across reads
		{[]string{"\x1b[200~ab", "c\x1b[20", "1~x"}, false, "paste(abc) x"}, // the end marker split too
		{[]string{"\x1b[200~a\x1b[31mb\rc\x1b[201~"}, false, "paste(abc)"},  // a paste is text
		{[]string{"\x1b[" + strings.Repeat("1;", 40) + "mq"}, false, "q"},   // too many parameters: skipped whole
		{[]string{"\x1bP" + strings.Repeat("1;", 40) + "q\x1b\\j"}, false, "j"},
		{[]string{"\x1b]11;rgb:0000/0000/0000\x07"}, false, "?"}, // a reply the dashboard asked for
		{[]string{"\x1b[8;40;120t"}, false, ""},                  // an in-band resize report is not passed on
	} {
		in, got := scanner(t)
		for _, ch := range c.chunks {
			in.feed([]byte(ch))
		}
		if c.expire {
			in.expire()
		}
		if k := keys(*got); k != c.want {
			t.Errorf("%q: got %q, want %q", c.chunks, k, c.want)
		}
	}
}

// The decoder's pending bytes stay under the longest sequence plus one
// read, and a paste under its limit, whatever arrives: the work per byte
// is bounded (ultraviolet's reader rescans all pending bytes on each read).
func TestInputBounded(t *testing.T) {
	for name, stream := range map[string]func(i int) string{
		"unfinished OSC": func(i int) string { return map[bool]string{true: "\x1b]0;", false: strings.Repeat("x", 1000)}[i == 0] },
		"unfinished CSI": func(i int) string { return map[bool]string{true: "\x1b[", false: strings.Repeat("1;", 500)}[i == 0] },
		"endless paste": func(i int) string {
			return map[bool]string{true: "\x1b[200~", false: strings.Repeat("a", 1000)}[i == 0]
		},
		"ESC after ESC":    func(int) string { return strings.Repeat("\x1b", 1000) },
		"unfinished UTF-8": func(int) string { return strings.Repeat("\xe2\x82", 500) }, // each byte is a key (C1 as ctrl+alt)
	} {
		in, got := scanner(t)
		for i := range 1024 { // 1 MB
			in.feed([]byte(stream(i)))
			if len(in.buf) >= in.maxSeq+in.chunk || len(in.paste) > in.maxPaste {
				t.Fatalf("%s: after %d KB, %d bytes pending and %d of paste", name, i, len(in.buf), len(in.paste))
			}
		}
		if name != "unfinished UTF-8" && len(*got) > 1024 {
			t.Errorf("%s: %d events from one unfinished sequence", name, len(*got))
		}
	}
}
