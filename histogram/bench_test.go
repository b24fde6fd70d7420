package histogram

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// synthetic writes a JDK 17 histogram of n classes; step makes the classes grow.
func synthetic(n, step int) []byte {
	var b bytes.Buffer
	b.WriteString(" num     #instances         #bytes  class name (module)\n-------------------------------------------------------\n")
	var ti, tb int64
	for i := range n {
		inst := int64(n-i) + int64(step*(i%7))
		size := inst * 24
		ti += inst
		tb += size
		fmt.Fprintf(&b, "%4d: %13d  %13d  com.example.generated.pkg%d.Class%d$Inner (app@1.0)\n", i+1, inst, size, i%50, i)
	}
	fmt.Fprintf(&b, "Total %13d  %13d\n", ti, tb)
	return b.Bytes()
}

// BenchmarkTrend parses 100 snapshots of 10,000 classes each and computes
// their trend: the work of `gcwatch histo trend` on a day of snapshots taken
// every 15 minutes of a large application.
func BenchmarkTrend(b *testing.B) {
	const snapshots, classes = 100, 10000
	inputs := make([][]byte, snapshots)
	size := 0
	for i := range inputs {
		inputs[i] = synthetic(classes, i)
		size += len(inputs[i])
	}
	b.SetBytes(int64(size))
	start := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		snaps := make([]*Snapshot, 0, snapshots)
		for i, in := range inputs {
			ss, _, err := ReadAll(bytes.NewReader(in), "bench")
			if err != nil || len(ss) != 1 {
				b.Fatal(err)
			}
			ss[0].Time = start.Add(time.Duration(i) * 15 * time.Minute)
			snaps = append(snaps, ss[0])
		}
		if got := Trend(snaps, Options{}); len(got) != classes {
			b.Fatalf("%d series", len(got))
		}
	}
}

// BenchmarkParse reads one real JDK 17 histogram.
func BenchmarkParse(b *testing.B) {
	in := readInput(b, "jdk17/jmap-all.txt")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, _, err := ReadAll(bytes.NewReader(in), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
