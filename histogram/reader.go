package histogram

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// MaxLineLength is the longest line read whole; the rest of a longer line is
// skipped and the line reported as a problem.
const MaxLineLength = 1 << 20

// maxProblems is how many problems a Reader keeps as examples; counts go on.
const maxProblems = 20

// maxStray is how many consecutive lines that are not rows end a histogram
// that has no Total line (application output after a truncated histogram).
const maxStray = 8

// Reader reads the class histograms of one source, one by one:
//
//	r := histogram.NewReader(f, "jmap.txt")
//	for r.Scan() {
//		s := r.Snapshot()
//	}
//	if err := r.Err(); err != nil { ... }
//
// A source may hold several histograms: jcmd run against several JVMs, a GC
// log, or a program's stdout after several thread dumps.
type Reader struct {
	br       *bufio.Reader
	name     string
	line     int
	long     []byte // a line longer than the bufio buffer, assembled
	nbuf     []byte // canonical name scratch
	module   string // the module of the last row that had one, interned
	err      error
	eof      bool
	queue    []*Snapshot
	cur      *Snapshot
	got      int // snapshots returned
	sizeHint int // classes in the last histogram: the next one is usually alike

	// what the lines before a header said about the next histogram
	pid      string
	jvm      string
	objects  Objects
	when     time.Time
	sa       bool
	afterPID bool      // the previous line was a "PID:" line
	stray    []Problem // consecutive non-row lines in the current histogram, not yet reported

	problems  []Problem
	nProblems int
	reason    *Problem // why the source holds no histogram, when known
	rowsOut   int      // row-like lines outside any histogram
	firstRow  int      // line of the first of them

	// Location is the time zone of times written without an offset (the
	// date line of a thread dump). Default: time.Local. Set before Scan.
	Location *time.Location
}

// NewReader returns a Reader of the histograms in r; name is used in
// positions and Snapshot.Source.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), name: name}
}

// Scan advances to the next histogram. It returns false at the end of the
// input or on an I/O error; Err tells which.
func (r *Reader) Scan() bool {
	for len(r.queue) == 0 {
		if r.eof {
			return false
		}
		r.step()
	}
	r.got++
	return true
}

// Snapshot returns the histogram read by the last successful Scan and moves
// on; the caller owns it.
func (r *Reader) Snapshot() *Snapshot {
	if len(r.queue) == 0 {
		return nil
	}
	s := r.queue[0]
	r.queue[0] = nil
	r.queue = r.queue[1:]
	return s
}

// Err returns the first I/O error, or nil at a clean end of input.
func (r *Reader) Err() error { return r.err }

// Lines returns the number of lines read so far.
func (r *Reader) Lines() int { return r.line }

// Problems returns the first lines that could not be read, in order.
func (r *Reader) Problems() []Problem { return r.problems }

// NProblems returns how many problems were found, including those not kept.
func (r *Reader) NProblems() int { return r.nProblems }

// NoHistogram returns why the source held no histogram, after Scan returned
// false without having found one; nil otherwise.
func (r *Reader) NoHistogram() error {
	if r.got > 0 || r.err != nil {
		return nil
	}
	if r.reason != nil {
		p := *r.reason
		return &p
	}
	switch {
	case r.line == 0:
		return &Problem{Pos: Pos{r.name, 0}, Msg: "empty input, no class histogram"}
	case r.rowsOut > 0:
		return &Problem{Pos: Pos{r.name, r.firstRow}, Msg: "histogram rows without their header line (num #instances #bytes class name)"}
	}
	return &Problem{Pos: Pos{r.name, 0}, Msg: fmt.Sprintf("no class histogram found in %d lines", r.line)}
}

// ReadAll reads every histogram of a source. The error is an I/O error, or
// why the source holds no histogram; problems are the lines that could not be
// read (a few examples), returned with the snapshots that could.
func ReadAll(rd io.Reader, name string) ([]*Snapshot, []Problem, error) {
	r := NewReader(rd, name)
	var snaps []*Snapshot
	for r.Scan() {
		snaps = append(snaps, r.Snapshot())
	}
	if err := r.Err(); err != nil {
		return snaps, r.Problems(), err
	}
	return snaps, r.Problems(), r.NoHistogram()
}

