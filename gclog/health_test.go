package gclog

import (
	"maps"
	"math"
	"slices"
	"testing"
	"time"
)

// TestPauseBucket: bucket, from tables, puts every duration where
// bucketByLog, the definition, does: at and around every bucket's lower
// bound, every slot's first duration, and the extremes.
func TestPauseBucket(t *testing.T) {
	var h pauseHistogram
	check := func(d time.Duration) {
		t.Helper()
		if got, want := h.bucket(d), bucketByLog(d); got != want {
			t.Fatalf("bucket(%d) = %d, bucketByLog %d", d, got, want)
		}
	}
	for _, d := range []time.Duration{math.MinInt64, -1, 0, 1, 999, 1000, 1001, time.Second, time.Hour, 100 * time.Hour, math.MaxInt64} {
		check(d)
	}
	for i := 1; i < histBuckets; i++ {
		b := time.Duration(histBounds[i])
		if i > 1 && histBounds[i] <= histBounds[i-1] {
			t.Fatalf("bound %d (%d) not above bound %d (%d)", i, b, i-1, histBounds[i-1])
		}
		if bucketByLog(b) != i || bucketByLog(b-1) != i-1 {
			t.Fatalf("bound %d: %d is in bucket %d, %d in %d", i, b, bucketByLog(b), b-1, bucketByLog(b-1))
		}
		// bucketByLog grows with d (so that bounds are all bucket needs):
		// around each bound, where rounding might make it step back.
		for d := b - 300; d < b+300; d++ {
			if d > time.Microsecond && bucketByLog(d) < bucketByLog(d-1) {
				t.Fatalf("bucketByLog(%d) = %d, below bucketByLog(%d) = %d", d, bucketByLog(d), d-1, bucketByLog(d-1))
			}
			check(d)
		}
	}
	for n := 10; n < 64; n++ {
		for s := range 1 << histSlotBits {
			first := time.Duration((1<<histSlotBits | uint64(s)) << (n - 1 - histSlotBits))
			check(first - 1)
			check(first)
			check(first + 1)
		}
	}
}

// FuzzPauseBucket: bucket is bucketByLog for any duration.
func FuzzPauseBucket(f *testing.F) {
	for _, d := range []int64{0, 999, 1000, 1019, 1020, 1021, 12_735_000, int64(histBounds[600]), math.MaxInt64} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d int64) {
		var h pauseHistogram
		// d, and d folded into the durations below the last bucket (most
		// int64s are above it).
		for _, d := range []time.Duration{time.Duration(d), time.Duration(d) % (2 * time.Duration(histBounds[histBuckets-1]))} {
			if got, want := h.bucket(d), bucketByLog(d); got != want {
				t.Fatalf("bucket(%d) = %d, bucketByLog %d", d, got, want)
			}
		}
	})
}

// TestHealthFlags: an event's flags give a finding each, in the order
// Flag.Names lists them; bits beyond flagNames give none.
func TestHealthFlags(t *testing.T) {
	for f := range Flag(1 << (len(flagNames) + 1)) {
		var h Health
		e := NewEvent("gc.log", 1)
		e.Flags = f
		h.add(e)
		var got []string
		for _, finding := range h.Findings {
			got = append(got, finding.Code)
		}
		if want := f.Names(); !slices.Equal(got, want) {
			t.Fatalf("flags %b: findings %q, want %q", f, got, want)
		}
	}
}

// TestHealthCauses: the causes that make findings make them, unless the
// event's flags made them already.
func TestHealthCauses(t *testing.T) {
	var h Health
	for i, c := range []struct {
		cause string
		flags Flag
	}{
		{"Metadata GC Threshold", 0}, {"Metadata GC Threshold", 0}, {"G1 Humongous Allocation", 0},
		{"G1 Humongous Allocation", FlagHumongous}, {"Metaspace", FlagMetaspace}, {"Metaspace", 0}, {"", 0},
		{"Permanent Generation Full", 0}, {"G1 Humong", 0}, {"G1 Humon", 0}, {"Allocation Failure", 0},
		{"Metaspace ", 0}, {"metaspace", 0},
	} {
		e := NewEvent("gc.log", i+1)
		e.Cause, e.Flags = c.cause, c.flags
		h.add(e)
	}
	counts := map[string]int{}
	for _, f := range h.Findings {
		counts[f.Code] = f.Count
	}
	// (The flags' own findings count too: one humongous, one metaspace.)
	if want := map[string]int{"metaspace": 5, "humongous": 3}; !maps.Equal(counts, want) {
		t.Errorf("findings %v, want %v", counts, want)
	}
}
