// Command peakrss runs a command with its output discarded and prints the
// command's peak resident set in KB. BenchmarkExport measures through it
// because a process forked from the (large) test binary reports the test
// binary's size as its own peak; forked from this small program, the
// command reports at most this program's few megabytes plus its own.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		os.Exit(1)
	}
	fmt.Println(ru.Maxrss)
}
