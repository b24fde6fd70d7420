package gclog

import (
	"bytes"
	"time"
)

// Reading one complete legacy record:
//
//	[GC (Allocation Failure) 12.3: [ParNew: 1K->2K(3K), 0.01 secs] 4K->5K(6K), 0.01 secs]
//	[Full GC (Ergonomics) [PSYoungGen: 1K->0K(2K)] [ParOldGen: 3K->2K(4K)] 4K->2K(6K), [Metaspace: 1K->1K(2K)], 0.1 secs]
//	[GC pause (G1 Evacuation Pause) (young) (initial-mark) 24M->3M(256M), 0.0123 secs]
//	[GC (CMS Final Remark) [YG occupancy: 1 K (2 K)]12.3: [Rescan (parallel) , 0.01 secs] [1 CMS-remark: 10K(20K)] 30K(40K), 0.02 secs]
//	[GC 30463K->3108K(1571712K) eden 30463K->0K survivor 0K->1152K tenured 0K->1956K, 0.128 secs]   (JDK 1.3.1)
//	[Pause Init Mark (process weakrefs), 3.341 ms]                                                    (JDK 8 Shenandoah)
//
// The record is walked once at its top level: parenthesised qualifiers give
// the cause and the kind, bracketed children the spaces, the first bare
// transition the heap, the last duration the pause.

// legacyRecState is what the walk of one record learned besides the event.
type legacyRecState struct {
	g1       bool
	young    bool // a young space was collected
	old      bool // an old or perm space was collected (a space group, not an occupancy)
	word     string
	heapSet  bool      // the heap is read: later transitions are not it
	nameFrom int       // where the record's G1 name qualifiers start in the parser's nameBuf
	t        time.Time // the last stamps seen, for a nested collection
	up       time.Duration
	nested   bool // a collection was read inside: a "[Times: ...]" after it is that one's
}

// readRecord turns a record into an event. It returns nil, true for a record
// that reports nothing (a Shenandoah "start" line) and false for one it
// cannot read.
func (p *legacyParser) readRecord(rec []byte, pos Pos) (*Event, bool) {
	return p.readRecordEnd(rec, pos, false, legacyStamps{})
}

// readRecordEnd is readRecord; balanced says that rec ends with the ']'
// closing its first '[', as appendRecord found it, which spares a walk
// matching brackets; stamps are rec's when read already.
func (p *legacyParser) readRecordEnd(rec []byte, pos Pos, balanced bool, stamps legacyStamps) (*Event, bool) {
	if !stamps.read {
		stamps.t, stamps.up, stamps.n = p.stamp(rec, p.out.loc)
	}
	t, up, n := stamps.t, stamps.up, stamps.n
	b := rec[n:]
	if len(b) == 0 || b[0] != '[' {
		return nil, false
	}
	end := len(b) - 1
	if !balanced {
		if end = legacyMatch(b, 0); end < 0 {
			end = len(b)
		}
	}
	body := b[1:end]
	if hasPrefix(body, "Class Histogram") {
		return nil, true
	}
	if hasPrefix(body, "Pause ") {
		ev := p.events.newEvent(pos.Source, pos.Line, 0)
		ev.Uptime, ev.Time = up, t
		return p.shenandoahPause(ev, body)
	}
	if legacyAsideName(body) != "" {
		// A concurrent phase whose end came on a later line.
		p.aside(rec, body, t, up, pos)
		return nil, true
	}
	label, ok := legacyRecordLabel(body)
	if !ok {
		return nil, false
	}
	var st legacyRecState
	ev := p.newRecordEvent(&label, pos, t, up, &st)
	if st.g1 {
		p.seen |= legacySeenG1
	}
	p.walk(ev, body[len(label.text):], &st)
	p.finishRecord(ev, &st)
	return ev, true
}

// legacyLabel is the name a record starts with, and what it says of the
// collection.
type legacyLabel struct {
	text  string // as printed
	kind  Kind
	g1    bool
	flags Flag
}

// legacyLabelGC is the index in legacyLabels of the label of most records,
// "GC".
const legacyLabelGC = 5

// legacyLabels are the record names.
var legacyLabels = [...]legacyLabel{
	{text: "Full GC", kind: KindFull},
	{text: "GC pause", kind: KindYoung, g1: true},
	{text: "GC remark", kind: KindRemark, g1: true},
	{text: "GC cleanup", kind: KindCleanup, g1: true},
	{text: "GC--", kind: KindYoung, flags: FlagPromotionFailed},
	{text: "GC", kind: KindYoung},
}

