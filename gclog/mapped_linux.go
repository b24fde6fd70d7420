package gclog

import (
	"os"
	"syscall"
	"unsafe"
)

// mapFile maps the first size bytes of f, read-only.
func mapFile(f *os.File, size int64) ([]byte, error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err == nil {
		// Read from start to end: the kernel may read ahead further and
		// drop pages behind sooner.
		syscall.Madvise(data, syscall.MADV_SEQUENTIAL)
	}
	return data, err
}

func unmapFile(data []byte) { syscall.Munmap(data) }

// dropPages gives back the pages of data[from:to] (whole pages: the one
// to is within stays): they leave the process's resident memory (the page
// cache keeps them); read again, they are mapped again, with the same
// bytes. It returns where the pages not given back start, the next from.
func dropPages(data []byte, from, to int) int {
	page := os.Getpagesize()
	base := int(uintptr(unsafe.Pointer(unsafe.SliceData(data))))
	first := (base+from+page-1)&^(page-1) - base // (from is where the last call stopped: on a page)
	last := (base+to)&^(page-1) - base
	if last > first {
		syscall.Madvise(data[first:last], syscall.MADV_DONTNEED)
		return last
	}
	return from
}
