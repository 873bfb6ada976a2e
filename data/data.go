// Package data embeds casia's dataset, so the binary needs no files at run
// time.
//
// casia.yaml is the source: human-edited, built from the project's
// research sheet, every record citing its sources. The binary is built
// with dataset_gen.go, generated from it by go generate -run snapshot
// ./data (see data/internal/gosrc): the loaded dataset written as one Go
// composite literal, which the linker lays out in the binary, so start-up
// decodes nothing and only the pages it reads are touched. A test fails
// when the generated file is out of date.
package data

//go:generate go run ./gen/snapshot -in casia.yaml -out dataset_gen.go

import (
	"sync"

	"casia/model"
)

var prepareOnce sync.Once

func prepare() { model.Prepared(&dataset) }

// Load returns the embedded dataset, indexed on first use and shared
// afterwards: a Dataset is read-only, so every session can hold the same
// one. The data was validated when it was generated, so the error is
// always nil.
func Load() (*model.Dataset, error) {
	prepareOnce.Do(prepare)
	return &dataset, nil
}
