package tui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"casia/internal/xdg"
	"casia/model"
)

const stateVersion = 1

// maxStateBytes bounds the state file; anything bigger is not ours.
const maxStateBytes = 64 << 10

// State is what casia remembers between runs: the last tab, each tab's
// filter and sort, and whether the detail pane was hidden or zoomed. It is
// small, versioned, and ignored when unreadable.
type State struct {
	Version int                  `json:"version"`
	Tab     string               `json:"tab,omitempty"`
	Filters map[string]string    `json:"filters,omitempty"`
	Sort    map[string]SortState `json:"sort,omitempty"`
	// Pane is "list" (detail hidden) or "detail" (zoomed); empty for both
	// side by side.
	Pane string `json:"pane,omitempty"`
}

// SortState is one tab's order.
type SortState struct {
	Key     string `json:"key"`
	Reverse bool   `json:"reverse,omitempty"`
}

// StatePath is $XDG_STATE_HOME/casia/state.json (~/.local/state/… when
// unset).
func StatePath(getenv func(string) string) (string, error) {
	dir, err := xdg.Dir(getenv, "XDG_STATE_HOME", ".local/state")
	if err != nil {
		return "", fmt.Errorf("state directory: %w", err)
	}
	return filepath.Join(dir, "state.json"), nil
}

// LoadState reads the state file. A missing, corrupt, oversized or foreign
// file yields nil: remembering is a convenience, never a reason to fail.
func LoadState(path string) *State {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxStateBytes+1))
	if err != nil || len(b) > maxStateBytes {
		return nil
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil || s.Version != stateVersion {
		return nil
	}
	clean := &State{Version: stateVersion, Filters: map[string]string{}, Sort: map[string]SortState{}}
	if tabIndex(s.Tab) >= 0 {
		clean.Tab = s.Tab
	}
	if p := parsePane(s.Pane); p != paneSplit && p.String() == s.Pane {
		clean.Pane = s.Pane
	}
	for k, v := range s.Filters {
		if tabIndex(k) >= 0 && len(v) <= 200 {
			clean.Filters[k] = model.Safe(v, false)
		}
	}
	for k, v := range s.Sort {
		if tabIndex(k) >= 0 && len(v.Key) <= 40 {
			clean.Sort[k] = SortState{Key: model.Safe(v.Key, false), Reverse: v.Reverse}
		}
	}
	return clean
}

// SaveState writes the state atomically (temporary file, then rename) with
// permissions for the user only.
func SaveState(path string, s *State) error {
	if s == nil {
		return errors.New("save state: nothing to save")
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	b = append(b, '\n')
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil // already remembered: nothing to write
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".state-*.json")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save state: %w", errors.Join(werr, cerr))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}