func (r *Reader) problem(line int, msg string, text []byte) {
	r.nProblems++
	if len(r.problems) >= maxProblems {
		return
	}
	if len(text) > 120 {
		text = text[:120]
	}
	r.problems = append(r.problems, Problem{Pos: Pos{r.name, line}, Msg: msg, Text: string(text)})
}

// readLine returns the next line without its end of line, or false at the end.
func (r *Reader) readLine() ([]byte, bool) {
	if r.err != nil {
		return nil, false
	}
	b, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], b...)
		tooLong := false
		for err == bufio.ErrBufferFull {
			b, err = r.br.ReadSlice('\n')
			if len(r.long)+len(b) > MaxLineLength {
				tooLong = true
				continue
			}
			r.long = append(r.long, b...)
		}
		b = r.long
		if tooLong {
			r.line++
			r.problem(r.line, fmt.Sprintf("line longer than %d bytes, skipped", MaxLineLength), b[:min(len(b), 40)])
			if r.cur != nil {
				r.cur.Unparsed++
			}
			if err != nil {
				return r.endOfInput(err)
			}
			return r.readLine()
		}
	}
	if len(b) == 0 && err != nil {
		return r.endOfInput(err)
	}
	if err != nil && err != io.EOF {
		r.err = err
		return nil, false
	}
	r.line++
	if r.line == 1 && bytes.IndexByte(b, 0) >= 0 {
		r.reason = &Problem{Pos: Pos{r.name, 0}, Msg: "binary data, not a text class histogram"}
		r.eof = true
		return nil, false
	}
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, true
}

func (r *Reader) endOfInput(err error) ([]byte, bool) {
	if err != io.EOF {
		r.err = err
	}
	return nil, false
}

// step reads one line and hands it on; at the end of the input it closes
// the current histogram.
func (r *Reader) step() {
	line, ok := r.readLine()
	if !ok {
		r.close()
		r.eof = true
		return
	}
	if r.cur != nil && r.inside(line) {
		return
	}
	r.outside(line)
}

// close ends the current histogram.
func (r *Reader) close() {
	s := r.cur
	if s == nil {
		return
	}
	r.cur = nil
	r.stray = r.stray[:0] // lines after the last row: not part of the histogram
	if s.Rows == 0 && !s.HasTotal {
		return // a header and nothing else: not a histogram
	}
	s.buildIndex()
	r.sizeHint = len(s.Classes)
	lastClasses.Store(int64(len(s.Classes)))
	if s.Objects == ObjectsUnknown {
		s.Objects = objectsFromName(r.name)
	}
	if s.Format == FormatSA5 && !s.HasTotal {
		// The JDK 5 agent wrote no Total line: its histograms are whole.
		s.Total, s.HasTotal = s.Sum, true
	}
	r.queue = append(r.queue, s)
}

// undecorate strips unified-logging decorations ("[2026-...][trace][gc,classhisto] GC(3) ")
// and returns the original text and the decorations.
func undecorate(line []byte) (text, deco []byte) {
	i := 0
	for i < len(line) && line[i] == '[' {
		j := bytes.IndexByte(line[i:], ']')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if i == 0 {
		return line, nil
	}
	deco = line[:i]
	if i < len(line) && line[i] == ' ' {
		i++
	}
	text = line[i:]
	if bytes.HasPrefix(text, []byte("GC(")) {
		if j := bytes.IndexByte(text, ')'); j > 0 && allDigits(text[3:j]) {
			text = text[j+1:]
			if len(text) > 0 && text[0] == ' ' {
				text = text[1:]
			}
		}
	}
	return text, deco
}

func trimSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	j := len(b)
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t') {
		j--
	}
	return b[i:j]
}

