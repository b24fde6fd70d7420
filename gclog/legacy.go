package gclog

import (
	"bytes"
	"time"
)

// HotSpot legacy logging: -verbose:gc and the -XX:+PrintGC* flags, JDK 1.3
// to 8, every collector (Serial, Parallel, CMS, G1, the JDK 8 Shenandoah
// backport).
//
// A collection is one bracketed record, optionally stamped with a date
// (-XX:+PrintGCDateStamps) and an uptime (-XX:+PrintGCTimeStamps):
//
//	2014-07-24T12:00:00.123+0200: 12.345: [GC (Allocation Failure) 12.345: [ParNew: 1K->2K(3K), 0.01 secs] 4K->5K(6K), 0.01 secs] [Times: ...]
//
// A record may run over several lines (tenuring distribution, FLS
// statistics, G1 ergonomics, class histograms print inside it), and a
// concurrent phase of CMS or G1 may be printed in the middle of it. The
// parser therefore works in three steps per line:
//
//  1. cut out "asides": concurrent phase lines and G1 ergonomics, wherever
//     they are in the line, and handle them on their own;
//  2. drop lines known to carry nothing for the model (safepoint times,
//     tenuring, heap-at-GC blocks, FLS statistics, histograms, G1 phase
//     details) and use the few detail lines that do (G1 "[Eden: ...]",
//     "[Times: ...]");
//  3. append the rest to the open record until its brackets balance, then
//     read the record (legacy_record.go).
//
// Most lines take shortcuts through these steps, each decided on a few bytes
// and giving what the full path would: the commonest line of all, a young
// collection of ParNew, DefNew or PSYoungGen with its times, is read left to
// right as that one shape (youngRecord, legacy_young.go); a line outside a
// record that is one detail group goes straight to step 2; a line that is
// one whole record (with its times) is read in one pass (wholeRecord);
// searches for asides, noise and record starts look first for a byte the
// text must hold; a record closed on its first line is read where it is,
// with the stamps read for that line.
//
// Memory is bounded: one open record (at most legacyMaxRecord bytes) and one
// event waiting for its detail lines.
var legacyFamily = family{
	name:      "hotspot-legacy",
	claims:    legacyClaims,
	newParser: func(out *emitter) lineParser { return newLegacyParser(out) },
}

// legacyMaxRecord bounds the text kept for one record; a longer one is a
// lost bracket, reported as unparsed.
const legacyMaxRecord = 64 << 10

// legacyClaims accepts only lines unified logging never writes.
func legacyClaims(line []byte) bool {
	switch {
	case hasPrefix(line, "Java HotSpot(TM) ") || hasPrefix(line, "OpenJDK "):
		return indexOf(line, " VM (") > 0
	case hasPrefix(line, "CommandLine flags: "), hasPrefix(line, "{Heap before GC invocations="),
		hasPrefix(line, "{Heap before gc invocations="):
		return true
	}
	if legacySafepoint(line) || indexOf(line, " GC log file created ") > 0 {
		return true
	}
	_, _, n := legacyStamp(line, nil)
	rest := line[n:]
	if hasPrefix(rest, ": [") { // ": [ParNew" continuing a split line
		rest = rest[2:]
	}
	if len(rest) < 2 || rest[0] != '[' {
		return false
	}
	name := rest[1:]
	switch {
	case hasPrefix(name, "GC Worker"):
		return false
	case hasPrefix(name, "GC ") || hasPrefix(name, "GC(") || hasPrefix(name, "GC[") || hasPrefix(name, "GC--") || string(name) == "GC":
		return true
	case hasPrefix(name, "GC") && len(name) > 2 && name[2] >= '0' && name[2] <= '9':
		return true
	case hasPrefix(name, "GC") && (hasPrefix(name[2:], "Before GC:") || hasPrefix(name[2:], "AdaptiveSize")):
		return true
	case hasPrefix(name, "Full GC"), hasPrefix(name, "CMS-concurrent-"), hasPrefix(name, "PSYoungGen"),
		hasPrefix(name, "ParNew"), hasPrefix(name, "DefNew"):
		return true
	case n > 0 && (hasPrefix(name, "Pause ") || hasPrefix(name, "Concurrent ")):
		return true // JDK 8 Shenandoah, always stamped
	}
	return false
}

// legacyStamp reads the optional date and uptime stamps at the start of b,
// after optional spaces: "2014-07-24T12:00:00.123+0200: 12.345: ". It
// returns what it found (zero time, -1 uptime when absent) and the bytes used.
func legacyStamp(b []byte, loc *time.Location) (t time.Time, up time.Duration, n int) {
	return legacyStampWith(b, loc, nil)
}

// stamp is legacyStamp reading dates through the parser's cache of the last
// one.
func (p *legacyParser) stamp(b []byte, loc *time.Location) (time.Time, time.Duration, int) {
	return legacyStampWith(b, loc, &p.dates)
}

// legacyStampWith is legacyStamp with a cache of the last date read (nil for
// none).
func legacyStampWith(b []byte, loc *time.Location, dates *legacyClock) (t time.Time, up time.Duration, n int) {
	up = -1
	for n < len(b) && b[n] == ' ' {
		n++
	}
	start := n
	if n == len(b) || (b[n] != '#' && (b[n] < '0' || b[n] > '9')) {
		return t, up, start // most lines that are not stamped: told on one byte
	}
	if v, k := legacyUptimeStamp(b[n:]); k > 0 {
		return t, v, n + k
	}
	// What may be a date is read as one: where legacyMayBeStamp would
	// find nothing, so does the reading of a date and an uptime below.
	date := len(b)-n > 19 && b[n+4] == '-' && legacyDateGoesOn(b[n+19])
	if !date && !legacyMayBeStamp(b[n:]) {
		return t, up, start
	}
	if date {
		if tt, k, ok := dates.scan(b[n:], loc); ok && n+k < len(b) && b[n+k] == ':' {
			t = tt
			n += k + 1
			if n < len(b) && b[n] == ' ' {
				n++
			}
		}
	}
	// An uptime always has a fraction: "12.345:" ("12,345:" in some locales).
	i := n
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if v, k := legacyUptime(b[i:]); k > 0 {
		// The commonest, read in one pass: what the reading below finds.
		up = time.Duration(v)
		n = i + k
		if n < len(b) && b[n] == ' ' {
			n++
		}
	} else if v, k := scanDecimal(b[i:]); k > 0 && i+k < len(b) && b[i+k] == ':' && legacyHasFraction(b[i:i+k]) {
		up = time.Duration(v)
		n = i + k + 1
		if n < len(b) && b[n] == ' ' {
			n++
		}
	}
	if t.IsZero() && up < 0 {
		// A GC id alone is read as stamps; without one, there are none.
		if m := legacySkipGCID(b, n); m > n {
			return t, up, m
		}
		return t, up, start
	}
	return t, up, legacySkipGCID(b, n)
}

// legacyUptimeStamp reads the commonest stamp, an uptime alone ("12.345: ",
// with the GC id that may follow), at the start of b in one pass: what
// legacyStamp finds there. It returns the uptime and the bytes used, 0 for
// any other text (a date, which legacyStamp reads).
func legacyUptimeStamp(b []byte) (time.Duration, int) {
	if len(b) >= 19 && b[4] == '-' {
		return 0, 0 // maybe a date
	}
	v, k := legacyUptime(b)
	if k == 0 {
		return 0, 0
	}
	if k < len(b) && b[k] == ' ' {
		k++
	}
	return time.Duration(v), legacySkipGCID(b, k)
}

// legacyDateGoesOn reports whether c, the byte after the seconds of what
// may be a date ("2016-04-14 22:30:08" and c), can go on with what a date
// read as a stamp has after them: a fraction, a zone, or the colon that
// ends the stamp. After any other byte (or none) a date read there ends at
// its seconds with no colon after it: legacyStampWith would not take it,
// and does not read it. (HotSpot's "2016-04-14 22:30:08 GC log file
// created ..." had its date read twice, each time put in the parser's cache
// of the last minute in place of the stamps' one.)
func legacyDateGoesOn(c byte) bool {
	return c == '.' || c == ',' || c == 'Z' || c == '+' || c == '-' || c == ':'
}

