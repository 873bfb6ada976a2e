package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"casia/cli"
)

// TestMalformedFilterExit2: a malformed --filter is a usage error (exit 2,
// nothing on stdout); a filter that matches nothing is not (exit 0).
func TestMalformedFilterExit2(t *testing.T) {
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb,
			Getenv: func(string) string { return "" }})
		return code, out.String(), errb.String()
	}
	for _, f := range []string{"foo:bar", "year:abc", "kind:banana", "rail tier:x"} {
		code, out, errs := run("list", "projects", "--filter", f)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "casia: filter ") {
			t.Errorf("--filter %q: exit %d, stdout %q, stderr %q", f, code, out, errs)
		}
	}
	if code, _, _ := run("list", "projects", "--filter", "zzzqqq"); code != 0 {
		t.Errorf("a filter matching nothing exits %d", code)
	}
}
