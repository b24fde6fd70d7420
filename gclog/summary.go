package gclog

import (
	"strings"
	"time"
)

// Summary is what scan reports of one JVM: counts, the time span, and the
// points after full collection on which the verdict rests. It is built one
// event at a time (Add; a chunked read under Summarize merges partial
// summaries of its chunks' events instead, fold.go), so a log of any length
// is summarised in one pass; it keeps only the points that show the live
// set, at most maxPoints of each kind (older ones thinned to their floor).
type Summary struct {
	Sources []string // the files read, in read order
	Info    Info     // what the log said about the JVM

	Events  int // every event: pauses, collections, concurrent phases
	FullGCs int // stop-the-world full collections (Kind full)

	// The span of the log, from the first to the last event; Unknown/zero
	// parts where the log has no such time stamps. LastTime is set by
	// Finish.
	FirstUptime, LastUptime time.Duration
	FirstTime, LastTime     time.Time

	// AfterFull lists the heap after each full collection, in log order
	// (from Finish on).
	AfterFull []Point
	// LiveSet lists the points that show what survives collection of the
	// old generation, per collector (see livePoint): the verdict's signal.
	// It holds AfterFull's points and, for the concurrent collectors, the
	// points after their cycles (from Finish on).
	LiveSet []Point

	Verdict Verdict
	Health  Health

	// While the log is read, the points are kept packed (points.go):
	// Finish unpacks afterFull and liveSet into AfterFull and LiveSet.
	strs               pointStrings
	afterFull, liveSet []packedPoint
	// G1: the last mixed collection of the current mixed phase, if inMixed.
	// (A value, not a pointer: one was allocated per mixed collection.)
	lastMixed packedPoint
	inMixed   bool
	// The time of the last event with one, and its pause and duration.
	lastTime time.Time
	lastSpan time.Duration

	// A partial summary is that of a later part of the log, to be merged
	// onto the summary of the events before (fold.go): its point lists are
	// not thinned, and it notes how its first collections bear on a mixed
	// phase left open before it: mixedDecided is set by its first young or
	// full collection, or mixed one with a point; mixedEndsAt is then the
	// length of liveSet when that collection ended an open phase, or -1 if
	// it was a mixed one, whose point is the phase's last so far.
	partial      bool
	mixedDecided bool
	mixedEndsAt  int
}

// Point is the memory left after one full collection, traceable to its line.
type Point struct {
	// Label names the point in the classic form "[Full 1397073K->116835K(1398144K)]":
	// "Full", "Degenerated", "Mixed end", "Cleanup", "ZGC cycle", "Major", "Cycle".
	Label        string
	Pos          Pos
	Uptime       time.Duration // -1 when the log has none
	Time         time.Time     // zero when the log has none
	Name         string        // the collection's name, e.g. "Pause Full"
	Cause        string
	Heap         Sizes
	Old          Sizes // NoSizes when the log does not report the old generation
	PauseSeconds float64
	// Live is the value judged: the heap after collection, or where the
	// collector measures it, the live size (ZGC's live bytes at mark end,
	// generational ZGC's old generation live size).
	Live int64

	// folded counts the collections thinned into this point besides its
	// own (appendBounded): a verdict says how many collections it judged.
	folded int
}

// collections is how many collections pts stand for, thinned ones included.
func collections(pts []Point) int {
	n := len(pts)
	for _, p := range pts {
		n += p.folded
	}
	return n
}

// Trim keeps the last n points of each list and of the verdict, copied, and
// lets the rest go: for outputs that show only the last few, where many
// JVMs' full lists would take hundreds of MB.
func (s *Summary) Trim(n int) {
	last := func(pts []Point) []Point { return append([]Point(nil), pts[max(len(pts)-n, 0):]...) }
	s.AfterFull, s.LiveSet, s.Verdict.Points = last(s.AfterFull), last(s.LiveSet), last(s.Verdict.Points)
	s.lastMixed, s.inMixed = packedPoint{}, false
}

// NewSummary starts the summary of one JVM.
func NewSummary(sources []string) *Summary {
	return &Summary{Sources: sources, FirstUptime: -1, LastUptime: -1}
}

