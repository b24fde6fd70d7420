package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"gcwatch/gclog"
)

// A Chart is the data of gcwatch plot: one Panel per JVM. It is built from
// events as they are read (ChartBuilder), holds a bounded number of points
// whatever the size of the log, and is drawn by Render. WriteText writes the
// same data as text, for golden tests and for people who want to check a
// picture against numbers.
type Chart struct {
	Panels []*Panel
}

// Axis says what the x values of a panel are.
type Axis string

const (
	AxisWall   Axis = "wall-clock" // x is Unix time in seconds
	AxisUptime Axis = "uptime"     // x is JVM uptime in seconds
	AxisNone   Axis = "none"       // no event had a time stamp: nothing to draw
)

// XY is one point of a panel, x in the panel's Axis, y in bytes (or seconds
// for pauses).
type XY struct{ X, Y float64 }

// Panel is one JVM's chart: heap after each GC over time with its capacity,
// the full collections, the points the verdict rests on and the trend, and
// the pauses. Series are reduced to at most two points per x bucket (the
// lowest and the highest), which draws the same picture as every point.
type Panel struct {
	Title   string      // the JVM: host and file (report.Title)
	State   gclog.State // the verdict, as scan gives it
	Reason  string
	Axis    Axis
	Loc     *time.Location // time zone of the log's wall-clock times (AxisWall)
	Events  int            // events read
	Untimed int            // events without a time stamp on Axis: not drawn

	HeapAfter []XY // heap after every collection that reports it, min/max per bucket
	Capacity  []XY // heap capacity, min/max per bucket
	FullGC    []XY // heap after each full collection, min/max per bucket
	Verdict   []XY // heap after the full collections the verdict used, every one
	Pauses    []XY // the longest pause per bucket, in seconds

	// Limit is the size the heap can grow to (the log's maximum heap, else
	// the largest capacity of the verdict's points); 0 when unknown.
	Limit float64
	// Trend is the verdict's slope drawn through its last point, from its
	// first point towards Limit (leak and watch only; else empty). It ends
	// where it reaches Limit, or at most one log span past the last event so
	// that a distant projection does not squash the data.
	Trend []XY
	// Exhaustion is the x at which the trend reaches Limit: scan's projected
	// exhaustion. 0 when there is no trend.
	Exhaustion float64
}

// DefaultBuckets is the number of x buckets of a series when the caller has
// no better idea: ChartBuckets of a 4800-pixel-wide chart.
const DefaultBuckets = 2400

// ChartBuckets is the number of x buckets for a chart width pixels wide: one
// per two pixel columns, so a series keeps about a point per column (the
// lowest and the highest of each bucket). Finer detail does not show, and
// drawing it took most of the time of plot and report.
func ChartBuckets(width int) int { return max(width/2, 2) }

// ChartBuilder builds one JVM's Panel from its events, read one at a time.
// Memory is bounded by the number of buckets, not the number of events.
type ChartBuilder struct {
	axis    Axis
	loc     *time.Location
	events  int
	untimed int
	first   float64 // the first event's x: where the buckets start
	last    float64

	heap, capacity, full, pause *reducer
}

// NewChartBuilder returns a builder whose series keep at most 2*buckets
// points each (buckets < 2 means DefaultBuckets).
func NewChartBuilder(buckets int) *ChartBuilder {
	if buckets < 2 {
		buckets = DefaultBuckets
	}
	return &ChartBuilder{axis: AxisNone, heap: newReducer(buckets), capacity: newReducer(buckets),
		full: newReducer(buckets), pause: newReducer(buckets)}
}

// ReadAll reads every event of r into sum and into the chart, giving each
// back for reuse once added (neither keeps anything of an event): one pass
// over the logs for the verdict and the chart, with little garbage.
func (b *ChartBuilder) ReadAll(r *gclog.Reader, sum *gclog.Summary) {
	var done gclog.Recycler
	for r.Scan() {
		ev := r.Event()
		sum.Add(ev)
		b.Add(ev)
		done.Put(ev)
	}
	done.Flush()
}

