package gclog

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// withMapping makes every non-empty file be mapped (mapMin 0) with pages
// given back every few KB, or none mapped (off), until the test ends.
func withMapping(t *testing.T, on bool) {
	t.Helper()
	m, d := mapMin, dropEvery
	t.Cleanup(func() { mapMin, dropEvery = m, d })
	mapMin, dropEvery = math.MaxInt64, 1<<20
	if on {
		mapMin, dropEvery = 0, 8<<10
	}
}

// TestMappedSameAsRead reads every log through a mapping, its lines cut
// from the mapped pages (given back as it goes), and checks the dump is
// that of a read through read(2).
func TestMappedSameAsRead(t *testing.T) {
	logs := projectLogs(t, "../testdata/gclog/*/*",
		"hotspot-unified", "hotspot-legacy", "hp", "ibm-legacy", "jrockit", "openj9", "other")
	mapped := 0
	for _, path := range logs {
		withMapping(t, false)
		want := readSequential(t, path)
		withMapping(t, true)
		f, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := f.(*mappedFile); ok {
			mapped++
		}
		f.Close()
		r := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
		evs, info := readStream(t, r)
		if got := fullDump(evs, info); got != want {
			t.Errorf("%s read through a mapping differs from a read:\n%s", path, firstDiff(want, got))
		}
	}
	if mapped < len(logs)/2 {
		t.Errorf("%d of %d logs were mapped", mapped, len(logs))
	}
}

// TestChunkedMappedSameAsSequential: chunks cutting their lines from one
// mapping give the output of one sequential read.
func TestChunkedMappedSameAsSequential(t *testing.T) {
	logs := chunkLogs(t)
	if testing.Short() || raceBuild {
		logs = logs[:min(len(logs), 20)]
	}
	for _, path := range logs {
		withMapping(t, false)
		want := readSequential(t, path)
		withMapping(t, true)
		if got, ok := readChunked(t, path, 16<<10, 8<<10); ok && got != want {
			t.Errorf("%s in mapped chunks differs from a sequential read:\n%s", path, firstDiff(want, got))
		}
	}
}

// TestMappedFileTruncated: a mapped log cut short while it is read (as
// logrotate's copytruncate does) ends the read with an error, not the
// program, read sequentially or in chunks.
func TestMappedFileTruncated(t *testing.T) {
	src, err := os.ReadFile("../testdata/jvm/logs/jdk17-shenandoah-leaktooom.log")
	if err != nil {
		t.Fatal(err)
	}
	for _, chunked := range []bool{false, true} {
		withMapping(t, true)
		path := filepath.Join(t.TempDir(), "gc.log")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if chunked {
			s, r, f := chunkSize, chunkReadOn, chunkForce
			t.Cleanup(func() { chunkSize, chunkReadOn, chunkForce = s, r, f })
			chunkSize, chunkReadOn, chunkForce = 16<<10, 8<<10, true
		}
		r := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
		if !r.Scan() {
			t.Fatalf("no event: %v", r.Err())
		}
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		for r.Scan() {
		}
		if !errors.Is(r.Err(), errShrank) {
			t.Errorf("chunked=%v: error %v, want %v", chunked, r.Err(), errShrank)
		}
	}
}
