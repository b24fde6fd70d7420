// Package gclog reads JVM garbage-collection logs into one Event model.
//
// Formats: HotSpot unified logging (-Xlog, JDK 9 to 25, every collector and
// decoration), HotSpot legacy logging (-verbose:gc and -XX:+PrintGC*, JDK 1.4
// to 8), and the families registered in families (see detect.go). The format
// is detected from the first lines that only one family would write; lines
// before them (application output on stdout, say) are counted as foreign.
//
// Reading streams: a Reader holds one pending event and a bounded buffer of
// lines, so memory does not grow with the size of the log. Events returned by
// Reader.Event belong to the caller.
//
// A line that looks like GC output but cannot be parsed is counted as
// unparsed and reported with its position (Problem); a line that is not GC
// output at all is counted as foreign. Neither stops the read: only I/O errors
// do.
package gclog

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// MaxLineLength is the longest line kept whole; the rest of a longer line is
// skipped and the line is reported as a problem. GC lines are short: a 50 MB
// "line" is a binary file or a lost newline, not GC output.
const MaxLineLength = 1 << 20

// maxProblems is how many unparsed and foreign lines a Reader keeps as
// examples; the counts go on.
const maxProblems = 20

// Pos is a position in the input: a file and a 1-based line number.
type Pos struct {
	Source string
	Line   int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.Source, p.Line) }

// Problem is a line that could not be read as GC output, with its position.
type Problem struct {
	Pos
	Msg  string // what is wrong, lower case
	Text string // the line, cut to 200 bytes
}

