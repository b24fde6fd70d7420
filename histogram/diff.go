package histogram

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// SortKey orders the rows of a diff or a trend.
type SortKey uint8

const (
	// SortBytes ranks by growth in bytes (diff: the delta; trend: the leak score,
	// bytes per hour weighted by how steadily the class grew).
	SortBytes SortKey = iota
	// SortInstances ranks by growth in instances (diff: the delta; trend: instances per hour).
	SortInstances
	// SortPercent ranks by relative growth (diff: percent change; trend: percent
	// change from the first to the last snapshot).
	SortPercent
)

// ParseSortKey reads "bytes", "instances" or "percent".
func ParseSortKey(s string) (SortKey, error) {
	switch s {
	case "bytes":
		return SortBytes, nil
	case "instances":
		return SortInstances, nil
	case "percent":
		return SortPercent, nil
	}
	return 0, fmt.Errorf("unknown sort %q: want bytes, instances or percent", s)
}

func (k SortKey) String() string {
	switch k {
	case SortInstances:
		return "instances"
	case SortPercent:
		return "percent"
	}
	return "bytes"
}

// Options select and order the rows of Diff and Trend.
type Options struct {
	Sort     SortKey
	Top      int      // keep the first Top rows; 0 keeps all
	MinBytes int64    // leave out classes whose bytes changed by less than this (either way)
	Include  []string // keep only classes matching one of these globs (* and ?); empty keeps all
	Exclude  []string // leave out classes matching one of these globs
}

// keep reports whether a class passes the name filters.
func (o *Options) keep(name string) bool {
	if IsFiller(name) {
		return false
	}
	if len(o.Include) > 0 {
		in := false
		for _, p := range o.Include {
			if Match(p, name) {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	for _, p := range o.Exclude {
		if Match(p, name) {
			return false
		}
	}
	return true
}

// Match reports whether a class name matches a glob: * matches any run of
// characters (dots and $ included), ? any one character, anything else itself.
// "com.acme.*" matches every class under com.acme; "*Session*" any class
// whose name contains Session.
func Match(pattern, name string) bool {
	// Iterative glob with backtracking on the last star.
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == name[n]):
			if pattern[p] == '?' {
				// one character, not one byte
				_, size := utf8.DecodeRuneInString(name[n:])
				n += size
			} else {
				n++
			}
			p++
		case star >= 0:
			p = star + 1
			mark++
			n = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// Value is a class's count in one snapshot. Known is false when the class is
// missing from a truncated snapshot: below its cut-off, not zero.
type Value struct {
	Count
	Known bool
}

// Change is one class in a diff of two snapshots.
type Change struct {
	Rank   int
	Class  string
	Module string
	Before Value
	After  Value
	// Group numbers classes whose instance counts changed by the same amount
	// (at least 100): they usually belong to one leaking structure (an entry
	// class, its HashMap$Node and its String key all +22,000). 0: no group.
	Group int
	// Note says why values are missing: "new" (not in the first snapshot),
	// "gone" (not in the second), "below cut-off before" or "below cut-off
	// after" (missing from a truncated snapshot).
	Note string
}

// DeltaBytes returns After - Before in bytes, and false when either is unknown.
func (c *Change) DeltaBytes() (int64, bool) {
	return c.After.Bytes - c.Before.Bytes, c.Before.Known && c.After.Known
}

// DeltaInstances returns After - Before in instances, and false when either is unknown.
func (c *Change) DeltaInstances() (int64, bool) {
	return c.After.Instances - c.Before.Instances, c.Before.Known && c.After.Known
}

// Percent returns the change in bytes as a percentage of Before, and false
// when it is undefined (unknown values, or nothing before).
func (c *Change) Percent() (float64, bool) {
	d, ok := c.DeltaBytes()
	if !ok || c.Before.Bytes == 0 {
		return 0, false
	}
	return float64(d) * 100 / float64(c.Before.Bytes), true
}

// minGroupDelta is the smallest instance delta that groups classes.
const minGroupDelta = 100

// Diff compares two snapshots class by class: every class of either, minus
// JVM fillers and the classes opt filters out, ranked by opt.Sort (largest
// growth first; unknown deltas last; ties by name).
func Diff(before, after *Snapshot, opt Options) []Change {
	seen := make(map[string]bool, len(after.Classes))
	var out []Change
	addClass := func(name, module string) {
		if seen[name] || !opt.keep(name) {
			return
		}
		seen[name] = true
		var c Change
		c.Class, c.Module = name, module
		b, bk := before.count(name)
		a, ak := after.count(name)
		c.Before = Value{b, bk}
		c.After = Value{a, ak}
		_, inB := before.Lookup(name)
		_, inA := after.Lookup(name)
		switch {
		case !bk:
			c.Note = "below cut-off before"
		case !ak:
			c.Note = "below cut-off after"
		case !inB:
			c.Note = "new"
		case !inA:
			c.Note = "gone"
		}
		if opt.MinBytes > 0 {
			d, ok := c.DeltaBytes()
			if ok && abs(d) < opt.MinBytes {
				return
			}
			if !ok && max(a.Bytes, b.Bytes) < opt.MinBytes {
				return
			}
		}
		out = append(out, c)
	}
	for _, cl := range after.Classes {
		addClass(cl.Name, cl.Module)
	}
	for _, cl := range before.Classes {
		addClass(cl.Name, cl.Module)
	}
	slices.SortFunc(out, func(x, y Change) int {
		kx, okx := diffKey(&x, opt.Sort)
		ky, oky := diffKey(&y, opt.Sort)
		if okx != oky {
			if okx {
				return -1
			}
			return 1
		}
		if r := cmp.Compare(ky, kx); r != 0 {
			return r
		}
		if okx {
			// Same growth: the larger class first.
			if r := cmp.Compare(y.After.Bytes, x.After.Bytes); r != 0 {
				return r
			}
		} else if r := cmp.Compare(max(y.After.Bytes, y.Before.Bytes), max(x.After.Bytes, x.Before.Bytes)); r != 0 {
			return r
		}
		return strings.Compare(x.Class, y.Class)
	})
	if opt.Top > 0 && len(out) > opt.Top {
		out = out[:opt.Top:opt.Top]
	}
	groupByInstances(out)
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

func diffKey(c *Change, k SortKey) (float64, bool) {
	switch k {
	case SortInstances:
		d, ok := c.DeltaInstances()
		return float64(d), ok
	case SortPercent:
		p, ok := c.Percent()
		if !ok && c.Before.Known && c.After.Known && c.After.Bytes > 0 {
			return math.Inf(1), true // new classes grew the most
		}
		return p, ok
	}
	d, ok := c.DeltaBytes()
	return float64(d), ok
}

// groupByInstances numbers the groups of classes sharing an instance delta,
// in rank order.
func groupByInstances(out []Change) {
	count := make(map[int64]int)
	for i := range out {
		if d, ok := out[i].DeltaInstances(); ok && abs(d) >= minGroupDelta {
			count[d]++
		}
	}
	group := make(map[int64]int)
	for i := range out {
		d, ok := out[i].DeltaInstances()
		if !ok || count[d] < 2 {
			continue
		}
		g, ok := group[d]
		if !ok {
			g = len(group) + 1
			group[d] = g
		}
		out[i].Group = g
	}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
