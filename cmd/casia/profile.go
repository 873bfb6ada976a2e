package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profile writes a CPU profile of the whole run to the file named by
// CASIA_CPUPROFILE, for `go tool pprof` (start-up included: profiles of
// many short runs merge, `go tool pprof -top casia prof.*`). It returns
// the function that ends it. Without the variable it does nothing.
func profile() (stop func()) {
	path := os.Getenv("CASIA_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "casia: CASIA_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
