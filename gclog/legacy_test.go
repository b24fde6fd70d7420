package gclog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const legacyTestdata = "../testdata/gclog/legacy"

func legacyFixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(legacyTestdata, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", legacyTestdata, err)
	}
	return files
}

// TestLegacyGolden reads every fixture and compares the events with its
// golden file; the same input with \r\n line endings must read the same.
func TestLegacyGolden(t *testing.T) {
	for _, path := range legacyFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			evs, info := readAll(t, path)
			got := dump(evs, info)
			checkGolden(t, path+".golden", got)
			if info.Format != "hotspot-legacy" {
				t.Errorf("format %q, want hotspot-legacy", info.Format)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			evs2, info2 := readStream(t, NewReader(bytes.NewReader(crlf), path))
			if diff := dump(evs2, info2); diff != got {
				t.Errorf("with \\r\\n line endings:\n%s\nwant:\n%s", diff, got)
			}
		})
	}
}

// TestLegacyLongLine: a line over 64 KiB (application output here) is
// counted as foreign and the records around it are read.
func TestLegacyLongLine(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("0.500: [GC 0.500: [ParNew: 16384K->2048K(18432K), 0.0100000 secs] 16384K->2048K(59392K), 0.0101000 secs]\n")
	b.WriteString("INFO " + strings.Repeat("x", 70<<10) + "\n")
	b.WriteString("1.000: [Full GC 1.000: [CMS: 2048K->1024K(40960K), 0.0500000 secs] 4096K->1024K(59392K), [CMS Perm : 2000K->2000K(21248K)], 0.0510000 secs]\n")
	// A record over 64 KiB: a class histogram inside a Full GC.
	b.WriteString("2.000: [Full GC 2.000: [Class Histogram:\n")
	for i := 1; b.Len() < 200<<10; i++ {
		fmt.Fprintf(&b, "%4d:            10            160  com.example.Class%d\n", i, i)
	}
	b.WriteString(", 0.0100000 secs]\n2.010: [CMS: 1024K->1000K(40960K), 0.0500000 secs] 3000K->1000K(59392K), [CMS Perm : 2000K->2000K(21248K)], 0.0610000 secs]\n")
	evs, info := readStream(t, NewReader(&b, "long.log"))
	if len(evs) != 3 || info.Foreign != 1 || info.Unparsed != 0 {
		t.Fatalf("got %d events, %d foreign, %d unparsed; want 3, 1, 0\n%s", len(evs), info.Foreign, info.Unparsed, dump(evs, info))
	}
	if !evs[1].IsFull() || !evs[2].IsFull() || evs[2].Pause != ms(61) {
		t.Errorf("events:\n%s", dump(evs, info))
	}
}

// TestLegacyCommandLine: the flags are split at any white space, as
// bytes.Fields splits, whether or not the line holds only spaces.
func TestLegacyCommandLine(t *testing.T) {
	for _, sep := range []string{" ", "  ", "\t", " \u00a0", "\u3000", "\v"} {
		log := "CommandLine flags: -XX:MaxHeapSize=268435456" + sep + "-XX:+UseG1GC" + sep + "\n" +
			"1.000: [GC pause (G1 Evacuation Pause) (young) 24M->3M(256M), 0.0123 secs]\n"
		_, info := readStream(t, NewReader(strings.NewReader(log), "flags.log"))
		if info.HeapMax != 256<<20 || info.Collector != "g1" {
			t.Errorf("separator %q: heap max %d, collector %q", sep, info.HeapMax, info.Collector)
		}
	}
}

// TestLegacyRotated reads a rotated set that wrapped around (gc.log.2 is the
// oldest, gc.log.1.current the newest) in time order, as one JVM.
func TestLegacyRotated(t *testing.T) {
	sets, errs := Collect([]string{filepath.Join(legacyTestdata, "rotated")})
	if len(errs) > 0 || len(sets) != 1 {
		t.Fatalf("Collect: %d sets, errors %v", len(sets), errs)
	}
	var names []string
	for _, f := range sets[0].Files {
		names = append(names, filepath.Base(f))
	}
	if got, want := strings.Join(names, " "), "gc.log.2 gc.log.0 gc.log.1.current"; got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	evs, info := readStream(t, NewSetReader(sets[0].Inputs(nil)))
	if len(evs) != 3 || info.Unparsed != 0 || info.Foreign != 0 {
		t.Fatalf("got:\n%s", dump(evs, info))
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Uptime <= evs[i-1].Uptime {
			t.Errorf("event %d at %v after %v", i, evs[i].Uptime, evs[i-1].Uptime)
		}
	}
	if !evs[1].IsFull() || filepath.Base(evs[1].Source) != "gc.log.0" || evs[1].Line != 2 {
		t.Errorf("full GC: %s", dumpEvent(evs[1]))
	}
}

