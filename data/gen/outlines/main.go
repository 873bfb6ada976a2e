// Command outlines generates data/outlines.json, the country outlines of
// the casia map, from the world-atlas npm package (Natural Earth 1:50m,
// public domain).
//
// It downloads the published tarball, checks it against the sha512
// integrity the npm registry publishes for it, decodes countries-50m.json
// (TopoJSON), selects the countries around Central Asia, simplifies the
// shared arcs (Douglas–Peucker), clips them to the map window
// (Sutherland–Hodgman), computes label anchors (poles of inaccessibility)
// and writes deterministic JSON. Run it through go generate:
//
//	go generate ./data/...
//
// or offline from a local copy of the file:
//
//	go run ./data/gen/outlines -in countries-50m.json -out data/outlines.json
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

const (
	// tarballURL is the published world-atlas 2.0.2 package.
	tarballURL = "https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz"
	// tarballIntegrity is `npm view world-atlas@2.0.2 dist.integrity`.
	tarballIntegrity = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
	// tarballMember is the file used from the package.
	tarballMember = "package/countries-50m.json"
	// maxDownload bounds what is read from the network (the tarball is ~5 MB).
	maxDownload = 64 << 20
)

func main() {
	in := flag.String("in", "", "read this countries-50m.json instead of downloading world-atlas 2.0.2")
	out := flag.String("out", "outlines.json", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "outlines:", err)
		os.Exit(1)
	}
}

// run loads the source, generates the outlines and writes them atomically.
func run(in, out string) error {
	var src []byte
	var err error
	if in != "" {
		src, err = os.ReadFile(in)
		if err != nil {
			return fmt.Errorf("read source: %w", err)
		}
	} else {
		src, err = download(tarballURL, tarballIntegrity)
		if err != nil {
			return err
		}
	}
	b, notes, err := generate(src, defaultOptions())
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	for _, n := range notes {
		fmt.Fprintln(os.Stderr, "outlines: note:", n)
	}
	return writeAtomic(out, b)
}

// download fetches the tarball, verifies its integrity and returns the
// countries-50m.json member.
func download(url, integrity string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: %s", url, resp.Status)
	}
	tgz, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	return extract(tgz, integrity, tarballMember)
}

// extract verifies tgz against an npm "sha512-<base64>" integrity string
// and returns the named member of the gzipped tar.
func extract(tgz []byte, integrity, member string) ([]byte, error) {
	sum := sha512.Sum512(tgz)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
		return nil, fmt.Errorf("tarball integrity mismatch: got %s, want %s", got, integrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("tarball: %w", err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("tarball: %s not found", member)
		}
		if err != nil {
			return nil, fmt.Errorf("tarball: %w", err)
		}
		if h.Name == member && h.Typeflag == tar.TypeReg {
			b, err := io.ReadAll(io.LimitReader(tr, maxDownload))
			if err != nil {
				return nil, fmt.Errorf("tarball: %s: %w", member, err)
			}
			return b, nil
		}
	}
}

// writeAtomic writes b to path through a temporary file in the same folder.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".outlines-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// defaultOptions is the casia map: the six signatories of the 2025 Astana
// treaty and every country that reaches into lon 46–120°E, lat 24–56°N.
func defaultOptions() options {
	return options{
		Object:    "countries",
		Window:    rect{West: 46, South: 24, East: 120, North: 56},
		Tolerance: 0.02,
		MinArea:   0.002,
		Decimals:  3,
		Source:    "world-atlas 2.0.2 countries-50m.json (Natural Earth 1:50m, public domain), clipped to 46–120°E 24–56°N",
		Countries: []country{
			// The signatories (world-atlas ids are ISO 3166-1 numeric).
			{"156", "cn", "China", true},
			{"398", "kz", "Kazakhstan", true},
			{"417", "kg", "Kyrgyzstan", true},
			{"762", "tj", "Tajikistan", true},
			{"795", "tm", "Turkmenistan", true},
			{"860", "uz", "Uzbekistan", true},
			// Neighbours that frame the region.
			{"004", "af", "Afghanistan", false},
			{"364", "ir", "Iran", false},
			{"586", "pk", "Pakistan", false},
			{"496", "mn", "Mongolia", false},
			{"643", "ru", "Russia", false},
			{"031", "az", "Azerbaijan", false},
			{"356", "in", "India", false},
			{"268", "ge", "Georgia", false},
			{"051", "am", "Armenia", false},
			{"524", "np", "Nepal", false},
			{"064", "bt", "Bhutan", false},
			{"050", "bd", "Bangladesh", false},
			{"104", "mm", "Myanmar", false},
			{"368", "iq", "Iraq", false},
			{"414", "kw", "Kuwait", false},
			{"682", "sa", "Saudi Arabia", false},
			{"048", "bh", "Bahrain", false},
			{"634", "qa", "Qatar", false},
			{"784", "ae", "United Arab Emirates", false},
			{"512", "om", "Oman", false},
			// Natural Earth's Siachen Glacier has no ISO code; "xs" is from
			// the user-assigned X* range so the Karakoram shows no gap.
			{"Siachen Glacier", "xs", "Siachen Glacier", false},
		},
		Seas: []sea{
			{"Caspian Sea", []string{"az", "ir", "kz", "ru", "tm"}},
			{"Aral Sea", []string{"kz", "uz"}},
		},
	}
}