// legacySkipGCID skips the -XX:+PrintGCID "#12: " at b[n:], if there is
// one, returning the index after it.
func legacySkipGCID(b []byte, n int) int {
	if n+1 < len(b) && b[n] == '#' {
		if _, k := scanUint(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ':' {
			n += k + 2
			if n < len(b) && b[n] == ' ' {
				n++
			}
		}
	}
	return n
}

// legacyUptime reads the commonest stamp, an uptime of up to 9 digits, a
// '.' or ',' and 1 to 9 digits, then a colon ("12.345:"), as scanDecimal
// and legacyStamp read it, in one pass. It returns the uptime in
// nanoseconds and the bytes used with the colon; 0 bytes for any other text.
func legacyUptime(b []byte) (int64, int) {
	whole, i := legacyWordDigits(b) // legacyDigits, inlined
	if i == 0 || i == 8 {
		whole, i = legacyDigitsLong(b, 0)
	}
	if i == 0 || i > 9 || i+1 >= len(b) || (b[i] != '.' && b[i] != ',') {
		return 0, 0
	}
	frac, digits := legacyWordDigits(b[i+1:]) // legacyDigits, inlined
	if digits == 0 || digits == 8 {
		var j int
		frac, j = legacyDigitsLong(b, i+1)
		digits = j - i - 1
	}
	j := i + 1 + digits
	if digits == 0 || digits > 9 || j >= len(b) || b[j] != ':' {
		return 0, 0
	}
	return whole*1e9 + frac*pow10[9-digits], j + 1
}

// legacyMayBeStamp is a quick test of the first bytes of b that fails where
// legacyStamp would find nothing: a stamp starts with a date ("2014-"), an
// uptime with a fraction and a colon ("12.345:") or a GC id ("#12"). It
// tells an uptime from a duration ("0.0123 secs") or a size.
func legacyMayBeStamp(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] == '#' {
		return true
	}
	i := legacySkipDigits(b, 0)
	switch {
	case i == 0 || i == len(b):
		return false
	case i == 4 && b[i] == '-':
		return true
	case b[i] == '.' || b[i] == ',':
		i = legacySkipDigits(b, i+1)
		return i < len(b) && b[i] == ':'
	}
	return false
}

func legacySkipDigits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// legacySafepoint reports whether a line is -XX:+PrintGCApplicationStoppedTime
// or -XX:+PrintGCApplicationConcurrentTime output, wherever its stamps are.
func legacySafepoint(line []byte) bool {
	_, _, n := legacyStamp(line, nil)
	s := line[n:]
	return hasPrefix(s, "Total time for which application threads were stopped") || hasPrefix(s, "Application time:")
}

func legacyHasFraction(num []byte) bool {
	for i := 1; i < len(num); i++ {
		if num[i] == '.' || num[i] == ',' {
			return true
		}
	}
	return false
}

// legacyParser is the line state machine.
type legacyParser struct {
	out *emitter

	rec       []byte // the open record's text; nil when none is open
	recBuf    []byte // the array of the last record, for the next
	recPos    Pos
	recLines  int
	recStamps legacyStamps // the record's stamps when read with its first line
	depth     int

	pend      *Event   // the last record's event, waiting for its detail lines
	heap      bool     // inside a PrintHeapAtGC block
	cut       []byte   // scratch for a line with asides cut out
	nested    []*Event // collections printed inside the record being read
	names     map[string]string
	causes    map[string]legacyCause
	lastCause legacyCause // the cause read last
	nameBuf   []byte      // G1 name qualifiers of the records being read, nested ones after the outer
	nameFull  []byte      // scratch for a record's full name
	carry     bool        // the last line ended in a lone "["
	carryBuf  []byte
	seen      legacySeen
	flagsGC   string // collector named by the command line flags
	// shenandoah: the JVM writing now is a JDK 8 Shenandoah one (its
	// flags say so, or a Shenandoah record was read since its banner), whose
	// indented and microsecond lines are ignorable. Not seen's bit, which
	// keeps the collectors of every JVM of the log: a JVM of another
	// collector started after one would have its indented lines, " (concurrent
	// mode failure): ..." among them, taken for Shenandoah's.
	shenandoah bool
	dates      legacyClock
	events     eventBlock // where events are allocated, several at a time
	general    bool       // no wholeRecord nor youngRecord: for tests that compare them with the general path
	notYoung   bool       // no youngRecord: for tests that compare it with wholeRecord
}

func newLegacyParser(out *emitter) *legacyParser {
	return &legacyParser{out: out, names: map[string]string{}}
}

// intern returns b as a string, allocated once per distinct value: causes
// and phase names repeat on every event.
func (p *legacyParser) intern(b []byte) string {
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.names) < 1024 {
		p.names[s] = s
	}
	return s
}

func (p *legacyParser) parse(text []byte, pos Pos) {
	for len(text) > 0 && (text[len(text)-1] == ' ' || text[len(text)-1] == '\t' || text[len(text)-1] == '\r') {
		text = text[:len(text)-1]
	}
	if len(text) == 0 {
		return
	}
	// The commonest line of all, a young collection, is read before the
	// search for heap blocks (it holds no 'H') and what line would do
	// before youngRecord: nothing, with no record open and no '[' carried.
	if text[len(text)-1] == ']' && (text[0] == '[' || text[0]-'0' <= 9) && p.rec == nil && !p.heap && !p.carry && !p.general && !p.notYoung &&
		p.youngRecord(text, pos) {
		return
	}
	if p.heap && p.heapLine(text) {
		return
	}
	if text[0] == '}' {
		p.heap = false
		text = bytes.TrimLeft(text[1:], " ")
		if len(text) == 0 {
			return
		}
	}
	if text[0] == 'H' && (hasPrefix(text, "Heap after GC") || hasPrefix(text, "Heap before GC") || hasPrefix(text, "Heap after gc") ||
		hasPrefix(text, "Heap before gc") || string(text) == "Heap") {
		p.heap = true
		return
	}
	i := -1
	// "Heap " is in each of the four: one search for most lines, and
	// before it one for its 'H', which most lines lack (the vectorised
	// byte search costs a third of the string search on short lines).
	if h := bytes.IndexByte(text, 'H'); h >= 0 && indexOf(text[h:], "Heap ") >= 0 {
		i = indexOf(text, "{Heap before GC")
		if i < 0 {
			i = indexOf(text, "{Heap before gc")
		}
		if i < 0 {
			if i = indexOf(text, "Heap after GC"); i < 0 {
				i = indexOf(text, "Heap after gc")
			}
		}
	}
	if i >= 0 {
		// A heap-at-GC block, possibly printed after the start of a record.
		if i > 0 {
			p.line(text[:i], pos)
		}
		p.heap = true
		return
	}
	p.line(text, pos)
}

// heapLine reports whether text belongs to the PrintHeapAtGC block being read
// (and ends the block when it does not).
func (p *legacyParser) heapLine(text []byte) bool {
	switch {
	case text[0] == ' ' || text[0] == '\t':
		return true
	case text[0] == '}':
		return false // parse ends the block
	case hasPrefix(text, "No shared spaces configured"), hasPrefix(text, "Heap after GC invocations="),
		hasPrefix(text, "Heap before GC invocations="), hasPrefix(text, "Heap"):
		return true
	}
	p.heap = false
	return false
}

// line handles one line or the rest of one.
func (p *legacyParser) line(text []byte, pos Pos) {
	if p.carry {
		// "[" left alone on the last line by a phase cut out of it.
		p.carry = false
		p.carryBuf = append(append(p.carryBuf[:0], '['), bytes.TrimLeft(text, " ")...)
		text = p.carryBuf
	}
	if p.rec == nil {
		// Most lines outside a record are one detail group: G1 phase
		// details, "[Eden: ...]", "[Times: ...]"; or a whole record (most
		// young collections are read by parse, with youngRecord).
		if inner, ok := legacyLoneGroup(text); ok && p.detailGroup(inner) {
			return
		}
		if !p.general && p.wholeRecord(text, pos) {
			return
		}
	}
	text = p.cutAsides(text, pos)
	text = p.cutNoise(text)
	if legacyBlank(text) {
		return
	}
	if p.rec == nil && (text[0] == '[' || !legacyPrintable(text[0])) && string(bytes.TrimSpace(text)) == "[" {
		p.carry = true
		return
	}
	t, up, n := p.stamp(text, p.out.loc)
	rest := text[n:]
	start := legacyRecordStart(rest)
	if p.rec != nil {
		if !start || p.nests() {
			p.continueRecord(text, pos)
			return
		}
		// A new record while one is open: the open one lost its end.
		p.closeRecord()
	}
	if start {
		// "2.000: [GC2.000: [ParNew3.000: [GC 3.000: [ParNew: ...": records
		// that lost their ends before a whole one.
		if i := legacyRecordIndexFrom(text, n+1); i > 0 && legacyLooksFragment(text[:i]) {
			p.openRecord(text[i:], pos)
			return
		}
		// The record's stamps are the line's: read once.
		p.openRecordStamped(text, pos, legacyStamps{t, up, n, true})
		return
	}
	if i := legacyRecordIndex(text); i > 0 {
		// Something else printed before a record on its line: application
		// output, or the start of a record that lost its end.
		head := text[:i]
		switch {
		case indexOf(head, "->") >= 0 || indexOf(head, "secs") >= 0:
			p.out.unparsed(head, pos, "record cut short")
		case bytes.IndexByte(head, '[') >= 0 && legacyLooksFragment(head):
			// "831626.089: [ParNew": a record start with no figures, cut
			// by the next record. Nothing to report.
		default:
			p.foreign(head, pos)
		}
		p.openRecord(text[i:], pos)
		return
	}
	p.other(text, rest, pos)
}

