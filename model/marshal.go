package model

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/goccy/go-yaml"
)

// Marshal writes the dataset as YAML that Load reads back to an identical
// dataset, so `casia export` output is a starting point for a user's own
// file.
func Marshal(ds *Dataset) ([]byte, error) {
	out, err := yaml.MarshalWithOptions(ds, yaml.Indent(2), yaml.IndentSequence(true),
		yaml.UseLiteralStyleIfMultiline(true), yaml.CustomMarshaler(plainFloat))
	if err != nil {
		return nil, fmt.Errorf("marshal dataset: %w", err)
	}
	return out, nil
}

// plainFloat writes numbers as plain decimals ("20286084", "18.77"): the
// YAML library's default would write 3e+06, which it then reads back as
// text.
func plainFloat(v float64) ([]byte, error) {
	return []byte(strconv.FormatFloat(v, 'f', -1, 64)), nil
}

// MarshalJSON writes the dataset as indented JSON, which Load also reads.
func MarshalJSON(ds *Dataset) ([]byte, error) {
	out, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal dataset: %w", err)
	}
	return append(out, '\n'), nil
}
