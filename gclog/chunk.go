package gclog

import (
	"bufio"
	"bytes"
	"io"
	"maps"
	"math"
	"os"
	"runtime"
	"sync"
	"time"
)

// Chunk-parallel reading of one big file, or of a rotated set of files.
//
// A month-long log of gigabytes is read on all cores: the file is cut into
// chunks, each read by its own parser, and their events are joined in order.
// The output is the same as reading the file from start to end in one go
// (chunk_test.go checks this on every log of testdata and the corpus).
// A rotated set is cut as the one stream it is read as: its files end to end
// (chunkset.go), a chunk reading on from one file into the next.
//
//  1. The head of the file (the lines before the first collection: JVM
//     version, collector, G1 region size) is read first; every chunk's parser
//     reads it before its chunk, so it knows what the first parser knows.
//  2. Chunk i starts at the first line at or after i x chunkSize, and reads
//     on past its end by up to chunkReadOn.
//  3. A parser can be cut before a line that starts a collection while
//     nothing is open (no record, no collection waiting for its summary):
//     from there, a parser that had read only the head reads on identically.
//     Each chunk notes where it could be cut, near its start and past its
//     end; two neighbours meet at the first place both could be cut: the
//     earlier one's output ends there, the later one's starts there.
//  4. Where neighbours find no common cut (a collection left open through
//     the whole read-on), the earlier chunk's parser reads on through the
//     later chunk instead, as one sequential read would.
//
// At most one chunk more than cores is in flight, so memory is bounded
// by the chunk size, not the file size. A compressed file is decompressed
// ahead into blocks of a chunk each (chunkstream.go); chunks of a stream that
// do not meet make the rest be read sequentially at once, as its blocks
// cannot be held. Families that do not implement cutter are read
// sequentially.

// Chunking parameters; variables so that tests can cut small files into many
// chunks.
var (
	chunkSize   int64 = 16 << 20 // bytes per chunk
	chunkReadOn int64 = 1 << 20  // how far a chunk reads on past its end to meet the next one
	chunkMin    int64 = 64 << 20 // smaller files are read in one go
	chunkHead   int64 = 1 << 20  // the head must end within this many bytes
	chunkForce        = false    // tests: chunk any file, on any number of cores
	// chunkEvents is about how many events the chunks in flight may hold
	// together: a chunk's events wait in memory until it is delivered (a
	// folding chunk's partial summary keeps a point for each until it
	// thins them). A log of one line per collection (-Xlog:gc, the JVM's
	// default) has ten times the events a byte of a gc* log, and its 16 MB
	// chunks held 160,000 events each: a 512 MB scan peaked at 176 MB
	// instead of under 100 MB. It was 12k events a chunk, which held on
	// two cores (three chunks in flight) but grew with cores: on eight,
	// `gcwatch plot` of 1 GiB of legacy logs peaked at 151 MB.
	chunkEvents float64 = 24 << 10
	// chunkSample is how much of a file fitChunkSize parses to count its
	// events a byte.
	chunkSample int64 = 1 << 20
	// chunkLeast is the least fitChunkSize cuts a chunk to.
	chunkLeast int64 = 256 << 10
	// foldBatch is how many events a chunk queues before it adds them to
	// its partial summary (fold.go): a batch still in the core's cache.
	foldBatch = 32
)

// chunkMaxHeads bounds the cut points a chunk notes near its start, and
// chunkMaxTails those past its end, where it reads on until it noted that
// many: every line read on is parsed twice (32 tails cost 1.2% of a gc*
// scan's instructions). Neighbours nearly always meet at the earlier one's
// first tail: the later one, having forgotten what the earlier chunk's lines
// left open, can be cut wherever the earlier one can. Heads are more: where
// the earlier chunk has a collection open for long (a G1 concurrent cycle
// over many young collections), its tails come late.
const (
	chunkMaxHeads = 32
	chunkMaxTails = 4
)

// A cutter is a lineParser that can be cut between collections.
type cutter interface {
	lineParser
	// startsCollection reports whether line starts a collection later than
	// any the parser has read.
	startsCollection(line []byte) bool
	// open reports whether a record or collection read so far is still
	// open: a later line could amend it.
	open() bool
	// release emits what the parser holds for lines that may amend it, as
	// the start of a collection would make it do.
	release()
	// forget drops whatever is open without emitting it: the lines it came
	// from are the earlier chunk's.
	forget()
	// absorb takes what an earlier chunk's parser learnt about the log as a
	// whole (which collectors it saw, say); called before flush.
	absorb(earlier lineParser)
}

