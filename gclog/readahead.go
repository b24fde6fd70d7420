package gclog

import (
	"io"
	"os"
)

// readAhead reads a decompressor in its own goroutine, a few large blocks
// ahead of the parser: on two cores, decompressing and parsing overlap
// instead of taking turns. One goroutine per file, blocks of 256 KiB (as
// fast as larger ones, and little decompressed in vain when only the head of
// a file is read, as firstStamp does); no per-line plumbing. A file read on
// gets more blocks, up to readAheadMax: decompressing and parsing take
// about as long, and a pause of either (a garbage collection, the other
// process on the core) should not stop the other.
type readAhead struct {
	full  chan []byte   // blocks read, in order; closed when the goroutine ends
	empty chan []byte   // blocks given back for reuse
	stop  chan struct{} // closed by Close
	err   error         // why reading ended (io.EOF at the end); set before full is closed
	cur   []byte        // the unread rest of the block being read
	block []byte        // the whole of that block, to give back
	close func() error
	// blocks is how many blocks there are; given counts those given back.
	blocks, given int
}

const (
	readAheadBlocks = 3  // blocks to start with
	readAheadMax    = 16 // blocks once that many were read
	readAheadSize   = 256 << 10
)

func newReadAhead(r io.Reader, close func() error) *readAhead {
	ra := &readAhead{
		full:   make(chan []byte, readAheadMax),
		empty:  make(chan []byte, readAheadMax),
		stop:   make(chan struct{}),
		close:  close,
		blocks: readAheadBlocks,
	}
	for range readAheadBlocks {
		ra.empty <- make([]byte, readAheadSize)
	}
	go ra.fill(r)
	return ra
}

// fill runs in the goroutine: it reads blocks from r until an error or Close.
func (ra *readAhead) fill(r io.Reader) {
	defer close(ra.full)
	for {
		var b []byte
		select {
		case b = <-ra.empty:
		case <-ra.stop:
			return
		}
		n := 0
		var err error
		for n < len(b) && err == nil {
			var k int
			k, err = r.Read(b[n:])
			n += k
		}
		if n > 0 {
			select {
			case ra.full <- b[:n]:
			case <-ra.stop:
				return
			}
		}
		if err != nil {
			ra.err = err
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.block != nil {
			ra.empty <- ra.block[:cap(ra.block)] // never blocks: it has room for every block
			ra.block = nil
			if ra.given++; ra.given == readAheadMax && ra.blocks < readAheadMax {
				for ; ra.blocks < readAheadMax; ra.blocks++ {
					ra.empty <- make([]byte, readAheadSize)
				}
			}
		}
		b, ok := <-ra.full
		if !ok {
			return 0, ra.err
		}
		ra.cur, ra.block = b, b
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the goroutine, waits for it to end (it may be inside a Read of
// the decompressor), then closes what is underneath.
func (ra *readAhead) Close() error {
	close(ra.stop)
	for range ra.full {
	}
	if ra.err == nil {
		ra.err = os.ErrClosed // the goroutine has ended: no race
	}
	ra.cur = nil
	return ra.close()
}