// legacyRecordLabel returns the label body, a record's text after its '[',
// starts with. (A switch of constant prefixes, a longer one before its
// prefixes: compared inline, where a loop over the table would call.)
func legacyRecordLabel(body []byte) (legacyLabel, bool) {
	switch {
	case hasPrefix(body, "Full GC"):
		return legacyLabels[0], true
	case !hasPrefix(body, "GC"):
		return legacyLabel{}, false
	case len(body) < 4:
		return legacyLabels[legacyLabelGC], true
	}
	// The byte after "GC " tells the longer labels apart: most records
	// are none of them ("GC (Allocation Failure)").
	switch body[2] {
	case ' ':
		switch {
		case body[3] == 'p' && hasPrefix(body, "GC pause"):
			return legacyLabels[1], true
		case body[3] == 'r' && hasPrefix(body, "GC remark"):
			return legacyLabels[2], true
		case body[3] == 'c' && hasPrefix(body, "GC cleanup"):
			return legacyLabels[3], true
		}
	case '-':
		if body[3] == '-' {
			return legacyLabels[4], true
		}
	}
	return legacyLabels[legacyLabelGC], true
}

// newRecordEvent starts the event of a record with the given label and
// stamps, and the state of its walk in st.
func (p *legacyParser) newRecordEvent(label *legacyLabel, pos Pos, t time.Time, up time.Duration, st *legacyRecState) *Event {
	// Room for the spaces a record prints (four at most, most often),
	// allocated with the event, several events at a time.
	ev := p.events.newEvent(pos.Source, pos.Line, 4)
	ev.Uptime, ev.Time = up, t
	ev.Kind, ev.Name = label.kind, label.text
	ev.Flags |= label.flags
	*st = legacyRecState{t: t, up: up, g1: label.g1, nameFrom: len(p.nameBuf)}
	return ev
}

// finishRecord completes the event of a record once its body is walked: the
// G1 name qualifiers join the name, and a young collection that collected
// the old generation too is a full one.
func (p *legacyParser) finishRecord(ev *Event, st *legacyRecState) {
	if bits := p.nameBuf[st.nameFrom:]; st.g1 && len(bits) > 0 {
		p.nameFull = append(append(p.nameFull[:0], ev.Name...), bits...)
		ev.Name = p.intern(p.nameFull)
	}
	p.nameBuf = p.nameBuf[:st.nameFrom]
	if ev.Kind == KindYoung && st.young && st.old {
		// A young collection that went on to collect the old generation in
		// the same pause: "[ParNew (promotion failed): ...][CMS: ...]",
		// "[DefNew: ...][Tenured: ...]"; or one that printed the perm or
		// metaspace change, which HotSpot prints only after a full
		// collection (its old part lost to -XX:+PrintFLSStatistics).
		ev.Kind = KindFull
	}
	if ev.Kind == KindFull && ev.Name != "Full GC" && ev.Name != "GC--" {
		ev.Name = "GC"
	}
}

// walk reads the top level of a record body after its label.
func (p *legacyParser) walk(ev *Event, body []byte, st *legacyRecState) {
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == ']' || c == ')':
			i++
		case c == '(':
			j := legacyParen(body[i:])
			p.qualifier(ev, body[i+1:i+j], st, &p.seen)
			i += j + 1
		case c == '[':
			j := legacyMatch(body, i)
			if j < 0 {
				j = len(body)
			}
			p.child(ev, body[i+1:j], st, &p.seen)
			i = j + 1
		case c >= '0' && c <= '9':
			if k := p.figure(ev, body[i:], st); k > 0 {
				i += k
			} else {
				i++
			}
		default:
			j := i
			for j < len(body) && body[j] != ' ' && body[j] != '[' && body[j] != '(' && body[j] != ',' {
				j++
			}
			if j == i {
				j++
			}
			p.word(ev, body[i:j], st, &p.seen)
			i = j
		}
	}
}

// figure reads the figure b starts with, b[0] a digit, at the top level of
// a record: a stamp (for a collection nested after it), a transition (the
// space a JDK 1.3.1 word named, else the heap if not known yet), a duration
// (the pause: the last wins) or an occupancy. It returns the bytes read, 0
// for none of these.
func (p *legacyParser) figure(ev *Event, b []byte, st *legacyRecState) int {
	// The commonest figures first, each of a form that is neither a stamp
	// nor any other figure: the heap ("1K->2K(3K)"), the pause ("0.0123
	// secs") and the uptime before a space group ("12.345: ", as p.stamp
	// reads it), told apart with their digits read once.
	switch kind, s, d, k := legacyCommonFigure(b); kind {
	case legacyFigureTransition:
		p.transition(ev, s, st)
		return k
	case legacyFigureSecs:
		ev.Pause = d
		return k
	case legacyFigureUptime:
		st.t, st.up = time.Time{}, d
		return k
	}
	// Which of a stamp, a transition and other figures this can be is
	// told on its first bytes: none is read twice.
	stamp, transition := legacyFigure(b)
	if stamp {
		if t, up, k := p.stamp(b, p.out.loc); k > 0 {
			st.t, st.up = t, up
			return k
		}
	}
	if transition {
		if s, k := scanTransition(b); k > 0 {
			p.transition(ev, s, st)
			return k
		}
	}
	if d, k := scanDuration(b); k > 0 {
		ev.Pause = d
		return k
	}
	if _, k := scanSize(b); k > 0 {
		// "30K(40K)": occupancy and capacity, as CMS marking pauses print them.
		if s, k2 := legacyOccupancy(b); k2 > 0 && !st.heapSet {
			ev.Heap, st.heapSet = s, true
			return k2
		}
		return k
	}
	return 0
}