// Add counts one event.
func (s *Summary) Add(e *Event) {
	s.Events++
	s.Health.add(e)
	if e.Uptime >= 0 {
		if s.FirstUptime < 0 {
			s.FirstUptime = e.Uptime
		}
		s.LastUptime = e.Uptime + e.Pause + e.Duration
	}
	if !e.Time.IsZero() {
		if s.FirstTime.IsZero() {
			s.FirstTime = e.Time
		}
		// LastTime is this plus the span, worked out once by Finish: a
		// time.Time.Add an event cost 2% of a scan of -Xlog:gc.
		s.lastTime, s.lastSpan = e.Time, e.Pause+e.Duration
	}
	if e.IsFull() {
		s.FullGCs++ // (its point, in afterFull and liveSet: livePoint)
	}
	s.livePoint(e)
}

// livePoint adds the event to LiveSet when it shows what survives collection
// of the old generation. Per collector:
//   - every collector: full collections (Serial, Parallel, CMS and G1 Full GC,
//     Shenandoah Pause Full, OpenJ9 global) and Shenandoah degenerated GCs;
//   - G1: the last mixed collection of each mixed phase (the old regions
//     worth collecting have just been collected), and the Cleanup pause that
//     ends marking (fully empty regions freed);
//   - ZGC: each cycle, judged on the live bytes measured at mark end when
//     the log has the heap table (the heap after a cycle also holds what was
//     allocated during it);
//   - generational ZGC: each major collection, judged on the old
//     generation's live size;
//   - Shenandoah: each cycle's cleanup; in generational mode only old and
//     global cycles;
//   - CMS (unified logging): the old generation after each concurrent cycle.
func (s *Summary) livePoint(e *Event) {
	if e.Kind == KindYoung || e.Kind == KindFull {
		if s.partial && !s.mixedDecided {
			s.mixedDecided, s.mixedEndsAt = true, len(s.liveSet)
		}
		if s.inMixed {
			s.endMixed() // its last collection is the point
		}
	}
	// The names of three cases below start with G, M or C: the first byte
	// is compared before the prefix, which spares most events (Pause
	// Young...) three calls of memequal (~20 instructions each).
	var first byte
	if e.Name != "" {
		first = e.Name[0]
	}
	var label int32
	switch {
	case e.Kind == KindFull:
		var q packedPoint
		if s.strs.eventPoint(&q, labelFull, e) {
			s.afterFull = s.appendPoint(s.afterFull, &q)
			s.liveSet = s.appendPoint(s.liveSet, &q)
		}
		return
	case e.Kind == KindDegenerated:
		label = labelDegenerated
	case e.Kind == KindMixed:
		var q packedPoint
		if s.strs.eventPoint(&q, labelMixedEnd, e) {
			if s.partial && !s.mixedDecided {
				s.mixedDecided, s.mixedEndsAt = true, -1
			}
			s.lastMixed, s.inMixed = q, true
		}
		return
	case e.Kind == KindCleanup && strings.HasPrefix(e.Name, "Pause Cleanup"):
		label = labelCleanup
	case first == 'G' && strings.HasPrefix(e.Name, "Garbage Collection"):
		label = labelZGCCycle
	case first == 'M' && strings.HasPrefix(e.Name, "Major Collection"):
		label = labelMajor
	case first == 'C' && strings.HasPrefix(e.Name, "Concurrent cleanup") && e.Generation != "young":
		label = labelCycle
	case e.Kind == KindConcurrent && e.Heap.After == Unknown:
		if old, ok := e.Space(SpaceOld); ok && old.After != Unknown {
			// CMS: "Old: 142662K->92308K(174784K)" after the cycle.
			p, _ := newPoint(pointLabelNames[labelCMSCycle], e)
			p.Old, p.Heap, p.Live = old, old, old.After
			q := s.strs.pack(p)
			s.liveSet = s.appendPoint(s.liveSet, &q)
		}
		return
	default:
		return
	}
	var q packedPoint
	if s.strs.eventPoint(&q, label, e) {
		s.liveSet = s.appendPoint(s.liveSet, &q)
	}
}

// endMixed adds the last collection of the mixed phase that ended to
// liveSet.
func (s *Summary) endMixed() {
	s.liveSet = s.appendPoint(s.liveSet, &s.lastMixed)
	s.lastMixed, s.inMixed = packedPoint{}, false
}

// appendPoint is appendBounded, but for a partial summary, whose points
// are thinned once merged (merge).
func (s *Summary) appendPoint(pts []packedPoint, q *packedPoint) []packedPoint {
	if s.partial {
		return append(pts, *q)
	}
	return appendBounded(pts, q)
}