// A cutPoint is where a chunk could be cut: before the line at off, and what
// the chunk had found until then.
type cutPoint struct {
	off                      int64
	events                   int
	lines, unparsed, foreign int64
	unparsedEx, foreignEx    int
	// file is the index in the set of the file the cut is in, fileLine the
	// lines of that file the chunk read before it.
	file     int
	fileLine int
	byFile   map[string]int64 // unparsed lines per file; nil when none
}

// A chunk is one part of the input and the parser reading it.
type chunk struct {
	r      *Reader // line reading and the emitter
	base   int64   // where its section starts
	first  bool    // the first chunk: it reads the head itself
	skip   bool    // it starts within a line: the rest of that line is the earlier chunk's
	parser cutter
	// files is the set's files from the one the chunk starts in, the
	// firstFile'th: its Reader reads them in turn, the first from base on.
	files     []chunkFile
	firstFile int
	// rel is the index in the set of the file whose line numbers the chunk
	// counts from its own start (the one it starts within), or -1; shift
	// makes them the file's once the chunk is delivered.
	rel    int
	shift  int
	start  int64 // where its first whole line starts
	end    int64 // lines starting before end are the chunk's; the rest is read-on
	eof    bool  // the chunk has read to the end of the input
	noCuts bool  // reading on alone: no cut points to note
	readOn int64
	heads  []cutPoint // cut points within chunkReadOn of start
	tails  []cutPoint // cut points at or after end
	done   chan struct{}
	began  bool // run has read the chunk's first line
	// fold, when the Reader folds (fold.go), is the partial summary of
	// the chunk's middle: the events its parser emitted from mid on in its
	// queue, added and given back (recycled) as they came, but for those
	// queued since the last foldBatch. mid is -1 until the chunk has
	// noted its last head: the events before stay queued, as its output
	// may start at any head.
	fold      *Summary
	mid       int
	foldBatch int // (foldBatch when the read started)
	recycled  Recycler
}

// chunked reads one file in chunks for a Reader.
type chunked struct {
	// The chunk size and read-on, and foldBatch, taken when the read
	// starts.
	chunkSize, readOn int64
	foldBatch         int

	files  []chunkFile  // the file, or the files of a set end to end
	stream *blockStream // the decompressed stream; nil for files
	// first is the start of a compressed file, decompressed for the head
	// and fitChunkSize before the stream starts (startStream); rest is the
	// decompressor, read on from there.
	first  []byte
	rest   io.Reader
	size   int64        // the files' size; for a stream, unknown (-1)
	close  func() error // closes the files
	halted bool         // chunks stopped meeting: the current one reads on to the end
	fam    family
	fold   bool           // chunks add most events to partial summaries (fold.go)
	head   [][]byte       // the lines before the first collection
	binary bool           // the head held NUL bytes before the format was known
	loc    *time.Location // the Reader's, for times without a zone

	queue    chan *chunk   // launched chunks, in order
	slots    chan struct{} // one per chunk in flight
	stop     chan struct{} // closed when the Reader is done
	launched chan struct{} // closed when launch returns
	running  sync.WaitGroup
	halting  sync.Once
	spare    chan chunkSpare // what delivered chunks leave for new ones
	cur      *chunk          // the chunk being delivered
	from     cutPoint        // where cur's output starts
	missed   int             // neighbours in a row that found no common cut
	// met and misses count the neighbours that met and that did not;
	// folded the events chunks added to partial summaries (fold.go).
	met, misses, folded int
	// dropped is, for each mapped file, where its pages not given back
	// by dropBefore start.
	dropped []int
}

// chunkSpare is what a delivered chunk leaves for a new one: the array of
// its event queue, its line buffer and its partial summary, a few hundred
// KB each that would otherwise be garbage.
type chunkSpare struct {
	queue []*Event
	lines *bufio.Reader
	fold  *Summary // its partial summary, merged
}

// A chunkFile is one file of the input: where it starts in the files end to
// end, and its size (as when the read started; the last file is read on to
// its end).
type chunkFile struct {
	name        string
	src         io.ReaderAt // the file, or the blocks of a decompressed stream
	start, size int64
	// data is the file mapped, when it is (mapped.go): chunks cut their
	// lines from it in place, giving back pages every dropEvery bytes.
	data      []byte
	dropEvery int64
}