// transition takes a transition at the top level of a record: the space a
// JDK 1.3.1 word named, else the heap if not known yet.
func (p *legacyParser) transition(ev *Event, s Sizes, st *legacyRecState) {
	switch {
	case st.word != "":
		ev.SetSpace(st.word, s)
		st.word = ""
	case !st.heapSet:
		ev.Heap, st.heapSet = s, true
	}
}

// legacyFigure tells from the first bytes of a figure, b[0] a digit, whether
// it can be a stamp (legacyStamp) and whether it can be a transition
// (scanTransition): quick tests that fail where those would. A stamp starts
// with a date ("2014-") or an uptime with a fraction and a colon ("12.3:");
// a transition's first size ("12", "1.5", "12K") is followed by "->" or by a
// capacity or percentage in parentheses.
func legacyFigure(b []byte) (stamp, transition bool) {
	d := legacySkipDigits(b, 0)
	if d == len(b) {
		return false, false
	}
	i := d
	if b[d] == '.' || b[d] == ',' {
		f := legacySkipDigits(b, d+1)
		stamp = f < len(b) && b[f] == ':'
		if f > d+1 {
			i = f
		}
	}
	stamp = stamp || (d == 4 && b[d] == '-')
	if i < len(b) {
		switch b[i] {
		case 'B', 'K', 'k', 'M', 'm', 'G', 'g', 'T', 't':
			i++
		}
	}
	transition = i < len(b) && (b[i] == '(' || hasPrefix(b[i:], "->"))
	return stamp, transition
}

// legacyParen returns the index of the ')' closing the '(' at b[0], or
// len(b) when it is missing: "(System.gc())".
func legacyParen(b []byte) int {
	// The commonest, a qualifier with no parenthesis inside ("(Allocation
	// Failure)"), told by two vectorised searches.
	if len(b) > 0 && b[0] == '(' {
		if j := bytes.IndexByte(b, ')'); j > 0 && bytes.IndexByte(b[1:j], '(') < 0 {
			return j
		}
	}
	d := 0
	for i, c := range b {
		switch c {
		case '(':
			d++
		case ')':
			if d--; d == 0 {
				return i
			}
		}
	}
	return len(b)
}

// legacyOccupancy reads "30K(40K)" as sizes with no change.
func legacyOccupancy(b []byte) (Sizes, int) {
	v, k := scanSize(b)
	if k == 0 || k >= len(b) || b[k] != '(' {
		return NoSizes, 0
	}
	c, k2 := scanSize(b[k+1:])
	if k2 == 0 || k+1+k2 >= len(b) || b[k+1+k2] != ')' {
		return NoSizes, 0
	}
	return Sizes{Before: v, After: v, Capacity: c}, k + k2 + 2
}

// word handles a bare word in a record: JDK 1.3.1 space names, flags.
// The collectors it names go to seen.
func (p *legacyParser) word(ev *Event, w []byte, st *legacyRecState, seen *legacySeen) {
	switch string(w) {
	case "eden":
		st.word = SpaceEden
		*seen |= legacySeenDefNew // JDK 1.3.1 breakdown: the serial collector
	case "survivor":
		st.word = SpaceSurvivor
	case "tenured":
		st.word = SpaceOld
	case "new":
		st.word = SpaceYoung
	case "permanent":
		st.word = SpacePerm
	case "<permanent":
		ev.Flags |= FlagMetaspace
	}
}

// legacyMarkGen notes which generations a record's space groups show
// collected.
func legacyMarkGen(name string, st *legacyRecState) {
	switch name {
	case SpaceYoung:
		st.young = true
	case SpaceOld, SpacePerm, SpaceMetaspace:
		st.old = true
	}
}

