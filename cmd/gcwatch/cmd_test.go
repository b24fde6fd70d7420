package main

import (
	"bytes"
	goldenfile "gcwatch/internal/golden"
	"strings"
	"testing"
)

// runGcwatch runs the gcwatch command line in-process with the given stdin and
// returns what it wrote and its exit status, as main would map it.
func runGcwatch(t *testing.T, stdin string, args ...string) (stdout, stderr string, status exitStatus) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(strings.NewReader(stdin), &out, &errOut)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil && !isReported(err) {
		errOut.WriteString("gcwatch: " + err.Error() + "\n")
	}
	return out.String(), errOut.String(), exitCode(err)
}

// golden compares got with the golden file at path (see internal/golden).
func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, got)
}
