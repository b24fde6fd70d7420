package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gcwatch/gclog"
)

const (
	serialLog    = "../../testdata/jvm/logs/jdk17-serial-slowleak.log"
	parallelLog  = "../../testdata/jvm/logs/jdk17-parallel-slowleak.log"
	goldenEvents = "testdata/events/"
)

func TestEventsFormats(t *testing.T) {
	for _, format := range []string{"csv", "json"} {
		t.Run(format, func(t *testing.T) {
			out, errOut, status := runGcwatch(t, "", "events", "--format", format, serialLog, parallelLog)
			if status != exitOK || errOut != "" {
				t.Errorf("status %d, stderr:\n%s", status, errOut)
			}
			golden(t, goldenEvents+"serial-and-parallel."+format, out)
		})
	}
}

// The CSV has one row per event scan counts, every row as wide as the
// header, for every collector.
func TestEventsCountsMatchScan(t *testing.T) {
	logs, _ := filepath.Glob("../../testdata/jvm/logs/*.log")
	if len(logs) == 0 {
		t.Fatal("no test logs")
	}
	for _, log := range logs {
		t.Run(filepath.Base(log), func(t *testing.T) {
			out, errOut, status := runGcwatch(t, "", "events", log)
			if status != exitOK {
				t.Fatalf("status %d, stderr:\n%s", status, errOut)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(log)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sum, err := gclog.Summarize(gclog.NewReader(f, log), nil, gclog.DefaultVerdictOptions)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows)-1 != sum.Events {
				t.Errorf("%d rows, scan counts %d events", len(rows)-1, sum.Events)
			}
			full := 0
			for _, r := range rows[1:] {
				if r[6] == "full" {
					full++
				}
			}
			if full != sum.FullGCs {
				t.Errorf("%d full rows, scan counts %d", full, sum.FullGCs)
			}
		})
	}
}

func TestEventsStdin(t *testing.T) {
	data, err := os.ReadFile(serialLog)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runGcwatch(t, string(data), "events", "-")
	if status != exitOK || errOut != "" {
		t.Fatalf("status %d stderr %q", status, errOut)
	}
	want, _, _ := runGcwatch(t, "", "events", serialLog)
	// Same rows, with "-" (defused for spreadsheets) as source and jvm.
	want = strings.ReplaceAll(want, serialLog, "'-")
	if out != want {
		t.Errorf("stdin gave other rows:\n%s", out)
	}
}

func TestEventsBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.log")
	text := filepath.Join(dir, "app.log")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(text, []byte("INFO starting\n"), 0o644)
	out, errOut, status := runGcwatch(t, "", "events", empty, filepath.Join(dir, "missing.log"), text, serialLog)
	if status != exitFailed {
		t.Errorf("status %d, want %d", status, exitFailed)
	}
	want := "gcwatch: " + dir + "/missing.log: no such file or directory\n" +
		"gcwatch: " + empty + ": empty file\n" +
		"gcwatch: " + text + ": no GC log format recognised (is it a GC log?)\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	if n := strings.Count(out, "\n"); n != 26 { // header + 25 events of the good log
		t.Errorf("%d lines written", n)
	}
}

func TestEventsUsage(t *testing.T) {
	_, errOut, status := runGcwatch(t, "", "events", "--format", "table", serialLog)
	if status != exitFailed || errOut != "gcwatch: unknown format \"table\" (want csv or json)\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
}

// Unparsed lines are shown as with scan; the events are still written.
func TestEventsUnparsed(t *testing.T) {
	log := "[1.000s][info][gc] Using G1\n[1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice\n" +
		"[1.200s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n"
	out, errOut, status := runGcwatch(t, log, "events", "-f", "json", "-")
	if status != exitOK || errOut != "-:2: cannot read sizes: [1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
	if !strings.Contains(out, `"uptime_s":1.2,`) || !strings.Contains(out, `"heap_after":`+strconv.Itoa(3<<20)) {
		t.Errorf("out %s", out)
	}
}

type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestEventsWriteError(t *testing.T) {
	var errOut strings.Builder
	root := newRootCmd(strings.NewReader(""), brokenPipe{}, &errOut)
	root.SetArgs([]string{"events", "-f", "json", serialLog})
	err := root.Execute()
	if exitCode(err) != exitFailed || err.Error() != "writing events: file already closed" {
		t.Errorf("error %v", err)
	}
}

// A read error part way (a truncated gzip) names the file; the events read
// before it are kept, and the exit status says the job was not done.
func TestEventsTruncatedGzip(t *testing.T) {
	data, err := os.ReadFile(serialLog)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	file := filepath.Join(t.TempDir(), "gc.log.gz")
	os.WriteFile(file, buf.Bytes()[:buf.Len()/2], 0o644)
	out, errOut, status := runGcwatch(t, "", "events", file)
	if status != exitFailed || errOut != "gcwatch: "+file+": unexpected end of compressed data (truncated file?)\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
	if n := strings.Count(out, "\n"); n < 2 || n >= 26 {
		t.Errorf("%d lines written", n)
	}
}
