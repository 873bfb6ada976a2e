// Command printbytes writes a file to standard output: the reference that
// BenchmarkExport runs beside `casia export`, a Go program doing nothing
// but printing the same bytes.
package main

import (
	"os"
)

func main() {
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	if _, err := os.Stdout.Write(b); err != nil {
		os.Exit(1)
	}
}
