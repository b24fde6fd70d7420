package gclog

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
)

// A G1 young pause as JDK 17 writes it under -Xlog:gc*, without decorations.
const g1Pause = `GC(3) Pause Young (Normal) (G1 Evacuation Pause)
GC(3) Eden regions: 6->0(17)
GC(3) Survivor regions: 0->1(1)
GC(3) Old regions: 2->3
GC(3) Humongous regions: 0->0
GC(3) Metaspace: 74K(320K)->74K(320K) NonClass: 71K(192K)->71K(192K) Class: 3K(128K)->3K(128K)
GC(3) Pause Young (Normal) (G1 Evacuation Pause) 6M->1M(64M) 2.207ms
GC(3) User=0.00s Sys=0.00s Real=0.00s
`

func readString(t *testing.T, log string) ([]*Event, *Info) {
	t.Helper()
	return readStream(t, NewReader(strings.NewReader(log), "test.log"))
}

// Every decoration the JVM offers, alone and together, in front of the same
// summary line: the event must read the same, with the times each gives.
func TestUnifiedDecorations(t *testing.T) {
	const msg = "GC(3) Pause Full (System.gc()) 20M->5M(64M) 12.500ms"
	wall := time.Date(2026, 11, 22, 5, 34, 57, 257e6, time.UTC)
	cases := []struct {
		name, prefix string
		uptime       time.Duration
		time         time.Time
		host, pid    string
	}{
		{"none", "", -1, time.Time{}, "", ""},
		{"uptime", "[1.234s] ", 1234 * time.Millisecond, time.Time{}, "", ""},
		{"uptime-comma", "[1,234s] ", 1234 * time.Millisecond, time.Time{}, "", ""},
		{"uptimemillis", "[1234ms] ", 1234 * time.Millisecond, time.Time{}, "", ""},
		{"uptimenanos", "[1234567890ns] ", 1234567890, time.Time{}, "", ""},
		{"time", "[2026-11-22T06:34:57.257+0100] ", -1, wall, "", ""},
		{"utctime", "[2026-11-22T05:34:57.257+0000] ", -1, wall, "", ""},
		{"timemillis", "[1795325697257ms] ", -1, wall, "", ""},
		{"timenanos", "[1454809302423ns] ", 1454809302423, time.Time{}, "", ""},
		{"hostname", "[app-07.example.org] ", -1, time.Time{}, "app-07.example.org", ""},
		{"pid", "[4242] ", -1, time.Time{}, "", "4242"},
		{"pid-tid", "[4242][4243] ", -1, time.Time{}, "", "4242"},
		{"level", "[info] ", -1, time.Time{}, "", ""},
		{"level-jdk25", "[info ] ", -1, time.Time{}, "", ""},
		{"tags", "[gc] ", -1, time.Time{}, "", ""},
		{"tags-padded", "[gc          ] ", -1, time.Time{}, "", ""},
		{"default", "[1.234s][info][gc] ", 1234 * time.Millisecond, time.Time{}, "", ""},
		{"all", "[2026-11-22T06:34:57.257+0100][2026-11-22T05:34:57.257+0000][1.234s][1795325697257ms][1234ms][1454809302423ns][1234567890ns][app-07][4242][4243][info ][gc,start    ] ",
			1234 * time.Millisecond, wall, "app-07", "4242"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs, info := readString(t, c.prefix+"Using G1\n"+c.prefix+msg+"\n")
			if info.Unparsed != 0 || info.Foreign != 0 || len(evs) != 1 {
				t.Fatalf("got %d events, %d unparsed, %d foreign; want 1, 0, 0\n%s", len(evs), info.Unparsed, info.Foreign, dump(evs, info))
			}
			e := evs[0]
			if e.Uptime != c.uptime || !e.Time.Equal(c.time) || info.Host != c.host || info.PID != c.pid {
				t.Errorf("uptime %v time %v host %q pid %q; want %v %v %q %q", e.Uptime, e.Time, info.Host, info.PID, c.uptime, c.time, c.host, c.pid)
			}
			want := "test.log:2 id=3 full \"Pause Full\" cause=\"System.gc()\" pause=12.5ms heap=20480K->5120K(65536K) flags=system-gc"
			got := dumpEvent(&Event{Source: e.Source, Line: e.Line, Uptime: -1, ID: e.ID, Kind: e.Kind, Name: e.Name,
				Cause: e.Cause, Pause: e.Pause, Heap: e.Heap, Spaces: e.Spaces, Flags: e.Flags})
			if got != want {
				t.Errorf("event:\n got %s\nwant %s", got, want)
			}
			if info.Collector != "g1" {
				t.Errorf("collector %q, want g1", info.Collector)
			}
		})
	}
}

