package gclog

import (
	"bufio"
	"fmt"
	goldenfile "gcwatch/internal/golden"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readAll reads every event of a log file with a Reader.
func readAll(t testing.TB, path string) ([]*Event, *Info) {
	t.Helper()
	rc, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	return readStream(t, NewReader(rc, path))
}

func readStream(t testing.TB, r *Reader) ([]*Event, *Info) {
	t.Helper()
	var evs []*Event
	for r.Scan() {
		evs = append(evs, r.Event())
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return evs, r.Info()
}

// dump renders events and info as text, one event a line, for golden files:
// every field of the model that is set, so a golden diff shows any change.
// readLog returns a log's bytes, decompressed.
func readLog(t testing.TB, path string) []byte {
	t.Helper()
	rc, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func dump(evs []*Event, info *Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format=%s collector=%s version=%q host=%q pid=%q heapmax=%s lines=%d unparsed=%d foreign=%d oom=%v\n",
		info.Format, info.Collector, info.JVMVersion, info.Host, info.PID, fmtSize(info.HeapMax),
		info.Lines, info.Unparsed, info.Foreign, info.OutOfMemory)
	for _, p := range info.UnparsedExamples {
		fmt.Fprintf(&b, "unparsed %s\n", p.Error())
	}
	for _, e := range evs {
		b.WriteString(dumpEvent(e))
		b.WriteByte('\n')
	}
	return b.String()
}

func dumpEvent(e *Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", filepath.Base(e.Source), e.Line)
	if e.Uptime >= 0 {
		fmt.Fprintf(&b, " up=%s", e.Uptime)
	}
	if !e.Time.IsZero() {
		fmt.Fprintf(&b, " t=%s", e.Time.Format("2006-01-02T15:04:05.000Z07:00"))
	}
	if e.ID >= 0 {
		fmt.Fprintf(&b, " id=%d", e.ID)
	}
	fmt.Fprintf(&b, " %s %q", e.Kind, e.Name)
	if e.Generation != "" {
		fmt.Fprintf(&b, " gen=%s", e.Generation)
	}
	if e.Cause != "" {
		fmt.Fprintf(&b, " cause=%q", e.Cause)
	}
	if e.Pause != 0 {
		fmt.Fprintf(&b, " pause=%s", e.Pause)
	}
	if e.Duration != 0 {
		fmt.Fprintf(&b, " dur=%s", e.Duration)
	}
	if e.Heap != NoSizes {
		fmt.Fprintf(&b, " heap=%s", fmtSizes(e.Heap))
	}
	for _, s := range e.Spaces {
		fmt.Fprintf(&b, " %s=%s", s.Name, fmtSizes(s.Sizes))
	}
	if f := e.Flags.Names(); len(f) > 0 {
		fmt.Fprintf(&b, " flags=%s", strings.Join(f, ","))
	}
	return b.String()
}

func fmtSizes(s Sizes) string {
	return fmtSize(s.Before) + "->" + fmtSize(s.After) + "(" + fmtSize(s.Capacity) + ")"
}

func fmtSize(v int64) string {
	switch {
	case v == Unknown:
		return "?"
	case v%1024 == 0:
		return fmt.Sprintf("%dK", v/1024)
	}
	return fmt.Sprintf("%dB", v)
}

// corpusDir is the shared corpus of third-party GC logs, or a skip when this
// checkout has none beside it.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("../../shared/corpus/gclog")
	if err == nil {
		if _, err = os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err == nil {
			return dir
		}
	}
	t.Skip("shared corpus not found at ../../shared/corpus/gclog: skipping corpus test")
	return ""
}

// manifestRow is one line of the corpus MANIFEST.tsv, by column name.
type manifestRow map[string]string

// corpusFiles returns the manifest rows of one family.
func corpusFiles(t testing.TB, family string) []manifestRow {
	t.Helper()
	dir := corpusDir(t)
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cols []string
	var rows []manifestRow
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if cols == nil {
			cols = fields
			continue
		}
		row := manifestRow{}
		for i, c := range cols {
			if i < len(fields) {
				row[c] = fields[i]
			}
		}
		if row["family"] == family {
			row["abspath"] = filepath.Join(dir, row["path"])
			rows = append(rows, row)
		}
	}
	return rows
}

// ms is a shorthand for durations in tests.
func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// checkGolden compares got with the golden file at path (see internal/golden).
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, got)
}

// countFull counts the full collections and the pauses among events.
func countFull(evs []*Event) (full, pauses int) {
	for _, e := range evs {
		if e.IsFull() {
			full++
		}
		if e.Pause > 0 {
			pauses++
		}
	}
	return full, pauses
}

// TestCorpusSummary prints a line per corpus file of the family named by
// GCWATCH_SUMMARY (with -v), for comparing with the manifest by eye.
func TestCorpusSummary(t *testing.T) {
	family := os.Getenv("GCWATCH_SUMMARY")
	if family == "" {
		t.Skip("set GCWATCH_SUMMARY=FAMILY (hotspot-unified, hotspot-legacy, openj9, ...) to print a line per corpus file")
	}
	for _, row := range corpusFiles(t, family) {
		evs, info := readAll(t, row["abspath"])
		full, pauses := countFull(evs)
		t.Logf("%-60s ev=%4d pauses=%4d full=%3d gvfull=%3s gvw=%s gvpauses=%4s gcev=%4s unp=%d foreign=%4d lines=%5d coll=%s/%s",
			row["path"], len(evs), pauses, full, row["gv_full_model"], row["gv_warnings"], row["gv_pauses"], row["gc_events"],
			info.Unparsed, info.Foreign, info.Lines, info.Collector, row["collector"])
	}
}

// checkNoUnparsed fails the test when the log left lines unparsed, listing
// the first of them with their positions.
func checkNoUnparsed(t *testing.T, info *Info) {
	t.Helper()
	if info.Unparsed == 0 {
		return
	}
	var b strings.Builder
	for _, p := range info.UnparsedExamples {
		b.WriteString(p.Error() + "\n")
	}
	t.Errorf("%d unparsed lines:\n%s", info.Unparsed, b.String())
}
