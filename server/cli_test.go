package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casia/cli"
	"casia/server"
)

// The serve command as users run it: flags, the data file, the host key
// under XDG_DATA_HOME, a clean stop when its context ends.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		switch k {
		case "XDG_DATA_HOME":
			return filepath.Join(dir, "xdg")
		case "HOME":
			return dir
		}
		return ""
	}
	runServe := func(ctx context.Context, args ...string) (int, string) {
		errs := &syncBuffer{}
		code := cli.Run(ctx, append([]string{"serve"}, args...), cli.IO{
			In: strings.NewReader(""), Out: errs, Err: errs, Getenv: env,
		})
		return code, errs.String()
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-sessions", "0"}, "--max-sessions must be positive"},
		{[]string{"--idle-timeout", "0s"}, "--idle-timeout must be positive"},
		{[]string{"--listen", "127.0.0.1:0", "--data", filepath.Join(dir, "missing.yaml")}, "missing.yaml"},
		{[]string{"--listen", "127.0.0.1:0", "--authorized-keys", filepath.Join(dir, "nokeys")}, "nokeys"},
		{[]string{"extra"}, "unknown command"},
		{[]string{"--max-per-address", "0"}, "--max-per-address must be positive"},
		{[]string{"--max-startups", "10:30"}, "max-startups"},
		{[]string{"--max-startups", "20:30:10"}, "start ≤ full"},
		{[]string{"--proxy-protocol"}, "--proxy-protocol and --trusted-proxies go together"},
		{[]string{"--trusted-proxies", "10.0.0.1"}, "--proxy-protocol and --trusted-proxies go together"},
		{[]string{"--proxy-protocol", "--trusted-proxies", "lb.example.com"}, "neither an address nor a prefix"},
		{[]string{"--listen", "127.0.0.1:0", "--metrics-listen", "nonsense"}, "--metrics-listen"},
	} {
		code, out := runServe(context.Background(), c.args...)
		if code == 0 || !strings.Contains(out, c.want) {
			t.Errorf("serve %v: exit %d, output %q; want an error with %q", c.args, code, out, c.want)
		}
	}

	// A host key others can read is refused, naming the fix.
	loose := filepath.Join(dir, "loose_key")
	if _, _, err := server.LoadHostKey(loose); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := runServe(context.Background(), "--listen", "127.0.0.1:0", "--host-key", loose)
	if code == 0 || !strings.Contains(out, "chmod 600 "+loose) {
		t.Errorf("loose host key: exit %d, %q", code, out)
	}

	// Serves until the context ends, then exits 0; the host key lands in
	// $XDG_DATA_HOME/casia.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var serveCode int
	var serveOut string
	go func() {
		defer close(done)
		serveCode, serveOut = runServe(ctx, "--listen", "127.0.0.1:0", "--max-sessions", "3", "--idle-timeout", "1m",
			"--max-per-address", "5", "--max-startups", "3:50:9", "--metrics-listen", "127.0.0.1:0")
	}()
	key := filepath.Join(dir, "xdg", "casia", "ssh_host_ed25519")
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(key); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if serveCode != 0 {
		t.Errorf("serve exited %d:\n%s", serveCode, serveOut)
	}
	for _, want := range []string{"listening", "max_sessions=3", "idle_timeout=1m0s", "max_per_address=5",
		"max_startups=3:50:9", "metrics addr=127.0.0.1:", "stopped"} {
		if !strings.Contains(serveOut, want) {
			t.Errorf("serve's log lacks %q:\n%s", want, serveOut)
		}
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key at %s: %v", key, err)
	}
}
