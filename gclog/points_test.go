package gclog

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestEventPoint: eventPoint, which packs the point of an event directly,
// gives the point that newPoint makes and pack packs, for every event of
// every log, under every label, with strings and zones added in the same
// order to two tables.
func TestEventPoint(t *testing.T) {
	logs := projectLogs(t, "../testdata/gclog/*/*",
		"hotspot-unified", "hotspot-legacy", "hp", "ibm-legacy", "jrockit", "openj9", "other")
	if testing.Short() || raceBuild {
		logs = logs[:min(len(logs), 40)]
	}
	points := 0
	for _, path := range logs {
		var direct, general pointStrings
		r := NewSetReader(Set{Name: path, Files: []string{path}}.Inputs(nil))
		for r.Scan() {
			e := r.Event()
			for label := range int32(pointLabels) {
				var q packedPoint
				ok := direct.eventPoint(&q, label, e)
				p, wantOK := newPoint(pointLabelNames[label], e)
				got, want := direct.unpack(q), general.unpack(general.pack(p))
				if ok != wantOK || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s:%d, label %q: eventPoint gives\n%+v, %v; newPoint and pack\n%+v, %v", path, e.Line, pointLabelNames[label], got, ok, want, wantOK)
				}
				if ok {
					points++
				}
			}
		}
	}
	if points == 0 {
		t.Fatal("no point compared")
	}
}

// A point comes back from packing as it was: strings, position, sizes, and
// its time in its own zone, or none.
func TestPackedPointRoundTrip(t *testing.T) {
	paris := time.FixedZone("", 2*3600)
	pts := []Point{
		{Label: "Full", Pos: Pos{"gc.log", 12}, Uptime: 3 * time.Second, Time: time.Date(2024, 5, 6, 7, 8, 9, 123e6, paris),
			Name: "Pause Full", Cause: "System.gc()", Heap: Sizes{300, 100, 400}, Old: Sizes{200, 90, 300}, PauseSeconds: 0.25, Live: 100},
		{Label: "Cleanup", Pos: Pos{"gc.log.1", 7}, Uptime: -1, Heap: Sizes{5, 4, 6}, Old: NoSizes, Live: 4},
		{Label: "Full", Pos: Pos{"gc.log", 99}, Time: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), Live: 1},
		{Label: "Mixed end", Pos: Pos{"gc.log", 100}, Time: time.Date(2024, 5, 6, 7, 8, 9, 999999999, time.UTC), Name: "Pause Young (Mixed)", Live: 3},
		{Label: "Full", Pos: Pos{"gc.log", 101}, Time: time.Date(2262, 5, 6, 7, 8, 9, 5, time.Local), Name: "Pause Full", Cause: "System.gc()", Live: 2, folded: 3},
	}
	var strs pointStrings
	packed := make([]packedPoint, len(pts))
	for i, p := range pts {
		packed[i] = strs.pack(p)
	}
	for i, got := range strs.unpackAll(packed) {
		if got != pts[i] {
			t.Errorf("point %d:\n got %+v\nwant %+v", i, got, pts[i])
		}
	}
	for kind, want := range []int{pointLabels, 2, 3, 2} { // (the labels Add gives first)
		if got := strs.strs[kind]; len(got) != want {
			t.Errorf("strings of kind %d: %q, want %d, each once", kind, got, want)
		}
	}
	if len(strs.zones) != 3 {
		t.Errorf("%d zones, want 3, each once", len(strs.zones))
	}
}

// packedPoint holds no pointer: the garbage collector does not scan the
// points a summary keeps (points.go). A string or time added to it would.
func TestPackedPointHasNoPointers(t *testing.T) {
	typ := reflect.TypeFor[packedPoint]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float64:
		case reflect.Struct:
			if f.Type != reflect.TypeFor[Sizes]() {
				t.Errorf("field %s is a %v", f.Name, f.Type)
			}
		default:
			t.Errorf("field %s is a %v", f.Name, f.Type)
		}
	}
}

// sameString is ==, whether the strings share their bytes or not.
func TestSameString(t *testing.T) {
	name := "Pause Young (Normal)"
	copied := string([]byte(name))
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{name, name, true}, {name, copied, true}, {name, name[:5], false}, {name[:5], "Pause", true},
		{name, "Pause Young (Mixed) ", false}, {"", "", true}, {"", name[:0], true}, {name[6:11], "Young", true},
	} {
		if got := sameString(c.a, c.b); got != c.want {
			t.Errorf("sameString(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// thinReference is appendBounded's thinning as it was first written: each
// older pair gives its lower point (the first if equal), which counts the
// other as folded.
func thinReference(pts []packedPoint) []packedPoint {
	if len(pts) <= maxPoints {
		return pts
	}
	old := len(pts) - keepRecent
	var out []packedPoint
	for i := 0; i+1 < old; i += 2 {
		a, b := pts[i], pts[i+1]
		if b.live < a.live {
			a, b = b, a
		}
		a.folded += b.folded + 1
		out = append(out, a)
	}
	if old%2 == 1 {
		out = append(out, pts[old-1])
	}
	return append(out, pts[old:]...)
}

// appendBounded thins as thinReference does, ties and odd counts included.
func TestAppendBoundedThins(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var got, want []packedPoint
	for i := range 5 * maxPoints {
		q := packedPoint{line: i, live: rng.Int64N(4), folded: int(rng.Int64N(2))}
		got = appendBounded(got, &q)
		want = thinReference(append(want, q))
		if i%997 == 0 || len(got) != len(want) {
			if !slices.Equal(got, want) {
				t.Fatalf("after %d points: appendBounded and thinReference differ", i+1)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatal("appendBounded and thinReference differ")
	}
}
