package model

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a data file, positioned the way editors
// and compilers print it so a user can jump straight to it.
type Problem struct {
	File string
	Line int
	Col  int
	Path string // dotted path into the document, e.g. projects[3].route[2].lat
	Msg  string
}

// Error formats the problem as FILE:LINE:COL: PATH: MESSAGE.
func (p Problem) Error() string {
	var b strings.Builder
	// The file name comes from the user's command line, not the data, so
	// it is sanitised here, where it is printed.
	b.WriteString(Safe(p.File, false))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// MaxProblems caps how many problems one load reports, so a file of
// garbage yields a readable list rather than a million lines.
const MaxProblems = 200

// Problems is every problem a load found, in file order.
type Problems []Problem

// Error lists the problems one per line, with a tally when the list was cut.
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Col < ps[j].Col
	})
	return ps
}
