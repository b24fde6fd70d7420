package gclog

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// State is the verdict on a JVM's memory, from best to worst.
type State string

const (
	StateUnknown  State = "unknown"  // not enough evidence: the reason says what is missing
	StateHealthy  State = "healthy"  // what survives full collection is flat
	StateWatch    State = "watch"    // rising, but too few points or too short a span to be sure
	StateLeak     State = "leak"     // a sustained rise of what survives full collection
	StateCritical State = "critical" // out of memory, or about to be
)

// Severity orders states for sorting, worst highest.
func (s State) Severity() int {
	switch s {
	case StateCritical:
		return 4
	case StateLeak:
		return 3
	case StateWatch:
		return 2
	case StateHealthy:
		return 1
	}
	return 0
}

// Verdict is the judgement on one JVM with the evidence behind it.
type Verdict struct {
	State  State
	Reason string // one line a person can check against Points
	// SlopeBytesPerHour is the robust (Theil-Sen) slope of the heap after
	// full collection over the window; 0 when not computed.
	SlopeBytesPerHour float64
	// ProjectedExhaustion is when the heap would be full at that slope; zero
	// when the verdict is not leak or the log has no wall-clock time.
	ProjectedExhaustion time.Time
	// TimeToExhaustion is the same as a duration from the last point.
	TimeToExhaustion time.Duration
	Points           []Point // the points the verdict used, oldest first
}

// VerdictOptions are the thresholds of Judge; DefaultVerdictOptions documents
// the defaults.
type VerdictOptions struct {
	// Window is how many of the last points after full collection to judge
	// on. 0 means automatic: the points of the later half of the time the
	// points span, and at least the last 10, so that a 50-second test run
	// and a 30-day log are both judged on their recent trend.
	Window    int
	Since     time.Duration // and only those within Since of the last (0: no limit)
	NearFull  float64       // critical when the last CriticalRun points are all above this share of the heap
	MinRise   float64       // a rise over the window below this share of the heap is flat
	MinPoints int           // fewer points than this can only say watch
}

// DefaultVerdictOptions are the defaults of gcwatch scan's flags.
var DefaultVerdictOptions = VerdictOptions{Window: 0, NearFull: 0.90, MinRise: 0.05, MinPoints: 4}

// autoWindowMin is the fewest points the automatic window keeps, and
// maxWindowPoints the most any window keeps (Theil-Sen is quadratic).
const (
	autoWindowMin   = 10
	maxWindowPoints = 500
)

// criticalRun is how many points in a row near full make critical.
const criticalRun = 3

// Judge gives the verdict on a summarised JVM.
func Judge(s *Summary, o VerdictOptions) Verdict {
	if o.MinPoints < 2 {
		o.MinPoints = 2
	}
	pts := window(s.LiveSet, o)
	v := Verdict{Points: pts}
	capacity := heapLimit(s, pts)

	if s.Info.OutOfMemory {
		v.State, v.Reason = StateCritical, "the log reports OutOfMemoryError"
		return v
	}
	if s.Events == 0 {
		v.State, v.Reason = StateUnknown, "no GC events found"
		return v
	}
	if n := len(pts); n >= criticalRun && capacity > 0 {
		near := true
		for _, p := range pts[n-criticalRun:] {
			if float64(p.Live) < o.NearFull*float64(capacity) {
				near = false
			}
		}
		if near {
			v.State = StateCritical
			v.Reason = fmt.Sprintf("the last %d full collections left %.0f%% or more of the heap in use (%s of %s)",
				criticalRun, 100*o.NearFull, kb(pts[n-1].Live), kb(capacity))
			return v
		}
	}
	switch len(pts) {
	case 0:
		v.State = StateUnknown
		if s.Info.Collector == "epsilon" {
			v.Reason = "Epsilon never collects: the heap only fills until the JVM exits"
		} else if s.FullGCs > 0 {
			v.Reason = fmt.Sprintf("%d full collections but none with heap sizes", s.FullGCs)
		} else {
			v.Reason = "no full collection or completed old-generation cycle in the log: nothing yet shows what stays live"
		}
		return v
	case 1:
		v.State = StateUnknown
		v.Reason = fmt.Sprintf("only one point after old-generation collection (%s live of %s): a trend needs two or more", kb(pts[0].Live), kb(capacity))
		return v
	}
	xs, ok := pointHours(pts)
	if !ok {
		v.State, v.Reason = StateUnknown, "the full collections carry no time stamps: no trend can be measured"
		return v
	}
	ys := make([]float64, len(pts))
	for i, p := range pts {
		ys[i] = float64(p.Live)
	}
	slope := theilSen(xs, ys)
	v.SlopeBytesPerHour = slope
	span := xs[len(xs)-1] - xs[0]
	rise := slope * span
	last := pts[len(pts)-1]
	share := func(b int64) float64 {
		if capacity <= 0 {
			return 0
		}
		return 100 * float64(b) / float64(capacity)
	}
	if capacity <= 0 || rise < o.MinRise*float64(capacity) || float64(last.Live) < median(ys) {
		v.State = StateHealthy
		v.Reason = fmt.Sprintf("live set flat over the last %d %s: %s, %.0f%% of %s",
			len(pts), pointsNoun(pts), kb(last.Live), share(last.Live), kb(capacity))
		return v
	}
	left := float64(capacity - last.Live)
	if left < 0 {
		left = 0
	}
	v.TimeToExhaustion = time.Duration(left / slope * float64(time.Hour))
	if !last.Time.IsZero() {
		v.ProjectedExhaustion = last.Time.Add(v.TimeToExhaustion)
	}
	if len(pts) < o.MinPoints {
		v.State = StateWatch
		v.Reason = fmt.Sprintf("live set rising %s/hour, but only %d %s (need %d to call it a leak)",
			mb(slope), len(pts), pointsNoun(pts), o.MinPoints)
		return v
	}
	v.State = StateLeak
	v.Reason = fmt.Sprintf("live set rising %s/hour over %d %s, now %.0f%% of %s; heap full in about %s",
		mb(slope), len(pts), pointsNoun(pts), share(last.Live), kb(capacity), roundDuration(v.TimeToExhaustion))
	return v
}