// qualifier handles a "(...)" at the top level of a record.
// The collectors it names go to seen. It reports whether q is plain text
// (legacyPlainText), as wholeRecord needs.
func (p *legacyParser) qualifier(ev *Event, q []byte, st *legacyRecState, seen *legacySeen) (plain bool) {
	// Most records have the cause of the one before, a qualifier none of
	// the cases below names (cause reads no other): compared first.
	if c := p.lastCause; string(q) == c.name && c.name != "" {
		p.setCause(ev, c)
		return c.plain
	}
	switch string(q) {
	case "young", "initial-mark", "partial", "mixed":
		if string(q) == "partial" || string(q) == "mixed" {
			ev.Kind = KindMixed
		}
		if st.g1 {
			p.nameBuf = append(append(append(p.nameBuf, " ("...), q...), ')')
		}
		return true
	case "to-space exhausted", "to-space overflow":
		ev.Flags |= FlagToSpaceExhausted
		return true
	case "CMS Initial Mark":
		ev.Kind, ev.Name = KindInitialMark, "CMS-initial-mark"
		*seen |= legacySeenCMS
		return true
	case "CMS Final Remark":
		ev.Kind, ev.Name = KindRemark, "CMS-remark"
		*seen |= legacySeenCMS
		return true
	case "promotion failed":
		ev.Flags |= FlagPromotionFailed
		return true
	case "concurrent mode failure", "concurrent mode interrupted":
		ev.Flags |= FlagConcurrentModeFailure
		return true
	case "System":
		ev.Cause = "System.gc()"
		ev.Flags |= FlagSystemGC
		return true
	}
	c := p.cause(q)
	p.setCause(ev, c)
	return c.plain
}

// legacyQualifierNamed reports whether q is a qualifier that qualifier
// reads by its name, not as a cause.
func legacyQualifierNamed(q []byte) bool {
	switch string(q) {
	case "young", "initial-mark", "partial", "mixed", "to-space exhausted", "to-space overflow", "CMS Initial Mark",
		"CMS Final Remark", "promotion failed", "concurrent mode failure", "concurrent mode interrupted", "System":
		return true
	}
	return false
}

// setCause gives ev the cause c, unless it has one, and its flags.
func (p *legacyParser) setCause(ev *Event, c legacyCause) {
	if ev.Cause == "" {
		ev.Cause = c.name
	}
	ev.Flags |= c.flags
}

// legacyCause is a cause as a record prints it, with the flags it implies.
type legacyCause struct {
	name      string
	flags     Flag
	plain     bool // legacyPlainText
	noH       bool // no 'H': none of the "Heap" texts parse looks for
	parenFree bool // no '(' or ')' in the name: it ends at the first ')' after it
}

// cause returns q as a cause, read once per distinct cause: causes repeat on
// every event.
func (p *legacyParser) cause(q []byte) legacyCause {
	// Most records have the cause of the one before: compared, not hashed.
	if string(q) == p.lastCause.name && p.lastCause.name != "" {
		return p.lastCause
	}
	if c, ok := p.causes[string(q)]; ok {
		p.lastCause = c
		return c
	}
	c := legacyCause{p.intern(q), legacyCauseFlags(q), legacyPlainText(q), bytes.IndexByte(q, '(') < 0 && bytes.IndexByte(q, ')') < 0, bytes.IndexByte(q, 'H') < 0}
	if p.causes == nil {
		p.causes = map[string]legacyCause{}
	}
	if len(p.causes) < 1024 {
		p.causes[c.name] = c
	}
	p.lastCause = c
	return c
}

// lastCauseAt tells the commonest qualifier of a record wholeRecord reads,
// the cause read last, at b, which starts with its '(': "(Allocation
// Failure)". When b holds that cause, plain text with no parenthesis
// inside, it returns what legacyParen would, the index of the ')' after
// it, and gives ev the cause as qualifier would; else 0, having done
// nothing. (One compare where legacyParen and qualifier would search for
// the parentheses and then compare.)
func (p *legacyParser) lastCauseAt(ev *Event, b []byte) int {
	c := p.lastCause
	j := 1 + len(c.name)
	if c.name == "" || !c.parenFree || !c.plain || j >= len(b) || b[j] != ')' || !hasPrefix(b[1:], c.name) {
		return 0
	}
	p.setCause(ev, c)
	return j
}

// legacyCauseFlags maps a cause to the flags it implies.
func legacyCauseFlags(c []byte) Flag {
	switch {
	case indexOf(c, "System.gc") >= 0:
		return FlagSystemGC
	case indexOf(c, "Humongous") >= 0:
		return FlagHumongous
	case indexOf(c, "Metadata GC Threshold") >= 0, indexOf(c, "Last ditch") >= 0, indexOf(c, "Permanent Generation Full") >= 0:
		return FlagMetaspace
	case indexOf(c, "GCLocker") >= 0:
		return FlagGCLocker
	}
	return 0
}

