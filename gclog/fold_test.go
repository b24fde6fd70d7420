package gclog

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// allLogs is every log of this project and of the corpus, of every family.
func allLogs(t *testing.T) []string {
	return projectLogs(t, "../testdata/gclog/*/*",
		"hotspot-unified", "hotspot-legacy", "hp", "ibm-legacy", "jrockit", "openj9", "other")
}

// summarizeSplit summarises evs as a chunked read does: the first part
// added to the summary, each later part to a partial summary merged onto
// it. Parts after the first count the lines of their source from their
// first event's line, as a chunk does; merge is told how to shift them.
func summarizeSplit(evs []*Event, cuts []int, info *Info) *Summary {
	s := NewSummary(nil)
	from := 0
	for i := 0; i <= len(cuts); i++ {
		to := len(evs)
		if i < len(cuts) {
			to = cuts[i]
		}
		part := evs[from:to]
		if i == 0 {
			for _, e := range part {
				s.Add(e)
			}
		} else {
			p := partialSummary(nil)
			rel, shift := "", 0
			if len(part) > 0 {
				rel, shift = part[0].Source, part[0].Line-1
			}
			for _, e := range part {
				c := *e
				if c.Source == rel {
					c.Line -= shift
				}
				p.Add(&c)
			}
			s.merge(p, rel, shift)
		}
		from = to
	}
	s.Finish(info, DefaultVerdictOptions)
	return s
}

// summarizeAll is NewSummary, Add and Finish over evs.
func summarizeAll(evs []*Event, info *Info) *Summary {
	s := NewSummary(nil)
	for _, e := range evs {
		s.Add(e)
	}
	s.Finish(info, DefaultVerdictOptions)
	return s
}

// TestMergeSameAsAdd checks, on the events of every log, that merging
// partial summaries of its parts gives the summary of adding the events
// one by one: parts of every size for small logs, cut in 2, 3 and 7 for
// the others.
func TestMergeSameAsAdd(t *testing.T) {
	logs := allLogs(t)
	if testing.Short() || raceBuild {
		logs = logs[:min(len(logs), 40)]
	}
	for _, path := range logs {
		evs, info := readAll(t, path)
		want := summarizeAll(evs, info)
		var schemes [][]int
		if len(evs) <= 60 {
			for i := 0; i <= len(evs); i++ {
				schemes = append(schemes, []int{i})
				for j := i; j <= len(evs); j += 3 {
					schemes = append(schemes, []int{i, j})
				}
			}
		}
		for _, n := range []int{2, 3, 7} {
			var cuts []int
			for i := 1; i < n; i++ {
				cuts = append(cuts, len(evs)*i/n)
			}
			schemes = append(schemes, cuts)
		}
		for _, cuts := range schemes {
			if got := summarizeSplit(evs, cuts, info); !reflect.DeepEqual(got, want) {
				t.Errorf("%s cut at %v: merged summary differs:\n got %+v\nwant %+v", path, cuts, got, want)
				break
			}
		}
	}
}

// TestMergeThins checks merge on a log longer than the point lists hold:
// merged points are thinned as added ones, mixed phases end across parts,
// and findings that depend on the collection before are judged at the
// cut.
func TestMergeThins(t *testing.T) {
	evs := syntheticEvents(12*maxPoints, 1)
	want := summarizeAll(evs, &Info{})
	if collections(want.AfterFull) == len(want.AfterFull) {
		t.Fatalf("the test needs thinning: %d points for %d full collections", len(want.AfterFull), want.FullGCs)
	}
	for _, cuts := range [][]int{{1}, {maxPoints}, {maxPoints + 1, 2*maxPoints - 7}, {5000, 10000, 15000, 20000, 25000, 30000, 100000, 150000}} {
		if got := summarizeSplit(evs, cuts, &Info{}); !reflect.DeepEqual(got, want) {
			t.Errorf("cut at %v: merged summary differs", cuts)
		}
	}
}

