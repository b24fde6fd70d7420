package gclog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	kgzip "github.com/klauspost/compress/gzip"

	"gcwatch/internal/benchlog"
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
	benchRead(b, benchLog(b, "../testdata/jvm/logs/jdk17-g1-slowleak.log", 100<<20))
}

// benchRead reads every event of data with a Reader, b.N times, and
// reports MB/s.
func benchRead(b *testing.B, data []byte) {
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

// BenchmarkSummarizeGCOnly is Summarize, parsing and summarising, on one
// core, of 32 MB of a real JDK 17 G1 -Xlog:gc log (the JVM's default
// output: a line per collection, ten times the events a byte of a gc* log)
// in memory, its copies renumbered to read as one run (benchlog).
func BenchmarkSummarizeGCOnly(b *testing.B) {
	one, err := os.ReadFile("../testdata/jvm/logs/jdk17-g1-sel-gc.log")
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	var buf bytes.Buffer
	if _, err := benchlog.Write(&buf, one, 32<<20); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sum, err := Summarize(NewReader(bytes.NewReader(data), "gc.log"), nil, DefaultVerdictOptions)
		if err != nil || sum.Info.Unparsed > 0 || sum.Events == 0 {
			b.Fatalf("%v, %d unparsed, %d events", err, sum.Info.Unparsed, sum.Events)
		}
	}
}

// BenchmarkUnifiedG1Parallel is BenchmarkUnifiedG1 on every core at once,
// each goroutine reading the whole log: with -cpu 2 it is what two cores of
// this machine give for the parser's work when nothing is shared, the
// ceiling for a chunked scan on two cores (vCPUs that are two threads of
// one physical core, or steal, keep it below twice one core's).
func BenchmarkUnifiedG1Parallel(b *testing.B) {
	data := benchLog(b, "../testdata/jvm/logs/jdk17-g1-slowleak.log", 100<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := NewReader(bytes.NewReader(data), "bench.log")
			n := 0
			for r.Scan() {
				n++
			}
			if r.Err() != nil || n == 0 {
				b.Errorf("%d events, err %v", n, r.Err())
				return
			}
		}
	})
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

// gzipLog is the benchmark log gzip-compressed, made once (compressing 100
// MB takes seconds) and kept as a benchmark input.
var gzipLog = sync.OnceValues(func() ([]byte, error) {
	path, err := benchlog.Input("g1-slowleak-100mb.log.gz", func(path string) error {
		one, err := os.ReadFile("../testdata/jvm/logs/jdk17-g1-slowleak.log")
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		for n := 0; n < 100<<20; n += len(one) {
			zw.Write(one)
		}
		if err := zw.Close(); err != nil {
			return err
		}
		return os.WriteFile(path, buf.Bytes(), 0o644)
	})
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
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

// scanLogPath is the 1 GiB log of BenchmarkScanFile, a benchmark input
// (benchlog.Input).
var scanLogPath = sync.OnceValues(func() (string, error) {
	return benchlog.Input("g1-gcstar-1gib.log", func(path string) error {
		one, err := benchSource()
		if err != nil {
			return err
		}
		_, err = benchlog.WriteFile(path, one, 1<<30)
		return err
	})
})

// benchSource is the real one-minute log the 1 GiB benchmark inputs repeat.
func benchSource() ([]byte, error) { return benchlog.Read("../" + benchlog.Path) }

func TestMain(m *testing.M) {
	code := m.Run()
	benchlog.Clean()
	os.Exit(code)
}

// rotatedSetFiles is the rotated set of BenchmarkScanRotated: 1 GiB of the
// log of BenchmarkScanFile (its copies' GC ids moved up, their clocks on)
// in 8 files, each cut after the first line past 128 MB as a JVM's rotation
// cuts (collections split between files), a benchmark input
// (benchlog.Input). The files are in time order.
var rotatedSetFiles = sync.OnceValues(func() ([]string, error) {
	const count = 8
	dir, err := benchlog.Input("g1-gcstar-rotated", func(dir string) error {
		one, err := benchSource()
		if err != nil {
			return err
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			return err
		}
		w := &rotatingWriter{dir: dir, limit: 128 << 20, count: count}
		for n := int64(0); !w.full(); n++ {
			if err := w.write(benchlog.Renumber(one, n)); err != nil {
				return err
			}
		}
		return w.close()
	})
	if err != nil {
		return nil, err
	}
	files := make([]string, count)
	for i := range files {
		files[i] = filepath.Join(dir, rotatedName(i))
	}
	return files, nil
})

// rotatedName is the name of the i'th file of a rotated set, gc.log.i.
func rotatedName(i int) string { return "gc.log." + strconv.Itoa(i) }

// rotatingWriter writes count files gc.log.0, gc.log.1, ... in dir, each
// ending at the first line end past limit bytes; what is written after is
// dropped.
type rotatingWriter struct {
	dir   string
	limit int64
	count int
	files []string
	f     *os.File
	w     *bufio.Writer
	size  int64 // of the current file
}

// full reports whether the last file is written.
func (rw *rotatingWriter) full() bool { return len(rw.files) == rw.count && rw.f == nil }

func (rw *rotatingWriter) write(b []byte) error {
	for len(b) > 0 && !rw.full() {
		if rw.f == nil {
			path := filepath.Join(rw.dir, rotatedName(len(rw.files)))
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			rw.f, rw.w, rw.size = f, bufio.NewWriterSize(f, 1<<20), 0
			rw.files = append(rw.files, path)
		}
		n := len(b)
		if room := rw.limit - rw.size; room < int64(n) {
			n = int(max(room, 0))
			if i := bytes.IndexByte(b[n:], '\n'); i >= 0 {
				n += i + 1
			} else {
				n = len(b)
			}
		}
		if _, err := rw.w.Write(b[:n]); err != nil {
			return err
		}
		rw.size += int64(n)
		b = b[n:]
		if rw.size >= rw.limit {
			if err := rw.close(); err != nil {
				return err
			}
		}
	}
	return nil
}

// close ends the current file.
func (rw *rotatingWriter) close() error {
	if rw.f == nil {
		return nil
	}
	err := rw.w.Flush()
	if cerr := rw.f.Close(); err == nil {
		err = cerr
	}
	rw.f = nil
	return err
}

// BenchmarkScanRotated is `gcwatch scan` of a rotated set of 8 files of
// 128 MB (rotatedSetFiles): read as one stream, in chunks on all cores
// across the files, and summarised. Compare with BenchmarkScanFile, the
// same bytes in one file.
func BenchmarkScanRotated(b *testing.B) {
	files, err := rotatedSetFiles()
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	var size int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		set := Set{Name: files[len(files)-1], Files: files}
		sum, err := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
		if err != nil || sum.Info.Unparsed > 0 {
			b.Fatalf("%v, %d unparsed", err, sum.Info.Unparsed)
		}
	}
}

// benchFile returns the 1 GiB benchmark log, gzip-compressed or not, and
// sets the bytes per op to its uncompressed size.
func benchFile(b *testing.B, gz bool) string {
	b.Helper()
	plain, err := scanLogPath()
	path := plain
	if err == nil && gz {
		path, err = scanGzipPath()
	}
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	st, err := os.Stat(plain)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	return path
}

// benchScan is `gcwatch scan` of path: reading it and summarising.
func benchScan(b *testing.B, path string) {
	for b.Loop() {
		set := Set{Name: path, Files: []string{path}}
		sum, err := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
		if err != nil || sum.Info.Unparsed > 0 {
			b.Fatalf("%v, %d unparsed", err, sum.Info.Unparsed)
		}
	}
}

// BenchmarkScanFile is `gcwatch scan` of a 1 GiB JDK 17 G1
// -Xlog:gc*,safepoint log on disk (in the page cache after the first run):
// reading in chunks on all cores and summarising. With -cpu 1 it is read
// sequentially on one core.
func BenchmarkScanFile(b *testing.B) { benchScan(b, benchFile(b, false)) }

// BenchmarkReadFile is the ceiling for BenchmarkScanFile: reading the same
// file into lines and doing nothing with them, on one core.
func BenchmarkReadFile(b *testing.B) {
	path := benchFile(b, false)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := NewReader(f, path)
		for {
			if _, ok := r.readLine(); !ok {
				break
			}
		}
		f.Close()
	}
}

