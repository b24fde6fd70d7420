package gclog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"time"
)

// HotSpot unified logging (-Xlog), JDK 9 to 25.
//
// A line is "[decoration]...[decoration] message", with any subset of the
// decorations (their order is fixed by the JVM: time, utctime, uptime,
// timemillis, uptimemillis, timenanos, uptimenanos, hostname, pid, tid,
// level, tags), or none at all. Messages about one collection carry its id,
// "GC(12) ...". The line that ends a collection is its summary at gc=info:
//
//	GC(12) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms
//	GC(7) Garbage Collection (Allocation Rate) 502M(49%)->716M(70%)
//	GC(3) Minor Collection (Allocation Rate) 42M(66%)->20M(31%) 0.039s
//	GC(5) Concurrent Mark Cycle 31.2ms
//
// Detail lines of the same id (spaces, metaspace, ZGC tables, heap-at-GC
// blocks) come before or just after the summary and are folded into its event.
// Every other decorated line is detail the model does not need (phases,
// workers, safepoints, statistics); only a line that carries a size
// transition ("->") or names a pause the parser cannot read is unparsed.
var unifiedFamily = family{
	name:      "hotspot-unified",
	claims:    unifiedClaims,
	newParser: func(out *emitter) lineParser { return newUnifiedParser(out) },
}

// unifiedClaims accepts a line only unified logging writes: decorations
// followed by a GC message, or an undecorated "GC(n) " line, or the
// collector announcement "Using G1".
func unifiedClaims(line []byte) bool {
	var d unifiedDecor
	msg, ok := d.parse(line, nil)
	if !ok {
		return false
	}
	if d.count == 0 && !hasPrefix(msg, "GC(") && !hasPrefix(msg, "Using ") {
		return false
	}
	if hasPrefix(msg, "GC(") {
		_, n := scanUint(msg[3:])
		return n > 0 && 3+n < len(msg) && msg[3+n] == ')'
	}
	if d.count == 0 {
		_, ok := unifiedCollectors(msg)
		return ok
	}
	return d.count > 0 && (d.hasTags || d.hasUptime || d.hasTime)
}

// unifiedDecor is the decorations of one line.
type unifiedDecor struct {
	count     int
	hasTime   bool
	hasUptime bool
	hasTags   bool
	nanos     bool // uptime came from a nanosecond decoration
	time      time.Time
	uptime    time.Duration
	host      []byte
	pid       []byte
	tags      []byte
	level     []byte
	kinds     [maxLayout]decorKind // what each decoration was, for the first maxLayout
}

// decorKind is what one decoration is.
type decorKind uint8

const (
	decorNone   decorKind = iota // not a decoration
	decorTime                    // time, utctime: "2024-05-06T07:08:09.123+0200"
	decorUptime                  // uptime: "1.234s"
	decorLevel                   // "info"
	decorTags                    // "gc,heap"
	decorOther                   // hostname, pid, tid, millis and nanos
)

// maxLayout is the most decorations a learnt layout holds: the JVM writes at
// most 12.
const maxLayout = 12

// parse reads the decorations at the start of line and returns the message
// after them. It reports false when a bracket is not a decoration the JVM
// writes, so that a legacy "[GC ..." line is never taken for one.
func (d *unifiedDecor) parse(line []byte, loc *time.Location) ([]byte, bool) {
	*d = unifiedDecor{uptime: -1}
	i := 0
	nums := 0
	for i < len(line) && line[i] == '[' {
		end := bytes.IndexByte(line[i:], ']')
		if end < 0 {
			return nil, false
		}
		v := line[i+1 : i+end]
		k := d.decoration(v, loc, &nums)
		if k == decorNone {
			if d.count == 0 {
				break // not decorated: "[GC ..." and the like
			}
			return nil, false
		}
		if d.count < maxLayout {
			d.kinds[d.count] = k
		}
		d.count++
		i += end + 1
	}
	if d.count > 0 {
		if i < len(line) && line[i] == ' ' {
			i++
		} else if i < len(line) {
			return nil, false
		}
	}
	return line[i:], true
}

// decoration classifies one bracket's content; decorNone when it is not a
// decoration.
func (d *unifiedDecor) decoration(v []byte, loc *time.Location, nums *int) decorKind {
	if len(v) == 0 {
		return decorNone
	}
	c := v[0]
	switch {
	case c >= '0' && c <= '9':
		// (No time ends in 's': the uptime, more frequent, is tried first.)
		if v[len(v)-1] == 's' && (bytes.IndexByte(v, '.') > 0 || bytes.IndexByte(v, ',') > 0) {
			// uptime: seconds with three decimals, "1.234s" (or "1,234s")
			val, n := scanDecimal(v)
			if n != len(v)-1 {
				return decorNone
			}
			d.uptime, d.hasUptime = time.Duration(val), true
			return decorUptime
		}
		if t, n, ok := scanISOTime(v, loc); ok && n == len(v) {
			d.time, d.hasTime = t, true
			return decorTime
		}
		val, n := scanUint(v)
		if n == 0 {
			return decorNone
		}
		switch string(v[n:]) {
		case "ms":
			if val >= 1e11 { // timemillis: milliseconds since the epoch
				d.time, d.hasTime = time.UnixMilli(val), true
				if loc != nil {
					d.time = d.time.In(loc)
				}
			} else if !d.hasUptime { // uptimemillis
				d.uptime, d.hasUptime = time.Duration(val)*time.Millisecond, true
			}
		case "ns":
			// timenanos (a monotonic clock) comes before uptimenanos: the
			// last one wins, and a coarser uptime decoration is kept.
			if !d.hasUptime || d.nanos {
				d.uptime, d.hasUptime, d.nanos = time.Duration(val), true, true
			}
		case "":
			// pid, then tid.
			if *nums == 0 {
				d.pid = v
			}
			*nums++
		default:
			return decorNone
		}
		return decorOther
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		t := v
		for t[len(t)-1] == ' ' { // tags are padded; t[0] is a letter
			t = t[:len(t)-1]
		}
		switch string(t) {
		case "trace", "debug", "info", "warning", "error", "develop":
			d.level = t
			return decorLevel
		}
		if unifiedTagList(t) {
			d.tags, d.hasTags = t, true
			return decorTags
		}
		if bytes.IndexByte(t, ' ') < 0 {
			d.host = t
			return decorOther
		}
	}
	return decorNone
}

// unifiedTagList reports whether t is a comma-separated list of JVM log tags.
// The first tag decides: every GC-related line starts with one of these.
func unifiedTagList(t []byte) bool {
	first := t
	for i, c := range t { // (tags are short, the comma near: cheaper than IndexByte's call)
		if c == ',' {
			first = t[:i]
			break
		}
	}
	if string(first) == "gc" {
		return true // most lines: no need to search the list
	}
	switch string(first) {
	case "safepoint", "os", "class", "cds", "jit", "logging", "module", "startuptime",
		"biasedlocking", "exceptions", "pagesize", "arguments", "stringdedup", "stringtable",
		"heap", "metaspace", "codecache", "jni", "monitorinflation", "nmethod", "redefine",
		"cpu", "container", "perf", "protectiondomain", "ref", "sweep", "vmoperation",
		"vmthread", "thread", "init", "interpreter", "compilation", "jvmti", "membername",
		"methodhandles", "oopmap", "preorder", "reflection", "resolve", "scavenge", "verification",
		"handshake", "aot", "attach", "valuebasedclasses", "malloc", "numa", "placeholders",
		"symboltable", "load", "finalizer", "sealed", "loader", "jfr", "director", "coops",
		"age", "alloc", "ergo", "phases", "task", "start", "stats", "marking", "promotion",
		"region", "remset", "humongous", "ihop", "tlab", "plab", "reloc", "refine", "workgang",
		"nmt", "vtables", "itables", "defaultmethods", "fingerprint", "constraints", "path",
		"unload", "unshareable", "fieldtype", "dynamic", "mirror", "monitormismatch", "os+cpu",
		"page", "periodic", "barrier", "event", "mmu", "free", "classhisto", "verify", "jcmd",
		"lambda", "leak", "objectmonitor", "downcall", "upcall", "foreign", "continuations",
		"streaming", "aotclassfilter", "aotresolve", "trimnative", "lockstack", "locking",
		"serviceability", "vmmutex", "exit", "array", "inlining", "table", "loader+constraints":
		return true
	}
	return false
}

// unifiedCollectors reads "Using G1" and its siblings: the line every JVM
// writes at start under gc=info.
func unifiedCollectors(msg []byte) (string, bool) {
	switch string(msg) {
	case "Using G1":
		return "g1", true
	case "Using Serial":
		return "serial", true
	case "Using Parallel":
		return "parallel", true
	case "Using Concurrent Mark Sweep":
		return "cms", true
	case "Using Shenandoah":
		return "shenandoah", true
	case "Using The Z Garbage Collector":
		return "zgc", true
	case "Using Epsilon":
		return "epsilon", true
	}
	return "", false
}

