package model

import "testing"

func TestDate(t *testing.T) {
	tests := []struct {
		d     Date
		p     Precision
		human string
	}{
		{"2025-06-17", Day, "17 Jun 2025"},
		{"2007-06", Month, "Jun 2007"},
		{"2020", Year, "2020"},
		{"2024-02-29", Day, "29 Feb 2024"},
		{"2025-02-29", Invalid, "2025-02-29"},
		{"2025-13", Invalid, "2025-13"},
		{"25-06-17", Invalid, "25-06-17"},
		{"2025/06/17", Invalid, "2025/06/17"},
		{"", Invalid, ""},
	}
	for _, tt := range tests {
		if _, _, _, p := tt.d.Parse(); p != tt.p {
			t.Errorf("%q precision = %v, want %v", tt.d, p, tt.p)
		}
		if got := tt.d.Human(); got != tt.human {
			t.Errorf("%q Human = %q, want %q", tt.d, got, tt.human)
		}
	}
	if got := Span("2023-05-18", "2023-05-19"); got != "18–19 May 2023" {
		t.Errorf("Span = %q", got)
	}
	if got := Span("2016-06-20", "2016-07-01"); got != "20 Jun 2016 – 1 Jul 2016" {
		t.Errorf("Span = %q", got)
	}
}

func TestFigureString(t *testing.T) {
	tests := []struct {
		f    Figure
		want string
	}{
		{Figure{Value: 8, Unit: "US$ bn"}, "US$8 bn"},
		{Figure{Value: 1830, Unit: "km", Approx: true}, "about 1,830 km"},
		{Figure{Value: 20286084, Unit: "people"}, "20,286,084"},
		{Figure{Value: 1408.28, Unit: "million people"}, "1,408.28 million"},
		{Figure{Value: 1.5, Unit: "RMB bn"}, "RMB 1.5 bn"},
		{Figure{Value: 2724900, Unit: "km²"}, "2,724,900 km²"},
		{Figure{Value: 35, Unit: "%"}, "35%"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.f, got, tt.want)
		}
	}
	v, dim, ok := Figure{Value: 8, Unit: "US$ bn"}.Base()
	if !ok || dim != "USD" || v != 8e9 {
		t.Errorf("Base = %v %v %v", v, dim, ok)
	}
}