// wholeRecord is the fast path of line for the commonest line of all: one
// record, from its stamps to the ']' that closes it, followed by nothing or
// by its "[Times: ...]":
//
//	10.100: [GC (Allocation Failure) 10.100: [ParNew: 78656K->8704K(78656K), 0.0123 secs] 200000K->140000K(1040512K), 0.0124 secs] [Times: ...]
//	2.412: [GC (Metadata GC Threshold) [PSYoungGen: 30000K->5000K(76288K)] 40000K->15000K(251392K), 0.0100000 secs] [Times: ...]
//	1.000: [GC pause (G1 Humongous Allocation) (young) (initial-mark), 0.0050000 secs]
//
// It reads the line in one pass where line would take several (asides,
// noise, stamps, record starts, brackets, then the record's walk), and
// reports whether it did: it declines, having changed nothing but caches,
// any line where one of those passes could find something, which line then
// reads. Such a line holds at its top level only qualifiers, figures,
// words and groups with no bracket inside (walkWhole); none of these is a
// concurrent phase, G1 ergonomics or a collection, or holds the statistics
// cutNoise removes. What it reads is then what walk reads, with the same
// helpers, and it does what line does with the record and the
// "[Times: ...]".
func (p *legacyParser) wholeRecord(text []byte, pos Pos) bool {
	// Quick tests first, on lines this declines: one that ends otherwise
	// opens a record for lines to come; one whose first bracket opens a
	// concurrent phase is one (cutAsides).
	if len(text) == 0 || text[len(text)-1] != ']' {
		return false
	}
	k := bytes.IndexByte(text, '[')
	if k < 0 || legacyAsideName(text[k+1:]) != "" {
		return false
	}
	// One with a concurrent phase, G1 ergonomics or a collection in a
	// later bracket is not one record: walkWhole declines it at that
	// bracket, and what follows the record is read only as times.
	t, up, n := p.stamp(text, p.out.loc)
	b := text[n:]
	if !legacyRecordStart(b) {
		return false
	}
	body := b[1:]
	// (body starts after the first bracket, stamps holding none: it was
	// looked at for the name of an aside above.)
	if hasPrefix(body, "Class Histogram") || hasPrefix(body, "Pause ") {
		return false
	}
	label, ok := legacyRecordLabel(body)
	if !ok {
		return false
	}
	var st legacyRecState
	ev := p.newRecordEvent(&label, pos, t, up, &st)
	var seen legacySeen // p.seen is set once the line is known to be read here
	if st.g1 {
		seen |= legacySeenG1
	}
	end := p.walkWhole(ev, body, len(label.text), &st, &seen)
	if end < 0 {
		p.nameBuf = p.nameBuf[:st.nameFrom]
		return false
	}
	// What follows the record: nothing, or what line would read as a
	// detail group that sets the pause (legacyLoneGroup, detailGroup).
	rest := body[end+1:]
	var times []byte
	if inner, ok := legacyLoneGroup(rest); ok && hasPrefix(inner, "Times:") {
		times = inner // the commonest: told first
	} else if !legacyBlank(rest) {
		p.nameBuf = p.nameBuf[:st.nameFrom]
		return false
	}
	p.closeWhole(ev, &st, legacyStamps{t, up, n, true}, pos, seen, times)
	return true
}

// walkWhole is walk for wholeRecord, from body[from:] to the ']' that
// closes the record, whose index it returns: -1 when the record does not
// end on the line or holds anything that could make line read it otherwise
// than walk does (legacyWholeGroup, legacyWholeChild, legacyPlainText). It
// leaves the collectors the record names in seen.
func (p *legacyParser) walkWhole(ev *Event, body []byte, from int, st *legacyRecState, seen *legacySeen) int {
	for i := from; i < len(body); {
		c := body[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == ')':
			i++
		case c == ']':
			return i
		case c == '(':
			if j := p.lastCauseAt(ev, body[i:]); j > 0 {
				i += j + 1 // the commonest, read as below
				continue
			}
			j := legacyParen(body[i:])
			if i+j == len(body) || !p.qualifier(ev, body[i+1:i+j], st, seen) {
				return -1
			}
			i += j + 1
		case c == '[':
			j := bytes.IndexByte(body[i+1:], ']')
			if j < 0 {
				return -1
			}
			// Space groups, the most, are read on their own; others
			// by child, when it can.
			if g := body[i+1 : i+1+j]; !legacyWholeGroup(ev, g, st, seen) {
				if !legacyWholeChild(g) {
					return -1
				}
				p.child(ev, g, st, seen)
			}
			i += j + 2
		case c >= '0' && c <= '9':
			k := p.figure(ev, body[i:], st)
			if k == 0 {
				return -1
			}
			i += k
		default:
			// A word, as walk takes it: "icms_dc=10". One ending in a
			// '[' could be "size[" to cut.
			j := i
			for j < len(body) && body[j] != ' ' && body[j] != '[' && body[j] != '(' && body[j] != ',' {
				j++
			}
			w := body[i:j]
			if (j < len(body) && body[j] == '[') || !legacyPlainText(w) {
				return -1
			}
			p.word(ev, w, st, seen)
			i = j
		}
	}
	return -1
}

// legacyPlainText reports whether q, text at the top level of a record (a
// qualifier, a word) or a group in it, holds no bracket and none of the
// statistics cutNoise removes. ("size[" cannot be in a record wholeRecord
// reads: a word before a '[' is declined, and no other text there ends in
// "size".)
func legacyPlainText(q []byte) bool {
	if bytes.IndexByte(q, '[') >= 0 || bytes.IndexByte(q, ']') >= 0 {
		return false
	}
	// The bytes cutNoise looks for first. "CMS: Large block" may be read
	// as two words: "Large" alone is enough.
	return (bytes.IndexByte(q, 'z') < 0 && bytes.IndexByte(q, 'L') < 0) ||
		(indexOf(q, "AdaptiveSize") < 0 && indexOf(q, "Large") < 0)
}

// legacyWholeChild reports whether wholeRecord can read g, the text of a
// group with no bracket inside, with child: a group that is not a
// collection (child would read it as a record of its own, and line could
// take it for the start of one), a concurrent phase or G1 ergonomics
// (cutAsides), and holds none of the statistics cutNoise removes.
func legacyWholeChild(g []byte) bool {
	return !hasPrefix(g, "GC") && !hasPrefix(g, "Full GC") && legacyAsideName(g) == "" && legacyPlainText(g)
}

// legacyWholeGroup reads a space group of a record read by wholeRecord,
// "ParNew: 78656K->8704K(78656K), 0.0123 secs", "CMS Perm : 1K->1K(2K)",
// as child and legacySpaceGroup would, and reports whether it did: the
// name must be one of legacySpaceName's, the transition and duration alone
// after it.
func legacyWholeGroup(ev *Event, g []byte, st *legacyRecState, seen *legacySeen) bool {
	colon := bytes.IndexByte(g, ':')
	if colon < 0 {
		return false
	}
	name := g[:colon]
	for len(name) > 0 && name[len(name)-1] == ' ' {
		name = name[:len(name)-1]
	}
	space, sseen := legacySpaceName(name)
	if space == "" || colon+1 == len(g) || g[colon+1] != ' ' {
		return false
	}
	data := g[colon+2:]
	s, k := legacyTransition(data)
	if k == 0 {
		return false
	}
	if rest := data[k:]; len(rest) > 0 {
		// ", 0.0123000 secs"
		if !hasPrefix(rest, ", ") {
			return false
		}
		if _, k := legacyDuration(rest[2:]); k == 0 || 2+k != len(rest) {
			return false
		}
	}
	*seen |= sseen
	legacyMarkGen(space, st)
	ev.SetSpace(space, s)
	return true
}