// unifiedParser is the state machine over the lines of one unified log.
type unifiedParser struct {
	out   *emitter
	decor unifiedDecor
	// layout is the decorations of the last lines, kind by kind, with what
	// each said last: the next line is most likely laid out the same, often
	// with the same time, uptime, level and tags.
	layout []decorMemo
	// prefix is a copy of the decorations of the last line decorateAsBefore
	// read, with the space after them; decor's slices point into it. Lines
	// come in runs with the same decorations (the phases or the spaces of a
	// pause): a line that starts with these bytes has decor as it is. It is
	// empty when decor is not that of the last line read.
	prefix []byte
	// lastOther is the index of the last decorOther of the layout, -1 for
	// none.
	lastOther int
	// timeLead is how many time and uptime decorations the layout starts
	// with, before another, for newTime: at most one of each, and no
	// decorOther after them; 0 otherwise.
	timeLead int

	// line is the line being read and pos where it is: kept for the few
	// lines that report it or start a record, rather than passed down
	// every call.
	line []byte
	pos  Pos

	// held is the event whose summary line was read last; lines of the same
	// id that follow it (cpu times, the heap-after block, CMS's old size
	// after the cycle) still amend it. It is emitted when another event
	// starts.
	held *Event
	// pending holds the detail of collections whose summary is still to
	// come, by GC id: a few are open at once (a concurrent cycle spans
	// several young pauses), never more than pendingMax.
	pending []*unifiedPending

	// idText is "GC(12) " as the last line with an id and a space after it
	// had it, idValue the id.
	idText  []byte
	idValue int64
	// idWords is idText, up to 16 bytes long, as two words masked by
	// idMask to its length: compared with the first 16 bytes of a line's
	// message without a call.
	idWords, idMask [2]uint64

	regionSize int64  // G1 region size, from the init lines
	nameBuf    []byte // scratch for building event names
	// recent is the last name or cause interned of each length, looked up
	// before the emitter's map (which hashes): names of different lengths
	// alternate through a log.
	recent [64]string
	events eventBlock // where summaries' events are allocated
	// tags is tag decorations read, by a hash: see readAs.
	tags [1 << tagsBits]tagsMemo
	// names is the last summary names read, by length: see parseSummary.
	names [32]unifiedNameMemo
	// transitions is the last sizes of spaces read, by the length of
	// their names: see transition.
	transitions [32]transitionMemo
	// generational notes ZGC's generational mode (JDK 21+): Minor/Major.
	generational bool
	// decorated notes that lines of the log have decorations: one
	// without is the tail of a broken line (brokenTail).
	decorated bool
	// inBlock is the GC id of the heap-at-GC block being read, or -1.
	inBlock int64
	block   *unifiedPending
	blockAf bool // the block is "Heap after GC"
	// blockWait is the collection whose heap-at-GC blocks were both read
	// and its summary not yet: it comes after them (gc*=debug) or never
	// (the gc+heap=debug selection alone). The blocks make the event only
	// when a line of another collection comes first (endBlockWait), or at
	// the end; made at once, they were a second event of every collection
	// of a gc*=debug log.
	blockWait *unifiedPending

	// For chunked reading (chunk.go): the last collection that started where
	// a chunk could be cut, and the highest id of what a chunk forgot.
	newID, forgotID int64
}

const unifiedPendingMax = 16

// unifiedPending is what is known of one collection before its summary.
type unifiedPending struct {
	id int64
	// Where and when the start line of the next summary was: "Pause Young
	// (Normal) (G1 Evacuation Pause)" before its summary with sizes.
	startMsg   []byte
	line       int
	source     string
	uptime     time.Duration
	time       time.Time
	spaces     []Space
	before     unifiedBlock // the "Heap before GC" block
	after      unifiedBlock // the "Heap after GC" block
	flags      Flag
	zgcTable   string // the ZGC statistics table being read: heap, young, old
	zgcLive    int64
	zgcCap     int64
	summarized bool // a summary used this record; detail after it is for the next pause
	// upgradeFull: Shenandoah said "Degenerated GC upgrading to Full GC".
	upgradeFull bool
}

func newUnifiedParser(out *emitter) *unifiedParser {
	return &unifiedParser{out: out, inBlock: -1, newID: -1, forgotID: -1, lastOther: -1}
}

func (p *unifiedParser) parse(text []byte, pos Pos) {
	p.line, p.pos = text, pos
	msg, ok := p.decorateAsBefore(text)
	if !ok {
		msg, ok = p.decorateAnew(text)
	}
	if !ok {
		p.out.foreign(text, pos)
		return
	}
	// gcID, with its most frequent case inlined, and its own call of
	// collection: with one call for both cases, their results are
	// shuffled through the stack to meet.
	if rest, ok := p.sameGCID(msg); ok {
		p.collection(p.idValue, rest)
		return
	}
	id, msg := p.readGCID(msg)
	if id < 0 {
		p.withoutID(msg)
		return
	}
	p.collection(id, msg)
}

// withoutID handles a line without a GC id: a global line, or, undecorated,
// a line of another program unless it is GC output all the same.
func (p *unifiedParser) withoutID(msg []byte) {
	if p.decor.count == 0 && !p.undecoratedGC(msg) {
		p.out.foreign(p.line, p.pos)
		return
	}
	p.global(msg)
}

// decorateAnew reads the decorations of a line not laid out as the one
// before, and learns their layout.
func (p *unifiedParser) decorateAnew(text []byte) ([]byte, bool) {
	msg, ok := p.decor.parse(text, p.out.loc)
	p.learnLayout(ok)
	p.noteHostPID()
	return msg, ok
}

// gcID reads the "GC(12) " a message of a collection starts with: it
// returns the id, -1 for none, and the message after it and the space after
// it, if any.
func (p *unifiedParser) gcID(msg []byte) (int64, []byte) {
	if rest, ok := p.sameGCID(msg); ok {
		return p.idValue, rest
	}
	return p.readGCID(msg)
}

// sameGCID returns the rest of msg when it starts with the "GC(12) " of the
// last message read with an id: most lines are of the collection of the line
// before, whose id is not read again. (gcID, inlined in parse.)
func (p *unifiedParser) sameGCID(msg []byte) ([]byte, bool) {
	n := len(p.idText)
	if n == 0 || n > len(msg) {
		return nil, false
	}
	if n <= 16 && len(msg) >= 16 {
		if binary.LittleEndian.Uint64(msg)&p.idMask[0] != p.idWords[0] ||
			binary.LittleEndian.Uint64(msg[8:])&p.idMask[1] != p.idWords[1] {
			return nil, false
		}
	} else if string(msg[:n]) != string(p.idText) {
		return nil, false
	}
	return msg[n:], true
}

// setIDWords sets p.idWords and p.idMask from p.idText, which msg starts
// with: its words are read from msg where it has 16 bytes, without a copy.
func (p *unifiedParser) setIDWords(msg []byte) {
	n := len(p.idText)
	if len(msg) < 16 {
		var b [16]byte
		copy(b[:], p.idText)
		msg = b[:]
	}
	// The masks keep the first n bytes of the two words: a shift by 64
	// keeps none.
	m0 := ^uint64(0) >> (64 - 8*min(n, 8))
	m1 := ^uint64(0) >> (64 - 8*min(max(n-8, 0), 8))
	p.idWords[0], p.idMask[0] = binary.LittleEndian.Uint64(msg)&m0, m0
	p.idWords[1], p.idMask[1] = binary.LittleEndian.Uint64(msg[8:])&m1, m1
}

// readGCID is gcID for a message that does not start as the last one read.
func (p *unifiedParser) readGCID(msg []byte) (int64, []byte) {
	if len(msg) < 3 || msg[0] != 'G' || msg[1] != 'C' || msg[2] != '(' { // (hasPrefix would call memequal)
		return -1, msg
	}
	p.idText = p.idText[:0]
	id, n := scanUint(msg[3:])
	if n == 0 || 3+n >= len(msg) || msg[3+n] != ')' {
		return -1, msg
	}
	if 4+n < len(msg) && msg[4+n] == ' ' {
		p.idText, p.idValue = append(p.idText, msg[:5+n]...), id
		p.setIDWords(msg)
		return id, msg[5+n:]
	}
	return id, msg[4+n:]
}

// decorMemo is one decoration of a layout: its kind, where its text is in
// p.prefix, and the value it had on the last line read.
type decorMemo struct {
	kind decorKind
	// at and end bound the text between its brackets in p.prefix, while
	// p.prefix holds a line.
	at, end int
	n       int           // the length of a level or tags without padding
	time    time.Time     // of a decorTime
	uptime  time.Duration // of a decorUptime
	// Of a decorTime: its seconds and fraction, and where the zone after
	// them starts in its text (see isoSeconds).
	secs   time.Duration
	zoneAt int
}

const tagsBits = 6

// tagsMemo is the text of a tags decoration, padding included, and the
// length of the tags without it (0 for none).
type tagsMemo struct {
	raw []byte
	n   int
	// first and last are the first and last 8 bytes of raw, as words:
	// what knownTags compares (all of it, in tags of up to 16 bytes).
	first, last uint64
}

// learnLayout takes the layout of the line p.decor was just parsed from.
func (p *unifiedParser) learnLayout(ok bool) {
	p.layout = p.layout[:0]
	p.prefix = p.prefix[:0]
	p.lastOther, p.timeLead = -1, 0
	if ok && p.decor.count > 0 {
		p.decorated = true
	}
	if !ok || p.decor.count > maxLayout {
		return
	}
	for k, kind := range p.decor.kinds[:p.decor.count] {
		p.layout = append(p.layout, decorMemo{kind: kind})
		if kind == decorOther {
			p.lastOther = k
		}
	}
	p.timeLead = timeLead(p.layout, p.lastOther)
}

// timeLead is unifiedParser.timeLead of a layout.
func timeLead(layout []decorMemo, lastOther int) int {
	lead, times, uptimes := 0, 0, 0
	for ; lead < len(layout)-1; lead++ {
		if k := layout[lead].kind; k == decorTime {
			times++
		} else if k == decorUptime {
			uptimes++
		} else {
			break
		}
	}
	if times > 1 || uptimes > 1 || lastOther >= 0 {
		return 0
	}
	return lead
}

