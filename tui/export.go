package tui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// Export (e): the active tab's filtered, sorted list written to a file in
// the working directory, as CSV or Markdown, named for the list and the
// day (casia-partnerships-2026-11-27.csv) and never over another file
// (-2, -3… instead). The bytes are model.WriteCSV's or WriteMarkdown's,
// which `casia list` prints, so the file equals `casia list LIST --filter
// Q --sort S --format csv`. The writing runs as a tea.Cmd. Over SSH it is
// refused: the file would land on the server.

type exportFormat int

const (
	exportCSV exportFormat = iota
	exportMarkdown
)

func (f exportFormat) name() string {
	if f == exportMarkdown {
		return "markdown"
	}
	return "csv"
}

func (f exportFormat) ext() string {
	if f == exportMarkdown {
		return ".md"
	}
	return ".csv"
}

// listView is a tab's list as the command line would ask for it.
type listView struct {
	kind    model.Kind
	rows    []int
	filter  string
	sortKey string
	reverse bool
	qerr    string
}

// exportable tabs show a list that can be written out.
type exportable interface {
	listView() listView
}

func (t *listTab) listView() listView {
	return listView{kind: t.kind, rows: t.hits(), filter: t.query, sortKey: t.sortKey(), reverse: t.reverse, qerr: t.qerr}
}

// command is the `casia list` invocation that prints the same list.
func (v listView) command(f exportFormat) string {
	s := "casia list " + v.kind.ListName()
	if v.filter != "" {
		s += " --filter " + shellQuote(v.filter)
	}
	if fs := model.SortFields(v.kind); v.sortKey != "" && (len(fs) == 0 || fs[0].Key != v.sortKey) {
		s += " --sort " + v.sortKey
	}
	if v.reverse {
		s += " --reverse"
	}
	return s + " --format " + f.name()
}

// shellQuote quotes a word for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:,/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// exportCheck is the active tab's list, or why it cannot be exported.
func (m *Model) exportCheck() (listView, string) {
	t, ok := m.tabs[m.active].(exportable)
	if !ok {
		return listView{}, tabSpecs[m.active].title + " has no list to export; the list tabs (2–5, 7) do"
	}
	v := t.listView()
	switch {
	case m.c.opts.Remote:
		return v, "export is not available over SSH: the file would land on the server"
	case v.qerr != "":
		return v, "fix the filter before exporting: " + v.qerr
	case len(v.rows) == 0:
		return v, "nothing to export: no " + v.kind.ListName() + " match the filter"
	}
	return v, ""
}

// startExport is e: a small prompt for the format. Over SSH the prompt
// says why there is no export and offers the command to run at home.
func (m *Model) startExport() tea.Cmd {
	v, why := m.exportCheck()
	if _, isList := m.tabs[m.active].(exportable); why == "" || isList && m.c.opts.Remote {
		m.overlay = &exportPrompt{c: m.c, v: v, remote: m.c.opts.Remote}
	}
	if why != "" {
		return m.setStatus(why, true)
	}
	return nil
}

// export writes the active tab's list in a format.
func (m *Model) export(f exportFormat) tea.Cmd {
	v, why := m.exportCheck()
	if why != "" {
		return m.startExport()
	}
	var buf bytes.Buffer
	cols := model.ListColumns(v.kind, f == exportCSV)
	var err error
	if f == exportMarkdown {
		err = model.WriteMarkdown(&buf, m.c.ds, cols, v.rows)
	} else {
		err = model.WriteCSV(&buf, m.c.ds, cols, v.rows)
	}
	if err != nil {
		return m.setStatus("export failed: "+err.Error(), true)
	}
	name := "casia-" + v.kind.ListName() + "-" + string(m.c.today) + f.ext()
	dir, data, n, what := m.c.opts.ExportDir, buf.Bytes(), len(v.rows), v.kind.ListName()
	return tea.Batch(m.setStatus("exporting…", false), func() tea.Msg {
		path, err := writeNew(dir, name, data)
		if err != nil {
			return statusMsg{text: "export failed: " + err.Error(), err: true}
		}
		// The name first: a narrow footer cuts the end.
		return statusMsg{text: fmt.Sprintf("exported %d %s to %s in %s", n, what, filepath.Base(path), filepath.Dir(path))}
	})
}

