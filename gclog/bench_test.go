package gclog

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"sync"
	"testing"

	kgzip "github.com/klauspost/compress/gzip"
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

// gzipLog is the benchmark log gzip-compressed, made once: compressing 100 MB
// takes seconds.
var gzipLog = sync.OnceValues(func() ([]byte, error) {
	one, err := os.ReadFile("../testdata/jvm/logs/jdk17-g1-slowleak.log")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for n := 0; n < 100<<20; n += len(one) {
		zw.Write(one)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
})

// benchGzip returns the gzip-compressed log and sets the bytes per op to its
// uncompressed size, so that MB/s compare with BenchmarkUnifiedG1.
func benchGzip(b *testing.B) []byte {
	b.Helper()
	data, err := gzipLog()
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ResetTimer()
	return data
}

// BenchmarkUnifiedG1Gzip reads the same log gzip-compressed, through
// Decompress as Open does; compare with BenchmarkGunzip.
func BenchmarkUnifiedG1Gzip(b *testing.B) {
	data := benchGzip(b)
	for i := 0; i < b.N; i++ {
		zr, err := Decompress(io.NopCloser(bytes.NewReader(data)))
		if err != nil {
			b.Fatal(err)
		}
		r := NewReader(zr, "bench.log.gz")
		n := 0
		for r.Scan() {
			n++
		}
		if r.Err() != nil || n == 0 {
			b.Fatalf("%d events, err %v", n, r.Err())
		}
	}
}

// BenchmarkGunzip is the ceiling for BenchmarkUnifiedG1Gzip: decompressing
// alone, with the decompressor Decompress uses.
func BenchmarkGunzip(b *testing.B) {
	data := benchGzip(b)
	for i := 0; i < b.N; i++ {
		zr, err := kgzip.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
			b.Fatal(err)
		}
	}
}
