package cli

import (
	"context"
	"errors"
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
	maxPerAddress  int
	maxStartups    string
	idleTimeout    time.Duration
	maxSessionTime time.Duration
	grace          time.Duration
	metricsListen  string
	proxyProtocol  bool
	trustedProxies []string
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

Limits hold whatever clients send: sessions in all, per client address and per
connection; connections not yet authenticated (OpenSSH's MaxStartups, with a
reserve for authenticated users); input rate, escape sequence and paste
length; and the area each dashboard renders (its terminal's size, scaled down
to at most 24,000 cells, and to a share of a server-wide budget when the
server is busy).

--metrics-listen serves Prometheus metrics at /metrics and a readiness check
at /healthz (loopback unless the address names another host). Behind a TCP
load balancer, --proxy-protocol takes each client's address from the PROXY
protocol header that --trusted-proxies send, and refuses everyone else.`,
		Example: `  # serve on 127.0.0.1:23234, then connect for the dashboard or a command
  casia serve
  ssh -p 23234 localhost
  ssh -p 23234 localhost list partnerships --format json
  # reachable by others, for known keys only, with metrics on 127.0.0.1:9222
  casia serve --listen :23234 --authorized-keys /etc/casia/authorized_keys --metrics-listen :9222
  # one of several replicas behind HAProxy (send-proxy-v2) at 10.0.0.2
  casia serve --listen :23234 --proxy-protocol --trusted-proxies 10.0.0.2`,
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
	fl.IntVar(&f.maxPerAddress, "max-per-address", server.DefaultPerAddress, "most connections, and most sessions, from one client address (raise it for clients behind one NAT)")
	fl.StringVar(&f.maxStartups, "max-startups", server.DefaultStartups.String(), "connections not yet authenticated, as OpenSSH's start:rate:full (refused with rate% probability from start, all at full)")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", server.DefaultIdleTimeout, "close a dashboard after this long without input")
	fl.DurationVar(&f.maxSessionTime, "max-session-time", server.DefaultMaxSessionTime, "close any session after this long")
	fl.DurationVar(&f.grace, "grace", server.DefaultGrace, "on SIGINT/SIGTERM, how long sessions get to end")
	fl.StringVar(&f.metricsListen, "metrics-listen", "", "serve Prometheus metrics (/metrics) and /healthz on this address; a bare :PORT means loopback (default off)")
	fl.BoolVar(&f.proxyProtocol, "proxy-protocol", false, "expect a PROXY protocol (v1 or v2) header from --trusted-proxies; refuse other peers")
	fl.StringSliceVar(&f.trustedProxies, "trusted-proxies", nil, "addresses or CIDR prefixes of the load balancers that send PROXY headers")
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
	for name, n := range map[string]int{"max-sessions": f.maxSessions, "max-per-address": f.maxPerAddress} {
		if n <= 0 {
			return fmt.Errorf("--%s must be positive, got %d", name, n)
		}
	}
	startups, err := server.ParseStartups(f.maxStartups)
	if err != nil {
		return fmt.Errorf("--%w", err)
	}
	trusted, err := server.ParseTrustedProxies(f.trustedProxies)
	if err != nil {
		return err
	}
	if f.proxyProtocol != (len(trusted) > 0) {
		return errors.New("--proxy-protocol and --trusted-proxies go together: the PROXY header is accepted from the trusted proxies only")
	}
	logger := log.NewWithOptions(a.io.Err, log.Options{ReportTimestamp: true, Prefix: "casia"})
	// Wish and its SSH package report some problems (a recovered panic)
	// through log/slog: send those to the same place.
	slog.SetDefault(slog.New(logger))
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Metrics first: /healthz says "not ready" while the dataset loads.
	metrics := server.NewMetrics()
	var metricsDone <-chan error
	if f.metricsListen != "" {
		mctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if _, metricsDone, err = server.ServeMetrics(mctx, f.metricsListen, metrics, logger); err != nil {
			return err
		}
		defer func() { cancel(); <-metricsDone }()
	}
	ds, err := a.dataset()
	if err != nil {
		return err
	}
	return server.Run(ctx, server.Config{
		Listen:             f.listen,
		HostKeyPath:        f.hostKey,
		AuthorizedKeysPath: f.authorizedKeys,
		MaxSessions:        f.maxSessions,
		IdleTimeout:        f.idleTimeout,
		MaxSessionTime:     f.maxSessionTime,
		Grace:              f.grace,
		Limits:             server.Limits{PerAddress: f.maxPerAddress, Startups: startups},
		ProxyProtocol:      f.proxyProtocol,
		TrustedProxies:     trusted,
		Metrics:            metrics,
		Dataset:            ds,
		Exec:               RunRemote,
		Logger:             logger,
		Getenv:             a.io.Getenv,
	})
}
