// Package cli is casia's command line: the dashboard launcher and the
// scriptable list, show, export and validate commands. The SSH server runs
// the same commands for sessions without a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"casia/data"
	"casia/model"
)

// Version is the release; `go build -ldflags "-X casia/cli.Version=v1.2.3"`
// stamps it.
var Version = "0.1.0-dev"

// IO is where a command reads and writes, so the same commands serve a
// local terminal, a test and an SSH session.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	Getenv   func(string) string
	// Terminal reports whether stdout (and stdin) are an interactive
	// terminal, which decides between the dashboard and plain output.
	Terminal bool
	// Width is stdout's width in cells when it is a terminal, and 0 when
	// it is not: tables fit a terminal and are printed in full to a pipe.
	Width int
}

// StdIO is the process's own streams.
func StdIO() IO {
	std := IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv,
		Terminal: term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd()),
	}
	if term.IsTerminal(os.Stdout.Fd()) {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
			std.Width = w
		}
	}
	return std
}

// app carries what the commands share: where they write and which data
// they read.
type app struct {
	io       IO
	dataPath string
	ds       *model.Dataset
	tui      tuiFlags
}

// dataFile is the user's data file from --data or $CASIA_DATA, or "".
func (a *app) dataFile() string {
	if a.dataPath == "" && a.io.Getenv != nil {
		return a.io.Getenv("CASIA_DATA")
	}
	return a.dataPath
}

// dataset loads --data (or $CASIA_DATA) or the embedded dataset, once.
func (a *app) dataset() (*model.Dataset, error) {
	if a.ds != nil {
		return a.ds, nil
	}
	path := a.dataFile()
	var err error
	if path == "" {
		a.ds, err = data.Load()
	} else {
		a.ds, err = model.LoadFile(path)
	}
	return a.ds, err
}

// New builds the command tree.
func New(std IO) *cobra.Command {
	a := &app{io: std}
	root := &cobra.Command{
		Use:   "casia",
		Short: "China–Central Asia relations at your fingertips",
		Long: `casia is a terminal dashboard of China–Central Asia relations: the 2025 Astana
summit and the Treaty on Eternal Good-Neighbourliness, Friendship and
Cooperation, the six signatory states, the "C5+X" dialogue formats, the
railways and pipelines that tie the region together, and a sourced timeline.

Every record cites its sources. Run without arguments in a terminal to open
the dashboard; with output to a pipe it prints the summit overview.`,
		Example: `  # open the dashboard, or start on a tab with a filter
  casia
  casia --tab partnerships --filter turk
  # scriptable output
  casia list partnerships --format json
  casia show kz
  # your own data
  casia export > my.yaml && casia validate my.yaml && casia --data my.yaml
  # share the dashboard over SSH
  casia serve`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runRoot(cmd)
		},
	}
	root.SetIn(std.In)
	root.SetOut(std.Out)
	root.SetErr(std.Err)
	root.PersistentFlags().StringVarP(&a.dataPath, "data", "d", "", "read the dataset from FILE (YAML or JSON) instead of the built-in one; also $CASIA_DATA")
	_ = root.MarkPersistentFlagFilename("data", "yaml", "yml", "json")
	a.tuiFlags(root)
	root.AddCommand(a.listCmd(), a.showCmd(), a.compareCmd(), a.reportCmd(), a.exportCmd(), a.schemaCmd(), a.validateCmd(), a.serveCmd())
	strictHelpAndCompletion(root)
	return root
}

// strictHelpAndCompletion makes "casia help nope" and "casia completion
// tcsh" errors, where cobra prints a help page and exits 0 (so `casia
// completion tcsh > f` would quietly write help text into f).
func strictHelpAndCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if len(args) > 0 {
					return fmt.Errorf("unknown shell %q; use bash, zsh, fish or powershell", args[0])
				}
				return nil
			}
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return fmt.Errorf("name a shell: casia completion bash|zsh|fish|powershell")
			}
		}
	}
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 || target == nil {
				return fmt.Errorf("unknown help topic %q; try casia --help", strings.Join(args, " "))
			}
			return target.Help()
		},
	})
}

