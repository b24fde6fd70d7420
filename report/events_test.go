package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gcwatch/gclog"
)

func TestSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                         "0",
		2345 * time.Microsecond:   "0.002345",
		123456 * time.Millisecond: "123.456",
		90 * time.Second:          "90",
		time.Nanosecond:           "0.000000001",
		-1500 * time.Millisecond:  "-1.5",
	} {
		if got := Seconds(d); got != want {
			t.Errorf("Seconds(%v) = %q, want %q", d, got, want)
		}
	}
}

// Names and causes come from logs: a text cell that a spreadsheet would
// run as a formula is defused; numbers are left alone.
func TestEventsCSVFormulaInjection(t *testing.T) {
	e := gclog.NewEvent("=cmd|' /C calc'!A0.log", 3)
	e.Name, e.Cause, e.Generation = "@SUM(A1:A9)", "=HYPERLINK(\"http://x\")", "+young"
	e.Heap = gclog.Sizes{Before: 10, After: 5, Capacity: 20}
	e.SetSpace("old", gclog.Sizes{Before: 4, After: 3, Capacity: 8})
	e.SetSpace("-weird", gclog.Sizes{Before: 1, After: 1, Capacity: 1})
	var buf bytes.Buffer
	ew, err := NewEventWriter(&buf, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	if err := ew.Write("-", e); err != nil {
		t.Fatal(err)
	}
	if err := ew.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || len(rows[0]) != len(rows[1]) || len(rows[0]) != len(EventColumns()) {
		t.Fatalf("rows %q", rows)
	}
	got := map[string]string{}
	for i, c := range rows[0] {
		got[c] = rows[1][i]
	}
	for col, want := range map[string]string{
		"source": "'=cmd|' /C calc'!A0.log", "jvm": "'-", "name": "'@SUM(A1:A9)",
		"cause": "'=HYPERLINK(\"http://x\")", "generation": "'+young", "line": "3",
		"uptime_s": "", "time": "", "gc_id": "", "kind": "unknown", "pause_s": "0",
		"heap_before": "10", "heap_after": "5", "heap_capacity": "20",
		"old_before": "4", "old_after": "3", "old_capacity": "8", "eden_after": "",
	} {
		if got[col] != want {
			t.Errorf("%s = %q, want %q", col, got[col], want)
		}
	}
}

func TestEventsJSONLines(t *testing.T) {
	e := gclog.NewEvent("gc.log", 7)
	e.Uptime = 1234567 * time.Microsecond
	e.Time = time.Date(2026, 11, 22, 5, 42, 14, 533e6, time.FixedZone("", 3600))
	e.ID, e.Kind, e.Name, e.Cause = 4, gclog.KindFull, "Pause Full", "System.gc()"
	e.Pause = 9923 * time.Microsecond
	e.Flags = gclog.FlagSystemGC
	e.Heap = gclog.Sizes{Before: 27262976, After: 20971520, Capacity: gclog.Unknown}
	e.SetSpace("class", gclog.Sizes{Before: 1, After: 2, Capacity: 3})
	var buf bytes.Buffer
	ew, _ := NewEventWriter(&buf, FormatJSON)
	ew.Write("gc.log", e)
	ew.Write("gc.log", gclog.NewEvent("gc.log", 8))
	if err := ew.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := `{"source":"gc.log","line":7,"jvm":"gc.log","uptime_s":1.234567,"time":"2026-11-22T05:42:14.533+01:00","gc_id":4,` +
		`"kind":"full","name":"Pause Full","cause":"System.gc()","generation":"","pause_s":0.009923,"duration_s":0,` +
		`"heap_before":27262976,"heap_after":20971520,"heap_capacity":null,"flags":["system-gc"],` +
		`"spaces":[{"name":"class","before":1,"after":2,"capacity":3}]}`
	if len(lines) != 2 || lines[0] != want {
		t.Fatalf("got\n%s\nwant\n%s", buf.String(), want)
	}
	var empty map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &empty); err != nil || empty["uptime_s"] != nil || empty["gc_id"] != nil {
		t.Errorf("event with nothing known: %s (%v)", lines[1], err)
	}
}

func TestEventsEmptyCSVHasHeader(t *testing.T) {
	var buf bytes.Buffer
	ew, _ := NewEventWriter(&buf, FormatCSV)
	if err := ew.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != strings.Join(EventColumns(), ",")+"\n" {
		t.Errorf("got %q", got)
	}
	if _, err := NewEventWriter(&buf, "xml"); err == nil || err.Error() != `unknown format "xml" (want csv or json)` {
		t.Errorf("error %v", err)
	}
}

func TestEventsWriteError(t *testing.T) {
	ew, _ := NewEventWriter(failWriter{}, FormatJSON)
	if err := ew.Write("x", gclog.NewEvent("x", 1)); err == nil || err.Error() != "disk full" {
		t.Errorf("error %v", err)
	}
	if err := ew.Flush(); err == nil {
		t.Error("Flush forgot the error")
	}
}

