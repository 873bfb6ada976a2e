package cli

import (
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"casia/server"
)

type serveFlags struct {
	listen         string
	hostKey        string
	authorizedKeys string
	maxSessions    int
	idleTimeout    time.Duration
	maxSessionTime time.Duration
	grace          time.Duration
}

func (a *app) serveCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard over SSH",
		Long: `serve runs an SSH server: everyone who connects gets their own live dashboard,
with nothing to install. Without a terminal (or with a command) a client runs
list, show and export instead, as plain text with the exit status passed back.

The server listens on the loopback interface unless --listen says otherwise.
Anyone who reaches it may connect, unless --authorized-keys names an OpenSSH
authorized_keys file (re-read when it changes). The host key is created on
first run. Nothing else is offered: no shell, no port, agent or X11
forwarding, no SFTP. SIGINT or SIGTERM tells the sessions and stops.

Memory is traded for steadier latency: the process runs with GOGC=200
unless the GOGC environment variable says otherwise.`,
		Example: `  # serve on 127.0.0.1:23234, then connect for the dashboard or a command
  casia serve
  ssh -p 23234 localhost
  ssh -p 23234 localhost list partnerships --format json
  # reachable by others, for known keys only
  casia serve --listen :23234 --authorized-keys ~/.ssh/authorized_keys`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runServe(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", server.DefaultListen, "address (host:port) to listen on; anything but loopback is reachable by others")
	fl.StringVar(&f.hostKey, "host-key", "", "host key file, an ed25519 key created 0600 if missing (default $XDG_DATA_HOME/casia/ssh_host_ed25519)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "admit only the public keys in this OpenSSH authorized_keys file")
	fl.IntVar(&f.maxSessions, "max-sessions", server.DefaultMaxSessions, "most sessions at once; more are told to try later")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", server.DefaultIdleTimeout, "close a dashboard after this long without input")
	fl.DurationVar(&f.maxSessionTime, "max-session-time", server.DefaultMaxSessionTime, "close any session after this long")
	fl.DurationVar(&f.grace, "grace", server.DefaultGrace, "on SIGINT/SIGTERM, how long sessions get to end")
	_ = cmd.MarkFlagFilename("host-key")
	_ = cmd.MarkFlagFilename("authorized-keys")
	return cmd
}

func (a *app) runServe(cmd *cobra.Command, f serveFlags) error {
	for name, d := range map[string]time.Duration{"idle-timeout": f.idleTimeout, "max-session-time": f.maxSessionTime, "grace": f.grace} {
		if d <= 0 {
			return fmt.Errorf("--%s must be positive, got %s", name, d)
		}
	}
	if f.maxSessions <= 0 {
		return fmt.Errorf("--max-sessions must be positive, got %d", f.maxSessions)
	}
	ds, err := a.dataset()
	if err != nil {
		return err
	}
	server.TuneGC(os.Getenv) // the process's own environment, not the app's
	logger := log.NewWithOptions(a.io.Err, log.Options{ReportTimestamp: true, Prefix: "casia"})
	// Wish and its SSH package report some problems (a recovered panic)
	// through log/slog: send those to the same place.
	slog.SetDefault(slog.New(logger))
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Run(ctx, server.Config{
		Listen:             f.listen,
		HostKeyPath:        f.hostKey,
		AuthorizedKeysPath: f.authorizedKeys,
		MaxSessions:        f.maxSessions,
		IdleTimeout:        f.idleTimeout,
		MaxSessionTime:     f.maxSessionTime,
		Grace:              f.grace,
		Dataset:            ds,
		Exec:               RunRemote,
		Logger:             logger,
		Getenv:             a.io.Getenv,
	})
}
