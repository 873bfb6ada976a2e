package model

import (
	"fmt"
	"time"
)

// Date is a calendar date at the precision the sources give: "2020",
// "2007-06" or "2025-06-17". Research rarely knows more than it says, so
// casia never pads a year into a fake first of January.
//
// Dates in these formats sort correctly as strings, and a coarser date sorts
// before a finer one in the same period.
type Date string

// Precision is how much of a Date is known.
type Precision int

// Date precisions.
const (
	Invalid Precision = iota
	Year
	Month
	Day
)

// Parse checks the date and reports its parts; precision is Invalid when the
// string is not a real date in one of the three formats.
func (d Date) Parse() (y, m, day int, p Precision) {
	s := string(d)
	digits := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, len(s) > 0
	}
	switch len(s) {
	case 4:
		if y, ok := digits(s); ok {
			return y, 0, 0, Year
		}
	case 7:
		y, ok1 := digits(s[:4])
		m, ok2 := digits(s[5:])
		if ok1 && ok2 && s[4] == '-' && m >= 1 && m <= 12 {
			return y, m, 0, Month
		}
	case 10:
		y, ok1 := digits(s[:4])
		m, ok2 := digits(s[5:7])
		dd, ok3 := digits(s[8:])
		if ok1 && ok2 && ok3 && s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && dd >= 1 {
			t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
			if t.Day() == dd {
				return y, m, dd, Day
			}
		}
	}
	return 0, 0, 0, Invalid
}

// Valid reports whether the date is well formed.
func (d Date) Valid() bool {
	_, _, _, p := d.Parse()
	return p != Invalid
}

// Year returns the year, or 0 for an empty or invalid date.
func (d Date) Year() int {
	y, _, _, _ := d.Parse()
	return y
}

// Human formats the date for reading: "17 Jun 2025", "Jun 2007", "2020".
func (d Date) Human() string {
	y, m, day, p := d.Parse()
	switch p {
	case Day:
		return fmt.Sprintf("%d %s %d", day, time.Month(m).String()[:3], y)
	case Month:
		return fmt.Sprintf("%s %d", time.Month(m).String()[:3], y)
	case Year:
		return fmt.Sprint(y)
	}
	return string(d)
}

// Span formats a date with an optional end date: "18–19 May 2023".
func Span(start, end Date) string {
	if end == "" || end == start {
		return start.Human()
	}
	y1, m1, d1, p1 := start.Parse()
	y2, m2, d2, p2 := end.Parse()
	if p1 == Day && p2 == Day && y1 == y2 && m1 == m2 {
		return fmt.Sprintf("%d–%d %s %d", d1, d2, time.Month(m1).String()[:3], y1)
	}
	return start.Human() + " – " + end.Human()
}