// child handles a bracketed group inside a record.
// The collectors it names go to seen.
func (p *legacyParser) child(ev *Event, c []byte, st *legacyRecState, seen *legacySeen) {
	switch {
	case hasPrefix(c, "GC"):
		// A collection inside another: -XX:+CMSScavengeBeforeRemark prints
		// the young collection inside the remark record. It is reported as
		// its own young event (the remark's pause includes it), as peers do.
		// G1's "[GC ref-proc, ...]" carries nothing.
		if indexOf(c, "->") > 0 && len(p.nested) < 4 {
			rec := append(append([]byte{'['}, c...), ']')
			if sub, ok := p.readRecord(rec, Pos{ev.Source, ev.Line}); ok && sub != nil {
				sub.Uptime, sub.Time = st.up, st.t
				if sub.Kind == KindRemark {
					// JDK 8 labels it "GC (CMS Final Remark)" too.
					sub.Kind, sub.Name = KindYoung, "GC"
				}
				p.nested = append(p.nested, sub)
				st.nested = true
			}
		}
		return
	case hasPrefix(c, "Times:"):
		if ev.Pause == 0 && !st.nested {
			ev.Pause = legacyTimesReal(c)
		}
		return
	case hasPrefix(c, "YG occupancy"):
		ev.Kind, ev.Name = KindRemark, "CMS-remark"
		*seen |= legacySeenCMS
		return
	}
	if indexOf(c, "CMS-") >= 0 { // one search for most groups
		switch {
		case indexOf(c, "CMS-initial-mark") >= 0:
			ev.Kind, ev.Name = KindInitialMark, "CMS-initial-mark"
			*seen |= legacySeenCMS
			p.occupancy(ev, c, SpaceOld)
			return
		case indexOf(c, "CMS-remark") >= 0:
			ev.Kind, ev.Name = KindRemark, "CMS-remark"
			*seen |= legacySeenCMS
			p.occupancy(ev, c, SpaceOld)
			return
		}
	}
	if hasPrefix(c, "Eden:") {
		legacyG1Eden(ev, c)
		return
	}
	legacySpaceGroup(ev, c, seen, st)
}

// occupancy reads "1 CMS-remark: 10K(20K)" into a space with no change.
func (p *legacyParser) occupancy(ev *Event, c []byte, name string) {
	i := bytes.IndexByte(c, ':')
	if i < 0 {
		return
	}
	d := bytes.TrimLeft(c[i+1:], " ")
	if s, k := legacyOccupancy(d); k > 0 {
		ev.SetSpace(name, s)
	}
}

// legacySpaceName maps the name a legacy log gives a space to the canonical
// one, and the collector it reveals; "" when it names no space.
func legacySpaceName(name []byte) (string, legacySeen) {
	switch string(name) {
	case "DefNew":
		return SpaceYoung, legacySeenDefNew
	case "ParNew", "ASParNew":
		return SpaceYoung, legacySeenParNew
	case "PSYoungGen":
		return SpaceYoung, legacySeenPS
	case "Tenured":
		return SpaceOld, legacySeenTenured
	case "CMS", "ASCMS":
		return SpaceOld, legacySeenCMS
	case "PSOldGen", "ParOldGen":
		return SpaceOld, legacySeenPS
	case "Perm":
		return SpacePerm, 0
	case "CMS Perm":
		return SpacePerm, legacySeenCMS
	case "PSPermGen":
		return SpacePerm, legacySeenPS
	case "Metaspace":
		return SpaceMetaspace, 0
	}
	return "", 0
}

// legacyStampByte reports whether c can be part of the stamps printed before
// a nested group: "ParNew2014-07-24T12:00:00.123+0200: 12.3".
func legacyStampByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == ',' || c == ':' || c == '-' || c == '+' || c == 'T' || c == ' ' || c == '#'
}

