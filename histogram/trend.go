package histogram

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Series is one class across the snapshots of a trend.
type Series struct {
	Rank   int
	Class  string
	Module string
	Values []Value // one per snapshot, in time order

	First, Last Value // the first and last known values
	// BytesPerHour and InstancesPerHour are least-squares slopes over the
	// known values; NaN when the snapshots span no time or fewer than two
	// values are known.
	BytesPerHour     float64
	InstancesPerHour float64
	Grew             int // steps (consecutive known values) in which the class's bytes grew
	Steps            int // steps with both values known
	// Score ranks the series: bytes per hour times the square of the share of
	// steps in which the class grew. A class that grows at every step keeps
	// its slope; one that jumped once in ten steps keeps a hundredth of it.
	// Steady, monotonic growth is the signature of a leak.
	Score float64
}

// Percent returns the change in bytes from First to Last as a percentage of
// First, and false when First is zero or unknown.
func (s *Series) Percent() (float64, bool) {
	if !s.First.Known || !s.Last.Known || s.First.Bytes == 0 {
		return 0, false
	}
	return float64(s.Last.Bytes-s.First.Bytes) * 100 / float64(s.First.Bytes), true
}

// Trend follows every class through snapshots, which must be in time order
// (see SortByTime), and ranks the classes by opt.Sort: SortBytes ranks by
// Score, SortInstances by instances per hour, SortPercent by the change from
// first to last. JVM fillers and the classes opt filters out are left out.
func Trend(snaps []*Snapshot, opt Options) []Series {
	n := len(snaps)
	index := make(map[string]int)
	var out []Series
	for k, s := range snaps {
		for _, c := range s.Classes {
			i, ok := index[c.Name]
			if !ok {
				if !opt.keep(c.Name) {
					index[c.Name] = -1
					continue
				}
				i = len(out)
				index[c.Name] = i
				out = append(out, Series{Class: c.Name, Module: c.Module, Values: make([]Value, n)})
			}
			if i >= 0 {
				out[i].Values[k] = Value{c.Count, true}
			}
		}
	}
	// Hours since the first snapshot.
	hours := make([]float64, n)
	for k, s := range snaps {
		hours[k] = s.Time.Sub(snaps[0].Time).Hours()
	}
	kept := out[:0]
	for _, se := range out {
		for k, s := range snaps {
			if !se.Values[k].Known && s.HasTotal {
				se.Values[k].Known = true // absent from a complete snapshot: zero
			}
		}
		se.fit(hours)
		if opt.MinBytes > 0 && (!se.First.Known || abs(se.Last.Bytes-se.First.Bytes) < opt.MinBytes) {
			continue
		}
		kept = append(kept, se)
	}
	out = kept
	slices.SortFunc(out, func(x, y Series) int {
		kx, ky := trendKey(&x, opt.Sort), trendKey(&y, opt.Sort)
		if r := cmp.Compare(ky, kx); r != 0 {
			return r
		}
		if r := cmp.Compare(y.Last.Bytes, x.Last.Bytes); r != 0 {
			return r
		}
		return strings.Compare(x.Class, y.Class)
	})
	if opt.Top > 0 && len(out) > opt.Top {
		out = out[:opt.Top:opt.Top]
	}
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// trendKey returns the sort key; NaN sorts last.
func trendKey(s *Series, k SortKey) float64 {
	var v float64
	switch k {
	case SortInstances:
		v = s.InstancesPerHour
	case SortPercent:
		p, ok := s.Percent()
		if !ok {
			if s.First.Known && s.First.Bytes == 0 && s.Last.Bytes > 0 {
				return math.MaxFloat64
			}
			return -math.MaxFloat64
		}
		v = p
	default:
		v = s.Score
	}
	if math.IsNaN(v) {
		return -math.MaxFloat64
	}
	return v
}

// fit computes first, last, slopes, steps and score.
func (s *Series) fit(hours []float64) {
	var n, sx, sy, si, sxx, sxy, sxi float64
	prev := -1
	for k, v := range s.Values {
		if !v.Known {
			continue
		}
		if !s.First.Known {
			s.First = v
		}
		s.Last = v
		if prev >= 0 {
			s.Steps++
			if v.Bytes > s.Values[prev].Bytes {
				s.Grew++
			}
		}
		prev = k
		x, y, i := hours[k], float64(v.Bytes), float64(v.Instances)
		n++
		sx += x
		sy += y
		si += i
		sxx += x * x
		sxy += x * y
		sxi += x * i
	}
	den := n*sxx - sx*sx
	if n < 2 || den <= 0 || den < 1e-12*n*sxx {
		s.BytesPerHour, s.InstancesPerHour = math.NaN(), math.NaN()
	} else {
		s.BytesPerHour = (n*sxy - sx*sy) / den
		s.InstancesPerHour = (n*sxi - sx*si) / den
	}
	s.Score = math.NaN()
	if s.Steps > 0 && !math.IsNaN(s.BytesPerHour) {
		f := float64(s.Grew) / float64(s.Steps)
		s.Score = s.BytesPerHour * f * f
	}
}

// SortByTime orders snapshots by Time, keeping the given order for equal
// times.
func SortByTime(snaps []*Snapshot) {
	slices.SortStableFunc(snaps, func(a, b *Snapshot) int { return a.Time.Compare(b.Time) })
}

// Span returns the time between the first and the last snapshot.
func Span(snaps []*Snapshot) time.Duration {
	if len(snaps) == 0 {
		return 0
	}
	return snaps[len(snaps)-1].Time.Sub(snaps[0].Time)
}
