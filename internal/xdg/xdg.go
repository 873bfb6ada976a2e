// Package xdg resolves the XDG base directories casia writes to (state for
// the dashboard, data for the SSH host key), through a getenv function so
// tests and SSH sessions need not touch the process environment.
package xdg

import (
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns $env, or $HOME/fallback when env is unset or not absolute
// (as the XDG spec asks), joined with "casia".
//
//	Dir(os.Getenv, "XDG_STATE_HOME", ".local/state") // ~/.local/state/casia
func Dir(getenv func(string) string, env, fallback string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	dir := getenv(env)
	if dir == "" || !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", fmt.Errorf("$%s is unset and there is no home directory: %w", env, err)
			}
		}
		dir = filepath.Join(home, filepath.FromSlash(fallback))
	}
	return filepath.Join(dir, "casia"), nil
}