// section returns the part of f from off on, for a chunk's Reader.
func (f chunkFile) section(off int64, last bool) Input {
	if f.data != nil {
		return Input{Name: f.name, Open: func() (io.ReadCloser, error) {
			m := &mappedFile{name: f.name, data: f.data[off:], dropEvery: f.dropEvery, close: func() error { return nil }}
			if last { // a log still written to is read to its end
				m.rest = io.NewSectionReader(f.src, f.size, math.MaxInt64-f.size)
			}
			return m, nil
		}}
	}
	n := f.size - off
	if last {
		n = math.MaxInt64 - off // a log still written to is read to its end
	}
	return Input{Name: f.name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(io.NewSectionReader(f.src, off, n)), nil
	}}
}

// startChunks returns a chunked reader of inputs when they are a big file or
// a big rotated set of a family that can be cut, or nil to read them
// sequentially. A compressed file is decompressed ahead into blocks, one
// chunk each, parsed in parallel.
func (r *Reader) startChunks(inputs []Input) *chunked {
	if len(inputs) == 0 || (!chunkForce && runtime.GOMAXPROCS(0) < 2) {
		return nil
	}
	var k *chunked
	if len(inputs) == 1 {
		k = openChunkFile(inputs[0])
	} else {
		k = openChunkSet(inputs)
	}
	if k == nil {
		return nil
	}
	k.loc, k.fold, k.foldBatch = r.Location, r.fold != nil, foldBatch
	if !k.readHead() {
		k.close()
		return nil
	}
	k.fitChunkSize()
	if k.first != nil {
		k.startStream()
	}
	r.inputs = nil
	workers := chunkWorkers()
	k.slots = make(chan struct{}, workers)
	k.queue = make(chan *chunk, workers)
	k.spare = make(chan chunkSpare, workers)
	k.stop, k.launched = make(chan struct{}), make(chan struct{})
	go k.launch()
	return k
}

// chunkWorkers is how many chunks are in flight at most: one more than
// cores, as the oldest waits to be delivered.
func chunkWorkers() int { return runtime.GOMAXPROCS(0) + 1 }

// openChunkFile returns a chunked reader of in, not started, when it is a big
// file on disk; nil to read it sequentially.
func openChunkFile(in Input) *chunked {
	if in.Path == "" {
		return nil
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil // the sequential read reports it
	}
	st, err := f.Stat()
	magic := make([]byte, 4)
	n, _ := f.ReadAt(magic, 0)
	compressed := isGzip(magic[:n]) || isZstd(magic[:n])
	least := chunkMin
	if compressed {
		least /= 8 // compressed sizes: a GC log shrinks ten to twenty times
	}
	// A compressed file is chunked only where parsers have two cores or more
	// beside the decompressor's: on two, the sequential read with its
	// decompressor reading ahead (readAhead) has a core each for
	// decompressing and parsing, while chunks would share the decompressor's
	// core for less than they cost (copies, events held, goroutines waking
	// one another) and hold 80 MB instead of 35 MB.
	lessCores := compressed && runtime.GOMAXPROCS(0) < 3
	if err != nil || !st.Mode().IsRegular() || ((st.Size() < least || lessCores) && !chunkForce) {
		f.Close()
		return nil
	}
	k := &chunked{chunkSize: chunkSize, readOn: chunkReadOn, size: st.Size(), close: f.Close,
		files: []chunkFile{{name: in.Name, src: f, size: st.Size()}}}
	if !compressed {
		k.files[0].data, k.close = mapWhole(f, st.Size())
		k.files[0].dropEvery = dropEvery
	} else {
		d, err := decompress(f, false) // the block stream reads ahead itself
		if err != nil {
			f.Close()
			return nil // the sequential read reports it
		}
		// Smaller chunks: their blocks are held in memory. The head and
		// fitChunkSize's sample are read from the first bytes, decompressed
		// now; the block stream, cut in chunks of the fitted size, starts
		// with them (startStream).
		k.chunkSize = max(k.chunkSize/4, 1)
		k.readOn = min(k.readOn, k.chunkSize/4)
		first := make([]byte, max(chunkHead, chunkSample))
		n, err := io.ReadFull(d, first)
		if err != nil && err != io.ErrUnexpectedEOF {
			d.Close()
			return nil // the sequential read reports it
		}
		k.first, k.rest = first[:n], d
		k.files[0].src, k.files[0].size = bytes.NewReader(k.first), -1
		k.size, k.close = -1, d.Close
	}
	return k
}

