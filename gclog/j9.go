package gclog

import (
	"bytes"
	"strconv"
	"time"
)

// j9Family reads IBM J9 / Eclipse OpenJ9 verbose GC XML (-verbose:gc,
// -Xverbosegclog), Java 5 to current: the old layout of <af>, <sys> and
// <con> records wrapping <gc> elements (J9 5.0, Java 6 before R26), and the
// newer layout of <exclusive-start>, <gc-start>/<gc-end>, <cycle-start>/
// <cycle-end> elements (R26 and later, every gcpolicy).
//
// The XML is read one line at a time, as J9 writes one element per line: a
// record is a small state machine, never a tree, so memory stays bounded.
var j9Family = family{
	name:      "openj9",
	claims:    j9Claims,
	newParser: func(out *emitter) lineParser { return &j9Parser{out: out} },
}

// j9Claims accepts only elements that J9 alone writes.
func j9Claims(line []byte) bool {
	l := bytes.TrimLeft(line, " \t")
	if len(l) < 4 || l[0] != '<' {
		return false
	}
	for _, p := range [...]string{"<verbosegc", "<exclusive-start ", "<gc-start ", "<cycle-start ", "<af-start ",
		"<sys-start ", "<concurrent-kickoff ", "<af type=", "<gc type=", "<sys id=", "<con event="} {
		if hasPrefix(l, p) {
			return true
		}
	}
	return false
}

// j9Parser is the state of the J9 reader between lines.
type j9Parser struct {
	out    *emitter
	inInit bool // inside <initialized>

	// New layout: an exclusive-access block holds zero or more collections.
	exclActive bool
	group      []*Event // collections of the current block, emitted at its end
	cause      string   // from <af-start>, <sys-start>, <concurrent-collection-start>
	flags      Flag
	cycleType  string // from <cycle-start>, for a <gc-start> without a type
	cur        *Event // the collection between <gc-start> and </gc-end>
	curPos     Pos
	section    int // 0 outside, j9Start in <gc-start>, j9End in <gc-end>
	memDepth   int // nesting of <mem> elements inside <mem-info>

	// Concurrent marking started by <concurrent-kickoff> or <con event="kicked off">.
	kick j9Kick

	// Old layout: one <af>, <sys> or <con event="collection"> record.
	rec j9Record
}

const (
	j9Start = 1 + iota
	j9End
)

type j9Kick struct {
	active bool
	pos    Pos
	t      time.Time
	reason string
}

// j9Space is a space's free and total bytes as the old layout gives them.
type j9Space struct {
	name        string
	free, total int64
}

type j9Record struct {
	active  bool
	elem    string // "af", "sys" or "con"
	pos     Pos
	t       time.Time
	cause   string
	flags   Flag
	total   time.Duration // <time totalms> at record level
	before  []j9Space     // spaces before the next collection of the record
	inGC    bool
	gc      *Event
	gcPause time.Duration
	after   []j9Space
	evs     []*Event
	skipCon int // nested <con> elements that are not the record itself
	parent  string
}

