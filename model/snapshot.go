package model

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
)

// EncodeSnapshot writes a loaded dataset in the binary snapshot format the
// casia binary embeds (encoding/gob): it decodes in about half a
// millisecond, a quarter of the JSON time, which is most of what start-up
// spends on data. Only datasets that passed Load may be encoded.
func EncodeSnapshot(ds *Dataset) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(ds); err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return b.Bytes(), nil
}

// DecodeSnapshot reads a snapshot written by EncodeSnapshot. The snapshot
// was sanitised and validated when it was made (and a test checks it
// matches its source), so only the indexes are rebuilt here.
func DecodeSnapshot(b []byte) (*Dataset, error) {
	var ds Dataset
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&ds); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	ds.prepare()
	return &ds, nil
}

// LoadJSON loads machine-written JSON, such as the dataset snapshot
// embedded in the binary, with encoding/json: about fifteen times faster
// than the YAML path, which matters at start-up. Decoding is strict
// (unknown fields are errors) and the result is sanitised, validated and
// indexed exactly as Load does. Problems carry a path but, as JSON errors
// give only byte offsets, at most one position.
func LoadJSON(name string, src []byte) (*Dataset, error) {
	l := &loader{file: name, src: src, openQuote: -1}
	if len(src) > MaxFileSize {
		return nil, Problems{tooBig(name, int64(len(src)))}
	}
	if err := jsonBounds(name, src); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var ds Dataset
	if err := dec.Decode(&ds); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		off := int64(0)
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		}
		line, col := l.offsetPos(int(min(off, int64(len(src)))))
		return nil, Problems{{File: name, Line: line, Col: col, Msg: fmt.Sprintf("invalid JSON: %v", err)}}
	}
	sanitize(&ds)
	l.validate(&ds)
	if len(l.probs) > 0 {
		return nil, l.probs.sorted()
	}
	ds.prepare()
	return &ds, nil
}

// Prepare checks and indexes a dataset built in Go rather than read from a
// file (generated test data, a program embedding casia): the same
// sanitising and validation as Load, with problems positioned by path
// only, and without the size limits meant for files.
func Prepare(ds *Dataset) error {
	l := &loader{file: "<memory>", openQuote: -1, inMemory: true}
	sanitize(ds)
	l.validate(ds)
	if len(l.probs) > 0 {
		return l.probs
	}
	ds.prepare()
	return nil
}
