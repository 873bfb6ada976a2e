package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"casia/model"
)

// RunRemote executes a command line for a session without a terminal (an
// SSH client running `ssh host list partnerships`): only list, show and
// export, over the server's shared dataset, with plain output and no
// access to files. It returns the exit status to send to the client.
func RunRemote(ctx context.Context, args []string, ds *model.Dataset, out, errw io.Writer) int {
	if args == nil {
		args = []string{} // nil would make cobra read the server's own os.Args
	}
	a := &app{io: IO{Out: out, Err: errw, Getenv: func(string) string { return "" }}, ds: ds}
	root := &cobra.Command{
		Use:           "casia",
		Short:         "China–Central Asia relations at your fingertips (remote commands)",
		Long:          "Over SSH without a terminal, casia runs list, show and export on the server's dataset.\nConnect with a terminal (ssh -t) for the dashboard.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return printOverview(cmd, ds, "the server's data")
		},
	}
	root.SetOut(out)
	root.SetErr(errw)
	root.SetIn(emptyReader{})
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(a.listCmd(), a.showCmd(), a.exportCmd())
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		var exit exitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(errw, "casia: "+model.Safe(err.Error(), true))
		}
		return exitCode(err)
	}
	return 0
}

type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }
