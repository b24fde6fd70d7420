package gclog

import (
	"fmt"
	"math"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fleetLog writes a JDK 6 Parallel GC log (-XX:+PrintGCDetails
// -XX:+PrintGCDateStamps) with a Full GC every interval, leaving the given
// heap sizes (in K) after each, and young collections in between; heap
// capacity 1398144K as on the hosts of design.md.
func fleetLog(start time.Time, interval time.Duration, afterK []int64) string {
	const capK = 1398144
	var b strings.Builder
	b.WriteString("Java HotSpot(TM) 64-Bit Server VM (20.45-b01) for solaris-sparc JRE (1.6.0_45-b06), built on Mar 26 2013 13:08:53 by \"java_re\" with Sun Studio 12u1\n")
	b.WriteString("CommandLine flags: -XX:MaxHeapSize=1431699456 -XX:+PrintGCDateStamps -XX:+PrintGCDetails -XX:+UseParallelGC\n")
	up := 30 * time.Second
	stamp := func() string {
		t := start.Add(up)
		return fmt.Sprintf("%s: %.3f: ", t.Format("2006-01-02T15:04:05.000-0700"), up.Seconds())
	}
	prevAfter := int64(100000)
	for _, after := range afterK {
		// Two young collections, then the full one.
		for i := 0; i < 2; i++ {
			up += interval / 3
			before := prevAfter + 290000
			fmt.Fprintf(&b, "%s[GC [PSYoungGen: 305856K->10240K(305856K)] %dK->%dK(%dK), 0.0512340 secs] [Times: user=0.10 sys=0.00, real=0.05 secs]\n",
				stamp(), before, before-295616, capK)
			prevAfter = before - 295616
		}
		up += interval / 3
		before := capK - 1071
		fmt.Fprintf(&b, "%s[Full GC [PSYoungGen: 10240K->0K(305856K)] [PSOldGen: %dK->%dK(1092288K)] %dK->%dK(%dK) [PSPermGen: 50000K->50000K(65536K)], 3.2154320 secs] [Times: user=3.20 sys=0.01, real=3.22 secs]\n",
			stamp(), before-10240, after, before, after, capK)
		prevAfter = after
	}
	return b.String()
}

func judgeLog(t *testing.T, log string) *Summary {
	t.Helper()
	s, err := Summarize(NewReader(strings.NewReader(log), "fleet.log"), []string{"fleet.log"}, DefaultVerdictOptions)
	if err != nil {
		t.Fatal(err)
	}
	if s.Info.Unparsed != 0 {
		t.Fatalf("unparsed lines: %v", s.Info.UnparsedExamples)
	}
	return s
}

// The fleet of design.md, as JDK 6 Parallel logs over a few days: most hosts
// stay near 10% of the heap after Full GC; host 02 leaks; host 07 sits near
// capacity with Full GCs every 45 minutes; host 09 had one batch job.
func TestVerdictFleet(t *testing.T) {
	start := time.Date(2013, 5, 14, 9, 0, 0, 0, time.FixedZone("", 2*3600))
	rng := rand.New(rand.NewSource(1))
	steady := func(n int) []int64 {
		v := make([]int64, n)
		for i := range v {
			v[i] = 110000 + rng.Int63n(25000)
		}
		return v
	}
	critical := make([]int64, 64)
	for i := range critical {
		critical[i] = 1350000 + rng.Int63n(4000)
	}
	batch := steady(18)
	batch[9] = 905112
	cases := []struct {
		host     string
		interval time.Duration
		after    []int64
		want     State
	}{
		{"app-01", 4 * time.Hour, steady(18), StateHealthy},
		{"app-02", 18 * time.Hour, []int64{116835, 142874, 146435, 374266, 629070}, StateLeak},
		{"app-03", 3 * time.Hour, steady(24), StateHealthy},
		{"app-07", 45 * time.Minute, critical, StateCritical},
		{"app-09", 4 * time.Hour, batch, StateHealthy},
		{"app-11", 18 * time.Hour, []int64{116835, 374266, 629070}, StateWatch},
	}
	for _, c := range cases {
		t.Run(c.host, func(t *testing.T) {
			s := judgeLog(t, fleetLog(start, c.interval, c.after))
			v := s.Verdict
			if v.State != c.want {
				t.Fatalf("verdict %s (%s), want %s", v.State, v.Reason, c.want)
			}
			if s.FullGCs != len(c.after) || s.Info.Collector != "parallel" || s.Info.HeapMax != 1431699456 {
				t.Errorf("full GCs %d collector %q heap max %d", s.FullGCs, s.Info.Collector, s.Info.HeapMax)
			}
			if c.want == StateLeak {
				// 116835K to 629070K over 3 days: tens of MB a day.
				if v.SlopeBytesPerHour < 1<<20 || v.ProjectedExhaustion.IsZero() || v.TimeToExhaustion < 24*time.Hour {
					t.Errorf("slope %.0f B/h, exhaustion %v in %v", v.SlopeBytesPerHour, v.ProjectedExhaustion, v.TimeToExhaustion)
				}
				last := v.Points[len(v.Points)-1]
				if last.Heap.After != 629070*1024 || last.Heap.Capacity != 1398144*1024 {
					t.Errorf("last point %+v", last)
				}
			}
		})
	}
}

// The real runs of testdata/jvm (see its README): every scenario program on
// every collector of JDK 17 and 25 must get its verdict. A slow leak may
// already be critical when its log ends in back-to-back collections.
func TestVerdictRealRuns(t *testing.T) {
	files, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	if len(files) == 0 {
		t.Fatal("no logs in ../testdata/jvm/logs")
	}
	want := func(name string) []State {
		switch {
		case strings.Contains(name, "epsilon"):
			return []State{StateUnknown}
		case strings.Contains(name, "-deco-"), strings.Contains(name, "-sel-"):
			return nil // decoration and selection runs: judged in other tests
		case strings.HasSuffix(name, "-steady.log"), strings.HasSuffix(name, "-periodicgc.log"), strings.HasSuffix(name, "-growrelease.log"):
			return []State{StateHealthy}
		case strings.HasSuffix(name, "-leaktooom.log"):
			return []State{StateCritical}
		case strings.Contains(name, "shenandoahgen"):
			// Generational Shenandoah runs few old cycles in a short run.
			return []State{StateWatch, StateLeak, StateCritical}
		case strings.HasSuffix(name, "-slowleak.log"):
			return []State{StateLeak, StateCritical}
		case strings.HasSuffix(name, "-gentleleak.log"):
			// A leak that stops at half the heap: a leak, nothing worse.
			return []State{StateLeak}
		}
		return nil
	}
	judged := 0
	for _, path := range files {
		name := filepath.Base(path)
		ok := want(name)
		if ok == nil {
			continue
		}
		judged++
		t.Run(name, func(t *testing.T) {
			rc, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			s, err := Summarize(NewReader(rc, path), nil, DefaultVerdictOptions)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(ok, s.Verdict.State) || s.Info.Unparsed != 0 {
				t.Errorf("verdict %s (%s), %d unparsed; want one of %v", s.Verdict.State, s.Verdict.Reason, s.Info.Unparsed, ok)
			}
		})
	}
	if judged < 20 {
		t.Errorf("only %d scenario logs judged", judged)
	}
}

func TestTheilSenIgnoresOutlier(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4, 5, 6}
	ys := []float64{100, 101, 99, 900, 100, 102, 101}
	if s := theilSen(xs, ys); math.Abs(s) > 1 {
		t.Errorf("slope %v with one outlier, want about 0", s)
	}
	ys = []float64{100, 110, 120, 130, 140, 150, 160}
	if s := theilSen(xs, ys); s != 10 {
		t.Errorf("slope %v, want 10", s)
	}
}

func TestVerdictUnknown(t *testing.T) {
	cases := []struct{ log, reason string }{
		{"[0.010s][info][gc] Using G1\n", "no GC events found"},
		{"[0.010s][info][gc] Using G1\n[0.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n",
			"no full collection or completed old-generation cycle in the log: nothing yet shows what stays live"},
		{"[0.100s][info][gc] GC(0) Pause Full (System.gc()) 24M->3M(256M) 12.345ms\n",
			"only one point after old-generation collection (3072K live of 262144K): a trend needs two or more"},
		{"GC(0) Pause Full (System.gc()) 24M->3M(256M) 12.345ms\nGC(1) Pause Full (System.gc()) 24M->4M(256M) 12.345ms\n",
			"the log has no time stamps (decorate it with uptime or time): no trend can be measured"},
	}
	for _, c := range cases {
		s := judgeLog(t, c.log)
		if s.Verdict.State != StateUnknown || s.Verdict.Reason != c.reason {
			t.Errorf("verdict %s %q, want unknown %q", s.Verdict.State, s.Verdict.Reason, c.reason)
		}
	}
}

func TestVerdictOutOfMemory(t *testing.T) {
	log := "[0.100s][info][gc] GC(0) Pause Full (Allocation Failure) 24M->23M(24M) 12.345ms\njava.lang.OutOfMemoryError: Java heap space\n"
	if s := judgeLog(t, log); s.Verdict.State != StateCritical {
		t.Errorf("verdict %s (%s), want critical", s.Verdict.State, s.Verdict.Reason)
	}
}

// A month of points stays bounded, keeps the recent ones whole and the
// floor of the older ones.
func TestPointsBounded(t *testing.T) {
	var strs pointStrings
	var packed []packedPoint
	for i := 0; i < 100000; i++ {
		live := int64(1000 + i%7)
		if i == 500 {
			live = 1 // the lowest point of all must survive thinning
		}
		q := strs.pack(Point{Uptime: time.Duration(i) * time.Second, Live: live})
		packed = appendBounded(packed, &q)
	}
	if len(packed) > maxPoints {
		t.Fatalf("%d points kept, at most %d", len(packed), maxPoints)
	}
	pts := strs.unpackAll(packed)
	if last := pts[len(pts)-1]; last.Uptime != 99999*time.Second {
		t.Errorf("last point %v", last.Uptime)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].Uptime <= pts[i-1].Uptime {
			t.Fatalf("points out of order at %d", i)
		}
	}
	min := pts[0].Live
	for _, p := range pts {
		if p.Live < min {
			min = p.Live
		}
	}
	if min != 1 {
		t.Errorf("lowest point lost: min %d", min)
	}
}