// legacyFullExceptions are corpus files whose Full GC count rightly differs
// from GCViewer's (gv_full_model), with the lines that decide it.
var legacyFullExceptions = map[string]string{
	// "[Full GC (Allocation Failure) 130454.251: [CMS" + a concurrent phase,
	// and the log ends: a Full GC that started; GCViewer ignores the line.
	"garbagecat/dataset111.txt": "truncated Full GC counted",
	// "[GC {Heap before gc ...}[ParNew: ...][CMS...(concurrent mode failure):
	// 1147900K->1155037K(1179648K), 7.39 secs]": young escalated to a full
	// collection (concurrent mode failure); GCViewer loses it in the heap
	// block printed inside the record.
	"garbagecat/dataset7.txt":  "escalated young GC inside PrintHeapAtGC block",
	"garbagecat/dataset21.txt": "escalated young GC inside PrintHeapAtGC block",
	// "[GC [ParNew (promotion failed): ...][CMS" + a concurrent phase, the
	// rest of the record lost: promotion failed and the old generation
	// collection began. GCViewer drops the line silently (corpus README).
	"garbagecat/dataset23.txt": "promotion failed record cut short",
}

// TestLegacyCorpus reads every legacy HotSpot log of the shared corpus: no
// GC line may be left unparsed, and the Full GC count must agree with
// GCViewer's wherever GCViewer read the file without warnings.
func TestLegacyCorpus(t *testing.T) {
	for _, row := range corpusFiles(t, "hotspot-legacy") {
		t.Run(row["path"], func(t *testing.T) {
			evs, info := readAll(t, row["abspath"])
			checkNoUnparsed(t, info)
			full := 0
			for _, e := range evs {
				if e.IsFull() {
					full++
				}
			}
			want, err := strconv.Atoi(row["gv_full_model"])
			if err != nil || row["gv_warnings"] != "0" {
				return
			}
			if why, ok := legacyFullExceptions[row["path"]]; ok {
				if full == want {
					t.Errorf("listed as an exception (%s) but the counts now agree: remove it", why)
				}
				return
			}
			if full != want {
				t.Errorf("%d full GCs, GCViewer %d", full, want)
			}
		})
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

func FuzzLegacy(f *testing.F) {
	for _, path := range legacyFixtures(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Start in the legacy family whatever the input, as a log would
		// after its first GC line.
		in := append([]byte("0.100: [GC 1K->1K(2K), 0.001 secs]\n"), data...)
		r := NewReader(bytes.NewReader(in), "fuzz")
		n := 0
		for r.Scan() {
			ev := r.Event()
			if ev == nil || ev.Line < 1 {
				t.Fatalf("bad event %+v", ev)
			}
			if n++; n > len(in)+10 {
				t.Fatalf("%d events from %d bytes", n, len(in))
			}
		}
		if info := r.Info(); info.Lines > int64(bytes.Count(in, []byte("\n"))+1) {
			t.Fatalf("%d lines from %d newlines", info.Lines, bytes.Count(in, []byte("\n")))
		}
	})
}

// BenchmarkLegacy reads ~50 MB of JDK 8 G1 and CMS PrintGCDetails output.
func BenchmarkLegacy(b *testing.B) {
	var unit []byte
	for _, name := range []string{"g1_jdk8.log", "cms_jdk8.log", "cms_heapatgc_fls.log", "parallel_jdk8.log"} {
		data, err := os.ReadFile(filepath.Join(legacyTestdata, name))
		if err != nil {
			b.Fatal(err)
		}
		unit = append(unit, data...)
	}
	benchLegacy(b, unit)
}

// BenchmarkLegacyCorpus reads ~50 MB of the real JDK 8 G1 and CMS
// PrintGCDetails logs of the shared corpus (whole logs, not fragments),
// concatenated and repeated; it reports MB/s. The corpus is read where it
// is, never copied into the project.
func BenchmarkLegacyCorpus(b *testing.B) {
	unit := legacyCorpusUnit(b)
	if len(unit) == 0 {
		b.Skip("no JDK 8 G1 or CMS logs: shared corpus not found at ../../shared/corpus/gclog")
	}
	benchLegacy(b, unit)
}

// benchLegacy reads unit repeated to ~50 MB, which must be legacy logging
// with no line unparsed.
func benchLegacy(b *testing.B, unit []byte) {
	data := bytes.Repeat(unit, 50<<20/len(unit)+1)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "bench.log")
		n := 0
		for r.Scan() {
			n++
		}
		if info := r.Info(); r.Err() != nil || n == 0 || info.Unparsed > 0 || info.Format != "hotspot-legacy" {
			b.Fatalf("%d events, format %s, %d unparsed %v, %v", n, info.Format, info.Unparsed, info.UnparsedExamples, r.Err())
		}
	}
}

