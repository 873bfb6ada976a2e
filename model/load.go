package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Limits on what Load accepts. They are far above the real dataset (about
// 200 KB, 85 records) and keep a wrong or hostile file from taking the
// machine with it: the YAML parser needs about 130 bytes of memory per
// byte of input, so an 8 MB file is the most that loads in a couple of
// seconds.
const (
	MaxFileSize    = 8 << 20  // bytes in one data file
	MaxStringBytes = 64 << 10 // bytes in one string value
	MaxRecords     = 50_000   // records across all lists
	maxNesting     = 64       // flow brackets or indentation levels
	maxLineBytes   = 2 * MaxStringBytes
)

// LoadFile reads and loads a user's data file (YAML, or JSON, which is
// YAML). It refuses files over MaxFileSize without reading them whole.
func LoadFile(path string) (*Dataset, error) {
	src, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, src)
}

// ReadFile reads a data file for Load or Check, refusing directories,
// devices and sockets, and files over MaxFileSize without reading them
// whole. A pipe (a FIFO, or a shell's <(…)) is read like a file, up to the
// same limit.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read data file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read data file: %w", err)
	}
	switch mode := st.Mode(); {
	case mode.IsDir():
		return nil, Problems{{File: path, Msg: "is a directory, not a data file"}}
	case mode&os.ModeCharDevice != 0:
		return nil, Problems{{File: path, Msg: "is a character device (a terminal, /dev/zero…), not a data file"}}
	case mode&os.ModeDevice != 0:
		return nil, Problems{{File: path, Msg: "is a device, not a data file"}}
	case mode&os.ModeSocket != 0:
		return nil, Problems{{File: path, Msg: "is a socket, not a data file"}}
	}
	if st.Size() > MaxFileSize {
		return nil, Problems{tooBig(path, st.Size())}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read data file %s: %w", path, err)
	}
	if len(src) > MaxFileSize {
		if !st.Mode().IsRegular() {
			return nil, Problems{{File: path, Line: 1, Col: 1, Msg: fmt.Sprintf("gave more than %s bytes; casia reads data files up to %d MB",
				FormatNumber(MaxFileSize), MaxFileSize>>20)}}
		}
		return nil, Problems{tooBig(path, int64(len(src)))}
	}
	return src, nil
}

func tooBig(name string, n int64) Problem {
	return Problem{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file is %s bytes; casia reads data files up to %s bytes (%d MB)",
		FormatNumber(float64(n)), FormatNumber(MaxFileSize), MaxFileSize>>20)}
}

// Load decodes, checks, sanitises and indexes a dataset. name is used only
// in messages. On failure the error is a Problems listing everything found
// wrong, each positioned as FILE:LINE:COL.
func Load(name string, src []byte) (*Dataset, error) {
	// JSON (what `casia export --format json` writes) takes the fast
	// encoding/json path; only if that finds a problem is the file parsed
	// again as YAML, to position every problem.
	isJSON := false
	var jsonErr error
	if looksJSON(src) && len(src) <= MaxFileSize {
		ds, err := LoadJSON(name, src)
		var probs Problems
		switch {
		case err == nil:
			return ds, nil
		case errors.As(err, &probs) && len(probs) == 1 && (strings.HasPrefix(probs[0].Msg, "file holds") || strings.HasPrefix(probs[0].Msg, "file opens")):
			return nil, err // too many records or values: nothing more to position
		}
		isJSON, jsonErr = true, err
	}
	l := &loader{file: name, src: src, openQuote: -1, json: isJSON}
	ds := l.load()
	if l.tooMany && jsonErr != nil {
		// Too large for the YAML parser to position its problems: the
		// JSON decoder's own report is the best there is.
		return nil, jsonErr
	}
	if len(l.probs) > 0 {
		return nil, l.probs.sorted()
	}
	return ds, nil
}

