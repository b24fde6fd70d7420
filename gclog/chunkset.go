package gclog

import (
	"errors"
	"os"
)

// Chunk-parallel reading of a rotated set.
//
// A set is read as one stream, so that a collection split between two files
// is joined. Read in chunks, it is that stream cut: the files end to end,
// chunks of chunkSize bytes of it, wherever the files begin and end. A chunk
// reads on from one file into the next as the sequential read does, its
// parser carrying what is open across the boundary; a file boundary is just
// another line boundary, and neighbouring chunks meet as in one file. Small
// files are not read alone: a chunk may hold several. What differs from one
// file is only the positions: a chunk counts the lines of the file it starts
// within from its own start (deliver shifts them, by file name, once the
// line numbers before are known) and those of later files from their first
// line; unparsed lines are counted per file at each cut point.
//
// A set that holds a restart of the JVM (a restart rotates the last run's
// file away) is cut in parallel up to the restart only: GC ids start again
// there, and a parser that read the run before takes no later line for the
// start of a new collection, so the chunk reading across the restart meets
// no neighbour, and after three misses the rest is read sequentially (the
// same output, on one core).
//
// Only sets of uncompressed files are cut: the offsets of a compressed
// member are known only once it is decompressed, and the block stream that
// makes one compressed file readable at offsets (chunkstream.go) holds one
// stream. A set with a compressed member is read sequentially.

// openChunkSet returns a chunked reader of the files of a set, not started,
// when they are all uncompressed files on disk and big enough together; nil
// to read them sequentially.
func openChunkSet(inputs []Input) *chunked {
	var files []chunkFile
	var closers []func() error
	closeAll := func() error {
		var errs []error
		for _, close := range closers {
			errs = append(errs, close())
		}
		return errors.Join(errs...)
	}
	var size int64
	for _, in := range inputs {
		f, ok := openPlain(in)
		if !ok {
			closeAll()
			return nil // the sequential read reads it, and reports what is wrong
		}
		st, _ := f.Stat() // openPlain checked it
		data, close := mapWhole(f, st.Size())
		closers = append(closers, close)
		files = append(files, chunkFile{name: in.Name, src: f, start: size, size: st.Size(), data: data, dropEvery: dropEvery})
		size += st.Size()
	}
	if size < chunkMin && !chunkForce {
		closeAll()
		return nil
	}
	return &chunked{chunkSize: chunkSize, readOn: chunkReadOn, size: size, close: closeAll, files: files}
}

// openPlain opens the file of in when it is a regular file on disk that is
// not compressed.
func openPlain(in Input) (*os.File, bool) {
	if in.Path == "" {
		return nil, false
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, false
	}
	st, err := f.Stat()
	magic := make([]byte, 4)
	n, _ := f.ReadAt(magic, 0)
	if err != nil || !st.Mode().IsRegular() || isGzip(magic[:n]) || isZstd(magic[:n]) {
		f.Close()
		return nil, false
	}
	return f, true
}