func TestUnifiedG1Pause(t *testing.T) {
	evs, info := readString(t, "Heap Region Size: 1M\n"+g1Pause)
	want := "format=hotspot-unified collector=g1 version=\"\" host=\"\" pid=\"\" heapmax=? lines=9 unparsed=0 foreign=0 oom=false\n" +
		"test.log:2 id=3 young \"Pause Young (Normal)\" cause=\"G1 Evacuation Pause\" pause=2.207ms heap=6144K->1024K(65536K) " +
		"eden=6144K->0K(17408K) survivor=0K->1024K(1024K) old=2048K->3072K(?) humongous=0K->0K(?) " +
		"metaspace=74K->74K(320K) nonclass=71K->71K(192K) class=3K->3K(128K)\n"
	if diff := cmp.Diff(want, dump(evs, info)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Line endings and read sizes must not change what is read.
func TestUnifiedCRLFAndOneByteReads(t *testing.T) {
	want, _ := readString(t, g1Pause)
	crlf := strings.ReplaceAll(g1Pause, "\n", "\r\n")
	got, info := readStream(t, NewReader(iotest.OneByteReader(strings.NewReader(crlf)), "test.log"))
	if diff := cmp.Diff(dumpAll(want), dumpAll(got)); diff != "" || info.Unparsed != 0 {
		t.Errorf("CRLF, one byte at a time (-want +got):\n%s", diff)
	}
}

func dumpAll(evs []*Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString(dumpEvent(e) + "\n")
	}
	return b.String()
}

// Application output on stdout between GC lines is foreign, counted, never
// an event and never lost.
func TestUnifiedStdoutInterleaved(t *testing.T) {
	log := "app starting\n[0.010s][info][gc] Using G1\nrequest 1 served\n" +
		"[0.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n" +
		"Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"
	evs, info := readString(t, log)
	if len(evs) != 1 || info.Foreign != 3 || info.Unparsed != 0 {
		t.Fatalf("events %d foreign %d unparsed %d; want 1 3 0", len(evs), info.Foreign, info.Unparsed)
	}
	if info.ForeignExamples[0].Error() != "test.log:1: not GC output: app starting" {
		t.Errorf("first foreign line: %s", info.ForeignExamples[0].Error())
	}
	if !info.OutOfMemory {
		t.Errorf("OutOfMemoryError on stdout not noticed")
	}
}

// A line with a size transition that no rule reads is reported with its
// position, and the read goes on.
func TestUnifiedUnparsed(t *testing.T) {
	log := "[1.000s][info][gc] Using G1\n[1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice\n" +
		"[1.200s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n"
	evs, info := readString(t, log)
	if len(evs) != 1 || info.Unparsed != 1 {
		t.Fatalf("events %d unparsed %d; want 1 1", len(evs), info.Unparsed)
	}
	want := "test.log:2: cannot read sizes: [1.100s][info][gc,heap] GC(1) Strange space: 10M->5M(20M) twice"
	if got := info.UnparsedExamples[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A line longer than MaxLineLength is skipped and reported, and the lines
// after it keep their numbers.
func TestLongLine(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength+100)
	log := "[0.010s][info][gc] Using G1\n" + long + "\n[0.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n"
	evs, info := readString(t, log)
	if len(evs) != 1 || evs[0].Line != 3 {
		t.Fatalf("events %d, line %d; want 1 event on line 3", len(evs), evs[0].Line)
	}
	if info.Unparsed != 1 || !strings.HasPrefix(info.UnparsedExamples[0].Error(), "test.log:2: line longer than") {
		t.Errorf("long line not reported: %+v", info.UnparsedExamples)
	}
	// A line over 64 KiB but under the limit is read whole.
	mid := "[0.200s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms" + strings.Repeat(" ", 70<<10)
	evs, _ = readString(t, mid+"\n")
	if len(evs) != 1 {
		t.Errorf("a 70 KiB line: %d events, want 1", len(evs))
	}
}

func TestBadInputs(t *testing.T) {
	cases := []struct {
		name, data string
		check      func(*Info) bool
	}{
		{"empty", "", func(i *Info) bool { return i.Lines == 0 && i.Format == "" }},
		{"binary", "\x7fELF\x00\x01\x02\x00\x00garbage\n\x00\x00", func(i *Info) bool { return i.Binary && i.Format == "" }},
		{"invalid utf-8", "\xff\xfe GC(1) \xc3\x28 Pause\n", func(i *Info) bool { return i.Foreign == 1 && i.Format == "hotspot-unified" || i.Format == "" }},
		{"not a gc log", "hello\nworld\n", func(i *Info) bool { return i.Foreign == 2 && i.Format == "" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs, info := readString(t, c.data)
			if len(evs) != 0 || !c.check(info) {
				t.Errorf("events %d info %+v", len(evs), info)
			}
		})
	}
}

func TestTruncatedGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(strings.Repeat(g1Pause, 200)))
	zw.Close()
	path := filepath.Join(t.TempDir(), "gc.log.gz")
	os.WriteFile(path, buf.Bytes()[:buf.Len()/2], 0o644)
	rc, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	r := NewReader(rc, path)
	for r.Scan() {
	}
	if r.Err() == nil || !strings.Contains(r.Err().Error(), path+": unexpected end of compressed data") {
		t.Errorf("err = %v, want the file named and the truncation said", r.Err())
	}
}

