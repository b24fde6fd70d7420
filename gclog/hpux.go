package gclog

import (
	"bytes"
	"time"
)

// hpuxFamily reads HP-UX JVM -Xverbosegc output: one line per collection,
// "<GC: " and space-separated numbers.
//
// Java 1.2 to 1.4.0 write 18 numbers:
//
//	<GC: %1 %2 %3 %4 %5 %6..%8 %9..%11 %12..%14 %15..%17 %18 >
//	type, uptime (s), count, bytes requested, tenuring threshold,
//	eden, survivor, old and perm before/after/capacity, pause (s)
//
// Java 1.4.1 and later write 20 or more:
//
//	<GC: %1 %2 %3 %4 %5 %6 %7..%9 %10..%12 %13..%15 %16..%18 %19 %20 ...>
//	type, reason, uptime (s), count, bytes requested, tenuring threshold,
//	eden, survivor, old and perm before/after/capacity,
//	stop-the-world time (s), collection time (s)
//
// Type 1 is a scavenge (young), 2 an old generation or full collection, 3 a
// complete and 4 an interrupted background CMS cycle (concurrent). In the
// 18-number format every collection empties the new generation: all are
// full collections (eden and survivor after are 0).
var hpuxFamily = family{
	name:      "hp",
	claims:    hpuxClaims,
	newParser: func(out *emitter) lineParser { return &hpuxParser{out: out} },
}

func hpuxClaims(line []byte) bool {
	if !hasPrefix(line, "<GC: ") {
		return false
	}
	var f [hpuxMaxFields]int64
	n, ok := hpuxFields(line, &f)
	return ok && n >= 18
}

const hpuxMaxFields = 32

type hpuxParser struct {
	out *emitter
}

// hpuxFields splits the numbers of a "<GC: ...>" line into scaled decimals
// (value*1e9). It returns the number of fields and whether all were numbers.
func hpuxFields(line []byte, f *[hpuxMaxFields]int64) (int, bool) {
	b := bytes.TrimRight(line, " \t")
	if !hasPrefix(b, "<GC: ") || !hasSuffix(b, ">") {
		return 0, false
	}
	b = b[len("<GC: ") : len(b)-1]
	n := 0
	i := 0
	for {
		for i < len(b) && b[i] == ' ' {
			i++
		}
		if i == len(b) {
			break
		}
		if n == hpuxMaxFields {
			return n, false
		}
		neg := false
		if b[i] == '-' {
			neg = true
			i++
		}
		v, k := scanDecimal(b[i:])
		if k == 0 || (i+k < len(b) && b[i+k] != ' ') {
			return n, false
		}
		if neg {
			v = -v
		}
		f[n] = v
		n++
		i += k
	}
	return n, true
}

func (p *hpuxParser) parse(text []byte, pos Pos) {
	if !hasPrefix(text, "<GC: ") {
		if len(bytes.TrimSpace(text)) > 0 && indexOf(text, "OutOfMemoryError") >= 0 {
			p.out.info.OutOfMemory = true
		}
		p.out.foreign(text, pos)
		return
	}
	var f [hpuxMaxFields]int64
	n, ok := hpuxFields(text, &f)
	if !ok || n < 18 || n == 19 {
		p.out.unparsed(text, pos, "expected 18 or at least 20 numbers")
		return
	}
	const sec = 1e9 // fields are scaled by 1e9
	ev := NewEvent(pos.Source, pos.Line)
	typ := f[0] / sec
	var reason int64 = -1
	var sizes []int64
	i := 1
	if n >= 20 {
		reason = f[1] / sec
		i = 2
	}
	ev.Uptime = time.Duration(f[i])
	ev.ID = f[i+1] / sec
	sizes = f[i+4 : i+16]
	for j := range sizes {
		sizes[j] /= sec
	}
	ev.Pause = time.Duration(f[i+16])
	if n >= 20 {
		switch typ {
		case 1:
			ev.Kind, ev.Name = KindYoung, "Scavenge"
			ev.Cause = "Allocation Failure"
		case 2:
			ev.Kind, ev.Name = KindFull, "Full GC"
			ev.Cause = hpuxFullCause(reason)
		case 3, 4:
			ev.Kind, ev.Name = KindConcurrent, "CMS"
			if typ == 4 {
				ev.Name = "CMS (interrupted)"
			}
			ev.Duration, ev.Pause = time.Duration(f[i+17]), 0
		default:
			p.out.unparsed(text, pos, "unknown collection type")
			return
		}
	} else {
		ev.Kind, ev.Name = KindFull, "GC"
	}
	if ev.Cause == "System.gc()" {
		ev.Flags |= FlagSystemGC
	}
	eden := Sizes{Before: sizes[0], After: sizes[1], Capacity: sizes[2]}
	surv := Sizes{Before: sizes[3], After: sizes[4], Capacity: sizes[5]}
	old := Sizes{Before: sizes[6], After: sizes[7], Capacity: sizes[8]}
	perm := Sizes{Before: sizes[9], After: sizes[10], Capacity: sizes[11]}
	young := Sizes{Before: eden.Before + surv.Before, After: eden.After + surv.After, Capacity: eden.Capacity + surv.Capacity}
	ev.Heap = Sizes{Before: young.Before + old.Before, After: young.After + old.After, Capacity: young.Capacity + old.Capacity}
	ev.Spaces = []Space{{SpaceYoung, young}, {SpaceEden, eden}, {SpaceSurvivor, surv}, {SpaceOld, old}, {SpacePerm, perm}}
	p.out.emit(ev)
}

// hpuxFullCause maps the reason of a type 2 collection, as HP documents it.
func hpuxFullCause(r int64) string {
	switch r {
	case 1:
		return "Allocation Failure"
	case 2:
		return "System.gc()"
	case 3:
		return "Tenured Generation Full"
	case 4:
		return "Permanent Generation Full"
	case 5:
		return "Train Generation Full"
	case 6:
		return "CMS GC in progress"
	case 7:
		return "Old Generation Expanded On Last Scavenge"
	case 8:
		return "Old Generation Too Full To Scavenge"
	}
	return ""
}

func (p *hpuxParser) flush() {}