// A G1 log of frequent concurrent cycles has thousands of live-set points: the
// verdict judges the whole window, thinned to its floors, not its last 500
// points (which covered the last 7 of 60 seconds of this leak and said
// healthy). The log is the real one-minute run of testdata/jvm/bench: the
// live set rises from 20% to 45% of the heap.
func TestVerdictManyPoints(t *testing.T) {
	evs, info := readAll(t, "../testdata/jvm/bench/jdk17-g1-gcstar-safepoint-long.log.gz")
	s := NewSummary(nil)
	for _, e := range evs {
		s.Add(e)
	}
	s.Finish(info, DefaultVerdictOptions)
	v := s.Verdict
	if len(s.LiveSet) <= maxWindowPoints {
		t.Fatalf("only %d live-set points: the log no longer tests thinning", len(s.LiveSet))
	}
	if v.State != StateLeak {
		t.Errorf("verdict %s (%s), want leak", v.State, v.Reason)
	}
	if len(v.Points) > maxWindowPoints {
		t.Errorf("%d verdict points, at most %d", len(v.Points), maxWindowPoints)
	}
	first, last := v.Points[0].Uptime, v.Points[len(v.Points)-1].Uptime
	if last-first < 40*time.Second {
		t.Errorf("verdict points span %v to %v: not the whole run", first, last)
	}
	// The reason counts the collections judged, not the thinned points.
	var judged int
	if _, err := fmt.Sscanf(v.Reason[strings.Index(v.Reason, " over ")+1:], "over %d collections", &judged); err != nil ||
		judged <= maxWindowPoints || judged > len(s.LiveSet) {
		t.Errorf("reason %q: want over %d..%d collections", v.Reason, maxWindowPoints+1, len(s.LiveSet))
	}
}

