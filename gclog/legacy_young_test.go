package gclog

import (
	"bytes"
	"strings"
	"testing"
)

// legacyYoungLines are young collections youngRecord reads (read true) and
// lines close to them that it leaves to wholeRecord, each after a record
// with the cause "Allocation Failure", which becomes the cause read last.
var legacyYoungLines = []struct {
	line string
	read bool
}{
	{"2017-09-18T09:25:30.720+0200: 277273.925: [GC (Allocation Failure) 277273.925: [ParNew: 379646K->46711K(613440K), 0.2196929 secs] 2852207K->2539983K(4126208K), 0.2207345 secs] [Times: user=0.36 sys=0.18, real=0.22 secs]", true},
	{"277273.925: [GC (Allocation Failure) 277273.925: [ParNew: 379646K->46711K(613440K), 0.2196929 secs] 2852207K->2539983K(4126208K), 0.2207345 secs] [Times: user=0.36 sys=0.18, real=0.22 secs]", true},
	{"277273.925: [GC (Allocation Failure) 277273.926: [ParNew: 379646K->46711K(613440K), 0.2196929 secs] 2852207K->2539983K(4126208K), 0.2207345 secs]", true},
	{"2.412: [GC (Allocation Failure) [PSYoungGen: 30000K->5000K(76288K)] 40000K->15000K(251392K), 0.0100000 secs] [Times: user=0.01 sys=0.00, real=0.01 secs]", true},
	{"1.234: [GC 1.234: [DefNew: 4416K->512K(4928K), 0.0021 secs] 4416K->1020K(15872K), 0.0022 secs]", true},
	{"1.234: [GC 1.234: [DefNew: 4416K->512K, 0.0021 secs] 4416K->1020K, 0.0022 secs]", true},
	{"1.234: [GC 1.234: [ASParNew: 12345678K->512K(4928K), 0.0021 secs] 4416M->1020M(15872M), 0.0000000 secs] [Times: user=0.00 sys=0.00, real=0.01 secs]", true},
	{"1.234: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.0000001 secs]", true},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0,01 sys=0,00, real=0,01 secs]", true},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.00 secs] [Times: user=0,01 sys=0,00, real=0.01 secs]", true},

	{"1.234: [GC (System.gc()) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false},                                // a cause not read last
	{"1.234: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]x", false},                        // open
	{"1.234: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] [ParOldGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false}, // full
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew (promotion failed): 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1.5M->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs]", false}, // scanTransition's
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 10 ms]", false},       // scanDuration's
	{"  1.234: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.0000001 secs]", false},          // indented
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs, size 1]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs, Large]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] x]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K) icms_dc=0 , 0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 2014-07-24T12:00:00.123+0200: 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [CMS: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs]1K->0K(2K), 0.01 secs]", false},
	{"1.234: [GC (Allocation Failure)  1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs]", false},
	{"1.234: [GC pause (G1 Evacuation Pause) (young), 0.0123456 secs]", false},
	{"1.234: #3: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false}, // a GC id
	{"2014-07-24T12:00:00.123+0200:  [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false},
	{"2014-07-24T12:00:00.123+0200: 1.5:  [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false},
	{"2014-07-24 12:00:00.123: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false},
	{"2014-07-24T12:00:00.123+0200: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", true},
	{"2014-07-24T12:00:00.123+02:00: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", true},
	{"2014-07-24T12:00:00.123Z: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", true},
	{"2014-07-24T12:00:00.123+02: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false}, // not read as a zone to the colon
	{"2014-07-24T12:00:00.123+0200:x 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", false},
	{"2014-07-24T12:00:00.123: 1.5: [GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", true},
	{"[GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 1K->0K(2K), 0.01 secs]", true},
	{"[Times: user=0.01 sys=0.00, real=0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 Heap after GC sys=0.00, real=0.01 secs]", false},
	{"1.234: [GC (Allocation Failure) 1.234: [ParNew: 1K->2K(3K), 0.01 secs] 1K->0K(2K), 0.01 secs] [Times: user=0.01 sys=0.00, real=0.01 Heap secs]", false},
}

const legacyYoungPrime = "0.500: [GC (Allocation Failure) 0.500: [ParNew: 1K->1K(2K), 0.0010000 secs] 1K->1K(2K), 0.0010000 secs] [Times: user=0.01 sys=0.00, real=0.01 secs]"

// legacyParserState is the state of a legacy parser a line read whole may
// change.
type legacyParserState struct {
	open                           bool // a record is open
	recPos                         Pos
	recLines, depth, names, events int
	recStamps                      legacyStamps
	pend                           *Event
	seen                           legacySeen
}

func legacyStateOf(p *legacyParser) legacyParserState {
	return legacyParserState{p.rec != nil, p.recPos, p.recLines, p.depth, len(p.nameBuf), len(p.out.queue), p.recStamps, p.pend, p.seen}
}

// TestLegacyYoungRecord: youngRecord reads the lines it should, as
// wholeRecord does (the same events, the same state after them), and
// declines the others having changed nothing.
func TestLegacyYoungRecord(t *testing.T) {
	for _, c := range legacyYoungLines {
		var parsers [2]*legacyParser
		var outs [2]emitter
		for k := range parsers {
			outs[k].info.HeapMax = Unknown
			parsers[k] = newLegacyParser(&outs[k])
			parsers[k].parse([]byte(legacyYoungPrime), Pos{"young", 1})
		}
		fast, whole := parsers[0], parsers[1]
		whole.notYoung = true
		before := legacyStateOf(fast)
		read := fast.youngRecord([]byte(c.line), Pos{"young", 2})
		if read != c.read {
			t.Errorf("youngRecord(%q) = %v, want %v", c.line, read, c.read)
			continue
		}
		if !read {
			if after := legacyStateOf(fast); after != before {
				t.Errorf("youngRecord(%q) declined, changing the parser's state from %+v to %+v", c.line, before, after)
			}
			fast.parse([]byte(c.line), Pos{"young", 2})
		}
		whole.parse([]byte(c.line), Pos{"young", 2})
		fs, ws := legacyStateOf(fast), legacyStateOf(whole)
		if fs.pend != nil && ws.pend != nil && dumpEvent(fs.pend) == dumpEvent(ws.pend) {
			fs.pend, ws.pend = nil, nil // compared by what they say
		}
		if fs != ws {
			t.Errorf("%q: state %+v after youngRecord, %+v after wholeRecord", c.line, fs, ws)
		}
		fast.flush()
		whole.flush()
		if got, want := dump(outs[0].queue, &outs[0].info), dump(outs[1].queue, &outs[1].info); got != want {
			t.Errorf("%q: with youngRecord:\n%s\nwithout:\n%s", c.line, got, want)
		}
	}
}

// TestLegacyYoungRecordSameAsWhole: every fixture and corpus log reads the
// same with youngRecord as with wholeRecord alone.
func TestLegacyYoungRecordSameAsWhole(t *testing.T) {
	for _, data := range legacyScanInputs(t) {
		checkLegacyYoungRecord(t, data)
	}
}

func checkLegacyYoungRecord(t *testing.T, data []byte) {
	t.Helper()
	got, want := legacyParseLines(data, legacyPathAll), legacyParseLines(data, legacyPathNoYoung)
	if got != want {
		t.Fatalf("with youngRecord:\n%s\nwith wholeRecord alone:\n%s\ninput:\n%s", got, want, data)
	}
	if general := legacyParseLines(data, legacyPathGeneral); got != general {
		t.Fatalf("with youngRecord:\n%s\nwith neither youngRecord nor wholeRecord:\n%s\ninput:\n%s", got, general, data)
	}
}

func FuzzLegacyYoungRecord(f *testing.F) {
	for _, c := range legacyYoungLines {
		f.Add([]byte(legacyYoungPrime + "\n" + c.line + "\n" + c.line))
	}
	f.Add([]byte(strings.Repeat(legacyYoungPrime+"\n", 3)))
	for _, cause := range []string{"Heap Inspection Initiated GC", "x {Heap before GC invocations=1", "Heap after GC", "Allocation Failure"} {
		line := strings.Replace(legacyYoungPrime, "Allocation Failure", cause, 1)
		f.Add([]byte(line + "\n" + line + "\n" + legacyYoungPrime))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Count(data, []byte("\n")) > 20 {
			return // a few lines show every change of state
		}
		checkLegacyYoungRecord(t, data)
	})
}

func checkLegacyTimesClean(t *testing.T, b []byte) {
	t.Helper()
	want := bytes.IndexByte(b, '[') < 0 && bytes.IndexByte(b, ']') < 0 && bytes.IndexByte(b, 'z') < 0 && bytes.IndexByte(b, 'L') < 0 &&
		bytes.IndexByte(b, 'H') < 0
	if got := legacyTimesClean(b); got != want {
		t.Fatalf("legacyTimesClean(%q) = %v, want %v", b, got, want)
	}
}

// TestLegacyTimesClean: legacyTimesClean, eight bytes at a time, finds what
// bytes.IndexByte finds, at every place of every length up to 20, next to
// every kind of byte (those one off the ones looked for, the one bit off
// 'H' and 'L', top-bit ones).
func TestLegacyTimesClean(t *testing.T) {
	for n := 0; n <= 20; n++ {
		for at := 0; at < n; at++ {
			for _, c := range []byte{'[', ']', 'z', 'L', 'H', 'G', 'I', 'Z', '\\', '{', 'y', 'K', 'M', 'D', 'h', 'l', 0x4c | 0x80, 0, 0x80, 0xdb, 0xff} {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = c
				checkLegacyTimesClean(t, b)
				b[(at+1)%n] = c + 1
				checkLegacyTimesClean(t, b)
			}
		}
	}
}

func FuzzLegacyTimesClean(f *testing.F) {
	for _, s := range []string{"Times: user=0.36 sys=0.18, real=0.22 secs", "Times: user=0.36 sys=0.18, real=0.22 secs]", "\x00\x01\x5a\x5c\x7a\x7b", "zzzzzzzzL"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkLegacyTimesClean(t, b) })
}

func checkLegacyHasPrefix(t *testing.T, b, prefix []byte) {
	t.Helper()
	if got, want := legacyHasPrefix(b, prefix), bytes.HasPrefix(b, prefix); got != want {
		t.Fatalf("legacyHasPrefix(%q, %q) = %v, want %v", b, prefix, got, want)
	}
}

// TestLegacyHasPrefix: legacyHasPrefix, by words, says what
// bytes.HasPrefix says for prefixes of every length up to 20 that differ
// from the text at any one byte or none.
func TestLegacyHasPrefix(t *testing.T) {
	text := []byte("277273.925: [ParNew: 1K->2K(3K)]")
	for n := 0; n <= 20; n++ {
		for end := n; end <= n+2 && end <= len(text); end++ {
			checkLegacyHasPrefix(t, text[:end], text[:n])
			for at := 0; at < n; at++ {
				prefix := bytes.Clone(text[:n])
				prefix[at]++
				checkLegacyHasPrefix(t, text[:end], prefix)
			}
		}
	}
}

func FuzzLegacyHasPrefix(f *testing.F) {
	f.Add([]byte("277273.925: [ParNew"), []byte("277273.925: "))
	f.Add([]byte("277273.925: [ParNew"), []byte("277273.926: "))
	f.Fuzz(func(t *testing.T, b, prefix []byte) { checkLegacyHasPrefix(t, b, prefix) })
}

// TestLegacyQualifierNamed: the qualifiers legacyQualifierNamed names are
// those qualifier reads otherwise than as a cause.
func TestLegacyQualifierNamed(t *testing.T) {
	for _, q := range []string{"young", "initial-mark", "partial", "mixed", "to-space exhausted", "to-space overflow",
		"CMS Initial Mark", "CMS Final Remark", "promotion failed", "concurrent mode failure", "concurrent mode interrupted",
		"System", "Allocation Failure", "System.gc()", "GCLocker Initiated GC", "Young", "young ", "Metadata GC Threshold"} {
		p := newLegacyParser(&emitter{})
		var st legacyRecState
		p.qualifier(&Event{}, []byte(q), &st, new(legacySeen))
		if asCause := p.lastCause.name == q; legacyQualifierNamed([]byte(q)) == asCause {
			t.Errorf("legacyQualifierNamed(%q) = %v; qualifier read it as a cause: %v", q, !asCause, asCause)
		}
	}
}
