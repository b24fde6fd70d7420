package gclog

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readSetChunked reads the files of a set through the chunked reader, with
// chunks of size bytes reading on by readOn, whatever their size.
func readSetChunked(t testing.TB, files []string, size, readOn int64) (string, bool) {
	t.Helper()
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	chunkSize, chunkReadOn, chunkForce = size, readOn, true
	r := NewSetReader(Set{Name: files[len(files)-1], Files: files}.Inputs(nil))
	evs, info := readStream(t, r)
	return fullDump(evs, info), r.chunks != nil
}

// readSetSequential reads the files of a set one after the other, as one
// stream, never in chunks.
func readSetSequential(t testing.TB, files []string) string {
	t.Helper()
	inputs := Set{Name: files[len(files)-1], Files: files}.Inputs(nil)
	for i := range inputs {
		inputs[i].Path = "" // not a file on disk: read sequentially
	}
	evs, info := readStream(t, NewSetReader(inputs))
	return fullDump(evs, info)
}

// splitLog writes log to dir as a set of files cut at the byte offsets
// cuts (ascending), named gc.log.0, gc.log.1, ... in order, and returns
// their paths.
func splitLog(t testing.TB, dir string, log []byte, cuts []int) []string {
	t.Helper()
	var files []string
	from := 0
	for i, to := range append(cuts, len(log)) {
		path := filepath.Join(dir, fmt.Sprintf("gc.log.%d", i))
		if err := os.WriteFile(path, log[from:to], 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		from = to
	}
	return files
}

// lineCuts returns n cut offsets at the starts of lines of log chosen by
// rng, ascending; a cut may repeat (an empty file) or fall at the start.
func lineCuts(log []byte, n int, rng *rand.Rand) []int {
	starts := []int{0}
	for i, b := range log {
		if b == '\n' && i+1 < len(log) {
			starts = append(starts, i+1)
		}
	}
	cuts := make([]int, n)
	for i := range cuts {
		cuts[i] = starts[rng.IntN(len(starts))]
	}
	slices.Sort(cuts)
	return cuts
}

// rotatedSets is the real rotated sets of testdata and of the corpus, each
// in the order Collect finds.
func rotatedSets(t *testing.T) [][]string {
	var sets [][]string
	for _, dir := range []string{"../testdata/jvm/logs/jdk17-g1-rotation", "../testdata/gclog/legacy/rotated"} {
		found, errs := Collect([]string{dir})
		if len(errs) > 0 || len(found) != 1 || len(found[0].Files) < 2 {
			t.Fatalf("%s: sets %v, errors %v", dir, found, errs)
		}
		sets = append(sets, found[0].Files)
	}
	// One JDK 8 log in seven parts, Part1 to Part7: not named as a rotated
	// set, so read as one in the order of their names.
	series := filepath.Join("..", "..", "shared", "corpus", "gclog", "gcviewer", "openjdk", "SampleSun1_8_0Series-Part*.txt")
	if m, _ := filepath.Glob(series); len(m) > 0 {
		slices.Sort(m)
		sets = append(sets, m)
	} else {
		t.Log("../shared/corpus absent: the corpus's series is not read")
	}
	return sets
}

// setConfigs are the chunk sizes and read-ons sets are read with: tiny
// read-ons make neighbours miss each other, so that a chunk reads on
// through the next one, across files too.
func setConfigs() []struct{ size, readOn int64 } {
	configs := []struct{ size, readOn int64 }{{4 << 10, 512}, {16 << 10, 8 << 10}, {64 << 10, 16 << 10}}
	if raceBuild {
		return configs[1:2]
	}
	return configs
}

// TestChunkedSetSameAsSequential reads the real rotated sets in chunks and
// checks that events, counts, line numbers, file names and examples are
// those of one sequential read of the set.
func TestChunkedSetSameAsSequential(t *testing.T) {
	for _, files := range rotatedSets(t) {
		want := readSetSequential(t, files)
		for _, c := range setConfigs() {
			got, ok := readSetChunked(t, files, c.size, c.readOn)
			if !ok {
				t.Fatalf("%s: not read in chunks", files[0])
			}
			if got != want {
				t.Errorf("%s... in chunks of %d (read-on %d) differs from a sequential read:\n%s",
					files[0], c.size, c.readOn, firstDiff(want, got))
			}
		}
	}
}

// TestChunkedSplitSameAsSequential cuts logs of every collector into sets
// at random lines (in the middle of collections, at their start, empty
// files, cuts inside a line too) and checks that reading each set in chunks
// gives what reading it sequentially gives. Every other log of testdata and
// of the corpus is cut once.
func TestChunkedSplitSameAsSequential(t *testing.T) {
	logs := []string{"jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "jvm/logs/jdk17-serial-slowleak.log",
		"jvm/logs/jdk17-parallel-slowleak.log", "jvm/logs/jdk17-zgc-slowleak.log", "jvm/logs/jdk17-shenandoah-slowleak.log",
		"jvm/logs/jdk25-g1-slowleak.log", "jvm/logs/jdk25-zgc-slowleak.log", "jvm/logs/jdk25-shenandoah-slowleak.log",
		"gclog/legacy/g1_jdk8.log", "gclog/legacy/cms_jdk8.log", "gclog/legacy/parallel_jdk8.log"}
	splits := 6
	if raceBuild || testing.Short() {
		splits = 2
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, name := range logs {
		path := filepath.Join("..", "testdata", name)
		log, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for s := range splits {
			cuts := lineCuts(log, 1+rng.IntN(12), rng)
			if s%3 == 2 {
				cuts = append(cuts, rng.IntN(len(log)+1)) // within a line: it ends a file unfinished
				slices.Sort(cuts)
			}
			if !checkSplit(t, path, log, cuts, setConfigs()) {
				t.Errorf("%s cut at %v: not read in chunks", path, cuts)
			}
		}
	}
	// A set that holds two runs of a JVM (a restart rotates the last run's
	// file away): GC ids start again, uptime too, and chunks stop meeting
	// at the restart.
	for _, runs := range [][2]string{{"jvm/logs/jdk17-g1-slowleak.log", "jvm/logs/jdk17-g1-sel-gcstar-safepoint.log"},
		{"gclog/legacy/cms_jdk8.log", "gclog/legacy/cms_jdk8.log"}} {
		var log []byte
		restart := 0 // where the second run's file starts
		for _, name := range runs {
			b, err := os.ReadFile(filepath.Join("..", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			restart = len(log)
			log = append(log, b...)
		}
		cuts := append(lineCuts(log, 3, rng), restart)
		slices.Sort(cuts)
		if !checkSplit(t, runs[0]+"+"+runs[1], log, cuts, setConfigs()) {
			t.Errorf("%v: not read in chunks", runs)
		}
	}
	if raceBuild || testing.Short() {
		return
	}
	chunked := 0
	for _, path := range chunkLogs(t) {
		log, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) > 0 && checkSplit(t, path, log, lineCuts(log, 1+rng.IntN(4), rng), setConfigs()[:2]) {
			chunked++
		}
	}
	t.Logf("%d more logs cut into sets and read in chunks", chunked)
}

// checkSplit writes log as a set cut at cuts and compares its reads in
// chunks of each config with a sequential read. It reports whether the set
// was read in chunks (not when no head can be read: no collection starts
// in its first MB, or the format is one that is not cut).
func checkSplit(t *testing.T, path string, log []byte, cuts []int, configs []struct{ size, readOn int64 }) bool {
	t.Helper()
	files := splitLog(t, t.TempDir(), log, cuts)
	want := readSetSequential(t, files)
	for _, c := range configs {
		got, ok := readSetChunked(t, files, c.size, c.readOn)
		if !ok {
			return false
		}
		if got != want {
			t.Errorf("%s cut at %v, in chunks of %d (read-on %d), differs from a sequential read:\n%s",
				path, cuts, c.size, c.readOn, firstDiff(want, got))
			break
		}
	}
	return true
}

// TestChunkedSetFileLines checks the positions of a set read in chunks on a
// case built for it: one collection split across two files, an unparsed
// line in each file, files much smaller and much bigger than a chunk.
func TestChunkedSetFileLines(t *testing.T) {
	var log bytes.Buffer
	for i := 0; i < 400; i++ {
		up := float64(i) + 1
		fmt.Fprintf(&log, "[%.3fs][info][gc,start] GC(%d) Pause Young (Normal) (G1 Evacuation Pause)\n", up, i)
		fmt.Fprintf(&log, "[%.3fs][info][gc,heap ] GC(%d) Eden regions: 12->0(12)\n", up, i)
		if i%97 == 0 {
			fmt.Fprintf(&log, "[%.3fs][info][gc] Heap 24M->3M outside GC %d\n", up, i) // unparsed
		}
		fmt.Fprintf(&log, "[%.3fs][info][gc] GC(%d) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n", up, i)
	}
	data := log.Bytes()
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	// Files of 1, 2, 500 and 10 lines, then the rest; the second cut is
	// between the start and the summary of GC(0).
	cuts := []int{starts[1], starts[3], starts[503], starts[513]}
	files := splitLog(t, t.TempDir(), data, cuts)
	want := readSetSequential(t, files)
	if !strings.Contains(want, "unparsed=5 ") || !strings.Contains(want, "gc.log.0:1 ") || !strings.Contains(want, "gc.log.4:") {
		t.Fatalf("the set is not as built:\n%s", want[:min(len(want), 2000)])
	}
	for _, size := range []int64{1 << 10, 3 << 10, 7 << 10} {
		got, ok := readSetChunked(t, files, size, 256)
		if !ok {
			t.Fatal("not read in chunks")
		}
		if got != want {
			t.Errorf("in chunks of %d, differs from a sequential read:\n%s", size, firstDiff(want, got))
		}
	}
}

// FuzzChunkedSet cuts arbitrary input into three files after arbitrary
// lines, as a JVM rotates, and reads the set in small chunks: it must read
// as the sequential read of the set does. (A file cut within a line makes
// the rest of the line a line of its own, as a line broken in one file
// would be: FuzzChunked's business.)
func FuzzChunkedSet(f *testing.F) {
	for _, p := range []string{"../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log",
		"../testdata/jvm/logs/jdk25-zgc-slowleak.log", "../testdata/jvm/logs/jdk17-shenandoah-steady.log"} {
		if b, err := os.ReadFile(p); err == nil {
			b = b[:min(len(b), 16<<10)]
			f.Add(b, uint16(len(b)/3), uint16(len(b)/2), uint16(700), uint16(300))
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, log []byte, cut1, cut2, size, readOn uint16) {
		cuts := []int{lineEnd(log, int(cut1)), lineEnd(log, int(cut2))}
		slices.Sort(cuts)
		files := splitLog(t, dir, log, cuts)
		want := readSetSequential(t, files)
		// At most about 64 chunks: tiny chunks of a long input take long to
		// read, and the fuzzer would try few inputs.
		chunk := max(int64(size%4096)+1, int64(len(log)/64))
		got, _ := readSetChunked(t, files, chunk, int64(readOn%4096))
		if got != want {
			t.Fatalf("chunked and sequential reads of the set differ:\n%s", firstDiff(want, got))
		}
	})
}

// TestChunksMeetAcrossFiles checks that the chunks of a real rotated set,
// several to a file and reading on from one file into the next, find common
// cuts rather than read on through one another.
func TestChunksMeetAcrossFiles(t *testing.T) {
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	chunkForce = true
	sets := rotatedSets(t)
	for _, size := range []int64{20 << 10, 50 << 10, 90 << 10} {
		chunkSize, chunkReadOn = size, 16<<10
		r := NewSetReader(Set{Name: sets[0][0], Files: sets[0]}.Inputs(nil))
		for r.Scan() {
		}
		if r.chunks == nil {
			t.Fatalf("chunks of %d: not read in chunks", size)
		}
		if k := r.chunks; k.met < 3 || k.misses > 1 {
			t.Errorf("chunks of %d: %d neighbouring chunks met, %d did not", size, k.met, k.misses)
		}
	}
}

// lineEnd returns where the line holding byte at (modulo the length) of
// log ends, its line end included.
func lineEnd(log []byte, at int) int {
	at %= len(log) + 1
	if i := bytes.IndexByte(log[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(log)
}
