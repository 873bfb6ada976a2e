package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/invopop/jsonschema"
)

var updateSchema = flag.Bool("update-schema", false, "regenerate schema.json from the types")

// TestSchemaUpToDate checks that the embedded schema.json is the one the
// types give; -update-schema rewrites it.
func TestSchemaUpToDate(t *testing.T) {
	want, err := buildSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *updateSchema {
		if err := os.WriteFile("schema.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, _ := Schema(); !bytes.Equal(got, want) {
		t.Fatal("schema.json is out of date: run go test ./model -run TestSchemaUpToDate -update-schema")
	}
}

var statType = reflect.TypeFor[Stat]()

// datePattern is a Date as Load accepts it: YYYY, YYYY-MM or YYYY-MM-DD.
// Whether the day exists (30 February) is left to Load.
const datePattern = `^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`

// buildSchema generates Schema's JSON from the types (see Schema).
func buildSchema() ([]byte, error) {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true, // required comes from casia:"req", below
		ExpandedStruct:             true,
		CommentMap:                 schemaDocs,
		Namer:                      func(t reflect.Type) string { return t.Name() },
		Mapper:                     schemaFor,
	}
	s := r.ReflectFromType(datasetType)
	s.ID = SchemaID
	s.Title = "casia data file"
	s.Description = "A casia dataset: meta, an optional summit, and the lists of countries, partnerships, projects, events and sources. " +
		"Write it with `casia export`, check it with `casia validate`, load it with `casia --data FILE`."
	done := map[reflect.Type]bool{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || done[t] {
			return
		}
		done[t] = true
		def := s
		if t != datasetType {
			def = s.Definitions[t.Name()]
		}
		if def == nil {
			return
		}
		refine(def, t)
		for _, f := range infoOf(t).fields {
			visit(f.typ)
		}
	}
	visit(datasetType)
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return append(out, '\n'), nil
}

// schemaFor gives the types that are strings in Go but not free text in
// the file their schemas: dates and the closed vocabularies.
func schemaFor(t reflect.Type) *jsonschema.Schema {
	if t == dateType {
		// A bare year is a number to YAML (date: 2020), and Load takes it.
		return &jsonschema.Schema{
			AnyOf: []*jsonschema.Schema{
				{Type: "string", Pattern: datePattern},
				{Type: "integer", Minimum: json.Number("1000"), Maximum: json.Number("9999")},
			},
			Examples: []any{"2025-06-17", "2007-06", "2020"}}
	}
	if vals, ok := enums[t]; ok {
		s := &jsonschema.Schema{Type: "string"}
		for _, v := range vals {
			s.Enum = append(s.Enum, v)
		}
		return s
	}
	return nil
}

// refine adds to a struct's schema what the loader knows from the casia
// tags: required fields (non-empty), id patterns for the record's own id,
// country references and source references, and the unit list.
func refine(def *jsonschema.Schema, t reflect.Type) {
	def.Required = nil
	for _, f := range infoOf(t).fields {
		p, ok := def.Properties.Get(f.key)
		if !ok {
			continue
		}
		if f.required {
			def.Required = append(def.Required, f.key)
		}
		target := p
		if p.Type == "array" && p.Items != nil {
			target = p.Items
			if f.required {
				one := uint64(1)
				p.MinItems = &one
			}
			p.UniqueItems = f.country || f.sources
		}
		switch {
		case f.id && t == countryType:
			target.Pattern = `^[a-z]{2}$`
		case f.id:
			target.Pattern = idPattern.String()
		case f.country:
			target.Pattern = `^[a-z]{2}$`
			if target.Description == "" {
				target.Description = "The id of a country listed under countries."
			}
		case f.sources:
			target.Pattern = idPattern.String()
			if p.Description == "" {
				p.Description = "Ids of the sources, listed under sources, that report this."
			}
		}
		if target.Type == "string" && f.required && target.Enum == nil && target.Pattern == "" {
			one := uint64(1)
			target.MinLength = &one
		}
		// A field of a documented named type (Confidence, Date, …) says
		// what the type's comment says; the reflector clears it.
		if ft := f.typ; p.Description == "" && p.Ref == "" && ft.Kind() == reflect.String {
			p.Description = schemaDocs[ft.PkgPath()+"."+ft.Name()]
		}
		if (t == figureType || t == statType) && f.key == "unit" {
			names := unitNames()
			sort.Strings(names)
			target.Enum = nil
			for _, n := range names {
				target.Enum = append(target.Enum, n)
			}
		}
		if (t == figureType || t == statType) && f.key == "value" {
			zero := json.Number("0")
			target.Minimum = zero
		}
		// An optional list or record may be written empty (null), which
		// Load reads as absent.
		if !f.required && (f.typ.Kind() == reflect.Slice || f.typ.Kind() == reflect.Pointer) {
			def.Properties.Set(f.key, &jsonschema.Schema{
				AnyOf:       []*jsonschema.Schema{p, {Type: "null"}},
				Description: p.Description,
			})
			p.Description = ""
		}
	}
	if slices.Equal(def.Required, []string(nil)) {
		def.Required = nil
	}
}