// decorateAsBefore reads the decorations of a line laid out as the one
// before: the same kinds in the same order, then a space. It reports false
// for any other line, to be read by unifiedDecor.parse; what it reads is
// what parse would.
//
// Only what changed since the line before is read: in a run of lines of one
// pause the tags most often, read alone when the decorations before them are
// the same (p.prefix); otherwise all are read again, at little cost those
// with the same text as on the line before.
func (p *unifiedParser) decorateAsBefore(line []byte) ([]byte, bool) {
	if len(p.layout) == 0 {
		return nil, false
	}
	from := 0 // the first decoration to read
	if n := len(p.prefix); n > 0 && len(line) >= n {
		// The tags, at the end of the decorations, change most often:
		// their last bytes are compared first, in two words.
		if n < 16 || binary.LittleEndian.Uint64(line[n-16:]) == binary.LittleEndian.Uint64(p.prefix[n-16:]) &&
			binary.LittleEndian.Uint64(line[n-8:]) == binary.LittleEndian.Uint64(p.prefix[n-8:]) {
			// Then the rest, as words where there are 32 to 64 bytes
			// in all (the usual time, uptime, level and tags), without
			// the last 16 bytes again: inlined, memequal's setup and
			// tail costing twice as much.
			same := false
			if n >= 32 && n <= 64 {
				same = wordsDiffer32((*[32]byte)(line), (*[32]byte)(p.prefix))|
					wordsDiffer16((*[16]byte)(line[n-32:]), (*[16]byte)(p.prefix[n-32:])) == 0
			} else {
				same = string(line[:n]) == string(p.prefix)
			}
			if same {
				return line[n:], true // p.decor is this line's
			}
		}
		// Then whether only the last decoration changed, maybe once a new
		// time and uptime at the start are read; otherwise all are read
		// again, those with the same text as before at little cost.
		last := len(p.layout) - 1
		at := p.layout[last].at
		var onlyLast bool
		if at >= 32 && at <= 64 { // (as words, inlined: the first 32 bytes and the last)
			onlyLast = wordsDiffer32((*[32]byte)(line), (*[32]byte)(p.prefix))|
				wordsDiffer32((*[32]byte)(line[at-32:]), (*[32]byte)(p.prefix[at-32:])) == 0
		} else {
			onlyLast = string(line[:at]) == string(p.prefix[:at])
		}
		if !onlyLast && p.newTime(line) {
			if sameBytes(line[at:n], p.prefix[at:n]) {
				return line[n:], true // p.decor is this line's
			}
			onlyLast = true
		}
		if onlyLast {
			if msg, ok := p.knownTags(line); ok {
				return msg, true
			}
			from = last
		}
	}
	msg, ok := p.readDecorations(line, from)
	if !ok {
		p.prefix = p.prefix[:0] // p.decor is no line's now
	}
	return msg, ok
}

// newTime reads the time and uptime decorations a line starts with, when
// they are all that differs from the line before but for its last
// decoration, each as long as before: the first line of a new millisecond,
// most often with other tags. It takes them into p.decor and p.prefix, so
// that the line differs from p.prefix only in its last decoration, and
// reports true; for any other line it reports false, having changed
// nothing. line is at least as long as p.prefix.
func (p *unifiedParser) newTime(line []byte) bool {
	lead := p.timeLead
	if lead == 0 {
		return false
	}
	if lead == 2 && p.layout[0].kind == decorTime && p.layout[1].kind == decorUptime {
		if ok, known := p.newMillisecond(line); known {
			return ok
		}
	}
	// Each where it was, between its brackets: read without changing
	// anything yet. (Neither a time laterTime reads nor an uptime has a
	// bracket in it.)
	var timeM, upM *decorMemo
	var up time.Duration
	for k := range lead {
		m := &p.layout[k]
		if line[m.at-1] != '[' || line[m.end] != ']' {
			return false
		}
		v := line[m.at:m.end]
		if string(v) == string(p.prefix[m.at:m.end]) {
			continue
		}
		if m.kind == decorTime {
			timeM = m
			continue
		}
		var ok bool
		if up, ok = uptimeMillis(v); !ok { // (the JVM's form: cheaper to try first)
			if up, ok = uptimeSeconds(v); !ok {
				return false
			}
		}
		upM = m
	}
	// Those after them as before, up to the last.
	mid, at := p.layout[lead].at-1, p.layout[len(p.layout)-1].at
	if string(line[mid:at]) != string(p.prefix[mid:at]) {
		return false
	}
	if timeM != nil {
		if !timeM.laterTime(line[timeM.at:timeM.end], p.prefix[timeM.at:timeM.end]) {
			return false
		}
		p.decor.time = timeM.time
	}
	if upM != nil {
		upM.uptime, p.decor.uptime = up, up
	}
	copy(p.prefix[:mid], line[:mid])
	return true
}

// newMillisecond is newTime for the layout most logs have, a time then an
// uptime, both in milliseconds: "[2024-05-06T07:08:09.123+0200][1.234s]".
// Their digits are read where they are, as isoSeconds and uptimeSeconds
// would read them, without their loops, nor laterTime's comparisons in
// calls. known is false, with nothing changed, for times and uptimes of
// another form (then newTime reads them); ok is newTime's answer
// otherwise.
func (p *unifiedParser) newMillisecond(line []byte) (ok, known bool) {
	tm, um := &p.layout[0], &p.layout[1]
	const zoneAt = len("2024-05-06T07:08:09.123") // where isoSeconds stops
	// The time's zone, after its milliseconds, and the brackets up to the
	// uptime; the uptime's "." or ",", three digits and "s" before its
	// bracket.
	zone, tEnd, uAt, uEnd := tm.at+zoneAt, tm.end, um.at, um.end
	// (A time without a zone is in the reader's Location, whose offset may
	// change: laterTime leaves it to decoration.)
	if tm.zoneAt != zoneAt || tEnd-zone < 1 || tEnd-zone > 6 || uAt != tEnd+2 || uEnd-uAt < 6 || uEnd-uAt > 17 {
		return false, false
	}
	v, old := line[tm.at:uEnd+1], p.prefix[tm.at:uEnd+1] // (up to the uptime's ']')
	// The same date, hour and minute (laterTime's), zone and brackets, the
	// bracket before the time and the uptime's unit.
	if line[tm.at-1] != '[' || !sameMinute(v, old) || !sameZone(v, old, zone-tm.at, uAt-tm.at) ||
		v[len(v)-1] != ']' || v[len(v)-2] != 's' {
		return false, true
	}
	// The time's seconds: digits but for the point (isoSeconds reads a
	// comma too), at most 60.
	t := v[17:zoneAt]
	sep := t[2]
	if sep != '.' && sep != ',' {
		return false, true
	}
	tens, ones, d1, d2, d3 := t[0]-'0', t[1]-'0', t[3]-'0', t[4]-'0', t[5]-'0'
	if tens > 9 || ones > 9 || d1 > 9 || d2 > 9 || d3 > 9 || tens*10+ones > 60 {
		return false, true
	}
	secs := time.Duration(tens*10+ones)*time.Second + time.Duration(d1)*1e8 + time.Duration(d2)*1e7 + time.Duration(d3)*1e6
	// The uptime: whole seconds, a point or comma, three digits, "s", as
	// uptimeMillis reads it (inlined: a call costs as much as the rest).
	u := line[uAt:uEnd]
	f := len(u) - 5 // where its point is
	sep = u[f]
	if sep != '.' && sep != ',' {
		return false, true
	}
	var whole int64
	for _, c := range u[:f] {
		c -= '0'
		if c > 9 {
			return false, true
		}
		whole = whole*10 + int64(c)
	}
	u1, u2, u3 := u[f+1]-'0', u[f+2]-'0', u[f+3]-'0'
	if u1 > 9 || u2 > 9 || u3 > 9 {
		return false, true
	}
	// Those after them as before, up to the last: compared from the
	// uptime's ']', the same on both lines, so that sameBytes compares
	// them in words ("][info][", 8 bytes at least).
	mid, at := p.layout[2].at-1, p.layout[len(p.layout)-1].at
	if !sameBytes(line[mid-1:at], p.prefix[mid-1:at]) {
		return false, true
	}
	if secs != tm.secs {
		tm.time = tm.time.Add(secs - tm.secs)
		tm.secs = secs
	}
	p.decor.time = tm.time
	up := time.Duration(whole*1e9 + int64(u1)*1e8 + int64(u2)*1e7 + int64(u3)*1e6)
	um.uptime, p.decor.uptime = up, up
	copy(p.prefix[:mid], line[:mid])
	return true, true
}

// uptimeMillis reads u, an uptime decoration, as uptimeSeconds does when
// it has three decimals and at most 12 digits before them, "1.234s", as
// the JVM writes it: its digits where they are, without uptimeSeconds'
// loop over the decimals. ok is false for any other u.
func uptimeMillis(u []byte) (up time.Duration, ok bool) {
	if len(u) < 6 || len(u) > 17 { // (at most 12 digits: no overflow to check)
		return 0, false
	}
	f := len(u) - 5 // where its point is
	var whole int64
	ok = true
	for _, c := range u[:f] {
		c -= '0'
		ok = ok && c <= 9
		whole = whole*10 + int64(c)
	}
	u1, u2, u3, sep := u[f+1]-'0', u[f+2]-'0', u[f+3]-'0', u[f]
	ok = ok && (sep == '.' || sep == ',') && u1 <= 9 && u2 <= 9 && u3 <= 9 && u[f+4] == 's'
	return time.Duration(whole*1e9 + int64(u1)*1e8 + int64(u2)*1e7 + int64(u3)*1e6), ok
}