// inside handles a line of the current histogram; false means the histogram
// ended and the line belongs outside.
func (r *Reader) inside(line []byte) bool {
	s := r.cur
	text := line
	if len(line) > 0 && line[0] == '[' {
		text, _ = undecorate(line)
	}
	t := trimSpace(text)
	if len(t) == 0 {
		if s.Rows > 0 {
			r.close()
		}
		return true
	}
	c := t[0]
	if c >= '0' && c <= '9' {
		if r.row(s, text) {
			r.flushStray()
			return true
		}
		if isPIDLine(t) {
			r.close()
			return false
		}
		return r.strayLine(t)
	}
	switch {
	case c == '-' && bytes.HasPrefix(t, []byte("---")):
		return true
	case c == 'T' && bytes.HasPrefix(t, []byte("Total")):
		r.flushStray()
		r.total(s, t)
		r.close()
		return true
	case c == 'H' && bytes.HasPrefix(t, []byte("Heap traversal took")):
		return true // the agent, after its rows
	case c == ',' && bytes.HasSuffix(t, []byte("secs]")):
		r.close() // JDK 8 GC log: end of "[Class Histogram (...):"
		return true
	}
	if headerFormat(t) != FormatUnknown || bytes.HasPrefix(t, []byte("Object Histogram:")) ||
		bytes.HasPrefix(t, []byte("Attaching to process ID")) || bytes.Contains(t, []byte("Class Histogram (")) {
		r.close()
		return false
	}
	return r.strayLine(t)
}

// strayLine keeps a line inside a histogram that is not a row. When rows or
// the Total line follow, it was an unreadable row; when several such lines
// follow the last row, the histogram was cut and what follows is something
// else (application output): the histogram ends without them.
func (r *Reader) strayLine(t []byte) bool {
	if len(r.stray) == maxStray-1 && r.cur.Rows > 0 {
		r.close()
		return false
	}
	r.stray = append(r.stray, Problem{Pos: Pos{r.name, r.line}, Msg: "not a histogram row", Text: string(t[:min(len(t), 120)])})
	return true
}

func (r *Reader) flushStray() {
	for _, p := range r.stray {
		r.cur.Unparsed++
		r.problem(p.Line, p.Msg, []byte(p.Text))
	}
	r.stray = r.stray[:0]
}

// row reads a row into s.
func (r *Reader) row(s *Snapshot, text []byte) bool {
	name, c, ok := splitRow(text, s.Format)
	if !ok {
		return false
	}
	var mod, ver []byte
	if s.Format == FormatHotSpotModules {
		name, mod, ver = peelModule(name)
		if s.JVM == "" && len(ver) > 0 && string(mod) == "java.base" {
			s.JVM = string(ver)
		}
	}
	cn, _ := canonical(r.nbuf, name)
	if len(cn) > 0 && &cn[0] != &name[0] {
		r.nbuf = cn[:0]
	}
	module := ""
	if len(mod) > 0 {
		if string(mod) != r.module {
			// Rows of one module come in runs: the table is asked only
			// when the module changes.
			r.module = internModule(mod)
		}
		module = r.module
	}
	s.add(cn, module, c)
	return true
}

// internModule returns a module name, allocated once: a histogram names a
// few dozen modules over thousands of rows.
func internModule(b []byte) string { return names.intern(b) }

// splitRow splits a row into its name and counts, by hand: the name is
// everything after the bytes column, spaces and all.
func splitRow(b []byte, f Format) (name []byte, c Count, ok bool) {
	i := skipBlank(b, 0)
	n1, j := number(b, i)
	if j == i {
		return nil, c, false
	}
	i = j
	switch f {
	case FormatSA5: // size count name
		k := skipBlank(b, i)
		if k == i {
			return nil, c, false
		}
		n2, j := number(b, k)
		if j == k {
			return nil, c, false
		}
		c = Count{Instances: n2, Bytes: n1}
		i = j
	default:
		if f == FormatOpenJ9 {
			if i < len(b) && b[i] == ':' {
				i++
			}
		} else {
			if i >= len(b) || b[i] != ':' {
				return nil, c, false
			}
			i++
		}
		k := skipBlank(b, i)
		if k == i {
			return nil, c, false
		}
		inst, j := number(b, k)
		if j == k {
			return nil, c, false
		}
		k = skipBlank(b, j)
		if k == j {
			return nil, c, false
		}
		size, j2 := number(b, k)
		if j2 == k {
			return nil, c, false
		}
		c = Count{Instances: inst, Bytes: size}
		i = j2
	}
	k := skipBlank(b, i)
	if k == i || k == len(b) {
		return nil, c, false
	}
	name = b[k:]
	e := len(name)
	for e > 0 && (name[e-1] == ' ' || name[e-1] == '\t') {
		e--
	}
	return name[:e], c, true
}

