package histogram

import (
	"bytes"
	"compress/gzip"
	"fmt"
	goldenfile "gcwatch/internal/golden"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testdata is the project's histogram test data, from this package's folder.
const testdata = "../testdata/histogram"

// inputs lists every sample input under testdata/histogram, relative to it.
func inputs(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"jdk17", "jdk25", "typed"} {
		ents, err := os.ReadDir(filepath.Join(testdata, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.Name() != "README" && !strings.HasSuffix(e.Name(), ".py") {
				files = append(files, dir+"/"+e.Name())
			}
		}
	}
	return files
}

// readInput returns the content of a sample input, gunzipped.
func readInput(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, rel))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(rel, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// dump writes what a Reader made of an input: every snapshot's facts, the
// classes whose names were rewritten or merged, and the ten largest.
func dump(snaps []*Snapshot, problems []Problem, err error) string {
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "problem %s\n", p.Error())
	}
	if err != nil {
		fmt.Fprintf(&b, "error %v\n", err)
	}
	for _, s := range snaps {
		fmt.Fprintf(&b, "snapshot %s line %d format %s objects %s pid %q jvm %q", s.Source, s.Line, s.Format, s.Objects, s.PID, s.JVM)
		if !s.Time.IsZero() {
			fmt.Fprintf(&b, " time %s", s.Time.UTC().Format(time.RFC3339Nano))
		}
		fmt.Fprintf(&b, "\n  rows %d classes %d sum %d/%d", s.Rows, len(s.Classes), s.Sum.Instances, s.Sum.Bytes)
		if s.HasTotal {
			fmt.Fprintf(&b, " total %d/%d (line %d)", s.Total.Instances, s.Total.Bytes, s.TotalLine)
		} else {
			fmt.Fprintf(&b, " truncated, cut-off %d bytes", s.MinBytes)
		}
		fmt.Fprintf(&b, " unparsed %d\n", s.Unparsed)
		for i, c := range s.Classes {
			special := c.Rows > 1 || strings.ContainsAny(c.Name, "[]<> ") || strings.Contains(c.Name, "$$") || strings.Contains(c.Name, "Filler") || c.Name != strings.ToValidUTF8(c.Name, "") || hasNonASCII(c.Name)
			if i < 10 || special {
				fmt.Fprintf(&b, "  %d\t%d\t%d\t%q\t%q\n", c.Instances, c.Bytes, c.Rows, c.Name, c.Module)
			}
		}
	}
	return b.String()
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// TestParse reads every sample input and compares with its golden dump; the
// same input with \r\n line ends must read the same.
func TestParse(t *testing.T) {
	for _, rel := range inputs(t) {
		t.Run(rel, func(t *testing.T) {
			in := readInput(t, rel)
			name := strings.TrimSuffix(rel, ".gz")
			snaps, problems, err := readAll(in, name)
			got := dump(snaps, problems, err)
			golden(t, filepath.Join(testdata, "golden/parse", name+".golden"), got)

			crlf := bytes.ReplaceAll(in, []byte("\n"), []byte("\r\n"))
			snaps, problems, err = readAll(crlf, name)
			if diff := cmp.Diff(got, dump(snaps, problems, err)); diff != "" {
				t.Errorf("with \\r\\n line ends (-want +got):\n%s", diff)
			}
		})
	}
}

func readAll(in []byte, name string) ([]*Snapshot, []Problem, error) {
	r := NewReader(bytes.NewReader(in), name)
	r.Location = time.UTC
	var snaps []*Snapshot
	for r.Scan() {
		snaps = append(snaps, r.Snapshot())
	}
	if err := r.Err(); err != nil {
		return snaps, r.Problems(), err
	}
	return snaps, r.Problems(), r.NoHistogram()
}

