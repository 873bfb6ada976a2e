package model

import (
	"math"
	"strconv"
	"strings"
)

// Unit describes how a figure's unit string is shown and how it converts to
// its dimension's base, so charts compare like with like and never add
// tenge to dollars.
type Unit struct {
	Dimension string  // figures compare only within one dimension
	Factor    float64 // multiply Value by Factor for the base amount
	Prefix    string  // printed before the number ("US$")
	Suffix    string  // printed after it (" bn")
}

// Units is the closed set of units a dataset may use. An unknown unit is a
// validation error, which keeps typos out of charts.
var Units = map[string]Unit{
	"people":         {Dimension: "people", Factor: 1},
	"million people": {Dimension: "people", Factor: 1e6, Suffix: " million"},
	"km²":            {Dimension: "area", Factor: 1, Suffix: " km²"},
	"ha":             {Dimension: "area", Factor: 0.01, Suffix: " ha"},
	"km":             {Dimension: "length", Factor: 1, Suffix: " km"},
	"m":              {Dimension: "length", Factor: 0.001, Suffix: " m"},
	"US$ m":          {Dimension: "USD", Factor: 1e6, Prefix: "US$", Suffix: " m"},
	"US$ bn":         {Dimension: "USD", Factor: 1e9, Prefix: "US$", Suffix: " bn"},
	"US$ trn":        {Dimension: "USD", Factor: 1e12, Prefix: "US$", Suffix: " trn"},
	"US$":            {Dimension: "USD", Factor: 1, Prefix: "US$"},
	"RMB m":          {Dimension: "CNY", Factor: 1e6, Prefix: "RMB ", Suffix: " m"},
	"RMB bn":         {Dimension: "CNY", Factor: 1e9, Prefix: "RMB ", Suffix: " bn"},
	"RMB trn":        {Dimension: "CNY", Factor: 1e12, Prefix: "RMB ", Suffix: " trn"},
	"KZT bn":         {Dimension: "KZT", Factor: 1e9, Prefix: "KZT ", Suffix: " bn"},
	"€ bn":           {Dimension: "EUR", Factor: 1e9, Prefix: "€", Suffix: " bn"},
	"£ m":            {Dimension: "GBP", Factor: 1e6, Prefix: "£", Suffix: " m"},
	"£ bn":           {Dimension: "GBP", Factor: 1e9, Prefix: "£", Suffix: " bn"},
	"bcm/yr":         {Dimension: "gas/yr", Factor: 1, Suffix: " bcm/yr"},
	"bcm":            {Dimension: "gas", Factor: 1, Suffix: " bcm"},
	"Mt/yr":          {Dimension: "freight/yr", Factor: 1, Suffix: " Mt/yr"},
	"Mt":             {Dimension: "freight", Factor: 1, Suffix: " Mt"},
	"TEU":            {Dimension: "containers", Factor: 1, Suffix: " TEU"},
	"TEU/yr":         {Dimension: "containers/yr", Factor: 1, Suffix: " TEU/yr"},
	"MW":             {Dimension: "power", Factor: 1, Suffix: " MW"},
	"TWh/yr":         {Dimension: "energy/yr", Factor: 1, Suffix: " TWh/yr"},
	"%":              {Dimension: "percent", Factor: 1, Suffix: "%"},
	"count":          {Dimension: "count", Factor: 1},
}

// Base returns the figure's value in its dimension's base unit and the
// dimension's name; ok is false for an unknown unit.
func (f Figure) Base() (v float64, dim string, ok bool) {
	u, ok := Units[f.Unit]
	if !ok {
		return 0, "", false
	}
	return f.Value * u.Factor, u.Dimension, true
}

// String formats the figure as a reader expects it: "US$8 bn", "about
// 1,830 km", "20,286,084".
func (f Figure) String() string {
	u := Units[f.Unit]
	s := u.Prefix + FormatNumber(f.Value) + u.Suffix
	if f.Unit == "people" || f.Unit == "count" {
		s = FormatNumber(f.Value)
	}
	if f.Approx {
		s = "about " + s
	}
	return s
}

// Period is the figure's reference date or year, or "" when it has none.
func (f Figure) Period() string {
	if f.Date != "" {
		return string(f.Date)
	}
	if f.Year != 0 {
		return strconv.Itoa(f.Year)
	}
	return ""
}

// FormatNumber prints v with thousands separators and no trailing zeros.
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