// legacyScanInputs returns the fixtures and the legacy corpus files (those
// there are), the inputs the legacy fast scanners are checked against.
func legacyScanInputs(t *testing.T) [][]byte {
	paths := legacyFixtures(t)
	if _, err := os.Stat("../../shared/corpus/gclog/MANIFEST.tsv"); err == nil {
		for _, row := range corpusFiles(t, "hotspot-legacy") {
			paths = append(paths, row["abspath"])
		}
	}
	var all [][]byte
	for _, path := range paths {
		all = append(all, readLog(t, path))
	}
	return all
}

// TestLegacyISOTimeSameAsGeneral: the parser's legacyClock reads what
// scanISOTime reads at every digit of every fixture and corpus log.
func TestLegacyISOTimeSameAsGeneral(t *testing.T) {
	n := 0
	var dates legacyClock
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("", 3600)
	}
	for _, data := range legacyScanInputs(t) {
		for i, c := range data {
			if c < '0' || c > '9' {
				continue
			}
			// Lines end the text the parser gives the scanners.
			end := bytes.IndexByte(data[i:], '\n')
			if end < 0 {
				end = len(data) - i
			}
			for _, loc := range []*time.Location{nil, berlin} {
				checkLegacyISOTime(t, data[i:i+end], loc, &dates)
			}
			n++
		}
	}
	t.Logf("%d positions", n)
}

func checkLegacyISOTime(t *testing.T, b []byte, loc *time.Location, c *legacyClock) {
	t.Helper()
	got, k, ok := c.scan(b, loc)
	want, wk, wok := scanISOTime(b, loc)
	if got != want || k != wk || ok != wok {
		t.Fatalf("legacyClock.scan(%q) = %v, %d, %v; scanISOTime %v, %d, %v", b, got, k, ok, want, wk, wok)
	}
}

func FuzzLegacyISOTime(f *testing.F) {
	for _, s := range []string{"2014-05-06T07:08:09.123+0200: 1.0", "2014-05-06T07:08:59+02:00", "2014-05-06 07:08:60.5Z",
		"2014-05-06T07:08:09.123-0130", "2014-05-06T07:08:09", "2014-05-06T07:08:9", "2014-05-06T07:08:09.+0200"} {
		f.Add([]byte(s), []byte("2014-05-06T07:08:10.000+0200"))
	}
	// The same minute again, in the same zone or another, or with a zone
	// spelled otherwise.
	for _, s := range []string{"2014-05-06T07:08:10.5+0100", "2014-05-06T07:08:10.5+02:00", "2014-05-06T07:08:10.5Z", "2014-05-06T07:08:10.5",
		"2014-05-06T07:08:10.1234567891+0200", "2014-05-06T07:08:61.5+0200", "2014-05-06T07:08:10,5+0200x", "2014-05-06T07:08:10+020"} {
		f.Add([]byte("2014-05-06T07:08:09.123+0200"), []byte(s))
		f.Add([]byte("2014-05-06T07:08:09Z"), []byte(s))
	}
	// Another minute of the same day (sameDay), or one it must leave to
	// isoClock.
	for _, s := range []string{"2014-05-06T07:09:10.5+0200", "2014-05-06T00:00:00+0200", "2014-05-06T23:59:59.999+0200: 1.0", "2014-05-06T07:07:10.5+0200",
		"2014-05-06T24:00:10.5+0200", "2014-05-06T07:60:10.5+0200", "2014-05-06T0x:08:10.5+0200", "2014-05-06T07:09:10.5+0100", "2014-05-06T07:09:10.5",
		"2014-05-06T07:09:61+0200", "2014-05-06 07:09:10.5+0200", "2014-05-06T07.09:10.5+0200"} {
		f.Add([]byte("2014-05-06T07:08:09.123+0200"), []byte(s))
		f.Add([]byte("2014-05-06T07:08:09Z"), []byte(strings.Replace(s, "+0200", "Z", 1)))
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("", 3600)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// a fills the cache that reads b.
		var c legacyClock
		for _, loc := range []*time.Location{nil, berlin} {
			checkLegacyISOTime(t, a, loc, &c)
			checkLegacyISOTime(t, b, loc, &c)
		}
	})
}

