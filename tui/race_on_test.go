//go:build race

package tui

// raceEnabled: the race detector is on. It drops sync.Pool items at
// random, so allocation counts are not the program's.
const raceEnabled = true