func (p *j9Parser) parse(text []byte, pos Pos) {
	l := bytes.TrimLeft(text, " \t")
	if len(l) == 0 {
		return
	}
	if l[0] != '<' {
		p.other(text, pos)
		return
	}
	name, closing := j9ElemName(l)
	self := hasSuffix(bytes.TrimRight(l, " \t"), "/>")
	if closing {
		p.end(name, pos)
		return
	}
	switch name {
	case "?xml", "!--":
	case "verbosegc":
		if v := j9Attr(l, "version"); v != nil {
			p.out.info.JVMVersion = string(v)
		}
	case "initialized":
		p.inInit = !self
	case "attribute":
		if p.inInit {
			p.attribute(l)
		}

	// New layout.
	case "exclusive-start":
		p.flushGroup()
		p.exclActive = true
	case "exclusive-end":
		if d, ok := j9Millis(l, "durationms"); ok && len(p.group) == 1 {
			// One collection in the block: its pause is the whole time
			// the application was stopped, as GCViewer reports it.
			p.group[0].Pause = d
		}
		p.flushGroup()
	case "af-start":
		p.cause, p.flags = "Allocation Failure", 0
	case "sys-start":
		p.cause, p.flags = j9SysCause(j9Attr(l, "reason"))
	case "concurrent-collection-start":
		p.cause, p.flags = "concurrent collection", 0
	case "concurrent-global-final":
		p.cause, p.flags = "concurrent global final", 0
	case "percolate-collect":
		p.cause, p.flags = "percolate collect", 0
		if r := j9Attr(l, "reason"); len(r) > 0 {
			p.cause = "percolate collect: " + string(r)
		}
	case "cycle-start":
		p.cycleType = string(j9Attr(l, "type"))
	case "gc-start":
		p.gcStart(l, pos)
		if !self {
			p.section = j9Start
		}
	case "gc-end":
		if p.cur == nil { // a fragment starting mid-collection
			p.gcStart(l, pos)
		}
		if d, ok := j9Millis(l, "durationms"); ok {
			p.cur.Pause = d
		}
		p.section = j9End
		if self {
			p.gcEnd()
		}
	case "mem-info":
		p.memInfo(l, pos)
		p.memDepth = 0
	case "mem":
		p.mem(l, pos)
		if !self {
			p.memDepth++
		}
	case "concurrent-kickoff":
		p.startKick(l, pos)
	case "kickoff":
		if r := j9Attr(l, "reason"); r != nil && p.kick.active {
			p.kick.reason = string(r)
		}
	case "concurrent-collection-end", "concurrent-aborted":
		p.endKick(l, name == "concurrent-aborted")

	// Old layout.
	case "af", "sys":
		p.startRecord(name, l, pos)
	case "con":
		ev := j9Attr(l, "event")
		switch {
		case string(ev) == "collection" && !p.rec.active:
			p.startRecord(name, l, pos)
		case (string(ev) == "kicked off" || string(ev) == "kickoff") && !p.rec.active:
			p.startKick(l, pos)
			if !self {
				p.rec.skipCon++
			}
		default:
			if !self {
				p.rec.skipCon++
			}
		}
	case "gc":
		if p.rec.active {
			p.recGC(l, pos)
		}
	case "nursery", "tenured":
		if p.rec.active && j9Attr(l, "freebytes") != nil {
			p.recSpace(name, l, pos)
			if !self {
				p.rec.parent = name
			}
		}
	case "soa", "loa":
		if p.rec.active && j9Attr(l, "freebytes") != nil {
			p.recSpace(name, l, pos)
		}
	case "timesms":
		if p.rec.inGC {
			if d, ok := j9Millis(l, "total"); ok {
				p.rec.gcPause = d
			}
		}
	case "time":
		if d, ok := j9Millis(l, "totalms"); ok && p.rec.active {
			if p.rec.inGC {
				p.rec.gcPause = d
			} else {
				p.rec.total = d
			}
		}
	}
	// Every other element (gc-op, allocation-stats, response-info, refs,
	// finalization...) is well-formed detail the Event model does not need.
}

// end handles a closing tag.
func (p *j9Parser) end(name string, pos Pos) {
	switch name {
	case "initialized":
		p.inInit = false
	case "gc-start":
		p.section = 0
	case "gc-end":
		p.gcEnd()
	case "mem":
		if p.memDepth > 0 {
			p.memDepth--
		}
	case "gc":
		p.recGCEnd()
	case "tenured", "nursery":
		p.rec.parent = ""
	case "af", "sys":
		if p.rec.active && p.rec.elem == name {
			p.endRecord()
		}
	case "con":
		if p.rec.skipCon > 0 {
			p.rec.skipCon--
		} else if p.rec.active && p.rec.elem == "con" {
			p.endRecord()
		}
	case "concurrent-kickoff":
	}
}

// other handles a line that is not an XML element: application output
// between records.
func (p *j9Parser) other(text []byte, pos Pos) {
	if indexOf(text, "OutOfMemoryError") >= 0 {
		p.out.info.OutOfMemory = true
	}
	p.out.foreign(text, pos)
}

