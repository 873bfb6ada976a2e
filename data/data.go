// Package data embeds casia's dataset, so the binary needs no files at run
// time.
//
// casia.yaml is the source: human-edited, built from the project's
// research sheet, every record citing its sources. The binary embeds
// casia.snapshot, generated from it by go generate ./data (see
// model.EncodeSnapshot), because it decodes in half a millisecond where
// the YAML takes thirty. A test fails when the snapshot is out of date.
package data

//go:generate go run ./gen/snapshot -in casia.yaml -out casia.snapshot

import (
	_ "embed"
	"sync"

	"casia/model"
)

// Snapshot is the embedded snapshot of casia.yaml.
//
//go:embed casia.snapshot
var Snapshot []byte

var load = sync.OnceValues(func() (*model.Dataset, error) {
	return model.DecodeSnapshot(Snapshot)
})

// Load returns the embedded dataset, parsed on first use and shared
// afterwards: a Dataset is read-only, so every session can hold the same one.
func Load() (*model.Dataset, error) { return load() }
