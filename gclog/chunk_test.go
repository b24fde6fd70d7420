package gclog

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gcwatch/internal/benchlog"

	"github.com/klauspost/compress/zstd"
)

// readChunked reads path through the chunked reader, with chunks of size
// bytes reading on by readOn, whatever the file's size.
func readChunked(t testing.TB, path string, size, readOn int64) (string, bool) {
	t.Helper()
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	chunkSize, chunkReadOn, chunkForce = size, readOn, true
	r := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
	var evs []*Event
	for r.Scan() {
		evs = append(evs, r.Event())
	}
	if r.Err() != nil {
		t.Fatalf("%s: %v", path, r.Err())
	}
	return fullDump(evs, r.Info()), r.chunks != nil
}

// readSequential reads path as one stream, the way a pipe is read.
func readSequential(t testing.TB, path string) string {
	t.Helper()
	f, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, info := readStream(t, NewReader(f, path))
	return fullDump(evs, info)
}

// fullDump is dump with what it leaves out: foreign examples, unparsed
// lines per file.
func fullDump(evs []*Event, info *Info) string {
	var b strings.Builder
	b.WriteString(dump(evs, info))
	fmt.Fprintf(&b, "binary=%v cmdline=%q by-file=%v\n", info.Binary, info.CommandLine, info.UnparsedByFile)
	for _, p := range info.ForeignExamples {
		fmt.Fprintf(&b, "foreign %s\n", p.Error())
	}
	return b.String()
}

// chunkLogs is every uncompressed log of the families that read in chunks:
// this project's JVM logs and fixtures, and the corpus when present.
func chunkLogs(t *testing.T) []string {
	return projectLogs(t, "../testdata/gclog/legacy/*", "hotspot-unified", "hotspot-legacy")
}

// projectLogs is this project's JVM logs, the fixtures matching fixtures
// (golden files left out), and the corpus files of the families given
// when the corpus is present.
func projectLogs(t *testing.T, fixtures string, families ...string) []string {
	logs, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	more, _ := filepath.Glob(fixtures)
	for _, f := range more {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() && !strings.HasSuffix(f, ".golden") {
			logs = append(logs, f)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "corpus", "gclog", "MANIFEST.tsv")); err == nil {
		for _, fam := range families {
			for _, row := range corpusFiles(t, fam) {
				logs = append(logs, row["abspath"])
			}
		}
	} else {
		t.Log("../shared/corpus absent: read on this project's logs only")
	}
	return logs
}

// TestChunkedSameAsSequential reads every log in small chunks and checks
// that events, counts and examples are those of one sequential read. Small
// read-ons make neighbours miss each other often, so the fallback (the
// earlier chunk reads on) is exercised too.
func TestChunkedSameAsSequential(t *testing.T) {
	logs := chunkLogs(t)
	if testing.Short() {
		logs = logs[:min(len(logs), 20)]
	}
	configs := []struct{ size, readOn int64 }{{4 << 10, 512}, {16 << 10, 8 << 10}, {256 << 10, 64 << 10}}
	if raceBuild {
		configs = configs[1:2] // the race detector needs a few reads, not every size
	}
	chunked := 0
	for _, path := range logs {
		want := readSequential(t, path)
		for _, c := range configs {
			got, ok := readChunked(t, path, c.size, c.readOn)
			if !ok {
				continue
			}
			chunked++
			if got != want {
				t.Errorf("%s in chunks of %d (read-on %d) differs from a sequential read:\n%s", path, c.size, c.readOn, firstDiff(want, got))
				break
			}
		}
	}
	if chunked == 0 {
		t.Fatal("no log was read in chunks")
	}
}

// firstDiff shows the first differing line of two dumps, with its number.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, a, b)
		}
	}
	return "(same lines)"
}