// syntheticEvents returns n events of a made-up G1 log: young, mixed and
// full collections, cleanups and concurrent cycles, heap capacity moving,
// pauses long and short, back-to-back full collections, flags, and
// collections without a heap after. seed varies the sequence.
func syntheticEvents(n int, seed uint64) []*Event {
	x := seed*0x9E3779B97F4A7C15 + 1
	next := func() uint64 { // xorshift
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	evs := make([]*Event, 0, n)
	uptime := time.Duration(0)
	for i := 0; i < n; i++ {
		r := next()
		e := NewEvent("synthetic.log", i+1)
		uptime += time.Duration(r%20000) * time.Millisecond
		e.Uptime = uptime
		if r&(1<<20) != 0 {
			e.Time = time.Unix(1700000000, 0).Add(uptime)
		}
		kinds := []Kind{KindYoung, KindYoung, KindMixed, KindMixed, KindFull, KindCleanup, KindConcurrent, KindRemark}
		e.Kind = kinds[r>>24%uint64(len(kinds))]
		e.Name = map[Kind]string{KindYoung: "Pause Young (Normal)", KindMixed: "Pause Young (Mixed)", KindFull: "Pause Full",
			KindCleanup: "Pause Cleanup", KindConcurrent: "Concurrent Mark Cycle", KindRemark: "Pause Remark"}[e.Kind]
		e.Cause = []string{"G1 Evacuation Pause", "System.gc()", "Metadata GC Threshold", "G1 Humongous Allocation", ""}[r>>32%5]
		capacity := int64(1+r>>36%4) << 30
		before := int64(r>>40%1000) << 20
		e.Heap = Sizes{before, before / int64(1+r>>50%4), capacity}
		if r>>52%16 == 0 {
			e.Heap.After = Unknown
		}
		if e.Kind == KindConcurrent {
			e.Duration = time.Duration(r%3000) * time.Millisecond
			e.Heap = NoSizes
			e.Spaces = []Space{{SpaceOld, Sizes{before, before / 2, capacity}}}
		} else {
			e.Pause = time.Duration(r>>8%1500) * time.Millisecond
			e.Spaces = []Space{{SpaceOld, Sizes{before / 2, before/2 + int64(r>>56), capacity / 2}}}
		}
		e.Flags = Flag(r>>58) & (FlagSystemGC | FlagToSpaceExhausted | FlagHumongous)
		evs = append(evs, e)
	}
	return evs
}

// FuzzMergeSameAsAdd: for any sequence of made-up events cut anywhere,
// merged partial summaries are the summary of adding the events.
func FuzzMergeSameAsAdd(f *testing.F) {
	f.Add(uint64(1), uint16(50), []byte{3, 10, 40})
	f.Add(uint64(7), uint16(300), []byte{0, 1, 2, 250})
	f.Fuzz(func(t *testing.T, seed uint64, n uint16, cutBytes []byte) {
		evs := syntheticEvents(int(n%2000), seed)
		var cuts []int
		at := 0
		for _, b := range cutBytes {
			at = min(at+int(b), len(evs))
			cuts = append(cuts, at)
		}
		want := summarizeAll(evs, &Info{})
		if got := summarizeSplit(evs, cuts, &Info{}); !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d, %d events cut at %v: merged summary differs:\n got %+v\nwant %+v", seed, len(evs), cuts, got, want)
		}
	})
}

// TestFoldSameAsSequential reads every log that can be chunked in small
// chunks, with Summarize folding the chunks' middles, and checks the
// summary is that of a sequential read; and that chunks did fold.
func TestFoldSameAsSequential(t *testing.T) {
	logs := chunkLogs(t)
	if testing.Short() || raceBuild {
		logs = logs[:min(len(logs), 30)]
	}
	defer func(s, r int64, f bool, b int) {
		chunkSize, chunkReadOn, chunkForce, foldBatch = s, r, f, b
	}(chunkSize, chunkReadOn, chunkForce, foldBatch)
	configs := []struct {
		size, readOn int64
		batch        int
	}{{4 << 10, 512, 1}, {16 << 10, 2 << 10, 3}, {64 << 10, 4 << 10, 32}}
	folded := 0
	for _, path := range logs {
		set := Set{Name: path, Files: []string{path}}
		chunkForce = false
		want, wantErr := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
		for _, c := range configs {
			chunkForce, chunkSize, chunkReadOn, foldBatch = true, c.size, c.readOn, c.batch
			r := NewSetReader(set.Inputs(nil))
			got, err := Summarize(r, set.Files, DefaultVerdictOptions)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%s: error %v, want %v", path, err, wantErr)
			}
			if r.chunks != nil {
				folded += r.chunks.folded
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s in chunks of %d (read-on %d, batches of %d): summary differs from a sequential read:\n got %+v\nwant %+v",
					path, c.size, c.readOn, c.batch, got, want)
				break
			}
		}
	}
	if folded == 0 {
		t.Fatal("no chunk folded events")
	}
	t.Logf("%d events folded", folded)
}

