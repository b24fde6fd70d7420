package gclog

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var corpusDump = flag.Bool("corpusdump", false, "print every event read from the corpus (debugging)")

// fullDisagreements lists the corpus files (of the IBM, JRockit and HP-UX
// families) whose full-GC count rightly differs from GCViewer's
// gv_full_model, with the reason. Each is checked against the count given
// here instead.
var fullDisagreements = map[string]struct {
	full int
	why  string
}{
	// GCViewer counts an event as full when it carries more than one
	// generation's figures. J9 scavenges report both nursery and tenure in
	// their <mem-info>, so GCViewer counts each scavenge as full; they are
	// young collections (<gc-start type="scavenge">).
	"gcviewer/ibm/SampleIBMJ9_R28_af_scavenge_full_header.txt": {0, "2 scavenges counted full by GCViewer"},
	// The reverse: <gc-start type="global"> is a global collection, but its
	// <mem-info> has only a tenure space (optthruput/optavgpause have no
	// nursery), so GCViewer does not count it as full.
	"gcviewer/ibm/SampleIBMJ9_R28_af_global.txt": {1, "1 af global not counted by GCViewer"},
	// HP-UX 1.4.1: four type-1 (scavenge) lines, counted full by GCViewer
	// because they carry eden, survivor and old figures.
	// (gv_warnings is 1 here, so the manifest row is not compared anyway.)
}

// corpusFamilies are the families this file's corpus test covers, with the
// Format the Reader must detect for them.
var corpusFamilies = []struct{ manifest, format string }{
	{"openj9", "openj9"},
	{"ibm-legacy", "ibm-legacy"},
	{"jrockit", "jrockit"},
	{"hp", "hp"},
}

// TestIBMCorpus reads every corpus file of the IBM, JRockit and HP-UX
// families: no unparsed line, and full collections as GCViewer counts them
// (where GCViewer read the file without warnings), except for the
// disagreements listed above.
func TestIBMCorpus(t *testing.T) {
	for _, fam := range corpusFamilies {
		rows := corpusFiles(t, fam.manifest)
		if len(rows) == 0 {
			t.Fatalf("no corpus files for %s", fam.manifest)
		}
		for _, row := range rows {
			t.Run(row["path"], func(t *testing.T) {
				evs, info := readAll(t, row["abspath"])
				if *corpusDump {
					t.Log("\n" + dump(evs, info))
				}
				if info.Format != fam.format {
					t.Errorf("format %q, want %q", info.Format, fam.format)
				}
				if info.Unparsed != 0 {
					t.Errorf("%d unparsed lines; first: %v", info.Unparsed, info.UnparsedExamples)
				}
				full, pauses := 0, 0
				for _, e := range evs {
					if e.IsFull() {
						full++
					}
					if e.Pause > 0 {
						pauses++
					}
				}
				if len(evs) == 0 {
					t.Errorf("no events")
				}
				want, err := strconv.Atoi(row["gv_full_model"])
				if err != nil || row["gv_warnings"] != "0" {
					t.Logf("full=%d (GCViewer %s with %s warnings: not compared)", full, row["gv_full_model"], row["gv_warnings"])
					return
				}
				if d, ok := fullDisagreements[row["path"]]; ok {
					if full != d.full {
						t.Errorf("full=%d, want %d (%s)", full, d.full, d.why)
					}
					return
				}
				if fam.manifest == "ibm-legacy" {
					// GCViewer adds a pseudo-collection, with nothing
					// freed, for each allocation failure that goes on to
					// expand the heap ("<AF[n]: managing allocation
					// failure, action=3 ...>", "<GC(n): expanded heap
					// ...>"): 5 in SampleIBM1_3_1, 43 in SampleIBM1_4_2.
					// Those are no collections.
					want -= ibmExpansionRecords(t, row["abspath"])
				}
				if fam.manifest == "jrockit" {
					// GCViewer counts no JRockit old collection as full
					// (jrockit.GC and jrockit.OC are not "Full" types), so
					// gv_full_model is 0 for every JRockit file. Check
					// against the old-collection lines instead.
					want = jrockitOldLines(t, row["abspath"])
				}
				if full != want {
					t.Errorf("full=%d, want %d (gv_full_model; pauses %d)", full, want, pauses)
				}
			})
		}
	}
}

// jrockitOldLines counts old-collection summaries in a JRockit log by a
// route independent of the parser: lines with "->" whose collection is
// named "GC" or "OC" (not "Nursery GC", "YC").
func jrockitOldLines(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.Contains(l, "->") || strings.Contains(l, "<before>") || strings.Contains(l, "ursery") {
			continue
		}
		if strings.Contains(l, ": GC ") || strings.Contains(l, ": OC ") {
			n++
		}
	}
	return n
}

// ibmExpansionRecords counts the <AF[n]> records with an action=3 line.
func ibmExpansionRecords(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, in := 0, false
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.Contains(l, "Allocation Failure.") || strings.Contains(l, "Concurrent collection,"):
			in = false
		case strings.Contains(l, "action=3") && !in:
			in = true
			n++
		}
	}
	return n
}