// knownTags reads a line whose decorations are those of the line before
// but for the last, tags read before (see readAs), then a space: the most
// frequent change in a run of lines. It reports false, having changed
// nothing, for any other line.
//
// Most tags are padded to the length of those before, and short: those
// are read here, compared and copied as two words, without a call (which
// would have the values in use kept on the stack around it); any other
// tags by knownTagsMoved.
func (p *unifiedParser) knownTags(line []byte) ([]byte, bool) {
	m := &p.layout[len(p.layout)-1]
	e := m.end - m.at
	i := m.end + 1 // after the ']'
	if m.kind != decorTags || e < 8 || e > 16 || i+1 != len(p.prefix) || i >= len(line) || line[m.end] != ']' || line[i] != ' ' {
		return p.knownTagsMoved(line)
	}
	v := line[m.at:m.end]
	first, last := binary.LittleEndian.Uint64(v), binary.LittleEndian.Uint64(v[e-8:])
	tags := p.tagsAt(first, last, e)
	// (The two words cover all of v: these are the tags of tags.raw.)
	if tags.n == 0 || len(tags.raw) != e || tags.first != first || tags.last != last {
		return nil, false
	}
	dst := p.prefix[m.at:m.end]
	binary.LittleEndian.PutUint64(dst, first)
	binary.LittleEndian.PutUint64(dst[e-8:], last)
	m.n = tags.n
	p.decor.tags = dst[:tags.n]
	return line[i+1:], true
}

// knownTagsMoved is knownTags for tags of another length than those
// before, or longer than 16 bytes.
func (p *unifiedParser) knownTagsMoved(line []byte) ([]byte, bool) {
	m := &p.layout[len(p.layout)-1]
	if m.kind != decorTags {
		return nil, false
	}
	// Tags are most often padded to one length: those of the line before.
	e := m.end - m.at
	if m.end >= len(line) || line[m.end] != ']' {
		e = bytes.IndexByte(line[m.at:], ']')
	}
	if e < 8 { // (shorter tags are not in p.tags)
		return nil, false
	}
	v := line[m.at : m.at+e]
	first, last := binary.LittleEndian.Uint64(v), binary.LittleEndian.Uint64(v[e-8:])
	tags := p.tagsAt(first, last, e)
	if tags.n == 0 || len(tags.raw) != e || tags.first != first || tags.last != last || e > 16 && string(tags.raw) != string(v) {
		return nil, false // (a ']' in v too: tags in p.tags have none)
	}
	i := m.at + e + 1 // after the ']'
	if i >= len(line) || line[i] != ' ' {
		return nil, false
	}
	if i+1 == len(p.prefix) && e <= 16 {
		// As long as the tags before, as most are (padded to one
		// length), and short: copied as two words, which may overlap.
		dst := p.prefix[m.at : m.at+e]
		binary.LittleEndian.PutUint64(dst, first)
		binary.LittleEndian.PutUint64(dst[e-8:], last)
	} else {
		p.prefix = append(p.prefix[:m.at], line[m.at:i+1]...)
	}
	m.end, m.n = m.at+e, tags.n
	p.decor.tags = p.prefix[m.at : m.at+tags.n]
	return line[i+1:], true
}

// readDecorations reads the decorations of line from the one at index from
// of the layout on; those before it are the same as in p.prefix, and p.decor
// has them. The decorations are read again from the first one when a
// pid, tid, hostname, millis or nanos decoration follows from: decoration
// tells them apart by what came before them on the line.
func (p *unifiedParser) readDecorations(line []byte, from int) ([]byte, bool) {
	d := &p.decor
	kept := len(p.prefix) > 0 // the decorations of the line before are in p.prefix
	if !kept || from <= p.lastOther {
		from = 0
		*d = unifiedDecor{uptime: -1, count: len(p.layout)}
		for k := range p.layout {
			d.kinds[k] = p.layout[k].kind
		}
	}
	start := 0 // where decoration from starts: the same place on both lines
	if from > 0 {
		start = p.layout[from-1].end + 1
	}
	i := start
	nums := 0
	for k := from; k < len(p.layout); k++ {
		m := &p.layout[k]
		if i >= len(line) || line[i] != '[' {
			return nil, false
		}
		var old []byte // the text on the line before
		if kept {
			old = p.prefix[m.at:m.end]
		}
		v, ok := p.readDecoration(m, line[i+1:], old, &nums)
		if !ok {
			return nil, false
		}
		m.at, m.end = i+1, i+1+len(v)
		i = m.end + 1
	}
	if i == len(line) {
		p.prefix = p.prefix[:0] // no message: nothing to compare the next line with
		p.noteHostPID()
		return line[i:], true
	}
	if line[i] != ' ' {
		return nil, false // another decoration, or none of the JVM's
	}
	i++
	// Copy what changed to p.prefix, and point p.decor's slices read from
	// line at the copy: they stay valid while lines repeat the decorations.
	p.prefix = append(p.prefix[:start], line[start:i]...)
	for k := from; k < len(p.layout); k++ {
		switch m := &p.layout[k]; m.kind {
		case decorLevel:
			d.level = p.prefix[m.at : m.at+len(d.level)]
		case decorTags:
			d.tags = p.prefix[m.at : m.at+len(d.tags)]
		}
	}
	if from == 0 && p.lastOther >= 0 { // p.decor was all read from line
		d.host = p.toPrefix(d.host, line)
		d.pid = p.toPrefix(d.pid, line)
		p.noteHostPID()
	}
	return line[i:], true
}

// noteHostPID takes the hostname and pid decorations just read into Info,
// if they are the first: decorations are read only where they change
// (readDecorations, unifiedDecor.parse), the other lines have the same.
func (p *unifiedParser) noteHostPID() {
	if d := &p.decor; len(d.host) > 0 && p.out.info.Host == "" {
		p.out.info.Host = string(d.host)
	}
	if d := &p.decor; len(d.pid) > 0 && p.out.info.PID == "" {
		p.out.info.PID = string(d.pid)
	}
}

// readDecoration reads decoration m of the layout into p.decor, b being
// what follows its '[' on the line, and old its text on the line before
// (nil when unknown). It returns the decoration's text.
func (p *unifiedParser) readDecoration(m *decorMemo, b, old []byte, nums *int) ([]byte, bool) {
	if n := len(old); n > 0 && n < len(b) && b[n] == ']' {
		// As long as before, as most are. Text read this way is the
		// whole decoration: old has no ']', nor has a time laterTime
		// reads, an uptime or tags in p.tags.
		v := b[:n]
		switch {
		case string(v) == string(old):
			return v, p.readAs(m, v, old, true, nums)
		case m.kind == decorTags && n >= 8:
			if tags := p.tagsFor(v); tags.n > 0 && string(tags.raw) == string(v) {
				p.decor.tags, p.decor.hasTags = v[:tags.n], true
				m.n = tags.n
				return v, true
			}
		case m.kind == decorTime && m.laterTime(v, old):
			p.decor.time, p.decor.hasTime = m.time, true
			return v, true
		case m.kind == decorUptime:
			if up, ok := uptimeSeconds(v); ok {
				p.decor.uptime, p.decor.hasUptime = up, true
				m.uptime = up
				return v, true
			}
		}
	}
	e := bytes.IndexByte(b, ']')
	if e < 0 {
		return nil, false
	}
	v := b[:e]
	return v, p.readAs(m, v, old, false, nums)
}

// toPrefix returns s, a slice of line or nil, as the same bytes of p.prefix,
// where they were just copied.
func (p *unifiedParser) toPrefix(s, line []byte) []byte {
	if len(s) == 0 {
		return s
	}
	at := cap(line) - cap(s) // where s starts in line
	return p.prefix[at : at+len(s)]
}

// readAs reads v, the text of decoration m of the layout, into p.decor;
// old is its text on the line before (nil when unknown), and same says v is
// old. It reports false when v is not of m's kind.
func (p *unifiedParser) readAs(m *decorMemo, v, old []byte, same bool, nums *int) bool {
	d := &p.decor
	if m.kind == decorOther {
		// decoration tells pid from tid and uptime from time millis by
		// what came before them on the line: read them every time.
		return d.decoration(v, p.out.loc, nums) == decorOther
	}
	if same {
		switch m.kind {
		case decorTime:
			d.time, d.hasTime = m.time, true
		case decorUptime:
			d.uptime, d.hasUptime = m.uptime, true
		case decorLevel:
			d.level = v[:m.n]
		case decorTags:
			d.tags, d.hasTags = v[:m.n], true
		}
		return true
	}
	switch m.kind {
	case decorTime:
		if m.laterTime(v, old) {
			d.time, d.hasTime = m.time, true
			return true
		}
	case decorUptime:
		if up, ok := uptimeSeconds(v); ok {
			d.uptime, d.hasUptime = up, true
			m.uptime = up
			return true
		}
	}
	var tags *tagsMemo
	if m.kind == decorTags && len(v) >= 8 {
		// Tags alternate through a run of lines with the same time
		// ("gc,start", "gc,phases", "gc,heap", ...): those read before
		// are known, and how long they are unpadded.
		tags = p.tagsFor(v)
		if tags.n > 0 && string(tags.raw) == string(v) {
			d.tags, d.hasTags = v[:tags.n], true
			m.n = tags.n
			return true
		}
	}
	if d.decoration(v, p.out.loc, nums) != m.kind {
		return false
	}
	if tags != nil {
		tags.raw = append(tags.raw[:0], v...)
		tags.n = len(d.tags)
		tags.first, tags.last = binary.LittleEndian.Uint64(v), binary.LittleEndian.Uint64(v[len(v)-8:])
	}
	m.time, m.uptime, m.n = d.time, d.uptime, len(d.tags)
	if m.kind == decorLevel {
		m.n = len(d.level)
	}
	if m.kind == decorTime {
		m.secs, m.zoneAt, _ = isoSeconds(v)
	}
	return true
}

