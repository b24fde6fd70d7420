package gclog

import (
	"bytes"
	"testing"
)

// BenchmarkUnifiedG1SelGC reads a 20 MB G1 -Xlog:gc log, the JVM's default
// selection: one summary line per collection, decorated with uptime, level
// and tags. It reports MB/s.
func BenchmarkUnifiedG1SelGC(b *testing.B) {
	data := benchLog(b, "../testdata/jvm/logs/jdk17-g1-sel-gc.log", 20<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data), "bench.log")
		n := 0
		for r.Scan() {
			n++
		}
		if r.Err() != nil || n == 0 {
			b.Fatalf("%d events, err %v", n, r.Err())
		}
	}
}