// csvField is a field as encoding/csv writes it, between two others.
func csvField(t testing.TB, field string) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write([]string{"a", field, "b"}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	out := strings.TrimSuffix(buf.String(), "\n")
	return strings.TrimSuffix(strings.TrimPrefix(out, "a,"), ",b")
}

// The events CSV is written without encoding/csv, field by field as it
// writes them.
func TestCSVFieldAsEncodingCSV(t *testing.T) {
	for _, field := range []string{"", "plain", "G1 Evacuation Pause", "a,b", `say "hi"`, `"`, `""`,
		"line\nbreak", "cr\rhere", " leading space", "\tleading tab", "\u00a0nbsp first", `\.`, `\.x`,
		"trailing ", "üñí, code", "'=SUM(A1)"} {
		if got, want := string(appendCSVField(nil, field)), csvField(t, field); got != want {
			t.Errorf("%q: got %q, want %q", field, got, want)
		}
	}
}

func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "a,b", `x"y`, " s", "\n", `\.`, "\u2003em"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, field string) {
		if got, want := string(appendCSVField([]byte("x"), field)), "x"+csvField(t, field); got != want {
			t.Errorf("%q: got %q, want %q", field, got, want)
		}
	})
}

// jsonEventOracle is an event's JSON line as encoding/json writes the
// fields README.md documents, in their order: what writeJSON must write.
func jsonEventOracle(t testing.TB, jvm string, e *gclog.Event) string {
	type space struct {
		Name     string `json:"name"`
		Before   *int64 `json:"before"`
		After    *int64 `json:"after"`
		Capacity *int64 `json:"capacity"`
	}
	var line struct {
		Source       string       `json:"source"`
		Line         int          `json:"line"`
		JVM          string       `json:"jvm"`
		UptimeS      *json.Number `json:"uptime_s"`
		Time         *string      `json:"time"`
		GCID         *int64       `json:"gc_id"`
		Kind         string       `json:"kind"`
		Name         string       `json:"name"`
		Cause        string       `json:"cause"`
		Generation   string       `json:"generation"`
		PauseS       json.Number  `json:"pause_s"`
		DurationS    json.Number  `json:"duration_s"`
		HeapBefore   *int64       `json:"heap_before"`
		HeapAfter    *int64       `json:"heap_after"`
		HeapCapacity *int64       `json:"heap_capacity"`
		Flags        []string     `json:"flags"`
		Spaces       []space      `json:"spaces"`
	}
	line.Source, line.Line, line.JVM, line.Time = e.Source, e.Line, jvm, timeOrNull(e.Time)
	line.Kind, line.Name, line.Cause, line.Generation = e.Kind.String(), e.Name, e.Cause, e.Generation
	line.PauseS, line.DurationS = json.Number(Seconds(e.Pause)), json.Number(Seconds(e.Duration))
	line.HeapBefore, line.HeapAfter, line.HeapCapacity = bytesOrNull(e.Heap.Before), bytesOrNull(e.Heap.After), bytesOrNull(e.Heap.Capacity)
	line.Flags, line.Spaces = append([]string{}, e.Flags.Names()...), []space{}
	if e.Uptime >= 0 {
		n := json.Number(Seconds(e.Uptime))
		line.UptimeS = &n
	}
	if e.ID >= 0 {
		line.GCID = &e.ID
	}
	for _, s := range e.Spaces {
		line.Spaces = append(line.Spaces, space{s.Name, bytesOrNull(s.Before), bytesOrNull(s.After), bytesOrNull(s.Capacity)})
	}
	b, err := json.Marshal(line)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// The JSON lines are written without encoding/json, as it writes them:
// every event of every log of testdata, and names that need escaping.
func TestEventsJSONAsEncodingJSON(t *testing.T) {
	paths, err := filepath.Glob(logs + "*.log")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no logs: %v", err)
	}
	var events []*gclog.Event
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := gclog.NewReader(f, path)
		for r.Scan() {
			events = append(events, r.Event())
		}
		f.Close()
	}
	odd := gclog.NewEvent("<a&b>\u2028.log", 1)
	odd.Name, odd.Cause, odd.Generation = "say \"hi\"\\\t\x01\x7f", "bad \xff utf8", "é\u2029"
	odd.SetSpace("x<y", gclog.Sizes{Before: 1, After: gclog.Unknown, Capacity: 3})
	events = append(events, odd)
	var buf bytes.Buffer
	ew, _ := NewEventWriter(&buf, FormatJSON)
	for _, e := range events {
		buf.Reset()
		if err := ew.Write("jvm <1>", e); err != nil {
			t.Fatal(err)
		}
		if want := jsonEventOracle(t, "jvm <1>", e); buf.String() != want {
			t.Fatalf("%s:%d: got\n%s\nwant\n%s", e.Source, e.Line, buf.String(), want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `q"b\`, "<&>", "\x00\x1f\x7f", "\u2028\u2029", "\xff\xfe", "é日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("%q: got %s, want %s", s, got[1:], want)
		}
	})
}