// legacyStampBefore is legacyStampWith as it was before uptimes were read
// in one pass: the reference it must agree with.
func legacyStampBefore(b []byte, loc *time.Location, dates *legacyClock) (t time.Time, up time.Duration, n int) {
	up = -1
	for n < len(b) && b[n] == ' ' {
		n++
	}
	start := n
	if !legacyMayBeStamp(b[n:]) {
		return t, up, start
	}
	if len(b)-n >= 19 && b[n+4] == '-' {
		if tt, k, ok := dates.scan(b[n:], loc); ok && n+k < len(b) && b[n+k] == ':' {
			t = tt
			n += k + 1
			if n < len(b) && b[n] == ' ' {
				n++
			}
		}
	}
	// An uptime always has a fraction: "12.345:" ("12,345:" in some locales).
	i := n
	for i < len(b) && b[i] == ' ' {
		i++
	}
	v, k := scanDecimal(b[i:])
	if k > 0 && i+k < len(b) && b[i+k] == ':' && legacyHasFraction(b[i:i+k]) {
		up = time.Duration(v)
		n = i + k + 1
		if n < len(b) && b[n] == ' ' {
			n++
		}
	}
	// -XX:+PrintGCID: "#12: ".
	if n+1 < len(b) && b[n] == '#' {
		if _, k := scanUint(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ':' {
			n += k + 2
			if n < len(b) && b[n] == ' ' {
				n++
			}
			if t.IsZero() && up < 0 {
				return t, up, n
			}
		}
	}
	if t.IsZero() && up < 0 {
		return t, up, start
	}
	return t, up, n
}

func checkLegacyStamp(t *testing.T, b []byte) {
	t.Helper()
	var c1, c2 legacyClock
	gt, gup, gn := legacyStampWith(b, nil, &c1)
	wt, wup, wn := legacyStampBefore(b, nil, &c2)
	if gt != wt || gup != wup || gn != wn {
		t.Fatalf("legacyStampWith(%q) = %v, %v, %d; before %v, %v, %d", b, gt, gup, gn, wt, wup, wn)
	}
}

// TestLegacyStampSameAsBefore: stamps read the same at every digit, space
// and '#' of every fixture and corpus log.
func TestLegacyStampSameAsBefore(t *testing.T) {
	for _, data := range legacyScanInputs(t) {
		for i, c := range data {
			if c != ' ' && c != '#' && (c < '0' || c > '9') {
				continue
			}
			end := bytes.IndexByte(data[i:], '\n')
			if end < 0 {
				end = len(data) - i
			}
			checkLegacyStamp(t, data[i:i+end])
		}
	}
}

func FuzzLegacyStamp(f *testing.F) {
	for _, s := range []string{"12.345: [GC", "2014-07-24T12:00:00.123+0200: 12.345: #3: [GC", "#12: [GC", "1234567890.5: x",
		"12.1234567891: ", "0,5:", "  7.25:  ", "12.345: #x", "2014-07-24 12.5:",
		// Dates legacyDateGoesOn tells from the byte after their seconds.
		"2016-04-14 22:30:08 GC log file created", "2016-04-14 22:30:08: 1.5: [GC", "2016-04-14T22:30:08Z: 1.5: ", "2016-04-14T22:30:08",
		"2016-04-14T22:30:08-0100: 1.5: ", "2016-04-14T22:30:08,5: ", "2016-04-14T22:30:08x1.5: ", "2016-04-14T22:30:08 1.5: "} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkLegacyStamp(t, b) })
}

