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
	// on. 0 means automatic: when the points span autoWindowSpan or more,
	// those of the later half of that time (at least the last 10), so that
	// warm-up after JVM start and old history do not count; a shorter log
	// (a test run) is judged on all its points.
	Window    int
	Since     time.Duration // and only those within Since of the last (0: no limit)
	NearFull  float64       // critical when the last CriticalRun points are all above this share of the heap
	MinRise   float64       // a rise over the window below this share of the heap is flat
	MinPoints int           // fewer points than this can only say watch
}

// DefaultVerdictOptions are the defaults of gcwatch scan's flags.
var DefaultVerdictOptions = VerdictOptions{Window: 0, NearFull: 0.90, MinRise: 0.05, MinPoints: 4}

// autoWindowMin is the fewest points the automatic window keeps, and
// maxWindowPoints the most any window keeps as evidence: more are thinned
// to their floors (thin), never cut to the last ones, which would judge a
// G1 log of frequent cycles on its last seconds.
const (
	autoWindowSpan  = 2 * time.Hour
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
	pts, judged := window(skipWarmup(s, byTime(s.LiveSet)), o)
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
	if n, p, ok := endsThrashing(s.LiveSet); ok {
		v.State = StateCritical
		v.Reason = fmt.Sprintf("the log ends in %d back-to-back collections that free almost nothing (%s of %s in use at %s): out of memory",
			n, kb(p.Live), kb(p.Heap.Capacity), pointWhen(p))
		return v
	}
	if capacity > 0 {
		if p, n, ok := nearFullRun(pts, capacity, o.NearFull); ok {
			v.State = StateCritical
			v.Reason = fmt.Sprintf("%d collections in a row left %.0f%% or more of the heap in use (%s of %s, last at %s): close to OutOfMemoryError",
				n, 100*o.NearFull, kb(p.Live), kb(capacity), pointWhen(p))
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
		v.State, v.Reason = StateUnknown, "the log has no time stamps (decorate it with uptime or time): no trend can be measured"
		return v
	}
	fx, fy, lastFloor := floors(pts, xs)
	slope := theilSen(fx, fy)
	v.SlopeBytesPerHour = slope
	span := xs[len(xs)-1] - xs[0]
	rise := slope * span
	last := pts[lastFloor]
	share := func(b int64) float64 {
		if capacity <= 0 {
			return 0
		}
		return 100 * float64(b) / float64(capacity)
	}
	if capacity <= 0 || rise < o.MinRise*float64(capacity) || float64(last.Live) < median(fy) {
		v.State = StateHealthy
		v.Reason = fmt.Sprintf("live set flat over the last %d %s: %s, %.0f%% of %s",
			judged, pointsNoun(pts), kb(last.Live), share(last.Live), kb(capacity))
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
	if len(fx) < o.MinPoints {
		v.State = StateWatch
		v.Reason = fmt.Sprintf("live set rising %s/hour, but only %d distinct times with %s (need %d to call it a leak)",
			mb(slope), len(fx), pointsNoun(pts), o.MinPoints)
		return v
	}
	v.State = StateLeak
	v.Reason = fmt.Sprintf("live set rising %s/hour over %d %s, now %.0f%% of %s; heap full in about %s",
		mb(slope), judged, pointsNoun(pts), share(last.Live), kb(capacity), roundDuration(v.TimeToExhaustion))
	return v
}

// floors reduces the points to the after-collection floor: the window's
// span is cut into as many equal time bins as there are points (at most
// maxFloorBins) and each bin keeps its lowest point. A burst of collections
// in a few milliseconds (System.gc() under Shenandoah runs several cycles,
// each freeing a little more) counts once, at its floor, instead of
// outvoting the trend between bursts. It returns the floors' times and
// sizes, and the index in pts of the last floor.
func floors(pts []Point, xs []float64) (fx, fy []float64, last int) {
	for _, i := range lowestPerBin(pts, xs, min(len(pts), maxFloorBins)) {
		fx = append(fx, xs[i])
		fy = append(fy, float64(pts[i].Live))
		last = i
	}
	return fx, fy, last
}

// lowestPerBin cuts the span of xs (the hours of pts, rising from xs[0] to a
// later last, as pointHours gives them) into n equal time bins, and returns
// the index of the lowest point of each bin that has one, in time order.
func lowestPerBin(pts []Point, xs []float64, n int) []int {
	span := xs[len(xs)-1] - xs[0]
	best := make([]int, n)
	for i := range best {
		best[i] = -1
	}
	for i, x := range xs {
		b := min(int(float64(n)*(x-xs[0])/span), n-1)
		if best[b] < 0 || pts[i].Live < pts[best[b]].Live {
			best[b] = i
		}
	}
	out := best[:0]
	for _, i := range best {
		if i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// maxFloorBins bounds the bins of floors.
const maxFloorBins = 50

// thrashGap is the most time between the end of one collection and the
// start of the next for the two to be back-to-back.
const thrashGap = time.Second

// endsThrashing reports whether the log ends in at least criticalRun
// collections, back-to-back (thrashGap), each freeing under 10%
// and leaving at least 80% of the heap's current capacity in use: the
// pattern before java.lang.OutOfMemoryError, which the GC log itself does not
// print (the JVM writes it to stderr).
func endsThrashing(logOrder []Point) (int, Point, bool) {
	if n, p, ok := thrashRun(logOrder); ok {
		return n, p, true
	}
	// The run may be followed by one last collection that frees it all:
	// the application gave up (its thread died of OutOfMemoryError) and
	// dropped its data, or the JVM collected on its way out.
	if len(logOrder) > criticalRun {
		return thrashRun(logOrder[:len(logOrder)-1])
	}
	return 0, Point{}, false
}

// thrashRun is endsThrashing without the last-point allowance.
func thrashRun(logOrder []Point) (int, Point, bool) {
	n := 0
	for i := len(logOrder) - 1; i >= 0; i-- {
		p := logOrder[i]
		h := p.Heap
		if h.Before <= 0 || h.Capacity <= 0 || h.After == Unknown ||
			float64(h.Before-h.After) >= 0.10*float64(h.Before) || float64(h.After) < 0.80*float64(h.Capacity) {
			break
		}
		if i+1 < len(logOrder) {
			next := logOrder[i+1]
			gap := time.Duration(-1)
			pause := time.Duration(p.PauseSeconds * float64(time.Second))
			switch {
			case !p.Time.IsZero() && !next.Time.IsZero():
				gap = next.Time.Sub(p.Time) - pause
			case p.Uptime >= 0 && next.Uptime >= 0:
				gap = next.Uptime - p.Uptime - pause
			}
			if gap < 0 || gap > thrashGap {
				break // without time stamps nothing shows the collections were back-to-back
			}
		}
		n++
	}
	if n < criticalRun {
		return 0, Point{}, false
	}
	return n, logOrder[len(logOrder)-1], true
}

// nearFullRun finds the last run of at least criticalRun consecutive
// points at or above nearFull of the heap: a JVM thrashing in back-to-back
// collections, close to OutOfMemoryError. The run may be followed by one
// last point (the collection after the application gave up and dropped its
// data, or the JVM's exit). It returns the run's last point.
func nearFullRun(pts []Point, capacity int64, nearFull float64) (Point, int, bool) {
	run, end := 0, -1
	for i, p := range pts {
		if float64(p.Live) >= nearFull*float64(capacity) {
			run++
			if run >= criticalRun {
				end = i
			}
		} else {
			run = 0
		}
	}
	if end < 0 || end < len(pts)-2 {
		return Point{}, 0, false
	}
	n := 0
	for i := end; i >= 0 && float64(pts[i].Live) >= nearFull*float64(capacity); i-- {
		n++
	}
	return pts[end], n, true
}

// byTime returns the points in time order. Log order is nearly that, but a
// concurrent cycle's point is dated at its end, after pauses logged later.
func byTime(all []Point) []Point {
	pts := append([]Point(nil), all...)
	sort.SliceStable(pts, func(i, j int) bool {
		a, b := pts[i], pts[j]
		if !a.Time.IsZero() && !b.Time.IsZero() {
			return a.Time.Before(b.Time)
		}
		return a.Uptime < b.Uptime
	})
	return pts
}

// warmupShare is the share of a log's span, from its first event, during
// which the JVM is taken to be warming up (caches filling, the heap being
// sized): points in it are not judged.
const warmupShare = 0.10

// skipWarmup drops the points of the warm-up, when at least two remain.
func skipWarmup(s *Summary, pts []Point) []Point {
	span := s.Span()
	if span <= 0 {
		return pts
	}
	cut := time.Duration(warmupShare * float64(span))
	i := 0
	for i < len(pts) {
		p := pts[i]
		var since time.Duration
		switch {
		case !p.Time.IsZero() && !s.FirstTime.IsZero():
			since = p.Time.Sub(s.FirstTime)
		case p.Uptime >= 0 && s.FirstUptime >= 0:
			since = p.Uptime - s.FirstUptime
		default:
			return pts
		}
		if since >= cut {
			break
		}
		i++
	}
	if len(pts)-i < 2 {
		return pts
	}
	return pts[i:]
}

// window keeps the last o.Window points, and those within o.Since of the
// last, thinned to at most maxWindowPoints; it also says how many
// collections they stand for (collections).
func window(all []Point, o VerdictOptions) ([]Point, int) {
	pts := all
	switch {
	case o.Window > 0 && len(pts) > o.Window:
		pts = pts[len(pts)-o.Window:]
	case o.Window <= 0 && len(pts) > autoWindowMin:
		if xs, ok := pointHours(pts); ok && xs[len(xs)-1] >= autoWindowSpan.Hours() {
			mid := xs[len(xs)-1] / 2
			i := 0
			for i < len(xs)-autoWindowMin && xs[i] < mid {
				i++
			}
			pts = pts[i:]
		}
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
	return thin(pts, maxWindowPoints), collections(pts)
}

// thin returns at most n of pts, in time order: the last fifth of n as they
// are (the near-full check reads the last points), and for the older ones
// the lowest point of each of the rest of n time bins: the floor is what a
// leak raises.
func thin(pts []Point, n int) []Point {
	if len(pts) <= n {
		return append([]Point(nil), pts...)
	}
	keep := n / 5
	old, recent := pts[:len(pts)-keep], pts[len(pts)-keep:]
	xs, ok := pointHours(old)
	if !ok {
		return append([]Point(nil), pts[len(pts)-n:]...) // no times to bin by: the last ones
	}
	out := make([]Point, 0, n)
	for _, i := range lowestPerBin(old, xs, n-keep) {
		out = append(out, old[i])
	}
	return append(out, recent...)
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

// pointWhen says when a point was, for a reason line.
func pointWhen(p Point) string {
	switch {
	case !p.Time.IsZero():
		return p.Time.Format("2006-01-02 15:04:05")
	case p.Uptime >= 0:
		return fmt.Sprintf("uptime %.3fs", p.Uptime.Seconds())
	}
	return p.Pos.String()
}