// sameBytes is string(a) == string(b), comparing slices of 8 to 24 bytes
// (tags, padded) as words, the last two of which may overlap, without
// memequal's call.
func sameBytes(a, b []byte) bool {
	n := len(a)
	if n != len(b) {
		return false
	}
	if n < 8 || n > 24 {
		return string(a) == string(b)
	}
	// (^ and | bind alike in Go: parenthesised.)
	x := (binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)) |
		(binary.LittleEndian.Uint64(a[n-8:]) ^ binary.LittleEndian.Uint64(b[n-8:]))
	if n > 16 {
		x |= binary.LittleEndian.Uint64(a[8:]) ^ binary.LittleEndian.Uint64(b[8:])
	}
	return x == 0
}

// sameWords is string(a) == string(b), comparing slices of 8 to 64 bytes
// (the name of a summary) as words, the last of which may overlap those
// before, without memequal's call, whose setup and tail cost as much again
// on such slices.
func sameWords(a, b []byte) bool {
	n := len(a)
	switch {
	case n != len(b):
		return false
	case n < 8 || n > 64:
		return string(a) == string(b)
	case n > 32:
		return wordsDiffer32((*[32]byte)(a), (*[32]byte)(b))|wordsDiffer32((*[32]byte)(a[n-32:]), (*[32]byte)(b[n-32:])) == 0
	case n > 16:
		return wordsDiffer16((*[16]byte)(a), (*[16]byte)(b))|wordsDiffer16((*[16]byte)(a[n-16:]), (*[16]byte)(b[n-16:])) == 0
	}
	return (binary.LittleEndian.Uint64(a)^binary.LittleEndian.Uint64(b))|
		(binary.LittleEndian.Uint64(a[n-8:])^binary.LittleEndian.Uint64(b[n-8:])) == 0
}

// wordsDiffer32 is nonzero when a and b differ, compared as four words:
// inlined where called, unlike memequal.
func wordsDiffer32(a, b *[32]byte) uint64 {
	// (^ and | bind alike in Go: parenthesised.)
	return (binary.LittleEndian.Uint64(a[:]) ^ binary.LittleEndian.Uint64(b[:])) |
		(binary.LittleEndian.Uint64(a[8:]) ^ binary.LittleEndian.Uint64(b[8:])) |
		(binary.LittleEndian.Uint64(a[16:]) ^ binary.LittleEndian.Uint64(b[16:])) |
		(binary.LittleEndian.Uint64(a[24:]) ^ binary.LittleEndian.Uint64(b[24:]))
}

// wordsDiffer16 is nonzero when a and b differ, compared as two words.
func wordsDiffer16(a, b *[16]byte) uint64 {
	return (binary.LittleEndian.Uint64(a[:]) ^ binary.LittleEndian.Uint64(b[:])) |
		(binary.LittleEndian.Uint64(a[8:]) ^ binary.LittleEndian.Uint64(b[8:]))
}

// tagsFor returns the entry of p.tags for the text of a tags decoration, v,
// of at least 8 bytes: found by a hash of its ends and length (a log has
// some twenty, most padded to the same length, many alike at the start).
func (p *unifiedParser) tagsFor(v []byte) *tagsMemo {
	return p.tagsAt(binary.LittleEndian.Uint64(v), binary.LittleEndian.Uint64(v[len(v)-8:]), len(v))
}

// tagsAt is tagsFor of a text of n bytes whose first and last 8 are the
// words first and last.
func (p *unifiedParser) tagsAt(first, last uint64, n int) *tagsMemo {
	h := first ^ last>>8 ^ uint64(n)
	return &p.tags[h*0x9E3779B97F4A7C15>>(64-tagsBits)]
}

// uptimeSeconds reads an uptime decoration, "1.234s", as decoration does:
// digits, a point or comma, digits and an s, the value as scanDecimal reads
// it (up to nine decimals, the others ignored). ok is false for any other
// text, left to decoration.
func uptimeSeconds(v []byte) (up time.Duration, ok bool) {
	end := len(v) - 1 // the 's'
	whole, n := scanUint(v)
	if n == 0 || n+2 > end || v[end] != 's' || v[n] != '.' && v[n] != ',' {
		return 0, false
	}
	scaled := whole * 1e9
	for i, c := range v[n+1 : end] {
		if c < '0' || c > '9' {
			return 0, false
		}
		if i < len(decimalPlace) {
			scaled += int64(c-'0') * decimalPlace[i]
		}
	}
	return time.Duration(scaled), true
}

// laterTime reads v, a time decoration, when it differs from old, the text
// m was read from, only in its seconds and fraction: the date, hour, minute
// and zone are not read again. A new minute, or a time without a zone (in
// the reader's Location, which may change its offset), is read in full.
func (m *decorMemo) laterTime(v, old []byte) bool {
	// The seconds and fraction of old end where its zone starts, at
	// m.zoneAt, and v has the same zone there: read up to it, v's end at
	// the same place (isoSeconds of the whole of v stops there too, at the
	// first byte of the zone, not a digit).
	zoneAt := m.zoneAt
	if len(v) != len(old) || zoneAt < 19 || zoneAt >= len(v) || !sameMinute(v, old) ||
		string(v[zoneAt:]) != string(old[zoneAt:]) {
		return false
	}
	secs, n, ok := isoSeconds(v[:zoneAt])
	if !ok || n != zoneAt {
		return false
	}
	m.time = m.time.Add(secs - m.secs)
	m.secs = secs
	return true
}

// sameZone reports whether a and b, a time and an uptime decoration from
// the time's text on, have the same bytes from zone to up, the zone and
// the brackets between them, at most 8 bytes ("+0200]["): compared as a
// word masked to them, without memequal's call. a and b have 8 bytes from
// zone (the uptime's digits follow).
func sameZone(a, b []byte, zone, up int) bool {
	mask := uint64(1)<<(8*uint(up-zone)) - 1 // (all ones for 8 bytes: 1<<64 is 0)
	return (binary.LittleEndian.Uint64(a[zone:])^binary.LittleEndian.Uint64(b[zone:]))&mask == 0
}

// sameMinute reports whether two times, of 17 bytes or more, have the same
// date, hour and minute, "2024-05-06T07:08:": two words and a byte.
func sameMinute(a, b []byte) bool {
	return binary.LittleEndian.Uint64(a) == binary.LittleEndian.Uint64(b) &&
		binary.LittleEndian.Uint64(a[8:]) == binary.LittleEndian.Uint64(b[8:]) && a[16] == b[16]
}

// undecoratedGC reports whether an undecorated line without a GC id is
// still GC output: the init lines that -Xlog:gc*:file:none writes.
func (p *unifiedParser) undecoratedGC(msg []byte) bool {
	if _, ok := unifiedCollectors(msg); ok {
		return true
	}
	for _, pre := range unifiedInitPrefixes {
		if hasPrefix(msg, pre) {
			return true
		}
	}
	return false
}

var unifiedInitPrefixes = []string{"Version: ", "CPUs: ", "Memory: ", "Large Page Support: ",
	"NUMA Support: ", "Compressed Oops: ", "Heap Region Size: ", "Heap Min Capacity: ",
	"Heap Initial Capacity: ", "Heap Max Capacity: ", "Pre-touch: ", "Parallel Workers: ",
	"Concurrent Workers: ", "Concurrent Refinement Workers: ", "Periodic GC: ", "Alignments: ",
	"Heap Backing ", "Min Capacity: ", "Initial Capacity: ", "Max Capacity: ", "Soft Max Capacity: ",
	"Medium Page Size: ", "Uncommit", "Runtime Workers: ", "GC Workers", "Available space on ",
	"Address Space ", "Reserved Space ", "Initializing The Z Garbage Collector", "Heuristics ergonomically",
	"Shenandoah heuristics:", "Shenandoah GC mode:", "Soft Max Heap Size: ", "Heap Region Count: ",
	"Heap Region Size: ", "TLAB Size Max: ", "Humongous Object Threshold: ", "Regions: ",
	"Mode: ", "Heuristics: ", "CDS archive", "Compressed class space", "Narrow klass",
	"UseCompressedClassPointers", "Periodic ", "Probing address", "Heap address: ",
	"Heap ", "Metaspace", "Trigger: ", "Free: ", "Pacer for", "Heap Parallel Workers"}

// global handles a line without a GC id: init lines, triggers, safepoints,
// and errors that matter (OutOfMemoryError).
func (p *unifiedParser) global(msg []byte) {
	// Lines of the JVM's start (and Epsilon's and Shenandoah's few) begin
	// with one of globalFirst's letters; the others, safepoint lines most
	// (the most frequent lines without an id in a gc*,safepoint log), are
	// only looked through for an out of memory and a size arrow.
	if len(msg) > 0 && globalFirst[msg[0]] {
		p.globalNamed(msg)
	} else if hasOutOfMemory(msg) {
		p.out.info.OutOfMemory = true
	} else if hasSizeArrow(msg) {
		p.out.unparsed(p.line, p.pos, "size transition outside a collection")
	}
	p.closeBlock()
}

