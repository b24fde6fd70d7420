package gclog

import (
	"bytes"
	"strings"
	"time"
)

// jrockitFamily reads BEA/Oracle JRockit -Xverbose:memory (and gc, gcpause,
// nursery...) output, R26 (Java 1.4.2) to R28 (Java 6), with or without
// -Xverbosetimestamp:
//
//	[memory ] 4.123: Nursery GC 12345K->6789K (65536K), 12.345 ms
//	[memory ] 4.123-4.567: GC 12345K->6789K (65536K), 12.345 ms
//	[INFO ][memory ] 4.1-4.5: GC 123K->45K (678K), sum of pauses 12.3 ms
//	[memory ][Thu Feb 21 15:06:32 2013][11844] [OC#1] 24.930-24.979: OC 464309KB->282831KB (524288KB), 0.049 s, sum of pauses 21.081 ms, longest pause 20.957 ms.
//
// Nursery (young) collections are Kind young; old collections ("GC", "OC")
// are Kind full, whether their marking and sweeping ran concurrently or not.
var jrockitFamily = family{
	name: "jrockit",
	claims: func(line []byte) bool {
		module, _, _, _, _ := jrockitSplit(line, nil)
		return string(module) == "memory"
	},
	newParser: func(out *emitter) lineParser { return &jrockitParser{out: out} },
}

type jrockitParser struct {
	out *emitter
	// The cause logged before a [YC#n]/[OC#n] summary ("GC reason: ...").
	causeID  int64
	causeTyp string
	cause    string
	strategy bool // the initial strategy was seen
}

// jrockitSplit takes the leading bracket groups off a JRockit line: log
// level ("[INFO ]"), module ("[memory ]"), time stamp ("[Thu Feb 21
// 15:06:32 2013]") and pid ("[11844]"), in either order. It stops at a group
// that is none of these ("[YC#1]" belongs to the message).
func jrockitSplit(line []byte, loc *time.Location) (module, pid []byte, t time.Time, msg []byte, ok bool) {
	msg = line
	for len(msg) > 0 && msg[0] == '[' {
		end := bytes.IndexByte(msg, ']')
		if end < 0 {
			break
		}
		g := msg[1:end]
		word := bytes.TrimRight(g, " ")
		switch {
		case len(word) == 0:
			return module, pid, t, msg, module != nil
		case jrockitLevel(word):
		case word[0] >= '0' && word[0] <= '9':
			if _, k := scanUint(word); k != len(word) {
				return module, pid, t, msg, module != nil
			}
			pid = word
		case word[0] >= 'A' && word[0] <= 'Z':
			tt, _, okT := scanCTime(word, loc)
			if !okT {
				return module, pid, t, msg, module != nil
			}
			t = tt
		case module == nil && jrockitModuleName(word):
			module = word
		default:
			return module, pid, t, msg, module != nil
		}
		msg = msg[end+1:]
	}
	if len(msg) > 0 && msg[0] == ' ' {
		msg = msg[1:]
	}
	return module, pid, t, msg, module != nil
}

func jrockitLevel(w []byte) bool {
	switch string(w) {
	case "INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL":
		return true
	}
	return false
}