func skipBlank(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// number reads a non-negative decimal of at most 18 digits at b[i:] and
// returns the index after it; j == i when there is none.
func number(b []byte, i int) (int64, int) {
	var v int64
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		if j-i == 18 {
			return 0, i
		}
		v = v*10 + int64(b[j]-'0')
		j++
	}
	return v, j
}

// total reads "Total 4273598 302566696" or the agent's "Total : \t96833\t13699720".
// Old agents summed in a 32-bit int: a negative total is read as it is and
// Check explains it.
func (r *Reader) total(s *Snapshot, t []byte) {
	i := len("Total")
	i = skipBlank(t, i)
	if i < len(t) && t[i] == ':' {
		i = skipBlank(t, i+1)
	}
	var vals [2]int64
	for k := range vals {
		neg := i < len(t) && t[i] == '-'
		if neg {
			i++
		}
		v, j := number(t, i)
		if j == i {
			s.Unparsed++
			r.problem(r.line, "unreadable Total line", t)
			return
		}
		if neg {
			v = -v
		}
		vals[k] = v
		i = skipBlank(t, j)
	}
	s.Total = Count{Instances: vals[0], Bytes: vals[1]}
	s.HasTotal = true
	s.TotalLine = r.line
}

func isPIDLine(t []byte) bool {
	return len(t) > 1 && t[len(t)-1] == ':' && allDigits(t[:len(t)-1])
}

// headerFormat recognises a histogram's column header.
func headerFormat(t []byte) Format {
	switch {
	case bytes.HasPrefix(t, []byte("num")):
		switch {
		case bytes.Contains(t, []byte("#instances")):
			switch {
			case bytes.Contains(t, []byte("Class description")):
				return FormatSA
			case bytes.HasSuffix(t, []byte("(module)")):
				return FormatHotSpotModules
			}
			return FormatHotSpot
		case bytes.Contains(t, []byte("object count")):
			return FormatOpenJ9
		}
	case bytes.HasPrefix(t, []byte("Size")) && bytes.Contains(t, []byte("Count")) && bytes.Contains(t, []byte("Class description")):
		return FormatSA5
	}
	return FormatUnknown
}

// outside handles a line outside any histogram: headers, and the lines before
// them that say which JVM, when, and which objects.
func (r *Reader) outside(line []byte) {
	afterPID := r.afterPID
	r.afterPID = false
	text, deco := line, []byte(nil)
	if len(line) > 0 && line[0] == '[' {
		text, deco = undecorate(line)
	}
	t := trimSpace(text)
	if len(t) == 0 {
		return
	}
	if f := headerFormat(t); f != FormatUnknown {
		if deco != nil {
			if tm, ok := decorationTime(deco); ok {
				r.when = tm
			}
		}
		r.start(f)
		return
	}
	c := t[0]
	switch {
	case c >= '0' && c <= '9':
		if isPIDLine(t) {
			r.resetPending()
			r.pid = string(t[:len(t)-1])
			r.afterPID = true
			return
		}
		if tm, ok := r.leadingTime(t); ok {
			r.when = tm
			if bytes.Contains(t, []byte("Class Histogram (")) {
				r.histogramMarker(t)
			}
			return
		}
		if _, _, ok := splitRow(t, FormatHotSpot); ok {
			if r.rowsOut == 0 {
				r.firstRow = r.line
			}
			r.rowsOut++
		}
		if bytes.Contains(t, []byte("Class Histogram (")) {
			r.histogramMarker(t)
		}
	case bytes.HasPrefix(t, []byte("Attaching to process ID ")):
		r.resetPending()
		p := t[len("Attaching to process ID "):]
		if i := bytes.IndexByte(p, ','); i > 0 {
			p = p[:i]
		}
		r.pid = string(p)
		r.sa = true
	case bytes.HasPrefix(t, []byte("JVM version is ")):
		r.jvm = string(t[len("JVM version is "):])
	case bytes.HasPrefix(t, []byte("Object Histogram:")):
		r.sa = true
	case bytes.HasPrefix(t, []byte("Full thread dump ")):
		// "Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):"
		if i := bytes.IndexByte(t, '('); i > 0 {
			v := t[i+1:]
			if j := bytes.IndexAny(v, " )"); j > 0 {
				r.jvm = string(v[:j])
			}
		}
	case bytes.HasPrefix(t, []byte("Heap inspection file created: ")):
		r.reason = &Problem{Pos: Pos{r.name, r.line},
			Msg: "jmap wrote the histogram to " + string(t[len("Heap inspection file created: "):]) + " (option file=): read that file instead"}
	case afterPID && bytes.HasPrefix(t, []byte("java.")) || afterPID && bytes.HasPrefix(t, []byte("com.sun.")):
		if r.reason == nil {
			r.reason = &Problem{Pos: Pos{r.name, r.line}, Msg: "jcmd could not run the command", Text: string(t[:min(len(t), 120)])}
		}
	case bytes.Contains(t, []byte("Class Histogram (")):
		if deco != nil {
			if tm, ok := decorationTime(deco); ok {
				r.when = tm
			}
		}
		r.histogramMarker(t)
	}
}