// startStream starts decompressing a compressed file ahead into blocks, a
// chunk each: those of every chunk in flight, the one before the oldest
// (its last line) and the one the newest reads on into.
func (k *chunked) startStream() {
	k.stream = newBlockStream(io.MultiReader(bytes.NewReader(k.first), k.rest), k.chunkSize, chunkWorkers()+2)
	k.files[0].src = k.stream
	k.first, k.rest = nil, nil
}

// fitChunkSize makes the chunks smaller when the file's first chunkSample
// bytes have so many events a byte that the chunks in flight would hold
// more than about chunkEvents of them (down to chunkLeast bytes a chunk). A
// compressed file's blocks are cut to the size fitted.
func (k *chunked) fitChunkSize() {
	c := k.newReader(0)
	p := k.fam.newParser(&c.r.out)
	var events int
	for c.offset() < chunkSample {
		text, ok := c.r.readLine()
		if !ok {
			break
		}
		p.parse(text, c.r.pos)
		events += len(c.r.out.queue)
		c.r.out.queue = c.r.out.queue[:0]
	}
	c.r.dropRead()
	read := c.offset()
	if read <= 0 || events == 0 {
		return
	}
	perChunk := float64(events) / float64(read) * float64(k.chunkSize)
	if limit := chunkEvents / float64(chunkWorkers()); perChunk > limit {
		k.chunkSize = max(int64(float64(k.chunkSize)*limit/perChunk), min(chunkLeast, k.chunkSize))
		k.readOn = min(k.readOn, max(k.chunkSize/4, 1))
	}
}

// readHead reads the lines before the first cut point: the format is known
// and the parser has read what it needs of the JVM.
func (k *chunked) readHead() bool {
	limit := chunkHead
	c := k.newReader(0)
	h := c.r
	var p cutter
	for len(k.head) < maxPending && c.offset() < limit {
		text, ok := h.readLine()
		if !ok {
			return false
		}
		if p == nil {
			if fam := detect(text); fam != nil {
				c, ok := fam.newParser(&h.out).(cutter)
				if !ok {
					return false
				}
				k.fam, p = *fam, c
				for _, l := range k.head {
					p.parse(l, h.pos)
				}
			} else if bytes.IndexByte(text, 0) >= 0 {
				k.binary = true
			}
		}
		if p != nil && p.startsCollection(text) && !p.open() {
			return true
		}
		k.head = append(k.head, bytes.Clone(text))
		if p != nil {
			p.parse(text, h.pos)
		}
	}
	return false
}

// launch starts the chunks in order, as slots free up.
func (k *chunked) launch() {
	defer close(k.launched)
	for i := 0; k.hasChunk(i); i++ {
		select {
		case k.slots <- struct{}{}:
		case <-k.stop:
			return
		}
		c := k.newChunk(i)
		k.running.Add(1)
		go func() {
			defer k.running.Done()
			c.run()
		}()
		k.queue <- c // never blocks: no more chunks are queued than slots taken
	}
}

// hasChunk reports whether the input reaches chunk i, waiting for a stream
// to be decompressed that far.
func (k *chunked) hasChunk(i int) bool {
	if k.stream != nil {
		return k.stream.has(int64(i))
	}
	return int64(i)*k.chunkSize < k.size
}

// newReader returns a chunk, without its parser, whose Reader reads the files
// from the line starting at from (or the one it is within) to the end.
func (k *chunked) newReader(from int64) *chunk {
	f := 0
	for f < len(k.files)-1 && from >= k.files[f].start+k.files[f].size {
		f++ // also past empty files
	}
	c := &chunk{base: from, first: from == 0, files: k.files[f:], firstFile: f, rel: -1, readOn: k.readOn,
		done: make(chan struct{})}
	if off := from - k.files[f].start; off > 0 {
		// From the end of the line before: a line starting at from is this
		// chunk's. Its line numbers in this file are counted from there.
		c.base, c.skip, c.rel = from-1, true, f
	}
	inputs := make([]Input, len(c.files))
	for j, file := range c.files {
		var off int64
		if j == 0 {
			off = c.base - file.start
		}
		inputs[j] = file.section(off, f+j == len(k.files)-1)
	}
	c.r = NewSetReader(inputs)
	c.r.chunkTried = true
	return c
}

// offset is where the next line of c's Reader starts in the files end to
// end.
func (c *chunk) offset() int64 {
	j := max(c.r.opened-1, 0)
	if j == 0 {
		return c.base + c.r.consumed
	}
	return c.files[j].start + c.r.consumed
}

// file is the index in the set of the file c's Reader is reading.
func (c *chunk) file() int { return c.firstFile + max(c.r.opened-1, 0) }

