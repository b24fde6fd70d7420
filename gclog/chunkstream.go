package gclog

import (
	"errors"
	"io"
	"sync"
)

// blockStream makes a stream (a decompressor) readable at offsets, for
// chunked reading: a goroutine reads it ahead into blocks of one chunk each,
// at most max of them held at once; the reader releases the blocks it is
// done with. ReadAt waits for the block it needs.
type blockStream struct {
	size   int64 // bytes per block
	mu     sync.Mutex
	cond   *sync.Cond
	blocks map[int64][]byte // loaded and not released, by index
	free   [][]byte         // released blocks, for reuse
	loaded int64            // blocks read so far
	first  int64            // blocks below it are released
	max    int64
	eof    bool
	err    error
	stop   bool
}

// errReleased is what a read of a released block gets: only a chunk whose
// output is dropped reads so late.
var errReleased = errors.New("chunk read after its data was released")

// errAhead is what a read too far ahead of the held blocks gets.
var errAhead = errors.New("chunk read too far ahead of the data held")

func newBlockStream(r io.Reader, size int64, max int) *blockStream {
	s := &blockStream{size: size, blocks: map[int64][]byte{}, max: int64(max)}
	s.cond = sync.NewCond(&s.mu)
	go s.fill(r)
	return s
}

// fill reads the stream into blocks, waiting while max are held.
func (s *blockStream) fill(r io.Reader) {
	for {
		s.mu.Lock()
		for !s.stop && s.loaded-s.first >= s.max {
			s.cond.Wait()
		}
		stop := s.stop
		var b []byte
		if n := len(s.free); n > 0 {
			b, s.free = s.free[n-1][:s.size], s.free[:n-1]
		}
		s.mu.Unlock()
		if stop {
			return
		}
		if b == nil {
			b = make([]byte, s.size)
		}
		n, err := io.ReadFull(r, b)
		s.mu.Lock()
		if n > 0 {
			s.blocks[s.loaded] = b[:n]
			s.loaded++
		}
		if err != nil {
			s.eof = true
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				s.err = err
			}
		}
		s.cond.Broadcast()
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// has waits until block i is read or the stream ended, and reports whether
// block i holds data.
func (s *blockStream) has(i int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waitFor(i)
	return i < s.loaded
}

// waitFor waits, s.mu held, until block i is read or the stream ended.
func (s *blockStream) waitFor(i int64) {
	for !s.eof && s.loaded <= i {
		s.cond.Wait()
	}
}

// ReadAt reads from one block: it returns short, with a nil error, at the
// end of a block, as Read may (the SectionReader and bufio.Reader above it
// read on), rather than wait for blocks beyond those it may hold at once.
func (s *blockStream) ReadAt(p []byte, off int64) (int, error) {
	i, at := off/s.size, off%s.size
	s.mu.Lock()
	defer s.mu.Unlock()
	if i >= s.first+s.max {
		return 0, errAhead // it would wait for ever: the blocks before are held
	}
	s.waitFor(i)
	b, ok := s.blocks[i]
	switch {
	case i < s.first:
		return 0, errReleased
	case !ok || at >= int64(len(b)):
		if s.err != nil {
			return 0, s.err
		}
		return 0, io.EOF
	}
	return copy(p, b[at:]), nil
}

// release lets go of the blocks wholly before off.
func (s *blockStream) release(off int64) {
	s.mu.Lock()
	for ; s.first < off/s.size; s.first++ {
		if b, ok := s.blocks[s.first]; ok {
			s.free = append(s.free, b)
			delete(s.blocks, s.first)
		}
	}
	s.cond.Broadcast()
	s.mu.Unlock()
}

// close stops reading ahead; reads still waiting for data fail.
func (s *blockStream) close() {
	s.mu.Lock()
	s.stop, s.eof = true, true
	if s.err == nil {
		s.err = errReleased
	}
	s.cond.Broadcast()
	s.mu.Unlock()
}
