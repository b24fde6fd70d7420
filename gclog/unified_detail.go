package gclog

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Detail lines of unified logging: spaces, metaspace, G1 regions, ZGC
// tables, heap-at-GC blocks.

// unifiedSpaceName maps the log's name of a space to the model's. (A switch:
// cheaper than a map for a few names, on a line of every collection.)
func unifiedSpaceName(name []byte) (string, bool) {
	switch string(name) {
	case "DefNew", "ParNew", "PSYoungGen":
		return SpaceYoung, true
	case "Eden":
		return SpaceEden, true
	case "From":
		return SpaceSurvivor, true
	case "Tenured", "CMS", "ParOldGen", "PSOldGen", "Old":
		return SpaceOld, true
	case "Metaspace":
		return SpaceMetaspace, true
	case "Class":
		return SpaceClass, true
	case "NonClass":
		return "nonclass", true
	}
	return "", false
}

// spaceNameMax is the length of the longest name unifiedSpaceName and
// unifiedRegionName know: a line whose first colon comes later names no
// space (the names of most phases are longer).
const spaceNameMax = len("Humongous regions")

// unifiedRegionName maps G1's region lines to spaces.
func unifiedRegionName(name []byte) (string, bool) {
	switch string(name) {
	case "Eden regions":
		return SpaceEden, true
	case "Survivor regions":
		return SpaceSurvivor, true
	case "Old regions":
		return SpaceOld, true
	case "Humongous regions":
		return SpaceHumongous, true
	case "Archive regions":
		return "archive", true
	}
	return "", false
}

// spacesCollector names the collector by a generation's name.
var spacesCollector = map[string]string{
	"DefNew": "serial", "Tenured": "serial", "ParNew": "cms", "CMS": "cms",
	"PSYoungGen": "parallel", "ParOldGen": "parallel", "PSOldGen": "parallel",
}

// detail handles a line of collection id that is not a summary or start.
func (p *unifiedParser) detail(id int64, msg []byte) {
	if p.inBlock == id && p.block != nil {
		p.blockLine(msg)
		return
	}
	if len(msg) > 0 {
		// Dispatched on the first byte: most lines are none of these.
		switch msg[0] {
		case 'U':
			if userPrefix.of(msg) {
				return // cpu times: not in the model
			}
		case 'T', 'E':
			if hasPrefix(msg, "To-space exhausted") || evacuationFailurePrefix.of(msg) && hasPrefix(msg, "Evacuation Failure") {
				p.flagFor(id, FlagToSpaceExhausted)
				return
			}
		case 'D':
			if hasPrefix(msg, "Degenerated GC upgrading to Full GC") {
				p.pendingFor(id).upgradeFull = true
				return
			}
		case 'A', 'R':
			if allocationStallPrefix.of(msg) || relocationStallPrefix.of(msg) {
				p.flagFor(id, FlagAllocationStall)
				return
			}
		case 'M':
			if markStartPrefix.of(msg) {
				// A ZGC table's header. JDK 17's heap table has no title line.
				if pe := p.pendingFor(id); pe.zgcTable == "" {
					pe.zgcTable = "heap"
				}
				return
			}
			if metaspacePrefix.of(msg) && hasSpaceWord(msg, "used") {
				p.zgcMetaspace(id, msg)
				return
			}
		case 'H':
			if heapStatisticsPrefix.of(msg) {
				p.pendingFor(id).zgcTable = "heap"
				return
			}
		case 'Y':
			if hasPrefix(msg, "Young Generation Statistics:") {
				p.pendingFor(id).zgcTable = SpaceYoung
				return
			}
		case 'O':
			if hasPrefix(msg, "Old Generation Statistics:") {
				p.pendingFor(id).zgcTable = SpaceOld
				return
			}
		}
	}
	// A ZGC row's name and a space's end at the first colon.
	if colon := bytes.IndexByte(msg, ':'); colon >= 0 {
		if colon <= zgcRowNameMax && p.zgcRow(id, msg, colon) {
			return
		}
		if colon <= spaceNameMax && p.spaceLine(id, msg, colon) {
			return
		}
	}
	if hasSizeArrow(msg) {
		p.out.unparsed(p.line, p.pos, "cannot read sizes")
	}
}