// TestJ9Golden reads the J9 fixtures of testdata/gclog/openj9.
func TestJ9Golden(t *testing.T) { goldenDir(t, "openj9") }

func goldenDir(t *testing.T, dir string) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "gclog", dir, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/gclog/%s: %v", dir, err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			evs, info := readAll(t, path)
			got := dump(evs, info)
			checkGolden(t, path+".golden", got)
			// The same input with \r\n line endings reads the same.
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			evs2, info2 := readStream(t, NewReader(bytes.NewReader(crlf), path))
			if got2 := dump(evs2, info2); got2 != got {
				t.Errorf("with CRLF line endings the output differs:\n%s", got2)
			}
		})
	}
}

// TestJ9FiguresByHand checks a scavenge of the R26-and-later layout against
// figures computed by hand from the XML.
func TestJ9FiguresByHand(t *testing.T) {
	evs, info := readAll(t, filepath.Join("..", "testdata", "gclog", "openj9", "gencon-r28.log"))
	if info.Collector != "gencon" || info.HeapMax != 0x20000000 {
		t.Errorf("collector %q heapmax %d", info.Collector, info.HeapMax)
	}
	if len(evs) < 2 {
		t.Fatalf("%d events", len(evs))
	}
	sc := evs[0]
	// <mem-info free="400000000" total="536870912"> before, free="460000000" after.
	if sc.Kind != KindYoung || sc.Heap.Before != 136870912 || sc.Heap.After != 76870912 || sc.Heap.Capacity != 536870912 {
		t.Errorf("scavenge: %s", dumpEvent(sc))
	}
	if sc.Pause != ms(21.25) { // <exclusive-end durationms="21.250">
		t.Errorf("scavenge pause %v", sc.Pause)
	}
	old, _ := sc.Space(SpaceOld)
	// <mem type="tenure" free="400000000" total="402653184">
	if old.After != 2653184 || old.Capacity != 402653184 {
		t.Errorf("tenure after %d", old.After)
	}
	want := time.Date(2017, 6, 1, 10, 11, 12, 124e6, time.UTC) // <gc-start timestamp=...>
	if !sc.Time.Equal(want) {
		t.Errorf("time %v, want %v", sc.Time, want)
	}
}

// TestJ9Rotated reads a rotated -Xverbosegclog:gc.%seq.log,3,... set whose
// numbering wrapped (J9 reuses gc.001.log after gc.003.log): Collect must
// group the files and order them by their first time stamp, and the set
// reads as one log, each file's <?xml?> and <verbosegc> header included.
func TestJ9Rotated(t *testing.T) {
	dir := filepath.Join("..", "testdata", "gclog", "openj9", "rotated")
	sets, errs := Collect([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, s := range sets {
		var names []string
		for _, f := range s.Files {
			names = append(names, filepath.Base(f))
		}
		got = append(got, strings.Join(names, ","))
	}
	want := []string{"gc.002.log,gc.003.log,gc.001.log"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sets %q, want %q", got, want)
	}
	var evs []*Event
	r := NewSetReader(sets[0].Inputs(nil))
	for r.Scan() {
		evs = append(evs, r.Event())
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	if r.Info().Unparsed != 0 {
		t.Errorf("unparsed: %v", r.Info().UnparsedExamples)
	}
	var ids []string
	for _, e := range evs {
		ids = append(ids, fmt.Sprint(e.ID))
	}
	if g := strings.Join(ids, " "); g != "5 17 29 41" {
		t.Errorf("ids %s, want 5 17 29 41", g)
	}
}

func TestRotationBaseJ9(t *testing.T) {
	for _, c := range []struct {
		path, base string
		num        int
	}{
		{"gc.001.log", "gc.%seq.log", 1},
		{"logs/verbosegc.012.txt", "logs/verbosegc.%seq.txt", 12},
		{"gc.log.003", "gc.log", 3},
		{"app.2024.log", "app.2024.log", -1},
		{"gc.log", "gc.log", -1},
	} {
		base, num := rotationBase(c.path)
		if base != c.base || num != c.num {
			t.Errorf("rotationBase(%q) = %q, %d; want %q, %d", c.path, base, num, c.base, c.num)
		}
	}
}

// A line longer than bufio's buffer inside a record: the vmarg of a huge
// class path. The record around it still reads.
func TestJ9LongLine(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "gclog", "openj9", "gencon-r28.log"))
	if err != nil {
		t.Fatal(err)
	}
	long := "  <vmarg name=\"-Djava.class.path=" + strings.Repeat("/x", 70<<10) + "\" />\n"
	data = bytes.Replace(data, []byte("  <system>\n"), []byte(long+"  <system>\n"), 1)
	evs, info := readStream(t, NewReader(bytes.NewReader(data), "long.log"))
	if info.Unparsed != 0 || len(evs) == 0 || info.Collector != "gencon" {
		t.Errorf("unparsed %d, events %d, collector %q", info.Unparsed, len(evs), info.Collector)
	}
}

func FuzzJ9(f *testing.F) { fuzzFamilies(f) }

// fuzzFamilies seeds one fuzz target with every fixture of the IBM,
// JRockit and HP-UX families: no panic, no hang, counts consistent.
func fuzzFamilies(f *testing.F) {
	for _, dir := range []string{"openj9", "ibm", "jrockit", "hp"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "gclog", dir, "*.log"))
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz")
		n := 0
		for r.Scan() {
			e := r.Event()
			if e.Line < 1 || e.Source != "fuzz" {
				t.Fatalf("bad position %s:%d", e.Source, e.Line)
			}
			n++
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		info := r.Info()
		if info.Unparsed < 0 || info.Foreign < 0 || int64(n) > info.Lines*4+1 {
			t.Fatalf("events %d for %d lines", n, info.Lines)
		}
	})
}

