// Command refserver is the floor casia serve's load test measures against:
// a minimal Wish v2 + Bubble Tea v2 server as its README would have it
// (bubbletea and activeterm middleware, nothing else), whose model fills
// the window with styled text: a tab bar, a list with a cursor, a status
// line. It answers the load test's keys as casia does: 1–7 switch tabs, j
// and k move the cursor.
//
// It listens on 127.0.0.1:0, prints "LOAD addr ADDR" and "LOAD hostkey
// KEY" on stdout, and serves until its stdin is closed.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

const items = 40

var (
	tabStyle    = lipgloss.NewStyle().Foreground(lipgloss.Color("245"))
	activeStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("215")).Bold(true)
	ruleStyle   = lipgloss.NewStyle().Foreground(lipgloss.Color("240"))
	itemStyle   = lipgloss.NewStyle().Foreground(lipgloss.Color("254"))
	cursorStyle = lipgloss.NewStyle().Reverse(true)
	statusStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("80"))
)

type model struct {
	w, h     int
	tab, pos int
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch k := msg.String(); k {
		case "q", "ctrl+c":
			return m, tea.Quit
		case "j":
			m.pos = min(m.pos+1, items-1)
		case "k":
			m.pos = max(m.pos-1, 0)
		default:
			if len(k) == 1 && k[0] >= '1' && k[0] <= '7' {
				m.tab = int(k[0] - '1')
			}
		}
	}
	return m, nil
}

func fit(s string, w int) string {
	if len([]rune(s)) > w {
		return string([]rune(s)[:w])
	}
	return s + strings.Repeat(" ", w-len([]rune(s)))
}

func (m model) View() tea.View {
	var b strings.Builder
	var bar string
	for i := range 7 {
		if i == m.tab {
			bar += activeStyle.Render(fmt.Sprintf("[%d tab]", i+1))
		} else {
			bar += tabStyle.Render(fmt.Sprintf(" %d tab ", i+1))
		}
	}
	b.WriteString(bar + "\n")
	b.WriteString(ruleStyle.Render(strings.Repeat("─", m.w)) + "\n")
	for y := 2; y < m.h-2; y++ {
		i := y - 2
		line := fit(fmt.Sprintf(" Item %02d of tab %d · a line of text that fills the window, as a dashboard's rows do", i+1, m.tab+1), m.w)
		if i == m.pos {
			b.WriteString(cursorStyle.Render(line) + "\n")
		} else {
			b.WriteString(itemStyle.Render(line) + "\n")
		}
	}
	b.WriteString(statusStyle.Render(fit(fmt.Sprintf(" %d/%d · tab %d", m.pos+1, items, m.tab+1), m.w)) + "\n")
	b.WriteString(tabStyle.Render(fit(" j/k move • 1-7 tabs • q quit", m.w)))
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

func main() {
	dir, err := os.MkdirTemp("", "refserver")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(dir, "host_key")),
		wish.WithMiddleware(
			bm.Middleware(func(ssh.Session) (tea.Model, []tea.ProgramOption) { return model{}, nil }),
			activeterm.Middleware(),
		),
	)
	if err != nil {
		fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	fmt.Printf("LOAD addr %s\n", ln.Addr())
	fmt.Printf("LOAD hostkey %s", gossh.MarshalAuthorizedKey(srv.HostSigners[0].PublicKey()))
	_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "refserver:", err)
	os.Exit(1)
}