// Add takes one event into the chart. The x axis is chosen by the first
// event with a time: wall-clock time when it has one, else uptime.
func (b *ChartBuilder) Add(e *gclog.Event) {
	b.events++
	if b.axis == AxisNone {
		switch {
		case !e.Time.IsZero():
			b.axis, b.loc = AxisWall, e.Time.Location()
		case e.Uptime >= 0:
			b.axis = AxisUptime
		}
	}
	x, ok := b.x(e.Time, e.Uptime)
	if !ok || math.IsInf(x, 0) || math.IsNaN(x) {
		b.untimed++
		return
	}
	if b.events-b.untimed == 1 {
		b.first, b.last = x, x
	}
	b.last = math.Max(b.last, x)
	if e.Heap.After != gclog.Unknown {
		b.heap.add(x, float64(e.Heap.After))
		if e.IsFull() {
			b.full.add(x, float64(e.Heap.After))
		}
	}
	if e.Heap.Capacity != gclog.Unknown {
		b.capacity.add(x, float64(e.Heap.Capacity))
	}
	if e.Pause > 0 {
		b.pause.add(x, e.Pause.Seconds())
	}
}

// x places a time stamp on the axis.
func (b *ChartBuilder) x(t time.Time, up time.Duration) (float64, bool) {
	switch b.axis {
	case AxisWall:
		if t.IsZero() {
			return 0, false
		}
		return float64(t.UnixNano()) / 1e9, true
	case AxisUptime:
		if up < 0 {
			return 0, false
		}
		return up.Seconds(), true
	}
	return 0, false
}

// Panel returns the chart of the JVM whose events were added, with the
// verdict of its summary. The summary must be of the same events, finished.
func (b *ChartBuilder) Panel(s *gclog.Summary) *Panel {
	p := &Panel{Title: Title(s), State: s.Verdict.State, Reason: s.Verdict.Reason, Axis: b.axis, Loc: b.loc,
		Events: b.events, Untimed: b.untimed,
		HeapAfter: b.heap.points(false), Capacity: b.capacity.points(false), FullGC: b.full.points(false),
		Pauses: b.pause.points(true)}
	if p.Loc == nil {
		p.Loc = time.UTC
	}
	v := s.Verdict
	p.Limit = float64(s.Info.HeapMax)
	var last gclog.Point
	for _, pt := range v.Points {
		p.Limit = math.Max(p.Limit, float64(pt.Heap.Capacity))
		if x, ok := b.x(pt.Time, pt.Uptime); ok {
			p.Verdict = append(p.Verdict, XY{x, float64(pt.Heap.After)})
			last = pt
		}
	}
	if p.Limit <= 0 {
		p.Limit = 0
	}
	if (v.State == gclog.StateLeak || v.State == gclog.StateWatch) && v.SlopeBytesPerHour > 0 &&
		len(p.Verdict) >= 2 && p.Limit > 0 {
		slope := v.SlopeBytesPerHour / 3600 // bytes per second
		x0, xl := p.Verdict[0].X, p.Verdict[len(p.Verdict)-1].X
		yl := float64(last.Heap.After)
		at := func(x float64) float64 { return yl + slope*(x-xl) }
		p.Exhaustion = xl + math.Max(0, p.Limit-yl)/slope
		end := math.Min(p.Exhaustion, b.last+math.Max(b.last-b.first, 1))
		end = math.Max(end, xl)
		p.Trend = []XY{{x0, at(x0)}, {end, at(end)}}
	}
	return p
}

// reducer keeps, for each of a fixed number of x buckets, the points with
// the lowest and the highest y. The buckets start at the first x and are
// all the same width; when an x falls past the last bucket, neighbouring
// buckets are merged in pairs and the width doubles, so a series of any
// length and time range is held in the same memory. Points before the
// first x (a log whose clock went back) are counted in the first bucket.
type reducer struct {
	b     []bucket
	x0    float64
	width float64
	used  int // buckets in use: the last non-empty one + 1
	start bool
}

type bucket struct {
	n          int
	minX, minY float64
	maxX, maxY float64
}

// initialBucketWidth is the width of the buckets before the range is known:
// a millisecond, the precision of most GC log time stamps.
const initialBucketWidth = 1e-3

func newReducer(n int) *reducer {
	return &reducer{b: make([]bucket, n), width: initialBucketWidth}
}