// BenchmarkJ9 reads a gencon log of about 30 MB built from a fixture.
func BenchmarkJ9(b *testing.B) {
	benchFamily(b, filepath.Join("..", "testdata", "gclog", "openj9", "gencon-r28.log"), "openj9")
}

func benchFamily(b *testing.B, path, format string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	// Keep the header once, repeat the body.
	body := data
	if i := bytes.Index(data, []byte("<exclusive-start")); i > 0 {
		body = data[i:]
	}
	if i := bytes.LastIndex(body, []byte("</verbosegc>")); i > 0 {
		body = body[:i]
	}
	buf := append([]byte(nil), data[:len(data)-len(body)]...)
	for len(buf) < 30<<20 {
		buf = append(buf, body...)
	}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(buf), "bench")
		n := 0
		for r.Scan() {
			n++
		}
		if n == 0 || r.Info().Format != format || r.Info().Unparsed != 0 {
			b.Fatalf("%d events, format %q, unparsed %v", n, r.Info().Format, r.Info().UnparsedExamples)
		}
	}
}

// Golden fixtures of the other families of this file.
func TestIBMTextGolden(t *testing.T) { goldenDir(t, "ibm") }
func TestJRockitGolden(t *testing.T) { goldenDir(t, "jrockit") }
func TestHPUXGolden(t *testing.T)    { goldenDir(t, "hp") }

// BenchmarkJRockit reads a 30 MB JRockit R26 log built from a fixture.
func BenchmarkJRockit(b *testing.B) {
	benchFamily(b, filepath.Join("..", "testdata", "gclog", "jrockit", "r26.log"), "jrockit")
}

// TestIBMClaimsNoHotSpot: no line of any HotSpot corpus log (legacy or
// unified) is claimed by the IBM, JRockit or HP-UX families.
func TestIBMClaimsNoHotSpot(t *testing.T) {
	mine := []family{j9Family, ibmTextFamily, jrockitFamily, hpuxFamily}
	for _, fam := range []string{"hotspot-legacy", "hotspot-unified", "other"} {
		for _, row := range corpusFiles(t, fam) {
			data := readLog(t, row["abspath"])
			for i, l := range bytes.Split(data, []byte("\n")) {
				for _, f := range mine {
					if f.claims(bytes.TrimSuffix(l, []byte("\r"))) {
						t.Errorf("%s:%d claimed by %s: %.100s", row["path"], i+1, f.name, l)
					}
				}
			}
		}
	}
}

// TestIBMUnparsed: lines of these formats that cannot be used are reported
// with their position and what is wrong.
func TestIBMUnparsed(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"j9 mem-info", "<verbosegc version=\"x\">\n<gc-start id=\"5\" type=\"scavenge\" timestamp=\"2017-06-01T10:11:12.123\">\n  <mem-info id=\"6\" total=\"100\">\n",
			[]string{`t.log:3: mem-info without free and total: <mem-info id="6" total="100">`, "t.log:2: collection without <gc-end> at end of log"}},
		{"j9 old record", "<verbosegc version=\"x\">\n<af type=\"tenured\" id=\"1\" timestamp=\"Mar 25 22:40:24 2010\">\n</af>\n",
			[]string{"t.log:2: <af> record without a collection"}},
		{"ibm text", "<AF[1]: Allocation Failure. need 8 bytes, 0 ms since last AF>\n<GC(3): freed lots of bytes>\n",
			[]string{"t.log:2: cannot read the collection's figures: <GC(3): freed lots of bytes>"}},
		{"jrockit", "[memory ] 1.0-2.0: GC 100K->x (200K), 3 ms\n",
			[]string{"t.log:1: cannot read the heap transition: [memory ] 1.0-2.0: GC 100K->x (200K), 3 ms"}},
		{"hp", "<GC: 1 0 1.0 1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 0.1 0.1 >\n<GC: 1 2 3 >\n",
			[]string{"t.log:2: expected 18 or at least 20 numbers: <GC: 1 2 3 >"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, info := readStream(t, NewReader(strings.NewReader(c.in), "t.log"))
			var got []string
			for _, p := range info.UnparsedExamples {
				got = append(got, p.Error())
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) || info.Unparsed != int64(len(c.want)) {
				t.Errorf("unparsed %d %q, want %q", info.Unparsed, got, c.want)
			}
		})
	}
}