// Points thinned out of a long list are still counted.
func TestAppendBoundedCounts(t *testing.T) {
	var strs pointStrings
	var packed []packedPoint
	for i := range 3 * maxPoints {
		q := strs.pack(Point{Uptime: time.Duration(i) * time.Second, Live: int64(i % 7)})
		packed = appendBounded(packed, &q)
	}
	pts := strs.unpackAll(packed)
	if len(pts) > maxPoints || collections(pts) != 3*maxPoints {
		t.Errorf("%d points standing for %d collections, want at most %d for %d", len(pts), collections(pts), maxPoints, 3*maxPoints)
	}
}

// thin keeps the recent points whole and each older bin's floor.
func TestThin(t *testing.T) {
	var pts []Point
	for i := 0; i < 1000; i++ {
		pts = append(pts, Point{Uptime: time.Duration(i) * time.Second, Live: int64(1000 + i%10)})
	}
	pts[3].Live = 1
	got := thin(pts, 100)
	if len(got) > 100 {
		t.Fatalf("%d points, at most 100", len(got))
	}
	if got[0].Live != 1 && got[1].Live != 1 {
		t.Errorf("the lowest early point was lost: %v, %v", got[0], got[1])
	}
	for i, p := range got[len(got)-20:] {
		if p != pts[980+i] {
			t.Fatalf("recent point %d changed: %v", i, p)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Uptime <= got[i-1].Uptime {
			t.Fatalf("out of order at %d", i)
		}
	}
}
