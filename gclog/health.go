package gclog

import (
	"math"
	"math/bits"
	"time"
)

// Health is how a JVM's collector is doing, beside the leak verdict: pause
// percentiles, the share of time not paused, allocation and promotion rates,
// and findings, each with the log lines behind it. It is built one event at
// a time in constant memory.
type Health struct {
	Pauses     int           // stop-the-world pauses counted
	PauseTotal time.Duration // their sum
	PauseMax   time.Duration
	hist       pauseHistogram

	allocated      int64 // bytes allocated between young collections, summed
	allocFrom      time.Duration
	allocTo        time.Duration
	promoted       int64 // bytes promoted to the old generation, summed
	promotedKnown  bool
	prevHeapAfter  int64
	lastFullUptime time.Duration
	lastFullFreed  float64
	lastCapacity   int64

	Findings []Finding

	// What merge needs to join on the Health of a later part of the log
	// (fold.go). seq counts the events added; a partial Health is that of
	// a later part: it leaves the judgements that need the events before
	// its part to merge (head), and notes for each finding the seq of the
	// event that first showed it (findingSeq).
	seq        int
	partial    bool
	head       healthHead
	findingSeq []int
}

// healthHead is what a partial Health leaves to merge: the events of its
// part whose findings or allocation depend on the events before the part.
type healthHead struct {
	// The first heap capacity (0: none yet), where and when it was seen.
	capacity    int64
	capacityAt  Pos
	capacitySeq int
	// The first full collection judged for back-to-back-full, if any.
	full       bool
	fullUptime time.Duration
	fullFreed  float64
	fullAt     Pos
	fullSeq    int
	// The collections counted for allocation up to the first whose heap
	// after is known (allocDone): until then, what they allocated is from
	// the heap after a collection before the part.
	alloc     []allocStep
	allocDone bool
}

// allocStep is a collection as allocate counts it.
type allocStep struct {
	before, after int64
	uptime        time.Duration
}

// Finding is one kind of noteworthy condition, counted, with the first lines
// that show it.
type Finding struct {
	Code     string // stable identifier: system-gc, back-to-back-full, ...
	Title    string // for people
	Count    int
	Examples []Pos // the first few events that show it
}

// maxFindingExamples is how many positions a finding keeps.
const maxFindingExamples = 5

// LongPause is the pause above which an event is a "long pause" finding.
const LongPause = time.Second

var findingTitles = map[string]string{
	"system-gc":               "explicit System.gc() or diagnostic command",
	"back-to-back-full":       "back-to-back full collections freeing little",
	"concurrent-mode-failure": "CMS concurrent mode failure",
	"promotion-failed":        "promotion failed",
	"to-space-exhausted":      "to-space exhausted / evacuation failure",
	"humongous":               "humongous allocations triggering collections",
	"metaspace":               "collections triggered by Metaspace or PermGen",
	"allocation-stall":        "allocation stalls (threads waited for memory)",
	"degenerated":             "Shenandoah degenerated collections",
	"long-pause":              "pauses over 1s",
	"heap-resized":            "heap capacity changed by 10% or more",
	"gc-locker":               "collections initiated by the GC locker",
	"out-of-memory":           "out of memory",
}

// find counts one more of the finding code, shown by e.
func (h *Health) find(code string, e *Event) { h.found(code, 1, Pos{e.Source, e.Line}) }

// found counts n more of the finding code, shown (first) at examples.
func (h *Health) found(code string, n int, examples ...Pos) {
	for i := range h.Findings {
		f := &h.Findings[i]
		if f.Code == code {
			f.Count += n
			f.Examples = append(f.Examples, examples[:min(len(examples), maxFindingExamples-len(f.Examples))]...)
			return
		}
	}
	h.Findings = append(h.Findings, Finding{Code: code, Title: findingTitles[code], Count: n,
		Examples: append([]Pos(nil), examples[:min(len(examples), maxFindingExamples)]...)})
	if h.partial {
		h.findingSeq = append(h.findingSeq, h.seq)
	}
}

// backToBack reports whether a full collection at uptime freeing freed of
// the heap, after one at lastUptime freeing lastFreed, is back to back:
// within a minute, each freeing under 10%.
func backToBack(lastUptime time.Duration, lastFreed float64, uptime time.Duration, freed float64) bool {
	return lastUptime > 0 && uptime-lastUptime < time.Minute && freed < 0.1 && lastFreed < 0.1
}

// resized reports whether the heap capacity moved from last to c by 10% or
// more. (Most often it has not moved: c != last spares the floating-point
// test, which is false then.)
func resized(last, c int64) bool {
	return c != last && math.Abs(float64(c-last)) >= 0.10*float64(last)
}

