package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check data files and report every problem as FILE:LINE:COL",
		Long: `Check one or more data files (YAML or JSON; "-" reads standard input) the
way casia loads them: strict field names and types, required fields, unique
ids, known country and source references, real dates, units, coordinates
and number ranges. Every problem is printed as FILE:LINE:COL: PATH: MESSAGE;
the exit status is 1 if any file has a problem.`,
		Example: `  casia validate my.yaml
  casia export | casia validate -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := 0
			for _, path := range args {
				var ds *model.Dataset
				var err error
				if path == "-" {
					path = "<stdin>"
					ds, err = loadReader(path, cmd.InOrStdin())
				} else {
					ds, err = model.LoadFile(path)
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
				fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d signatories, %d partnerships, %d projects, %d events, %d sources\n",
					model.Safe(path, false), ds.Len(model.KindCountry), ds.Len(model.KindPartnership), ds.Len(model.KindProject),
					ds.Len(model.KindEvent), ds.Len(model.KindSource))
			}
			if failed > 0 {
				return exitError{code: 1}
			}
			return nil
		},
	}
}

func loadReader(name string, r io.Reader) (*model.Dataset, error) {
	src, err := io.ReadAll(io.LimitReader(r, model.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return model.Load(name, src)
}