// writeNew writes data to a new file named name in dir ("" for the
// working directory), or name-2, name-3… when it exists, and returns its
// path. It never replaces a file.
func writeNew(dir, name string, data []byte) (string, error) {
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("the working directory: %w", err)
		}
		dir = wd
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i <= 1000; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		p := filepath.Join(dir, n)
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = os.Remove(p)
			return "", fmt.Errorf("writing %s: %w", p, werr)
		}
		return p, nil
	}
	return "", fmt.Errorf("%s and 999 numbered copies already exist in %s", name, dir)
}

// exportPrompt asks for the format: c CSV, m Markdown, esc cancels. Over
// SSH (remote) it explains the refusal instead, and y copies the command
// that writes the file at home.
type exportPrompt struct {
	c      *ctx
	v      listView
	remote bool
}

func (p *exportPrompt) update(msg tea.Msg) (tea.Cmd, bool) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		_, click := msg.(tea.MouseClickMsg)
		return nil, click
	}
	k := p.c.keys
	if p.remote {
		switch {
		case key.Matches(kp, k.Copy):
			cmd := p.v.command(exportCSV)
			return tea.Batch(tea.SetClipboard(cmd), func() tea.Msg { return statusMsg{text: "copied " + cmd} }), true
		case key.Matches(kp, k.ViewClose, k.Export):
			return nil, true
		case kp.String() == "q":
			return tea.Quit, true
		}
		return nil, false
	}
	switch {
	case key.Matches(kp, k.ExportCSV):
		return command(cmdExportCSV), true
	case key.Matches(kp, k.ExportMD):
		return command(cmdExportMarkdown), true
	case key.Matches(kp, k.ViewClose, k.Export):
		return nil, true
	case kp.String() == "q":
		return tea.Quit, true
	}
	return nil, false
}

func (p *exportPrompt) view(w, h int) string {
	st, k := p.c.st, p.c.keys
	inner := max(min(w-4, 72), 10)
	what := fmt.Sprintf("%d %s", len(p.v.rows), p.v.kind.ListName())
	if p.v.filter != "" {
		what += " matching " + p.v.filter
	}
	var lines []string
	if p.remote {
		lines = append(lines, st.BoxTitle.Render("No export over SSH"), "")
		lines = append(lines, wrap(st.Text.Render("The file would be written on the server, not on your machine. "+
			"With casia installed, this writes the "+what+" as shown:"), inner)...)
		lines = append(lines, wrap(st.Emphasis.Render(p.v.command(exportCSV)), inner)...)
		lines = append(lines, "", st.HelpKey.Render(k.Copy.Help().Key)+" "+st.Text.Render("copy the command")+"   "+
			st.HelpKey.Render("esc")+" "+st.Text.Render("close"))
		return st.Box.Render(strings.Join(fitLines(lines, inner, min(len(lines), max(h-2, 1))), "\n"))
	}
	lines = append(lines, st.BoxTitle.Render("Export "+what), "")
	lines = append(lines, wrap(st.Text.Render("to a new file in the working directory, sorted as shown; the same as"), inner)...)
	lines = append(lines, wrap(st.Dim.Render(p.v.command(exportCSV)), inner)...)
	lines = append(lines, "", st.HelpKey.Render(k.ExportCSV.Help().Key)+" "+st.Text.Render("CSV (data)")+"   "+
		st.HelpKey.Render(k.ExportMD.Help().Key)+" "+st.Text.Render("Markdown table")+"   "+
		st.HelpKey.Render("esc")+" "+st.Text.Render("cancel"))
	return st.Box.Render(strings.Join(fitLines(lines, inner, min(len(lines), max(h-2, 1))), "\n"))
}