// TestFoldCompressed is TestFoldSameAsSequential on gzip and zstd logs,
// whose chunks are blocks decompressed ahead (and read sequentially after
// the first miss).
func TestFoldCompressed(t *testing.T) {
	logs := []string{"../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log",
		"../testdata/jvm/logs/jdk17-g1-sel-gc.log", "../testdata/jvm/logs/jdk25-zgc-slowleak.log"}
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	dir := t.TempDir()
	for _, path := range logs {
		for _, z := range compressedCopies(t, dir, path) {
			set := Set{Name: z, Files: []string{z}}
			chunkForce = false
			want, _ := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
			chunkForce, chunkSize, chunkReadOn = true, 32<<10, 4<<10
			r := NewSetReader(set.Inputs(nil))
			got, _ := Summarize(r, set.Files, DefaultVerdictOptions)
			if r.chunks == nil {
				t.Fatalf("%s: not read in chunks", z)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s in chunks: summary differs from a sequential read:\n got %+v\nwant %+v", z, got, want)
			}
		}
	}
}

// FuzzFoldChunked: any input summarised in chunks of any size, folding in
// batches of any size, gives the summary of a sequential read.
func FuzzFoldChunked(f *testing.F) {
	for _, p := range []string{"../testdata/jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "../testdata/gclog/legacy/cms_jdk8.log",
		"../testdata/jvm/logs/jdk17-g1-sel-gc.log", "../testdata/jvm/logs/jdk17-shenandoah-steady.log"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 16<<10)], uint16(700), uint16(300), uint8(3))
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, log []byte, size, readOn uint16, batch uint8) {
		path := filepath.Join(dir, "fuzz.log")
		if err := os.WriteFile(path, log, 0o600); err != nil {
			t.Fatal(err)
		}
		defer func(s, r int64, f bool, b int) {
			chunkSize, chunkReadOn, chunkForce, foldBatch = s, r, f, b
		}(chunkSize, chunkReadOn, chunkForce, foldBatch)
		set := Set{Name: path, Files: []string{path}}
		chunkForce = false
		want, wantErr := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
		chunkForce, chunkSize, chunkReadOn, foldBatch = true, int64(size%4096)+1, int64(readOn%4096), int(batch%40)+1
		got, err := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("summary in chunks differs from a sequential read:\n got %+v\nwant %+v", got, want)
		}
	})
}

// TestFoldSetSameAsSequential is TestFoldSameAsSequential on rotated sets,
// whose chunks read on from one file into the next (their line numbers are
// each file's): the real sets of testdata and the corpus, and logs cut into
// sets at random lines.
func TestFoldSetSameAsSequential(t *testing.T) {
	sets := rotatedSets(t)
	rng := rand.New(rand.NewPCG(3, 3))
	for _, name := range []string{"jvm/logs/jdk17-g1-sel-gcstar-safepoint.log", "jvm/logs/jdk25-shenandoah-slowleak.log",
		"gclog/legacy/g1_jdk8.log", "gclog/legacy/cms_jdk8.log"} {
		log, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, splitLog(t, t.TempDir(), log, lineCuts(log, 1+rng.IntN(8), rng)))
	}
	defer func(s, r int64, f bool, b int) {
		chunkSize, chunkReadOn, chunkForce, foldBatch = s, r, f, b
	}(chunkSize, chunkReadOn, chunkForce, foldBatch)
	folded := 0
	for _, files := range sets {
		inputs := Set{Name: files[len(files)-1], Files: files}.Inputs(nil)
		for i := range inputs {
			inputs[i].Path = "" // not a file on disk: read sequentially
		}
		want, _ := Summarize(NewSetReader(inputs), files, DefaultVerdictOptions)
		for i, c := range setConfigs() {
			chunkForce, chunkSize, chunkReadOn, foldBatch = true, c.size, c.readOn, 1+i*7
			r := NewSetReader(Set{Name: files[len(files)-1], Files: files}.Inputs(nil))
			got, _ := Summarize(r, files, DefaultVerdictOptions)
			if r.chunks == nil {
				t.Fatalf("%s...: not read in chunks", files[0])
			}
			folded += r.chunks.folded
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s... in chunks of %d (read-on %d): summary differs from a sequential read:\n got %+v\nwant %+v",
					files[0], c.size, c.readOn, got, want)
			}
		}
	}
	if folded == 0 {
		t.Fatal("no chunk folded events")
	}
}
