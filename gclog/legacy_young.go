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
// What is read is what wholeRecord would read there: the stamps as p.stamp
// reads them (legacyLineStamps: a GC id is left to wholeRecord), the cause
// as qualifier reads it (youngCause), the uptime of the space group
// (legacyUptimeStamp, as legacyCommonFigure reads it), the space group
// (legacyWholeGroup, with a duration of legacySecs's form), the heap
// transition (legacyWholeTransition) and the pause (legacySecs), then the
// times as legacyLoneGroup would find them. The stamps, which cost the
// most, are read last, when the rest of the line is known to be read.
func (p *legacyParser) youngRecord(text []byte, pos Pos) bool {
	if len(text) == 0 || text[len(text)-1] != ']' || (text[0] != '[' && text[0]-'0' > 9) {
		return false // open records, indented details and most other lines: told on two bytes
	}
	// The stamps: none (as p.stamp reads a line that starts with its
	// '['), or those legacyLineStamps reads. (Others, a GC id, are left to
	// wholeRecord.)
	dateEnd, upAt, n := 0, 0, 0
	if text[0] != '[' {
		if dateEnd, upAt, n = legacyLineStamps(text); upAt < 0 {
			return false
		}
	}
	i := legacyYoungStart(text, n)
	if i < 0 {
		return false
	}
	// The rest in a function of its own, whose frame only the lines that
	// start as a young collection pay for.
	return p.youngRest(text, pos, dateEnd, upAt, n, i)
}

// youngRest is youngRecord after "[GC ", at text[i:]: the stamps before
// it, up to n, are those legacyLineStamps found.
func (p *legacyParser) youngRest(text []byte, pos Pos, dateEnd, upAt, n, i int) bool {
	var cause *legacyCause
	if text[i] == '(' {
		if cause, i = p.youngCause(text, i); cause == nil || text[i] != ' ' {
			return false
		}
		i++
	}
	if upText := text[upAt:n]; len(upText) > 0 && legacyHasPrefix(text[i:], upText) {
		// The uptime of the line again, the commonest: what
		// legacyUptime reads at the start of the line (checked below),
		// legacyUptimeStamp reads here. (With no '-' in its first five
		// bytes, "1.5: " the shortest, it is no date.)
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

	up := time.Duration(-1)
	if n > 0 {
		v, k := legacyUptime(text[upAt:])
		if k == 0 || upAt+k+1 != n {
			return false
		}
		up = time.Duration(v)
	}
	var t time.Time
	if dateEnd > 0 {
		// The date, read last: it costs the most, and lines declined
		// above are dated too.
		tt, k, ok := p.dates.scan(text, p.out.loc)
		if !ok || k != dateEnd {
			return false
		}
		t = tt
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

// youngCause reads the cause of a record at b[i:], "(Allocation Failure)",
// as walkWhole would (lastCauseAt, legacyParen, qualifier): it returns the
// cause, now the one read last, and the index after its ')'. It returns nil
// for a qualifier qualifier reads by its name (legacyQualifierNamed), and
// for a cause with a parenthesis inside, one that is not plain text
// (legacyPlainText) or holds an 'H' (see youngRecord).
func (p *legacyParser) youngCause(b []byte, i int) (*legacyCause, int) {
	c := &p.lastCause
	j := i + 1 + len(c.name) // the ')' after the cause read last
	if c.name == "" || j >= len(b) || b[j] != ')' || string(b[i+1:j]) != c.name {
		k := bytes.IndexByte(b[i+1:], ')')
		if k < 0 {
			return nil, i
		}
		j = i + 1 + k
		q := b[i+1 : j]
		if bytes.IndexByte(q, '(') >= 0 || legacyQualifierNamed(q) {
			return nil, i
		}
		p.cause(q) // the one read last now
	}
	if !c.parenFree || !c.plain || !c.noH {
		return nil, i
	}
	return c, j + 1
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
	if legacyTimesClean(b[j : len(b)-len(tail)]) {
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

// legacyTimesClean reports whether b holds none of the bytes
// legacyTimesAfter lets through in no times group: '[', ']', 'z', 'L',
// 'H'. It looks at eight bytes at a time, one pass where five
// bytes.IndexByte calls would each look at the whole of a short text.
func legacyTimesClean(b []byte) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	if len(b) < 8 {
		for _, c := range b {
			if c == '[' || c == ']' || c == 'z' || c|0x04 == 'L' {
				return false
			}
		}
		return true
	}
	// Whole words, the last one ending where b ends (it may overlap the
	// one before). x has a zero byte where w holds c: (x-ones)&^x sets
	// the top bit of the lowest zero byte at least, and of none when there
	// is none. 'H' (0x48) and 'L' (0x4c) differ by one bit, set in both by
	// w|0x04: one compare tells them.
	for i := 0; ; i += 8 {
		i = min(i, len(b)-8)
		w := binary.LittleEndian.Uint64(b[i:])
		x1, x2, x3, x4 := w^'['*ones, w^']'*ones, w^'z'*ones, (w|0x04*ones)^'L'*ones
		if ((x1-ones)&^x1|(x2-ones)&^x2|(x3-ones)&^x3|(x4-ones)&^x4)&tops != 0 {
			return false
		}
		if i == len(b)-8 {
			return true
		}
	}
}

// legacyYoungStart returns the index after "[GC " at b[i:] when what
// follows can be a record youngRecord reads: a cause, a space group or its
// stamps; -1 for any other text (G1's "[GC pause", "[GC remark" among
// others).
func legacyYoungStart(b []byte, i int) int {
	if i = legacyLiteral(b, i, "[GC "); i < 0 || i == len(b) || (b[i] != '(' && b[i] != '[' && b[i]-'0' > 9) {
		return -1
	}
	return i
}

// legacyLineStamps finds the commonest stamps, at the start of a line and
// followed by a record youngRecord may read (legacyYoungStart):
// "2017-09-18T09:25:30.720+0200: 277273.925: " or "277273.925: ". It
// returns where a date ends (0 for none), where the uptime starts and the
// bytes they take, as p.stamp would read them if the date reads to its end
// and the uptime to its colon (legacyUptime), which is left to the caller;
// -1 where the uptime starts for any other text. Most lines declined are
// stamped too: their stamps are not read.
func legacyLineStamps(b []byte) (dateEnd, upAt, n int) {
	// legacyStampWith reads a date where there may be one and then, if it
	// ends in a colon, an uptime after one space; the rest of the line, a
	// '[', is no GC id. A date holds no space, nor an uptime: the first one
	// follows it.
	if len(b) >= 19 && b[4] == '-' {
		k := bytes.IndexByte(b, ' ') - 1
		if k < 0 || b[k] != ':' {
			return 0, -1, 0
		}
		dateEnd, upAt = k, k+2
	}
	sp := bytes.IndexByte(b[upAt:], ' ')
	if sp <= 0 || legacyYoungStart(b, upAt+sp+1) < 0 {
		return 0, -1, 0
	}
	return dateEnd, upAt, upAt + sp + 1
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