// The prefixes detail looks for, as words: most lines start with the same
// letter as one of them ("Eden regions", "Merge Heap Roots", "Using 2
// workers"), which hasPrefix would compare in a call.
var (
	userPrefix            = newWordPrefix("User=")
	allocationStallPrefix = newWordPrefix("Allocation Stall")
	relocationStallPrefix = newWordPrefix("Relocation Stall")
	markStartPrefix       = newWordPrefix("Mark Start ")
	metaspacePrefix       = newWordPrefix("Metaspace: ")
	heapStatisticsPrefix  = newWordPrefix("Heap Statistics:")
	// (The first 16 bytes of "Evacuation Failure": G1's phase
	// "Evacuate Collection Set" differs in them.)
	evacuationFailurePrefix = newWordPrefix("Evacuation Failure"[:16])
)

// zgcMetaspace reads ZGC's "Metaspace: 0M used, 0M committed, 1088M reserved".
func (p *unifiedParser) zgcMetaspace(id int64, msg []byte) {
	rest := msg[len("Metaspace: "):]
	used, n := scanSize(rest)
	if n > 0 {
		s := Sizes{Before: Unknown, After: used, Capacity: Unknown}
		if i := indexOf(rest, ", "); i > 0 {
			parts := bytes.Split(rest[i+2:], []byte(", "))
			for _, part := range parts {
				if hasSuffix(part, " committed") {
					s.Capacity, _ = scanSize(part)
				}
			}
		}
		p.pendingFor(id).addSpace(SpaceMetaspace, s)
	}
}

// hasSpaceWord reports whether b has " "+w, as indexOf(b, " "+w) >= 0 does,
// but looking for w: its first letter is rarer than a space, and indexOf
// stops at every space of the line.
func hasSpaceWord(b []byte, w string) bool {
	if bytes.IndexByte(b, w[0]) < 0 {
		return false // most lines: G1's metaspace has no "u" (IndexByte's search is cheaper than indexOf's)
	}
	for i := 1; i < len(b); i++ {
		k := indexOf(b[i:], w)
		if k < 0 {
			return false
		}
		i += k
		if b[i-1] == ' ' {
			return true
		}
	}
	return false
}

// flagFor marks the collection id, or the event just read if it is that id.
func (p *unifiedParser) flagFor(id int64, f Flag) {
	if p.held != nil && p.held.ID == id {
		p.held.Flags |= f
		return
	}
	p.pendingFor(id).flags |= f
}

// spaceLine reads "Name: B->A(C)" pairs (firstColon is the index of the
// first ':' in msg): "DefNew: 4416K(4928K)->512K(4928K)
// Eden: ... From: ...", "Metaspace: 74K(320K)->74K(320K) NonClass: ...",
// "Eden regions: 6->0(17)".
func (p *unifiedParser) spaceLine(id int64, msg []byte, firstColon int) bool {
	colon := firstColon
	if colon+1 >= len(msg) || msg[colon+1] != ' ' {
		colon = indexColonSpace(msg) // a colon before the name's, as in a time
	}
	if colon <= 0 {
		return false
	}
	if canon, ok := unifiedRegionName(msg[:colon]); ok {
		s, n := p.transition(colon, msg[colon+2:])
		if n == 0 {
			return false
		}
		if p.regionSize > 0 {
			s = Sizes{Before: s.Before * p.regionSize, After: s.After * p.regionSize, Capacity: scaleKnown(s.Capacity, p.regionSize)}
			p.pendingFor(id).addSpace(canon, s)
		}
		return true
	}
	if _, ok := unifiedSpaceName(msg[:colon]); !ok {
		return false
	}
	rest := msg
	found := false
	for first := true; len(rest) > 0; first = false {
		if !first { // (the first name's colon is known)
			colon = indexColonSpace(rest)
		}
		if colon <= 0 {
			break
		}
		name := trimName(rest[:colon])
		canon, ok := unifiedSpaceName(name)
		if !ok {
			return found
		}
		s, n := p.transition(colon, rest[colon+2:])
		if n == 0 {
			return found
		}
		found = true
		if p.held != nil && p.held.ID == id && (string(name) == "Old" || canon == SpaceMetaspace && strings.HasPrefix(p.out.info.Collector, "shenandoah")) {
			// After the collection's last event: CMS logs the old
			// generation after its concurrent cycle, Shenandoah (JDK 25)
			// the metaspace after its cycle's statistics, as JDK 17's
			// line without a GC id (global's "Metaspace: " case).
			p.held.SetSpace(canon, s)
		} else {
			p.pendingFor(id).addSpace(canon, s)
		}
		if p.out.info.Collector == "" {
			if c, ok := spacesCollector[string(name)]; ok {
				p.out.info.Collector = c
			}
		}
		rest = skipSpaces(rest[colon+2+n:])
	}
	return found
}

