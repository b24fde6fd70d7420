package gclog

import (
	"bytes"
	"encoding/binary"
	"time"
)

// The commonest record of all, a young collection of ParNew, DefNew or
// PSYoungGen on one line with its times, read left to right in one pass:
//
//	2017-09-18T09:25:30.720+0200: 277273.925: [GC (Allocation Failure) 277273.925: [ParNew: 379646K->46711K(613440K), 0.2196929 secs] 2852207K->2539983K(4126208K), 0.2207345 secs] [Times: user=0.36 sys=0.18, real=0.22 secs]
//	2.412: [GC (Allocation Failure) [PSYoungGen: 30000K->5000K(76288K)] 40000K->15000K(251392K), 0.0100000 secs] [Times: user=0.01 sys=0.00, real=0.01 secs]
//	1.234: [GC 1.234: [DefNew: 4416K->512K(4928K), 0.0021 secs] 4416K->1020K(15872K), 0.0022 secs]
//
// Half the lines of a CMS log are such records. wholeRecord reads them
// with the walk every record takes, which looks at each byte of the line
// for what it could start; here the line must be the one shape, and each
// part is read as what it must be.

// youngRecord is wholeRecord for the line shapes above: it reads the line
// and does with it what wholeRecord would, and reports whether it did. On
// any other line it declines, having changed nothing but caches (the
// dates of stamps), and wholeRecord reads it. parse calls it first, before
// it looks for heap blocks: the lines it reads hold no 'H' (it declines a
// cause or times with one), so none of the "Heap" texts parse looks for.
//
// What is read is what walkWhole would read there: the stamps as p.stamp
// reads them, the cause read last (lastCauseAt: a new one is read by
// wholeRecord, which makes it the last), the uptime of the space group
// (legacyUptimeStamp, as legacyCommonFigure reads it), the space group
// (legacyWholeGroup, with a duration of legacySecs's form), the heap
// transition (legacyWholeTransition) and the pause (legacySecs), then the
// times as legacyLoneGroup would find them.
func (p *legacyParser) youngRecord(text []byte, pos Pos) bool {
	if len(text) == 0 || text[len(text)-1] != ']' || (text[0] != '[' && text[0]-'0' > 9) {
		return false // open records, indented details and most other lines: told on two bytes
	}
	t, up, n, upAt := p.lineStamps(text)
	if upAt < 0 {
		t, up, n = p.stamp(text, p.out.loc)
		upAt = n // no uptime known to be read again
	}
	i := legacyLiteral(text, n, "[GC ")
	if i < 0 {
		return false
	}
	var cause *legacyCause
	if text[i] == '(' {
		cause = &p.lastCause
		j := i + 1 + len(cause.name)
		if cause.name == "" || !cause.parenFree || !cause.plain || !cause.noH || j+1 >= len(text) || text[j] != ')' || text[j+1] != ' ' ||
			string(text[i+1:j]) != cause.name {
			return false
		}
		i = j + 2
	}
	if upText := text[upAt:n]; len(upText) > 0 && legacyHasPrefix(text[i:], upText) {
		// The uptime of the line again, the commonest: what
		// legacyUptimeStamp read there it reads here. (With no '-' in
		// its first five bytes, "1.5: " the shortest, it is no date.)
		i += len(upText)
	} else if text[i] >= '0' && text[i] <= '9' {
		_, k := legacyUptimeStamp(text[i:])
		if k == 0 {
			return false
		}
		i += k
	}
	space, seen, i := legacyYoungSpace(text, i)
	if i < 0 {
		return false
	}
	young, k := legacyKiloTransition(text[i:]) // the commonest, with no call between
	if k == 0 {
		if young, k = legacyWholeTransition(text[i:]); k == 0 {
			return false
		}
	}
	i += k
	if hasPrefix(text[i:], ", ") { // the space's own duration, which the event does not keep
		_, k := legacySecs(text[i+2:])
		if k == 0 {
			return false
		}
		i += 2 + k
	}
	if i = legacyLiteral(text, i, "] "); i < 0 {
		return false
	}
	heap, k := legacyKiloTransition(text[i:])
	if k == 0 {
		if heap, k = legacyWholeTransition(text[i:]); k == 0 {
			return false
		}
	}
	if i = legacyLiteral(text, i+k, ", "); i < 0 {
		return false
	}
	pause, k := legacySecs(text[i:])
	if k == 0 {
		return false
	}
	end := i + k // the ']' that closes the record
	if end >= len(text) || text[end] != ']' {
		return false
	}
	var times []byte
	if end+1 < len(text) {
		if times = legacyTimesAfter(text, end+1); times == nil {
			return false
		}
	}

	var st legacyRecState
	ev := p.newRecordEvent(&legacyLabels[legacyLabelGC], pos, t, up, &st)
	if cause != nil {
		p.setCause(ev, *cause)
	}
	legacyMarkGen(space, &st)
	ev.SetSpace(space, young)
	ev.Heap, st.heapSet = heap, true
	ev.Pause = pause
	p.closeWhole(ev, &st, legacyStamps{t, up, n, true}, pos, seen, times)
	return true
}

// legacyLiteral returns the index after s at b[i:], or -1 when b[i:] does
// not start with s (or i is -1).
func legacyLiteral(b []byte, i int, s string) int {
	if i < 0 || len(b)-i < len(s) || string(b[i:i+len(s)]) != s {
		return -1
	}
	return i + len(s)
}