func (p *j9Parser) attribute(l []byte) {
	switch string(j9Attr(l, "name")) {
	case "gcPolicy":
		v := j9Attr(l, "value")
		if hasPrefix(v, "-Xgcpolicy:") {
			v = v[len("-Xgcpolicy:"):]
		}
		p.out.info.Collector = string(v)
	case "maxHeapSize":
		if v, err := strconv.ParseInt(string(j9Attr(l, "value")), 0, 64); err == nil {
			p.out.info.HeapMax = v
		}
	}
}

// j9SysCause maps a <sys-start reason=...> to a cause.
func j9SysCause(reason []byte) (string, Flag) {
	if len(reason) == 0 || string(reason) == "explicit" {
		return "System.gc()", FlagSystemGC
	}
	return string(reason), 0
}

// j9Kind maps a collection type of either layout to a Kind.
func j9Kind(typ string) Kind {
	switch typ {
	case "scavenge", "scavenger", "nursery":
		return KindYoung
	case "partial gc": // balanced: young regions plus chosen old ones
		return KindMixed
	case "global", "global garbage collect", "synchgc":
		return KindFull
	case "global mark phase": // balanced: an increment of concurrent global marking
		return KindCleanup
	}
	return KindUnknown
}

func (p *j9Parser) gcStart(l []byte, pos Pos) {
	if p.cur != nil {
		p.out.unparsed(nil, p.curPos, "collection without <gc-end>")
	}
	ev := NewEvent(pos.Source, pos.Line)
	typ := string(j9Attr(l, "type"))
	if typ == "" {
		typ = p.cycleType
	}
	ev.Name = typ
	ev.Kind = j9Kind(typ)
	if id, k := scanUint(j9Attr(l, "id")); k > 0 {
		ev.ID = id
	}
	if t, _, ok := scanISOTime(j9Attr(l, "timestamp"), p.out.loc); ok {
		ev.Time = t
	}
	ev.Cause, ev.Flags = p.cause, p.flags
	p.cur, p.curPos = ev, pos
}

func (p *j9Parser) gcEnd() {
	if p.cur == nil {
		return
	}
	ev := p.cur
	p.cur, p.section = nil, 0
	if p.exclActive {
		p.group = append(p.group, ev)
		return
	}
	p.out.emit(ev)
}

func (p *j9Parser) flushGroup() {
	for _, ev := range p.group {
		p.out.emit(ev)
	}
	clear(p.group)
	p.group = p.group[:0]
	p.exclActive = false
	p.cause, p.flags = "", 0
}

// memInfo reads the whole heap from <mem-info free= total=>.
func (p *j9Parser) memInfo(l []byte, pos Pos) {
	if p.cur == nil || p.section == 0 {
		return
	}
	free, total, ok := j9FreeTotal(l, "free", "total")
	if !ok {
		p.out.unparsed(l, pos, "mem-info without free and total")
		return
	}
	if p.section == j9Start {
		p.cur.Heap.Before = total - free
	} else {
		p.cur.Heap.After, p.cur.Heap.Capacity = total-free, total
	}
}

// mem reads one space of a <mem-info>.
func (p *j9Parser) mem(l []byte, pos Pos) {
	if p.cur == nil || p.section == 0 {
		return
	}
	free, total, ok := j9FreeTotal(l, "free", "total")
	if !ok {
		p.out.unparsed(l, pos, "mem without free and total")
		return
	}
	name := j9SpaceName(j9Attr(l, "type"), p.memDepth)
	s, known := p.cur.Space(name)
	if p.section == j9Start {
		s.Before = total - free
	} else {
		s.After, s.Capacity = total-free, total
	}
	if !known && p.section == j9End {
		s.Before = Unknown
	}
	p.cur.SetSpace(name, s)
}

// j9SpaceName maps J9 space names to the canonical ones: the nursery is the
// young generation, its allocate space eden; tenure is old. Others (soa,
// loa, balanced's eden) keep their names.
func j9SpaceName(typ []byte, depth int) string {
	switch string(typ) {
	case "nursery":
		return SpaceYoung
	case "tenure", "tenured":
		return SpaceOld
	case "allocate":
		return SpaceEden
	case "survivor":
		return SpaceSurvivor
	case "soa":
		return "soa"
	case "loa":
		return "loa"
	case "eden":
		return SpaceEden
	}
	return string(typ)
}