// gzip and zstd are recognised by their magic bytes, whatever the name.
func TestCompressed(t *testing.T) {
	plain := strings.Repeat(g1Pause, 3)
	dir := t.TempDir()
	var gz, zs bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(plain))
	zw.Close()
	ze, _ := zstd.NewWriter(&zs)
	ze.Write([]byte(plain))
	ze.Close()
	files := map[string][]byte{"plain.log": []byte(plain), "a.log": gz.Bytes(), "b.zst": zs.Bytes(), "c.gz": zs.Bytes()}
	var want string
	for name, data := range files {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		evs, info := readAll(t, path)
		if len(evs) != 3 || info.Unparsed != 0 {
			t.Errorf("%s: %d events %d unparsed", name, len(evs), info.Unparsed)
		}
		for _, e := range evs {
			e.Source = ""
		}
		got := dumpAll(evs)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s reads differently:\n%s", name, cmp.Diff(want, got))
		}
	}
}

// A rotated set that wrapped around is read in time order, and an event
// split across two files is joined.
func TestRotatedSet(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 0; i < 6; i++ {
		up := float64(i) + 1
		lines = append(lines,
			sprintf("[%.3fs][info][gc,start] GC(%d) Pause Young (Normal) (G1 Evacuation Pause)", up, i),
			sprintf("[%.3fs][info][gc] GC(%d) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms", up, i))
	}
	// By time: gc.log.2 gc.log.0 gc.log.1 gc.log; GC(2) is split between
	// gc.log.0 and gc.log.1 (start line in one, summary in the next).
	parts := map[string][]string{
		"gc.log.2": lines[0:4], "gc.log.0": lines[4:5], "gc.log.1": lines[5:9], "gc.log": lines[9:],
	}
	for name, ls := range parts {
		os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(ls, "\n")+"\n"), 0o644)
	}
	sets, errs := Collect([]string{dir})
	if len(errs) != 0 || len(sets) != 1 {
		t.Fatalf("sets %v errs %v", sets, errs)
	}
	var names []string
	for _, f := range sets[0].Files {
		names = append(names, filepath.Base(f))
	}
	if diff := cmp.Diff([]string{"gc.log.2", "gc.log.0", "gc.log.1", "gc.log"}, names); diff != "" {
		t.Errorf("read order (-want +got):\n%s", diff)
	}
	evs, info := readStream(t, NewSetReader(sets[0].Inputs(nil)))
	if len(evs) != 6 || info.Unparsed != 0 {
		t.Fatalf("%d events, %d unparsed; want 6, 0", len(evs), info.Unparsed)
	}
	for i, e := range evs {
		if e.ID != int64(i) {
			t.Errorf("event %d has id %d", i, e.ID)
		}
	}
	if e := evs[2]; filepath.Base(e.Source) != "gc.log.0" || e.Line != 1 || e.Pause != ms(2.345) {
		t.Errorf("split event: %s", dumpEvent(e))
	}
}

func TestCollectErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	_, errs := Collect([]string{filepath.Join(dir, "missing.log"), empty, filepath.Join(dir, "*.nothing")})
	var got []string
	for _, e := range errs {
		got = append(got, strings.TrimPrefix(e.Error(), dir+"/"))
	}
	want := []string{"missing.log: no such file or directory", "empty: folder holds no files", "*.nothing: no file matches"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not stop reads")
	}
	path := filepath.Join(t.TempDir(), "gc.log")
	os.WriteFile(path, []byte(g1Pause), 0o000)
	_, err := Open(path, nil)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v", err)
	}
}

func FuzzReader(f *testing.F) {
	f.Add(g1Pause)
	f.Add("[0.010s][info][gc] Using G1\n[0.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms\n")
	f.Add("[1.1s][gc] GC(7) Garbage Collection (Allocation Rate) 502M(49%)->716M(70%)\n")
	f.Add("GC(0) Heap before GC invocations=0 (full 0):\nGC(0)  garbage-first heap   total 65536K, used 6144K [0x0, 0x1)\nGC(0) Heap after GC invocations=1 (full 1):\nGC(0)  garbage-first heap   total 65536K, used 1024K [0x0, 0x1)\n")
	if files, _ := filepath.Glob("../testdata/jvm/logs/*.log"); len(files) > 0 {
		for _, p := range files[:min(4, len(files))] {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, log string) {
		r := NewReader(strings.NewReader(log), "fuzz.log")
		n := 0
		for r.Scan() {
			e := r.Event()
			if e.Line < 1 || e.Line > strings.Count(log, "\n")+1 {
				t.Fatalf("event line %d out of range", e.Line)
			}
			n++
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		if r.Info().Lines > int64(strings.Count(log, "\n")+1) {
			t.Fatalf("read %d lines of %d", r.Info().Lines, strings.Count(log, "\n")+1)
		}
		_ = n
	})
}

// readLine cuts lines from a window on bufio's buffer: the lines, their
// numbers and the byte offsets (consumed, which chunks cut by) must be what
// splitting the input gives, for lines that cross the end of the buffer,
// one longer than it, CRLF endings, a last line without an ending, empty
// inputs, and inputs read one byte at a time.
func TestReadLineWindow(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3<<20; i++ {
		switch {
		case i%1000 == 999:
			b.WriteString(strings.Repeat("y", 300<<10)) // longer than the buffer
		case i%7 == 0:
			b.WriteString(strings.Repeat("x", i%251) + "\r")
		default:
			b.WriteString(strings.Repeat("z", i%97))
		}
		b.WriteByte('\n')
	}
	b.WriteString("last line without an ending")
	big := b.String()
	for _, oneByte := range []bool{false, true} {
		inputs := []string{big, "", "a\nb", "\n\n", big[:1000]}
		if oneByte {
			inputs = inputs[2:] // (3 MB a byte at a time takes a while)
		}
		var ins []Input
		for k, s := range inputs {
			ins = append(ins, Input{Name: strconv.Itoa(k), Open: func() (io.ReadCloser, error) {
				var r io.Reader = strings.NewReader(s)
				if oneByte {
					r = iotest.OneByteReader(r)
				}
				return io.NopCloser(r), nil
			}})
		}
		r := NewSetReader(ins)
		for k, s := range inputs {
			want := strings.SplitAfter(s, "\n")
			if want[len(want)-1] == "" {
				want = want[:len(want)-1]
			}
			offset := 0
			for n, w := range want {
				got, ok := r.readLine()
				if !ok {
					t.Fatalf("input %d line %d: no line, want %d bytes", k, n+1, len(w))
				}
				offset += len(w)
				w = strings.TrimSuffix(strings.TrimSuffix(w, "\n"), "\r")
				if string(got) != w || r.pos != (Pos{strconv.Itoa(k), n + 1}) || r.consumed != int64(offset) {
					t.Fatalf("input %d line %d: %d bytes at %v, consumed %d; want %d bytes at line %d, consumed %d",
						k, n+1, len(got), r.pos, r.consumed, len(w), n+1, offset)
				}
			}
		}
		if _, ok := r.readLine(); ok || r.err != nil {
			t.Fatalf("after the last input: a line, or error %v", r.err)
		}
	}
}
