package gclog

import "slices"

// Folding: the events of a chunked read summarised on the chunks' cores.
//
// Summarize adds every event of a log to one Summary, in order. When the log
// is read in chunks on several cores (chunk.go), most events would be made
// by a chunk's parser on one core and added on another, a few MB of events
// later: each event crossed between the cores' caches twice (to be read,
// then back to a parser to be reused), which cost more than adding it. So a
// chunk adds the events of its middle to a partial summary of its own, on
// its core, and gives them back to its parser at once; Reader.fold (set by
// Summarize) takes the partials, merging each onto the summary in its place
// among the events handed over whole (those near the chunk's ends, where
// neighbouring chunks meet).
//
// merge gives the summary that adding the partial's events would have
// given, exactly (TestMergeSameAsAdd, TestFoldSameAsSequential): most of a
// summary is sums, maxima and lists; what depends on the events before
// (the heap after the last collection, the last full collection, the last
// capacity, a G1 mixed phase left open) a partial summary notes for merge
// to judge, and merge thins the point lists as adding them would have.

// partialSummary returns a summary for the events of a later part of a
// log, to be merged onto the summary of those before: reuse, one merged
// already, or a new one when reuse is nil. (Reused, its lists and tables
// keep their arrays: a new partial summary for each chunk grew its lists
// anew, and the garbage made a scan of -Xlog:gc collect a hundred times.)
func partialSummary(reuse *Summary) *Summary {
	s := reuse
	if s == nil {
		s = new(Summary)
	}
	strs := s.strs.strs
	for i := range strs {
		strs[i] = strs[i][:0]
	}
	*s = Summary{FirstUptime: -1, LastUptime: -1, partial: true,
		strs:      pointStrings{strs: strs, zones: s.strs.zones[:0]},
		afterFull: s.afterFull[:0], liveSet: s.liveSet[:0],
		Health: Health{partial: true, Findings: s.Health.Findings[:0], findingSeq: s.Health.findingSeq[:0],
			head: healthHead{alloc: s.Health.head.alloc[:0]},
			// (Uptimes counted are never negative: -1 is "not set".)
			allocFrom: -1, allocTo: -1}}
	return s
}

// merge adds to s the events that p, a partial summary, summarised: those
// that follow the events s has added. p is used up (but for reuse). p
// counted the lines of the file rel from shift lines into it (a chunk's own
// numbering).
func (s *Summary) merge(p *Summary, rel string, shift int) {
	at := func(pos Pos) Pos {
		if pos.Source == rel {
			pos.Line += shift
		}
		return pos
	}
	s.Events += p.Events
	s.FullGCs += p.FullGCs
	if s.FirstUptime < 0 {
		s.FirstUptime = p.FirstUptime
	}
	if p.FirstUptime >= 0 {
		s.LastUptime = p.LastUptime
	}
	if s.FirstTime.IsZero() {
		s.FirstTime = p.FirstTime
	}
	if !p.lastTime.IsZero() {
		s.lastTime, s.lastSpan = p.lastTime, p.lastSpan
	}
	s.Health.merge(&p.Health, at)
	s.mergePoints(p, rel, shift)
}

// mergePoints adds p's points to s's lists, thinned as they are added,
// and ends or carries on the mixed phase s has open as p's first
// collections did.
func (s *Summary) mergePoints(p *Summary, rel string, shift int) {
	m := s.strs.adopter(&p.strs, rel, shift)
	s.afterFull = m.appendAll(s.afterFull, p.afterFull)
	live := p.liveSet
	if s.inMixed && p.mixedDecided {
		if p.mixedEndsAt >= 0 {
			s.liveSet = m.appendAll(s.liveSet, live[:p.mixedEndsAt])
			s.endMixed()
			live = live[p.mixedEndsAt:]
		} else {
			// p's first such collection was mixed: the phase goes on,
			// and its last collection is p's (or later).
			s.lastMixed, s.inMixed = packedPoint{}, false
		}
	}
	s.liveSet = m.appendAll(s.liveSet, live)
	if p.mixedDecided {
		s.lastMixed, s.inMixed = p.lastMixed, p.inMixed
		if p.inMixed {
			m.adopt(&s.lastMixed)
		}
	}
}

// A pointAdopter maps the points of one pointStrings table (a partial
// summary's) to another: string and zone indexes, and the line numbers of
// those of the file a chunk numbered from its start.
type pointAdopter struct {
	strs  [4][]int32
	zones []int32
	shift []int // by source index (of the table adopted)
}