// jrockitModuleName accepts the lower-case module names JRockit prints
// padded to 7 characters: memory, gcpause, nursery, compact, alloc, ...
func jrockitModuleName(w []byte) bool {
	if len(w) < 2 || len(w) > 12 {
		return false
	}
	for _, c := range w {
		if (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

func (p *jrockitParser) parse(text []byte, pos Pos) {
	module, pid, t, msg, ok := jrockitSplit(text, p.out.loc)
	if !ok {
		if indexOf(text, "OutOfMemoryError") >= 0 {
			p.out.info.OutOfMemory = true
		}
		p.out.foreign(text, pos)
		return
	}
	if pid != nil && p.out.info.PID == "" {
		p.out.info.PID = string(pid)
	}
	if string(module) != "memory" {
		return // gcpause, nursery, compact, alloc...: detail the model does not need
	}
	id, typ := int64(-1), ""
	if hasPrefix(msg, "[YC#") || hasPrefix(msg, "[OC#") {
		n, k := scanUint(msg[4:])
		if k > 0 && 4+k < len(msg) && msg[4+k] == ']' {
			id, typ = n, string(msg[1:3])
			msg = bytes.TrimLeft(msg[4+k+1:], " ")
		}
	}
	switch {
	case len(msg) > 0 && msg[0] >= '0' && msg[0] <= '9' && indexOf(msg, "->") >= 0:
		p.summary(id, typ, t, msg, text, pos)
	case hasPrefix(msg, "GC reason: "):
		p.causeID, p.causeTyp = id, typ
		p.cause = string(bytes.TrimSuffix(msg[len("GC reason: "):], []byte(".")))
	case hasPrefix(msg, "Throwing OutOfMemory"):
		p.out.info.OutOfMemory = true
	case hasPrefix(msg, "heap size: ") || hasPrefix(msg, "Heap size: "):
		if i := indexOf(msg, "maximal heap size: "); i >= 0 {
			if v, k := scanSize(msg[i+len("maximal heap size: "):]); k > 0 {
				p.out.info.HeapMax = v
			}
		}
	case !p.strategy && (hasPrefix(msg, "GC strategy: ") || hasPrefix(msg, "GC mode: ")):
		if i := indexOf(msg, "strategy: "); i >= 0 {
			p.strategy = true
			p.out.info.Collector = jrockitStrategy(msg[i+len("strategy: "):])
		}
	}
	// Other memory lines (the legend, TLA sizes, gc reports) are detail.
}

// summary reads one collection's line (see jrockitFamily).
func (p *jrockitParser) summary(id int64, typ string, t time.Time, msg, text []byte, pos Pos) {
	bad := func(why string) { p.out.unparsed(text, pos, why) }
	start, k := scanDecimal(msg)
	n := k
	end := int64(-1)
	if n < len(msg) && msg[n] == '-' {
		e, k := scanDecimal(msg[n+1:])
		if k == 0 {
			bad("cannot read the collection's end time")
			return
		}
		end = e
		n += 1 + k
	}
	if !hasPrefix(msg[n:], ": ") {
		bad("cannot read the collection's start time")
		return
	}
	n += 2
	// The name runs up to the size before the collection.
	arrow := indexOf(msg[n:], "->")
	if arrow < 0 {
		bad("no heap transition")
		return
	}
	b := n + arrow
	for b > n && (msg[b-1] >= '0' && msg[b-1] <= '9' || msg[b-1] == 'K' || msg[b-1] == 'B' || msg[b-1] == 'M' || msg[b-1] == '.') {
		b--
	}
	name := jrockitName(bytes.TrimSpace(msg[n:b]))
	var heap Sizes
	var ok bool
	heap, k = jrockitTransition(msg[b:])
	if k == 0 {
		bad("cannot read the heap transition")
		return
	}
	n = b + k
	if !hasPrefix(msg[n:], ", ") {
		bad("cannot read the collection's time")
		return
	}
	n += 2
	ev := NewEvent(pos.Source, pos.Line)
	ev.Uptime = time.Duration(start)
	ev.Time = t
	ev.ID = id
	ev.Name = name
	ev.Heap = heap
	switch {
	case typ == "YC" || name == "YC" || strings.Contains(name, "ursery"):
		ev.Kind = KindYoung
	case typ == "OC" || name == "OC" || name == "GC":
		ev.Kind = KindFull
	}
	if id >= 0 && id == p.causeID && typ == p.causeTyp {
		ev.Cause = p.cause
		if hasPrefix([]byte(p.cause), "System.gc()") {
			ev.Cause = "System.gc()"
			ev.Flags |= FlagSystemGC
		}
	}
	rest := msg[n:]
	if hasPrefix(rest, "sum of pauses ") {
		ev.Pause, ok = jrockitMillis(rest[len("sum of pauses "):])
	} else {
		var d time.Duration
		d, k = scanDuration(rest)
		ok = k > 0
		if ok && hasPrefix(rest[k:], ", sum of pauses ") {
			// R28: total time, then the pauses within it.
			ev.Duration = d
			ev.Pause, ok = jrockitMillis(rest[k+len(", sum of pauses "):])
		} else {
			ev.Pause = d
		}
	}
	if !ok {
		bad("cannot read the collection's pause")
		return
	}
	if ev.Duration == 0 && end > start {
		ev.Duration = time.Duration(end - start)
	}
	p.out.emit(ev)
}

// jrockitName returns the collection's name without allocating for the
// usual ones.
func jrockitName(b []byte) string {
	for _, n := range [...]string{"Nursery GC", "GC", "YC", "OC", "parallel nursery GC"} {
		if string(b) == n {
			return n
		}
	}
	return string(b)
}

// jrockitTransition reads "12345K->6789K (65536K)" or "453996KB->188846KB (786432KB)".
func jrockitTransition(b []byte) (Sizes, int) {
	size := func(n int) (int64, int) {
		v, k := scanSize(b[n:])
		if k > 0 && n+k < len(b) && b[n+k] == 'B' {
			k++
		}
		return v, k
	}
	before, k := size(0)
	if k == 0 || !hasPrefix(b[k:], "->") {
		return NoSizes, 0
	}
	n := k + 2
	after, k := size(n)
	if k == 0 {
		return NoSizes, 0
	}
	n += k
	if !hasPrefix(b[n:], " (") {
		return NoSizes, 0
	}
	n += 2
	capacity, k := size(n)
	if k == 0 || n+k >= len(b) || b[n+k] != ')' {
		return NoSizes, 0
	}
	return Sizes{Before: before, After: after, Capacity: capacity}, n + k + 1
}

func jrockitMillis(b []byte) (time.Duration, bool) {
	d, k := scanDuration(b)
	return d, k > 0
}

// jrockitStrategy names a JRockit GC strategy by its -Xgc name.
func jrockitStrategy(s []byte) string {
	s = bytes.TrimSuffix(bytes.TrimSpace(s), []byte("."))
	switch string(s) {
	case "Generational Concurrent Mark & Sweep":
		return "gencon"
	case "Generational Parallel Mark & Sweep":
		return "genpar"
	case "Generational Concurrent Mark, Parallel Sweep":
		return "genconpar"
	case "Generational Parallel Mark, Concurrent Sweep":
		return "genparcon"
	case "Concurrent Mark & Sweep":
		return "singlecon"
	case "Parallel Mark & Sweep":
		return "parallel"
	case "Parallel Mark, Concurrent Sweep":
		return "singleparcon"
	case "Concurrent Mark, Parallel Sweep":
		return "singleconpar"
	case "System optimized over pausetime":
		return "gcprio:pausetime"
	case "System optimized over throughput":
		return "gcprio:throughput"
	}
	return string(s)
}

func (p *jrockitParser) flush() {}