// scanGzipPath is the 1 GiB log of BenchmarkScanFile, gzip-compressed.
var scanGzipPath = sync.OnceValues(func() (string, error) {
	plain, err := scanLogPath()
	if err != nil {
		return "", err
	}
	return benchlog.Input("g1-gcstar-1gib.log.gz", func(path string) error {
		in, err := os.Open(plain)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		defer out.Close()
		zw := kgzip.NewWriter(out)
		if _, err := io.Copy(zw, in); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		return out.Close()
	})
})

// BenchmarkScanFileGzip is BenchmarkScanFile on the gzip-compressed file:
// decompressed ahead in a goroutine of its own, parsed sequentially on two
// cores, in chunks on more (see startChunks). MB/s are of the uncompressed
// log; compare with BenchmarkGunzipFile.
func BenchmarkScanFileGzip(b *testing.B) { benchScan(b, benchFile(b, true)) }

// BenchmarkGunzipFile is the ceiling for BenchmarkScanFileGzip:
// decompressing the file alone, with the decompressor Open uses.
func BenchmarkGunzipFile(b *testing.B) {
	path := benchFile(b, true)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := kgzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// legacyCorpusUnit is the real JDK 8 G1 and CMS PrintGCDetails logs of the
// shared corpus (benchlog.LegacyCorpus), or nil without the corpus.
func legacyCorpusUnit(b *testing.B) []byte {
	unit, err := benchlog.LegacyCorpus("../../shared/corpus/gclog")
	if err != nil {
		b.Logf("no legacy corpus: %v", err)
		return nil
	}
	return unit
}

// BenchmarkScanLegacyCorpus is `gcwatch scan` of 512 MB of the real JDK 8
// G1 and CMS logs of the shared corpus repeated (as BenchmarkLegacyCorpus
// reads them in memory), a benchmark input: in chunks on all cores, on one
// core sequentially. Legacy chunks are cut at record starts, whatever the
// clock, so the copies' clocks going back do not keep them from meeting.
func BenchmarkScanLegacyCorpus(b *testing.B) {
	unit := legacyCorpusUnit(b)
	if len(unit) == 0 {
		b.Skip("no JDK 8 G1 or CMS logs: shared corpus not found at ../../shared/corpus/gclog")
	}
	path, err := benchlog.Input("legacy-corpus-512mb.log", func(path string) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w := bufio.NewWriterSize(f, 1<<20)
		for size := 0; size < 512<<20; size += len(unit) {
			w.Write(unit)
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Close()
	})
	if err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	benchScan(b, path)
}