func (p *Problem) Error() string {
	if p.Text == "" {
		return fmt.Sprintf("%s: %s", p.Pos, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", p.Pos, p.Msg, p.Text)
}

// Info is what a log says about its JVM besides the events. Fields are empty
// where the log does not say.
type Info struct {
	Format      string // the detected format family: "hotspot-unified", "hotspot-legacy", ...
	Collector   string // serial, parallel, cms, g1, shenandoah, zgc, zgc-generational, epsilon, ...
	JVMVersion  string // as the log writes it, e.g. "17.0.15+6-Debian-1deb12u1"
	Host        string // from the hostname decoration
	PID         string // from the pid decoration
	CommandLine string // JVM flags when the log lists them
	HeapMax     int64  // the maximum heap when the log says, in bytes; Unknown otherwise

	Lines    int64 // lines read
	Unparsed int64 // lines that look like GC output but could not be parsed
	Foreign  int64 // lines that are not GC output (application output, thread dumps)

	// OutOfMemory is set when the log reports that the JVM ran out of memory
	// (java.lang.OutOfMemoryError, GC overhead limit exceeded).
	OutOfMemory bool
	// Binary is set when the input holds NUL bytes before any GC output: a
	// binary file, or a compressed format gclog does not know.
	Binary bool

	UnparsedByFile   map[string]int64 // unparsed lines per file of a set; nil when none
	UnparsedExamples []Problem        // the first unparsed lines, in order
	ForeignExamples  []Problem        // the first foreign lines, in order
}

// WhyNoEvents says, for a log that gave no events, what it was instead.
func (i *Info) WhyNoEvents() string {
	switch {
	case i.Binary:
		return "binary data, not a GC log"
	case i.Lines == 0:
		return "empty file"
	case i.Format == "":
		return "no GC log format recognised (is it a GC log?)"
	}
	return "no GC events found"
}

// Input is one file of a log, opened when the Reader reaches it.
type Input struct {
	Name string
	Open func() (io.ReadCloser, error)
	// Path, when set, is a file on disk that Open reads: a big one, or a
	// big set of uncompressed ones, is read in chunks on all cores
	// (chunk.go, chunkset.go).
	Path string
}

// Reader reads Events from one JVM's log: one stream, or the files of a
// rotated set in order, read as one stream so that an event split across two
// files is joined.
type Reader struct {
	inputs []Input
	cur    io.ReadCloser
	br     *bufio.Reader
	// win is the part of br's buffer that readLine cuts lines from
	// without a call into br: the bytes after the last line returned,
	// still unread in br. winRead is how many bytes of br's buffer before
	// win were returned as lines: br discards them when no whole line is
	// left in win. (A ReadSlice per line costs as much as the rest of the
	// line's splitting.)
	win     []byte
	winRead int
	// mapped, when set, is the input being read through a memory mapping
	// (mapped.go): win is what is left of its mapped bytes, and there is
	// no br until they end. Its pages before dropped are given back once
	// consumed reaches dropAt (math.MaxInt64 while no input is mapped).
	mapped  *mappedFile
	dropped int
	dropAt  int64
	// guard makes step turn a memory fault into an error: its inputs are
	// files, which may be mapped.
	guard bool
	pos   Pos
	// consumed counts the bytes of the current input read as lines so far,
	// line endings included: where the next line starts.
	consumed int64
	// opened counts the inputs opened so far: the current one is
	// opened-1.
	opened int

	fam     family
	parser  lineParser
	pending []pendingLine // lines read before the format was known

	out  emitter
	ev   *Event
	err  error
	done bool
	// lines, when set, is a line buffer to read the next input with, left
	// by an earlier input or an earlier chunk.
	lines *bufio.Reader
	// chunks, when set, reads one big file or set in chunks on all cores.
	chunks     *chunked
	chunkTried bool
	// shift is added to the line numbers of the queued events of the file
	// shiftSource: a chunk counts them from its own start (chunked.deliver).
	// Scan adds it, as the consumer reads the event anyway: a pass over the
	// events at delivery would read them from memory once more.
	shift       int
	shiftSource string
	// fold, when set, is the summary Summarize adds the events to: a
	// chunked read adds most events to it itself (fold.go), and Scan
	// returns only the others, in order between them.
	fold *Summary
	// Location, when set, is the time zone for wall-clock times that carry no
	// offset. Unified logging always writes one; set it before the first Scan.
	Location *time.Location
}

type pendingLine struct {
	text []byte
	pos  Pos
}

// maxPending bounds the lines buffered while the format is unknown.
const maxPending = 4096

// NewReader returns a Reader over one stream; name is used in positions.
func NewReader(r io.Reader, name string) *Reader {
	return NewSetReader([]Input{{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}})
}

// NewSetReader returns a Reader over several files read one after another as
// one log (a rotated set, in time order).
func NewSetReader(inputs []Input) *Reader {
	r := &Reader{inputs: inputs, dropAt: math.MaxInt64}
	r.out.info.HeapMax = Unknown
	for _, in := range inputs {
		r.guard = r.guard || in.Path != ""
	}
	return r
}

// Scan advances to the next event. It returns false at the end of the input
// or on an I/O error; Err tells which.
func (r *Reader) Scan() bool {
	r.ev = nil
	q := &r.out
	for q.head == len(q.queue) {
		// Drained: reuse the queue's array rather than grow a new one.
		q.queue, q.head = q.queue[:0], 0
		if r.done {
			return false
		}
		r.step()
	}
	r.ev = q.queue[q.head]
	q.queue[q.head] = nil
	q.head++
	if r.shift != 0 && r.ev.Source == r.shiftSource {
		r.ev.Line += r.shift
	}
	return true
}

// Event returns the event read by the last successful Scan. The caller owns it.
func (r *Reader) Event() *Event { return r.ev }

// Err returns the first I/O error, or nil at a clean end of input.
func (r *Reader) Err() error { return r.err }

// Info returns what the log said about its JVM so far; complete after Scan has
// returned false.
func (r *Reader) Info() *Info { return &r.out.info }

// stepEvents is how many events step reads ahead, when the input has them:
// a step has a fixed cost (its guard against faults of mapped files).
const stepEvents = 64

// step reads lines and hands them on until the parser has emitted
// stepEvents events (the queue is empty when it is called); at the end of
// the input it flushes.
func (r *Reader) step() {
	if r.guard {
		defer endGuard(guardFaults(), r.fault)
	}
	if !r.chunkTried {
		r.chunkTried = true
		r.chunks = r.startChunks(r.inputs)
	}
	if r.chunks != nil {
		r.chunks.next(r)
		return
	}
	for len(r.out.queue) < stepEvents {
		text, ok := r.readLine()
		if !ok {
			r.finish()
			return
		}
		r.out.info.Lines++
		if r.parser != nil {
			r.parser.parse(text, r.pos)
			continue
		}
		if fam := detect(text); fam != nil {
			r.start(*fam)
			r.parser.parse(text, r.pos)
			continue
		}
		if bytes.IndexByte(text, 0) >= 0 {
			r.out.info.Binary = true
		}
		// Format not known yet: keep the line, bounded, for the parser to see.
		if len(r.pending) == maxPending {
			p := r.pending[0]
			r.out.foreign(p.text, p.pos)
			r.pending = r.pending[1:]
		}
		r.pending = append(r.pending, pendingLine{append([]byte(nil), text...), r.pos})
	}
}

// start selects the format and replays the lines buffered before it was known.
func (r *Reader) start(fam family) {
	r.fam = fam
	r.out.info.Format = fam.name
	r.out.loc = r.Location
	r.parser = fam.newParser(&r.out)
	for _, p := range r.pending {
		r.parser.parse(p.text, p.pos)
	}
	r.pending = nil
}

func (r *Reader) finish() {
	if r.parser != nil {
		r.parser.flush()
	} else {
		for _, p := range r.pending {
			r.out.foreign(p.text, p.pos)
		}
		r.pending = nil
	}
	r.done = true
}

// readLine returns the next line without its line ending, valid until the
// next call, moving across inputs as each ends.
func (r *Reader) readLine() ([]byte, bool) {
	for {
		if r.cur == nil {
			if len(r.inputs) == 0 || r.err != nil {
				return nil, false
			}
			in := r.inputs[0]
			r.inputs = r.inputs[1:]
			rc, err := in.Open()
			if err != nil {
				r.err = err
				return nil, false
			}
			r.cur = rc
			r.opened++
			r.pos = Pos{Source: in.Name}
			r.consumed = 0
			r.win, r.winRead = nil, 0
			if m, ok := rc.(*mappedFile); ok {
				r.mapped, r.win, r.dropped, r.dropAt = m, m.data, 0, m.dropEvery
				continue
			}
			r.readThrough(rc)
		}
		if i := bytes.IndexByte(r.win, '\n'); i >= 0 {
			line := r.win[:i+1]
			r.win = r.win[i+1:]
			r.winRead += i + 1
			r.consumed += int64(i + 1)
			if r.consumed >= r.dropAt {
				r.dropBehind(len(line))
			}
			return r.lineRead(line), true
		}
		// No whole line left in the window: br reads on, from the start of
		// the window, and the bytes it holds after this line are the next
		// window. (A line longer than the buffer, or the last one without a
		// line ending, is read as before, through ReadSlice alone.) After
		// a mapping, br reads what is left of it, then the rest of the file.
		if r.mapped != nil {
			r.leaveMapping()
		}
		r.discardWindow()
		line, err := r.br.ReadSlice('\n')
		r.consumed += int64(len(line))
		if err == bufio.ErrBufferFull {
			line, err = r.longLine(line)
		}
		if len(line) > 0 {
			if err == nil {
				// Peek up to what br holds reads nothing: line stays valid.
				r.win, _ = r.br.Peek(r.br.Buffered())
			}
			return r.lineRead(line), true
		}
		if err != nil && err != io.EOF {
			r.err = err
			if !strings.HasPrefix(err.Error(), r.pos.Source+": ") {
				r.err = fmt.Errorf("%s: %w", r.pos.Source, err) // Open names its errors already
			}
		}
		r.cur.Close()
		r.lines, r.br, r.cur = r.br, nil, nil // the buffer reads the next input
	}
}

// lineRead counts line, just read with its line ending if it has one, and
// returns it without the ending.
func (r *Reader) lineRead(line []byte) []byte {
	r.pos.Line++
	if n := len(line); line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

// dropBehind gives back the mapped pages before the line just returned,
// n bytes long: the lines before it are no longer valid.
func (r *Reader) dropBehind(n int) {
	start := len(r.mapped.data) - len(r.win) - n
	r.dropped = dropPages(r.mapped.data, r.dropped, start)
	r.dropAt = r.consumed + r.mapped.dropEvery
}

// dropRead gives back the mapped pages of every line returned: for a
// chunk's Reader when the chunk is read (it may read on later, from where
// it stopped).
func (r *Reader) dropRead() {
	if r.mapped != nil {
		r.dropped = dropPages(r.mapped.data, r.dropped, len(r.mapped.data)-len(r.win))
	}
}

// leaveMapping has br read on from the first byte of the mapped input not
// returned as a line.
func (r *Reader) leaveMapping() {
	m := r.mapped
	m.off = len(m.data) - len(r.win)
	r.mapped, r.win, r.winRead, r.dropAt = nil, nil, 0, math.MaxInt64
	r.readThrough(m)
}

// readThrough makes br read src, in the line buffer left by an earlier
// input or chunk when there is one.
func (r *Reader) readThrough(src io.Reader) {
	if r.lines != nil {
		r.br, r.lines = r.lines, nil
		r.br.Reset(src)
		return
	}
	r.br = bufio.NewReaderSize(src, 256<<10)
}

// fault ends the read after a memory fault in step: a mapped file lost
// pages, cut short while read.
func (r *Reader) fault() {
	r.err = fmt.Errorf("%s: %w", r.pos.Source, errShrank)
	r.done = true
	if r.chunks != nil {
		r.chunks.finish(r)
	} else if r.cur != nil {
		r.cur.Close()
		r.cur, r.br, r.mapped, r.dropAt = nil, nil, nil, math.MaxInt64
	}
}

// discardWindow has br drop the lines returned from the window, and empties
// it: br reads on from the first byte of the window not returned.
func (r *Reader) discardWindow() {
	if r.winRead > 0 {
		r.br.Discard(r.winRead) // (buffered: cannot fail)
	}
	r.win, r.winRead = nil, 0
}

// longLine finishes a line longer than the bufio buffer: kept whole up to
// MaxLineLength, and skipped past that with a problem reported.
func (r *Reader) longLine(first []byte) ([]byte, error) {
	buf := append([]byte(nil), first...)
	for {
		more, err := r.br.ReadSlice('\n')
		r.consumed += int64(len(more))
		if len(buf) < MaxLineLength {
			buf = append(buf, more...)
		}
		if err != bufio.ErrBufferFull {
			if len(buf) >= MaxLineLength {
				r.out.unparsed(buf[:80], Pos{r.pos.Source, r.pos.Line + 1},
					fmt.Sprintf("line longer than %d bytes skipped", MaxLineLength))
				// Return an empty line in its place so line numbers stay right.
				return []byte{'\n'}, err
			}
			return buf, err
		}
	}
}

// emitter collects what a parser finds: events in order, facts about the JVM,
// and the lines it could not use.
type emitter struct {
	queue []*Event // events found and not yet returned, from head on
	head  int
	names map[string]string // interned names and causes: a log has few
	info  Info
	loc   *time.Location
	// keep is how many unparsed and foreign lines to keep as examples when
	// not maxProblems: a chunk keeps more, as it drops the lines before its
	// first cut.
	keep int
}

func (o *emitter) emit(e *Event) { o.queue = append(o.queue, e) }

// intern returns b as a string, allocated once per distinct value: event
// names and causes repeat through a log.
func (o *emitter) intern(b []byte) string {
	if s, ok := o.names[string(b)]; ok {
		return s
	}
	if o.names == nil {
		o.names = map[string]string{}
	}
	if len(o.names) > 4096 {
		return string(b) // a log with endless distinct names: stop caching
	}
	s := string(b)
	o.names[s] = s
	return s
}

// unparsed counts a line that looks like GC output but could not be parsed.
func (o *emitter) unparsed(text []byte, pos Pos, msg string) {
	o.unparsedLines(text, pos, 1, msg)
}

// unparsedLines is unparsed for text that took n lines, counted as n.
func (o *emitter) unparsedLines(text []byte, pos Pos, n int64, msg string) {
	o.info.Unparsed += n
	if o.info.UnparsedByFile == nil {
		o.info.UnparsedByFile = map[string]int64{}
	}
	o.info.UnparsedByFile[pos.Source] += n
	o.problem(&o.info.UnparsedExamples, pos, msg, text)
}

// foreign counts a line that is not GC output. Blank lines are not counted.
func (o *emitter) foreign(text []byte, pos Pos) {
	if len(bytes.TrimSpace(text)) == 0 {
		return
	}
	o.info.Foreign++
	if bytes.Contains(text, []byte("OutOfMemoryError")) {
		o.info.OutOfMemory = true // the JVM's own message on stdout
	}
	o.problem(&o.info.ForeignExamples, pos, "not GC output", text)
}

func (o *emitter) problem(list *[]Problem, pos Pos, msg string, text []byte) {
	if len(*list) >= max(o.keep, maxProblems) {
		return
	}
	if len(text) > 200 {
		text = text[:200]
	}
	*list = append(*list, Problem{Pos: pos, Msg: msg, Text: string(bytes.ToValidUTF8(text, []byte("?")))})
}
