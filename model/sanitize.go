package model

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Safe returns s with everything a terminal could interpret removed: escape
// sequences (CSI, OSC, DCS, APC, PM, SOS), C0 and C1 control characters,
// DEL, bidirectional overrides and byte-order marks. Tabs become spaces.
// Newlines survive only when multiline is true; otherwise they become
// spaces so a name can never break a table row. Leading and trailing space
// is trimmed. Safe is idempotent.
//
// casia calls it once per string at load time, so nothing downstream (CLI,
// TUI, SSH) needs to think about hostile data.
func Safe(s string, multiline bool) string {
	if clean(s, multiline) {
		return s
	}
	s = ansi.Strip(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			if multiline {
				return r
			}
			return ' '
		case r == '\t':
			return ' '
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return -1
		case isBidiControl(r), r == 0xfeff, r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	if multiline {
		// Trim each line's trailing blanks and collapse runs of blank lines
		// left by removed content.
		lines := strings.Split(s, "\n")
		out := lines[:0]
		blank := false
		for _, ln := range lines {
			ln = strings.TrimRight(ln, " ")
			if ln == "" {
				if blank {
					continue
				}
				blank = true
			} else {
				blank = false
			}
			out = append(out, ln)
		}
		s = strings.Join(out, "\n")
	}
	return strings.TrimSpace(s)
}

// clean is the fast path: most strings are plain text and need no copy.
func clean(s string, multiline bool) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[0] == '\n' {
		return false
	}
	nl := 0 // newlines in a row: one paragraph break is fine, more is not
	for _, r := range s {
		switch {
		case r == '\n':
			if nl++; !multiline || nl > 2 {
				return false
			}
			continue
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, isBidiControl(r), r == 0xfeff, r == utf8.RuneError:
			return false
		}
		nl = 0
	}
	return !strings.Contains(s, " \n")
}

func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// sanitize applies Safe to every string in the dataset, honouring the
// `casia:"text"` tag for prose that may keep its line breaks.
func sanitize(ds *Dataset) {
	sanitizeValue(reflect.ValueOf(ds).Elem(), false)
}

func sanitizeValue(v reflect.Value, multiline bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			sanitizeValue(v.Elem(), multiline)
		}
	case reflect.Struct:
		si := infoOf(v.Type())
		for _, f := range si.fields {
			sanitizeValue(v.FieldByIndex(f.index), f.text)
		}
	case reflect.Slice:
		if v.Len() == 0 && !v.IsNil() {
			// An empty list and no list are the same thing; keeping one
			// form makes every export (YAML, JSON, generated Go) agree.
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.Len() {
			sanitizeValue(v.Index(i), multiline)
		}
	case reflect.String:
		if s := v.String(); !clean(s, multiline) {
			v.SetString(Safe(s, multiline))
		}
	}
}
