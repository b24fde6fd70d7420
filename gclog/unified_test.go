package gclog

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDumpFile prints the events of the file named by GCWATCH_DUMP: a tool
// for looking at what the parser makes of a log, skipped otherwise.
func TestDumpFile(t *testing.T) {
	path := os.Getenv("GCWATCH_DUMP")
	if path == "" {
		t.Skip("set GCWATCH_DUMP=FILE to print what the parser reads in FILE")
	}
	evs, info := readAll(t, path)
	t.Log("\n" + dump(evs, info))
}

// TestUnifiedCorpus reads every unified-logging log of the shared corpus:
// no line that carries GC data may be left unparsed.
func TestUnifiedCorpus(t *testing.T) {
	for _, row := range corpusFiles(t, "hotspot-unified") {
		t.Run(row["path"], func(t *testing.T) {
			evs, info := readAll(t, row["abspath"])
			checkNoUnparsed(t, info)
			// Whatever another tool found events in, this reader must too.
			if n := row["gc_events"]; n != "-" && n != "0" && len(evs) == 0 {
				t.Errorf("no events; garbagecat found %s", n)
			}
			// Full collections agree with GCViewer's count wherever it read
			// the file without warnings.
			if row["gv_warnings"] == "0" && row["gv_full_model"] != "-" {
				full := 0
				for _, e := range evs {
					if e.IsFull() {
						full++
					}
				}
				if want := row["gv_full_model"]; sprintf("%d", full) != want {
					t.Errorf("%d full collections, GCViewer counts %s", full, want)
				}
			}
		})
	}
}