// legacyPrintable reports whether c is printable ASCII: not white space,
// not part of a multi-byte character.
func legacyPrintable(c byte) bool { return c > ' ' && c < 0x80 }

// legacyBlank is len(bytes.TrimSpace(b)) == 0, decided on the first byte for
// most lines.
func legacyBlank(b []byte) bool {
	if len(b) > 0 && legacyPrintable(b[0]) {
		return false
	}
	return len(bytes.TrimSpace(b)) == 0
}

// legacyTrimIndent is bytes.TrimLeft(b, " \t") without its cutset table.
func legacyTrimIndent(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// nests reports whether a record starting now belongs inside the open one:
// CMS scavenges before remark inside the remark record, once. A remark
// that holds its scavenge already lost its end (the log was cut there, or
// files of a rotated set are missing): the record starting now is the
// next one, and so are the records after it, which would otherwise all be
// swallowed by the remark until it reached legacyMaxRecord.
func (p *legacyParser) nests() bool {
	return (indexOf(p.rec, "YG occupancy") >= 0 || indexOf(p.rec, "CMS Final Remark") >= 0) && p.depth > 0 &&
		legacyRecordIndexFrom(p.rec, bytes.IndexByte(p.rec, '[')+1) < 0
}

// legacyRecordIndex finds a record start after the start of text: the
// stamps and "[GC " or "[Full GC".
func legacyRecordIndex(text []byte) int { return legacyRecordIndexFrom(text, 1) }

func legacyRecordIndexFrom(text []byte, from int) int {
	for i := from; i < len(text); i++ {
		k := bytes.IndexByte(text[i:], '[')
		if k < 0 {
			return -1
		}
		i += k
		if !(hasPrefix(text[i:], "[GC") || hasPrefix(text[i:], "[Full GC")) || !legacyRecordStart(text[i:]) {
			continue
		}
		return legacyStampStart(text, i)
	}
	return -1
}

// legacyLooksFragment reports whether head is only stamps and bracketed names
// of GC records: "831626.089: [ParNew831628.158: [ParNew".
func legacyLooksFragment(head []byte) bool {
	if indexOf(head, "->") >= 0 || indexOf(head, "secs") >= 0 {
		return false
	}
	for i, c := range head {
		if c != '[' {
			continue
		}
		ok := false
		for _, n := range [...]string{"ParNew", "DefNew", "PSYoungGen", "CMS", "Tenured", "GC", "Full GC"} {
			// The name alone, then the stamps of what cut it, or nothing.
			if rest := head[i+1:]; hasPrefix(rest, n) {
				rest = bytes.TrimRight(rest[len(n):], " ")
				_, _, k := legacyStamp(rest, nil)
				ok = len(rest) == 0 || (k > 0 && bytes.IndexByte(rest[k:], '[') == 0) || (k > 0 && k == len(rest))
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// cutNoise removes what statistics options print inside record lines:
// -XX:+PrintFLSStatistics "Before GC:" and "CMS: Large block 0x...",
// "size[N] : " lists, -XX:+PrintAdaptiveSizePolicy text after "[GC".
func (p *legacyParser) cutNoise(text []byte) []byte {
	if hasPrefix(text, "CommandLine flags: ") {
		return text // its flags name the options, "-XX:+PrintAdaptiveSizePolicy"
	}
	text = legacyTrimFLS(text)
	// Each kind of noise has a byte that few record lines hold ('z' of
	// "AdaptiveSize" and "size[", 'L' of "Large"): one quick search for it
	// spares the whole-line search for the text.
	if bytes.IndexByte(text, 'z') < 0 {
		if bytes.IndexByte(text, 'L') < 0 {
			return text
		}
		return p.cutLargeBlocks(text)
	}
	// Many lines hold a 'z' ("Desired survivor size", FLS statistics):
	// each text is searched for only in those that hold another of its
	// bytes as well.
	if i := legacyIndexIf(text, 'A', "AdaptiveSize"); i > 0 {
		head := bytes.TrimSpace(text[:i])
		if len(head) > 0 && string(head) != "PS" && string(head) != "GC" {
			if hasSuffix(text[:i], "PS") {
				i -= 2
			}
			return text[:i]
		}
	}
	if bytes.IndexByte(text, 'L') >= 0 {
		text = p.cutLargeBlocks(text)
	}
	for {
		i := legacyIndexIf(text, '[', "size[")
		if i < 0 {
			break
		}
		j := i + 5
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if !hasPrefix(text[j:], "] :") {
			break
		}
		j += 3
		if j < len(text) && text[j] == ' ' {
			j++
		}
		if hasPrefix(text[j:], "demand:") {
			return text[:i]
		}
		text = p.splice(text, i, j)
	}
	return text
}

// cutLargeBlocks removes -XX:+PrintFLSStatistics "CMS: Large block 0x..."
// from text.
func (p *legacyParser) cutLargeBlocks(text []byte) []byte {
	for indexOf(text, "CMS: Large ") >= 0 {
		i := indexOf(text, "CMS: Large block 0x")
		if i < 0 {
			i = indexOf(text, "CMS: Large Block: 0x")
		}
		if i < 0 {
			break
		}
		j := i + bytes.IndexByte(text[i:], 'x') + 1
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] >= 'a' && text[j] <= 'f') {
			j++
		}
		text = p.splice(text, i, j)
	}
	return text
}

// legacyUnstamped returns where ignorable may go on skipping the stamps of
// trim, a line other reads with its indent cut: after the stamps line read
// (p.stamp(text) left rest after them) when trim is text, for ignorable
// would read the same stamps first (p.stamp skips the same spaces, and the
// length of a date does not depend on the Location it is read in), else
// trim. (A safepoint line, with a date, read its stamps three times.)
func legacyUnstamped(text, trim, rest []byte) []byte {
	if len(trim) == len(text) {
		return rest
	}
	return trim
}

// legacyIndexIf is indexOf(b, s), s holding the byte c: b is searched for
// s only if it holds c, which one vectorised search tells faster than the
// search for s fails.
func legacyIndexIf(b []byte, c byte, s string) int {
	if bytes.IndexByte(b, c) < 0 {
		return -1
	}
	return indexOf(b, s)
}

// splice returns text without text[i:j], in the parser's scratch buffer.
func (p *legacyParser) splice(text []byte, i, j int) []byte {
	// At either end a shorter slice will do: most asides are whole lines.
	switch {
	case i == 0:
		return text[j:]
	case j == len(text):
		return text[:i]
	}
	if len(p.cut) == 0 || &text[0] != &p.cut[0] {
		p.cut = append(p.cut[:0], text...)
		text = p.cut
	}
	text = append(text[:i], text[j:]...)
	p.cut = text
	return text
}

// legacyRecordStart reports whether b (after the stamps) starts a record.
func legacyRecordStart(b []byte) bool {
	if len(b) < 3 || b[0] != '[' {
		return false
	}
	name := b[1:]
	switch name[0] { // the first byte first: most brackets start no record
	case 'G':
		switch {
		case hasPrefix(name, "GC Worker"):
			return false
		case hasPrefix(name, "GC"):
			return len(name) == 2 || name[2] == ' ' || name[2] == '(' || name[2] == '[' || name[2] == '-' || (name[2] >= '0' && name[2] <= '9')
		}
	case 'F':
		if hasPrefix(name, "Full GC") {
			return true
		}
	case 'P':
		if hasPrefix(name, "Pause ") {
			return true
		}
	case 'C':
		if hasPrefix(name, "Class Histogram") {
			return true
		}
	case 'A':
	default:
		return false // no aside starts otherwise either: "[Times:", G1 phase details
	}
	a := legacyAsideName(name)
	return a != "" && a != "G1Ergonomics"
}

// openRecord starts a record at text.
func (p *legacyParser) openRecord(text []byte, pos Pos) {
	p.openRecordStamped(text, pos, legacyStamps{})
}

// legacyStamps is what legacyStamp read at the start of a record.
type legacyStamps struct {
	t    time.Time
	up   time.Duration
	n    int
	read bool // false: not read yet
}

// openRecordStamped is openRecord with the stamps at the start of text
// already read.
func (p *legacyParser) openRecordStamped(text []byte, pos Pos, st legacyStamps) {
	p.flushPending()
	p.recStamps = st
	if p.recBuf == nil {
		p.recBuf = make([]byte, 0, 1024)
	}
	p.rec = p.recBuf[:0]
	p.recPos = pos
	p.recLines = 0
	p.depth = 0
	p.appendRecord(text, pos)
}

// continueRecord handles a line while a record is open.
func (p *legacyParser) continueRecord(text []byte, pos Pos) {
	trim := legacyTrimIndent(text)
	if p.ignorable(trim, text, trim) {
		return
	}
	if !legacyContinues(trim) {
		if legacyJVMStart(text) {
			// A JVM starting (its banner or flags) while a record is
			// open: the record lost its end, and the line is read as
			// where no record is open, as a log read in chunks from
			// there reads it.
			p.closeRecord()
			p.line(text, pos)
			return
		}
		p.foreign(text, pos)
		return
	}
	p.appendRecord(text, pos)
}

// legacyJVMStart reports whether text is a line a JVM prints as it starts,
// which header reads: its banner or its command line flags.
func legacyJVMStart(text []byte) bool {
	return hasPrefix(text, "Java HotSpot(TM) ") || (hasPrefix(text, "OpenJDK ") && indexOf(text, " VM (") > 0) ||
		hasPrefix(text, "CommandLine flags: ")
}

// legacyContinues reports whether a line can be the continuation of a record.
func legacyContinues(t []byte) bool {
	if len(t) == 0 {
		return false
	}
	switch c := t[0]; {
	case c == ',' || c == ':' || c == '[' || c == ']' || c == '(' || (c >= '0' && c <= '9'):
		return true
	}
	return indexOf(t, "->") >= 0 || indexOf(t, " secs]") >= 0
}

// appendRecord adds text to the open record and reads the record when its
// brackets balance; what follows the record on the line is handled on its own.
func (p *legacyParser) appendRecord(text []byte, pos Pos) {
	text = legacyTrimFLS(text)
	p.recLines++
	if i := p.balance(text); i >= 0 {
		if len(p.rec) == 0 {
			// A record on one line, the most common: read where it is.
			p.readClosed(text[:i+1], "unrecognised collection record")
		} else {
			p.rec = append(p.rec, text[:i+1]...)
			p.closeRecord()
		}
		if rest := text[i+1:]; !legacyBlank(rest) {
			p.line(rest, pos)
		}
		return
	}
	p.rec = append(p.rec, text...)
	if len(p.rec) > legacyMaxRecord || p.recLines > 10000 {
		// Every line of it is lost: counted, so that the figures say so.
		p.out.unparsedLines(p.rec, p.recPos, int64(p.recLines), "record never closes")
		p.rec = nil
	}
}

// balance counts the brackets of text into the open record's depth and
// returns the index of the ']' that closes the record, or -1. It jumps from
// one ']' to the next rather than looking at every byte.
func (p *legacyParser) balance(text []byte) int {
	for i := 0; ; {
		c := bytes.IndexByte(text[i:], ']')
		if c < 0 {
			p.depth += bytes.Count(text[i:], legacyOpen)
			return -1
		}
		p.depth += bytes.Count(text[i:i+c], legacyOpen) - 1
		if p.depth <= 0 {
			return i + c
		}
		i += c + 1
	}
}

var legacyOpen = []byte{'['}

// legacyTrimFLS drops the "Before GC:" / "After GC:" that -XX:+PrintFLSStatistics
// appends to a record line before its statistics block.
func legacyTrimFLS(text []byte) []byte {
	if len(text) == 0 || text[len(text)-1] != ':' {
		return text
	}
	for _, s := range [...]string{"Before GC:", "After GC:"} {
		if hasSuffix(text, s) {
			return text[:len(text)-len(s)]
		}
	}
	return text
}

// closeRecord reads the complete record in p.rec.
func (p *legacyParser) closeRecord() {
	rec := p.rec
	p.recBuf = rec[:0] // nothing read from rec keeps it
	p.readClosed(rec, "unrecognised collection record")
}

// readClosed reads rec, the text of the record being closed, and reports
// it as unparsed with failed when it cannot be read.
func (p *legacyParser) readClosed(rec []byte, failed string) {
	p.rec = nil
	ev, ok := p.readRecordEnd(rec, p.recPos, p.depth == 0, p.recStamps)
	for _, sub := range p.nested {
		p.emit(sub)
	}
	clear(p.nested)
	p.nested = p.nested[:0]
	if !ok {
		p.out.unparsed(rec, p.recPos, failed)
		return
	}
	if ev == nil { // a "start" line: nothing to report
		return
	}
	p.pend = ev
}

// flushPending emits the event waiting for detail lines.
func (p *legacyParser) flushPending() {
	if p.pend == nil {
		return
	}
	ev := p.pend
	p.pend = nil
	legacyG1Old(ev)
	p.emit(ev)
}

func (p *legacyParser) emit(ev *Event) {
	if p.flagsGC != "" {
		p.out.info.Collector = p.flagsGC
	} else if c := p.seen.collector(); c != "" {
		p.out.info.Collector = c
	}
	p.out.emit(ev)
}

func (p *legacyParser) flush() {
	if p.rec != nil {
		// A last record cut short: keep what can be read, the
		// collections printed inside it too.
		p.readClosed(p.rec, "record cut short at end of log")
	}
	p.flushPending()
}

func (p *legacyParser) foreign(text []byte, pos Pos) {
	if indexOf(text, "OutOfMemoryError") >= 0 || indexOf(text, "GC overhead limit exceeded") >= 0 {
		p.out.info.OutOfMemory = true
	}
	p.out.foreign(text, pos)
}

// other handles a line outside any record: detail, header, ignorable, or
// foreign.
func (p *legacyParser) other(text, rest []byte, pos Pos) {
	trim := legacyTrimIndent(text)
	unstamped, rest := rest, legacyTrimIndent(rest) // unstamped: see legacyUnstamped
	for len(rest) > 0 && rest[0] == ',' {
		rest = legacyTrimIndent(rest[1:]) // as bytes.TrimLeft(rest, " \t,")
	}
	if hasPrefix(trim, ", [") || hasPrefix(trim, ": [") {
		trim = trim[2:]
	}
	if legacyNumbersOnly(trim) {
		return // the rest of a per-worker G1 detail, or a stamp cut from its line
	}
	if hasPrefix(trim, "[") || hasPrefix(rest, "[") {
		d := trim
		if !hasPrefix(d, "[") {
			d = rest
		}
		if p.detail(d, pos) {
			return
		}
		if text[0] == ' ' && indexOf(d, "->") < 0 && !legacyRecordStart(d) {
			return // an indented G1 detail the model does not need
		}
	}
	if p.header(text) || p.ignorable(trim, text, legacyUnstamped(text, trim, unstamped)) {
		return
	}
	if legacyLooksGC(text) {
		p.out.unparsed(text, pos, "unrecognised GC line")
		return
	}
	p.foreign(text, pos)
}

// legacyLooksGC reports whether a line no rule accepted still looks like GC
// output: unparsed rather than foreign.
func legacyLooksGC(t []byte) bool {
	return indexOf(t, "[GC") >= 0 || indexOf(t, "[Full GC") >= 0 ||
		(indexOf(t, "K->") >= 0 && indexOf(t, "secs") >= 0)
}

// detail handles a "[...]" line outside a record: G1 phase details, times.
func (p *legacyParser) detail(d []byte, pos Pos) bool {
	// d starts with '['; it may hold several groups: "[Eden: ...]" ", [Metaspace: ...]".
	ok := false
	for len(d) > 0 {
		d = bytes.TrimLeft(d, " ,\t")
		if len(d) == 0 || d[0] != '[' {
			return ok && len(d) == 0
		}
		end := legacyMatch(d, 0)
		if end < 0 {
			end = len(d) - 1
			if d[end] != ']' {
				end = len(d)
			}
		}
		inner := d[1:min(end, len(d))]
		if !p.detailGroup(inner) {
			return false
		}
		ok = true
		if end >= len(d) {
			break
		}
		d = d[end+1:]
	}
	return ok
}

// legacyG1Details are the names of the G1 detail lines that carry nothing for
// the model, and other bracketed lines to ignore.
var legacyIgnoredGroups = []string{
	"Parallel Time", "GC Worker", "Ext Root Scanning", "Update RS", "Processed Buffers", "Scan RS",
	"Code Root", "Object Copy", "Termination", "Clear CT", "Other", "Choose CSet", "Ref Proc", "Ref Enq",
	"Free CSet", "Redirty Cards", "Humongous Register", "Humongous Reclaim", "SATB Filtering",
	"Root Region Scan Waiting", "Evacuation Failure", "Unloading class", "Loaded ", "Opened ",
	"String Dedup", "Queue Fixup", "Table Fixup", "Last Exec", "Inspected", "Skipped", "Hashed",
	"Known", "New", "Deduplicated", "Young", "Old", "Total Exec", "Table", "Memory Usage", "Size",
	"Resize Count", "Shrink Threshold", "Grow Threshold", "Rehash Count", "Rehash Threshold",
	"Age Threshold", "Entries", "Hashed:", "Purge", "Scan", "Mark", "Sort", "Min", "Avg", "Max",
	"Diff", "Sum", "Workers", "Complete CSet Marking", "Expand Heap After Collection",
	"Prepare TLABs", "Reference Processing", "Reference Enqueuing", "Remove Self Forwards",
	"Restore RemSet", "Young Free CSet", "Non-Young Free CSet", "Merge", "Eager Reclaim",
	"Class Histogram", "Unloading", "Rescan", "weak refs", "class unloading", "scrub",
	"Mark Stack Scanning", "Termination Attempts", "Update RS", "Processed Buffers",
}

func (p *legacyParser) detailGroup(inner []byte) bool {
	switch {
	case hasPrefix(inner, "Eden:"):
		if p.pend != nil {
			legacyG1Eden(p.pend, inner)
		}
		return true
	case hasPrefix(inner, "Metaspace:") || hasPrefix(inner, "Perm:") || hasPrefix(inner, "Perm :"):
		if p.pend != nil {
			legacySpaceGroup(p.pend, inner, &p.seen, nil)
		}
		return true
	case len(inner) > 1 && (inner[0] == ' ' || inner[0] >= '0' && inner[0] <= '9'):
		// early JDK 7 G1: "[ 8192K->8128K(64M)]"
		if s, k := scanTransition(bytes.TrimLeft(inner, " ")); k > 0 {
			if p.pend != nil {
				p.pend.Heap = s
			}
			return true
		}
		return false
	case hasPrefix(inner, "Times:"):
		p.times(inner)
		return true
	}
	return legacyIgnoredGroup(inner)
}

// times reads a "Times: user=0.01 sys=0.00, real=0.02 secs" group: the
// pause of the event waiting for its detail lines, if none was read.
func (p *legacyParser) times(inner []byte) {
	if p.pend != nil && p.pend.Pause == 0 && p.pend.Kind != KindConcurrent {
		p.pend.Pause = legacyTimesReal(inner)
	}
}

// legacyIgnoredGroup reports whether a bracketed group is one of
// legacyIgnoredGroups.
func legacyIgnoredGroup(inner []byte) bool {
	if len(inner) == 0 {
		return false
	}
	for _, s := range legacyIgnoredGroupsByFirst[inner[0]] {
		if hasPrefix(inner, s) {
			return true
		}
	}
	return false
}

// legacyIgnoredGroupsByFirst is legacyIgnoredGroups by their first byte.
var legacyIgnoredGroupsByFirst = func() (by [256][]string) {
	for _, s := range legacyIgnoredGroups {
		by[s[0]] = append(by[s[0]], s)
	}
	return by
}()

// legacyLoneGroup returns what is inside the brackets of a line that is
// only one bracketed group, "   [Object Copy (ms): Min: 10.5, Max: 10.5]",
// and not a record, a concurrent phase or G1 ergonomics. What detail does
// with such a group is then what the full path (asides, noise, record starts,
// other) would do with the line: it holds no other bracket, and none of the
// noise cutNoise removes (no 'z', no 'L').
func legacyLoneGroup(text []byte) ([]byte, bool) {
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	g := text[i:]
	if len(g) < 2 || g[0] != '[' || g[len(g)-1] != ']' {
		return nil, false
	}
	inner := g[1 : len(g)-1]
	if legacyRecordStart(g) || hasPrefix(inner, "G1Ergonomics") {
		return nil, false
	}
	if bytes.IndexByte(inner, '[') >= 0 || bytes.IndexByte(inner, ']') >= 0 ||
		bytes.IndexByte(inner, 'z') >= 0 || bytes.IndexByte(inner, 'L') >= 0 {
		return nil, false
	}
	return inner, true
}

// legacyTimesReal reads real= from "Times: user=0.01 sys=0.00, real=0.02 secs".
func legacyTimesReal(b []byte) time.Duration {
	i := indexOf(b, "real=")
	if i < 0 {
		return 0
	}
	d, _ := legacyDuration(b[i+5:])
	return d
}

// ignorable reports whether a line is known output that carries nothing for
// the model. trim is text without its leading spaces; from is trim, or trim
// after stamps read already (legacyUnstamped): the stamps trim starts with
// are skipped from there.
func (p *legacyParser) ignorable(trim, text, from []byte) bool {
	if len(trim) == 0 {
		return true
	}
	s := from
	for {
		_, _, n := p.stamp(s, nil)
		if n == 0 {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 && (s[0] == ':' || s[0] == ' ') {
		s = s[1:]
	}
	if len(s) == 0 {
		return true
	}
	for _, pre := range legacyIgnoredByFirst[s[0]] {
		if hasPrefix(s, pre) {
			return true
		}
	}
	// Searched after the prefixes, which catch most ignorable lines.
	if legacyIndexIf(s, 'G', "GC log file ") >= 0 || legacyIndexIf(s, 'T', "Total time for which application threads were stopped") >= 0 {
		return true
	}
	if legacyHistogramRow(trim) || legacyDashes(trim) {
		return true
	}
	if p.shenandoah {
		if text[0] == ' ' || hasSuffix(trim, " us") || indexOf(trim, " us, ") > 0 || indexOf(trim, " us (") > 0 || indexOf(trim, "(lvls") > 0 {
			return true
		}
		for _, pre := range legacyShenandoahPrefixes {
			if hasPrefix(s, pre) {
				return true
			}
		}
	}
	return false
}

// legacyIgnoredByFirst is legacyIgnoredPrefixes by their first byte: a line
// is checked against a few of them, not a hundred.
var legacyIgnoredByFirst = func() (by [256][]string) {
	for _, pre := range legacyIgnoredPrefixes {
		by[pre[0]] = append(by[pre[0]], pre)
	}
	return by
}()

var legacyIgnoredPrefixes = []string{
	// safepoints: VM operations, not GC events
	"Total time for which application threads were stopped", "Application time:",
	// -XX:+PrintTenuringDistribution
	"Desired survivor size", "- age ",
	// -XX:+PrintFLSStatistics
	"Statistics for BinaryTreeDictionary", "Statistics for IndexedFreeLists", "Total Free Space:",
	"Max   Chunk Size:", "Number of Blocks:", "Av.  Block  Size:", "Tree      Height:", "free=",
	"Before GC:", "After GC:", "CMS: Large Block", "CMS: Large block", "Large Block", "size[", "demand:",
	// -XX:+PrintAdaptiveSizePolicy
	"AdaptiveSize", "PSAdaptiveSize", "PSYoungGen::resize", "PSYoung", "avg_survived", "avg_promoted",
	"avg_pretenured", "  avg_", "padded_", "Old generation capacity", "Young generation size",
	"survived:", "promoted:", "overflow:", "    Eden, from, to", "Desired eden", "Desired survivor",
	"ParallelScavengeHeap", "PSAdaptive",
	// class histograms
	"num     #instances", "Total ",
	// early JDK 7 G1 per-worker details
	"Avg:", "Sum:", "Min:",
	// rotation and misc
	"GC log file ", "Memory: ", "/proc/meminfo:", "No shared spaces configured", "[Times:", "Heap",
	" par new generation", "concurrent mark-sweep", "PSOldGen", "ParOldGen", "PSPermGen",
	"eden space", "from space", "to   space", "object space", "the space", "region size",
	"Metaspace       used", "class space", "def new generation", "tenured generation",
	"compacting perm gen", "garbage-first heap",
	// -XX:+PrintStringDeduplicationStatistics
	"[GC concurrent-string-deduplication",
	// -XX:+PrintCMSInitiationStatistics
	"time_until_cms", "promotion_rate=", "occupancy=", "initiatingOccupancy=", "initiatingPermOccupancy=",
	"contiguous_available=", "cms_allocation_rate=", "cms_time_since", "cms_consumption_rate",
	"CMSCollector shouldConcurrentCollect", "free=",
	// G1 messages and -XX:+G1SummarizeRSetStats
	"Setting abort in CSMarkOopClosure", "Mark stack is full", "Recent concurrent refinement statistics",
	"Current rem set statistics", "Processed ", "Of ", "Did ", "Concurrent sampling threads times",
	"Concurrent RS threads times", "Total per region rem sets", "Static structures", "Total heap region",
	"Total code root", "Region with largest", "Young regions", "Humongous regions", "Free regions",
	"Old regions", "Archive regions", "Min:", "Max:", "Reserved region", "GC STATISTICS", "=====",
	"After GC RS summary", "Before GC RS summary", "Collection set:", "GC locker: Trying a full collection",
	// JDK 8 Shenandoah, before the first event shows the collector
	"Cancelling GC", "Cancelling concurrent GC", "Failed to allocate", "Free headroom", "Shenandoah Heap",
}

var legacyShenandoahPrefixes = []string{
	"Free:", "Trigger:", "Regions:", "Humongous object threshold", "Max TLAB size", "GC threads:",
	"Heuristics ", "Shenandoah ", "Pacer for", "Initialize Shenandoah", "Reference processing:",
	"Soft Max Heap Size", "All times are wall-clock", "all workers.", "Cancelling GC", "Using ",
	"Good progress", "Adaptive CSet", "Collectable Garbage", "Under ", "Pause ", "Concurrent ",
	"Degenerated", "Full GC", "Failed", "Evacuation", "Heap ", "Uncommitted", "Periodic GC",
	"Concurrent Reset", "Immediate", "Target", "Min", "Max", "Average", "Capacity", "Allocation pacing",
	"Status:", "Shenandoah Heap", "under stop-the-world", "tune GC heuristics", "to avoid Degenerated",
	"Pacing", "Total Pauses",
}

// legacyHistogramRow recognises a class histogram row: "   1:   12  345  java.lang.String".
func legacyHistogramRow(t []byte) bool {
	_, n := scanUint(t)
	if n == 0 || n >= len(t) || t[n] != ':' {
		return false
	}
	i := n + 1
	fields := 0
	for fields < 2 {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		_, k := scanUint(t[i:])
		if k == 0 {
			return false
		}
		i += k
		fields++
	}
	return i < len(t) && t[i] == ' '
}

func legacyNumbersOnly(t []byte) bool {
	digits := false
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == ' ' || c == '.' || c == ',' || c == ']' || c == '\t' || c == ':':
		default:
			return false
		}
	}
	return digits
}

func legacyDashes(t []byte) bool {
	if len(t) < 3 {
		return false
	}
	for _, c := range t {
		if c != '-' {
			return false
		}
	}
	return true
}

// header reads the JVM banner and command line flags.
func (p *legacyParser) header(text []byte) bool {
	if !legacyJVMStart(text) {
		return false
	}
	info := &p.out.info
	flags, ok := bytes.CutPrefix(text, []byte("CommandLine flags: "))
	if !ok { // the banner: a JVM starts
		p.shenandoah = false
		if info.JVMVersion == "" {
			v := text
			if i := indexOf(text, " JRE ("); i >= 0 {
				v = text[i+6:]
			} else if i := indexOf(text, " VM ("); i >= 0 {
				v = text[i+5:]
			}
			if j := bytes.IndexByte(v, ')'); j > 0 {
				info.JVMVersion = string(v[:j])
			}
		}
		return true
	}
	if info.CommandLine == string(flags) {
		// Read already: the same in every file of a rotated set.
		p.shenandoah = p.shenandoah || p.flagsGC == "shenandoah"
		return true
	}
	first, heapMax := info.CommandLine == "", info.HeapMax
	if first { // the first JVM's, as for the version
		info.CommandLine = string(flags)
	}
	// The collector these flags name, if any (flagsGC keeps the last
	// named): a JVM of the default collector after a Shenandoah one is not
	// a Shenandoah one.
	named := p.flagsGC
	p.flagsGC = ""
	p.commandLine(flags)
	p.shenandoah = p.shenandoah || p.flagsGC == "shenandoah"
	if p.flagsGC == "" {
		p.flagsGC = named
	}
	if !first && heapMax != Unknown {
		// The first JVM's heap maximum too, as for the command line: a
		// log read in chunks, each of which has read the first JVM's
		// flags, says the same as one read in one go.
		info.HeapMax = heapMax
	}
	return true
}

// commandLine takes the heap maximum and the collector from the JVM flags.
func (p *legacyParser) commandLine(flags []byte) {
	// Most flags are read by flagsBySpaces (legacy_flags.go), as
	// flagFields reads them.
	if !p.flagsBySpaces(flags) {
		p.flagFields(flags)
	}
	if p.flagsGC != "" {
		p.out.info.Collector = p.flagsGC
	}
}

// flagFields hands flag each field of flags, as bytes.Fields splits them.
func (p *legacyParser) flagFields(flags []byte) {
	if legacySpacesOnly(flags) {
		// bytes.Fields without the slice it allocates.
		for len(flags) > 0 {
			i := bytes.IndexByte(flags, ' ')
			if i < 0 {
				i = len(flags)
			}
			if i > 0 {
				p.flag(flags[:i])
			}
			flags = flags[min(i+1, len(flags)):]
		}
		return
	}
	for _, f := range bytes.Fields(flags) {
		p.flag(f)
	}
}

// flag takes what the model needs from one JVM flag.
func (p *legacyParser) flag(f []byte) {
	info := &p.out.info
	switch {
	case hasPrefix(f, "-XX:MaxHeapSize="):
		if v, n := scanSize(f[len("-XX:MaxHeapSize="):]); n > 0 {
			info.HeapMax = v
		}
	case hasPrefix(f, "-Xmx"):
		if v, n := scanSize(f[4:]); n > 0 {
			info.HeapMax = v
		}
	case string(f) == "-XX:+UseG1GC":
		p.flagsGC = "g1"
	case string(f) == "-XX:+UseConcMarkSweepGC":
		p.flagsGC = "cms"
	case string(f) == "-XX:+UseParallelGC" || string(f) == "-XX:+UseParallelOldGC":
		p.flagsGC = "parallel"
	case string(f) == "-XX:+UseSerialGC":
		p.flagsGC = "serial"
	case string(f) == "-XX:+UseShenandoahGC":
		p.flagsGC = "shenandoah"
	}
}

// legacySpacesOnly reports whether b holds no white space but spaces, so
// that bytes.Fields would split it at spaces alone: none of the other ASCII
// white space, nor the first byte of a Unicode one (U+0085, U+00A0, U+1680,
// U+2000 to U+205F, U+3000).
func legacySpacesOnly(b []byte) bool {
	for _, c := range [...]byte{'\t', '\n', '\v', '\f', '\r', 0xc2, 0xe1, 0xe2, 0xe3} {
		if bytes.IndexByte(b, c) >= 0 {
			return false
		}
	}
	return true
}

// legacySeen records which collectors' names the events used.
type legacySeen uint16

const (
	legacySeenDefNew legacySeen = 1 << iota
	legacySeenParNew
	legacySeenTenured
	legacySeenCMS
	legacySeenPS
	legacySeenG1
	legacySeenShenandoah
)

func (s legacySeen) collector() string {
	switch {
	case s&legacySeenG1 != 0:
		return "g1"
	case s&legacySeenShenandoah != 0:
		return "shenandoah"
	case s&legacySeenCMS != 0:
		return "cms"
	case s&legacySeenPS != 0:
		return "parallel"
	case s&(legacySeenDefNew|legacySeenTenured) != 0:
		return "serial"
	case s&legacySeenParNew != 0:
		return "cms"
	}
	return ""
}

// cutAsides handles the concurrent phases and G1 ergonomics lines in text,
// wherever they are, and returns the text without them.
func (p *legacyParser) cutAsides(text []byte, pos Pos) []byte {
	from := 0
	for {
		b := legacyAsideAt(text, from)
		if b < 0 {
			return text
		}
		end := legacyMatch(text, b)
		if end < 0 {
			if hasPrefix(text[b+1:], "G1Ergonomics") {
				end = len(text) - 1
			} else {
				// A phase whose end is on a later line: read it as a record.
				from = b + 1
				continue
			}
		}
		s, t, up := legacyStampsBefore(text, b, p.out.loc, &p.dates)
		p.aside(text[s:end+1], text[b+1:end], t, up, pos)
		e := end + 1
		// A CMS concurrent phase prints its own times after it.
		if k := legacySkipSpaces(text, e); hasPrefix(text[k:], "[Times:") {
			if m := legacyMatch(text, k); m > 0 {
				e = m + 1
			}
		}
		text = p.splice(text, s, e)
		from = s
	}
}

func legacySkipSpaces(b []byte, i int) int {
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// legacyAsideAt finds the next '[' at or after from that opens an aside.
func legacyAsideAt(text []byte, from int) int {
	for i := from; i < len(text); i++ {
		k := bytes.IndexByte(text[i:], '[')
		if k < 0 {
			return -1
		}
		i += k
		if i+1 == len(text) {
			return -1
		}
		if a := legacyAsideName(text[i+1:]); a != "" && (a != "Concurrent " || legacyShenandoahConc(text[i+1:])) {
			return i
		}
	}
	return -1
}

// legacyAsideName returns the name of the aside b starts with: CMS
// ("CMS-concurrent-", "ASCMS-concurrent-") and G1 ("GC concurrent-")
// concurrent phases, G1 ergonomics ("G1Ergonomics"), JDK 8 Shenandoah
// ("Concurrent "); "" for none. It looks at b's first byte first: most
// brackets open no aside.
func legacyAsideName(b []byte) string {
	if len(b) < len("Concurrent ") { // the shortest
		return ""
	}
	// One or two bytes tell the names apart before they are compared.
	switch {
	case b[0] == 'C' && b[4] == 'c' && hasPrefix(b, "CMS-concurrent-"):
		return "CMS-concurrent-"
	case b[0] == 'C' && b[1] == 'o' && hasPrefix(b, "Concurrent "):
		return "Concurrent "
	case b[0] == 'A' && hasPrefix(b, "ASCMS-concurrent-"):
		return "ASCMS-concurrent-"
	case b[0] == 'G' && b[3] == 'c' && hasPrefix(b, "GC concurrent-"):
		return "GC concurrent-"
	case b[0] == 'G' && b[1] == '1' && hasPrefix(b, "G1Ergonomics"):
		return "G1Ergonomics"
	}
	return ""
}

// legacyIndexColonComma is bytes.IndexAny(b, ":,") for short phase names,
// which start with a prefix of legacyAsideName's ("CMS-concurrent-",
// "ASCMS-concurrent-", "GC concurrent-"): their first
// len(legacyPhasePrefix) bytes, which hold neither, are not looked at.
func legacyIndexColonComma(b []byte) int {
	for i := min(len(legacyPhasePrefix), len(b)); i < len(b); i++ {
		if c := b[i]; c == ':' || c == ',' {
			return i
		}
	}
	return -1
}

// legacyPhasePrefix is as long as the shortest name of a concurrent phase
// of CMS or G1 (legacyAsideName).
const legacyPhasePrefix = "GC concurrent-"

// legacyShenandoahConc tells a JDK 8 Shenandoah concurrent phase line:
// "[Concurrent marking, 866.393 ms]", "[Concurrent reset, start]".
func legacyShenandoahConc(b []byte) bool {
	return bytes.IndexByte(b, ',') > 0 && (indexOf(b, " ms]") > 0 || indexOf(b, "start]") > 0 || indexOf(b, " ms") > 0)
}

// legacyMatch returns the index of the ']' matching the '[' at i, or -1.
// It jumps from one ']' to the next, counting the '[' between.
func legacyMatch(b []byte, i int) int {
	d := 0
	for j := i; ; {
		c := bytes.IndexByte(b[j:], ']')
		if c < 0 {
			return -1
		}
		d += bytes.Count(b[j:j+c], legacyOpen) - 1
		if d == 0 {
			return j + c
		}
		j += c + 1
	}
}

// legacyStampStart walks back from the '[' at b over the stamps printed
// before it ("2014-...: 12.345: "), returning where they start.
func legacyStampStart(text []byte, b int) int {
	s, _, _ := legacyStampsBefore(text, b, nil, nil)
	return s
}

// legacyStampsBefore is legacyStampStart that also returns what the stamps
// say (legacyStamp's zero time and -1 uptime when there are none), a time
// without a zone in loc.
func legacyStampsBefore(text []byte, b int, loc *time.Location, dates *legacyClock) (int, time.Time, time.Duration) {
	// The commonest: the stamps start the line. If they read up to b with
	// no 'Z' (the one byte a stamp reads that legacyStampByte refuses),
	// the walk back below would reach the start and read them from there
	// first.
	if t, up, n := legacyStampWith(text[:b], loc, dates); n == b && b > 0 && bytes.IndexByte(text[:b], 'Z') < 0 {
		return 0, t, up
	}
	s := b
	for s > 0 {
		if !legacyStampByte(text[s-1]) {
			break
		}
		s--
	}
	// Move forward to a position that reads as stamps up to b.
	for i := s; i < b; i++ {
		if t, up, n := legacyStampWith(text[i:b], loc, dates); n > 0 && i+n == b {
			return i, t, up
		}
	}
	return b, time.Time{}, -1
}

// aside handles a concurrent phase or G1 ergonomics text cut out of a line:
// whole is the text with its stamps, inner the text inside the brackets, t
// and up what the stamps say.
func (p *legacyParser) aside(whole, inner []byte, t time.Time, up time.Duration, pos Pos) {
	if hasPrefix(inner, "G1Ergonomics") {
		p.seen |= legacySeenG1
		return
	}
	name := inner
	var dur time.Duration
	var heap = NoSizes
	if hasPrefix(inner, "Concurrent ") {
		p.seen, p.shenandoah = p.seen|legacySeenShenandoah, true
		// "Concurrent marking (process weakrefs), 866.393 ms", "Concurrent cleanup 1M->1M(2M), 0.09 ms"
		c := bytes.LastIndexByte(inner, ',')
		if c < 0 {
			return
		}
		tail := bytes.TrimSpace(inner[c+1:])
		if hasPrefix(tail, "start") {
			return
		}
		d, k := scanDuration(tail)
		if k == 0 {
			p.out.unparsed(whole, pos, "unrecognised concurrent phase")
			return
		}
		dur = d
		name = inner[:c]
		if a := indexOf(name, "->"); a > 0 {
			sp := bytes.LastIndexByte(name[:a], ' ')
			if s, k := scanTransition(name[sp+1:]); k > 0 {
				heap = s
				name = bytes.TrimSpace(name[:sp])
			}
		}
	} else {
		if hasPrefix(inner, "CMS-") {
			p.seen |= legacySeenCMS
		} else {
			p.seen |= legacySeenG1
		}
		// "CMS-concurrent-mark: 0.123/0.456 secs", "GC concurrent-mark-end, 0.001 secs",
		// "CMS-concurrent-mark-start", "GC concurrent-count-end, 0.01]"
		end := legacyIndexColonComma(inner)
		if end < 0 {
			if hasSuffix(inner, "-abort") {
				p.concurrent(p.intern(inner), 0, NoSizes, t, up, pos)
			}
			return // a start line
		}
		name = inner[:end]
		v := bytes.TrimSpace(inner[end+1:])
		if hasPrefix(inner, "GC concurrent-string-deduplication") {
			return
		}
		if sl := bytes.IndexByte(v, '/'); sl > 0 {
			v = v[sl+1:]
		}
		d, k := legacyDuration(v)
		if k == 0 {
			sc, k2 := scanDecimal(v)
			if k2 == 0 {
				p.out.unparsed(whole, pos, "unrecognised concurrent phase")
				return
			}
			d = time.Duration(sc)
		}
		dur = d
	}
	p.concurrent(p.intern(name), dur, heap, t, up, pos)
}

func (p *legacyParser) concurrent(name string, dur time.Duration, heap Sizes, t time.Time, up time.Duration, pos Pos) {
	p.flushPending()
	ev := p.events.newEvent(pos.Source, pos.Line, 0)
	ev.Kind = KindConcurrent
	ev.Name = name
	ev.Duration = dur
	ev.Heap = heap
	ev.Uptime = up
	ev.Time = t
	p.emit(ev)
}
