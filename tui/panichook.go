//go:build casia_panichook

package tui

// Built only with -tags casia_panichook, for the end-to-end test that
// checks the terminal is restored after a panic inside View: pressing "!"
// makes the next View panic.
func init() { panicKey = "!" }