// oneByteReader feeds its input one byte at a time.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestParseOneByteAtATime(t *testing.T) {
	in := readInput(t, "typed/jdk15-ea-edge-cases.txt")
	want, _, _ := ReadAll(bytes.NewReader(in), "x")
	got, _, _ := ReadAll(oneByteReader{bytes.NewReader(in)}, "x")
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Snapshot{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength+10)
	tests := []struct {
		name, in string
		want     string // the error of ReadAll
		problems []string
		classes  int
	}{
		{name: "empty", in: "", want: "f.txt: empty input, no class histogram"},
		{name: "binary", in: "\x1f\x8b\x08\x00\x00\x00", want: "f.txt: binary data, not a text class histogram"},
		{name: "binary-nul", in: "PK\x03\x04\x00\x00\n", want: "f.txt: binary data, not a text class histogram"},
		{name: "not a histogram", in: "hello\nworld\n", want: "f.txt: no class histogram found in 2 lines"},
		{name: "rows without header", in: "junk\n   1:   10   160  com.acme.A\n", want: "f.txt:2: histogram rows without their header line (num #instances #bytes class name)"},
		{name: "header only", in: " num     #instances         #bytes  class name\n-----\n", want: "f.txt: no class histogram found in 2 lines"},
		{name: "jcmd error", in: "2412:\njava.io.IOException: No such process\n\tat x\n", want: `f.txt:2: jcmd could not run the command: "java.io.IOException: No such process"`},
		{name: "jcmd 25 error", in: "999:\njava.io.IOException: non existent JVM pid: 999\n", want: `f.txt:2: jcmd could not run the command: "java.io.IOException: non existent JVM pid: 999"`},
		{name: "jmap file=", in: "Heap inspection file created: /tmp/h.txt\n", want: "f.txt:1: jmap wrote the histogram to /tmp/h.txt (option file=): read that file instead"},
		{
			name:     "bad rows",
			in:       " num     #instances         #bytes  class name\n-----\n   1:   10   160  com.acme.A\n   2:   x   1  com.acme.B\n...\n   3:   1   16  com.acme.C\nTotal 11 176\n",
			problems: []string{`f.txt:4: not a histogram row: "2:   x   1  com.acme.B"`, `f.txt:5: not a histogram row: "..."`},
			classes:  2,
		},
		{
			name:     "long line",
			in:       " num     #instances         #bytes  class name\n-----\n   1:   10   160  com.acme.A\n" + long + "\n   2:   1   16  com.acme.C\nTotal 11 176\n",
			problems: []string{`f.txt:4: line longer than 1048576 bytes, skipped: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`},
			classes:  2,
		},
		{
			name:    "long class name over 64 KiB",
			in:      " num     #instances         #bytes  class name\n-----\n   1:   10   160  " + strings.Repeat("a", 70000) + "\nTotal 10 160\n",
			classes: 1,
		},
		{
			name:    "rank overflow",
			in:      " num     #instances         #bytes  class name\n-----\n   1:   99999999999999999999   160  A\n   2:   1   16  B\nTotal 1 16\n",
			classes: 1, problems: []string{`f.txt:3: not a histogram row: "1:   99999999999999999999   160  A"`},
		},
		{
			name:    "cut, then application output",
			in:      " num     #instances         #bytes  class name\n-----\n   1:   10   160  com.acme.A\n" + strings.Repeat("app says hello\n", 12),
			classes: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snaps, problems, err := ReadAll(strings.NewReader(tt.in), "f.txt")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
			var ps []string
			for _, p := range problems {
				ps = append(ps, p.Error())
			}
			if diff := cmp.Diff(tt.problems, ps); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			n := 0
			for _, s := range snaps {
				n += len(s.Classes)
			}
			if n != tt.classes {
				t.Errorf("%d classes, want %d", n, tt.classes)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	tests := map[string]string{
		"[B":                                  "byte[]",
		"[[I":                                 "int[][]",
		"[Z":                                  "boolean[]",
		"[Ljava.lang.String;":                 "java.lang.String[]",
		"[[Ljava.lang.Object;":                "java.lang.Object[][]",
		"[Ljdk.internal.vm.FillerElement;":    "jdk.internal.vm.FillerElement[]",
		"[X":                                  "[X",
		"[Lbroken":                            "[Lbroken",
		"byte[]":                              "byte[]",
		"* ConstMethodKlass":                  "<constMethodKlass>",
		"<methodKlass>":                       "<methodKlass>",
		"Foo$$Lambda$12/0x00007fa530005410":   "Foo$$Lambda",
		"Foo$$Lambda/0x000000003b044200":      "Foo$$Lambda",
		"Foo$$Lambda/0x80000000e":             "Foo$$Lambda",
		"Foo$$Lambda+0x0000000030043428":      "Foo$$Lambda",
		"Foo$$Lambda$53/635371680":            "Foo$$Lambda",
		"java.lang.invoke.LambdaForm$MH/0x1f": "java.lang.invoke.LambdaForm$MH",
		"[LFoo$$Lambda/0x0000000030043428;":   "Foo$$Lambda[]",
		"com.acme.Café Grande":                "com.acme.Café Grande",
		"a/b":                                 "a/b",
		"Foo$Bar$12":                          "Foo$Bar$12",
		"":                                    "",
	}
	for in, want := range tests {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPeelModule(t *testing.T) {
	tests := []struct{ in, cls, mod, ver string }{
		{"[B (java.base@17.0.15)", "[B", "java.base", "17.0.15"},
		{"jdk.proxy1.$Proxy0 (jdk.proxy1)", "jdk.proxy1.$Proxy0", "jdk.proxy1", ""},
		{"X (java.base@15-ea)", "X", "java.base", "15-ea"},
		{"weird name (with words)", "weird name (with words)", "", ""},
		{"Foo", "Foo", "", ""},
		{"Foo ()", "Foo ()", "", ""},
	}
	for _, tt := range tests {
		c, m, v := peelModule([]byte(tt.in))
		if string(c) != tt.cls || string(m) != tt.mod || string(v) != tt.ver {
			t.Errorf("peelModule(%q) = %q, %q, %q; want %q, %q, %q", tt.in, c, m, v, tt.cls, tt.mod, tt.ver)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"com.acme.*", "com.acme.Foo$Bar", true},
		{"com.acme.*", "org.acme.Foo", false},
		{"*Session*", "com.acme.SessionEntry", true},
		{"byte[]", "byte[]", true},
		{"*[]", "java.lang.String[]", true},
		{"Caf?", "Café", true},
		{"Caf?", "Cafés", false},
		{"*", "", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestTimeFromName(t *testing.T) {
	tests := map[string]string{
		"jmap-live-20261122T054416Z.txt":   "2026-11-22T05:44:16Z",
		"/x/y/histo-2026-11-22T05:44:16":   "2026-11-22T05:44:16Z",
		"histo_2026-11-22_05-44-16.txt":    "2026-11-22T05:44:16Z",
		"host1-20261122-054416.histo":      "2026-11-22T05:44:16Z",
		"20261122054416.txt":               "2026-11-22T05:44:16Z",
		"jmap-12345.txt":                   "",
		"histo-20261399T000000Z.txt":       "",
		"pid123456789012345678-histo.txt":  "",
		"/2026-11-22T05:44:16/jmap.txt":    "",
		"jcmd-live.txt":                    "",
		"weird-2026-11-22 05:44:16-x.txt":  "2026-11-22T05:44:16Z",
		"jmap-live-20261122T054416.txt.gz": "2026-11-22T05:44:16Z",
	}
	for name, want := range tests {
		tm, ok := TimeFromName(name, time.UTC)
		got := ""
		if ok {
			got = tm.Format(time.RFC3339)
		}
		if got != want {
			t.Errorf("TimeFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

// externalCorpus finds ../shared/corpus/histogram-external from the root of
// the repository (the folder with go.mod), wherever the test runs.
func externalCorpus(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test's folder")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus", "histogram-external")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("external corpus not available: %v", err)
	}
	return corpus
}

// TestExternalCorpus reads the excerpts of historical formats collected from
// public sources (not copied into this repository), without their #SOURCE
// and #NOTE lines.
func TestExternalCorpus(t *testing.T) {
	corpus := externalCorpus(t)
	type want struct {
		format    Format
		snapshots int
		rows      int // of the first snapshot
		first     string
		truncated bool
		unparsed  int
	}
	tests := map[string]want{
		"jdk5-sa-jmap-histo.txt":                         {FormatSA5, 1, 7, "<constMethodKlass>", false, 0},
		"jdk6-7-jmap-histo-permgen.txt":                  {FormatHotSpot, 1, 12, "char[]", true, 0},
		"jdk6-early-jmap-histo.txt":                      {FormatHotSpot, 1, 12, "int[]", true, 0},
		"jdk7-sa-jmap-F-histo.txt":                       {FormatSA, 1, 6, "int[]", true, 0},
		"jdk8-gclog-PrintClassHistogram-gcviewer183.txt": {FormatHotSpot, 1, 5, "java.lang.Object[]", false, 1},
		"jdk8-gclog-lines-garbagecat-tests.txt":          {FormatHotSpot, 1, 1, "io.micrometer.prometheus.PrometheusMeterRegistry$$Lambda", false, 0},
		"openj9-jmap-histo.txt":                          {FormatOpenJ9, 1, 8, "char[]", true, 0},
	}
	for name, w := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(corpus, name))
			if err != nil {
				t.Skipf("not available: %v", err)
			}
			var clean []string
			for _, l := range strings.SplitAfter(string(b), "\n") {
				if !strings.HasPrefix(l, "#") {
					clean = append(clean, l)
				}
			}
			snaps, _, err := ReadAll(strings.NewReader(strings.Join(clean, "")), name)
			if err != nil {
				t.Fatal(err)
			}
			if len(snaps) != w.snapshots {
				t.Fatalf("%d snapshots, want %d", len(snaps), w.snapshots)
			}
			s := snaps[0]
			got := want{s.Format, len(snaps), s.Rows, s.Classes[0].Name, s.Truncated(), s.Unparsed}
			if diff := cmp.Diff(w, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// golden compares got with the golden file at path (see internal/golden).
func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, got)
}