// add counts one event.
func (h *Health) add(e *Event) {
	h.seq++
	if e.Pause > 0 {
		h.Pauses++
		h.PauseTotal += e.Pause
		if e.Pause > h.PauseMax {
			h.PauseMax = e.Pause
		}
		h.hist.add(e.Pause)
		if e.Pause >= LongPause {
			h.find("long-pause", e)
		}
	}
	// The flags set, lowest first, as Flag.Names lists them (a loop over
	// flagNames cost 9 tests an event with any flag; a log may flag every
	// other event, System.gc() ones).
	for f := e.Flags; f != 0; f &= f - 1 {
		if i := bits.TrailingZeros32(uint32(f)); i < len(flagNames) {
			h.find(flagNames[i], e)
		}
	}
	if e.Kind == KindDegenerated {
		h.find("degenerated", e)
	}
	// (A switch on the cause, which the compiler turns into a search by
	// length, costs less than a chain of comparisons: a dozen instructions
	// for the usual cause, of none of these lengths.)
	switch e.Cause {
	case "Metadata GC Threshold", "Metaspace", "Permanent Generation Full":
		if e.Flags&FlagMetaspace == 0 {
			h.find("metaspace", e)
		}
	default:
		if len(e.Cause) >= 9 && e.Cause[:9] == "G1 Humong" && e.Flags&FlagHumongous == 0 {
			h.find("humongous", e)
		}
	}
	if e.Kind == KindFull && e.Uptime >= 0 && e.Heap.Known() && e.Heap.Before > 0 {
		freed := 1 - float64(e.Heap.After)/float64(e.Heap.Before)
		// Two full collections within a minute, each freeing under 10%.
		if h.partial && !h.head.full {
			h.head.full, h.head.fullUptime, h.head.fullFreed = true, e.Uptime, freed
			h.head.fullAt, h.head.fullSeq = Pos{e.Source, e.Line}, h.seq
		} else if backToBack(h.lastFullUptime, h.lastFullFreed, e.Uptime, freed) {
			h.find("back-to-back-full", e)
		}
		h.lastFullUptime, h.lastFullFreed = e.Uptime, freed
	}
	// The heap grown or shrunk: the JVM resizing it (not an error, but a
	// cause of pauses and of capacity lines that move on a chart).
	if c := e.Heap.Capacity; c > 0 {
		if h.lastCapacity == 0 {
			if h.partial {
				h.head.capacity, h.head.capacityAt, h.head.capacitySeq = c, Pos{e.Source, e.Line}, h.seq
			}
		} else if resized(h.lastCapacity, c) {
			h.find("heap-resized", e)
		}
		h.lastCapacity = c
	}
	// Allocation: what the heap grew by between one collection and the next.
	if e.Pause > 0 && e.Heap.Before != Unknown && e.Uptime >= 0 {
		if h.partial && !h.head.allocDone {
			h.head.alloc = append(h.head.alloc, allocStep{e.Heap.Before, e.Heap.After, e.Uptime})
			if e.Heap.After != Unknown {
				h.head.allocDone, h.prevHeapAfter = true, e.Heap.After
			}
		} else {
			h.allocate(allocStep{e.Heap.Before, e.Heap.After, e.Uptime})
		}
	}
	if e.Kind == KindYoung {
		if old, ok := e.Space(SpaceOld); ok && old.Before != Unknown && old.After > old.Before {
			h.promoted += old.After - old.Before
			h.promotedKnown = true
		}
	}
}

// allocate counts what the heap grew by from the heap after the collection
// before to the heap before this one.
func (h *Health) allocate(c allocStep) {
	if h.prevHeapAfter != 0 && c.before >= h.prevHeapAfter {
		h.allocated += c.before - h.prevHeapAfter
		h.allocTo = c.uptime
	} else if h.prevHeapAfter == 0 {
		h.allocFrom = c.uptime
	}
	if c.after != Unknown {
		h.prevHeapAfter = c.after
	}
}

// Percentile returns the pause at quantile q (0..1), to about 2% precision.
func (h *Health) Percentile(q float64) time.Duration { return min(h.hist.quantile(q), h.PauseMax) }

// Throughput is the share of the span the application was not paused, or
// NaN when the span is unknown.
func (h *Health) Throughput(span time.Duration) float64 {
	if span <= 0 {
		return math.NaN()
	}
	return 1 - float64(h.PauseTotal)/float64(span)
}

// AllocationRate is bytes allocated per second between collections, or NaN.
func (h *Health) AllocationRate() float64 {
	d := h.allocTo - h.allocFrom
	if d <= 0 || h.allocated == 0 {
		return math.NaN()
	}
	return float64(h.allocated) / d.Seconds()
}

// PromotionRate is bytes promoted to the old generation per second by young
// collections, or NaN when the log does not report the old generation.
func (h *Health) PromotionRate() float64 {
	d := h.allocTo - h.allocFrom
	if d <= 0 || !h.promotedKnown {
		return math.NaN()
	}
	return float64(h.promoted) / d.Seconds()
}