// trimName is bytes.TrimSpace(name), without its call where name starts
// and ends with a letter, as the names of spaces do.
func trimName(name []byte) []byte {
	if n := len(name); n > 0 && isLetter(name[0]) && isLetter(name[n-1]) {
		return name
	}
	return bytes.TrimSpace(name)
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// transitionMemo is the text of a size transition, as scanTransition read
// it, and what it read as.
type transitionMemo struct {
	text []byte
	s    Sizes
}

// transition is scanTransition(b), b being the rest of a line after the
// name of a space, nameLen bytes long. Many such lines repeat through a log:
// region counts that do not change (archive, humongous), a metaspace the
// same from one collection to the next. The last transition read after a
// name of each length is remembered, with what it read as.
//
// Only the transition's own text is compared, not the rest of the line
// (the next spaces of a metaspace line): a transition that ends b or is
// followed by a space. scanTransition looks at nothing after such a
// transition but that byte, which ends it: b with the same text and a
// space or its end after reads the same.
func (p *unifiedParser) transition(nameLen int, b []byte) (Sizes, int) {
	m := &p.transitions[nameLen%len(p.transitions)]
	if n := len(m.text); n > 0 && n <= len(b) && (n == len(b) || b[n] == ' ') {
		t := b[:n]
		var same bool
		if n >= 4 && n < 8 { // G1's region counts, "6->0(17)": as two words of 4 bytes, which may overlap
			same = (binary.LittleEndian.Uint32(t)^binary.LittleEndian.Uint32(m.text))|
				(binary.LittleEndian.Uint32(t[n-4:])^binary.LittleEndian.Uint32(m.text[n-4:])) == 0
		} else {
			same = sameBytes(t, m.text)
		}
		if same {
			return m.s, n
		}
	}
	s, n := quickTransition(b)
	if n > 0 && (n == len(b) || b[n] == ' ') {
		m.text, m.s = append(m.text[:0], b[:n]...), s
	}
	return s, n
}

// indexColonSpace is bytes.Index(b, ": "), searching for the colon alone:
// faster where spaces are many and colons few.
func indexColonSpace(b []byte) int {
	for i := 0; i < len(b); i++ {
		k := bytes.IndexByte(b[i:], ':')
		if k < 0 {
			return -1
		}
		i += k
		if i+1 < len(b) && b[i+1] == ' ' {
			return i
		}
	}
	return -1
}

func scaleKnown(v, by int64) int64 {
	if v == Unknown {
		return Unknown
	}
	return v * by
}

// zgcRow reads a row of ZGC's statistics tables, whose columns are Mark
// Start, Mark End, Relocate Start, Relocate End (then High, Low):
//
//	Capacity:   64M (100%)   64M (100%)   64M (100%)   64M (100%) ...
//	    Used:   40M (62%)    46M (72%)    46M (72%)    20M (31%)  ...
//	    Live:     -           2M (4%)      2M (4%)      2M (4%)   ...
//
// colon is the index of the first ':' in msg.
func (p *unifiedParser) zgcRow(id int64, msg []byte, colon int) bool {
	if colon <= 0 {
		return false
	}
	switch string(msg[:colon]) {
	case "Capacity", "Used", "Live", "Free", "Allocated", "Garbage", "Reclaimed", "Promoted", "Compacted":
	default:
		return false
	}
	pe := p.findPending(id)
	if pe == nil || pe.zgcTable == "" {
		return false
	}
	var cols [6]int64
	n := zgcColumns(msg[colon+1:], cols[:])
	if n < 4 {
		return false
	}
	switch row := string(msg[:colon]); {
	case pe.zgcTable == "heap" && row == "Capacity":
		pe.zgcCap = cols[3]
	case pe.zgcTable == "heap" && row == "Live":
		pe.zgcLive = cols[1]
	case pe.zgcTable != "heap" && row == "Used":
		pe.addSpace(pe.zgcTable, Sizes{Before: cols[0], After: cols[3], Capacity: Unknown})
	case pe.zgcTable != "heap" && row == "Live":
		pe.addSpace(pe.zgcTable+"-live", Sizes{Before: Unknown, After: cols[1], Capacity: Unknown})
	}
	return true
}

// zgcRowNameMax is the length of the longest row name zgcRow reads: the
// names of spaces and most phases are longer, and not looked up.
const zgcRowNameMax = len("Allocated")

// zgcColumns reads the sizes of a ZGC table row, "-" as Unknown, skipping
// the "(12%)" after each.
func zgcColumns(b []byte, cols []int64) int {
	n := 0
	for _, f := range bytes.Fields(b) {
		if n == len(cols) {
			break
		}
		if f[0] == '(' {
			continue
		}
		if len(f) == 1 && f[0] == '-' {
			cols[n] = Unknown
			n++
			continue
		}
		v, k := scanSize(f)
		if k == 0 {
			return 0
		}
		cols[n] = v
		n++
	}
	return n
}

// Heap-at-GC blocks (-Xlog:gc+heap=debug):
//
//	GC(0) Heap before GC invocations=0 (full 0):
//	GC(0)  garbage-first heap   total 65536K, used 6144K [0x..., 0x...)
//	GC(0)   region size 1024K, 6 young (6144K), 0 survivors (0K)
//	GC(0)  Metaspace       used 74K, committed 320K, reserved 1056768K
//	GC(0) Heap after GC invocations=1 (full 0):
//	...

// unifiedBlock is what one heap-at-GC block says.
type unifiedBlock struct {
	full                int64 // the "(full M)" count
	heapUsed, heapTotal int64
	oldUsed, oldTotal   int64
	metaUsed, metaComm  int64
	seen                bool
}

func newUnifiedBlock() unifiedBlock {
	return unifiedBlock{full: -1, heapUsed: Unknown, heapTotal: Unknown, oldUsed: Unknown, oldTotal: Unknown,
		metaUsed: Unknown, metaComm: Unknown}
}

func (p *unifiedParser) openBlock(id int64, msg []byte) {
	p.closeBlock()
	pe := p.pendingFor(id)
	p.inBlock, p.block = id, pe
	p.blockAf = hasPrefix(msg, "Heap after") || hasPrefix(msg, "Heap After")
	b := newUnifiedBlock()
	b.seen = true
	if i := indexOf(msg, "(full "); i > 0 {
		b.full, _ = scanUint(msg[i+6:])
	}
	if p.blockAf {
		pe.after = b
	} else {
		pe.before = b
	}
}

// blockLine reads one line inside a heap-at-GC block.
func (p *unifiedParser) blockLine(msg []byte) {
	b := &p.block.before
	if p.blockAf {
		b = &p.block.after
	}
	add := func(dst *int64, v int64) {
		if *dst == Unknown {
			*dst = 0
		}
		*dst += v
	}
	used, total := unifiedTotalUsed(msg)
	switch {
	case hasPrefix(msg, "region size "):
		// G1: "region size 1024K, 14 young (14336K), 0 survivors (0K)"
		if v, n := scanSize(msg[len("region size "):]); n > 0 && p.regionSize == 0 {
			p.regionSize = v
		}
	case hasPrefix(msg, "garbage-first heap"), hasPrefix(msg, "def new generation"), hasPrefix(msg, "PSYoungGen"),
		hasPrefix(msg, "par new generation"):
		if p.out.info.Collector == "" {
			p.out.info.Collector = unifiedBlockCollector(msg)
		}
		if used != Unknown {
			add(&b.heapUsed, used)
			add(&b.heapTotal, total)
		}
	case hasPrefix(msg, "tenured generation"), hasPrefix(msg, "ParOldGen"), hasPrefix(msg, "PSOldGen"),
		hasPrefix(msg, "concurrent mark-sweep generation"):
		if used != Unknown {
			add(&b.heapUsed, used)
			add(&b.heapTotal, total)
			b.oldUsed, b.oldTotal = used, total
		}
	case hasPrefix(msg, "Metaspace"):
		if i := indexOf(msg, "used "); i > 0 {
			b.metaUsed, _ = scanSize(msg[i+5:])
		}
		if i := indexOf(msg, "committed "); i > 0 {
			b.metaComm, _ = scanSize(msg[i+10:])
		}
	case hasPrefix(msg, "ZHeap"):
		// "ZHeap           used 12M, capacity 64M, max capacity 64M"
		if i := indexOf(msg, "used "); i > 0 {
			b.heapUsed, _ = scanSize(msg[i+5:])
		}
		if i := indexOf(msg, " capacity "); i > 0 {
			b.heapTotal, _ = scanSize(msg[i+10:])
		}
	case bytes.Contains(msg, []byte(" committed, ")) && bytes.Contains(msg, []byte(" used")) && hasSuffix(bytes.TrimSpace(msg), "used"):
		// Shenandoah: "64M max, 64M soft max, 64M committed, 12M used"
		for _, part := range bytes.Split(msg, []byte(", ")) {
			part = bytes.TrimSpace(part)
			switch {
			case hasSuffix(part, " committed"):
				b.heapTotal, _ = scanSize(part)
			case hasSuffix(part, " used"):
				b.heapUsed, _ = scanSize(part)
			}
		}
	}
}

// unifiedTotalUsed reads "total 65536K, used 6144K" anywhere in a line, or
// JDK 25's "total reserved 65536K, committed 65536K, used 14478K" (the
// committed size is the capacity).
func unifiedTotalUsed(msg []byte) (used, total int64) {
	used, total = Unknown, Unknown
	if i := indexOf(msg, "committed "); i >= 0 {
		if v, n := scanSize(msg[i+10:]); n > 0 {
			total = v
		}
	} else if i := indexOf(msg, "total "); i >= 0 {
		if v, n := scanSize(msg[i+6:]); n > 0 {
			total = v
		}
	}
	if i := indexOf(msg, "used "); i >= 0 {
		if v, n := scanSize(msg[i+5:]); n > 0 {
			used = v
		}
	}
	if total == Unknown {
		used = Unknown
	}
	return used, total
}

// closeBlock ends the heap-at-GC block being read. An after-block amends the
// collection just summarised; without a summary yet, the collection waits
// for one (blockWait).
func (p *unifiedParser) closeBlock() {
	if p.inBlock < 0 {
		return
	}
	id, pe, after := p.inBlock, p.block, p.blockAf
	p.inBlock, p.block = -1, nil
	if !after {
		return
	}
	if p.held != nil && p.held.ID == id {
		h := p.held
		if h.Heap.After == Unknown && pe.after.heapUsed != Unknown {
			h.Heap.After, h.Heap.Capacity = pe.after.heapUsed, pe.after.heapTotal
		}
		if h.Heap.Before == Unknown && pe.before.heapUsed != Unknown {
			h.Heap.Before = pe.before.heapUsed
		}
		if _, ok := h.Space(SpaceOld); !ok && pe.after.oldUsed != Unknown {
			h.SetSpace(SpaceOld, Sizes{Before: pe.before.oldUsed, After: pe.after.oldUsed, Capacity: pe.after.oldTotal})
		}
		p.dropPending(id)
		return
	}
	if pe.summarized {
		p.dropPending(id)
		return
	}
	p.blockWait = pe
}

// endBlockWait makes the event of the collection waiting for its summary
// (blockWait) of its heap-at-GC blocks: a line of another collection came
// first.
func (p *unifiedParser) endBlockWait() {
	pe := p.blockWait
	p.blockWait = nil
	p.emitHeld()
	p.out.emit(p.fromBlocks(pe))
	p.dropPending(pe.id)
}

// fromBlocks makes an event of a collection known only by its heap-at-GC
// blocks: Kind full when the full count went up.
func (p *unifiedParser) fromBlocks(pe *unifiedPending) *Event {
	ev := NewEvent(pe.source, pe.line)
	ev.ID = pe.id
	ev.Uptime, ev.Time = pe.uptime, pe.time
	ev.Name = "GC"
	ev.Kind = KindYoung
	if pe.before.full >= 0 && pe.after.full > pe.before.full {
		ev.Kind = KindFull
		ev.Name = "Full GC"
	}
	ev.Heap = Sizes{Before: pe.before.heapUsed, After: pe.after.heapUsed, Capacity: pe.after.heapTotal}
	if pe.after.oldUsed != Unknown {
		ev.SetSpace(SpaceOld, Sizes{Before: pe.before.oldUsed, After: pe.after.oldUsed, Capacity: pe.after.oldTotal})
	}
	if pe.after.metaUsed != Unknown {
		ev.SetSpace(SpaceMetaspace, Sizes{Before: pe.before.metaUsed, After: pe.after.metaUsed, Capacity: pe.after.metaComm})
	}
	ev.Flags |= pe.flags
	return ev
}

// unifiedBlockCollector names the collector by the first line of a
// heap-at-GC block, for logs with no "Using ..." line.
func unifiedBlockCollector(msg []byte) string {
	switch {
	case hasPrefix(msg, "garbage-first heap"):
		return "g1"
	case hasPrefix(msg, "def new generation"):
		return "serial"
	case hasPrefix(msg, "PSYoungGen"):
		return "parallel"
	case hasPrefix(msg, "par new generation"):
		return "cms"
	}
	return ""
}
