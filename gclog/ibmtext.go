package gclog

import (
	"bytes"
	"time"
)

// ibmTextFamily reads the text verbose GC of IBM's Sovereign JVMs, Java 1.2
// to 1.4.2 (<AF[n]: ...>, <GC(n): ...>, <CON[n]: ...> lines), and the
// "GC n: ..." lines of the i5/OS classic VM (Java 1.4.2 on OS/400).
//
// Every <GC(n)> collection of these JVMs is a mark-sweep(-compact) of the
// whole heap: Kind full. The i5/OS classic VM collects concurrently and logs
// no heap occupancy, only the heap size and what was collected: its cycles
// are concurrent events with the heap capacity.
var ibmTextFamily = family{
	name:      "ibm-legacy",
	claims:    ibmTextClaims,
	newParser: func(out *emitter) lineParser { return &ibmTextParser{out: out} },
}

func ibmTextClaims(line []byte) bool {
	l := bytes.TrimLeft(line, " \t")
	switch {
	case hasPrefix(l, "<AF[") || hasPrefix(l, "<AF: ") || hasPrefix(l, "<GC(") || hasPrefix(l, "<GC[") || hasPrefix(l, "<CON["):
		return true
	case hasPrefix(l, "GC: initial heap(KB) "):
		return true
	case hasPrefix(l, "GC "):
		_, k := scanUint(l[3:])
		return k > 0 && hasPrefix(l[3+k:], ": starting collection")
	}
	return false
}

type ibmTextParser struct {
	out *emitter

	// The current <AF> or <CON> record.
	recActive bool
	recPos    Pos
	cause     string
	gcs       int // collections in the record so far

	startPos Pos       // where the current collection's lines start
	t        time.Time // its wall-clock start
	pending  *Event    // the last collection, waiting for its record's end

	i5s []ibmTextI5 // i5/OS classic VM collections in progress
}

func (p *ibmTextParser) parse(text []byte, pos Pos) {
	l := bytes.TrimLeft(text, " \t")
	if len(l) == 0 {
		return
	}
	switch {
	case hasPrefix(l, "<AF") || hasPrefix(l, "<CON"):
		p.record(l, pos)
	case hasPrefix(l, "<GC("):
		p.gcLine(l, pos)
	case hasPrefix(l, "<GC: "):
		// 1.2/1.3: "<GC: Mon Jul  8 10:41:35 2002" starts a collection;
		// "<GC: freeing class ...>" and "<GC: unloaded ...>" are detail.
		if t, _, ok := scanCTime(l[5:], p.out.loc); ok {
			p.t, p.startPos = t, pos
		}
	case l[0] == '<' && len(l) > 1 && (l[1] == 'G' || l[1] == ' '):
		// <GC[n]: Expanded System Heap ...>, <  Stop-the-allocations ...>
	case hasPrefix(l, "GC "), hasPrefix(l, "GC: "):
		p.i5(l, pos)
	default:
		if indexOf(l, "OutOfMemoryError") >= 0 {
			p.out.info.OutOfMemory = true
		}
		p.out.foreign(text, pos)
	}
}

// record handles <AF[n]: ...> and <CON[n]: ...> lines.
func (p *ibmTextParser) record(l []byte, pos Pos) {
	i := bytes.IndexByte(l, ':')
	if i < 0 {
		p.out.unparsed(l, pos, "allocation failure line without a colon")
		return
	}
	msg := l[i+1:]
	if len(msg) > 0 && msg[0] == ' ' {
		msg = msg[1:]
	}
	switch {
	case hasPrefix(msg, "Allocation Failure"), hasPrefix(msg, "Concurrent collection"):
		p.emitPending()
		p.recActive, p.recPos, p.gcs = true, pos, 0
		p.cause = "Allocation Failure"
		if msg[0] == 'C' {
			p.cause = "concurrent collection"
		}
		p.t = time.Time{}
	case hasPrefix(msg, "completed in "):
		d, ok := ibmTextMillis(msg[len("completed in "):])
		if !ok {
			p.out.unparsed(l, pos, "cannot read the time of the allocation failure")
			return
		}
		if p.pending != nil && p.gcs == 1 {
			// The whole time the application was stopped for the record.
			p.pending.Pause = d
		}
		p.emitPending()
		p.recActive = false
		p.cause = ""
	case hasPrefix(msg, "insufficient heap space"):
		p.out.info.OutOfMemory = true
		if p.pending != nil {
			p.pending.Flags |= FlagOutOfMemory
		}
	}
	// "managing allocation failure, action=..." and other lines are detail.
}

// gcLine handles <GC(n): ...> lines; only the "freed" line carries figures.
func (p *ibmTextParser) gcLine(l []byte, pos Pos) {
	id, k := scanUint(l[4:])
	if k == 0 || !hasPrefix(l[4+k:], "): ") {
		p.out.unparsed(l, pos, "malformed <GC(n)> line")
		return
	}
	msg := l[4+k+3:]
	switch {
	case hasPrefix(msg, "GC cycle started "):
		if t, _, ok := scanCTime(msg[len("GC cycle started "):], p.out.loc); ok {
			p.t = t
		}
		p.startPos = pos
	case hasPrefix(msg, "Bytes Traced"):
		p.startPos = pos
	case hasPrefix(msg, "freed "):
		p.freed(id, msg, l, pos)
	}
}