func (p *j9Parser) startKick(l []byte, pos Pos) {
	if p.kick.active {
		p.emitKick(time.Time{}, false)
	}
	t := j9Time(j9Attr(l, "timestamp"), p.out.loc)
	p.kick = j9Kick{active: true, pos: pos, t: t}
}

// endKick reports the concurrent cycle that a kickoff started, at its end.
func (p *j9Parser) endKick(l []byte, aborted bool) {
	if !p.kick.active {
		return
	}
	p.emitKick(j9Time(j9Attr(l, "timestamp"), p.out.loc), aborted)
}

func (p *j9Parser) emitKick(end time.Time, aborted bool) {
	ev := NewEvent(p.kick.pos.Source, p.kick.pos.Line)
	ev.Kind = KindConcurrent
	ev.Name = "concurrent"
	ev.Cause = p.kick.reason
	if aborted {
		ev.Name = "concurrent (aborted)"
	}
	ev.Time = p.kick.t
	if !end.IsZero() && !p.kick.t.IsZero() && end.After(p.kick.t) {
		ev.Duration = end.Sub(p.kick.t)
	}
	p.kick = j9Kick{}
	p.out.emit(ev)
}

// j9Time reads either layout's timestamp attribute.
func j9Time(v []byte, loc *time.Location) time.Time {
	if t, _, ok := scanISOTime(v, loc); ok {
		return t
	}
	if t, _, ok := scanCTime(v, loc); ok {
		return t
	}
	return time.Time{}
}

// Old layout.

func (p *j9Parser) startRecord(elem string, l []byte, pos Pos) {
	if p.rec.active {
		p.endRecord()
	}
	p.flushGroup()
	r := &p.rec
	*r = j9Record{active: true, elem: elem, pos: pos, before: r.before[:0], after: r.after[:0], evs: r.evs[:0]}
	r.t = j9Time(j9Attr(l, "timestamp"), p.out.loc)
	switch elem {
	case "af":
		r.cause = "Allocation Failure"
	case "sys":
		r.cause, r.flags = "System.gc()", FlagSystemGC
	case "con":
		r.cause = "concurrent collection"
		if p.kick.active {
			p.emitKick(r.t, false)
		}
	}
}

func (p *j9Parser) recGC(l []byte, pos Pos) {
	r := &p.rec
	if r.inGC {
		p.recGCEnd()
	}
	typ := string(j9Attr(l, "type"))
	ev := NewEvent(pos.Source, r.pos.Line)
	if len(r.evs) > 0 {
		ev.Line = pos.Line
	}
	ev.Name, ev.Kind = typ, j9Kind(typ)
	ev.Time = r.t
	ev.Cause, ev.Flags = r.cause, r.flags
	if id, k := scanUint(j9Attr(l, "totalid")); k > 0 {
		ev.ID = id
	} else if id, k := scanUint(j9Attr(l, "id")); k > 0 {
		ev.ID = id
	}
	r.inGC, r.gc, r.gcPause = true, ev, 0
	r.after = r.after[:0]
}

func (p *j9Parser) recSpace(name string, l []byte, pos Pos) {
	r := &p.rec
	free, total, ok := j9FreeTotal(l, "freebytes", "totalbytes")
	if !ok {
		p.out.unparsed(l, pos, "space without freebytes and totalbytes")
		return
	}
	s := j9Space{name, free, total}
	switch {
	case r.inGC:
		r.after = j9Put(r.after, s)
	case len(r.evs) == 0:
		r.before = j9Put(r.before, s)
	}
	// Sizes after the record's last collection (once the allocation is
	// satisfied) are not the collection's result: ignored.
}

func j9Put(list []j9Space, s j9Space) []j9Space {
	for i := range list {
		if list[i].name == s.name {
			list[i] = s
			return list
		}
	}
	return append(list, s)
}