// legacySpaceGroup reads "ParNew (promotion failed): 1K->2K(3K), 0.01 secs"
// into a space of ev. Groups that carry no transition are ignored.
func legacySpaceGroup(ev *Event, c []byte, seen *legacySeen, st *legacyRecState) {
	colon := legacyNameEnd(c)
	if colon < 0 {
		// A group cut short with the record: "[CMS" when the log lost the
		// rest. It still shows the generation was being collected.
		if space, sseen := legacySpaceName(bytes.TrimSpace(c)); space != "" && st != nil {
			*seen |= sseen
			legacyMarkGen(space, st)
		}
		return
	}
	name := bytes.TrimSpace(c[:colon])
	for len(name) > 0 && legacyStampByte(name[len(name)-1]) {
		name = name[:len(name)-1] // "ParNew2014-...: 12.3" before a nested group
	}
	data := c[colon+1:]
	for {
		i := bytes.LastIndexByte(name, '(')
		if i < 0 || !hasSuffix(name, ")") {
			break
		}
		q := name[i+1 : len(name)-1]
		switch string(q) {
		case "promotion failed":
			ev.Flags |= FlagPromotionFailed
		case "concurrent mode failure", "concurrent mode interrupted":
			ev.Flags |= FlagConcurrentModeFailure
		}
		name = bytes.TrimSpace(name[:i])
	}
	if bytes.IndexByte(data, 'f') >= 0 && indexOf(data, "concurrent mode failure") >= 0 {
		ev.Flags |= FlagConcurrentModeFailure
	}
	space, sseen := legacySpaceName(name)
	if space == "" {
		return
	}
	*seen |= sseen
	if st != nil {
		legacyMarkGen(space, st)
	}
	// The transition, after optional stamps and nested groups
	// (-XX:+PrintReferenceGC "[SoftReference, 4 refs, 0.0000260 secs]").
	for i := 0; i < len(data); i++ {
		if data[i] == '[' {
			if m := legacyMatch(data, i); m > 0 {
				i = m
				continue
			}
			return
		}
		if data[i] < '0' || data[i] > '9' {
			continue
		}
		if _, _, k := legacyStamp(data[i:], nil); k > 0 {
			i += k - 1
			continue
		}
		s, k := legacyTransition(data[i:])
		if k == 0 {
			return
		}
		ev.SetSpace(space, s)
		return
	}
}

// legacyNameEnd finds the ':' that ends a group's name, outside parentheses
// ("ParNew (0: promotion failure size = 200)  (promotion failed):") and
// nested groups ("ParNew12.3: [SoftReference, ...]...: 1K->2K(3K)" has the
// name "ParNew12.3").
func legacyNameEnd(c []byte) int {
	paren := 0
	for i, ch := range c {
		switch ch {
		case '(':
			paren++
		case ')':
			paren--
		case '[':
			if paren == 0 {
				return i
			}
		case ':':
			if paren == 0 {
				return i
			}
		}
	}
	return -1
}

// legacyG1Eden reads G1's "Eden: 24.0M(24.0M)->0.0B(20.0M) Survivors: 0.0B->3072.0K
// Heap: 24.0M(256.0M)->3.3M(256.0M)" (capacity before the arrow as well).
func legacyG1Eden(ev *Event, c []byte) {
	if s, ok := legacyG1Field(c, "Eden: "); ok {
		ev.SetSpace(SpaceEden, s)
	}
	if s, ok := legacyG1Field(c, "Survivors: "); ok {
		ev.SetSpace(SpaceSurvivor, s)
	}
	if s, ok := legacyG1Field(c, "Heap: "); ok {
		ev.Heap = s
	}
	if i := indexOf(c, "Metaspace: "); i >= 0 {
		legacySpaceGroup(ev, c[i:], new(legacySeen), nil)
	}
}

func legacyG1Field(c []byte, key string) (Sizes, bool) {
	i := 0 // "Eden: " starts the group
	if !hasPrefix(c, key) {
		i = indexOf(c, key)
	}
	if i < 0 {
		return NoSizes, false
	}
	s, k := scanTransition(c[i+len(key):])
	return s, k > 0
}

// legacyG1Old derives G1's old generation (with humongous regions) from the
// heap, eden and survivor sizes, which is all legacy G1 logs print.
func legacyG1Old(ev *Event) {
	e, ok1 := ev.Space(SpaceEden)
	if !ok1 {
		return // not G1: told first, on the first space
	}
	s, ok2 := ev.Space(SpaceSurvivor)
	if _, ok := ev.Space(SpaceOld); ok || !ok2 || !ev.Heap.Known() || ev.Heap.Before == Unknown {
		return
	}
	if e.Before == Unknown || e.After == Unknown || s.Before == Unknown || s.After == Unknown {
		return
	}
	old := Sizes{Before: ev.Heap.Before - e.Before - s.Before, After: ev.Heap.After - e.After - s.After, Capacity: Unknown}
	if old.Before < 0 || old.After < 0 {
		return
	}
	ev.SetSpace(SpaceOld, old)
}

