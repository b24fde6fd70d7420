package gclog

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"gcwatch/internal/benchlog"
)

// residentPages counts the pages of b mapped in the process, read from
// /proc/self/pagemap (bit 63 of each page's entry).
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skipf("no pagemap: %v", err)
	}
	defer f.Close()
	page := os.Getpagesize()
	first := int(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) / page
	n := len(b) / page
	buf := make([]byte, 8*n)
	if _, err := f.ReadAt(buf, int64(8*first)); err != nil {
		t.Skipf("pagemap: %v", err)
	}
	resident := 0
	for i := range n {
		if buf[8*i+7]&0x80 != 0 {
			resident++
		}
	}
	return resident
}

// TestChunkedMappedPagesGivenBack: a log of one line per collection, cut
// into small chunks, keeps resident only the pages of the chunks in
// flight, whatever its size (a neighbour's page fault maps a large folio
// in, over pages given back already: dropBefore).
func TestChunkedMappedPagesGivenBack(t *testing.T) {
	log, err := benchlog.Read("../testdata/jvm/logs/jdk17-g1-sel-gc.log")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gc.log")
	if _, err := benchlog.WriteFile(path, log, 32<<20); err != nil {
		t.Fatal(err)
	}
	s, r, f := chunkSize, chunkReadOn, chunkForce
	defer func() { chunkSize, chunkReadOn, chunkForce = s, r, f }()
	chunkSize, chunkReadOn, chunkForce = 256<<10, 64<<10, true
	rd := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
	var done Recycler
	for n := 0; rd.Scan(); n++ {
		done.Put(rd.Event())
		k := rd.chunks
		if n%1000 != 0 || k == nil || k.from.off < 24<<20 {
			continue
		}
		// Three quarters read: what lies before the chunks in flight
		// (those past the one delivered now, whose faults may map up to
		// 2 MB before them) is given back.
		data := k.files[0].data
		if data == nil {
			t.Skip("the file was not mapped")
		}
		before := data[:k.from.off-8<<20]
		if got := residentPages(t, before); got > 0 {
			t.Errorf("%d of the %d pages more than 8 MB before the chunk delivered are resident", got, len(before)/os.Getpagesize())
		}
		break
	}
}