// legacyPath is which of the legacy parser's shortcuts a test reads with.
type legacyPath int

const (
	legacyPathAll     legacyPath = iota // every shortcut, as a Reader reads
	legacyPathNoYoung                   // no youngRecord: wholeRecord reads young collections
	legacyPathGeneral                   // neither youngRecord nor wholeRecord
)

// legacyParseLines reads data with a legacy parser alone, with the
// shortcuts path says, and returns the dump of what it found.
func legacyParseLines(data []byte, path legacyPath) string {
	out := emitter{}
	out.info.HeapMax = Unknown
	p := newLegacyParser(&out)
	p.general = path == legacyPathGeneral
	p.notYoung = path == legacyPathNoYoung
	for i, line := range bytes.Split(data, []byte("\n")) {
		p.parse(bytes.TrimSuffix(line, []byte("\r")), Pos{"lines", i + 1})
	}
	p.flush()
	return dump(out.queue, &out.info)
}

// TestLegacyWholeRecordSameAsGeneral: every fixture and corpus log reads
// the same with the whole-record shortcut as without.
func TestLegacyWholeRecordSameAsGeneral(t *testing.T) {
	for _, data := range legacyScanInputs(t) {
		checkLegacyWholeRecord(t, data)
	}
}

func checkLegacyWholeRecord(t *testing.T, data []byte) {
	t.Helper()
	got, want := legacyParseLines(data, legacyPathAll), legacyParseLines(data, legacyPathGeneral)
	if got != want {
		t.Fatalf("with wholeRecord:\n%s\nwithout:\n%s\ninput:\n%s", got, want, data)
	}
}

func FuzzLegacyWholeRecord(f *testing.F) {
	for _, path := range legacyFixtures(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"1.0: [GC (Allocation Failure) 1.0: [ParNew: 1K->2K(3K), 0.01 secs] 4K->5K(6K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs]",
		"1.0: [GC (GCLocker Initiated GC) [PSYoungGen: 1K->2K(3K)] 4K->5K(6K) icms_dc=10 , 0.01 secs]",
		"1.0: [GC (CMS Initial Mark) [1 CMS-initial-mark: 1K(2K)] 3K(4K), 0.002 secs] [Times: user=0.00 sys=0.00, real=0.00 secs]",
		"1.0: [Full GC (System.gc()) 1.0: [CMS: 1K->1K(2K), 0.1 secs] 2K->1K(3K), [CMS Perm : 1K->1K(2K)], 0.1 secs]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkLegacyWholeRecord(t, data) })
}

// TestLegacyCommandLineWhole checks that the flags line is not cut at
// "-XX:+PrintAdaptiveSizePolicy", which names noise cut from record lines:
// the flags after it give the collector and the maximum heap.
func TestLegacyCommandLineWhole(t *testing.T) {
	path := filepath.Join(legacyTestdata, "g1_jdk8.log")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, info := readStream(t, NewReader(f, path))
	if !strings.HasSuffix(info.CommandLine, "-XX:+PrintAdaptiveSizePolicy -XX:+PrintGCDetails -XX:+PrintGCTimeStamps -XX:+UseG1GC") {
		t.Errorf("command line %q", info.CommandLine)
	}
}

func checkLegacyFigures(t *testing.T, b []byte) {
	t.Helper()
	for i := 0; i <= len(b) && i < 3; i++ {
		v, k := legacyDigits(b, i)
		wv, wk := scanUint(b[i:min(len(b), i+16)])
		wk += i
		if v != wv || k != wk {
			t.Fatalf("legacyDigits(%q, %d) = %d, %d; one by one %d, %d", b, i, v, k, wv, wk)
		}
	}
	if got, k := legacyTransition(b); true {
		want, wk := scanTransition(b)
		if got != want || k != wk {
			t.Fatalf("legacyTransition(%q) = %v, %d; scanTransition %v, %d", b, got, k, want, wk)
		}
	}
	checkLegacyCommonFigure(t, b)
	if got, k := legacyDuration(b); true {
		want, wk := scanDuration(b)
		if got != want || k != wk {
			t.Fatalf("legacyDuration(%q) = %v, %d; scanDuration %v, %d", b, got, k, want, wk)
		}
	}
}

// checkLegacyCommonFigure: legacyCommonFigure reads what the first of
// legacyWholeTransition, legacySecs and legacyUptimeStamp to read b reads.
func checkLegacyCommonFigure(t *testing.T, b []byte) {
	t.Helper()
	kind, s, d, k := legacyCommonFigure(b)
	wkind, ws, wd, wk := legacyFigureNone, NoSizes, time.Duration(0), 0
	if len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
		if s, k := legacyWholeTransition(b); k > 0 {
			wkind, ws, wk = legacyFigureTransition, s, k
		} else if d, k := legacySecs(b); k > 0 {
			wkind, wd, wk = legacyFigureSecs, d, k
		} else if up, k := legacyUptimeStamp(b); k > 0 {
			wkind, wd, wk = legacyFigureUptime, up, k
		}
	}
	if kind != wkind || s != ws || d != wd || k != wk {
		t.Fatalf("legacyCommonFigure(%q) = %d, %v, %v, %d; one scanner after the other %d, %v, %v, %d", b, kind, s, d, k, wkind, ws, wd, wk)
	}
}

