package gclog

import (
	"os"
	"strings"
	"testing"
)

// TestLegacyCorpusSummary prints a line per corpus file (with -v) for
// comparing with the manifest by eye.
func TestLegacyCorpusSummary(t *testing.T) {
	if os.Getenv("GCWATCH_SUMMARY") == "" {
		t.Skip("set GCWATCH_SUMMARY=1 to print a summary line per corpus file")
	}
	for _, row := range corpusFiles(t, "hotspot-legacy") {
		evs, info := readAll(t, row["abspath"])
		full, pauses := 0, 0
		for _, e := range evs {
			if e.IsFull() {
				full++
			}
			if e.Pause > 0 {
				pauses++
			}
		}
		mark := ""
		if row["gv_warnings"] == "0" && row["gv_full_model"] != "-" && row["gv_full_model"] != itoa(full) {
			mark = " FULLDIFF"
		}
		if info.Unparsed > 0 {
			mark += " UNPARSED"
		}
		t.Logf("%-60s ev=%4d pauses=%4d full=%3d gvfull=%3s gvw=%s gvpauses=%4s gcev=%4s unp=%d foreign=%4d lines=%5d coll=%s/%s%s", row["path"], len(evs), pauses, full,
			row["gv_full_model"], row["gv_warnings"], row["gv_pauses"], row["gc_events"], info.Unparsed, info.Foreign, info.Lines, info.Collector, row["collector"], mark)
		for _, p := range info.UnparsedExamples {
			if os.Getenv("GCWATCH_SUMMARY") == "2" {
				t.Logf("   %s", strings.TrimSpace(p.Error()))
			}
		}
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + func() string {
		s := ""
		if n == 0 {
			return "0"
		}
		for n > 0 {
			s = string(rune('0'+n%10)) + s
			n /= 10
		}
		return s
	}())
}

func TestLegacyCorpusForeign(t *testing.T) {
	if os.Getenv("GCWATCH_SUMMARY") == "" {
		t.Skip("set GCWATCH_SUMMARY=1")
	}
	for _, row := range corpusFiles(t, "hotspot-legacy") {
		_, info := readAll(t, row["abspath"])
		for _, p := range info.ForeignExamples {
			t.Logf("F %s", p.Error())
		}
	}
}

// TestLegacyDump prints the events of the file named by GCWATCH_LEGACY_DUMP.
func TestLegacyDump(t *testing.T) {
	path := os.Getenv("GCWATCH_LEGACY_DUMP")
	if path == "" {
		t.Skip("set GCWATCH_LEGACY_DUMP=FILE to print what the parser reads in FILE")
	}
	evs, info := readAll(t, path)
	t.Log("\n" + dump(evs, info))
}
