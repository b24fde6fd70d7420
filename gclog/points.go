package gclog

import (
	"slices"
	"time"
	"unsafe"
)

// The points of a summary are kept packed while the log is read: a
// packedPoint holds no pointer, its strings being indexes into a
// pointStrings table. A summary keeps thousands of points (maxPoints of
// each list); as Points (six pointers each) the garbage collector scanned
// them at every cycle and ran write barriers as thinning moved them, a
// tenth of the time of a scan of a -Xlog:gc log, whose every line is an
// event and a quarter of them points. Finish unpacks them.

// packedPoint is a Point without pointers.
type packedPoint struct {
	label, source, name, cause int32 // indexes into pointStrings.strs, by kind
	zone                       int32 // index into pointStrings.zones; -1: no time
	nanos                      int32 // of the time's second
	seconds                    int64 // the time as Unix seconds
	line                       int
	uptime                     time.Duration
	heap, old                  Sizes
	pauseSeconds               float64
	live                       int64
	folded                     int // as Point.folded
}

// pointStrings is the strings and time zones of a summary's points, each
// once. A log has a few of each (labels, names, causes, one or two zones;
// files: those of a rotated set). Labels are known in advance (pointLabels):
// Summary.Add gives a label's index, and strs[pointLabel] starts with them.
// Points of one label most often have the strings of the one before of that
// label (a full collection's name and cause, a mixed one's): those are
// compared first (recent), and only when they differ are the others looked
// at, latest first. (A hash of each string cost more; so did trying the last
// string given of each kind, whatever the label, on a log whose points
// alternate, as G1's cleanups, mixed and full collections do.)
type pointStrings struct {
	strs   [4][]string // by kind: label, source, name, cause
	recent [pointLabels + 1]recentStrings
	zones  []*time.Location
}

// Which string of a point pointStrings.of is asked for.
const (
	pointLabel = iota
	pointSource
	pointName
	pointCause
)

// The labels of the points Summary.Add makes (see Point.Label), by index:
// strs[pointLabel] starts with these, so that a point of Add has its
// label's index without a search.
const (
	labelFull = iota
	labelDegenerated
	labelMixedEnd
	labelCleanup
	labelZGCCycle
	labelMajor
	labelCycle
	labelCMSCycle
	pointLabels // how many
)

var pointLabelNames = [pointLabels]string{"Full", "Degenerated", "Mixed end", "Cleanup", "ZGC cycle", "Major", "Cycle", "CMS cycle"}

// recentStrings is the strings of the last point of a label, and their
// indexes.
type recentStrings struct {
	source, name, cause    string
	sourceI, nameI, causeI int32
	set                    bool // false until the label's first point
}

// labels adds the labels of pointLabelNames first, once.
func (t *pointStrings) labels() {
	if len(t.strs[pointLabel]) == 0 {
		t.strs[pointLabel] = append([]string(nil), pointLabelNames[:]...)
	}
}

// strings returns the indexes of a point's strings, for a point labelled
// label (an index into strs[pointLabel]).
func (t *pointStrings) strings(label int32, source, name, cause string) (sourceI, nameI, causeI int32) {
	// Labels of pointLabelNames have a row each; others, which only tests
	// give, share the last.
	r := &t.recent[min(int(label), pointLabels)]
	if !r.set || !sameString(source, r.source) || !sameString(name, r.name) || !sameString(cause, r.cause) {
		*r = recentStrings{source, name, cause, t.of(pointSource, source), t.of(pointName, name), t.of(pointCause, cause), true}
	}
	return r.sourceI, r.nameI, r.causeI
}

// sameString is a == b, without a call when a and b are the same string:
// the usual case in strings (a file's name, and names and causes the
// parsers intern), where == calls memequal (~15 instructions with the call).
func sameString(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// of returns the index of s among the strings of its kind, adding it when
// it is not there.
func (t *pointStrings) of(kind int, s string) int32 {
	strs := t.strs[kind]
	i := len(strs) - 1
	for i >= 0 && strs[i] != s {
		i--
	}
	if i < 0 {
		i = len(strs)
		t.strs[kind] = append(strs, s)
	}
	return int32(i)
}

// zone returns the index of loc.
func (t *pointStrings) zone(loc *time.Location) int32 {
	for i := len(t.zones) - 1; i >= 0; i-- {
		if t.zones[i] == loc {
			return int32(i)
		}
	}
	t.zones = append(t.zones, loc)
	return int32(len(t.zones) - 1)
}

// pack returns p packed, its strings and zone added to t.
func (t *pointStrings) pack(p Point) packedPoint {
	t.labels()
	q := packedPoint{
		label: t.of(pointLabel, p.Label), zone: -1,
		line: p.Pos.Line, uptime: p.Uptime, heap: p.Heap, old: p.Old,
		pauseSeconds: p.PauseSeconds, live: p.Live, folded: p.folded,
	}
	q.source, q.name, q.cause = t.strings(q.label, p.Pos.Source, p.Name, p.Cause)
	if !p.Time.IsZero() {
		q.zone, q.seconds, q.nanos = t.zone(p.Time.Location()), p.Time.Unix(), int32(p.Time.Nanosecond())
	}
	return q
}

// unpack returns the Point q was packed from.
func (t *pointStrings) unpack(q packedPoint) Point {
	p := Point{
		Label: t.strs[pointLabel][q.label], Pos: Pos{Source: t.strs[pointSource][q.source], Line: q.line}, Uptime: q.uptime,
		Name: t.strs[pointName][q.name], Cause: t.strs[pointCause][q.cause], Heap: q.heap, Old: q.old,
		PauseSeconds: q.pauseSeconds, Live: q.live, folded: q.folded,
	}
	if q.zone >= 0 {
		p.Time = time.Unix(q.seconds, int64(q.nanos)).In(t.zones[q.zone])
	}
	return p
}

// unpackAll returns the Points of pts, nil for none.
func (t *pointStrings) unpackAll(pts []packedPoint) []Point {
	if len(pts) == 0 {
		return nil
	}
	out := make([]Point, len(pts))
	for i, q := range pts {
		out[i] = t.unpack(q)
	}
	return out
}

// Point lists are bounded so that a summary's memory does not grow with the
// log: past maxPoints, the older points (all but the last keepRecent) are
// thinned by keeping the lower of each pair, which keeps the floor the
// verdict judges and halves the count.
const (
	maxPoints  = 16384
	keepRecent = 2048
)

// appendBounded appends *p to pts, thinning them past maxPoints. A
// packedPoint is 15 words, copied once: p is a pointer (as a value it was
// copied to the call's arguments), and the slice is grown before *p is
// copied into it (append(pts, *p) copied *p aside first, lest growing pts
// moved it).
func appendBounded(pts []packedPoint, p *packedPoint) []packedPoint {
	if len(pts) == cap(pts) {
		pts = slices.Grow(pts, 1)
	}
	pts = pts[:len(pts)+1]
	pts[len(pts)-1] = *p
	if len(pts) <= maxPoints {
		return pts
	}
	old := len(pts) - keepRecent
	out := pts[:0]
	for i := 0; i+1 < old; i += 2 {
		// The lower of the pair, the first if equal, copied once (out[j]
		// is pts[2j], read already).
		keep := i
		if pts[i+1].live < pts[i].live {
			keep = i + 1
		}
		folded := pts[i].folded + pts[i+1].folded + 1
		out = append(out, pts[keep])
		out[len(out)-1].folded = folded
	}
	if old%2 == 1 {
		out = append(out, pts[old-1])
	}
	out = append(out, pts[old:]...)
	return out
}