// TestLegacyFiguresSameAsGeneral: the one-pass figure scanners read what
// scanTransition and scanDuration read and legacyDigits what scanUint
// reads, at every digit of every fixture and corpus log.
func TestLegacyFiguresSameAsGeneral(t *testing.T) {
	for _, data := range legacyScanInputs(t) {
		for i, c := range data {
			if (c < '0' || c > '9') && c != ' ' && c != '[' {
				continue
			}
			end := bytes.IndexByte(data[i:], '\n')
			if end < 0 {
				end = len(data) - i
			}
			checkLegacyFigures(t, bytes.TrimRight(data[i:i+end], " \r"))
		}
	}
}

func FuzzLegacyFigures(f *testing.F) {
	for _, s := range []string{"218496K->25704K(245760K), 0.0145305 secs]", "1K->2K", "1K->2K(3K", "1K->2K(10%)", "12M(10%)->3M(2%)",
		"4416K(4928K)->512K(4928K)", "1.5G->1G(2G)", "1234567890123456K->1K(1K)", "8796093022208G->1K(1K)", "1B->0B(2B)",
		"0.0145305 secs", "0.01 secs]", "1234567890.5 secs", "0.1234567891 secs", "1. secs", "0,5 secs", "0.5 sec", "0.5ms", "1 secs", "12345678", "1234567890123456789", "00000000000000001", "9999999999999999", "12\xfa45678", "1/3",
		"12.345: [ParNew", "12,345: #3: [", "1234567890.5: x", "12.1234567891:", "2014-07-24T12:00:00.123+0200: 1.5: ", "1.5: 123456789012345", "0,5 secs",
		" [Times: user=0.39 sys=0.03, real=0.07 secs]", "[Times: user=0,39 sys=0,03, real=0,07 secs]", " [Times: user= sys=, real=1.0 secs]",
		"\t[Times: user=0.39 sys=0.03, real=0.07 secs]", " [Times: user=0.39 sys=0.03, real=0.07 secs] ", "[Times: user=1 sys=1, real=. secs]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkLegacyFigures(t, b) })
}

// A CMS remark with the scavenge before it (CMSScavengeBeforeRemark), its
// end on the next line, and a young collection, as JDK 8 prints them.
const (
	cmsRemark = "2024-03-01T10:00:05.000+0100: 5.000: [GC (CMS Final Remark) [YG occupancy: 150000 K (240000 K)]" +
		"2024-03-01T10:00:05.000+0100: 5.000: [GC (CMS Final Remark) 5.000: [ParNew: 150000K->10000K(240000K), 0.0090000 secs] " +
		"180000K->40000K(790000K), 0.0091000 secs] [Times: user=0.10 sys=0.00, real=0.01 secs]\n"
	cmsRemarkRest = "5.010: [Rescan (parallel) , 0.0020000 secs]5.012: [weak refs processing, 0.0000200 secs][1 CMS-remark: 30000K(550000K)] " +
		"40000K(790000K), 0.0230000 secs] [Times: user=0.15 sys=0.00, real=0.02 secs]\n"
	cmsYoung = "2024-03-01T10:00:06.000+0100: 6.000: [GC (Allocation Failure) 6.000: [ParNew: 230000K->11000K(240000K), 0.0095000 secs] " +
		"260000K->43000K(790000K), 0.0096000 secs] [Times: user=0.06 sys=0.00, real=0.01 secs]\n"
)

// TestLegacyRemarkLostItsEnd: a CMS remark holds one scavenge (CMSScavengeBeforeRemark);
// when its end is lost (the log cut there, or the next file of a rotated set
// missing), the records after it are read as records of their own, not
// swallowed by the remark until it reaches legacyMaxRecord, and the
// scavenge inside it is kept, at the end of the log too. The "[Times: ...]"
// printed after the scavenge is the scavenge's: the remark that lost its
// end has no pause.
func TestLegacyRemarkLostItsEnd(t *testing.T) {
	for _, c := range []struct {
		name, log string
		want      []string // line, kind and pause of each event
	}{
		{"whole", cmsRemark + cmsRemarkRest + cmsYoung, []string{"1 young 9.1ms", "1 remark 23ms", "3 young 9.6ms"}},
		{"lost its end", cmsRemark + cmsYoung + cmsYoung + cmsYoung,
			[]string{"1 young 9.1ms", "1 remark 0s", "2 young 9.6ms", "3 young 9.6ms", "4 young 9.6ms"}},
		{"lost its end, then another", cmsRemark + cmsYoung + cmsRemark + cmsYoung,
			[]string{"1 young 9.1ms", "1 remark 0s", "2 young 9.6ms", "3 young 9.1ms", "3 remark 0s", "4 young 9.6ms"}},
		{"cut at the end of the log", cmsYoung + cmsRemark, []string{"1 young 9.6ms", "2 young 9.1ms", "2 remark 0s"}},
	} {
		evs, info := readStream(t, NewReader(strings.NewReader(c.log), "remark.log"))
		var got []string
		for _, e := range evs {
			got = append(got, fmt.Sprintf("%d %s %s", e.Line, e.Kind, e.Pause))
		}
		if strings.Join(got, ", ") != strings.Join(c.want, ", ") || info.Unparsed != 0 || info.Foreign != 0 {
			t.Errorf("%s: got %q, %d unparsed, %d foreign; want %q\n%s", c.name, got, info.Unparsed, info.Foreign, c.want, dump(evs, info))
		}
	}
}

// TestLegacyRecordNeverCloses: a record whose bracket never closes is
// reported once, and every line it took is counted as unparsed.
func TestLegacyRecordNeverCloses(t *testing.T) {
	var b strings.Builder
	const first, more = "1.000: [Full GC 1.000: [CMS", "1234K->567K(8910K), [1 CMS-remark: 29170K(546176K)"
	b.WriteString(first + "\n")
	for kept := len(first); kept <= legacyMaxRecord; kept += len(more) { // the lines without their ends
		b.WriteString(more + "\n")
	}
	lines := int64(strings.Count(b.String(), "\n"))
	b.WriteString("9.000: [GC 9.000: [ParNew: 16384K->2048K(18432K), 0.0100000 secs] 16384K->2048K(59392K), 0.0101000 secs]\n")
	evs, info := readStream(t, NewReader(strings.NewReader(b.String()), "open.log"))
	if info.Unparsed != lines || len(info.UnparsedExamples) != 1 || len(evs) != 1 {
		t.Fatalf("%d unparsed (%d examples), %d events; want %d, 1, 1\n%s", info.Unparsed, len(info.UnparsedExamples), len(evs), lines, dump(evs, info))
	}
	if ex := info.UnparsedExamples[0]; ex.Line != 1 || !strings.Contains(ex.Error(), "record never closes") {
		t.Errorf("example %v", ex.Error())
	}
}

// TestLegacyJVMStartEndsRecord: a JVM's banner or flags while a record is
// open (a JVM restarted into the log, the record cut by its death) end the
// record and are read as a JVM's, as a log read in chunks from there reads
// them (FuzzChunked found the flags taken by one read and not the other).
func TestLegacyJVMStartEndsRecord(t *testing.T) {
	log := cmsYoung + "7.000: [GC (Allocation Failure) 7.000: [ParNew (promotion failed): 230000K->230000K(240000K), 0.0500000 secs]7.050: [CMS\n" +
		"OpenJDK 64-Bit Server VM (25.91-b14) for linux-amd64 JRE (1.8.0_91-b14), built on Apr 12 2016 16:23:31\n" +
		"CommandLine flags: -XX:MaxHeapSize=1073741824 -XX:+UseConcMarkSweepGC -XX:+UseParNewGC\n" + cmsYoung
	path := filepath.Join(t.TempDir(), "restart.log")
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	evs, info := readAll(t, path)
	if len(evs) != 3 || evs[2].Line != 5 || info.CommandLine == "" || info.HeapMax != 1<<30 || info.JVMVersion != "1.8.0_91-b14" || info.Foreign != 0 {
		t.Errorf("read in one go:\n%s", dump(evs, info))
	}
	want := readSequential(t, path)
	for _, size := range []int64{64, 200, 400} {
		if got, chunked := readChunked(t, path, size, 1<<10); !chunked || got != want {
			t.Errorf("chunks of %d bytes (chunked %v):\n%s", size, chunked, firstDiff(want, got))
		}
	}
}

// TestLegacyShenandoahThenOtherJVM: a JDK 8 Shenandoah JVM's indented lines
// are ignorable, but only while that JVM writes. The CMS JVM started after
// it in the same file (banner and flags) has a record that goes on on an
// indented line, " (concurrent mode failure): ...": until session 11 it was
// ignored there, and the collection lost its heap and pause.
func TestLegacyShenandoahThenOtherJVM(t *testing.T) {
	// The CMS JVM's flags name its collector, or name none (flagsGC
	// keeps the Shenandoah JVM's then).
	for _, flags := range []string{"-XX:MaxHeapSize=268435456 -XX:+UseConcMarkSweepGC -XX:+UseParNewGC", "-XX:MaxHeapSize=268435456"} {
		t.Run(flags, func(t *testing.T) { shenandoahThenOtherJVM(t, flags) })
	}
}

func shenandoahThenOtherJVM(t *testing.T, flags string) {
	cms := "OpenJDK 64-Bit Server VM (25.91-b14) for linux-amd64 JRE (1.8.0_91-b14), built on Apr 12 2016 16:23:31\n" +
		"CommandLine flags: " + flags + "\n" +
		"1.500: [GC 1.500: [ParNew: 120000K->120000K(120000K), 0.0000200 secs]1.500: [CMS1.501: [CMS-concurrent-abortable-preclean: 0.002/0.060 secs] [Times: user=0.03 sys=0.00, real=0.06 secs]\n" +
		" (concurrent mode failure): 90000K->21000K(130000K), 0.0190000 secs] 210000K->21000K(250000K), [CMS Perm : 2600K->2600K(21000K)], 0.0191000 secs] [Times: user=0.02 sys=0.00, real=0.02 secs]\n"
	const shenandoah = "OpenJDK 64-Bit Server VM (25.332-b09) for linux-amd64 JRE (1.8.0_332-b09), built on Apr 20 2022 10:00:00\n" +
		"CommandLine flags: -XX:MaxHeapSize=268435456 -XX:+UseShenandoahGC\n" +
		"2022-06-01T10:00:00.000+0000: 100.000: [Concurrent marking\n" +
		"    Failed to allocate TLAB, 4096K\n" +
		"    Cancelling GC: Allocation Failure\n" +
		", 2714.003 ms]\n"
	dir := t.TempDir()
	alone, after := filepath.Join(dir, "cms.log"), filepath.Join(dir, "after-shenandoah.log")
	if err := os.WriteFile(alone, []byte(cms), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(after, []byte(shenandoah+cms), 0o644); err != nil {
		t.Fatal(err)
	}
	full := func(evs []*Event) *Event {
		for _, e := range evs {
			if e.Kind == KindFull {
				return e
			}
		}
		return nil
	}
	want, wantInfo := readAll(t, alone)
	if e := full(want); e == nil || e.Pause == 0 || !e.Heap.Known() {
		t.Fatalf("the CMS log alone:\n%s", dump(want, wantInfo))
	}
	got, info := readAll(t, after)
	if e := full(got); e == nil || e.Pause != full(want).Pause || e.Heap != full(want).Heap || info.Unparsed != 0 || info.Foreign != 0 {
		t.Errorf("after a Shenandoah JVM:\n%s", dump(got, info))
	}
	wantDump := readSequential(t, after)
	for _, size := range []int64{64, 300, 600} {
		if gotDump, chunked := readChunked(t, after, size, 1<<10); !chunked || gotDump != wantDump {
			t.Errorf("chunks of %d bytes (chunked %v):\n%s", size, chunked, firstDiff(wantDump, gotDump))
		}
	}
}