// TestChunksMeet checks that neighbouring chunks find a common cut on long
// logs of every collector, so that reading in chunks does not fall back to
// one chunk reading on through the next. The last boundary may miss: a log
// can end inside a collection.
func TestChunksMeet(t *testing.T) {
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	chunkForce = true
	logs := []string{"jvm/logs/jdk17-serial-slowleak.log", "jvm/logs/jdk17-parallel-slowleak.log",
		"jvm/logs/jdk17-g1-slowleak.log", "jvm/logs/jdk17-zgc-slowleak.log", "jvm/logs/jdk17-shenandoah-slowleak.log",
		"jvm/logs/jdk25-g1-slowleak.log", "jvm/logs/jdk25-zgc-slowleak.log", "jvm/logs/jdk25-shenandoah-slowleak.log",
		"jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "gclog/legacy/g1_jdk8.log", "gclog/legacy/cms_jdk8.log"}
	for _, name := range logs {
		path := filepath.Join("..", "testdata", name)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		chunkSize, chunkReadOn = st.Size()/5, st.Size()/5 // five chunks, reading on far
		r := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
		for r.Scan() {
		}
		if r.chunks == nil {
			t.Errorf("%s: not read in chunks", name)
			continue
		}
		if k := r.chunks; k.met == 0 || k.misses > 1 {
			t.Errorf("%s: %d neighbouring chunks met, %d did not", name, k.met, k.misses)
		}
	}
}

// FuzzChunked reads arbitrary input in tiny chunks and checks what must hold
// whatever the input: no panic, every line counted once, events within the
// input's lines, and unparsed and foreign counts as a sequential read finds.
func FuzzChunked(f *testing.F) {
	for _, p := range []string{"../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log",
		"../testdata/jvm/logs/jdk25-zgc-slowleak.log", "../testdata/jvm/logs/jdk17-shenandoah-steady.log",
		"../testdata/jvm/logs/jdk25-g1-sel-gcstar-debug.log"} { // heap blocks before summaries (blockWait)
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 16<<10)], uint16(700), uint16(300))
		}
	}
	f.Add([]byte(cmsYoung+cmsRemark+cmsYoung+cmsYoung+cmsRemark+cmsRemarkRest+cmsYoung), uint16(300), uint16(200)) // a remark that lost its end
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, log []byte, size, readOn uint16) {
		path := filepath.Join(dir, "fuzz.log")
		if err := os.WriteFile(path, log, 0o600); err != nil {
			t.Fatal(err)
		}
		want := readSequential(t, path)
		got, _ := readChunked(t, path, int64(size%4096)+1, int64(readOn%4096))
		lines := int64(bytes.Count(log, []byte("\n")))
		if len(log) > 0 && log[len(log)-1] != '\n' {
			lines++
		}
		wantHead, gotHead := strings.SplitN(want, "\n", 2)[0], strings.SplitN(got, "\n", 2)[0]
		if !strings.Contains(gotHead, fmt.Sprintf(" lines=%d ", lines)) {
			t.Fatalf("chunked read counted other than %d lines: %s", lines, gotHead)
		}
		if wantHead != gotHead {
			t.Fatalf("chunked and sequential reads differ:\n%s", firstDiff(want, got))
		}
		if got != want {
			t.Fatalf("chunked and sequential reads differ:\n%s", firstDiff(want, got))
		}
	})
}

// compressedCopies writes path gzip- and zstd-compressed into dir and
// returns their paths.
func compressedCopies(t *testing.T, dir, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, ext := range []string{".gz", ".zst"} {
		z := filepath.Join(dir, filepath.Base(path)+ext)
		if err := os.WriteFile(z, compress(t, data, ext), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, z)
	}
	return paths
}

// TestChunkedCompressed reads gzip and zstd logs in chunks decompressed
// ahead, and checks the result against a sequential read.
func TestChunkedCompressed(t *testing.T) {
	logs, _ := filepath.Glob("../testdata/jvm/logs/jdk*-slowleak.log")
	logs = append(logs, "../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log")
	dir := t.TempDir()
	for _, path := range logs {
		if strings.Contains(path, "epsilon") {
			continue // no collections to cut at: read sequentially
		}
		for _, z := range compressedCopies(t, dir, path) {
			want := strings.ReplaceAll(readSequential(t, z), z, "LOG")
			for _, c := range []struct{ size, readOn int64 }{{32 << 10, 4 << 10}, {256 << 10, 64 << 10}} { // streams: a quarter
				got, ok := readChunked(t, z, c.size, c.readOn)
				if !ok {
					t.Fatalf("%s: not read in chunks", z)
				}
				if got = strings.ReplaceAll(got, z, "LOG"); got != want {
					t.Errorf("%s in chunks of %d differs from a sequential read:\n%s", z, c.size, firstDiff(want, got))
				}
			}
		}
	}
}

