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
	in, err := scanCommandInput()
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	b.SetBytes(in.size)
	var peak int64
	for b.Loop() {
		peak = max(peak, scanOnce(b, in.bin, in.log))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// scanCommandInput is BenchmarkScanCommand's binary and log, made once per
// test binary run (-count and -cpu call the benchmark again) in a temporary
// folder that TestMain removes.
var scanCommandInput = sync.OnceValues(func() (in struct {
	bin, log string
	size     int64
}, err error) {
	one, err := benchlog.Read(filepath.Join("../..", benchlog.Path))
	if err != nil {
		return in, err
	}
	dir, err := os.MkdirTemp("", "gcwatch-bench-cmd-*")
	if err != nil {
		return in, err
	}
	benchDirs = append(benchDirs, dir)
	in.bin, in.log = filepath.Join(dir, "gcwatch"), filepath.Join(dir, "gc.log")
	if out, err := exec.Command("go", "build", "-o", in.bin, ".").CombinedOutput(); err != nil {
		return in, fmt.Errorf("go build: %v\n%s", err, out)
	}
	f, err := os.Create(in.log)
	if err != nil {
		return in, err
	}
	in.size, err = benchlog.Write(f, one, 1<<30)
	if err == nil {
		err = f.Close()
	}
	return in, err
})

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