// window keeps the last o.Window points, and those within o.Since of the last.
func window(all []Point, o VerdictOptions) []Point {
	pts := all
	switch {
	case o.Window > 0 && len(pts) > o.Window:
		pts = pts[len(pts)-o.Window:]
	case o.Window <= 0 && len(pts) > autoWindowMin:
		if xs, ok := pointHours(pts); ok {
			mid := xs[len(xs)-1] / 2
			i := 0
			for i < len(xs)-autoWindowMin && xs[i] < mid {
				i++
			}
			pts = pts[i:]
		}
	}
	if len(pts) > maxWindowPoints {
		pts = pts[len(pts)-maxWindowPoints:]
	}
	if o.Since > 0 && len(pts) > 0 {
		last := pts[len(pts)-1]
		for len(pts) > 1 {
			p := pts[0]
			var age time.Duration
			switch {
			case !p.Time.IsZero() && !last.Time.IsZero():
				age = last.Time.Sub(p.Time)
			case p.Uptime >= 0 && last.Uptime >= 0:
				age = last.Uptime - p.Uptime
			}
			if age <= o.Since {
				break
			}
			pts = pts[1:]
		}
	}
	return append([]Point(nil), pts...)
}

// heapLimit is the size the heap can grow to: the maximum heap when the log
// says, else the largest capacity the points report.
func heapLimit(s *Summary, pts []Point) int64 {
	limit := s.Info.HeapMax
	for _, p := range pts {
		if p.Heap.Capacity > limit {
			limit = p.Heap.Capacity
		}
	}
	return limit
}

// pointHours returns each point's time in hours since the first: wall-clock
// time when every point has it, else uptime.
func pointHours(pts []Point) ([]float64, bool) {
	xs := make([]float64, len(pts))
	wall, up := true, true
	for _, p := range pts {
		wall = wall && !p.Time.IsZero()
		up = up && p.Uptime >= 0
	}
	for i, p := range pts {
		switch {
		case wall:
			xs[i] = p.Time.Sub(pts[0].Time).Hours()
		case up:
			xs[i] = (p.Uptime - pts[0].Uptime).Hours()
		default:
			return nil, false
		}
	}
	return xs, xs[len(xs)-1] > xs[0]
}

// theilSen is the median of the slopes between every pair of points: one
// outlier (a batch job's peak) cannot tilt it.
func theilSen(xs, ys []float64) float64 {
	var slopes []float64
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			if dx := xs[j] - xs[i]; dx > 0 {
				slopes = append(slopes, (ys[j]-ys[i])/dx)
			}
		}
	}
	if len(slopes) == 0 {
		return 0
	}
	return median(slopes)
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func kb(b int64) string { return fmt.Sprintf("%dK", b/1024) }

func mb(bytesPerHour float64) string {
	return fmt.Sprintf("%.1f MB", bytesPerHour/(1<<20))
}

// roundDuration prints a duration to a sensible precision for a person.
func roundDuration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	case d >= time.Hour:
		return fmt.Sprintf("%.1f hours", d.Hours())
	case d >= time.Minute:
		return fmt.Sprintf("%.0f minutes", d.Minutes())
	}
	return d.Round(time.Second).String()
}

// pointsNoun names the points judged: "full collections" when they all are.
func pointsNoun(pts []Point) string {
	for _, p := range pts {
		if p.Label != "Full" {
			return "collections of the old generation"
		}
	}
	return "full collections"
}
