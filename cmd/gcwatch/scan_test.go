package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	leakLog    = "../../testdata/jvm/logs/jdk17-serial-slowleak.log"
	zgcLog     = "../../testdata/jvm/logs/jdk17-zgc-slowleak.log"
	goldenScan = "testdata/scan/"
)

func TestScanFormats(t *testing.T) {
	for _, format := range []string{"table", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			out, errOut, status := runGcwatch(t, "", "scan", "--format", format, leakLog, zgcLog)
			if status != exitProblem {
				t.Errorf("status %d, want %d (a leak); stderr:\n%s", status, exitProblem, errOut)
			}
			golden(t, goldenScan+"leak-and-zgc."+format, out)
			if errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// Bad paths are reported on stderr with their names; the good file is still
// scanned and reported; the exit status says the job was not done in full.
func TestScanBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.log", nil)
	binary := write("core.bin", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00garbage\x00\x00\n"))
	text := write("app.log", []byte("INFO starting\nINFO ready\n"))
	os.Mkdir(filepath.Join(dir, "nologs"), 0o755)
	healthy := "../../testdata/jvm/logs/jdk17-g1-steady.log"
	out, errOut, status := runGcwatch(t, "", "scan", empty, binary, text, filepath.Join(dir, "missing.log"),
		filepath.Join(dir, "nologs"), healthy)
	if status != exitFailed {
		t.Errorf("status %d, want %d", status, exitFailed)
	}
	want := []string{
		"gcwatch: " + dir + "/missing.log: no such file or directory",
		"gcwatch: " + dir + "/nologs: folder holds no files",
		"gcwatch: " + empty + ": empty file",
		"gcwatch: " + binary + ": binary data, not a GC log",
		"gcwatch: " + text + ": no GC log format recognised (is it a GC log?)",
	}
	if got := strings.Split(strings.TrimSpace(errOut), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(want, "\n"))
	}
	if !strings.Contains(out, healthy) {
		t.Errorf("the readable log was not reported:\n%s", out)
	}
}

func TestScanStdin(t *testing.T) {
	data, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	out, _, status := runGcwatch(t, string(data), "scan", "--host", "app-07", "--format", "json", "-")
	if status != exitProblem || !strings.Contains(out, `"host": "app-07"`) || !strings.Contains(out, `"source": [
        "-"
      ]`) {
		t.Errorf("status %d, output:\n%s", status, out)
	}
}

func TestScanStrict(t *testing.T) {
	log := "[1.000s][info][gc] Using G1\n[1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice\n" +
		"[1.200s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n"
	_, errOut, status := runGcwatch(t, log, "scan", "-")
	if status != exitOK {
		t.Errorf("without --strict: status %d, want 0", status)
	}
	want := "-:2: cannot read sizes: [1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice\n"
	if errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	out, _, _ := runGcwatch(t, log, "scan", "--format", "json", "-")
	if !strings.Contains(out, `"unparsed_by_file": {
        "-": 1
      }`) {
		t.Errorf("unparsed lines not counted per file:\n%s", out)
	}
	_, _, status = runGcwatch(t, log, "scan", "--strict", "-")
	if status != exitFailed {
		t.Errorf("with --strict: status %d, want 1", status)
	}
}

func TestScanUsage(t *testing.T) {
	_, errOut, status := runGcwatch(t, "", "scan", "--format", "xml", leakLog)
	if status != exitFailed || errOut != "gcwatch: unknown format \"xml\" (want table, json or csv)\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
	_, errOut, status = runGcwatch(t, "", "scan", "--near-full", "1.5", leakLog)
	if status != exitFailed || errOut != "gcwatch: --near-full must be in (0,1], --min-rise in [0,1), --window 0 or more\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
	_, errOut, status = runGcwatch(t, "", "scan")
	if status != exitFailed || !strings.Contains(errOut, "requires at least 1 arg") {
		t.Errorf("status %d stderr %q", status, errOut)
	}
}