// newChunk returns chunk i, of the lines starting in [i, i+1) x chunkSize,
// its parser primed with the head (but chunk 0, which reads the head itself).
func (k *chunked) newChunk(i int) *chunk {
	from := int64(i) * k.chunkSize
	c := k.newReader(from)
	c.end = from + k.chunkSize
	c.r.out.info.Format = k.fam.name
	c.r.out.loc = k.loc
	var spare chunkSpare
	select {
	case spare = <-k.spare:
		c.r.out.queue, c.r.lines = spare.queue, spare.lines
	default:
	}
	c.parser = k.fam.newParser(&c.r.out).(cutter)
	c.mid = -1
	if k.fold {
		// A spare's partial summary is empty: deliver empties it once
		// merged, and a chunk that folded nothing left it so.
		c.fold, c.foldBatch = spare.fold, k.foldBatch
		if c.fold == nil {
			c.fold = partialSummary(nil)
		}
	}
	if c.first {
		c.r.out.info.Binary = k.binary
		return c
	}
	for _, l := range k.head {
		c.parser.parse(l, Pos{Source: k.files[0].name})
	}
	c.r.out.queue = c.r.out.queue[:0]
	c.r.out.info = c.r.out.info.facts()
	return c
}

// run reads the chunk: from its first whole line to its end and on, noting
// cut points, up to chunkReadOn past its end (the last chunk: to the end of
// the input), from one file into the next. Run again after end moved, it
// reads on from where it stopped.
func (c *chunk) run() {
	defer close(c.done)
	// (Before close(c.done): the chunk's error is set when it is done.)
	defer endGuard(guardFaults(), func() { c.r.fault() })
	defer c.recycled.Flush()
	r := c.r
	if !c.began {
		c.began = true
		if c.skip {
			// The rest of the line before: the earlier chunk's.
			r.readLine()
			r.pos.Line = 0
		}
		c.start = c.offset()
	}
	// Cut points are looked for only near the chunk's ends: before
	// headEnd (where it may meet the chunk before) and from end on. The
	// lines between, most of them, are only read.
	stop, headEnd := c.end+c.readOn, c.start+c.readOn
	if c.first {
		headEnd = c.start
	}
	for {
		at := c.offset()
		if at >= stop || len(c.tails) == chunkMaxTails {
			r.dropRead() // (its lines are parsed)
			return
		}
		text, ok := r.readLine()
		if !ok {
			c.eof = true
			return
		}
		if head := at < headEnd; head || at >= c.end {
			c.maybeCut(at, head, text)
		}
		r.out.info.Lines++
		c.parser.parse(text, r.pos)
		// The middle: past the heads, before the end.
		if c.fold != nil && at < c.end && (at >= headEnd || len(c.heads) == chunkMaxHeads) {
			if c.mid < 0 {
				c.mid = len(r.out.queue)
			}
			if len(r.out.queue)-c.mid >= c.foldBatch {
				c.foldQueued()
			}
		}
	}
}

// foldQueued adds the events queued from mid on to the chunk's partial
// summary and gives them back to the parsers.
func (c *chunk) foldQueued() {
	q := c.r.out.queue
	for _, e := range q[c.mid:] {
		c.fold.Add(e)
		c.recycled.Put(e) // Add keeps nothing of e
	}
	clear(q[c.mid:])
	c.r.out.queue = q[:c.mid]
}

// maybeCut notes a cut point before text, the line at off near the chunk's
// ends (within its head: where it may meet the chunk before), if it starts
// a collection (cut).
func (c *chunk) maybeCut(off int64, head bool, text []byte) {
	head = head && len(c.heads) < chunkMaxHeads
	tail := off >= c.end
	if (head || tail) && !c.noCuts && c.parser.startsCollection(text) {
		c.cut(off, head, tail)
	}
}

// cut notes a cut point before the line at off, which starts a collection,
// if nothing read is still open. At its first cut point a chunk may instead
// forget what is open: it is what the lines of the earlier chunk left, and a
// sequential read that can be cut there has nothing open either.
func (c *chunk) cut(off int64, head, tail bool) {
	if c.parser.open() {
		if !head || len(c.heads) > 0 {
			return
		}
		c.parser.forget()
		c.tails = c.tails[:0] // the output before them differs now
	}
	c.parser.release()
	p := c.point(off, c.r.pos.Line-1) // the cut line is read already
	if head {
		c.heads = append(c.heads, p)
		// Keep examples for after this point: those before may go.
		o := &c.r.out
		o.keep = max(len(o.info.UnparsedExamples), len(o.info.ForeignExamples)) + maxProblems
	}
	if tail {
		c.tails = append(c.tails, p)
	}
}