// globalFirst marks the first letters of the messages globalNamed reads
// by their start: "Using ", "Version: ", "Heap ...", "Max Capacity: ",
// "Minimum heap ", "Mode: Generational", "Initializing ...".
var globalFirst = [256]bool{'U': true, 'V': true, 'H': true, 'M': true, 'I': true}

// globalNamed is global for a message that starts with a letter of
// globalFirst.
func (p *unifiedParser) globalNamed(msg []byte) {
	info := &p.out.info
	switch {
	case hasPrefix(msg, "Using "):
		if c, ok := unifiedCollectors(msg); ok && info.Collector == "" {
			info.Collector = c
		}
	case hasPrefix(msg, "Version: "):
		if info.JVMVersion == "" {
			v := msg[len("Version: "):]
			if i := bytes.IndexByte(v, ' '); i > 0 {
				v = v[:i]
			}
			info.JVMVersion = string(v)
		}
	case hasPrefix(msg, "Heap Region Size: "), hasPrefix(msg, "Heap region size: "):
		if v, n := scanSize(msg[len("Heap Region Size: "):]); n > 0 {
			p.regionSize = v
		}
	case hasPrefix(msg, "Heap Max Capacity: "), hasPrefix(msg, "Max Capacity: "):
		rest := msg[bytes.IndexByte(msg, ':')+2:]
		if v, n := scanSize(rest); n > 0 && info.HeapMax == Unknown {
			info.HeapMax = v
		}
	case hasPrefix(msg, "Minimum heap ") && indexOf(msg, "Maximum heap ") > 0:
		// gc+heap=debug: "Minimum heap 8388608  Initial heap 67108864  Maximum heap 67108864"
		if v, n := scanSize(msg[indexOf(msg, "Maximum heap ")+len("Maximum heap "):]); n > 0 && info.HeapMax == Unknown {
			info.HeapMax = v
		}
	case hasPrefix(msg, "Mode: Generational"):
		info.Collector = "shenandoah-generational"
	case hasPrefix(msg, "Initializing The Z Garbage Collector"):
		if info.Collector == "" {
			info.Collector = "zgc"
		}
	case hasOutOfMemory(msg):
		info.OutOfMemory = true
	case hasPrefix(msg, "Heap: ") && indexOf(msg, " committed, ") > 0:
		p.epsilonSample(msg)
	case hasPrefix(msg, "Metaspace: ") && hasSizeArrow(msg) && !p.brokenTail():
		// Shenandoah logs metaspace at the end of a cycle, without an id.
		if s, n := scanTransition(msg[len("Metaspace: "):]); n > 0 && p.held != nil {
			p.held.SetSpace(SpaceMetaspace, s)
		}
	case hasSizeArrow(msg):
		p.out.unparsed(p.line, p.pos, "size transition outside a collection")
	}
}

// brokenTail reports whether the line read is the tail of a decorated line
// broken in two (a file that ended in the middle of a line, as
// logrotate's copytruncate leaves it): a line without decorations in a
// log whose lines have them. Its sizes are of the collection whose line
// it was, which it does not say: the event held then is of the one
// before. (Shenandoah's metaspace line without an id is decorated as the
// others.)
func (p *unifiedParser) brokenTail() bool { return p.decorated && p.decor.count == 0 }

// hasOutOfMemory reports whether msg has "OutOfMemoryError" or "Out of
// Memory", looking for the start they share once.
func hasOutOfMemory(msg []byte) bool {
	// Each 'O' found by IndexByte, cheaper than indexOf's search for "Out"
	// on the long lines without one (safepoint lines).
	for i := 0; ; i++ {
		k := bytes.IndexByte(msg[i:], 'O')
		if k < 0 {
			return false
		}
		i += k
		if hasPrefix(msg[i:], "OutOfMemoryError") || hasPrefix(msg[i:], "Out of Memory") {
			return true
		}
	}
}

// hasSizeArrow reports whether msg has "<size>-><size>": data this parser
// would lose if it let the line pass.
func hasSizeArrow(msg []byte) bool {
	// Look for the '>' of each arrow with IndexByte (most lines have none),
	// from the first that can have a size before it to the last that can
	// have one after it.
	for j := 2; j < len(msg)-1; j++ {
		k := bytes.IndexByte(msg[j:len(msg)-1], '>')
		if k < 0 {
			return false
		}
		j += k
		if msg[j-1] == '-' {
			c := msg[j-2]
			if c == 'K' || c == 'M' || c == 'G' || c == 'B' || c == ')' || c >= '0' && c <= '9' {
				return true
			}
		}
	}
	return false
}

// pendingFor returns the pending record of a GC id, creating it. Most
// often it is the newest, that of the lines before: found without a call.
func (p *unifiedParser) pendingFor(id int64) *unifiedPending {
	if n := len(p.pending); n > 0 {
		if pe := p.pending[n-1]; pe.id == id {
			return pe
		}
	}
	return p.olderPendingFor(id)
}

// olderPendingFor is pendingFor of an id whose record is not the newest.
func (p *unifiedParser) olderPendingFor(id int64) *unifiedPending {
	if pe := p.findPending(id); pe != nil {
		return pe
	}
	var pe *unifiedPending
	if len(p.pending) == unifiedPendingMax {
		// The oldest record is of a collection long finished (or one whose
		// summary the selection omits): reuse it for this one.
		pe = p.pending[0]
		copy(p.pending, p.pending[1:])
		p.pending = p.pending[:len(p.pending)-1]
	} else {
		pe = &unifiedPending{}
	}
	// Cleared, then set field by field: a composite literal would be
	// built on the stack and copied over, at twice the cost.
	startMsg, spaces := pe.startMsg[:0], pe.spaces[:0]
	*pe = unifiedPending{}
	pe.id, pe.startMsg, pe.spaces, pe.line, pe.source = id, startMsg, spaces, p.pos.Line, p.pos.Source
	pe.uptime, pe.time = p.decor.uptime, p.decor.time
	pe.before, pe.after = newUnifiedBlock(), newUnifiedBlock()
	pe.zgcLive, pe.zgcCap = Unknown, Unknown
	p.pending = append(p.pending, pe)
	return pe
}

func (p *unifiedParser) dropPending(id int64) {
	for i, pe := range p.pending {
		if pe.id == id {
			p.pending = append(p.pending[:i], p.pending[i+1:]...)
			return
		}
	}
}

func (p *unifiedParser) emitHeld() {
	if p.held != nil {
		p.out.emit(p.held)
		p.held = nil
	}
}

func (p *unifiedParser) flush() {
	p.closeBlock()
	p.emitHeld()
	p.blockWait = nil // emitted below
	// Collections whose summary never came: emit what a heap-at-GC block
	// says of them (the -Xlog:gc+heap=debug selection has nothing else).
	for _, pe := range p.pending {
		if pe.before.seen && pe.after.seen && !pe.summarized {
			p.out.emit(p.fromBlocks(pe))
		}
	}
	p.pending = nil
}

// collection handles a line of one collection, GC(id).
func (p *unifiedParser) collection(id int64, msg []byte) {
	if p.blockWait != nil && p.blockWait.id != id {
		p.endBlockWait()
	}
	// ZGC generational lines carry the generation: "y: ", "Y: ", "O: ".
	gen := ""
	if len(msg) > 3 && msg[1] == ':' && msg[2] == ' ' {
		switch msg[0] {
		case 'y', 'Y':
			gen, msg = "young", msg[3:]
		case 'O', 'o':
			gen, msg = "old", msg[3:]
		}
	}
	if p.inBlock >= 0 && (p.inBlock != id || len(msg) == 0 || msg[0] != ' ') {
		p.closeBlock()
	}
	if len(msg) > 0 {
		switch c := msg[0]; {
		case c == ' ':
			// Indented: phase timings, heap-at-GC block lines, ZGC tables.
			p.detail(id, skipSpaces(msg))
			return
		case c == 'H' && (hasPrefix(msg, "Heap before GC invocations=") || hasPrefix(msg, "Heap after GC invocations=") ||
			hasPrefix(msg, "Heap Before GC invocations=") || hasPrefix(msg, "Heap After GC invocations=")): // JDK 25 capitalises
			p.openBlock(id, msg)
			return
		case c == 'P' && pausePrefix.of(msg), c == 'C' && concurrentPrefix.of(msg) && !unifiedNamedFigures(msg), // (the most, inlined)
			summaryFirst[c] && unifiedSummaryName(msg):
			p.summaryOrStart(id, gen, msg)
			return
		}
	}
	p.detail(id, msg)
}

// summaryFirst marks the first letters of the names unifiedSummaryName
// looks for: most detail lines start with another, and are told apart
// without its call.
var summaryFirst = [256]bool{'P': true, 'G': true, 'M': true, 'C': true, 'Y': true, 'O': true}

// skipSpaces is bytes.TrimLeft(b, " "), inlined: detail lines are indented
// by a few spaces.
func skipSpaces(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	return b
}

