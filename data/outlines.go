package data

import _ "embed"

// Regenerate the map outlines from the published world-atlas package
// (needs the npm registry; add -in path/to/countries-50m.json to work offline).
//go:generate go run ./gen/outlines -out outlines.json

// outlinesJSON is kept unexported (and a string) so no importer can change
// the bytes every other caller decodes.
//
//go:embed outlines.json
var outlinesJSON string

// Outlines returns the generated country outlines of the map (JSON, see
// data/gen/outlines). It returns a fresh copy so callers may keep or modify
// it; casia/geo decodes it once and caches the result.
func Outlines() []byte { return []byte(outlinesJSON) }