// point is the chunk's state before the line at off, the fileLine'th
// line it read of its file.
func (c *chunk) point(off int64, fileLine int) cutPoint {
	o := &c.r.out
	return cutPoint{off: off, events: len(o.queue), lines: o.info.Lines, unparsed: o.info.Unparsed,
		foreign: o.info.Foreign, unparsedEx: len(o.info.UnparsedExamples), foreignEx: len(o.info.ForeignExamples),
		file: c.file(), fileLine: fileLine, byFile: maps.Clone(o.info.UnparsedByFile)}
}

// here is the chunk's state after the lines it read so far.
func (c *chunk) here() cutPoint { return c.point(c.offset(), c.r.pos.Line) }

// next hands the Reader the events of the next chunk, up to where it meets
// the one after it.
func (k *chunked) next(r *Reader) {
	if k.cur == nil {
		k.cur = <-k.queue
	}
	cur := k.cur
	<-cur.done
	for {
		switch {
		case cur.r.err != nil:
			r.err = cur.r.err
			k.finish(r)
			return
		case cur.eof:
			cur.parser.flush()
			k.deliver(r, cur, cur.here())
			k.finish(r)
			return
		case k.halted:
			// Reading on alone: hand over what it found so far, so that
			// memory stays bounded, and let go of the data it has read.
			p := cur.here()
			k.deliver(r, cur, p)
			cur.r.out.queue, p.events = cur.r.out.queue[:0], 0
			k.from = p
			if k.stream != nil {
				k.stream.release(p.off)
			}
			cur.end += k.chunkSize
			cur.rerun()
			return
		}
		nx := <-k.queue
		<-nx.done
		if to, from, ok := meet(cur.tails, nx.heads, k.from.off); ok {
			k.missed = 0
			k.met++
			k.deliver(r, cur, to)
			k.leave(cur)
			nx.parser.absorb(cur.parser)
			nx.shift = lineShift(cur, to, nx, from)
			k.cur, k.from = nx, from
			if k.stream != nil {
				k.stream.release(nx.base)
			}
			k.dropBefore(nx.base)
			<-k.slots
			return
		}
		// No common cut: cur reads on through nx's part, as one sequential
		// read would. Records left open are forgotten within 16 collections,
		// so the next neighbours usually meet; if they keep missing, the log
		// is read sequentially from here: every chunk read in vain costs a
		// core. A stream cannot hold its blocks for long: it goes sequential
		// at once.
		k.missed++
		k.misses++
		<-k.slots
		cur.end, cur.tails = nx.end, nil
		if k.missed == 3 || k.stream != nil {
			k.halted, cur.noCuts = true, true
			k.halt()
		}
		cur.rerun()
	}
}

// dropBefore gives back the mapped pages of the files before off, where
// the chunk delivered next starts: the chunks that read them are
// delivered. Their Readers gave their pages back as they read them, but a
// page fault of a chunk maps in the whole of a large folio of the page
// cache (up to 2 MB), which can reach back over pages given back already:
// without this, a scan of a log cut into small chunks kept a third of the
// file resident. So the last dropLag bytes given back are given back
// again.
func (k *chunked) dropBefore(off int64) {
	if k.dropped == nil {
		k.dropped = make([]int, len(k.files))
	}
	for i, f := range k.files {
		if f.data != nil && f.start < off {
			from := max(k.dropped[i]-dropLag, 0)
			k.dropped[i] = dropPages(f.data, from, int(min(off-f.start, int64(len(f.data)))))
		}
	}
}

// dropLag is how far before the pages given back last dropBefore gives
// back again: twice the largest folio, as the page it maps may be its last.
const dropLag = 4 << 20

// leave passes what the delivered chunk c has done with on to a new chunk.
func (k *chunked) leave(c *chunk) {
	q := c.r.out.queue
	clear(q) // its events are the Reader's now
	lines := c.r.br
	if lines == nil {
		lines = c.r.lines // it read to the end
	}
	select {
	case k.spare <- chunkSpare{q[:0], lines, c.fold}:
	default:
	}
	c.r = nil
}

// rerun reads on after end was moved.
func (c *chunk) rerun() {
	c.done = make(chan struct{})
	c.run()
}

