// Command snapshot turns the human-edited data/casia.yaml into the Go
// source the binary is built with: the YAML is loaded (and so fully
// validated and sanitised) with the same loader users get, then written
// by casia/data/internal/gosrc as one composite literal, which the linker
// lays out in the binary, so start-up decodes nothing.
//
//	go generate -run snapshot ./data
package main

import (
	"flag"
	"fmt"
	"os"

	"casia/data/internal/gosrc"
	"casia/model"
)

func main() {
	in := flag.String("in", "casia.yaml", "the dataset to read")
	out := flag.String("out", "dataset_gen.go", "the Go file to write")
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
	b, err := gosrc.File(ds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write dataset: %w", err)
	}
	return nil
}
