package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rogpeppe/go-internal/testscript"

	"casia/cli"
)

// TestMain lets the test binary stand in for casia: testscript installs it
// on $PATH as "casia" and runs cli.Main when a script execs it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"casia": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the command-line scripts in testdata/script. Each runs
// casia as a separate process, stdout and stderr captured (never a
// terminal), in a fresh work directory that is also its HOME.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		Setup:               setup,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonvalid":      jsonValid,
			"csvvalid":       csvValid,
			"nocontrol":      noControl,
			"checkfootnotes": checkFootnotes,
			"maxwidth":       maxWidth,
		},
	})
}

// setup gives every script a private HOME and XDG directories inside its
// work directory, a colour-capable TERM (so that escape-free output is
// down to stdout not being a terminal, not to a dumb terminal), and no
// NO_COLOR or CASIA_DATA from the environment running the tests. Scripts
// set NO_COLOR or CASIA_DATA themselves when they test them.
//
// $ESC and $BEL hold the raw control characters, for arguments that
// carry escape sequences.
func setup(env *testscript.Env) error {
	home := filepath.Join(env.WorkDir, "home")
	set := map[string]string{
		"HOME":            home,
		"XDG_CONFIG_HOME": filepath.Join(home, ".config"),
		"XDG_CACHE_HOME":  filepath.Join(home, ".cache"),
		"XDG_DATA_HOME":   filepath.Join(home, ".local", "share"),
		"XDG_STATE_HOME":  filepath.Join(home, ".local", "state"),
	}
	for _, dir := range set {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	set["TERM"] = "xterm-256color"
	set["COLORTERM"] = "truecolor"
	set["ESC"] = "\x1b"
	set["BEL"] = "\a"

	// Drop what the environment running the tests (or testscript's own
	// HOME=/no-home) would otherwise leave in.
	vars := env.Vars[:0]
	for _, kv := range env.Vars {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "NO_COLOR", "CASIA_DATA", "CLICOLOR", "CLICOLOR_FORCE":
			continue
		}
		if _, ok := set[name]; ok {
			continue
		}
		vars = append(vars, kv)
	}
	env.Vars = vars
	for _, name := range slices.Sorted(maps.Keys(set)) {
		env.Setenv(name, set[name])
	}
	return nil
}

// jsonvalid [-n N] [FILE]
//
// checks that FILE (by default the previous command's stdout) is one valid
// JSON value and, with -n, that it is an array of exactly N elements.
func jsonValid(ts *testscript.TestScript, neg bool, args []string) {
	want, args := countFlag(ts, "jsonvalid", args)
	name := fileArg(ts, "jsonvalid", args)
	data := ts.ReadFile(name)
	err := func() error {
		dec := json.NewDecoder(strings.NewReader(data))
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s is not valid JSON: %v", name, err)
		}
		var rest any
		if err := dec.Decode(&rest); err != io.EOF {
			return fmt.Errorf("%s holds more than one JSON value or trailing text", name)
		}
		if want < 0 {
			return nil
		}
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s is a JSON %T, not an array", name, v)
		}
		if len(arr) != want {
			return fmt.Errorf("%s is a JSON array of %d elements, want %d", name, len(arr), want)
		}
		return nil
	}()
	check(ts, neg, "jsonvalid", err)
}

// csvvalid [-n N] [FILE]
//
// checks that FILE (by default the previous command's stdout) parses as
// CSV with the same number of fields on every line and, with -n, exactly
// N records including the header.
func csvValid(ts *testscript.TestScript, neg bool, args []string) {
	want, args := countFlag(ts, "csvvalid", args)
	name := fileArg(ts, "csvvalid", args)
	recs, err := csv.NewReader(strings.NewReader(ts.ReadFile(name))).ReadAll()
	if err == nil && want >= 0 && len(recs) != want {
		err = fmt.Errorf("%s has %d CSV records, want %d", name, len(recs), want)
	}
	if err != nil {
		err = fmt.Errorf("%s: %v", name, err)
	}
	check(ts, neg, "csvvalid", err)
}

