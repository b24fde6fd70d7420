package gclog

import (
	"bytes"
	"os"
	"testing"
)

// benchLog builds a realistic log of at least size bytes in memory by
// repeating a real JDK 17 G1 -Xlog:gc*,safepoint log made on this project's
// machine (see testdata/jvm/README.md).
func benchLog(b *testing.B, path string, size int) []byte {
	b.Helper()
	one, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	var buf bytes.Buffer
	for buf.Len() < size {
		buf.Write(one)
	}
	return buf.Bytes()
}

// BenchmarkUnifiedG1 reads a 100 MB G1 -Xlog:gc* log; it reports MB/s.
func BenchmarkUnifiedG1(b *testing.B) {
	data := benchLog(b, "../testdata/jvm/logs/jdk17-g1-slowleak.log", 100<<20)
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

// BenchmarkLineCeiling is the ceiling the parsers work against: splitting
// the same 100 MB into lines and doing nothing with them.
func BenchmarkLineCeiling(b *testing.B) {
	data := benchLog(b, "../testdata/jvm/logs/jdk17-g1-slowleak.log", 100<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data), "bench.log")
		n := 0
		for {
			if _, ok := r.readLine(); !ok {
				break
			}
			n++
		}
		if n == 0 {
			b.Fatal("no lines")
		}
	}
}