// lineShift is what makes the line numbers nx counts from its own start
// those of the file: cur's output ends at to, nx's starts at from, the same
// place.
func lineShift(cur *chunk, to cutPoint, nx *chunk, from cutPoint) int {
	if from.file != nx.rel {
		return 0 // nx's output starts in a file it reads from the start
	}
	line := to.fileLine // the line of the file before the cut
	if to.file == cur.rel {
		line += cur.shift
	}
	return line - from.fileLine
}

// meet returns the first cut point both neighbours share at or after
// from, where the earlier one's output starts: a chunk smaller than the
// read-on can have tails before its first head.
func meet(tails, heads []cutPoint, from int64) (cutPoint, cutPoint, bool) {
	i, j := 0, 0
	for i < len(tails) && tails[i].off < from {
		i++
	}
	for i < len(tails) && j < len(heads) {
		switch {
		case tails[i].off < heads[j].off:
			i++
		case tails[i].off > heads[j].off:
			j++
		default:
			return tails[i], heads[j], true
		}
	}
	return cutPoint{}, cutPoint{}, false
}

// deliver moves c's events and counts from k.from up to to into the Reader,
// with line numbers made the file's (the events' as Scan returns them: the
// Reader's queue is empty, and holds only c's events until it is again).
func (k *chunked) deliver(r *Reader, c *chunk, to cutPoint) {
	from, out, in := k.from, &r.out, &c.r.out.info
	rel := "" // the file whose line numbers c counts from its start
	if c.rel >= 0 {
		rel = k.files[c.rel].name
	}
	r.shift, r.shiftSource = c.shift, rel
	evs := c.r.out.queue[from.events:to.events]
	if c.mid >= 0 {
		// The events before the chunk's middle, added as Summarize adds
		// those Scan returns, then the middle's partial summary; Scan
		// returns the rest. (Heads come before mid, tails after.)
		for _, e := range c.r.out.queue[from.events:c.mid] {
			if e.Source == rel {
				e.Line += c.shift
			}
			r.fold.Add(e)
			c.recycled.Put(e)
		}
		c.recycled.Flush()
		k.folded += c.fold.Events
		r.fold.merge(c.fold, rel, c.shift)
		evs = c.r.out.queue[c.mid:to.events]
		c.fold, c.mid = partialSummary(c.fold), -1 // for a chunk that reads on alone, or the next
	}
	out.queue = append(out.queue, evs...)
	out.info.Lines += to.lines - from.lines
	out.info.Foreign += to.foreign - from.foreign
	out.info.Unparsed += to.unparsed - from.unparsed
	for name, n := range to.byFile {
		if d := n - from.byFile[name]; d > 0 {
			if out.info.UnparsedByFile == nil {
				out.info.UnparsedByFile = map[string]int64{}
			}
			out.info.UnparsedByFile[name] += d
		}
	}
	addExamples(&out.info.UnparsedExamples, in.UnparsedExamples[from.unparsedEx:to.unparsedEx], rel, c.shift)
	addExamples(&out.info.ForeignExamples, in.ForeignExamples[from.foreignEx:to.foreignEx], rel, c.shift)
	out.info.mergeFacts(in)
}

// addExamples appends src to dst, up to maxProblems, shifting the line
// numbers of those in the file rel.
func addExamples(dst *[]Problem, src []Problem, rel string, shift int) {
	for _, p := range src {
		if len(*dst) == maxProblems {
			return
		}
		if p.Source == rel {
			p.Line += shift
		}
		*dst = append(*dst, p)
	}
}

// finish ends the read: no more chunks start, and the file is closed once
// none reads it.
func (k *chunked) finish(r *Reader) {
	r.done = true
	k.halt()
	if k.stream != nil {
		k.stream.close() // chunks still reading stop
	}
	go func() {
		<-k.launched
		k.running.Wait()
		k.close()
	}()
}

// halt stops launching chunks.
func (k *chunked) halt() { k.halting.Do(func() { close(k.stop) }) }

// facts returns what i says about the JVM, without the counts of lines.
func (i *Info) facts() Info {
	return Info{Format: i.Format, Collector: i.Collector, JVMVersion: i.JVMVersion, Host: i.Host, PID: i.PID,
		CommandLine: i.CommandLine, HeapMax: i.HeapMax, OutOfMemory: i.OutOfMemory, Binary: i.Binary}
}

// mergeFacts takes the facts of a later part of the log: those i does not
// know yet, and the collector, which a parser may name better as it reads on.
func (i *Info) mergeFacts(later *Info) {
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	first(&i.Format, later.Format)
	first(&i.JVMVersion, later.JVMVersion)
	first(&i.Host, later.Host)
	first(&i.PID, later.PID)
	first(&i.CommandLine, later.CommandLine)
	if later.Collector != "" {
		i.Collector = later.Collector
	}
	if i.HeapMax == Unknown {
		i.HeapMax = later.HeapMax
	}
	i.OutOfMemory = i.OutOfMemory || later.OutOfMemory
	i.Binary = i.Binary || later.Binary
}

