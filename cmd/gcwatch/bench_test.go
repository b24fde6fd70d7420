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
	"strings"
	"sync"
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
	benchLegacyCommand(b, 0, "scan")
}

// BenchmarkEventsCommandLegacy and BenchmarkPlotCommandLegacy are
// BenchmarkScanCommandLegacy for gcwatch events (CSV to nowhere) and plot
// (a PNG): they cannot fold events into partial summaries as scan does, so
// every event of the chunks in flight waits in memory, the most on legacy
// logs (their events are the biggest).
func BenchmarkEventsCommandLegacy(b *testing.B) {
	benchLegacyCommand(b, 0, "events")
}

func BenchmarkPlotCommandLegacy(b *testing.B) {
	benchLegacyCommand(b, 0, "plot", "-o", filepath.Join(b.TempDir(), "plot.png"))
}

// BenchmarkPlotCommandLegacyEightCores is BenchmarkPlotCommandLegacy with
// GOMAXPROCS=8 for the command, for its peak memory as on eight cores
// (nine chunks in flight), whatever this machine has: memory must not
// grow with cores (plot peaked at 151 MB there until session 10). Its
// MB/s is this machine's.
func BenchmarkPlotCommandLegacyEightCores(b *testing.B) {
	benchLegacyCommand(b, 8, "plot", "-o", filepath.Join(b.TempDir(), "plot.png"))
}

// benchLegacyCommand runs the command of args on 1 GiB of the legacy corpus
// logs with procs cores (0: the benchmark's).
func benchLegacyCommand(b *testing.B, procs int, args ...string) {
	unit, err := benchlog.LegacyCorpus("../../../shared/corpus/gclog")
	if err != nil {
		b.Skipf("shared corpus not found: %v", err)
	}
	benchCommandOf(b, "legacy corpus", func() ([]byte, error) { return unit, nil }, 1<<30, procs, args...)
}

func benchScanCommand(b *testing.B, source string, size int64) {
	benchCommandOf(b, source, func() ([]byte, error) { return benchlog.Read(source) }, size, 0, "scan")
}

// benchCommandOf is the command benchmarks' body: gcwatch with args and
// copies of the log read returns, under the name source, until size bytes,
// with procs cores (0: the benchmark's).
func benchCommandOf(b *testing.B, source string, read func() ([]byte, error), size int64, procs int, args ...string) {
	bin, err := scanBinary()
	if err != nil {
		b.Fatal(err)
	}
	log, n, err := benchLog(source, read, size)
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	if procs == 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	b.SetBytes(n)
	var peak int64
	for b.Loop() {
		peak = max(peak, runOnce(b, procs, bin, append(args, log)...))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// scanBinary is the gcwatch binary, built once into the benchmarks' folder
// (benchlog.Input).
var scanBinary = sync.OnceValues(func() (string, error) {
	return benchlog.Input("gcwatch", func(path string) error {
		if out, err := exec.Command("go", "build", "-o", path, ".").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
		return nil
	})
})

// benchLog returns the benchmark input of copies of the log read returns,
// source its name, until size bytes (benchlog.Input), and its size.
func benchLog(source string, read func() ([]byte, error), size int64) (string, int64, error) {
	name := fmt.Sprintf("cmd-%s-%d.log", strings.ReplaceAll(filepath.Base(source), " ", "-"), size)
	path, err := benchlog.Input(name, func(path string) error {
		one, err := read()
		if err != nil {
			return err
		}
		_, err = benchlog.WriteFile(path, one, size)
		return err
	})
	if err != nil {
		return "", 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", 0, err
	}
	return path, st.Size(), nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchlog.Clean()
	os.Exit(code)
}

// runOnce runs gcwatch with args on procs cores and returns its peak
// resident memory in bytes. Status 2 (scan: a leak suspected) is a
// verdict, not a failure.
//
// The scan is started by a launcher, this test binary in TestPeakLauncher:
// Linux counts in a child's peak the memory of the process it was
// vfork-ed from (os/exec's way), here the benchmark's with its 1 GiB
// input written; the launcher is small.
func runOnce(b *testing.B, procs int, bin string, args ...string) int64 {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run", "^TestPeakLauncher$", "--", bin}, args...)...)
	cmd.Env = append(os.Environ(), peakLaunch+"=1", fmt.Sprintf("GOMAXPROCS=%d", procs))
	out, err := cmd.CombinedOutput()
	var status int
	var peak int64
	if _, perr := fmt.Sscanf(string(launcherLine(out)), "status %d peak %d", &status, &peak); err != nil || perr != nil {
		b.Fatalf("launching gcwatch %s: %v %v\n%s", args[0], err, perr, out)
	}
	if status != 0 && status != 2 {
		b.Fatalf("gcwatch %s: status %d\n%s", args[0], status, out)
	}
	return peak
}

// peakLaunch names the environment variable that makes TestPeakLauncher
// run the command of the test binary's arguments.
const peakLaunch = "GCWATCH_PEAK_LAUNCH"

// TestPeakLauncher is the command benchmarks' launcher, a no-op otherwise:
// with $GCWATCH_PEAK_LAUNCH set it runs the command of its arguments (after
// "--"), its output on stderr, and ends its output with "status S peak
// BYTES".
func TestPeakLauncher(t *testing.T) {
	args := flag.Args()
	if os.Getenv(peakLaunch) == "" || len(args) < 2 {
		t.Skip("runs only as the command benchmarks' launcher")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	peak, ok := peakBytes(cmd.ProcessState)
	if !ok {
		t.Fatal("no peak resident memory on this system")
	}
	fmt.Printf("\nstatus %d peak %d\n", cmd.ProcessState.ExitCode(), peak)
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
