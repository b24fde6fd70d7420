package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// h is the histogram test data, from this package's folder.
const h = "../../testdata/histogram/"

func TestHisto(t *testing.T) {
	live17 := []string{h + "jdk17/jmap-live-20261122T054416Z.txt", h + "jdk17/jmap-live-20261122T054419Z.txt",
		h + "jdk17/jmap-live-20261122T054421Z.txt", h + "jdk17/jmap-live-20261122T054424Z.txt"}
	first, last := live17[0], live17[3]
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status exitStatus
	}{
		{"diff-csv", []string{"histo", "diff", first, last}, "", exitOK},
		{"diff-table-top", []string{"histo", "diff", "--format", "table", "--top", "10", first, last}, "", exitOK},
		{"diff-json", []string{"histo", "diff", "--format", "json", "--top", "5", first, last}, "", exitOK},
		{"diff-sort-instances", []string{"histo", "diff", "--sort", "instances", "--top", "8", first, last}, "", exitOK},
		{"diff-sort-percent", []string{"histo", "diff", "--sort", "percent", "--min-bytes", "1K", first, last}, "", exitOK},
		{"diff-include-exclude", []string{"histo", "diff", "--include", "leakdemo.*,java.util.*", "--exclude", "*$$Lambda", first, last}, "", exitOK},
		{"diff-live-vs-all", []string{"histo", "diff", "--top", "5", first, h + "jdk17/jmap-all.txt"}, "", exitOK},
		{"diff-jdk17-vs-jdk25", []string{"histo", "diff", "--top", "12", last, h + "jdk25/jmap-live-20261122T054435Z.txt"}, "", exitOK},
		{"diff-jhsdb-vs-jmap", []string{"histo", "diff", "--top", "5", h + "jdk25/jhsdb-histo.txt", h + "jdk25/jcmd-all.txt"}, "", exitOK},
		{"diff-two-jvms", []string{"histo", "diff", "--top", "5", h + "jdk17/jcmd-two-jvms.txt"}, "", exitOK},
		{"diff-gclog", []string{"histo", "diff", "--top", "8", h + "jdk25/gclog-classhisto.log.gz"}, "", exitOK},
		{"diff-sigquit-vs-jcmd", []string{"histo", "diff", "--top", "5", h + "jdk17/stdout-sigquit.txt", h + "jdk17/jcmd-live.txt"}, "", exitOK},
		{"diff-truncated", []string{"histo", "diff", "--include", "com.acme.*,leakdemo.*", h + "typed/jcmd-truncated.txt", last}, "", exitOK},
		{"diff-total-mismatch", []string{"histo", "diff", h + "typed/total-mismatch.txt", h + "typed/total-mismatch.txt"}, "", exitOK},
		{"diff-sa-overflow", []string{"histo", "diff", h + "typed/jdk7-jmap-histo-permgen.txt", h + "typed/jdk7-sa-jmap-F-histo.txt"}, "", exitOK},
		{"diff-jdk8-gclog", []string{"histo", "diff", h + "typed/jdk8-gclog-PrintClassHistogram.log"}, "", exitOK},
		{"diff-jdk5-vs-jdk6", []string{"histo", "diff", h + "typed/jdk5-sa-jmap-histo.txt", h + "typed/jdk6-early-jmap-histo.txt"}, "", exitOK},
		{"diff-openj9", []string{"histo", "diff", h + "typed/openj9-jmap-histo.txt", h + "typed/openj9-jmap-histo.txt"}, "", exitOK},
		{"diff-jdk8", []string{"histo", "diff", h + "typed/jdk8-jmap-histo.txt", h + "typed/jdk8-jmap-histo.txt"}, "", exitOK},
		{"diff-edge-cases", []string{"histo", "diff", h + "typed/jdk15-ea-edge-cases.txt", last}, "", exitOK},
		{"diff-formula", []string{"histo", "diff", h + "typed/formula-injection.txt", h + "typed/formula-injection.txt"}, "", exitOK},
		{"diff-stdin", []string{"histo", "diff", "--top", "3", "-", last}, readFile(t, first), exitOK},
		{"diff-missing", []string{"histo", "diff", first, h + "no-such-file.txt"}, "", exitFailed},
		{"diff-jcmd-error", []string{"histo", "diff", h + "jdk25/jcmd-no-such-pid.txt", last}, "", exitFailed},
		{"diff-one-histogram", []string{"histo", "diff", first}, "", exitFailed},
		{"diff-empty-stdin", []string{"histo", "diff", "-", last}, "", exitFailed},
		{"diff-bad-format", []string{"histo", "diff", "--format", "xml", first, last}, "", exitFailed},
		{"diff-bad-sort", []string{"histo", "diff", "--sort", "name", first, last}, "", exitFailed},
		{"diff-bad-size", []string{"histo", "diff", "--min-bytes", "lots", first, last}, "", exitFailed},
		{"trend-csv", append([]string{"histo", "trend"}, live17...), "", exitOK},
		{"trend-wide", append([]string{"histo", "trend", "--wide", "--top", "6"}, live17...), "", exitOK},
		{"trend-table", append([]string{"histo", "trend", "--format", "table", "--top", "10"}, live17...), "", exitOK},
		{"trend-json", append([]string{"histo", "trend", "--format", "json", "--wide", "--top", "3"}, live17...), "", exitOK},
		{"trend-sort-instances", append([]string{"histo", "trend", "--sort", "instances", "--top", "5"}, live17...), "", exitOK},
		{"trend-filters", append([]string{"histo", "trend", "--include", "leakdemo.*", "--min-bytes", "10K"}, live17...), "", exitOK},
		{"trend-jdk25", []string{"histo", "trend", "--top", "10", h + "jdk25/jmap-live-20261122T054431Z.txt", h + "jdk25/jmap-live-20261122T054433Z.txt", h + "jdk25/jmap-live-20261122T054435Z.txt"}, "", exitOK},
		{"trend-gclogs", []string{"histo", "trend", "--top", "8", h + "jdk17/gclog-classhisto.log.gz", h + "typed/jdk8-gclog-PrintClassHistogram.log"}, "", exitOK},
		{"trend-partial", append([]string{"histo", "trend", "--top", "3", h + "no-such-file.txt", h + "jdk17/jmap-file-message.txt"}, live17...), "", exitPartial},
		{"trend-one", []string{"histo", "trend", first}, "", exitFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runGcwatch(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", status, tt.status, stderr)
			}
			golden(t, filepath.Join(h, "golden/cmd", tt.name+".stdout"), stdout)
			golden(t, filepath.Join(h, "golden/cmd", tt.name+".stderr"), stderr)
		})
	}
}

func TestHistoHelp(t *testing.T) {
	for _, sub := range []string{"diff", "trend"} {
		stdout, _, status := runGcwatch(t, "", "histo", sub, "--help")
		if status != exitOK || !strings.Contains(stdout, "Examples:") || !strings.Contains(stdout, "--min-bytes") {
			t.Errorf("histo %s --help: status %d, output:\n%s", sub, status, stdout)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := map[string]int64{"0": 0, "65536": 65536, "64K": 64 << 10, "64KiB": 64 << 10, "10M": 10 << 20, "1g": 1 << 30, "2GB": 2 << 30}
	for in, want := range tests {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "K", "-1", "1T", "lots"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q): no error", bad)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