// unifiedSummaryName reports whether msg starts as a summary or the start of
// one: "Pause ", "Garbage Collection", "Minor Collection", "Major
// Collection", "Concurrent ", "Young Generation", "Old Generation" (not
// generational ZGC's table titles "Young Generation Statistics:", which
// are detail). The first byte picks the prefix to compare: most lines are
// detail.
func unifiedSummaryName(msg []byte) bool {
	if len(msg) == 0 {
		return false
	}
	switch msg[0] {
	case 'P':
		return pausePrefix.of(msg)
	case 'G':
		return hasPrefix(msg, "Garbage Collection")
	case 'M':
		return minorPrefix.of(msg) || majorPrefix.of(msg)
	case 'C':
		return concurrentPrefix.of(msg) && !unifiedNamedFigures(msg)
	case 'Y':
		return youngGenPrefix.of(msg) && !hasPrefix(msg, "Young Generation Statistics:")
	case 'O':
		return oldGenPrefix.of(msg) && !hasPrefix(msg, "Old Generation Statistics:")
	}
	return false
}

// unifiedNamedFigures reports whether msg is figures after a name and a
// colon, the colon before any parenthesis: G1's debug lines "Concurrent
// refinement times: Logged Cards Scan time goal: 20.00ms ... HCC time:
// 0.00ms" and "Concurrent refinement: 0.1ms, refined: 7, ...", which are
// no phase of a collection, though the first ends in a duration. (A
// summary's colon is in its parentheses: "(Evacuation Failure: Allocation)".)
func unifiedNamedFigures(msg []byte) bool {
	i := bytes.IndexByte(msg, ':')
	return i > 0 && i+1 < len(msg) && msg[i+1] == ' ' && bytes.IndexByte(msg[:i], '(') < 0
}

// The prefixes unifiedSummaryName looks for most, as words.
var (
	pausePrefix      = newWordPrefix("Pause ")
	concurrentPrefix = newWordPrefix("Concurrent ")
	minorPrefix      = newWordPrefix("Minor Collection")
	majorPrefix      = newWordPrefix("Major Collection")
	youngGenPrefix   = newWordPrefix("Young Generation")
	oldGenPrefix     = newWordPrefix("Old Generation")
)

// wordPrefix is a prefix of up to 16 bytes as two words, masked to its
// length: compared with the first 16 bytes of a message without a call.
// (hasPrefix's comparison with a constant calls memequal.)
type wordPrefix struct {
	s            string
	words, masks [2]uint64
}

func newWordPrefix(s string) wordPrefix {
	if len(s) > 16 {
		panic("wordPrefix longer than 16 bytes: " + s)
	}
	w := wordPrefix{s: s}
	var b [16]byte
	copy(b[:], s)
	for k := range w.words {
		w.words[k] = binary.LittleEndian.Uint64(b[8*k:])
		switch n := len(s) - 8*k; {
		case n >= 8:
			w.masks[k] = ^uint64(0)
		case n > 0:
			w.masks[k] = 1<<(8*n) - 1
		}
	}
	return w
}

// of reports whether b starts with w: hasPrefix(b, w.s).
func (w *wordPrefix) of(b []byte) bool {
	if len(b) < 16 {
		return hasPrefix(b, w.s)
	}
	return binary.LittleEndian.Uint64(b)&w.masks[0] == w.words[0] &&
		binary.LittleEndian.Uint64(b[8:])&w.masks[1] == w.words[1]
}

// summaryOrStart handles "Pause ...", "Concurrent ...", "Garbage Collection
// ..." lines: with a duration or a size transition at the end they are a
// summary (an event); without, the start of one.
func (p *unifiedParser) summaryOrStart(id int64, gen string, msg []byte) {
	var s unifiedSummary
	if !p.parseSummary(msg, &s) {
		// A start line: "Pause Young (Normal) (G1 Evacuation Pause)".
		if hasSizeArrow(msg) {
			p.out.unparsed(p.line, p.pos, "cannot read collection summary")
			return
		}
		// The held event is done with at its own collection's start
		// line, and at a collection's above all read so far: a chunk
		// may start there, and one that does emits it (release), so a
		// line after it, such as an id-less "Metaspace: ...", amends
		// nothing in either read.
		if p.held != nil && (p.held.ID == id || id > p.lastID()) {
			p.emitHeld()
		}
		pe := p.pendingFor(id)
		pe.startMsg = append(pe.startMsg[:0], msg...)
		pe.line, pe.source = p.pos.Line, p.pos.Source
		pe.uptime, pe.time = p.decor.uptime, p.decor.time
		pe.summarized = false
		return
	}
	if hasPrefix(msg, "Young Generation") || hasPrefix(msg, "Old Generation") {
		// ZGC generational: the per-generation summary inside a collection.
		pe := p.pendingFor(id)
		name := SpaceYoung
		if hasPrefix(msg, "Old") {
			name = SpaceOld
		}
		pe.addSpace(name, s.heap)
		if hasPrefix(pe.startMsg, "Young Generation") || hasPrefix(pe.startMsg, "Old Generation") {
			pe.startMsg = pe.startMsg[:0] // the generation's start line, summarised now
		}
		return
	}
	p.emitHeld()
	pe := p.findPending(id)
	ev := p.events.newEvent(p.pos.Source, p.pos.Line, pe.spaceCount())
	ev.ID = id
	ev.Uptime, ev.Time = p.decor.uptime, p.decor.time
	ev.Name, ev.Cause = s.name, s.cause
	ev.Heap = s.heap
	ev.Flags = s.flags
	ev.Generation = s.generation
	if ev.Generation == "" {
		ev.Generation = gen
	}
	ev.Kind = s.kind
	if ev.Kind == KindConcurrent {
		ev.Duration = s.dur
	} else {
		ev.Pause = s.dur
	}
	if ev.Heap.Capacity == Unknown && ev.Heap.After != Unknown && p.out.info.Collector == "zgc" {
		ev.Heap.Capacity = p.out.info.HeapMax
	}
	if pe != nil {
		p.applyPending(ev, pe)
		if pe == p.blockWait {
			// Its blocks' figures are the summary's: done with.
			p.blockWait = nil
			p.dropPending(id)
		}
	}
	if p.out.info.Collector == "" {
		p.out.info.Collector = unifiedGuessCollector(ev)
	}
	if s.zgcGenerational {
		p.generational = true
		if p.out.info.Collector == "zgc" || p.out.info.Collector == "" {
			p.out.info.Collector = "zgc-generational"
		}
	}
	if ev.Flags&FlagSystemGC == 0 && (ev.Cause == "System.gc()" || ev.Cause == "Diagnostic Command") {
		ev.Flags |= FlagSystemGC
	}
	p.held = ev
}

func (p *unifiedParser) findPending(id int64) *unifiedPending {
	// From the newest: the list is mostly full of finished collections, and
	// the lines read are of the last one.
	for i := len(p.pending) - 1; i >= 0; i-- {
		if pe := p.pending[i]; pe.id == id {
			return pe
		}
	}
	return nil
}

// applyPending moves what detail lines said into the event, and starts a
// fresh detail record for the id (one id can hold several pauses: G1's
// Remark and Cleanup, CMS's phases).
func (p *unifiedParser) applyPending(ev *Event, pe *unifiedPending) {
	if len(pe.startMsg) > 0 && hasPrefix(pe.startMsg, ev.Name) {
		// The event starts where its start line was.
		ev.Line, ev.Source = pe.line, pe.source
		if pe.uptime >= 0 {
			ev.Uptime = pe.uptime
		}
		if !pe.time.IsZero() {
			ev.Time = pe.time
		}
		pe.startMsg = pe.startMsg[:0]
	}
	if len(ev.Spaces) == 0 {
		if len(pe.spaces) > 0 { // (append calls typedslicecopy even for none)
			ev.Spaces = append(ev.Spaces, pe.spaces...) // each name once: see addSpace
		}
	} else {
		for _, s := range pe.spaces {
			ev.SetSpace(s.Name, s.Sizes)
		}
	}
	ev.Flags |= pe.flags
	if pe.upgradeFull && ev.Kind == KindDegenerated {
		ev.Kind = KindFull // a stop-the-world collection of the whole heap after all
		pe.upgradeFull = false
	}
	if ev.Heap.Before == Unknown && pe.before.heapUsed != Unknown {
		ev.Heap.Before = pe.before.heapUsed
	}
	if pe.zgcLive != Unknown {
		ev.SetSpace("live", Sizes{Before: Unknown, After: pe.zgcLive, Capacity: Unknown})
	}
	if ev.Heap.Capacity == Unknown && pe.zgcCap != Unknown {
		ev.Heap.Capacity = pe.zgcCap
	}
	pe.spaces = pe.spaces[:0]
	pe.flags = 0
	pe.zgcLive, pe.zgcCap = Unknown, Unknown
	pe.summarized = true
}

// spaceCount is how many spaces applyPending gives an event; 0 for a nil pe.
func (pe *unifiedPending) spaceCount() int {
	if pe == nil {
		return 0
	}
	n := len(pe.spaces)
	if pe.zgcLive != Unknown {
		n++
	}
	return n
}

func (pe *unifiedPending) addSpace(name string, s Sizes) {
	for i := range pe.spaces {
		if pe.spaces[i].Name == name {
			pe.spaces[i].Sizes = s
			return
		}
	}
	pe.spaces = append(pe.spaces, Space{Name: name, Sizes: s})
}

// unifiedSummary is a parsed summary line.
type unifiedSummary struct {
	unifiedName
	heap Sizes
	dur  time.Duration
}

// unifiedName is what parseSummary reads from a summary's text before its
// sizes and duration, "Pause Young (Normal) (G1 Evacuation Pause)".
type unifiedName struct {
	name, cause string
	generation  string
	flags       Flag
	kind        Kind // unifiedKind(name, cause)
	// zgcGenerational: the name is generational ZGC's, "Major Collection"
	// or "Minor Collection".
	zgcGenerational bool
}

