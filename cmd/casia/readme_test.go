package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/testscript"
)

// readmeSection is the README section whose examples TestReadmeExamples
// runs, so the documentation of report, compare and CSV cannot drift from
// the binary.
const readmeSection = "## Writing with casia"

// example is one command from the README, with the output it shows when
// the README gives one ("$ casia …" followed by output).
type example struct {
	line   string
	args   []string
	sample []string
}

// readmeExamples extracts the commands of the section: every line
// starting with "casia " in a ```sh block (a trailing "  # comment"
// dropped), and every "$ casia …" block with the output after it.
func readmeExamples(t *testing.T) []example {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n"+readmeSection+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", readmeSection)
	}
	if i := strings.Index(sec, "\n## "); i >= 0 {
		sec = sec[:i]
	}
	var out []example
	var block []string
	lang, in := "", false
	for _, l := range strings.Split(sec, "\n") {
		if strings.HasPrefix(l, "```") {
			if in {
				out = append(out, blockExamples(t, lang, block)...)
				block = nil
			}
			in, lang = !in, strings.TrimPrefix(l, "```")
			continue
		}
		if in {
			block = append(block, l)
		}
	}
	return out
}

func blockExamples(t *testing.T, lang string, block []string) []example {
	var out []example
	switch {
	case lang == "sh":
		for _, l := range block {
			if i := strings.Index(l, "  #"); i >= 0 {
				l = l[:i]
			}
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "casia ") {
				out = append(out, example{line: l, args: shellWords(t, l)})
			}
		}
	case lang == "" && len(block) > 0 && strings.HasPrefix(block[0], "$ casia "):
		l := strings.TrimPrefix(block[0], "$ ")
		out = append(out, example{line: l, args: shellWords(t, l), sample: block[1:]})
	}
	return out
}

// shellWords splits a command line as a shell would for the simple
// quoting the README uses (no variables, no pipes).
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	quote, have := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, have = r, true
		case unicode.IsSpace(r):
			if have || cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
				have = false
			}
		case strings.ContainsRune("|&;$`", r):
			t.Fatalf("README example %q uses the shell (%c); keep the examples to plain commands", s, r)
		default:
			cur.WriteRune(r)
		}
	}
	if quote != 0 {
		t.Fatalf("README example %q has an unclosed quote", s)
	}
	if have || cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

// TestReadmeExamples runs every command of the README's "Writing with
// casia" section against the binary: each must succeed and write
// something (to stdout, or to the file it names), and where the README
// shows output, the output must match it: lines without digits exactly
// (spacing aside), and lines with digits, which change with the data, up
// to their first digit.
func TestReadmeExamples(t *testing.T) {
	exs := readmeExamples(t)
	if len(exs) < 6 {
		t.Fatalf("found %d examples in the README's %q section; the extraction is broken", len(exs), readmeSection)
	}
	var script strings.Builder
	var files []string
	for i, ex := range exs {
		fmt.Fprintf(&script, "# %s\n", ex.line)
		args, redirect := ex.args[1:], ""
		if n := len(args); n >= 2 && args[n-2] == ">" {
			args, redirect = args[:n-2], args[n-1]
		}
		fmt.Fprintf(&script, "exec casia %s\n", quoteArgs(args))
		out := ""
		for j, a := range args {
			if (a == "-o" || a == "--output") && j+1 < len(args) {
				out = args[j+1]
			}
		}
		switch {
		case redirect != "":
			fmt.Fprintf(&script, "cp stdout %s\ngrep . %s\n", redirect, redirect)
		case out != "":
			fmt.Fprintf(&script, "grep . %s\n", out)
		default:
			script.WriteString("stdout .\n")
		}
		script.WriteString("! stderr .\n")
		if ex.sample != nil {
			name := fmt.Sprintf("sample%d.txt", i)
			files = append(files, "-- "+name+" --\n"+strings.Join(ex.sample, "\n")+"\n")
			fmt.Fprintf(&script, "matchsample %s\n", name)
		}
		script.WriteString("\n")
	}
	dir := t.TempDir()
	body := script.String() + strings.Join(files, "")
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		Setup:               setup,
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"matchsample": matchSample},
	})
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if strings.ContainsAny(a, " '\"#") || a == "" {
			q[i] = "'" + strings.ReplaceAll(a, "'", "''") + "'"
		}
	}
	return strings.Join(q, " ")
}

// matchsample FILE checks the previous command's stdout against the
// output the README shows: "…" lines are skipped, lines without digits
// must be output lines (whitespace runs compared as one space), and lines
// with digits must begin an output line up to their first digit.
func matchSample(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: matchsample FILE")
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	var got []string
	for _, l := range strings.Split(ts.ReadFile("stdout"), "\n") {
		got = append(got, norm(l))
	}
	for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
		want := norm(l)
		if want == "" || want == "…" {
			continue
		}
		if i := strings.IndexFunc(want, unicode.IsDigit); i >= 0 {
			prefix := strings.TrimSpace(want[:i])
			found := false
			for _, g := range got {
				if strings.HasPrefix(g, prefix) {
					found = true
					break
				}
			}
			if !found {
				ts.Fatalf("the README shows a line starting %q; the output has none", prefix)
			}
			continue
		}
		found := false
		for _, g := range got {
			if g == want {
				found = true
				break
			}
		}
		if !found {
			ts.Fatalf("the README shows the line %q; the output lacks it", want)
		}
	}
}
