package gclog

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
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
			checkNoUnparsed(t, info)
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

// TestDecorateAsBefore checks the fast path for decorations against the
// general parse on every line of the real logs: where it reads a line, it
// reads it as the general parse does.
func TestDecorateAsBefore(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	if len(paths) == 0 {
		t.Skip("no real logs")
	}
	fast := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p := newUnifiedParser(&emitter{})
		for n, line := range bytes.Split(data, []byte("\n")) {
			var want unifiedDecor
			wantMsg, wantOK := want.parse(line, nil)
			msg, ok := p.decorateAsBefore(line)
			if ok {
				fast++
				if !wantOK || !bytes.Equal(msg, wantMsg) || !reflect.DeepEqual(p.decor, want) {
					t.Errorf("%s:%d: fast path read %+v %q, general parse %+v %q (ok %v)", path, n+1, p.decor, msg, want, wantMsg, wantOK)
				}
			}
			if !ok {
				p.decor = want
				p.learnLayout(wantOK)
			}
		}
	}
	if fast == 0 {
		t.Error("the fast path read no line")
	}
}