// adopter returns the mapping of from's strings and zones to t's, adding
// those t lacks; the lines of points in rel are shifted by shift.
func (t *pointStrings) adopter(from *pointStrings, rel string, shift int) pointAdopter {
	t.labels() // the labels first, at their fixed indexes
	var m pointAdopter
	for kind, strs := range from.strs {
		for _, str := range strs {
			m.strs[kind] = append(m.strs[kind], t.of(kind, str))
		}
	}
	for _, loc := range from.zones {
		m.zones = append(m.zones, t.zone(loc))
	}
	for _, source := range from.strs[pointSource] {
		if source == rel {
			m.shift = append(m.shift, shift)
		} else {
			m.shift = append(m.shift, 0)
		}
	}
	return m
}

// adopt makes *q, a point of the table adopted, one of t.
func (m *pointAdopter) adopt(q *packedPoint) {
	q.line += m.shift[q.source]
	q.label, q.source = m.strs[pointLabel][q.label], m.strs[pointSource][q.source]
	q.name, q.cause = m.strs[pointName][q.name], m.strs[pointCause][q.cause]
	if q.zone >= 0 {
		q.zone = m.zones[q.zone]
	}
}

// appendAll appends pts, adopted, to list as appendBounded would one by
// one: in bulk up to maxPoints, then one (which thins the list), and on.
func (m *pointAdopter) appendAll(list, pts []packedPoint) []packedPoint {
	for len(pts) > 0 {
		n := min(len(pts), max(maxPoints-len(list), 0))
		if n == 0 {
			q := pts[0]
			m.adopt(&q)
			list = appendBounded(list, &q)
			pts = pts[1:]
			continue
		}
		at := len(list)
		list = append(list, pts[:n]...)
		for i := at; i < len(list); i++ {
			m.adopt(&list[i])
		}
		pts = pts[n:]
	}
	return list
}

// merge adds to h the events p, a partial Health, counted: those that
// follow the events h has counted.
func (h *Health) merge(p *Health, at func(Pos) Pos) {
	// What p left to judge: its first full collection and first capacity,
	// against the last ones before.
	var judged []noted
	if f := &p.head; f.full && backToBack(h.lastFullUptime, h.lastFullFreed, f.fullUptime, f.fullFreed) {
		judged = append(judged, noted{"back-to-back-full", at(f.fullAt), f.fullSeq})
	}
	if f := &p.head; f.capacity > 0 && h.lastCapacity > 0 && resized(h.lastCapacity, f.capacity) {
		judged = append(judged, noted{"heap-resized", at(f.capacityAt), f.capacitySeq})
	}
	h.mergeFindings(p, judged, at)

	h.Pauses += p.Pauses
	h.PauseTotal += p.PauseTotal
	h.PauseMax = max(h.PauseMax, p.PauseMax)
	for i, n := range p.hist.counts {
		h.hist.counts[i] += n
	}
	h.hist.n += p.hist.n
	h.promoted += p.promoted
	h.promotedKnown = h.promotedKnown || p.promotedKnown

	for _, c := range p.head.alloc {
		h.allocate(c)
	}
	if p.head.allocDone {
		// From there on, p counted as h would have.
		h.allocated += p.allocated
		if p.allocFrom >= 0 {
			h.allocFrom = p.allocFrom
		}
		if p.allocTo >= 0 {
			h.allocTo = p.allocTo
		}
		h.prevHeapAfter = p.prevHeapAfter
	}
	if p.head.full {
		h.lastFullUptime, h.lastFullFreed = p.lastFullUptime, p.lastFullFreed
	}
	if p.lastCapacity > 0 {
		h.lastCapacity = p.lastCapacity
	}
	h.seq += p.seq
}

// noted is a finding of one event, seq'th of its part.
type noted struct {
	code string
	at   Pos
	seq  int
}

// mergeFindings adds p's findings and those merge judged to h's, in the
// order of the events that first showed them, as add would have: a finding
// new to h is appended in that order, and the examples of one merge judged
// come before p's of the same code (p's of back-to-back-full and
// heap-resized all come after the events it left to merge). At the same
// event, p's come first: add judges the event's own before those that
// depend on the events before.
func (h *Health) mergeFindings(p *Health, judged []noted, at func(Pos) Pos) {
	slices.SortStableFunc(judged, func(a, b noted) int { return a.seq - b.seq })
	i := 0
	for k, f := range p.Findings {
		for ; i < len(judged) && judged[i].seq < p.findingSeq[k]; i++ {
			h.found(judged[i].code, 1, judged[i].at)
		}
		for j := range f.Examples {
			f.Examples[j] = at(f.Examples[j])
		}
		h.found(f.Code, f.Count, f.Examples...)
	}
	for ; i < len(judged); i++ {
		h.found(judged[i].code, 1, judged[i].at)
	}
}