// nocontrol [FILE...]
//
// checks that the files (by default the previous command's stdout and
// stderr) are valid UTF-8 without anything a terminal could act on: C0
// controls other than newline and tab (so no ESC or BEL), DEL, C1 controls
// (U+0080–U+009F, which include the single-character CSI and OSC), and
// bidirectional overrides.
func noControl(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! nocontrol")
	}
	if len(args) == 0 {
		args = []string{"stdout", "stderr"}
	}
	for _, name := range args {
		data := ts.ReadFile(name)
		if !utf8.ValidString(data) {
			ts.Fatalf("%s is not valid UTF-8", name)
		}
		for i, r := range data {
			bad := (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f ||
				(r >= 0x80 && r < 0xa0) || r == 0x061c || r == 0x200e || r == 0x200f ||
				(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
			if bad {
				line := 1 + strings.Count(data[:i], "\n")
				from := max(0, i-30)
				to := min(len(data), i+30)
				ts.Fatalf("%s: control character %U at byte %d (line %d): %q", name, r, i, line, data[from:to])
			}
		}
	}
}

func countFlag(ts *testscript.TestScript, cmd string, args []string) (int, []string) {
	if len(args) >= 2 && args[0] == "-n" {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 0 {
			ts.Fatalf("usage: %s [-n N] [FILE]", cmd)
		}
		return n, args[2:]
	}
	return -1, args
}

func fileArg(ts *testscript.TestScript, cmd string, args []string) string {
	switch len(args) {
	case 0:
		return "stdout"
	case 1:
		return args[0]
	}
	ts.Fatalf("usage: %s [-n N] [FILE]", cmd)
	return ""
}

func check(ts *testscript.TestScript, neg bool, cmd string, err error) {
	switch {
	case neg && err == nil:
		ts.Fatalf("%s: unexpected success", cmd)
	case !neg && err != nil:
		ts.Fatalf("%v", err)
	}
}

// checkfootnotes [FILE]
//
// checks the footnotes of a record as casia show prints it (by default
// the previous command's stdout): every "[1, 3]" mark before the final
// "Sources" list names an entry of that list, the list is numbered 1..N
// without gaps, and every entry is cited by some mark.
func checkFootnotes(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! checkfootnotes")
	}
	text := ts.ReadFile(fileArg(ts, "checkfootnotes", args))
	i := strings.LastIndex(text, "\nSources\n")
	if i < 0 {
		ts.Fatalf("no Sources list")
	}
	body, list := text[:i], text[i+len("\nSources\n"):]
	n := 0
	for _, line := range strings.Split(list, "\n") {
		if strings.HasPrefix(line, "  [") {
			n++
			if want := fmt.Sprintf("  [%d] ", n); !strings.HasPrefix(line, want) {
				ts.Fatalf("source list entry %q is not numbered %d", line, n)
			}
		}
	}
	used := make([]bool, n+1)
	for _, m := range footnoteMark.FindAllStringSubmatch(body, -1) {
		for _, num := range strings.Split(m[1], ", ") {
			k, err := strconv.Atoi(num)
			if err != nil || k < 1 || k > n {
				ts.Fatalf("footnote [%s] does not resolve: the list has %d sources", m[1], n)
			}
			used[k] = true
		}
	}
	for k := 1; k <= n; k++ {
		if !used[k] {
			ts.Fatalf("source [%d] is listed but no value cites it", k)
		}
	}
}

var footnoteMark = regexp.MustCompile(` \[(\d+(?:, \d+)*)\]`)

// maxwidth N [FILE]
//
// checks that no line of FILE (by default the previous command's stdout)
// is wider than N terminal cells once trailing spaces are dropped.
func maxWidth(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: maxwidth N [FILE]")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("usage: maxwidth N [FILE]")
	}
	name := fileArg(ts, "maxwidth", args[1:])
	for i, line := range strings.Split(ts.ReadFile(name), "\n") {
		line = strings.TrimRight(line, " ")
		if w := ansi.StringWidth(line); w > n {
			ts.Fatalf("%s:%d is %d cells wide, over %d: %q", name, i+1, w, n, line)
		}
	}
}