// shenandoahPause reads a JDK 8 Shenandoah pause: "Pause Init Mark (process
// weakrefs), 3.341 ms", "Pause Full 1589M->1002M(1690M), 4077.274 ms".
func (p *legacyParser) shenandoahPause(ev *Event, body []byte) (*Event, bool) {
	p.seen, p.shenandoah = p.seen|legacySeenShenandoah, true
	c := bytes.LastIndexByte(body, ',')
	if c < 0 {
		return nil, false
	}
	tail := bytes.TrimSpace(body[c+1:])
	if hasPrefix(tail, "start") {
		return nil, true
	}
	d, k := scanDuration(tail)
	if k == 0 {
		return nil, false
	}
	ev.Pause = d
	name := bytes.TrimSpace(body[:c])
	if a := indexOf(name, "->"); a > 0 {
		sp := bytes.LastIndexByte(name[:a], ' ')
		if s, k := scanTransition(name[sp+1:]); k > 0 {
			ev.Heap = s
			name = bytes.TrimSpace(name[:sp])
		}
	}
	ev.Name = p.intern(name)
	switch {
	case hasPrefix(name, "Pause Full"):
		ev.Kind = KindFull
	case hasPrefix(name, "Pause Degenerated"):
		ev.Kind = KindDegenerated
	case hasPrefix(name, "Pause Init Mark"):
		ev.Kind = KindInitialMark
	case hasPrefix(name, "Pause Final Mark"):
		ev.Kind = KindRemark
	default:
		ev.Kind = KindCleanup
	}
	if indexOf(name, "System.gc") >= 0 {
		ev.Flags |= FlagSystemGC
		ev.Cause = "System.gc()"
	}
	return ev, true
}

// Figures in their commonest forms, read in one pass. Each returns 0 bytes
// for any text not of its form, which the general scanners (numbers.go) then
// read; what it does read, it reads as they would (checked by
// TestLegacyFiguresSameAsGeneral and FuzzLegacyFigures).

// legacyTransition is scanTransition, reading whole sizes with a unit,
// "218496K->25704K(245760K)", in one pass.
func legacyTransition(b []byte) (Sizes, int) {
	if s, k := legacyWholeTransition(b); k > 0 {
		return s, k
	}
	return scanTransition(b)
}

// legacyWholeTransition reads "218496K->25704K(245760K)" or "1K->2K":
// whole sizes, each with a unit, the capacity optional. It returns 0 bytes
// for any other text (a fraction, a percentage, a capacity before the
// arrow).
func legacyWholeTransition(b []byte) (Sizes, int) {
	if s, k := legacyKiloTransition(b); k > 0 {
		return s, k
	}
	v, end := legacyDigits(b, 0)
	return legacyWholeTransitionFrom(b, v, end)
}

// legacyKiloTransition reads the commonest transition, sizes in K of 1 to 7
// digits, "379646K->46711K(613440K)" or "1K->2K", as legacyWholeTransition
// does, with no call: each size is read as one word (legacyWordDigits), the
// unit is told on one byte. It returns 0 bytes for any other text, and
// where the line ends less than 8 bytes after a size.
func legacyKiloTransition(b []byte) (Sizes, int) {
	before, n := legacyWordDigits(b)
	i := n + 3 // after "->"
	if n == 0 || n == 8 || i >= len(b) || b[n] != 'K' || b[n+1] != '-' || b[n+2] != '>' {
		return NoSizes, 0
	}
	after, n := legacyWordDigits(b[i:])
	j := i + n + 1 // after the unit
	if n == 0 || n == 8 || b[j-1] != 'K' {
		return NoSizes, 0
	}
	if j == len(b) || b[j] != '(' {
		return Sizes{Before: before << 10, After: after << 10, Capacity: Unknown}, j
	}
	capacity, n := legacyWordDigits(b[j+1:])
	k := j + 1 + n // the unit
	if n == 0 || n == 8 || k+1 >= len(b) || b[k] != 'K' || b[k+1] != ')' {
		return NoSizes, 0
	}
	return Sizes{Before: before << 10, After: after << 10, Capacity: capacity << 10}, k + 2
}

// legacyWholeTransitionFrom is legacyWholeTransition with the digits b
// starts with read already: their value v and the index end after them.
func legacyWholeTransitionFrom(b []byte, v int64, end int) (Sizes, int) {
	before, i := legacySizeUnit(b, 0, v, end)
	if i < 0 || i+2 >= len(b) || b[i] != '-' || b[i+1] != '>' {
		return NoSizes, 0
	}
	after, j := legacyWholeSize(b, i+2)
	if j < 0 {
		return NoSizes, 0
	}
	if j == len(b) || b[j] != '(' {
		return Sizes{Before: before, After: after, Capacity: Unknown}, j
	}
	capacity, k := legacyWholeSize(b, j+1)
	if k < 0 || k == len(b) || b[k] != ')' {
		return NoSizes, 0 // scanTransition would look for a percentage
	}
	return Sizes{Before: before, After: after, Capacity: capacity}, k + 1
}

// legacyWholeSize reads the size at b[i:] as scanSize does when it is a
// whole number of at most 15 digits followed by a unit letter (B, K, M or
// G): the bytes and the index after the unit, or -1 for any other text.
func legacyWholeSize(b []byte, i int) (int64, int) {
	v, n := legacyWordDigits(b[i:]) // legacyDigits, inlined
	end := i + n
	if n == 0 || n == 8 {
		v, end = legacyDigitsLong(b, i)
	}
	return legacySizeUnit(b, i, v, end)
}

