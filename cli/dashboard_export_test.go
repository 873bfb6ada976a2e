package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"casia/data"
	"casia/tui"
)

// drive delivers messages to the dashboard and then the messages their
// commands produce, as the program loop would, dropping slow ones (the
// status line's timeouts) and the terminal's own.
func drive(m *tui.Model, msgs ...tea.Msg) {
	for depth := 0; len(msgs) > 0 && depth < 64; depth++ {
		msg := msgs[0]
		msgs = msgs[1:]
		_, cmd := m.Update(msg)
		msgs = append(msgs, results(cmd)...)
	}
}

func results(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
			return nil
		case tea.BatchMsg:
			var out []tea.Msg
			for _, c := range msg {
				out = append(out, results(c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	case <-time.After(50 * time.Millisecond):
		return nil
	}
}

func keys(s ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range s {
		switch k {
		case "enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		default:
			for _, r := range k {
				out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
	return out
}

// TestDashboardExport: what the dashboard's export (e) writes is byte for
// byte what `casia list` prints for the same list, filter and order, in
// CSV and Markdown.
func TestDashboardExport(t *testing.T) {
	ds, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tab, list, filter, sorts string
		reverse                  bool
	}{
		{"signatories", "signatories", "", "ss", false},
		{"signatories", "signatories", "stan", "sss", true},
		{"partnerships", "partnerships", "c5", "s", true},
		{"infrastructure", "projects", "kind:rail", "ssss", false},
		{"infrastructure", "projects", "", "", false},
		{"timeline", "events", "year:2023..2025", "s", false},
		{"sources", "sources", "official", "", true},
	} {
		for _, format := range []string{"csv", "markdown"} {
			dir := t.TempDir()
			m := tui.New(ds, tui.Options{Theme: tui.ThemeDark, Width: 120, Height: 40, Tab: tc.tab,
				Filter: tc.filter, ExportDir: dir, Today: "2026-11-27"})
			drive(m, keys(tc.sorts)...)
			if tc.reverse {
				drive(m, keys("S")...)
			}
			drive(m, keys("e", format[:1])...)
			name := "casia-" + tc.list + "-2026-11-27.csv"
			if format == "markdown" {
				name = strings.TrimSuffix(name, ".csv") + ".md"
			}
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("%s %q as %s: %v", tc.tab, tc.filter, format, err)
			}
			s := m.Snapshot().Sort[tc.tab]
			args := []string{"list", tc.list, "--filter", tc.filter, "--format", format}
			if s.Key != "" {
				args = append(args, "--sort", s.Key)
			}
			if s.Reverse {
				args = append(args, "--reverse")
			}
			code, want, errs := run(t, args...)
			if code != 0 {
				t.Fatalf("casia %q: exit %d: %s", args, code, errs)
			}
			if string(got) != want {
				t.Errorf("the dashboard's %s differs from casia %q:\n%s\nwant\n%s", name, args, got, want)
			}
		}
	}
}
