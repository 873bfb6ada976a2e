// Command snapshot turns the human-edited data/casia.yaml into the
// snapshot the binary embeds: the YAML is loaded (and so fully validated
// and sanitised) with the same loader users get, then encoded with
// model.EncodeSnapshot, which decodes about fifty times faster than the
// YAML at start-up.
//
//	go generate ./data
package main

import (
	"flag"
	"fmt"
	"os"

	"casia/model"
)

func main() {
	in := flag.String("in", "casia.yaml", "the dataset to read")
	out := flag.String("out", "casia.snapshot", "the snapshot to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	ds, err := model.LoadFile(in)
	if err != nil {
		return err
	}
	b, err := model.EncodeSnapshot(ds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}