// histogramMarker reads which objects the next histogram of a GC log counts:
// "Class Histogram (before full gc)" counts everything, "(after full gc)"
// what survived. The closing line of unified logging ("... 3.289ms") is not
// a start.
func (r *Reader) histogramMarker(t []byte) {
	if bytes.HasSuffix(t, []byte("ms")) || bytes.HasSuffix(t, []byte("secs]")) {
		return
	}
	switch {
	case bytes.Contains(t, []byte("(before full gc)")):
		r.objects = ObjectsAll
	case bytes.Contains(t, []byte("(after full gc)")):
		r.objects = ObjectsLive
	}
}

func (r *Reader) resetPending() {
	r.pid, r.jvm, r.objects, r.when, r.sa = "", "", ObjectsUnknown, time.Time{}, false
}

// lastClasses is the number of classes of the last histogram any Reader
// read: a size hint for the next.
var lastClasses atomic.Int64

// start begins a histogram at its header line.
func (r *Reader) start(f Format) {
	s := &Snapshot{Source: r.name, Line: r.line, Format: f, PID: r.pid, JVM: r.jvm, Objects: r.objects, Time: r.when}
	if f == FormatSA || f == FormatSA5 || r.sa {
		s.Objects = ObjectsAll // the agent walks the whole heap
	}
	// Most histograms hold thousands of classes, and the snapshots of a
	// trend are alike: start as big as the last one read, so that
	// appending rarely copies.
	hint := max(r.sizeHint, int(lastClasses.Load()), 1024)
	s.Classes = make([]Class, 0, hint+hint/8)
	r.cur = s
	// A GC log or a stdout holds several histograms: each says again what it is.
	r.objects = ObjectsUnknown
	r.when = time.Time{}
}

// decorationTime reads the time decoration of a unified logging line.
func decorationTime(deco []byte) (time.Time, bool) {
	for len(deco) > 0 && deco[0] == '[' {
		j := bytes.IndexByte(deco, ']')
		if j < 0 {
			break
		}
		if tm, ok := isoTime(deco[1:j]); ok {
			return tm, true
		}
		deco = deco[j+1:]
	}
	return time.Time{}, false
}

// isoTime reads "2026-11-22T05:44:30.928+0000" (unified logging, JDK 8 date
// stamps) and its variants with a colon in the offset or a Z.
func isoTime(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[10] != 'T' {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05-0700"} {
		if len(b) < len(layout)-2 {
			continue
		}
		if tm, err := time.Parse(layout, string(b)); err == nil {
			return tm, true
		}
	}
	return time.Time{}, false
}

// leadingTime reads a time at the start of a line: a JDK 8 date stamp
// ("2021-10-07T10:05:58.708+0100: ...") or a thread dump's date line
// ("2026-11-22 05:44:52"), which is in local time.
func (r *Reader) leadingTime(t []byte) (time.Time, bool) {
	if len(t) < 19 || t[4] != '-' || t[7] != '-' {
		return time.Time{}, false
	}
	if t[10] == 'T' {
		end := bytes.IndexByte(t, ' ')
		if end < 0 {
			end = len(t)
		}
		return isoTime(bytes.TrimSuffix(t[:end], []byte(":")))
	}
	if t[10] == ' ' && len(t) == 19 {
		loc := r.Location
		if loc == nil {
			loc = time.Local
		}
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", string(t), loc)
		return tm, err == nil
	}
	return time.Time{}, false
}
