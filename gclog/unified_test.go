package gclog

import (
	"os"
	"strings"
	"testing"
)

// TestDumpFile prints the events of the file named by GCWATCH_DUMP: a tool
// for looking at what the parser makes of a log, skipped otherwise.
func TestDumpFile(t *testing.T) {
	path := os.Getenv("GCWATCH_DUMP")
	if path == "" {
		t.Skip("set GCWATCH_DUMP=FILE to print what the parser reads in FILE")
	}
	evs, info := readAll(t, path)
	t.Log("\n" + dump(evs, info))
}

// TestUnifiedCorpus reads every unified-logging log of the shared corpus:
// no line that carries GC data may be left unparsed.
func TestUnifiedCorpus(t *testing.T) {
	for _, row := range corpusFiles(t, "hotspot-unified") {
		t.Run(row["path"], func(t *testing.T) {
			evs, info := readAll(t, row["abspath"])
			if info.Unparsed > 0 {
				var b strings.Builder
				for _, p := range info.UnparsedExamples {
					b.WriteString(p.Error() + "\n")
				}
				t.Errorf("%d unparsed lines:\n%s", info.Unparsed, b.String())
			}
			// Whatever another tool found events in, this reader must too.
			if n := row["gc_events"]; n != "-" && n != "0" && len(evs) == 0 {
				t.Errorf("no events; garbagecat found %s", n)
			}
			// Full collections agree with GCViewer's count wherever it read
			// the file without warnings.
			if row["gv_warnings"] == "0" && row["gv_full_model"] != "-" {
				full := 0
				for _, e := range evs {
					if e.IsFull() {
						full++
					}
				}
				if want := row["gv_full_model"]; sprintf("%d", full) != want {
					t.Errorf("%d full collections, GCViewer counts %s", full, want)
				}
			}
		})
	}
}
