package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func loadMinimal(t testing.TB) *Dataset {
	t.Helper()
	ds, err := LoadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatalf("minimal dataset: %v", err)
	}
	return ds
}

func TestLoadMinimal(t *testing.T) {
	ds := loadMinimal(t)
	if got := ds.Len(KindCountry); got != 2 {
		t.Errorf("countries = %d, want 2", got)
	}
	if r, ok := ds.Lookup("KZ"); !ok || r.Kind != KindCountry || ds.Title(r) != "Kazakhstan" {
		t.Errorf("Lookup(KZ) = %v %v", r, ok)
	}
	if ds.Countries[1].Capital.Lat != 51.1801 {
		t.Errorf("capital lat = %v", ds.Countries[1].Capital.Lat)
	}
	if got := ds.Projects[0].Length.String(); got != "523 km" {
		t.Errorf("length = %q", got)
	}
}

// TestBadFiles loads every file of the malformed corpus and compares the
// complete list of problems with its golden file. Regenerate with -update
// only after reading the diff.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*")
	if err != nil || len(files) < 15 {
		t.Fatalf("corpus has %d files (%v); want at least 15", len(files), err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ds, err := LoadFile(path)
			if err == nil {
				t.Fatalf("loaded %s without error: %d countries", path, len(ds.Countries))
			}
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("error is %T, want Problems: %v", err, err)
			}
			for _, p := range probs {
				if p.File != path || p.Line < 1 || p.Col < 1 || p.Msg == "" {
					t.Errorf("unpositioned problem: %#v", p)
				}
				if !strings.HasPrefix(p.Error(), path+":") {
					t.Errorf("problem %q does not start with the file name", p.Error())
				}
			}
			golden.RequireEqual(t, probs.Error()+"\n")
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	if _, err := LoadFile("testdata/does-not-exist.yaml"); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadFile("testdata"); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = LoadFile(big)
	if err == nil || !strings.Contains(err.Error(), "file is 8,388,609 bytes; casia reads data files up to 8,388,608 bytes (8 MB)") {
		t.Errorf("big file: %v", err)
	}
}

// TestRoundTrip checks that a loaded dataset marshals to YAML that loads to
// the same dataset and marshals to the same bytes: what `casia export`
// promises.
func TestRoundTrip(t *testing.T) {
	ds := loadMinimal(t)
	assertRoundTrip(t, ds)
}

func assertRoundTrip(t testing.TB, ds *Dataset) {
	t.Helper()
	out1, err := Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	ds2, err := Load("export.yaml", out1)
	if err != nil {
		t.Fatalf("reload export: %v\n%s", err, out1)
	}
	out2, err := Marshal(ds2)
	if err != nil {
		t.Fatal(err)
	}
	if string(out1) != string(out2) {
		t.Fatalf("export is not stable:\n%s\n---\n%s", out1, out2)
	}
}

// FuzzLoad feeds the loader arbitrary bytes, seeded with the malformed
// corpus: it must never panic, every failure must be positioned problems,
// and every success must survive an export round trip.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/bad/*")
	files = append(files, "testdata/minimal.yaml")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ds, err := Load("fuzz.yaml", src)
		if err != nil {
			var probs Problems
			if !errors.As(err, &probs) || len(probs) == 0 {
				t.Fatalf("error %T is not Problems: %v", err, err)
			}
			for _, p := range probs {
				if p.File != "fuzz.yaml" || p.Line < 1 || p.Col < 1 || p.Msg == "" {
					t.Fatalf("unpositioned problem %#v", p)
				}
			}
			return
		}
		assertRoundTrip(t, ds)
	})
}