// TestDecorateAsBefore checks the fast path for decorations against the
// general parse on every line of the real logs: where it reads a line, it
// reads it as the general parse does.
func TestDecorateAsBefore(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/jvm/logs/*.log")
	if len(paths) == 0 {
		t.Skip("no real logs")
	}
	fast := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fast += checkDecorateAsBefore(t, path, bytes.Split(data, []byte("\n")))
	}
	if fast == 0 {
		t.Error("the fast path read no line")
	}
}

// TestDecorateAsBeforeEdges checks the fast path on runs of lines the real
// logs do not have: decorations with nothing after them, changes of layout,
// a new minute, pid and tid.
func TestDecorateAsBeforeEdges(t *testing.T) {
	runs := [][]string{
		{
			// The first line is read by the general parse, the next ones
			// by the fast path.
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ] GC(1) Eden regions: 1->0(2)",
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ] GC(1) Eden regions: 1->0(2)",
			"[2024-05-06T07:08:09.124+0200][0.101s][info][gc,phases ]",
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ] GC(1) Eden regions: 1->0(2)",
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ][x] GC(1)",
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ] GC(1) Eden regions: 1->0(2)",
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ]x",
			"[2024-05-06T07:08:59.999+0200][0.100s][info][gc,heap   ] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][info][gc,heap   ] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][gc,heap   ] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][info] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][gc] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][gc,heap,exit]",
			"[2024-05-06T07:09:00.000+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:60.500+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:61.500+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.5+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.50+0200][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.51+02:00][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.52+02:00][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.52][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.53][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.53Z][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.54Z][0.100s][debug][gc,heap,exit] x",
			// Decorations as long as before, read without a search.
			"[2024-05-06T07:09:01.54Z][0.100s][debug][gc,he]p,exit] x",
			"[2024-05-06T07:09:01.54Z][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.55Z][0.1]0s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.55Z][0.100s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.5]Z][0.101s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:01.56Z][9.999s][debug][gc,phases   ] x",
			"[2024-05-06T07:09:01.57Z][10.000s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.57Z][10.000s][debug][gc,phases   ] x",
			"[2024-05-06T07:09:01.57Z][10.000s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.58Z][10,001s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.58Z][10.00ms][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ]",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ]x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ][gc] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap     ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc,heap      ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc          ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][xx          ] x",
			"[2024-05-06T07:09:01.59Z][10.002s][debug][gc          ] x",
		},
		{
			// Times and uptimes in milliseconds (newMillisecond).
			"[2024-05-06T07:08:59.998+0200][9.998s][info][gc,heap   ] x",
			"[2024-05-06T07:08:59.999+0200][9.999s][info][gc,heap   ] x",
			"[2024-05-06T07:08:59.999+0200][9,999s][info][gc,heap   ] x",
			"[2024-05-06T07:08:59,999+0200][9.999s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.000+0200][10.000s][info][gc,heap   ] x",
			"[2024-05-06T07:08:61.000+0200][10.001s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.001+0200][10.001s][info][gc,heap   ] x",
			"[2024-05-06T07:08:6x.001+0200][10.002s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.0x1+0200][10.002s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.002+0300][10.002s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.003+0300][10.00xs][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.003+0300][1x.003s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.003+0300][10x003s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.004+0300][10.004x][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.004+0300][10.004s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.005+0300][10.0045][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.005+0300][10.005s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.006+0300][1.0006s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.006+0300][10.006s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.007+0300][10.007s][debug][gc,heap  ] x",
			"[2024-05-06T07:08:60.007+03:00][10.007s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.008+03:00][10.008s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.008Z][10.008s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.009Z][10.009s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.009Z][123456789012.009s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.010Z][123456789012.010s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.010Z][1234567890123.010s][info][gc,heap   ] x",
			"[2024-05-06T07:08:60.011Z][1234567890123.011s][info][gc,heap   ] x",
		},
		{
			// A time without a zone, in the reader's Location, is read
			// whole.
			"[2024-05-06T07:08:59.998][9.998s][info][gc,heap   ] x",
			"[2024-05-06T07:08:59.999][9.999s][info][gc,heap   ] x",
		},
		{
			"[0.100s][1234][5678][info][gc] x",
			"[0.100s][1234][5679][info][gc] x",
			"[0.100s][1234][5679][info][gc,heap] x",
			"[0.100s][1234][5679][info][host] x",
			"[0.100s][1234][5679][info][gc] x",
			"[0.101s][1234][5679][info][gc] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ]",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][1234] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][12ms] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ][info] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc,heap ]x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc,heap ",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][]",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc,heap ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.101s][1234][5679][info][gc ] x",
			"[0.102s][1234",
		},
		{
			"[0.100s][info] x",
			"[0.100s][info] x",
			"[0.100s][debug] y",
			"[0.100s][debug] y",
			"[0.101s][debug] y",
			"[0.101s][gc] y",
			"[0.101s][info] y",
			"[0.101s][info] y",
		},
		{
			// A new time or uptime (newTime), with new tags or not.
			"[2024-05-06T07:08:09.123+0200][0.100s][info][gc,heap   ] a",
			"[2024-05-06T07:08:09.124+0200][0.101s][info][gc,phases ] b",
			"[2024-05-06T07:08:09.125+0200][0.102s][info][gc,heap   ] c",
			"[2024-05-06T07:08:09.126+0200][0.102s][info][gc,heap   ] d",
			"[2024-05-06T07:08:09.126+0200][0.103s][info][gc,heap   ] e",
			"[2024-05-06T07:08:09.127+0200][0.104s][info][gc,phases ] e",
			"[2024-05-06T07:08:09.128+0200][0.105s][debug][gc,heap  ] f",
			"[2024-05-06T07:08:09.129+0200][0.106s][debug][gc,heap  ]g",
			"[2024-05-06T07:08:09.130+0200][0.10]s][debug][gc,heap  ] h",
			"[2024-05-06T07:08:09.131+0200][0.107s][debug][gc,heap  ]",
			"[2024-05-06T07:08:09.132+0200][0.108s][debug][gc,heap  ] i",
			"[2024-05-06T07:08:09.13x+0200][0.109s][debug][gc,heap  ] j",
			"[2024-05-06T07:08:09.133+0200][0.10xs][debug][gc,heap  ] k",
			"[2024-05-06T07:08:10.134+0300][0.111s][debug][gc,heap  ] l",
			"[2024-05-06T07:08:10.135+0300][0.112s][debug][gc,heap,exit] m",
			"[2024-05-06T07:08:10.136+0300][0.113s][debug][gc,heap  ] n",
			"[2024-05-06T07:08:10.137+0300][0.114s][debug][gc,heap,exit] o",
			"[2024-05-06T07:08:10.138+0300][0.115s][debug][gc,heap,exit]] p",
			"[2024-05-06T07:08:10.139+0300][0.116s][debug][gc,heap,exit] q",
			"[2024-05-06T07:08:11.139+0300][0.116s][debug][gc,heap,exit] r",
			"[2024-05-06T07:09:11.139+0300][0.116s][debug][gc,heap,exit] s",
			"[2024-05-06T07:09:11.139+0300][1.116s][debug][gc,heap,exit] t",
			"[2024-05-06T07:09:11.140+0300][1,117s][debug][gc,heap,exit] u",
			"[2024-05-06T07:09:11.141+0300][1.118s][debug][gc,heap,exit]x",
			"[2024-05-06T07:09:11.142+0300][1.119s][debug][gc,heap,exit] x",
			"[2024-05-06T07:09:11.142+0300][1.119s][debug][gc,heap,exit] x",
		},
		{
			"[0.100s][info][gc,heap   ] a",
			"[0.101s][info][gc,phases ] b",
			"[0.102s][info][gc,heap   ] c",
			"[0.103s][info][gc,phases ] d",
			"[10.10s][info][gc,phases ] e",
			"[10.11s][info][gc,phases ]",
			"[10.12s][info][gc,phases ] f",
			"[10.13s][info][gc,phases ][x] g",
			"[10.14s][info][gc,phases ] h",
		},
		{
			"[2024-05-06T07:08:09.123+0200][2024-05-06T05:08:09.123+0000][info][gc] x",
			"[2024-05-06T07:08:09.124+0200][2024-05-06T05:08:09.124+0000][info][gc] x",
			"[2024-05-06T07:08:09.125+0200][2024-05-06T05:08:09.124+0000][info][gc] x",
			"[2024-05-06T07:08:09.125+0200][12ms][info][gc] x",
			"[2024-05-06T07:08:09.126+0200][13ms][info][gc] x",
		},
		{
			"[host][1234][5678][gc] x",
			"[host][1234][5678][gc,heap] x",
			"[hist][1234][5678][gc,heap] x",
			"[12ms][34ns][gc] x",
			"[12ms][35ns][gc] x",
			"[1700000000000ms][35ns][gc] x",
			"[1700000000001ms][35ns][gc,heap] x",
		},
		{
			// Tags known, then others of the same length (knownTags), of
			// another length, longer than 16 bytes, shorter than 8
			// (knownTagsMoved or the general path), without the space
			// after them or with another ']' among them.
			"[1.000s][info][gc,heap        ] x",
			"[1.000s][info][gc,phases      ] x",
			"[1.000s][info][gc,heap        ] x",
			"[1.000s][info][gc,phases      ] x",
			"[1.000s][info][gc,phases   ] x",
			"[1.000s][info][gc,heap     ] x",
			"[1.000s][info][gc,phases   ] x",
			"[1.000s][info][gc,phases,start,verify] x",
			"[1.000s][info][gc,heap,exit,verify   ] x",
			"[1.000s][info][gc,phases,start,verify] x",
			"[1.000s][info][gc,heap       ] x",
			"[1.000s][info][gc,phases      ] x",
			"[1.000s][info][gc,heap        ]x",
			"[1.000s][info][gc,heap        ]",
			"[1.000s][info][gc,phases      ] x",
			"[1.000s][info][gc,hea]        ] x",
			"[1.000s][info][gc] x",
			"[1.000s][info][gc,heap        ] x",
			"[1.000s][info][gc] x",
		},
	}
	for i, run := range runs {
		lines := make([][]byte, len(run))
		for j, l := range run {
			lines[j] = []byte(l)
		}
		checkDecorateAsBefore(t, sprintf("run %d", i), lines)
	}
}

// FuzzDecorateAsBefore: the fast path reads a line after others as the
// general parse reads it.
func FuzzDecorateAsBefore(f *testing.F) {
	f.Add("[2024-05-06T07:08:59.998+0200][9.998s][info][gc,heap   ] x",
		"[2024-05-06T07:08:59.999+0200][9.999s][info][gc,phases ] x",
		"[2024-05-06T07:08:60.000+0200][10.000s][info][gc,phases ] x")
	f.Add("[2024-05-06T07:09:01.57Z][10.000s][debug][gc,heap     ] x",
		"[2024-05-06T07:09:01.58Z][10,001s][debug][gc,heap     ] x",
		"[2024-05-06T07:09:01.58Z][10,001s][debug][gc,phases   ] x")
	f.Add("[0.100s][1234][5678][info][gc] x", "[0.100s][1234][5679][info][gc] x", "[0.101s][1234][5679][info][gc,heap] x")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		checkDecorateAsBefore(t, "fuzz", [][]byte{[]byte(a), []byte(b), []byte(c), []byte(b)})
	})
}

// checkDecorateAsBefore reads lines as the parser does, checking each line
// the fast path reads against the general parse. It returns how many lines
// the fast path read.
func checkDecorateAsBefore(t *testing.T, name string, lines [][]byte) int {
	t.Helper()
	fast := 0
	p := newUnifiedParser(&emitter{})
	for n, line := range lines {
		var want unifiedDecor
		wantMsg, wantOK := want.parse(line, nil)
		msg, ok := p.decorateAsBefore(line)
		if ok {
			fast++
			if !wantOK || !bytes.Equal(msg, wantMsg) || !reflect.DeepEqual(p.decor, want) {
				t.Errorf("%s:%d: fast path read %+v %q, general parse %+v %q (ok %v)", name, n+1, p.decor, msg, want, wantMsg, wantOK)
			}
		}
		if !ok {
			p.decor = want
			p.learnLayout(wantOK)
		}
	}
	return fast
}

// TestSummaryFirst: every name unifiedSummaryName looks for starts with a
// letter of summaryFirst.
func TestSummaryFirst(t *testing.T) {
	for c := 0; c < 256; c++ {
		for _, rest := range []string{"ause x", "arbage Collection", "inor Collection", "ajor Collection",
			"oncurrent x", "oung Generation", "ld Generation"} {
			msg := append([]byte{byte(c)}, rest...)
			if unifiedSummaryName(msg) && !summaryFirst[c] {
				t.Errorf("%q is a summary name, but %q is not in summaryFirst", msg, byte(c))
			}
		}
	}
}

// TestUptimeSeconds: uptimeSeconds reads what decoration reads as an uptime,
// to the same value, and nothing else.
func TestUptimeSeconds(t *testing.T) {
	for _, v := range []string{"0.086s", "1,234s", "12.3456789012s", "123456.5s", "0.0s", "1,5s",
		"9223372037.000s", "99999999999999999999.1s", "1.s", "1s", ".5s", "1.2.3s", "1.5ms", "1.5",
		"s", "1.5 s", "1.5ss", "12:5s", "123456789012345678.5s", "12345678901234567890.5s"} {
		d := unifiedDecor{uptime: -1}
		kind := d.decoration([]byte(v), nil, new(int))
		up, ok := uptimeSeconds([]byte(v))
		if ok != (kind == decorUptime) || ok && up != d.uptime {
			t.Errorf("%q: uptimeSeconds %v %v, decoration %v %v", v, up, ok, kind, d.uptime)
		}
	}
}

// TestUptimeMillis: uptimeMillis reads the uptimes it reads as
// uptimeSeconds does, and the JVM's, with three decimals.
func TestUptimeMillis(t *testing.T) {
	for _, v := range []string{"0.086s", "1,234s", "123456789012.345s", "1234567890123.456s", "0.000s", "1.23s",
		"1.2345s", ".123s", "x.123s", "1.12xs", "1.123", "1.123ms", "1:123s", "", "s", "12345", "-1.123s"} {
		up, ok := uptimeMillis([]byte(v))
		want, wantOK := uptimeSeconds([]byte(v))
		if ok && (!wantOK || up != want) {
			t.Errorf("%q: uptimeMillis %v, uptimeSeconds %v %v", v, up, want, wantOK)
		}
		if threeDecimals := len(v) >= 6 && len(v) <= 17 && (v[len(v)-5] == '.' || v[len(v)-5] == ','); wantOK && threeDecimals && !ok {
			t.Errorf("%q: uptimeMillis does not read it (uptimeSeconds %v)", v, want)
		}
	}
}

// FuzzUptimeMillis: what uptimeMillis reads, uptimeSeconds reads the same.
func FuzzUptimeMillis(f *testing.F) {
	for _, v := range []string{"0.086s", "1,234s", "123456789012.345s", "1.2345s", "9.99xs"} {
		f.Add([]byte(v))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		up, ok := uptimeMillis(v)
		want, wantOK := uptimeSeconds(v)
		if ok && (!wantOK || up != want) {
			t.Errorf("%q: uptimeMillis %v, uptimeSeconds %v %v", v, up, want, wantOK)
		}
	})
}

// TestGCIDRuns: an id read again from the text of the line before is the
// one read afresh.
func TestGCIDRuns(t *testing.T) {
	p := newUnifiedParser(&emitter{})
	for _, line := range []string{"GC(12) Pause Young", "GC(12) Eden regions: 1->2", "GC(12)", "GC(12)x",
		"GC(123) y", "GC(12) z", "GC(1) ", "GC(1)  two spaces", "GC(1)", "GC(1) x", "GC(x) no", "GC(12 no",
		"Using G1", "GC(12) again", "GC(99999999999999999999) big", "GC(12) again",
		// Messages of 16 bytes or more: compared as words.
		"GC(12) Pause Young (Normal)", "GC(12) Pause Young (Normal)", "GC(123) Pause Young (Normal)",
		"GC(12) Pause Young (Normal)", "GC(12)xPause Young (Normal)", "GC(1234567) Eden regions: 1",
		"GC(1234567) Eden regions: 1", "GC(1234568) Eden regions: 1", "GC(12345678) Eden regions: 1",
		"GC(12345678) Eden regions: 1", "GC(123456789) Eden regions", "GC(123456789) Eden regions",
		"GC(123456789)xEden regions", "GC(1234567890123) Eden regions", "GC(1234567890123) Eden regions",
		"GC(1234567890124) Eden regions", "GC(1) 123456789012345", "GC(1) 123456789012345"} {
		id, msg := p.gcID([]byte(line))
		wantID, wantMsg := newUnifiedParser(&emitter{}).gcID([]byte(line))
		if id != wantID || string(msg) != string(wantMsg) {
			t.Errorf("%q: read as %d %q after the line before, afresh %d %q", line, id, msg, wantID, wantMsg)
		}
	}
	if id, msg := newUnifiedParser(&emitter{}).gcID([]byte("GC(1)  two")); id != 1 || string(msg) != " two" {
		t.Errorf(`"GC(1)  two": %d %q, want 1 " two"`, id, msg)
	}
}

// FuzzGCIDRuns: a message read after others (its id compared as words with
// the one before, see sameGCID and setIDWords) reads as it does afresh.
func FuzzGCIDRuns(f *testing.F) {
	f.Add("GC(12) Pause Young (Normal)", "GC(12) Eden regions: 1->2", "GC(123) Pause Young (Normal)")
	f.Add("GC(1234567890123) Eden regions", "GC(1234567890124) Eden regions", "GC(1) x")
	f.Add("GC(12345678) Eden", "GC(12345678) Eden regions: 1", "GC(1234567)")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		p := newUnifiedParser(&emitter{})
		for _, line := range []string{a, b, c, a, b} {
			id, msg := p.gcID([]byte(line))
			wantID, wantMsg := newUnifiedParser(&emitter{}).gcID([]byte(line))
			if id != wantID || string(msg) != string(wantMsg) {
				t.Errorf("%q: read as %d %q after the line before, afresh %d %q", line, id, msg, wantID, wantMsg)
			}
		}
	})
}

// TestTransitionMemo: a size transition read again from the text after a
// name of the same length is the one scanTransition reads.
func TestTransitionMemo(t *testing.T) {
	p := newUnifiedParser(&emitter{})
	for _, b := range []string{"6->0(3)", "6->0(3)", "6->1(3)", "", "x", "x", "86K(320K)->86K(320K) NonClass: 1K->2K",
		"86K(320K)->86K(320K) NonClass: 1K->2K", "86K(320K)->86K(320K)", "6->0(3)",
		// The text remembered followed by more of a transition, or by
		// another byte than a space: read again.
		"6->0", "6->0(3)", "6->0(3)K", "6->0(3) x", "6->0(3)", "6->0(", "6->0(3)(4)", "6->0 (3)", "6->0",
		"86K(320K)->86K(320K) x", "86K(320K)->86K(320K)", "86K(320K)->86K(320K).5", "86K(320K)->86K(320K)(9%)",
		"12M(10%)->3M(2%) x", "12M(10%)->3M(2%)", "12M(10%)->3M(2%)(1%)",
		// Texts of 4 to 7 bytes, compared as two words of 4: a byte
		// changed at either end or between.
		"6->0(3)", "7->0(3)", "6->0(3)", "6->0(4)", "6->0(3)", "6->9(3)", "2->2", "3->2", "2->2", "2->3", "2->2",
		"2->22", "2->2", "12->0", "12->1", "12->1(9)"} {
		s, n := p.transition(12, []byte(b))
		want, wantN := scanTransition([]byte(b))
		if s != want || n != wantN {
			t.Errorf("%q: %+v %d, scanTransition %+v %d", b, s, n, want, wantN)
		}
	}
}

// FuzzTransitionMemo: the remembered transition reads any text after
// another as scanTransition does.
func FuzzTransitionMemo(f *testing.F) {
	f.Add("6->0(3)", "6->0(3)")
	f.Add("86K(320K)->86K(320K) NonClass: 1K->2K", "86K(320K)->86K(320K)")
	f.Add("6->0", "6->0(3)")
	f.Add("12M(10%)->3M(2%)", "12M(10%)->3M(2%)(1%)")
	f.Fuzz(func(t *testing.T, a, b string) {
		p := newUnifiedParser(&emitter{})
		for _, text := range []string{a, b, a, b} {
			s, n := p.transition(5, []byte(text))
			want, wantN := scanTransition([]byte(text))
			if s != want || n != wantN {
				t.Fatalf("%q after %q: %+v %d, scanTransition %+v %d", text, a, s, n, want, wantN)
			}
		}
	})
}

// BenchmarkUnifiedDecorations reads the decorations of every line of the
// benchmark log as the parser does, and nothing else: the share of
// BenchmarkUnifiedG1 that is decorations.
func BenchmarkUnifiedDecorations(b *testing.B) {
	data, err := os.ReadFile("../testdata/jvm/logs/jdk17-g1-slowleak.log")
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	lines := bytes.Split(data, []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := newUnifiedParser(&emitter{})
		for _, line := range lines {
			if _, ok := p.decorateAsBefore(line); !ok {
				_, ok = p.decor.parse(line, nil)
				p.learnLayout(ok)
			}
		}
	}
}

// TestEventBlock: events from a block are NewEvent's, each its own.
func TestEventBlock(t *testing.T) {
	var b eventBlock
	seen := map[*Event]bool{}
	for i := 0; i < 3*eventBlockLenPlain; i++ {
		for _, n := range []int{0, 1, eventSpaces, eventSpaces + 1} {
			e := b.newEvent("s.log", i, n)
			want := newEventSpaces("s.log", i, n)
			if !reflect.DeepEqual(e, want) || cap(e.Spaces) != cap(want.Spaces) || seen[e] {
				t.Fatalf("event %d with %d spaces: %+v, want %+v", i, n, e, want)
			}
			seen[e] = true
			e.ID, e.Name = 7, "x" // not seen in the next ones
		}
	}
}

// Generational ZGC prints per-generation tables under "Young Generation
// Statistics:" and "Old Generation Statistics:" titles: their Live rows
// give the young-live and old-live spaces, and a major collection is judged
// on the old generation's live size at mark end.
func TestGenerationalZGCTables(t *testing.T) {
	evs, info := readAll(t, "../testdata/jvm/logs/jdk25-zgc-steady.log")
	s := NewSummary(nil)
	majors := 0
	for _, e := range evs {
		s.Add(e)
		if !strings.HasPrefix(e.Name, "Major Collection") {
			continue
		}
		majors++
		if _, ok := e.Space(SpaceOld + "-live"); !ok {
			t.Fatalf("line %d: major collection without old-live: %s", e.Line, dumpEvent(e))
		}
	}
	s.Finish(info, DefaultVerdictOptions)
	if majors == 0 {
		t.Fatal("no major collection")
	}
	for _, p := range s.LiveSet {
		if p.Label == "Major" && p.Live >= p.Heap.After {
			t.Errorf("%s: judged %d, the heap after (%d): not the old generation's live size", p.Pos, p.Live, p.Heap.After)
		}
	}
}

// TestSameBytes: sameBytes is bytes.Equal, on slices of every length around
// the words it compares.
func TestSameBytes(t *testing.T) {
	base := []byte("gc,phases,start  ] xyz123")
	for n := 0; n <= len(base); n++ {
		for m := 0; m <= len(base); m++ {
			for k := 0; k < max(n, m); k++ { // a byte changed at each place
				a, b := base[:n], append([]byte(nil), base[:m]...)
				if k < m {
					b[k] ^= 1
				}
				if got, want := sameBytes(a, b), bytes.Equal(a, b); got != want {
					t.Errorf("sameBytes(%q, %q) = %v", a, b, got)
				}
				if got, want := sameBytes(a, base[:m]), bytes.Equal(a, base[:m]); got != want {
					t.Errorf("sameBytes(%q, %q) = %v", a, base[:m], got)
				}
			}
		}
	}
}

// TestDecorateAsBeforeEachByte: the fast path compares the decorations of
// a line with those before as words; a line that differs from the one
// before in any one byte of them, or in its length, is read as the general
// parse reads it.
func TestDecorateAsBeforeEachByte(t *testing.T) {
	for _, base := range []string{
		"[2026-12-02T20:05:38.309+0000][1.255s][info][gc,phases   ] GC(59) Other: 0.1ms",     // 61 bytes of decorations
		"[2026-12-02T20:05:38.309+0000][100001.255s][info][gc,phases,start,task  ] GC(59) x", // 80
		"[1.255s][info][gc,phases   ] GC(59) x",                                              // 30
		"[2026-12-02T20:05:38.309+0000][1.255s][info][gc,phases   ]",                         // none after
	} {
		end := strings.Index(base, "] ") + 1
		if end == 0 {
			end = len(base)
		}
		for k := 0; k < end; k++ {
			for _, c := range []byte{base[k] ^ 1, '0', 's', ']', '['} {
				changed := []byte(base)
				changed[k] = c
				checkDecorateAsBefore(t, sprintf("%q byte %d", base, k), [][]byte{[]byte(base), changed, []byte(base), []byte(base)})
			}
			shorter := base[:k] + base[k+1:]
			checkDecorateAsBefore(t, sprintf("%q without byte %d", base, k), [][]byte{[]byte(base), []byte(shorter), []byte(base)})
		}
	}
}

// TestSameWords: sameWords is bytes.Equal, on slices of every length around
// the 8 to 64 bytes it compares as words, whichever byte differs.
func TestSameWords(t *testing.T) {
	base := []byte("[2026-12-02T20:05:38.309+0000][1.255s][info][gc,phases   ] GC(59) Other: 0.1ms")
	for n := 0; n <= len(base); n++ {
		for _, m := range []int{n - 1, n, n + 1} {
			if m < 0 || m > len(base) {
				continue
			}
			for k := 0; k < max(n, m); k++ { // a byte changed at each place
				a, b := base[:n], append([]byte(nil), base[:m]...)
				if k < m {
					b[k] ^= 1
				}
				if got, want := sameWords(a, b), bytes.Equal(a, b); got != want {
					t.Errorf("sameWords(%q, %q) = %v", a, b, got)
				}
			}
			if got, want := sameWords(base[:n], base[:m]), n == m; got != want {
				t.Errorf("sameWords(%q, %q) = %v", base[:n], base[:m], got)
			}
		}
	}
}

// FuzzSameWords: sameWords is bytes.Equal, on a slice and a copy of it with
// one byte changed (flip 0 leaves it the same), or a byte longer.
func FuzzSameWords(f *testing.F) {
	f.Add([]byte("[2026-12-02T20:05:38.309+0000][1.255s][info][gc,phases   ] "), uint8(40), uint8(1), false)
	f.Add([]byte("[2026-12-02T20:05:38.309+0000][1.255s][info]["), uint8(0), uint8(0), true)
	f.Fuzz(func(t *testing.T, a []byte, at, flip uint8, longer bool) {
		b := append([]byte(nil), a...)
		if len(b) > 0 {
			b[int(at)%len(b)] ^= flip
		}
		if longer {
			b = append(b, 'x')
		}
		if got, want := sameWords(a, b), bytes.Equal(a, b); got != want {
			t.Errorf("sameWords(%q, %q) = %v", a, b, got)
		}
	})
}

// TestSameZone: sameZone compares the bytes from zone to up as string
// comparison does, whichever byte differs, in spans of 3 to 8 bytes.
func TestSameZone(t *testing.T) {
	base := []byte("2024-05-06T07:08:09.123+0200][16.695s]")
	const zone = len("2024-05-06T07:08:09.123")
	for up := zone + 3; up <= zone+8; up++ {
		for k := range base { // a byte changed at each place
			b := append([]byte(nil), base...)
			b[k] ^= 1
			if got, want := sameZone(base, b, zone, up), string(base[zone:up]) == string(b[zone:up]); got != want {
				t.Errorf("sameZone(%q, %q, %d, %d) = %v", base, b, zone, up, got)
			}
		}
	}
}

// TestHasOutOfMemory: hasOutOfMemory finds what the two searches it
// replaced find.
func TestHasOutOfMemory(t *testing.T) {
	for _, m := range []string{"", "Out", "OutOfMemoryError", "x OutOfMemoryErro", "Out Out of Memory", "OutOut of Memory",
		"java.lang.OutOfMemoryError: Java heap space", "Out of Memor", "OOut of Memory!", "out of memory", "OutOfMemory Out"} {
		want := strings.Contains(m, "OutOfMemoryError") || strings.Contains(m, "Out of Memory")
		if got := hasOutOfMemory([]byte(m)); got != want {
			t.Errorf("hasOutOfMemory(%q) = %v, want %v", m, got, want)
		}
	}
}

// TestTrimName: trimName is bytes.TrimSpace.
func TestTrimName(t *testing.T) {
	for _, s := range []string{"", " ", "Eden", " Eden", "Eden ", "NonClass", "\u00a0Class", "Class\u00a0", "\tOld",
		"Old\n", "a", "Z", "@x", "x@", "PSYoungGen", "`a", "a{"} {
		if got, want := trimName([]byte(s)), bytes.TrimSpace([]byte(s)); !bytes.Equal(got, want) {
			t.Errorf("trimName(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHasSpaceWord: hasSpaceWord(b, w) is whether b has " "+w.
func TestHasSpaceWord(t *testing.T) {
	for _, s := range []string{"", "used", " used", "Metaspace: 0M used, 0M committed", "Metaspace: 86K(320K)->86K(320K)",
		"xused used", "xused", "u", " u"} {
		if got, want := hasSpaceWord([]byte(s), "used"), strings.Contains(s, " used"); got != want {
			t.Errorf("hasSpaceWord(%q, used) = %v, want %v", s, got, want)
		}
	}
}

// TestWordPrefix: a wordPrefix tells what hasPrefix tells.
func TestWordPrefix(t *testing.T) {
	for _, pre := range []string{"Pause ", "Concurrent ", "Minor Collection", "Old Generation", "", "x",
		"User=", "Mark Start ", "Metaspace: ", "Heap Statistics:", "Evacuation Failure"[:16]} {
		w := newWordPrefix(pre)
		for _, s := range []string{"", "P", "Pause", "Pause ", "Pause Young (Normal) (G1 Evacuation Pause)", "Pause-Young (Normal) (G1",
			"Concurrent Mark", "Concurrent Mark Cycle 5.234ms", "Concurrent_Mark Cycle 5.234ms", "Minor Collection",
			"Minor Collection (Allocation Rate)", "Minor Collectio", "Minor CollectioN (x)", "Old Generation", "Old Generation 1M->2M",
			"Old Generatio", "Old Generation Statistics:", "x", "xx", "y",
			"User=0.01s Sys=0.00s Real=0.01s", "Using 2 workers of 2 for evacuation", "User", "Mark Start  Mark End",
			"Merge Heap Roots: 0.1ms", "Metaspace: 86K(320K)->86K(320K)", "Metaspace:", "Heap Statistics:",
			"Heap Statistics", "Humongous regions: 0->0", "Evacuation Failure", "Evacuation Failure: 1.0ms",
			"Evacuate Collection Set: 9.3ms", "Evacuation Failu"} {
			if got, want := w.of([]byte(s)), hasPrefix([]byte(s), pre); got != want {
				t.Errorf("%q starts with %q: %v, hasPrefix %v", s, pre, got, want)
			}
		}
	}
}

// FuzzWordPrefix: a wordPrefix tells what hasPrefix tells, for each of the
// prefixes the parser looks for.
func FuzzWordPrefix(f *testing.F) {
	prefixes := []*wordPrefix{&pausePrefix, &concurrentPrefix, &minorPrefix, &majorPrefix, &youngGenPrefix, &oldGenPrefix,
		&userPrefix, &allocationStallPrefix, &relocationStallPrefix, &markStartPrefix, &metaspacePrefix,
		&heapStatisticsPrefix, &evacuationFailurePrefix}
	for i, s := range []string{"Pause Young (Normal) (G1 Evacuation Pause)", "Concurrent Mark", "Minor Collection (Allocation Rate)",
		"Major Collection", "Young Generation", "Old Generation 1M->2M", "User=0.01s", "Allocation Stall (x)",
		"Relocation Stall", "Mark Start  Mark End", "Metaspace: 1K->2K", "Heap Statistics:", "Evacuation Failure: 1ms"} {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		w := prefixes[int(which)%len(prefixes)]
		if got, want := w.of(b), hasPrefix(b, w.s); got != want {
			t.Errorf("%q starts with %q: %v, hasPrefix %v", b, w.s, got, want)
		}
	})
}

// TestSplitLineTail: a decorated line broken in two (a file that ended in
// the middle of a line, as logrotate's copytruncate leaves it) leaves a
// tail without decorations or GC id, "Metaspace: ...". It is the
// collection's whose line it was, which the tail does not say: it amends
// no event (the one held then is the collection before), and is reported
// as unparsed. Read in chunks, the log reads the same.
func TestSplitLineTail(t *testing.T) {
	data, err := os.ReadFile("../testdata/jvm/logs/jdk17-g1-slowleak.log")
	if err != nil {
		t.Skip("no real log")
	}
	const split = "GC(40) Metaspace: "
	i := bytes.Index(data, []byte(split))
	if i < 0 {
		t.Fatal("no GC(40) metaspace line")
	}
	i += len("GC(40) ")
	broken := append(append(append([]byte(nil), data[:i]...), '\n'), data[i:]...)
	path := filepath.Join(t.TempDir(), "split.log")
	if err := os.WriteFile(path, broken, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, info := readStream(t, NewReader(f, path))
	whole, _ := readString(t, string(data))
	if len(evs) != len(whole) {
		t.Fatalf("%d events, %d without the break", len(evs), len(whole))
	}
	for k, e := range evs {
		got, _ := e.Space(SpaceMetaspace)
		want, _ := whole[k].Space(SpaceMetaspace)
		if e.ID == 40 {
			want = NoSizes // its metaspace line is the broken one
		}
		if got != want {
			t.Errorf("GC(%d) %s: metaspace %+v, want %+v", e.ID, e.Name, got, want)
		}
	}
	if info.Unparsed != 1 {
		t.Errorf("%d lines unparsed, want the tail", info.Unparsed)
	}
	want := readSequential(t, path)
	for _, c := range []struct{ size, readOn int64 }{{4 << 10, 512}, {16 << 10, 8 << 10}} {
		if got, ok := readChunked(t, path, c.size, c.readOn); ok && got != want {
			t.Errorf("in chunks of %d (read-on %d) differs from a sequential read:\n%s", c.size, c.readOn, firstDiff(want, got))
		}
	}
}

// TestZGCRowNameMax: detail looks up no name longer than zgcRowNameMax;
// zgcRow's names are not (the list is zgcRow's switch's).
func TestZGCRowNameMax(t *testing.T) {
	for _, name := range []string{"Capacity", "Used", "Live", "Free", "Allocated", "Garbage", "Reclaimed", "Promoted", "Compacted"} {
		if len(name) > zgcRowNameMax {
			t.Errorf("zgcRow reads %q, longer than zgcRowNameMax (%d)", name, zgcRowNameMax)
		}
	}
}

// TestSpaceNameMax: no name of a space or region is longer than
// spaceNameMax (the lists are unifiedSpaceName's and unifiedRegionName's).
func TestSpaceNameMax(t *testing.T) {
	for _, name := range []string{"DefNew", "ParNew", "PSYoungGen", "Eden", "From", "Tenured", "CMS", "ParOldGen", "PSOldGen",
		"Old", "Metaspace", "Class", "NonClass", "Eden regions", "Survivor regions", "Old regions", "Humongous regions", "Archive regions"} {
		_, space := unifiedSpaceName([]byte(name))
		_, region := unifiedRegionName([]byte(name))
		if !space && !region {
			t.Errorf("%q is no space's name", name)
		}
		if len(name) > spaceNameMax {
			t.Errorf("%q is longer than spaceNameMax (%d)", name, spaceNameMax)
		}
	}
}

// TestLastSpace: lastSpace is bytes.LastIndexByte(b, ' '), with the space
// at every place of slices of every length around its words, and bytes
// whose carries would make a false space (0x1f, 0xa0, 0x21).
func TestLastSpace(t *testing.T) {
	base := []byte("Pause Young (Normal) (G1 Evacuation Pause) 6M->6M(64M) 10.530ms")
	noSpace := bytes.Repeat([]byte{'x', 0x1f, 0xa0, 0x21, 0xff, 0}, 4)
	for _, b := range [][]byte{base, noSpace} {
		for n := 0; n <= len(b); n++ {
			if got, want := lastSpace(b[:n]), bytes.LastIndexByte(b[:n], ' '); got != want {
				t.Errorf("lastSpace(%q) = %d, want %d", b[:n], got, want)
			}
			for k := 0; k < n; k++ {
				c := append([]byte(nil), noSpace[:n%len(noSpace)]...)
				c = append(c, bytes.Repeat([]byte{'y'}, n)...)[:n]
				c[k] = ' '
				if got := lastSpace(c); got != k {
					t.Errorf("lastSpace(%q) = %d, want %d", c, got, k)
				}
			}
		}
	}
}

// FuzzLastSpace: lastSpace is bytes.LastIndexByte(b, ' ').
func FuzzLastSpace(f *testing.F) {
	f.Add([]byte("Pause Young (Normal) (G1 Evacuation Pause) 6M->6M(64M) 10.530ms"))
	f.Add([]byte("Concurrent Mark From Roots"))
	f.Add([]byte{0x1f, 0x20, 0xa0, 0x21, 0, 0xff, 0x20, 0x1f, 0x21})
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := lastSpace(b), bytes.LastIndexByte(b, ' '); got != want {
			t.Errorf("lastSpace(%q) = %d, want %d", b, got, want)
		}
	})
}

// TestGlobalFirst: every message globalNamed reads by its start begins with
// a letter of globalFirst; global sends it no other.
func TestGlobalFirst(t *testing.T) {
	for _, start := range []string{"Using ", "Version: ", "Heap Region Size: ", "Heap region size: ",
		"Heap Max Capacity: ", "Max Capacity: ", "Minimum heap ", "Mode: Generational",
		"Initializing The Z Garbage Collector", "Heap: ", "Metaspace: "} {
		if !globalFirst[start[0]] {
			t.Errorf("%q: its first letter is not in globalFirst", start)
		}
	}
}
