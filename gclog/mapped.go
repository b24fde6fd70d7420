package gclog

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
)

// Files on disk are read through a memory mapping where the system has one
// (mapped_linux.go): the Reader cuts lines from the mapped pages in place,
// without read's copy of every byte from the page cache (a tenth of a
// scan's time) nor the line buffer's. Pages are given back behind the
// lines read (dropPages), so that memory stays bounded: mapped pages count
// in the process's resident memory.
//
// A file truncated while it is mapped (logrotate's copytruncate on a log
// being scanned) makes reading its vanished pages fault: readers of mapped
// files turn that fault into an error (guardFaults).

// mapMin is the smallest file read through a mapping: a small file's pages
// cost more to map than to copy. A variable, for tests.
var mapMin int64 = 1 << 20

// dropEvery is how many bytes a Reader reads through a mapping before it
// gives back the pages behind it. A variable, for tests.
var dropEvery int64 = 1 << 20

// mappedFile reads a file through a mapping of its first bytes (data),
// then, once Read has passed them, the rest of the file: what a log still
// written to gained since it was mapped. A Reader takes data as its window
// (readLine); it Reads only for what is left when data ends.
type mappedFile struct {
	name  string
	data  []byte
	off   int       // where Read goes on in data
	rest  io.Reader // after data; nil for nothing
	close func() error
	// dropEvery is dropEvery when the file was opened (chunks' Readers
	// run on after a test changed it).
	dropEvery int64
}

func (m *mappedFile) Read(p []byte) (int, error) {
	if m.off < len(m.data) {
		n := copy(p, m.data[m.off:])
		m.off += n
		return n, nil
	}
	if m.rest == nil {
		return 0, io.EOF
	}
	n, err := m.rest.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%s: %w", m.name, err)
	}
	return n, err
}

func (m *mappedFile) Close() error { return m.close() }

// openMapped opens file, a regular uncompressed file of at least mapMin
// bytes, as a mappedFile; nil, with file left open, when it is not one or
// cannot be mapped.
func openMapped(file *os.File, name string) *mappedFile {
	st, err := file.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	size := st.Size()
	data, close := mapWhole(file, size)
	if data == nil {
		return nil
	}
	if isGzip(data) || isZstd(data) {
		unmapFile(data)
		return nil
	}
	return &mappedFile{name: name, data: data, rest: io.NewSectionReader(file, size, math.MaxInt64-size), dropEvery: dropEvery,
		close: close}
}

// mapWhole maps f, of size bytes, when it has at least mapMin and can be
// mapped, and returns the mapping (nil otherwise) and what closes f, and
// unmaps it when it was mapped.
func mapWhole(f *os.File, size int64) ([]byte, func() error) {
	if size < mapMin || size > math.MaxInt {
		return nil, f.Close
	}
	data, err := mapFile(f, size)
	if err != nil {
		return nil, f.Close
	}
	return data, func() error {
		unmapFile(data)
		return f.Close()
	}
}

// errShrank is the error of a file that lost mapped pages while read.
var errShrank = errors.New("the file shrank while it was read (truncated, as logrotate's copytruncate does?)")

// guardFaults makes a memory fault in the calling goroutine a panic that
// endGuard recovers, rather than the end of the program: a mapped file cut
// short under its reader. Use as
//
//	defer endGuard(guardFaults(), func() { ... the fault's error ... })
func guardFaults() bool { return debug.SetPanicOnFault(true) }

// endGuard undoes guardFaults, given what it returned, and calls onFault
// when a memory fault ended the function it guarded. Other panics go on.
func endGuard(old bool, onFault func()) {
	debug.SetPanicOnFault(old)
	if e := recover(); e != nil {
		if _, ok := e.(interface{ Addr() uintptr }); !ok {
			panic(e)
		}
		onFault()
	}
}