// pauseHistogram counts pauses in logarithmic buckets (2% wide) from 1µs to
// about five and a half hours (the last bucket holds the longer ones):
// constant memory however many pauses a log has.
type pauseHistogram struct {
	counts [histBuckets]int64
	n      int64
}

const (
	histBuckets = 1200
	histGrowth  = 1.02
)

// bucketByLog is the bucket of a pause by definition: 0 below 1µs, then
// one bucket per factor of histGrowth, the last one holding everything
// above. The histogram uses bucket, which gives the same without a
// math.Log per pause; this is what histBounds is computed from, and what
// the tests hold bucket to.
func bucketByLog(d time.Duration) int {
	us := float64(d) / float64(time.Microsecond)
	if us < 1 {
		return 0
	}
	i := int(math.Log(us)/math.Log(histGrowth)) + 1
	if i >= histBuckets {
		i = histBuckets - 1
	}
	return i
}

// bucket is bucketByLog(d) in integer operations. math.Log cost about 100
// instructions a pause, a twentieth of summarising a -Xlog:gc log (a line,
// an event, a pause); this costs about 15. The bit length of d and the 6
// bits after its leading one name a slot, 1/64 of a power of two: narrower
// than a bucket (2%), so it overlaps at most two buckets. histSlots holds
// the bucket of each slot's first duration, and a comparison with the next
// bucket's lower bound (histBounds) says whether d is in the next one. Both
// tables are made from bucketByLog, which only grows with d: the results are
// the same (TestPauseBucket, FuzzPauseBucket).
func (p *pauseHistogram) bucket(d time.Duration) int {
	if d < time.Microsecond {
		return 0 // (as bucketByLog: also the negative)
	}
	n := bits.Len64(uint64(d)) // 10 or more
	b := int(histSlots[n][uint64(d)>>(n-1-histSlotBits)&(1<<histSlotBits-1)])
	for uint64(d) >= histBounds[b+1] {
		b++ // (once at most; a loop, so that a table off by one would cost time, not change the bucket)
	}
	return b
}

// histSlotBits is how many bits after a duration's leading one name its
// slot: 6 make slots of at most 1/64 of a duration, under 0.8 of a bucket.
const histSlotBits = 6

// (Arrays, not pointers to them: bucket reads them at a fixed address.)
var (
	// histBounds[i] is the least duration, in ns, that bucketByLog puts in
	// bucket i or above; histBounds[0] is 0, and histBounds[histBuckets] is
	// above every duration, so that bucket's loop stops at the last bucket.
	histBounds = makeHistBounds()
	// histSlots[n][s] is the bucket of the least duration of n bits whose
	// next histSlotBits bits are s; for n of 10 bits (1µs) and more.
	histSlots = makeHistSlots()
)

// makeHistBounds finds each bucket's least duration from its estimate
// (a power of histGrowth), stepping a nanosecond at a time: the estimate is
// off by a few at most (floating-point rounding), so finding all costs
// about 0.5M instructions, once.
func makeHistBounds() [histBuckets + 1]uint64 {
	var bounds [histBuckets + 1]uint64
	bounds[1] = uint64(time.Microsecond)
	for i := 2; i < histBuckets; i++ {
		est := math.Pow(histGrowth, float64(i-1)) * float64(time.Microsecond)
		d := time.Duration(est)
		for bucketByLog(d-1) >= i {
			d--
		}
		for bucketByLog(d) < i {
			d++
		}
		bounds[i] = uint64(d)
	}
	bounds[histBuckets] = math.MaxUint64
	return bounds
}

// makeHistSlots fills histSlots from histBounds, walking the slots' first
// durations in increasing order.
func makeHistSlots() [64][1 << histSlotBits]uint16 {
	var slots [64][1 << histSlotBits]uint16
	b := 0
	for n := bits.Len64(uint64(time.Microsecond)); n < 64; n++ {
		for s := range slots[n] {
			first := (1<<histSlotBits | uint64(s)) << (n - 1 - histSlotBits)
			for first >= histBounds[b+1] {
				b++
			}
			slots[n][s] = uint16(b)
		}
	}
	return slots
}

func (p *pauseHistogram) add(d time.Duration) {
	p.counts[p.bucket(d)]++
	p.n++
}

// quantile returns the upper edge of the bucket holding quantile q.
func (p *pauseHistogram) quantile(q float64) time.Duration {
	if p.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(p.n)))
	if rank < 1 {
		rank = 1
	}
	var seen int64
	for i, c := range p.counts {
		seen += c
		if seen >= rank {
			if i == 0 {
				return time.Microsecond
			}
			return time.Duration(math.Pow(histGrowth, float64(i)) * float64(time.Microsecond))
		}
	}
	return 0
}