func (p *j9Parser) recGCEnd() {
	r := &p.rec
	if !r.inGC {
		return
	}
	ev := r.gc
	ev.Pause = r.gcPause
	heap := Sizes{Before: Unknown, After: Unknown, Capacity: Unknown}
	addHeap := func(v *int64, x int64) {
		if *v == Unknown {
			*v = 0
		}
		*v += x
	}
	for _, s := range r.before {
		ev.SetSpace(j9OldSpaceName(s.name), Sizes{Before: s.total - s.free, After: Unknown, Capacity: Unknown})
		if s.name == "nursery" || s.name == "tenured" {
			addHeap(&heap.Before, s.total-s.free)
		}
	}
	for _, s := range r.after {
		name := j9OldSpaceName(s.name)
		sz, _ := ev.Space(name)
		sz.After, sz.Capacity = s.total-s.free, s.total
		ev.SetSpace(name, sz)
		if s.name == "nursery" || s.name == "tenured" {
			addHeap(&heap.After, s.total-s.free)
			addHeap(&heap.Capacity, s.total)
		}
	}
	ev.Heap = heap
	r.evs = append(r.evs, ev)
	// A second collection in the record starts from this one's result.
	r.before = append(r.before[:0], r.after...)
	r.inGC, r.gc = false, nil
}

func j9OldSpaceName(n string) string {
	switch n {
	case "nursery":
		return SpaceYoung
	case "tenured":
		return SpaceOld
	}
	return n
}

func (p *j9Parser) endRecord() {
	r := &p.rec
	if r.inGC {
		p.recGCEnd()
	}
	switch {
	case len(r.evs) == 1 && r.total > 0:
		r.evs[0].Pause = r.total
	case len(r.evs) == 0 && r.elem != "con":
		p.out.unparsed(nil, r.pos, "<"+r.elem+"> record without a collection")
	}
	for i, ev := range r.evs {
		p.out.emit(ev)
		r.evs[i] = nil
	}
	r.evs = r.evs[:0]
	r.active = false
}

func (p *j9Parser) flush() {
	if p.cur != nil {
		p.out.unparsed(nil, p.curPos, "collection without <gc-end> at end of log")
		p.cur = nil
	}
	p.flushGroup()
	if p.rec.active {
		if p.rec.inGC {
			p.out.unparsed(nil, p.rec.pos, "collection record cut off at end of log")
			p.rec.inGC, p.rec.gc = false, nil
		}
		p.endRecord()
	}
	if p.kick.active {
		p.emitKick(time.Time{}, false)
	}
}

// XML helpers: J9 writes one element per line with double-quoted
// attributes, so hand-splitting is enough.

// j9ElemName returns the element name of a line starting with '<', and
// whether it is a closing tag.
func j9ElemName(l []byte) (string, bool) {
	i := 1
	closing := false
	if i < len(l) && l[i] == '/' {
		closing = true
		i++
	}
	s := i
	for i < len(l) && l[i] != ' ' && l[i] != '>' && l[i] != '/' && l[i] != '\t' {
		i++
	}
	return string(l[s:i]), closing
}

// j9Attr returns the value of attribute name, or nil when absent.
func j9Attr(l []byte, name string) []byte {
	for i := 0; i+len(name)+2 < len(l); i++ {
		j := indexOf(l[i:], name)
		if j < 0 {
			return nil
		}
		i += j
		k := i + len(name)
		if i > 0 && (l[i-1] == ' ' || l[i-1] == '\t') && k+1 < len(l) && l[k] == '=' && l[k+1] == '"' {
			v := l[k+2:]
			if e := bytes.IndexByte(v, '"'); e >= 0 {
				return v[:e]
			}
			return nil
		}
	}
	return nil
}

// j9FreeTotal reads a free and a total byte count.
func j9FreeTotal(l []byte, freeName, totalName string) (free, total int64, ok bool) {
	f, k1 := scanUint(j9Attr(l, freeName))
	t, k2 := scanUint(j9Attr(l, totalName))
	if k1 == 0 || k2 == 0 {
		return 0, 0, false
	}
	return f, t, true
}

// j9Millis reads an attribute in milliseconds ("41.930").
func j9Millis(l []byte, name string) (time.Duration, bool) {
	v, k := scanDecimal(j9Attr(l, name))
	if k == 0 {
		return 0, false
	}
	return time.Duration(v / 1e3), true
}