// freed reads "freed 244795872 bytes in 105 ms, 92% free (248821296/268435448)"
// (1.2, 1.3.0) or "freed 56558264 bytes, 94% free (63714696/67107328), in 1077 ms"
// (1.3.1, 1.4).
func (p *ibmTextParser) freed(id int64, msg, l []byte, pos Pos) {
	freed, k := scanUint(msg[len("freed "):])
	o := indexOf(msg, "% free (")
	in := indexOf(msg, " in ")
	if k == 0 || o < 0 || in < 0 {
		p.out.unparsed(l, pos, "cannot read the collection's figures")
		return
	}
	free, k1 := scanUint(msg[o+len("% free ("):])
	rest := msg[o+len("% free (")+k1:]
	if k1 == 0 || len(rest) < 2 || rest[0] != '/' {
		p.out.unparsed(l, pos, "cannot read the free/total heap")
		return
	}
	total, k2 := scanUint(rest[1:])
	pause, ok := ibmTextMillis(msg[in+len(" in "):])
	if k2 == 0 || !ok || free > total {
		p.out.unparsed(l, pos, "cannot read the collection's figures")
		return
	}
	p.emitPending()
	start := p.startPos
	if p.recActive && p.gcs == 0 || start.Line == 0 {
		start = p.recPos
	}
	if start.Line == 0 || start.Source != pos.Source {
		start = pos
	}
	ev := NewEvent(start.Source, start.Line)
	ev.ID = id
	ev.Kind = KindFull
	ev.Name = "GC"
	ev.Cause = p.cause
	ev.Time = p.t
	ev.Pause = pause
	after := total - free
	ev.Heap = Sizes{Before: after + freed, After: after, Capacity: total}
	p.pending = ev
	p.gcs++
	p.startPos, p.t = Pos{}, time.Time{}
	if !p.recActive {
		p.emitPending()
	}
}

func (p *ibmTextParser) emitPending() {
	if p.pending != nil {
		p.out.emit(p.pending)
		p.pending = nil
	}
}

// ibmTextMillis reads "105 ms".
func ibmTextMillis(b []byte) (time.Duration, bool) {
	v, k := scanDecimal(b)
	if k == 0 || !hasPrefix(b[k:], " ms") {
		return 0, false
	}
	return time.Duration(v / 1e3), true
}

// i5 handles the i5/OS classic VM's "GC n: ..." lines. Its collections run
// concurrently and can overlap ("GC 17: starting collection" before "GC 16:
// collection ending"), so a few are followed at once, by number.
func (p *ibmTextParser) i5(l []byte, pos Pos) {
	if hasPrefix(l, "GC: ") {
		if i := indexOf(l, "maximum heap(KB) "); i >= 0 {
			if v, k := scanUint(l[i+len("maximum heap(KB) "):]); k > 0 {
				p.out.info.HeapMax = v << 10
			}
		}
		return
	}
	id, k := scanUint(l[3:])
	if k == 0 || !hasPrefix(l[3+k:], ": ") {
		p.out.foreign(l, pos)
		return
	}
	msg := l[3+k+2:]
	if hasPrefix(msg, "starting collection") {
		if len(p.i5s) == ibmTextMaxI5 {
			p.i5End(0)
		}
		c := ibmTextI5{id: id, pos: pos, heap: Unknown}
		if r := msg[len("starting collection"):]; hasPrefix(r, ", ") {
			c.cause = string(bytes.TrimSuffix(r[2:], []byte(".")))
		}
		p.i5s = append(p.i5s, c)
		return
	}
	i := 0
	for i < len(p.i5s) && p.i5s[i].id != id {
		i++
	}
	if i == len(p.i5s) {
		p.out.unparsed(l, pos, "i5/OS collection line outside its collection")
		return
	}
	c := &p.i5s[i]
	switch {
	case hasPrefix(msg, "current heap(KB) "):
		if v, k := scanUint(msg[len("current heap(KB) "):]); k > 0 {
			c.heap = v << 10
		}
	case hasPrefix(msg, "collect (milliseconds) "):
		if v, k := scanDecimal(msg[len("collect (milliseconds) "):]); k > 0 {
			c.dur = time.Duration(v / 1e3)
		}
	case hasPrefix(msg, "collection ending"):
		p.i5End(i)
	}
}

// ibmTextMaxI5 bounds the overlapping i5/OS collections followed at once.
const ibmTextMaxI5 = 8

type ibmTextI5 struct {
	id    int64
	pos   Pos
	cause string
	heap  int64
	dur   time.Duration
}

func (p *ibmTextParser) i5End(i int) {
	c := p.i5s[i]
	p.i5s = append(p.i5s[:i], p.i5s[i+1:]...)
	ev := NewEvent(c.pos.Source, c.pos.Line)
	ev.ID = c.id
	ev.Kind = KindConcurrent
	ev.Name = "collection"
	ev.Cause = c.cause
	ev.Duration = c.dur
	ev.Heap.Capacity = c.heap
	p.out.emit(ev)
}

func (p *ibmTextParser) flush() {
	p.emitPending()
	for len(p.i5s) > 0 {
		p.i5End(0)
	}
}
