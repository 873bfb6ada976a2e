package model

import (
	"encoding/json"
	"fmt"

	"github.com/goccy/go-yaml"
)

// Marshal writes the dataset as YAML that Load reads back to an identical
// dataset, so `casia export` output is a starting point for a user's own
// file.
func Marshal(ds *Dataset) ([]byte, error) {
	out, err := yaml.MarshalWithOptions(ds, yaml.Indent(2), yaml.IndentSequence(true), yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, fmt.Errorf("marshal dataset: %w", err)
	}
	return out, nil
}

// MarshalJSON writes the dataset as indented JSON, which Load also reads.
func MarshalJSON(ds *Dataset) ([]byte, error) {
	out, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal dataset: %w", err)
	}
	return append(out, '\n'), nil
}
