package cli

import "testing"

// TestWantsHelp: help is laid out for every way of asking for it, and for
// nothing else (it costs a tenth of the dashboard's start-up).
func TestWantsHelp(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--tab", "map"}, false},
		{[]string{"list", "projects", "--format", "json"}, false},
		{[]string{"list", "--", "-h"}, false},
		{[]string{"show", "help"}, false},
		{[]string{"--help"}, true},
		{[]string{"-h"}, true},
		{[]string{"list", "-h"}, true},
		{[]string{"report", "--help=true"}, true},
		{[]string{"help"}, true},
		{[]string{"help", "list"}, true},
		{[]string{"--data", "x.yaml", "help", "serve"}, true},
	} {
		if got := wantsHelp(New(IO{}), tc.args); got != tc.want {
			t.Errorf("wantsHelp(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
