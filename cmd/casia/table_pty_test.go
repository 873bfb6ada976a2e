//go:build unix

package main

import (
	"bytes"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// TestTableFitsTerminal: `casia list` with stdout a terminal fits the
// table to its width, shortening the widest text column with an
// ellipsis; numbers are never cut. (Piped, the table is full width: see
// list_data.txtar.)
func TestTableFitsTerminal(t *testing.T) {
	bin := casiaBinary(t)
	for _, width := range []int{80, 120} {
		for _, list := range []string{"sources", "projects", "partnerships", "events"} {
			cmd := exec.Command(bin, "list", list)
			cmd.Env = []string{"TERM=xterm-256color", "NO_COLOR=1", "HOME=" + t.TempDir()}
			f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(width), Rows: 40})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			_, _ = io.Copy(&out, f) // ends with EIO when the program exits
			_ = cmd.Wait()
			f.Close()
			text := strings.ReplaceAll(out.String(), "\r\n", "\n")
			lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
			if len(lines) < 3 {
				t.Fatalf("list %s at %d columns: %q", list, width, text)
			}
			cut := false
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("list %s at %d columns: a line is %d wide: %q", list, width, w, l)
				}
				cut = cut || strings.Contains(l, "…")
			}
			if list == "sources" && !cut {
				t.Errorf("list sources at %d columns: no column was shortened:\n%s", width, text)
			}
		}
	}
}
