package gclog

import (
	"time"
)

// Summary is what scan reports of one JVM: counts, the time span, and the
// points after full collection on which the verdict rests. It is built one
// event at a time (Add), so a log of any length is summarised in one pass;
// it keeps only the points after full collection.
type Summary struct {
	Sources []string // the files read, in read order
	Info    Info     // what the log said about the JVM

	Events  int // every event: pauses, collections, concurrent phases
	FullGCs int // stop-the-world full collections (Kind full)

	// The span of the log, from the first to the last event; Unknown/zero
	// parts where the log has no such time stamps.
	FirstUptime, LastUptime time.Duration
	FirstTime, LastTime     time.Time

	// AfterFull lists the heap after each full collection, in log order.
	AfterFull []Point

	Verdict Verdict
}

// Point is the memory left after one full collection, traceable to its line.
type Point struct {
	Pos          Pos
	Uptime       time.Duration // -1 when the log has none
	Time         time.Time     // zero when the log has none
	Name         string        // the collection's name, e.g. "Pause Full"
	Cause        string
	Heap         Sizes
	Old          Sizes // NoSizes when the log does not report the old generation
	PauseSeconds float64
}

// NewSummary starts the summary of one JVM.
func NewSummary(sources []string) *Summary {
	return &Summary{Sources: sources, FirstUptime: -1, LastUptime: -1}
}

// Add counts one event.
func (s *Summary) Add(e *Event) {
	s.Events++
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
		s.LastTime = e.Time.Add(e.Pause + e.Duration)
	}
	if !e.IsFull() {
		return
	}
	s.FullGCs++
	if e.Heap.After == Unknown {
		return
	}
	old, ok := e.Space(SpaceOld)
	if !ok {
		old = NoSizes
	}
	s.AfterFull = append(s.AfterFull, Point{
		Pos: Pos{Source: e.Source, Line: e.Line}, Uptime: e.Uptime, Time: e.Time,
		Name: e.Name, Cause: e.Cause, Heap: e.Heap, Old: old, PauseSeconds: e.Pause.Seconds(),
	})
}

// Finish records the reader's Info and computes the verdict.
func (s *Summary) Finish(info *Info, opts VerdictOptions) {
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

// Summarize reads every event of r into a new Summary and judges it.
func Summarize(r *Reader, sources []string, opts VerdictOptions) (*Summary, error) {
	s := NewSummary(sources)
	for r.Scan() {
		s.Add(r.Event())
	}
	s.Finish(r.Info(), opts)
	return s, r.Err()
}