// Main runs casia with the process's arguments and returns the exit code.
func Main() int {
	return Run(context.Background(), os.Args[1:], StdIO())
}

// Run executes one command line and returns its exit code. Errors are
// printed to io.Err: data problems one per line as FILE:LINE:COL: …, others
// styled when stderr is a terminal.
func Run(ctx context.Context, args []string, std IO) int {
	root := New(std)
	if wantsHelp(root, args) {
		layOutHelp(root)
	}
	out := checkWrites(std.Out)
	root.SetOut(out)
	root.SetArgs(args)
	errTTY := false
	if f, ok := std.Err.(*os.File); ok {
		errTTY = term.IsTerminal(f.Fd())
	}
	err := fang.Execute(ctx, root,
		fang.WithVersion(Version),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			printError(std.Err, w, styles, err, errTTY)
		}),
	)
	if err != nil {
		return exitCode(err)
	}
	if werr := out.(interface{ writeErr() error }).writeErr(); werr != nil {
		// Help, version and completion scripts are written by cobra and
		// fang, which drop write errors: `casia --help > /dev/full` must
		// still fail.
		fmt.Fprintf(std.Err, "casia: write output: %s\n", model.Safe(werr.Error(), false))
		return 1
	}
	return 0
}

// checkWrites wraps stdout to remember its first write error. An *os.File
// stays one (its Fd is still there), so fang still sees a terminal.
func checkWrites(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		return &checkedFile{File: f}
	}
	return &checkedWriter{w: w}
}

type checkedFile struct {
	*os.File
	err error
}

func (c *checkedFile) Write(p []byte) (int, error) {
	n, err := c.File.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// WriteString hides the embedded File's, which would bypass Write.
func (c *checkedFile) WriteString(s string) (int, error) { return c.Write([]byte(s)) }

// ReadFrom hides the embedded File's, for the same reason.
func (c *checkedFile) ReadFrom(r io.Reader) (int64, error) {
	return io.Copy(struct{ io.Writer }{c}, r)
}

func (c *checkedFile) writeErr() error { return c.err }

type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

func (c *checkedWriter) writeErr() error { return c.err }

// exitCode is 2 for a command line casia cannot run as typed (a usage
// error), the code an exitError carries, and 1 for anything else.
func exitCode(err error) int {
	var exit exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	if isUsage(err) {
		return 2
	}
	return 1
}

// exitError ends a command with a code after it has reported for itself.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is a command line casia cannot run as typed: an unknown
// flag, column or list, a wrong number of arguments, an ambiguous name.
// It exits with status 2, as usage errors conventionally do, so scripts
// can tell a typo from a data problem (status 1).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// isUsage recognises usage errors, including cobra's own, which come as
// plain errors (see spf13/cobra#2266).
func isUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least ", "unknown help topic", "unknown shell", "name a shell"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

func printError(plain, styled io.Writer, styles fang.Styles, err error, tty bool) {
	var exit exitError
	if errors.As(err, &exit) {
		return // already reported
	}
	// Messages may quote what the user typed (a flag, a path): never let
	// it reach the terminal as escape sequences.
	err = safeError{err}
	var probs model.Problems
	if errors.As(err, &probs) {
		fmt.Fprintln(plain, probs.Error())
		fmt.Fprintf(plain, "casia: %s\n", tally(len(probs)))
		return
	}
	if tty {
		fang.DefaultErrorHandler(styled, styles, err)
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "casia") {
		msg = "casia: " + msg
	}
	fmt.Fprintln(plain, msg)
}

// safeError prints a wrapped error with control characters removed, while
// errors.As still sees the original.
type safeError struct{ err error }

func (e safeError) Error() string { return model.Safe(e.err.Error(), true) }
func (e safeError) Unwrap() error { return e.err }

func tally(n int) string {
	if n == 1 {
		return "1 problem in the data file"
	}
	if n > model.MaxProblems {
		return fmt.Sprintf("more than %d problems in the data file", model.MaxProblems)
	}
	return fmt.Sprintf("%d problems in the data file", n)
}
