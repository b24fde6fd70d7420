package gclog

import (
	"math"
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

func (h *Health) find(code string, e *Event) {
	for i := range h.Findings {
		f := &h.Findings[i]
		if f.Code == code {
			f.Count++
			if len(f.Examples) < maxFindingExamples {
				f.Examples = append(f.Examples, Pos{e.Source, e.Line})
			}
			return
		}
	}
	h.Findings = append(h.Findings, Finding{Code: code, Title: findingTitles[code], Count: 1,
		Examples: []Pos{{e.Source, e.Line}}})
}

// add counts one event.
func (h *Health) add(e *Event) {
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
	if e.Flags != 0 {
		for i, name := range flagNames {
			if e.Flags&(1<<i) != 0 {
				h.find(name, e)
			}
		}
	}
	if e.Kind == KindDegenerated {
		h.find("degenerated", e)
	}
	switch {
	case e.Cause == "Metadata GC Threshold" || e.Cause == "Metaspace" || e.Cause == "Permanent Generation Full":
		if e.Flags&FlagMetaspace == 0 {
			h.find("metaspace", e)
		}
	case len(e.Cause) >= 9 && e.Cause[:9] == "G1 Humong" && e.Flags&FlagHumongous == 0:
		h.find("humongous", e)
	}
	if e.Kind == KindFull && e.Uptime >= 0 && e.Heap.Known() && e.Heap.Before > 0 {
		freed := 1 - float64(e.Heap.After)/float64(e.Heap.Before)
		// Two full collections within a minute, each freeing under 10%.
		if h.lastFullUptime > 0 && e.Uptime-h.lastFullUptime < time.Minute && freed < 0.1 && h.lastFullFreed < 0.1 {
			h.find("back-to-back-full", e)
		}
		h.lastFullUptime, h.lastFullFreed = e.Uptime, freed
	}
	// The heap grown or shrunk: the JVM resizing it (not an error, but a
	// cause of pauses and of capacity lines that move on a chart).
	if c := e.Heap.Capacity; c > 0 {
		if h.lastCapacity > 0 && math.Abs(float64(c-h.lastCapacity)) >= 0.10*float64(h.lastCapacity) {
			h.find("heap-resized", e)
		}
		h.lastCapacity = c
	}
	// Allocation: what the heap grew by between one collection and the next.
	if e.Pause > 0 && e.Heap.Before != Unknown && e.Uptime >= 0 {
		if h.prevHeapAfter != 0 && e.Heap.Before >= h.prevHeapAfter {
			h.allocated += e.Heap.Before - h.prevHeapAfter
			h.allocTo = e.Uptime
		} else if h.prevHeapAfter == 0 {
			h.allocFrom = e.Uptime
		}
		if e.Heap.After != Unknown {
			h.prevHeapAfter = e.Heap.After
		}
	}
	if e.Kind == KindYoung {
		if old, ok := e.Space(SpaceOld); ok && old.Before != Unknown && old.After > old.Before {
			h.promoted += old.After - old.Before
			h.promotedKnown = true
		}
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
// about an hour: constant memory however many pauses a log has.
type pauseHistogram struct {
	counts [1200]int64
	n      int64
}

const histGrowth = 1.02

func (p *pauseHistogram) bucket(d time.Duration) int {
	us := float64(d) / float64(time.Microsecond)
	if us < 1 {
		return 0
	}
	i := int(math.Log(us)/math.Log(histGrowth)) + 1
	if i >= len(p.counts) {
		i = len(p.counts) - 1
	}
	return i
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