// Unified logging: a collection starts with the first line of a GC id above
// all seen so far; it is open until its last summary.
func (p *unifiedParser) startsCollection(line []byte) bool {
	msg, ok := p.decorateAsBefore(line)
	if !ok {
		if msg, ok = p.decor.parse(line, p.out.loc); !ok {
			return false
		}
	}
	if !hasPrefix(msg, "GC(") {
		return false
	}
	id, n := scanUint(msg[3:])
	if n == 0 || 3+n >= len(msg) || msg[3+n] != ')' || id <= p.lastID() {
		return false
	}
	msg = bytes.TrimLeft(msg[4+n:], " ")
	if len(msg) > 3 && msg[1] == ':' && msg[2] == ' ' {
		msg = msg[3:] // generational ZGC's "y: ", "Y: ", "O: "
	}
	// A collection's first line, when a chunk starts in the middle of a
	// collection: the lines after its start are not the start of another.
	if !hasPrefix(msg, "Pause ") && !hasPrefix(msg, "Garbage Collection") && !hasPrefix(msg, "Minor Collection") &&
		!hasPrefix(msg, "Major Collection") && !hasPrefix(msg, "Concurrent ") {
		return false
	}
	p.newID = id
	return true
}

// lastID is the highest GC id read so far.
func (p *unifiedParser) lastID() int64 {
	last := max(p.forgotID, p.newID)
	if p.held != nil {
		last = max(last, p.held.ID)
	}
	for _, pe := range p.pending {
		last = max(last, pe.id)
	}
	return last
}

func (p *unifiedParser) open() bool {
	if p.inBlock >= 0 {
		return true
	}
	for _, pe := range p.pending {
		// A collection waiting for its summary after its heap blocks
		// is not open to a line that starts another: reading it, the
		// parser makes its event (release does here).
		if !pe.spent() && pe != p.blockWait {
			return true
		}
	}
	return false
}

// spent reports whether a pending record has nothing open: no start line
// waiting for its summary, no heap block. Figures read after a collection's
// last summary (Shenandoah's metaspace line) are left over, not open: a new
// collection only starts after the one before summarised.
func (pe *unifiedPending) spent() bool {
	// G1's "Concurrent Mark Abort" starts nothing.
	open := len(pe.startMsg) > 0 && !bytes.HasSuffix(pe.startMsg, []byte(" Abort"))
	return !open && !pe.before.seen && !pe.after.seen && !pe.upgradeFull
}

func (p *unifiedParser) release() {
	if p.blockWait != nil {
		p.endBlockWait()
	}
	p.emitHeld()
}

func (p *unifiedParser) forget() {
	p.forgotID = p.lastID()
	p.held, p.pending, p.blockWait = nil, p.pending[:0], nil
	p.inBlock, p.block = -1, nil
}

func (p *unifiedParser) absorb(earlier lineParser) {
	if e, ok := earlier.(*unifiedParser); ok && e.generational {
		p.generational = true
	}
}

// Legacy logging: a collection starts with a record start at the start of a
// line, after its stamps; a record, a heap block or a split line is open.
// Not a concurrent phase's line: the collection before may still be waiting
// for its detail lines (p.pend), which JDK 6 and 7's G1 print after a
// "[GC concurrent-mark-start]" line; a chunk starting there, its parser
// having let go of that collection (release), lost its heap.
func (p *legacyParser) startsCollection(line []byte) bool {
	_, _, n := legacyStamp(line, p.out.loc)
	b := line[n:]
	return legacyRecordStart(b) && legacyAsideName(b[1:]) == ""
}

func (p *legacyParser) open() bool { return p.rec != nil || p.heap || p.carry || len(p.nested) > 0 }

func (p *legacyParser) release() { p.flushPending() }

func (p *legacyParser) forget() {
	p.rec, p.pend, p.heap, p.carry, p.nested, p.depth = nil, nil, false, false, p.nested[:0], 0
}

func (p *legacyParser) absorb(earlier lineParser) {
	if e, ok := earlier.(*legacyParser); ok {
		p.seen |= e.seen
		if p.flagsGC == "" {
			if c := p.seen.collector(); c != "" {
				p.out.info.Collector = c
			}
		}
	}
}
