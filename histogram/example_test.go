package histogram_test

import (
	"fmt"
	"strings"

	"gcwatch/histogram"
)

const before = `12345:
 num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:         22586        1099792  [B (java.base@17.0.15)
   2:          2000          48000  com.acme.SessionEntry
   3:          2000          64000  java.util.HashMap$Node (java.base@17.0.15)
Total         26586        1211792
`

const after = `12345:
 num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:         24586        1227792  [B (java.base@17.0.15)
   2:          4000          96000  com.acme.SessionEntry
   3:          4000         128000  java.util.HashMap$Node (java.base@17.0.15)
Total         32586        1451792
`

func ExampleReader() {
	r := histogram.NewReader(strings.NewReader(before), "before.txt")
	for r.Scan() {
		s := r.Snapshot()
		fmt.Println(s.Format, "pid", s.PID, "JDK", s.JVM)
		for _, c := range s.Classes {
			fmt.Println(c.Name, c.Instances, c.Bytes)
		}
	}
	if err := r.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// hotspot-modules pid 12345 JDK 17.0.15
	// byte[] 22586 1099792
	// com.acme.SessionEntry 2000 48000
	// java.util.HashMap$Node 2000 64000
}

func ExampleDiff() {
	a, _, _ := histogram.ReadAll(strings.NewReader(before), "before.txt")
	b, _, _ := histogram.ReadAll(strings.NewReader(after), "after.txt")
	for _, c := range histogram.Diff(a[0], b[0], histogram.Options{Sort: histogram.SortBytes}) {
		d, _ := c.DeltaBytes()
		n, _ := c.DeltaInstances()
		fmt.Printf("%d %s %+d bytes %+d instances group %d\n", c.Rank, c.Class, d, n, c.Group)
	}
	// Output:
	// 1 byte[] +128000 bytes +2000 instances group 1
	// 2 java.util.HashMap$Node +64000 bytes +2000 instances group 1
	// 3 com.acme.SessionEntry +48000 bytes +2000 instances group 1
}

func ExampleCanonical() {
	fmt.Println(histogram.Canonical("[Ljava.lang.String;"))
	fmt.Println(histogram.Canonical("com.acme.Foo$$Lambda$12/0x00007fa530005410"))
	fmt.Println(histogram.Canonical("* ConstMethodKlass"))
	// Output:
	// java.lang.String[]
	// com.acme.Foo$$Lambda
	// <constMethodKlass>
}

func ExampleTrend() {
	var snaps []*histogram.Snapshot
	for i, n := range []int{1000, 2000, 3000, 4000} {
		in := fmt.Sprintf(" num     #instances         #bytes  class name\n---\n   1:  %d  %d  com.acme.Leak\n   2:  10  %d  com.acme.Jump\nTotal %d %d\n",
			n, n*16, 160+boolInt(i >= 2)*100000, n+10, n*16+160+boolInt(i >= 2)*100000)
		s, _, _ := histogram.ReadAll(strings.NewReader(in), fmt.Sprintf("histo-2026-11-22T0%d:00:00Z.txt", i))
		s[0].Time, _ = histogram.TimeFromName(s[0].Source, nil)
		snaps = append(snaps, s[0])
	}
	for _, s := range histogram.Trend(snaps, histogram.Options{}) {
		fmt.Printf("%d %s %.0f bytes/h, grew in %d of %d steps\n", s.Rank, s.Class, s.BytesPerHour, s.Grew, s.Steps)
	}
	// Output:
	// 1 com.acme.Leak 16000 bytes/h, grew in 3 of 3 steps
	// 2 com.acme.Jump 40000 bytes/h, grew in 1 of 3 steps
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