func compress(t *testing.T, data []byte, ext string) []byte {
	var b bytes.Buffer
	var w io.WriteCloser
	if ext == ".gz" {
		w = gzip.NewWriter(&b)
	} else {
		zw, err := zstd.NewWriter(&b)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestChunksSmallerThanReadOn reads logs in chunks much smaller than their
// read-on: a chunk's first cut near its start can then lie past its end,
// after cuts of its tail, and neighbours must meet after where its output
// starts (an earlier cut made deliver go backwards).
func TestChunksSmallerThanReadOn(t *testing.T) {
	for _, p := range []string{"../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log",
		"../testdata/jvm/logs/jdk25-zgc-slowleak.log"} {
		log, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "gc.log")
		if err := os.WriteFile(path, log[:min(len(log), 16<<10)], 0o600); err != nil {
			t.Fatal(err)
		}
		want := readSequential(t, path)
		for _, size := range []int64{10, 100, 300} {
			if got, _ := readChunked(t, path, size, 4000); got != want {
				t.Errorf("%s in chunks of %d (read-on 4000) differs from a sequential read:\n%s", p, size, firstDiff(want, got))
			}
		}
	}
}

// A log with many events a byte is cut in smaller chunks, so that the
// chunks in flight hold about chunkEvents events together however dense the
// log and however many the cores: the same events as a sequential read. A
// log with few events a byte keeps its chunk size. So does a compressed
// log's stream, whose blocks are its chunks (a quarter of a file's).
func TestChunkSizeFitsEvents(t *testing.T) {
	defer func(s, r, n, l int64, e float64, f bool, procs int) {
		chunkSize, chunkReadOn, chunkSample, chunkLeast, chunkEvents, chunkForce = s, r, n, l, e, f
		runtime.GOMAXPROCS(procs)
	}(chunkSize, chunkReadOn, chunkSample, chunkLeast, chunkEvents, chunkForce, runtime.GOMAXPROCS(0))
	chunkSize, chunkReadOn, chunkSample, chunkLeast, chunkEvents, chunkForce = 64<<10, 16<<10, 16<<10, 4<<10, 1200, true

	write := func(name string, one []byte, size int) string {
		var b bytes.Buffer
		for n := int64(0); b.Len() < size; n++ {
			b.Write(benchlog.Renumber(one, n))
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// -Xlog:gc: a collection a line, ~1,300 events in 64 KB.
	dense := write("gc.log", readLog(t, "../testdata/jvm/logs/jdk17-g1-sel-gc.log"), 400<<10)
	// gc*: a collection in ~15 lines, ~90 events in 64 KB.
	sparse := write("gcstar.log", readLog(t, "../testdata/jvm/logs/jdk17-g1-slowleak.log"), 400<<10)
	type logCase struct {
		path   string
		cores  int
		shrunk bool
	}
	cases := []logCase{{dense, 2, true}, {dense, 8, true}, {sparse, 2, false}, {sparse, 8, false}}
	for _, z := range append(compressedCopies(t, t.TempDir(), dense), compressedCopies(t, t.TempDir(), sparse)...) {
		cases = append(cases, logCase{z, 8, strings.Contains(z, "gc.log")})
	}
	for _, tc := range cases {
		runtime.GOMAXPROCS(tc.cores)
		configured, size := chunkSize, func() (int64, error) {
			info, err := os.Stat(tc.path)
			return info.Size(), err
		}
		if z := filepath.Ext(tc.path); z == ".gz" || z == ".zst" {
			configured = chunkSize / 4
			size = func() (int64, error) { return int64(len(readLog(t, tc.path))), nil }
		}
		r := NewSetReader(Set{Name: tc.path, Files: []string{tc.path}}.Inputs(nil))
		var evs []*Event
		for r.Scan() {
			evs = append(evs, r.Event())
		}
		if r.Err() != nil || r.chunks == nil {
			t.Fatalf("%s: %v, chunked %v", tc.path, r.Err(), r.chunks != nil)
		}
		k := r.chunks
		name := fmt.Sprintf("%s, %d cores", filepath.Base(tc.path), tc.cores)
		if shrunk := k.chunkSize < configured; shrunk != tc.shrunk || k.chunkSize < chunkLeast || k.readOn > k.chunkSize {
			t.Errorf("%s: chunks of %d bytes reading on %d (configured %d, least %d)", name, k.chunkSize, k.readOn, configured, chunkLeast)
		}
		if k.stream != nil && k.stream.size != k.chunkSize {
			t.Errorf("%s: blocks of %d bytes, chunks of %d", name, k.stream.size, k.chunkSize)
		}
		// The events the chunks in flight hold, from the log's events a byte.
		n, err := size()
		if err != nil {
			t.Fatal(err)
		}
		inFlight := float64(len(evs)) / float64(n) * float64(k.chunkSize) * float64(chunkWorkers())
		if tc.shrunk && (inFlight > 1.25*chunkEvents || inFlight < 0.75*chunkEvents) {
			t.Errorf("%s: chunks of %d bytes, %d in flight: %.0f events held, want about %.0f", name, k.chunkSize, chunkWorkers(), inFlight, chunkEvents)
		}
		if k.met == 0 || k.misses > 0 {
			t.Errorf("%s: %d neighbouring chunks met, %d did not", name, k.met, k.misses)
		}
		if got, want := fullDump(evs, r.Info()), readSequential(t, tc.path); got != want {
			t.Errorf("%s: chunked read differs:\n%s", name, firstDiff(want, got))
		}
	}
}

// TestChunkedTwoJVMs: a log a JVM restarted into (two banners, two command
// lines) says, read in chunks of any size, what it says read in one go: the
// first JVM's version, command line and heap maximum. (Chunks took the
// first heap maximum, one read the last.)
func TestChunkedTwoJVMs(t *testing.T) {
	var b strings.Builder
	for jvm, heap := range []string{"1073741824", "2147483648"} {
		b.WriteString("Java HotSpot(TM) 64-Bit Server VM (25.45-b02) for linux-amd64 JRE (1.8.0_45-b14), built on Apr 10 2015 10:07:45\n")
		b.WriteString("CommandLine flags: -XX:MaxHeapSize=" + heap + " -XX:+PrintGCDetails -XX:+UseConcMarkSweepGC -XX:+UseParNewGC\n")
		for i := range 200 {
			up := fmt.Sprintf("%d.%03d", 1+i, jvm)
			b.WriteString(up + ": [GC (Allocation Failure) " + up + ": [ParNew: 230000K->11000K(240000K), 0.0095000 secs] " +
				"260000K->43000K(790000K), 0.0096000 secs] [Times: user=0.06 sys=0.00, real=0.01 secs]\n")
		}
	}
	path := filepath.Join(t.TempDir(), "restarted.log")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want := readSequential(t, path)
	if !strings.Contains(want, "heapmax=1048576K") {
		t.Fatalf("read in one go: %s", strings.SplitN(want, "\n", 2)[0])
	}
	for _, size := range []int64{2 << 10, 9 << 10, 40 << 10} {
		if got, chunked := readChunked(t, path, size, 1<<10); !chunked || got != want {
			t.Errorf("chunks of %d bytes (chunked %v):\n%s", size, chunked, firstDiff(want, got))
		}
	}
}

// TestChunkNotAtConcurrentPhase: JDK 6 and 7's G1 print a pause's details
// after a "[GC concurrent-mark-start]" line. A chunk starting at that line
// (a concurrent phase's: it was a cut point until session 11) let go of the
// pause before its details, and the pause lost its heap.
func TestChunkNotAtConcurrentPhase(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		up := fmt.Sprintf("%d.%03d", 1+i, 230)
		b.WriteString(up + ": [GC pause (young)" + up + ":  (initial-mark), 0.00430038 secs]\n" +
			"[GC concurrent-mark-start]\n" +
			"   [Parallel Time:   4.1 ms]\n" +
			"   [Clear CT:   0.1 ms]\n" +
			"   [Other:   0.1 ms]\n" +
			fmt.Sprintf("   [ %dM->%dM(103M)]\n", 50+i, 40+i) +
			" [Times: user=0.00 sys=0.00, real=0.01 secs]\n")
	}
	path := filepath.Join(t.TempDir(), "g1-jdk7.log")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	evs, info := readAll(t, path)
	for _, e := range evs {
		if e.Kind == KindYoung && !e.Heap.Known() {
			t.Fatalf("read in one go, a pause without its heap:\n%s", dump(evs, info))
		}
	}
	want := readSequential(t, path)
	for size := int64(16); size < 2000; size += 7 {
		if got, chunked := readChunked(t, path, size, 64); !chunked || got != want {
			t.Fatalf("chunks of %d bytes (chunked %v):\n%s", size, chunked, firstDiff(want, got))
		}
	}
}
