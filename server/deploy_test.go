package server_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casia/cli"
)

// flagsAccepted runs casia with args plus an invalid --max-sessions: the
// error must be about that, not about a flag casia does not know.
func flagsAccepted(t *testing.T, args []string) {
	t.Helper()
	out := &syncBuffer{}
	code := cli.Run(context.Background(), append(args, "--max-sessions", "0"), cli.IO{
		In: strings.NewReader(""), Out: out, Err: out, Getenv: func(string) string { return "" },
	})
	if code == 0 || !strings.Contains(out.String(), "--max-sessions must be positive") {
		t.Errorf("casia %s: exit %d, %s", strings.Join(args, " "), code, out)
	}
}

// The systemd unit: sandboxed as the README says, a command line casia
// accepts, and systemd-analyze verify passes where systemd is installed.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile("../deploy/casia.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DynamicUser=yes", "ProtectSystem=strict", "StateDirectory=casia", "NoNewPrivileges=yes",
		"Restart=on-failure", "CapabilityBoundingSet=\n", "ProtectHome=yes", "PrivateTmp=yes"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("the unit lacks %q", strings.TrimSpace(want))
		}
	}
	exec1 := regexp.MustCompile(`(?m)^ExecStart=(\S+) (.*)$`).FindSubmatch(unit)
	if exec1 == nil {
		t.Fatal("no ExecStart")
	}
	args := strings.Fields(string(exec1[2]))
	if !strings.Contains(string(exec1[2]), "--host-key /var/lib/casia/") {
		t.Errorf("the host key is not in the state directory: %s", exec1[2])
	}
	flagsAccepted(t, args)

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed")
	}
	// verify checks that the command exists: this test's own binary
	// stands in for casia.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "casia.service")
	fixed := strings.Replace(string(unit), "ExecStart="+string(exec1[1]), "ExecStart="+self, 1)
	if err := os.WriteFile(path, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// The Dockerfile cannot be built here (no container engine in the test
// environment); what can be checked is checked: a numeric non-root user, the
// host key on a volume, and a command line casia accepts.
func TestDockerfile(t *testing.T) {
	src, err := os.ReadFile("../deploy/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, want := range []string{"CGO_ENABLED=0", "USER 65532:65532", `VOLUME ["/keys"]`, "FROM gcr.io/distroless/static"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
	var entry, cmd []string
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, "ENTRYPOINT "); ok {
			if err := json.Unmarshal([]byte(v), &entry); err != nil {
				t.Fatalf("ENTRYPOINT: %v", err)
			}
		}
		if v, ok := strings.CutPrefix(line, "CMD "); ok {
			if err := json.Unmarshal([]byte(v), &cmd); err != nil {
				t.Fatalf("CMD: %v", err)
			}
		}
	}
	if len(entry) < 2 || entry[1] != "serve" {
		t.Fatalf("ENTRYPOINT %q", entry)
	}
	args := append(entry[1:], cmd...)
	if !strings.Contains(strings.Join(args, " "), "--host-key /keys/") {
		t.Errorf("the host key is not on the volume: %q", args)
	}
	flagsAccepted(t, args)
}
