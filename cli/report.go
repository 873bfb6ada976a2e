package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
	"casia/report"
)

var reportFormats = []string{"md", "html"}

func (a *app) reportCmd() *cobra.Command {
	var format, out string
	var countries []string
	var since int
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write a sourced briefing in Markdown or HTML",
		Long: `Write a briefing on the summit and the treaty, the states' key figures, the
dialogue formats, the projects by kind and status, and the recent timeline,
with numbered footnotes giving each source's publisher, title, date and URL.
Every figure carries its confidence mark (✓ verified, † single source,
≠ sources disagree, ≈ derived) and its own footnotes.

Markdown (the default) pastes into a document or a CMS. --format html writes
one self-contained page (no scripts, nothing fetched) with a map and charts
drawn as SVG, light and dark themes, and print styles: "Print to PDF" in a
browser gives an A4 brief. With -o FILE ending in .html the format is HTML
unless --format says otherwise.

--country narrows the brief to some states (by id or any of their names);
formats, projects and events are those that involve one of them. --since
sets the first year of the timeline and meetings (default: four years
before the data's as-of date).`,
		Example: `  # Markdown on stdout, or into a file
  casia report > brief.md
  # an HTML page (map, charts) for two states, from 2023 on
  casia report -c kz -c uzbekistan --since 2023 -o brief.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "markdown" {
				format = "md"
			}
			if !cmd.Flags().Changed("format") {
				if ext := strings.ToLower(filepath.Ext(out)); ext == ".html" || ext == ".htm" {
					format = "html"
				}
			}
			if err := oneOf("format", format, reportFormats); err != nil {
				return err
			}
			if cmd.Flags().Changed("since") && (since < 1000 || since > 9999) {
				return fmt.Errorf("invalid --since %d; give a year such as 2020", since)
			}
			ds, err := a.dataset()
			if err != nil {
				return err
			}
			ids, err := resolveStates(cmd, ds, splitList(countries))
			if err != nil {
				return err
			}
			brief, err := report.Build(ds, report.Options{Countries: ids, Since: since})
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if format == "html" {
				err = brief.HTML(&buf)
			} else {
				err = brief.Markdown(&buf)
			}
			if err != nil {
				return fmt.Errorf("report: %w", err)
			}
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			return writeFileAtomic(out, buf.Bytes())
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "md", "output FORMAT: md (Markdown) or html")
	f.StringSliceVarP(&countries, "country", "c", nil, "only these states (ID or name; repeat or separate with commas)")
	f.IntVar(&since, "since", 0, "first YEAR of the timeline and meetings")
	f.StringVarP(&out, "output", "o", "", "write to FILE instead of stdout")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(reportFormats))
	_ = cmd.RegisterFlagCompletionFunc("country", a.completeStates)
	_ = cmd.MarkFlagFilename("output", "md", "html")
	return cmd
}

// splitList flattens repeated and comma-separated flag values.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, so a reader never sees half a brief and a failed write leaves
// the old file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("report: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// resolveStates turns what the user typed into state ids with
// CountriesNamed. An unknown or ambiguous name is reported on stderr with
// the candidates, and the command exits 2 (a usage error).
func resolveStates(cmd *cobra.Command, ds *model.Dataset, names []string) ([]string, error) {
	var ids []string
	for _, name := range names {
		got := ds.CountriesNamed(name)
		switch len(got) {
		case 1:
			ids = append(ids, got[0])
			continue
		case 0:
			fmt.Fprintf(cmd.ErrOrStderr(), "casia: no state is called %q; the states are %s\n",
				model.Safe(name, false), joinOr(stateList(ds, allIDs(ds)), "and"))
		default:
			fmt.Fprintf(cmd.ErrOrStderr(), "casia: %q could be %s; name one\n",
				model.Safe(name, false), joinOr(stateList(ds, got), "or"))
		}
		return nil, exitError{code: 2}
	}
	return ids, nil
}

func allIDs(ds *model.Dataset) []string {
	ids := make([]string, len(ds.Countries))
	for i, c := range ds.Countries {
		ids[i] = c.ID
	}
	return ids
}

// stateList is "Kazakhstan (kz)" for each id.
func stateList(ds *model.Dataset, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ds.CountryName(id) + " (" + id + ")"
	}
	return out
}

// joinOr joins "a, b and c" (or "or").
func joinOr(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// completeStates offers state ids with their names.
func (a *app) completeStates(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	ds, err := a.dataset()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, c := range ds.Countries {
		out = append(out, c.ID+"\t"+c.Names.Common)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