// legacySizeUnit is legacyWholeSize with the digits at b[i:] read already:
// their value v and the index end after them.
func legacySizeUnit(b []byte, i int, v int64, end int) (int64, int) {
	if end == i || end == len(b) || end-i > 15 {
		return 0, -1
	}
	var shift uint
	switch b[end] {
	case 'B':
	case 'K', 'k':
		shift = 10
	case 'M', 'm':
		shift = 20
	case 'G', 'g':
		shift = 30
	default:
		return 0, -1
	}
	if v > (1<<62)>>shift {
		return 0, -1 // scanSize fails it
	}
	return v << shift, end + 1
}

// legacyDuration is scanDuration, reading the commonest duration, seconds
// with a fraction, "0.0145305 secs", in one pass.
func legacyDuration(b []byte) (time.Duration, int) {
	if d, k := legacySecs(b); k > 0 {
		return d, k
	}
	return scanDuration(b)
}

// legacySecs reads "0.0145305 secs": 1 to 9 digits, a '.', 1 to 9 digits, a
// space and "secs". It returns 0 bytes for any other text.
func legacySecs(b []byte) (time.Duration, int) {
	whole, i := int64(0), 1
	if len(b) < 2 || b[0] != '0' || b[1] != '.' { // most durations are under a second: no call for them
		whole, i = legacyLeadDigits(b)
	}
	if i == 0 || i > 9 || i+1 >= len(b) || b[i] != '.' {
		return 0, 0
	}
	frac, digits := legacyWordDigits(b[i+1:]) // legacyDigits, inlined
	if digits == 0 || digits == 8 {
		var j int
		frac, j = legacyDigitsLong(b, i+1)
		digits = j - i - 1
	}
	j := i + 1 + digits
	if digits == 0 || digits > 9 || !hasPrefix(b[j:], " secs") {
		return 0, 0
	}
	return time.Duration(whole*1e9 + frac*pow10[9-digits]), j + 5
}

// legacyFigureKind is what legacyCommonFigure read.
type legacyFigureKind uint8

const (
	legacyFigureNone       legacyFigureKind = iota
	legacyFigureTransition                  // legacyWholeTransition's
	legacyFigureSecs                        // legacySecs's
	legacyFigureUptime                      // legacyUptimeStamp's
)

// legacyCommonFigure reads the commonest figures of a record, b[0] a digit:
// a transition of whole sizes ("1K->2K(3K)"), a duration in seconds ("0.0123
// secs") and an uptime stamp ("12.345: ", with the GC id that may follow),
// as legacyWholeTransition, legacySecs and legacyUptimeStamp read them. Those
// would each read the digits b starts with again, failing on the others'
// forms; here they are read once and the byte after them tells which form
// can follow: a unit for a size, a '.' or ',' for a fraction. It returns the
// sizes of a transition, the duration of the others, and the bytes used;
// legacyFigureNone and 0 bytes for any other text.
func legacyCommonFigure(b []byte) (kind legacyFigureKind, s Sizes, d time.Duration, k int) {
	whole, i := legacyLeadDigits(b)
	if i == 0 || i == len(b) {
		return legacyFigureNone, NoSizes, 0, 0
	}
	if c := b[i]; c != '.' && c != ',' {
		if s, k := legacyWholeTransitionFrom(b, whole, i); k > 0 {
			return legacyFigureTransition, s, 0, k
		}
		return legacyFigureNone, NoSizes, 0, 0
	}
	// A fraction of 1 to 9 digits after 1 to 9 whole ones: seconds
	// ("0.0123 secs", a '.' only) or an uptime ("12.345:").
	frac, j := legacyDigits(b, i+1)
	digits := j - i - 1
	if i > 9 || digits == 0 || digits > 9 || j == len(b) {
		return legacyFigureNone, NoSizes, 0, 0
	}
	v := time.Duration(whole*1e9 + frac*pow10[9-digits])
	switch {
	case b[j] == ' ' && b[i] == '.' && hasPrefix(b[j:], " secs"):
		return legacyFigureSecs, NoSizes, v, j + 5
	case b[j] == ':' && !(len(b) >= 19 && b[4] == '-'):
		// legacyUptimeStamp leaves what could be a date to legacyStamp.
		k = j + 1
		if k < len(b) && b[k] == ' ' {
			k++
		}
		return legacyFigureUptime, NoSizes, v, legacySkipGCID(b, k)
	}
	return legacyFigureNone, NoSizes, 0, 0
}
