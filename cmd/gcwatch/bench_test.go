package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"gcwatch/internal/benchlog"
)

// BenchmarkScanCommand is issue 9's end-to-end figure: the gcwatch binary
// scanning a 1 GiB JDK 17 G1 -Xlog:gc*,safepoint log (the real bench log's
// copies, one run whose clock and GC ids go on), in its own process with
// the benchmark's GOMAXPROCS. Besides MB/s it reports the process's peak
// resident memory (target: under 100 MB for any log size) as peak-MB.
func BenchmarkScanCommand(b *testing.B) {
	benchScanCommand(b, filepath.Join("../..", benchlog.Path), 1<<30)
}

// BenchmarkScanCommandGCOnly is BenchmarkScanCommand on 512 MB of a
// -Xlog:gc log (the JVM's default: a line per collection, ten times the
// events a byte), made from a real one of testdata: the log whose events
// weigh most on memory.
func BenchmarkScanCommandGCOnly(b *testing.B) {
	benchScanCommand(b, "../../testdata/jvm/logs/jdk17-g1-sel-gc.log", 512<<20)
}

// BenchmarkScanCommandLegacy is BenchmarkScanCommand on 1 GiB of the real
// JDK 8 G1 and CMS logs of the shared corpus repeated: legacy logs' peak
// memory (a chunked scan of them grew with the file until session 7).
func BenchmarkScanCommandLegacy(b *testing.B) {
	unit, err := benchlog.LegacyCorpus("../../../shared/corpus/gclog")
	if err != nil {
		b.Skipf("shared corpus not found: %v", err)
	}
	benchScanCommandOf(b, "legacy corpus", func() ([]byte, error) { return unit, nil }, 1<<30)
}

func benchScanCommand(b *testing.B, source string, size int64) {
	benchScanCommandOf(b, source, func() ([]byte, error) { return benchlog.Read(source) }, size)
}

// benchScanCommandOf is the scan benchmarks' body: copies of the log read
// returns, under the name source, until size bytes.
func benchScanCommandOf(b *testing.B, source string, read func() ([]byte, error), size int64) {
	bin, err := scanBinary()
	if err != nil {
		b.Fatal(err)
	}
	log, n, err := benchLog(source, read, size)
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	b.SetBytes(n)
	var peak int64
	for b.Loop() {
		peak = max(peak, scanOnce(b, bin, log))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// benchDir is the benchmarks' temporary folder, made once per test binary
// run (-count and -cpu call a benchmark again); TestMain removes it.
var benchDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gcwatch-bench-cmd-*")
	if err == nil {
		benchDirs = append(benchDirs, dir)
	}
	return dir, err
})

// scanBinary is the gcwatch binary, built once into benchDir.
var scanBinary = sync.OnceValues(func() (string, error) {
	dir, err := benchDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "gcwatch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// benchLogs are the logs benchLog wrote, by source.
var benchLogs = map[string]benchFile{}

// benchFile is a log written for the benchmarks, and its size.
type benchFile struct {
	path string
	size int64
}

// benchLog writes copies of the log read returns into benchDir until size
// bytes, once per source (the log's name), and returns the file and its
// size.
func benchLog(source string, read func() ([]byte, error), size int64) (string, int64, error) {
	if l, ok := benchLogs[source]; ok {
		return l.path, l.size, nil
	}
	one, err := read()
	if err != nil {
		return "", 0, err
	}
	dir, err := benchDir()
	if err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, fmt.Sprintf("log-%d.log", len(benchLogs)))
	n, err := benchlog.WriteFile(path, one, size)
	if err != nil {
		return "", 0, err
	}
	benchLogs[source] = benchFile{path, n}
	return path, n, nil
}

// benchDirs are the benchmarks' temporary folders, removed when the tests
// end.
var benchDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range benchDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// scanOnce runs gcwatch scan on log and returns its peak resident memory in
// bytes. Status 2 (a leak suspected) is a verdict, not a failure.
//
// The scan is started by a launcher, this test binary in TestPeakLauncher:
// Linux counts in a child's peak the memory of the process it was
// vfork-ed from (os/exec's way), here the benchmark's with its 1 GiB
// input written; the launcher is small.
func scanOnce(b *testing.B, bin, log string) int64 {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestPeakLauncher$", "--", bin, "scan", log)
	cmd.Env = append(os.Environ(), peakLaunch+"=1", fmt.Sprintf("GOMAXPROCS=%d", runtime.GOMAXPROCS(0)))
	out, err := cmd.CombinedOutput()
	var status int
	var peak int64
	if _, perr := fmt.Sscanf(string(launcherLine(out)), "status %d peak %d", &status, &peak); err != nil || perr != nil {
		b.Fatalf("launching gcwatch scan: %v %v\n%s", err, perr, out)
	}
	if status != 0 && status != 2 {
		b.Fatalf("gcwatch scan: status %d\n%s", status, out)
	}
	return peak
}

// peakLaunch names the environment variable that makes TestPeakLauncher
// run the command of the test binary's arguments.
const peakLaunch = "GCWATCH_PEAK_LAUNCH"

// TestPeakLauncher is BenchmarkScanCommand's launcher, a no-op otherwise:
// with $GCWATCH_PEAK_LAUNCH set it runs the command of its arguments (after
// "--"), its output on stderr, and ends its output with "status S peak
// BYTES".
func TestPeakLauncher(t *testing.T) {
	args := flag.Args()
	if os.Getenv(peakLaunch) == "" || len(args) < 2 {
		t.Skip("runs only as BenchmarkScanCommand's launcher")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no resource usage")
	}
	fmt.Printf("\nstatus %d peak %d\n", cmd.ProcessState.ExitCode(), usage.Maxrss<<10) // kilobytes on Linux
}

// launcherLine is the line of out that TestPeakLauncher ends with (the
// test binary writes PASS after it).
func launcherLine(out []byte) []byte {
	for line := range bytes.Lines(out) {
		if bytes.HasPrefix(line, []byte("status ")) {
			return line
		}
	}
	return nil
}