// looksJSON reports whether a file is JSON rather than YAML: its first
// character opens an object.
func looksJSON(src []byte) bool {
	t := bytes.TrimLeft(src, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

type loader struct {
	inMemory  bool // Prepare: a dataset built in Go, not read from a file
	json      bool // the input is JSON, which may be one long line
	openQuote int  // offset of the first quoted scalar spanning lines, or -1
	file      string
	src       []byte
	body      ast.Node
	probs     Problems
	full      bool // MaxProblems reached
	tooMany   bool // refused for MaxValues: a large JSON file may still load as JSON
	// bad holds the paths of values the shape check reported and
	// replaced with null, and of required fields found missing: the
	// validator says nothing more about them.
	bad map[string]bool
}

func (l *loader) markBad(path []pathElem) {
	if l.bad == nil {
		l.bad = map[string]bool{}
	}
	l.bad[pathString(path)] = true
}

// reported reports whether a problem at path was already reported by the
// shape check, at that path or an enclosing one.
func (l *loader) reported(path []pathElem) bool {
	if len(l.bad) == 0 {
		return false
	}
	for i := len(path); i > 0; i-- {
		if l.bad[pathString(path[:i])] {
			return true
		}
	}
	return false
}

func (l *loader) addAt(line, col int, path, format string, args ...any) {
	if l.full {
		return
	}
	if len(l.probs) == MaxProblems {
		l.full = true
		l.probs = append(l.probs, Problem{File: l.file, Line: line, Col: col,
			Msg: fmt.Sprintf("too many problems; stopped after %d", MaxProblems)})
		return
	}
	l.probs = append(l.probs, Problem{File: l.file, Line: line, Col: col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) addNode(n ast.Node, path, format string, args ...any) {
	line, col := pos(n)
	l.addAt(line, col, path, format, args...)
}

func pos(n ast.Node) (line, col int) {
	if n == nil {
		return 1, 1
	}
	if t := n.GetToken(); t != nil && t.Position != nil {
		return t.Position.Line, t.Position.Column
	}
	return 1, 1
}

func (l *loader) load() *Dataset {
	if len(l.src) > MaxFileSize {
		l.probs = append(l.probs, tooBig(l.file, int64(len(l.src))))
		return nil
	}
	if !l.textual() || !l.bounds() || (!l.json && !l.shortLines()) {
		return nil
	}
	if len(bytes.TrimSpace(l.src)) == 0 {
		l.addAt(1, 1, "", "file is empty; expected a dataset with meta, summit, countries, partnerships, projects, events and sources")
		return nil
	}
	f, err := parser.ParseBytes(l.src, 0)
	if err != nil {
		l.yamlError(err, "")
		if l.openQuote >= 0 {
			line, col := l.offsetPos(l.openQuote)
			if len(l.probs) > 0 && line < l.probs[0].Line {
				l.addAt(line, col, "", "quoted text starts here and runs on past the end of the line; is a closing quote missing?")
			}
		}
		return nil
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	switch {
	case len(docs) == 0:
		l.addAt(1, 1, "", "file has no data (only comments?); expected a dataset with meta, summit, countries, partnerships, projects, events and sources")
		return nil
	case len(docs) > 1:
		l.addNode(docs[1].Body, "", "file holds %d YAML documents; casia reads exactly one", len(docs))
		return nil
	}
	l.body = docs[0].Body
	w := walker{l: l}
	if !w.check(l.body, datasetType, nil) || l.full {
		return nil // not a dataset at all, or too broken to go on
	}
	if n := l.countRecords(); n > MaxRecords {
		l.addAt(1, 1, "", "file holds %d records; casia loads at most %d", n, MaxRecords)
		return nil
	}
	// The shape check replaced what it reported with nulls, so the
	// document decodes, and the meaning of the rest is checked in the
	// same pass: one run of validate reports every problem.
	shapeProblems := len(l.probs) > 0
	var ds Dataset
	if err := yaml.NodeToValue(l.body, &ds); err != nil {
		if !shapeProblems {
			l.yamlError(err, "")
		}
		return nil
	}
	sanitize(&ds)
	l.validate(&ds)
	if len(l.probs) > 0 {
		return nil
	}
	ds.prepare()
	return &ds
}

// textual refuses binary input up front: YAML of NULs or invalid UTF-8
// would otherwise produce a confusing syntax error.
func (l *loader) textual() bool {
	if i := bytes.IndexByte(l.src, 0); i >= 0 {
		line, col := l.offsetPos(i)
		l.addAt(line, col, "", "file contains a NUL byte; it looks like a binary file, not YAML or JSON")
		return false
	}
	if !utf8.Valid(l.src) {
		i := 0
		for i < len(l.src) {
			r, n := utf8.DecodeRune(l.src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		line, col := l.offsetPos(i)
		l.addAt(line, col, "", "file is not valid UTF-8 text")
		return false
	}
	return true
}

// shortLines refuses a line longer than any valid value could need before
// the parser copies it around (a 10 MB string costs it half a gigabyte).
func (l *loader) shortLines() bool {
	start := 0
	for start < len(l.src) {
		end := bytes.IndexByte(l.src[start:], '\n')
		if end < 0 {
			end = len(l.src) - start
		}
		if end > maxLineBytes {
			line, _ := l.offsetPos(start)
			l.addAt(line, 1, "", "line is %d KB long; casia data values are at most %d KB", end>>10, MaxStringBytes>>10)
			return false
		}
		start += end + 1
	}
	return true
}

func (l *loader) offsetPos(off int) (line, col int) {
	line = 1 + bytes.Count(l.src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(l.src[:off], '\n') + 1
	return line, utf8.RuneCount(l.src[start:off]) + 1
}

// yamlError turns a go-yaml error into a positioned problem with the
// library's message but without its source excerpt.
func (l *loader) yamlError(err error, path string) {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line, col := 1, 1
		if t := ye.GetToken(); t != nil && t.Position != nil {
			line, col = t.Position.Line, t.Position.Column
		}
		msg := ye.GetMessage()
		if strings.Contains(msg, "not allowed in this context") {
			msg += " (check the indentation and quoting on this line and the one before)"
		}
		l.addAt(line, col, path, "%s", msg)
		return
	}
	l.addAt(1, 1, path, "%v", err)
}

func (l *loader) countRecords() int {
	n := 0
	m, ok := l.body.(*ast.MappingNode)
	if !ok {
		return 0
	}
	for _, mv := range m.Values {
		if s, ok := unwrap(mv.Value).(*ast.SequenceNode); ok {
			n += len(s.Values)
		}
	}
	return n
}