func (r *reducer) add(x, y float64) {
	if !r.start {
		r.start, r.x0 = true, x
	}
	i := 0
	if x > r.x0 {
		for {
			f := (x - r.x0) / r.width
			if f < float64(len(r.b)) {
				i = int(f)
				break
			}
			r.grow()
		}
	}
	bk := &r.b[i]
	if bk.n == 0 {
		*bk = bucket{n: 1, minX: x, minY: y, maxX: x, maxY: y}
	} else {
		bk.n++
		if y < bk.minY {
			bk.minX, bk.minY = x, y
		}
		if y > bk.maxY {
			bk.maxX, bk.maxY = x, y
		}
	}
	r.used = max(r.used, i+1)
}

// grow merges buckets in pairs and doubles their width.
func (r *reducer) grow() {
	n := len(r.b)
	for i := 0; i < n/2; i++ {
		r.b[i] = merge(r.b[2*i], r.b[2*i+1])
	}
	if n%2 == 1 { // an odd last bucket has no pair
		r.b[n/2] = r.b[n-1]
		clear(r.b[n/2+1:])
	} else {
		clear(r.b[n/2:])
	}
	r.width *= 2
	r.used = (r.used + 1) / 2
}

func merge(a, b bucket) bucket {
	switch {
	case a.n == 0:
		return b
	case b.n == 0:
		return a
	}
	m := a
	m.n += b.n
	if b.minY < m.minY {
		m.minX, m.minY = b.minX, b.minY
	}
	if b.maxY > m.maxY {
		m.maxX, m.maxY = b.maxX, b.maxY
	}
	return m
}

// points returns the kept points in x order: per bucket the lowest and the
// highest in the order they came, or only the highest.
func (r *reducer) points(maxOnly bool) []XY {
	var out []XY
	for _, bk := range r.b[:r.used] {
		switch {
		case bk.n == 0:
		case maxOnly || (bk.minX == bk.maxX && bk.minY == bk.maxY):
			out = append(out, XY{bk.maxX, bk.maxY})
		case bk.minX <= bk.maxX:
			out = append(out, XY{bk.minX, bk.minY}, XY{bk.maxX, bk.maxY})
		default:
			out = append(out, XY{bk.maxX, bk.maxY}, XY{bk.minX, bk.minY})
		}
	}
	return out
}

// WriteText writes the chart's data as text: what Render draws, in numbers.
// Times are RFC 3339 (wall-clock) or seconds of uptime; sizes are bytes.
func (c *Chart) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	for i, p := range c.Panels {
		if i > 0 {
			ew.printf("\n")
		}
		ew.printf("panel %d: %s\n", i+1, p.Title)
		ew.printf("verdict: %s: %s\n", p.State, p.Reason)
		ew.printf("axis: %s\n", p.Axis)
		ew.printf("events: %d (without a time stamp, not drawn: %d)\n", p.Events, p.Untimed)
		ew.printf("limit: %s\n", strconv.FormatFloat(p.Limit, 'f', 0, 64))
		if p.Exhaustion != 0 {
			ew.printf("exhaustion: %s\n", p.xText(p.Exhaustion))
		}
		for _, s := range []struct {
			name string
			xy   []XY
			prec int
		}{{"heap_after", p.HeapAfter, 0}, {"capacity", p.Capacity, 0}, {"full_gc", p.FullGC, 0},
			{"verdict_points", p.Verdict, 0}, {"trend", p.Trend, 0}, {"pause_s", p.Pauses, 6}} {
			ew.printf("%s (%d points)\n", s.name, len(s.xy))
			for _, xy := range s.xy {
				ew.printf("  %s %s\n", p.xText(xy.X), strconv.FormatFloat(xy.Y, 'f', s.prec, 64))
			}
		}
	}
	return ew.err
}

// xText writes an x value for a person: a time, or seconds of uptime.
func (p *Panel) xText(x float64) string {
	if p.Axis == AxisWall {
		return unixTime(x, p.Loc).Format("2006-01-02T15:04:05.000Z07:00")
	}
	return strconv.FormatFloat(x, 'f', 3, 64) + "s"
}

// unixTime turns an x of AxisWall back into a time, to the microsecond.
func unixTime(x float64, loc *time.Location) time.Time {
	sec := math.Floor(x)
	return time.Unix(int64(sec), int64(math.Round((x-sec)*1e6))*1e3).In(loc)
}

// errWriter keeps the first write error and skips the writes after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
