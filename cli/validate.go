package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) validateCmd() *cobra.Command {
	var strict bool
	var today string
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check data files and report every problem as FILE:LINE:COL",
		Long: `Check one or more data files (YAML or JSON; "-" reads standard input) the
way casia loads them: strict field names and types, required fields, unique
ids, known country and source references, real dates, units, coordinates
and number ranges. Every problem is printed as FILE:LINE:COL: PATH: MESSAGE;
the exit status is 1 if any file has a problem.

A file that loads is also checked for what readers should not be shown:
a planned item whose date has passed with no recorded outcome, a state's
statistic more than three years older than meta.as_of, an item citing a
source published before the event it attests, and a source no record
cites. These are warnings; --strict makes them fail the check too.`,
		Example: `  casia validate my.yaml
  casia validate --strict --today 2026-11-27 data/casia.yaml
  casia export | casia validate -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			day := model.Today()
			if today != "" {
				day = model.Date(today)
				if _, _, _, p := day.Parse(); p != model.Day {
					return usageError{fmt.Errorf("--today %q: use YYYY-MM-DD", today)}
				}
			}
			failed := 0
			for _, path := range args {
				var src []byte
				var err error
				if path == "-" {
					path = "<stdin>"
					src, err = io.ReadAll(io.LimitReader(cmd.InOrStdin(), model.MaxFileSize+1))
				} else {
					src, err = model.ReadFile(path)
				}
				var ds *model.Dataset
				var warns model.Problems
				if err == nil {
					ds, warns, err = model.Check(path, src, day)
				}
				if err != nil {
					failed++
					var probs model.Problems
					if errors.As(err, &probs) {
						fmt.Fprintln(cmd.ErrOrStderr(), probs.Error())
						fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s\n", model.Safe(path, false), tally(len(probs)))
					} else {
						fmt.Fprintf(cmd.ErrOrStderr(), "casia: %s\n", model.Safe(err.Error(), false))
					}
					continue
				}
				if len(warns) > 0 {
					fmt.Fprintln(cmd.ErrOrStderr(), warns.Error())
					if strict {
						failed++
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d signatories, %d partnerships, %d projects, %d events, %d sources%s\n",
					model.Safe(path, false), ds.Len(model.KindCountry), ds.Len(model.KindPartnership), ds.Len(model.KindProject),
					ds.Len(model.KindEvent), ds.Len(model.KindSource), warnTally(len(warns)))
			}
			if failed > 0 {
				return exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on warnings too (stale plans and figures, anachronistic or unused sources)")
	cmd.Flags().StringVar(&today, "today", "", "judge plans against this date (YYYY-MM-DD) instead of today's")
	return cmd
}

func warnTally(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; 1 warning"
	}
	return fmt.Sprintf("; %d warnings", n)
}