// unifiedNameMemo is a summary's text before its sizes and duration, and
// what it reads as. A log has a few such texts, repeated all through it.
type unifiedNameMemo struct {
	text []byte
	unifiedName
}

// parseSummary reads "Name (type) (cause) B->A(C) 1.234ms" into s (filled
// in place: it is copied around otherwise). It reports false when the line
// has neither sizes nor a duration: a start line.
func (p *unifiedParser) parseSummary(msg []byte, s *unifiedSummary) bool {
	*s = unifiedSummary{heap: NoSizes}
	// Peel the duration off the end.
	end := len(msg)
	for end > 0 && msg[end-1] == ' ' {
		end--
	}
	body := msg[:end]
	timed := false // "0.000ms" is a duration too: a phase too short to measure
	// Both start with a digit, after a space: the last word of a start line
	// ("Pause Young (Normal) (G1 Evacuation Pause)", "Concurrent Mark")
	// most often does not.
	sp := lastSpace(body)
	if sp >= 0 && isDigit(body[sp+1]) { // (body does not end with a space)
		if d, ok := durationWord(body[sp+1:]); ok {
			s.dur, timed = d, true
			body = body[:sp]
			sp = lastSpace(body)
		}
	}
	// Then a size transition.
	if sp >= 0 && sp+1 < len(body) && isDigit(body[sp+1]) {
		if h, n := quickTransition(body[sp+1:]); n > 0 && sp+1+n == len(body) {
			s.heap = h
			body = body[:sp]
		}
	}
	if !timed && s.heap == NoSizes {
		return false
	}
	// The name and groups of the summary are most likely those of one
	// before (by text length: a few texts alternate).
	memo := &p.names[len(body)%len(p.names)]
	if len(body) > 0 && sameWords(memo.text, body) {
		s.unifiedName = memo.unifiedName
		return true
	}
	p.readName(body, s)
	memo.text = append(memo.text[:0], body...)
	memo.unifiedName = s.unifiedName
	return true
}

// lastSpace is bytes.LastIndexByte(b, ' '), reading b from its end eight
// bytes at a time: the last words of a summary are short, and
// LastIndexByte has no vector code on amd64 (it reads a byte at a time).
// (It is just small enough to be inlined: mind its cost when changing it.)
func lastSpace(b []byte) int {
	const ones, low7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	i := len(b)
	for ; i >= 8; i -= 8 {
		x := binary.LittleEndian.Uint64(b[i-8:]) ^ ' '*ones // a zero byte for each space
		// The high bit of each zero byte of x, and only those: adding
		// to the low seven bits of a byte carries into no other.
		if zeros := ^((x&low7 + low7) | x | low7); zeros != 0 {
			return i - 1 - bits.LeadingZeros64(zeros)/8
		}
	}
	for i--; i >= 0; i-- {
		if b[i] == ' ' {
			break
		}
	}
	return i
}

// readName reads a summary's name and parenthesised groups, body, into s:
// types stay in the name, anything else is the cause.
func (p *unifiedParser) readName(body []byte, s *unifiedSummary) {
	name := body
	groups := make([][]byte, 0, 4) // on the stack: a summary has a few groups
	for len(name) > 0 && name[len(name)-1] == ')' {
		open := bytes.LastIndexByte(name, '(')
		if open < 0 {
			break
		}
		// Nested parens, as in "(System.gc())": find the matching one.
		depth := 0
		for i := len(name) - 1; i >= 0; i-- {
			if name[i] == ')' {
				depth++
			} else if name[i] == '(' {
				depth--
				if depth == 0 {
					open = i
					break
				}
			}
		}
		groups = append(groups, name[open+1:len(name)-1])
		name = bytes.TrimRight(name[:open], " ")
	}
	nameB := append(p.nameBuf[:0], name...)
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		switch {
		case unifiedTypeGroup(g):
			nameB = append(nameB, " ("...)
			nameB = append(nameB, g...)
			nameB = append(nameB, ')')
			switch string(g) {
			case "Young":
				s.generation = "young"
			case "Old":
				s.generation = "old"
			case "Global":
				s.generation = "global"
			}
		case hasPrefix(g, "Evacuation Failure"):
			s.flags |= FlagToSpaceExhausted
		default:
			if s.cause == "" {
				s.cause = p.intern(g)
			}
		}
	}
	s.name = p.intern(nameB)
	s.kind = unifiedKind(s.name, s.cause)
	s.zgcGenerational = strings.HasPrefix(s.name, "Major Collection") || strings.HasPrefix(s.name, "Minor Collection")
	p.nameBuf = nameB
}

// intern is p.out.intern, through p.recent.
func (p *unifiedParser) intern(b []byte) string {
	if len(b) >= len(p.recent) {
		return p.out.intern(b)
	}
	if s := p.recent[len(b)]; s == string(b) {
		return s
	}
	s := p.out.intern(b)
	p.recent[len(b)] = s
	return s
}

// unifiedTypeGroup reports whether a parenthesised group says what kind of
// collection it is rather than why it ran.
func unifiedTypeGroup(g []byte) bool {
	switch string(g) {
	case "Normal", "Concurrent Start", "Prepare Mixed", "Mixed", "Young", "Old", "Global",
		"unload classes", "process weakrefs", "update refs", "Major", "Minor", "Mark", "Outside of Cycle",
		"Evacuation", "Update Refs", "Update References", "Full", "Bootstrap", "Concurrent Undo Cycle":
		return true
	}
	return hasPrefix(g, "unload classes") || hasPrefix(g, "process weakrefs")
}

// unifiedKind maps a summary's name to a Kind.
func unifiedKind(name, cause string) Kind {
	if !strings.HasPrefix(name, "Pause ") {
		return KindConcurrent // what every case below needs first
	}
	switch {
	case strings.HasPrefix(name, "Pause Young (Mixed)"), strings.HasPrefix(name, "Pause Mixed"):
		return KindMixed
	case strings.HasPrefix(name, "Pause Young"):
		return KindYoung
	case strings.HasPrefix(name, "Pause Initial Mark") && cause != "":
		// G1 on JDK 9-11 ("Pause Initial Mark (G1 Evacuation Pause)"): an
		// evacuation that also starts marking. CMS's has no cause.
		return KindYoung
	case strings.HasPrefix(name, "Pause Full"):
		return KindFull
	case strings.HasPrefix(name, "Pause Degenerated"):
		return KindDegenerated
	case strings.HasPrefix(name, "Pause Initial Mark"), strings.HasPrefix(name, "Pause Init Mark"),
		strings.HasPrefix(name, "Pause Mark Start"):
		return KindInitialMark
	case strings.HasPrefix(name, "Pause Remark"), strings.HasPrefix(name, "Pause Final Mark"),
		strings.HasPrefix(name, "Pause Mark End"):
		return KindRemark
	case strings.HasPrefix(name, "Pause "):
		return KindCleanup
	}
	return KindConcurrent
}

// unifiedGuessCollector names the collector from an event when the log has
// no "Using ..." line (a fragment, or a selection without it).
func unifiedGuessCollector(ev *Event) string {
	n := ev.Name
	switch {
	case strings.HasPrefix(n, "Garbage Collection"), strings.HasPrefix(n, "Pause Mark Start"), strings.HasPrefix(n, "Pause Relocate Start"):
		return "zgc"
	case strings.HasPrefix(n, "Minor Collection"), strings.HasPrefix(n, "Major Collection"):
		return "zgc-generational"
	case strings.HasPrefix(n, "Pause Init Mark"), strings.HasPrefix(n, "Pause Final Mark"), strings.HasPrefix(n, "Pause Degenerated"),
		strings.HasPrefix(n, "Concurrent cleanup"), strings.HasPrefix(n, "Concurrent reset"), strings.HasPrefix(n, "Concurrent marking"),
		strings.HasPrefix(n, "Concurrent evacuation"):
		return "shenandoah"
	case strings.HasPrefix(n, "Pause Young (Normal)"), strings.HasPrefix(n, "Pause Young (Concurrent Start)"),
		strings.HasPrefix(n, "Pause Young (Prepare Mixed)"), strings.HasPrefix(n, "Pause Young (Mixed)"),
		strings.HasPrefix(n, "Concurrent Mark Cycle"), strings.HasPrefix(n, "Concurrent Cycle"), strings.HasPrefix(n, "Pause Mixed"):
		return "g1"
	case strings.HasPrefix(n, "Concurrent Sweep"), strings.HasPrefix(n, "Concurrent Abortable Preclean"):
		return "cms"
	}
	return ""
}

// epsilonSample reads Epsilon's periodic heap report, "Heap: 65536K reserved,
// 65536K (100.00%) committed, 3281K (5.01%) used". Epsilon never collects:
// each report is an event of unknown kind that shows the heap filling up.
func (p *unifiedParser) epsilonSample(msg []byte) {
	ev := NewEvent(p.pos.Source, p.pos.Line)
	ev.Uptime, ev.Time = p.decor.uptime, p.decor.time
	ev.Name = "Heap"
	for _, part := range bytes.Split(msg[len("Heap: "):], []byte(", ")) {
		v, n := scanSize(part)
		if n == 0 {
			p.out.unparsed(p.line, p.pos, "cannot read heap report")
			return
		}
		switch {
		case hasSuffix(part, " committed"):
			ev.Heap.Capacity = v
		case hasSuffix(part, " used"):
			ev.Heap.After = v
		}
	}
	p.emitHeld()
	p.out.emit(ev)
}
