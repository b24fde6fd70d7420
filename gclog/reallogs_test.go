package gclog

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every real log of testdata/jvm reads with no unparsed line, and what its
// decorations carry (host, pid, time, uptime) reaches the events.
func TestRealLogs(t *testing.T) {
	files, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	if len(files) < 50 {
		t.Fatalf("%d logs in ../testdata/jvm/logs, want the whole set", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			evs, info := readAll(t, path)
			if info.Unparsed != 0 || len(evs) == 0 {
				t.Fatalf("%d events, %d unparsed: %v", len(evs), info.Unparsed, info.UnparsedExamples)
			}
			// Only application output on stdout, and under the "none"
			// decoration the undecorated JVM lines that are not GC output,
			// may be foreign.
			if info.Foreign != 0 && !strings.Contains(name, "stdout") && !strings.Contains(name, "deco-none") {
				t.Errorf("%d foreign lines: %v", info.Foreign, info.ForeignExamples)
			}
			if info.Collector == "" || info.Format != "hotspot-unified" {
				t.Errorf("collector %q format %q", info.Collector, info.Format)
			}
			if !strings.Contains(name, "-deco-") {
				return
			}
			deco := strings.TrimSuffix(name[strings.Index(name, "-deco-")+6:], ".log")
			// What each decoration set gives: wall time, uptime, host, pid.
			// A lone tid cannot be told from a pid: it is taken as one.
			want := map[string][4]bool{
				"none": {}, "level": {}, "tags": {}, "uptime-level-tags": {false, true, false, false},
				"uptime": {false, true, false, false}, "uptimemillis": {false, true, false, false},
				"uptimenanos": {false, true, false, false}, "timenanos": {false, true, false, false},
				"time": {true, false, false, false}, "utctime": {true, false, false, false}, "timemillis": {true, false, false, false},
				"hostname": {false, false, true, false}, "pid": {false, false, false, true}, "tid": {false, false, false, true},
				"time-uptime-level-tags": {true, true, false, false}, "hostname-time-level-tags": {true, false, true, false},
				"utctime-uptimemillis-pid-tid": {true, true, false, true}, "all": {true, true, true, true},
			}
			w, ok := want[deco]
			if !ok {
				t.Fatalf("no expectation for decoration %q", deco)
			}
			last := evs[len(evs)-1]
			got := [4]bool{!last.Time.IsZero(), last.Uptime >= 0, info.Host != "", info.PID != ""}
			if got != w {
				t.Errorf("wall time, uptime, host, pid: %v, want %v", got, w)
			}
		})
	}
}

// The rotated sets of testdata/jvm wrapped around: they are read in the
// order their first time stamps give, as one log, with the GC split across
// two files joined.
func TestRealRotatedSets(t *testing.T) {
	for dir, order := range map[string][]string{
		"jdk17-g1-rotation": {"gc.log.3", "gc.log.4", "gc.log.0", "gc.log.1", "gc.log.2", "gc.log"},
		"jdk25-g1-rotation": {"gc.log.1", "gc.log.2", "gc.log.3", "gc.log.4", "gc.log.0", "gc.log"},
	} {
		t.Run(dir, func(t *testing.T) {
			sets, errs := Collect([]string{"../testdata/jvm/logs/" + dir})
			if len(errs) != 0 || len(sets) != 1 {
				t.Fatalf("sets %v errors %v", sets, errs)
			}
			var got []string
			for _, f := range sets[0].Files {
				got = append(got, filepath.Base(f))
			}
			if diff := cmp.Diff(order, got); diff != "" {
				t.Fatalf("order (-want +got):\n%s", diff)
			}
			evs, info := readStream(t, NewSetReader(sets[0].Inputs(nil)))
			if info.Unparsed != 0 || info.Foreign != 0 {
				t.Errorf("%d unparsed, %d foreign: %v", info.Unparsed, info.Foreign, info.UnparsedExamples)
			}
			// Events come in time order across the files, ids rising.
			var ids []int64
			for i := 1; i < len(evs); i++ {
				if evs[i].Time.Before(evs[i-1].Time.Add(-2e9)) {
					t.Fatalf("event %s before %s", dumpEvent(evs[i]), dumpEvent(evs[i-1]))
				}
				if evs[i].Kind == KindFull {
					ids = append(ids, evs[i].ID)
				}
			}
			if !slices.IsSorted(ids) {
				t.Errorf("full GC ids out of order: %v", ids)
			}
			// Each Pause Full in the files is one full event: the split one
			// included (its start in one file, its end in the next).
			full := 0
			for _, f := range sets[0].Files {
				b, _ := os.ReadFile(f)
				for _, line := range strings.Split(string(b), "\n") {
					if strings.Contains(line, "Pause Full (") && strings.HasSuffix(line, "ms") {
						full++
					}
				}
			}
			n := 0
			for _, e := range evs {
				if e.IsFull() {
					n++
				}
			}
			if n != full {
				t.Errorf("%d full events, %d Pause Full summary lines", n, full)
			}
		})
	}
}

// Every collection of the real logs whose metaspace is logged with its GC id
// ("GC(3) Metaspace: 145K(384K)->184K(384K) ...") has it on one of its
// events, wherever the line comes: before the collection's summary (G1,
// Parallel, Serial) or after its last event, behind the cycle's statistics
// (JDK 25's Shenandoah: until session 11 it was dropped). Collections with
// no event (generational Shenandoah's "Coalescing and filling") are left
// out.
func TestRealLogsMetaspace(t *testing.T) {
	files, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	idLine := regexp.MustCompile(`\] GC\((\d+)\) Metaspace: `)
	checked := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		logged := map[int64]bool{}
		for _, m := range idLine.FindAllSubmatch(data, -1) {
			id, _ := strconv.ParseInt(string(m[1]), 10, 64)
			logged[id] = true
		}
		if len(logged) == 0 {
			continue
		}
		evs, _ := readAll(t, path)
		has, seen := map[int64]bool{}, map[int64]bool{}
		for _, e := range evs {
			seen[e.ID] = true
			if _, ok := e.Space(SpaceMetaspace); ok {
				has[e.ID] = true
			}
		}
		for id := range logged {
			if seen[id] && !has[id] {
				t.Errorf("%s: GC(%d) logs its metaspace, none of its events has it", filepath.Base(path), id)
			}
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("%d logs with metaspace lines, want the whole set", checked)
	}
}

// No collection of the real logs is counted twice: at most one young or
// full event per GC id. Until session 11 a gc*=debug log gave every pause
// a second event, made of its heap-at-GC blocks, printed before its
// summary (full collections counted twice, "back-to-back" found between a
// collection and itself).
func TestRealLogsOneEventPerCollection(t *testing.T) {
	files, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	for _, path := range files {
		evs, _ := readAll(t, path)
		at := map[int64]int{}
		for _, e := range evs {
			if e.ID < 0 || e.Kind != KindYoung && e.Kind != KindFull {
				continue
			}
			if line, ok := at[e.ID]; ok {
				t.Errorf("%s: GC(%d) has two collection events, lines %d and %d", filepath.Base(path), e.ID, line, e.Line)
				continue
			}
			at[e.ID] = e.Line
		}
	}
}