// legacyYoungSpace reads the start of a young space group at b[i:],
// "[ParNew: ": the space, the collector its name reveals (as
// legacySpaceName says) and the index after it; -1 for any other text.
func legacyYoungSpace(b []byte, i int) (string, legacySeen, int) {
	if i+1 >= len(b) || b[i] != '[' {
		return "", 0, -1
	}
	// The first letter tells the names apart before they are compared.
	// (Literals of up to 8 bytes are compared inline, longer ones through
	// a call.)
	switch b[i+1] {
	case 'P':
		if j := legacyLiteral(b, i+2, "arNew: "); j > 0 {
			return SpaceYoung, legacySeenParNew, j
		}
		if j := legacyLiteral(b, legacyLiteral(b, i+2, "SYoung"), "Gen: "); j > 0 {
			return SpaceYoung, legacySeenPS, j
		}
	case 'D':
		if j := legacyLiteral(b, i+2, "efNew: "); j > 0 {
			return SpaceYoung, legacySeenDefNew, j
		}
	case 'A':
		if j := legacyLiteral(b, legacyLiteral(b, i+2, "SPa"), "rNew: "); j > 0 {
			return SpaceYoung, legacySeenParNew, j
		}
	}
	return "", 0, -1
}

// legacyTimesAfter reads what may follow a record read whole on its line,
// " [Times: user=0.36 sys=0.18, real=0.22 secs]" to the end of b, from
// b[i:]: it returns the text inside the brackets as legacyLoneGroup would,
// a group holding no other bracket and none of the noise cutNoise removes
// (no 'z', no 'L'), or nil for any other text, and for times with an 'H'
// (see youngRecord). (Its figures are read by times only when the record
// has no pause.)
func legacyTimesAfter(b []byte, i int) []byte {
	// The text HotSpot prints around the figures is told by two word
	// compares, and only the figures looked at for what they may not hold.
	const tail = " secs]"
	j := legacyLiteral(b, legacyLiteral(b, i, " [Times:"), " user=")
	if j < 0 || len(b)-j < len(tail) || string(b[len(b)-len(tail):]) != tail {
		return nil
	}
	if legacyNoneOf(b[j:len(b)-len(tail)], '[', ']', 'z', 'L', 'H') {
		return b[i+2 : len(b)-1]
	}
	return nil
}

// legacyHasPrefix is bytes.HasPrefix(b, prefix) comparing a prefix of 8 to
// 16 bytes, "277273.925: ", as two words rather than through a call.
func legacyHasPrefix(b, prefix []byte) bool {
	n := len(prefix)
	if n < 8 || n > 16 || len(b) < n {
		return bytes.HasPrefix(b, prefix)
	}
	le := binary.LittleEndian
	return le.Uint64(b) == le.Uint64(prefix) && le.Uint64(b[n-8:]) == le.Uint64(prefix[n-8:])
}

// legacyNoneOf reports whether b holds none of the bytes c1 to c5, looking
// at eight bytes at a time: one pass where five bytes.IndexByte calls
// would each look at the whole of a short text.
func legacyNoneOf(b []byte, c1, c2, c3, c4, c5 byte) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	// x has a zero byte where w holds c: (x-ones)&^x sets the top bit of
	// the lowest zero byte at least, and of none when there is none.
	m1, m2, m3, m4, m5 := uint64(c1)*ones, uint64(c2)*ones, uint64(c3)*ones, uint64(c4)*ones, uint64(c5)*ones
	if len(b) < 8 {
		for _, c := range b {
			if c == c1 || c == c2 || c == c3 || c == c4 || c == c5 {
				return false
			}
		}
		return true
	}
	// Whole words, the last one ending where b ends (it may overlap the
	// one before).
	for i := 0; ; i += 8 {
		i = min(i, len(b)-8)
		w := binary.LittleEndian.Uint64(b[i:])
		x1, x2, x3, x4, x5 := w^m1, w^m2, w^m3, w^m4, w^m5
		if ((x1-ones)&^x1|(x2-ones)&^x2|(x3-ones)&^x3|(x4-ones)&^x4|(x5-ones)&^x5)&tops != 0 {
			return false
		}
		if i == len(b)-8 {
			return true
		}
	}
}

// lineStamps is p.stamp for the commonest stamps, at the start of a line
// and followed by a '[': "2017-09-18T09:25:30.720+0200: 277273.925: " or
// "277273.925: ". It returns what p.stamp would and where the uptime
// starts; -1 there, having read nothing but the date into p.dates, for any
// other text, which p.stamp reads.
func (p *legacyParser) lineStamps(b []byte) (t time.Time, up time.Duration, n, upAt int) {
	// legacyStampWith reads a date where there may be one, then an uptime
	// after one space; the rest of the line, a '[', is no GC id.
	if len(b) >= 19 && b[4] == '-' {
		tt, k, ok := p.dates.scan(b, p.out.loc)
		if !ok || k+1 >= len(b) || b[k] != ':' || b[k+1] != ' ' {
			return t, -1, 0, -1
		}
		t, upAt = tt, k+2
	}
	v, k := legacyUptime(b[upAt:])
	if n = upAt + k; k == 0 || n+1 >= len(b) || b[n] != ' ' || b[n+1] != '[' {
		return time.Time{}, -1, 0, -1
	}
	return t, time.Duration(v), n + 1, upAt
}

// closeWhole does with the event of a record read whole on its line (by
// wholeRecord or youngRecord) what openRecordStamped, appendRecord and
// readClosed would do with it, then reads the times that followed it on
// the line, if any (detailGroup's "Times:" case).
func (p *legacyParser) closeWhole(ev *Event, st *legacyRecState, stamps legacyStamps, pos Pos, seen legacySeen, times []byte) {
	p.flushPending()
	p.recStamps = stamps
	p.recPos = pos
	p.recLines = 1
	p.depth = 0
	p.seen |= seen
	p.finishRecord(ev, st)
	p.pend = ev
	if times != nil {
		p.times(times)
	}
}
