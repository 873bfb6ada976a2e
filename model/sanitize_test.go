package model

import (
	"fmt"
	"reflect"
	"testing"
)

func TestSafe(t *testing.T) {
	tests := []struct {
		in        string
		multiline bool
		want      string
	}{
		{"plain", false, "plain"},
		{"  padded  ", false, "padded"},
		{"a\nb", false, "a b"},
		{"a\nb", true, "a\nb"},
		{"a\n\n\n\nb", true, "a\n\nb"},
		{"tab\there", false, "tab here"},
		{"\x1b]52;c;aGVsbG8=\x07clip", false, "clip"},                   // OSC 52 clipboard
		{"\x1b]2;pwned\x07title", false, "title"},                       // OSC 2 window title
		{"\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", false, "link"}, // OSC 8
		{"\x1b[2J\x1b[Hclear", false, "clear"},                          // CSI
		{"\x1bP+q544e\x1b\\dcs", false, "dcs"},                          // DCS query
		{"\x1b_apc\x1b\\x", false, "x"},                                 // APC
		{"\u009b2Jc1", false, "2Jc1"},                                   // UTF-8 C1 CSI
		{"car\rriage", false, "carriage"},
		{"back\bspace\a", false, "backspace"},
		{"\u202eevil\u202c", false, "evil"}, // bidi override
		{"\ufeffbom", false, "bom"},
		{"Türkiye – 中国", false, "Türkiye – 中国"},
	}
	for _, tt := range tests {
		got := Safe(tt.in, tt.multiline)
		if got != tt.want {
			t.Errorf("Safe(%q, %v) = %q, want %q", tt.in, tt.multiline, got, tt.want)
		}
		if again := Safe(got, tt.multiline); again != got {
			t.Errorf("Safe is not idempotent on %q: %q", got, again)
		}
	}
}

func FuzzSafe(f *testing.F) {
	f.Add("\x1b]52;c;aGk=\x07x", true)
	f.Add("a\r\n\u202eb", false)
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		got := Safe(s, multiline)
		for _, r := range got {
			if r < 0x20 && !(r == '\n' && multiline) || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r) {
				t.Fatalf("Safe(%q) kept control %U: %q", s, r, got)
			}
		}
		if again := Safe(got, multiline); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

// TestHostileDataset loads a dataset whose every text field carries
// escape sequences and control characters: none survives loading.
func TestHostileDataset(t *testing.T) {
	ds, err := LoadFile("testdata/hostile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), path+"."+v.Type().Field(i).Name)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			for _, r := range v.String() {
				if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r) {
					t.Errorf("%s keeps %U: %q", path, r, v.String())
					return
				}
			}
		}
	}
	walk(reflect.ValueOf(ds).Elem(), "ds")
	if got := ds.Projects[0].Name; got != "China–Kyrgyzstan–Uzbekistan railway31mlink" {
		t.Errorf("sanitised name = %q", got)
	}
}
