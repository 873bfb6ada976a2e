// Package data embeds casia's dataset, so the binary needs no files at run
// time.
//
// casia.yaml is the source: human-edited, built from the project's
// research sheet, every record citing its sources. The binary embeds
// casia.json, a snapshot generated from it (go generate ./data) because
// JSON decodes much faster at start-up. A test fails when the snapshot is
// out of date.
package data

//go:generate go run ./gen/snapshot -in casia.yaml -out casia.json

import (
	_ "embed"
	"sync"

	"casia/model"
)

// JSON is the embedded snapshot of casia.yaml.
//
//go:embed casia.json
var JSON []byte

// Name is how the embedded dataset appears in messages.
const Name = "data/casia.json"

var load = sync.OnceValues(func() (*model.Dataset, error) {
	return model.LoadJSON(Name, JSON)
})

// Load returns the embedded dataset, parsed on first use and shared
// afterwards: a Dataset is read-only, so every session can hold the same one.
func Load() (*model.Dataset, error) { return load() }
