package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// CleanFigure is a figure as data for other programs (`casia list
// --format json`, `casia show --format json`, `casia compare`): the number
// in its unit, the unit, the reference year or date as the source gives it
// (Ref), whether it is approximate, its confidence and its source ids.
// Every JSON figure casia prints has this one shape; CSV flattens it into
// the columns FigureFields names.
type CleanFigure struct {
	Value      float64    `json:"value"`
	Unit       string     `json:"unit"`
	Ref        string     `json:"ref"`
	Approx     bool       `json:"approx"`
	Confidence Confidence `json:"confidence"`
	Note       string     `json:"note,omitempty"`
	Sources    []string   `json:"sources"`
}

// Clean is the figure as data; nil for a nil figure.
func (f *Figure) Clean() *CleanFigure {
	if f == nil {
		return nil
	}
	src := f.Sources
	if src == nil {
		src = []string{}
	}
	return &CleanFigure{Value: f.Value, Unit: f.Unit, Ref: f.Period(), Approx: f.Approx,
		Confidence: f.Confidence, Note: f.Note, Sources: src}
}

// FigureFields are the CSV columns a figure column named key becomes.
func FigureFields(key string) []string {
	return []string{key, key + "_unit", key + "_ref", key + "_approx", key + "_confidence", key + "_sources"}
}

// CSV is the figure's FigureFields values: all empty for a nil figure.
func (f *Figure) CSV() []string {
	if f == nil {
		return make([]string, 6)
	}
	return []string{RawNumber(f.Value), f.Unit, f.Period(),
		strconv.FormatBool(f.Approx), string(f.Confidence), strings.Join(f.Sources, ";")}
}

// CleanRecord is a record (or any part of one) ready for JSON output: the
// fields and names of the data file, in its order, except that every
// figure is a CleanFigure. Each fact, figure, meeting and milestone keeps
// its own source ids.
func CleanRecord(rec any) any {
	return cleanValue(reflect.ValueOf(rec))
}

// Object is a JSON object that keeps its keys in order.
type Object []Field

// Field is one key of an Object.
type Field struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order, without HTML escaping.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalPlain(m.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalPlain(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func cleanValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return cleanValue(v.Elem())
	case reflect.Struct:
		if v.Type() == figureType {
			return v.Addr().Interface().(*Figure).Clean()
		}
		return cleanStruct(v)
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.String {
			out := make([]string, v.Len())
			for i := range out {
				out[i] = v.Index(i).String()
			}
			return out
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = cleanValue(v.Index(i))
		}
		return out
	case reflect.String:
		return v.String()
	}
	return v.Interface()
}

func cleanStruct(v reflect.Value) Object {
	var o Object
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		fv := v.Field(i)
		if sf.Anonymous && name == "" {
			// An inlined figure (a Stat): its clean fields join the parent's.
			inner := cleanValue(v.Field(i))
			switch x := inner.(type) {
			case *CleanFigure:
				o = append(o, cleanFigureMembers(x)...)
			case Object:
				o = append(o, x...)
			}
			continue
		}
		if (strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")) && fv.IsZero() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		o = append(o, Field{name, cleanValue(fv)})
	}
	return o
}

func cleanFigureMembers(f *CleanFigure) []Field {
	m := []Field{{"value", f.Value}, {"unit", f.Unit}, {"ref", f.Ref}, {"approx", f.Approx}, {"confidence", f.Confidence}}
	if f.Note != "" {
		m = append(m, Field{"note", f.Note})
	}
	return append(m, Field{"sources", f.Sources})
}