// newPoint makes the point of an event whose heap after is known. (Add
// makes them packed, eventPoint, but for CMS's cycles.)
func newPoint(label string, e *Event) (Point, bool) {
	old, ok := e.Space(SpaceOld)
	if !ok {
		old = NoSizes
	}
	p := Point{
		Label: label, Pos: Pos{Source: e.Source, Line: e.Line}, Uptime: e.Uptime, Time: e.Time,
		Name: e.Name, Cause: e.Cause, Heap: e.Heap, Old: old, PauseSeconds: e.Pause.Seconds(), Live: e.Heap.After,
	}
	if e.Duration > 0 {
		// A concurrent cycle's state is that at its end.
		if p.Uptime >= 0 {
			p.Uptime += e.Duration
		}
		if !p.Time.IsZero() {
			p.Time = p.Time.Add(e.Duration)
		}
	}
	switch label {
	case "ZGC cycle":
		if live, ok := e.Space("live"); ok && live.After != Unknown {
			p.Live = live.After
		}
	case "Major":
		if live, ok := e.Space(SpaceOld + "-live"); ok && live.After != Unknown {
			p.Live = live.After
		}
	}
	return p, p.Live != Unknown
}

// eventPoint sets *q to t.pack(p) and returns ok, where p, ok is
// newPoint(pointLabelNames[label], e), without the Point between: a Point
// is 200 bytes, built, copied and read again, for a quarter of the events
// of a G1 -Xlog:gc log (TestEventPoint compares the two ways). (q is a
// pointer, as in appendBounded: a packedPoint returned was copied once
// more.)
func (t *pointStrings) eventPoint(q *packedPoint, label int32, e *Event) bool {
	t.labels()
	*q = packedPoint{
		label: label, zone: -1, line: e.Line, uptime: e.Uptime, heap: e.Heap, old: NoSizes,
		pauseSeconds: e.Pause.Seconds(), live: e.Heap.After,
	}
	q.source, q.name, q.cause = t.strings(label, e.Source, e.Name, e.Cause)
	if old, ok := e.Space(SpaceOld); ok {
		q.old = old
	}
	tm := e.Time
	if e.Duration > 0 {
		// A concurrent cycle's state is that at its end.
		if q.uptime >= 0 {
			q.uptime += e.Duration
		}
		if !tm.IsZero() {
			tm = tm.Add(e.Duration)
		}
	}
	if !tm.IsZero() {
		q.zone, q.seconds, q.nanos = t.zone(tm.Location()), tm.Unix(), int32(tm.Nanosecond())
	}
	switch label {
	case labelZGCCycle:
		if live, ok := e.Space("live"); ok && live.After != Unknown {
			q.live = live.After
		}
	case labelMajor:
		if live, ok := e.Space(SpaceOld + "-live"); ok && live.After != Unknown {
			q.live = live.After
		}
	}
	return q.live != Unknown
}

// Finish records the reader's Info, sets AfterFull and LiveSet, and
// computes the verdict.
func (s *Summary) Finish(info *Info, opts VerdictOptions) {
	if s.inMixed {
		s.endMixed()
	}
	s.AfterFull, s.LiveSet = s.strs.unpackAll(s.afterFull), s.strs.unpackAll(s.liveSet)
	s.strs, s.afterFull, s.liveSet = pointStrings{}, nil, nil
	if !s.lastTime.IsZero() {
		s.LastTime = s.lastTime.Add(s.lastSpan)
	}
	s.Info = *info
	s.Verdict = Judge(s, opts)
}

// Span is the time the log covers, from its first to its last event.
func (s *Summary) Span() time.Duration {
	if !s.FirstTime.IsZero() && !s.LastTime.IsZero() {
		return s.LastTime.Sub(s.FirstTime)
	}
	if s.FirstUptime >= 0 {
		return s.LastUptime - s.FirstUptime
	}
	return 0
}

// Summarize reads every event of r into a new Summary and judges it. It
// gives each event back for reuse once added (Recycler): r is for Summarize
// alone.
func Summarize(r *Reader, sources []string, opts VerdictOptions) (*Summary, error) {
	s := NewSummary(sources)
	r.fold = s // a chunked read adds most events on the chunks' cores (fold.go)
	var done Recycler
	for r.Scan() {
		e := r.Event()
		s.Add(e)
		done.Put(e) // Add keeps nothing of e, and no one else has it
	}
	done.Flush()
	s.Finish(r.Info(), opts)
	return s, r.Err()
}
