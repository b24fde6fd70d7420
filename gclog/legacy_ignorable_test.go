package gclog

import (
	"bytes"
	"testing"
	"time"
)

// checkLegacyUnstamped: ignorable, skipping the stamps of a line from
// where legacyUnstamped says, after those line read, says what it says
// skipping them from the start, for the line with and without an indent,
// in UTC and in a zone with rules.
func checkLegacyUnstamped(t *testing.T, line []byte) {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CET", 3600)
	}
	for _, text := range [][]byte{line, append([]byte(" "), line...), append([]byte("\t"), line...)} {
		if legacyBlank(text) {
			continue
		}
		for _, loc := range []*time.Location{nil, berlin} {
			p := newLegacyParser(&emitter{loc: loc})
			_, _, n := p.stamp(text, loc)
			trim := legacyTrimIndent(text)
			got := p.ignorable(trim, text, legacyUnstamped(text, trim, text[n:]))
			if want := newLegacyParser(&emitter{loc: loc}).ignorable(trim, text, trim); got != want {
				t.Fatalf("%q in %v: ignorable after the stamps read %v, from the start %v", text, loc, got, want)
			}
		}
	}
}

// TestLegacyUnstamped: ignorable says the same from where legacyUnstamped
// says as from the start of every line of every fixture and corpus log.
func TestLegacyUnstamped(t *testing.T) {
	for _, data := range legacyScanInputs(t) {
		for line := range bytes.Lines(data) {
			checkLegacyUnstamped(t, bytes.TrimRight(line, "\r\n"))
		}
	}
}

func FuzzLegacyUnstamped(f *testing.F) {
	for _, s := range []string{
		"2017-09-18T09:25:30.941+0200: 277274.146: Total time for which application threads were stopped: 0.2213180 seconds",
		"277274.146: Application time: 0.1 seconds", "2016-04-14 22:30:08 GC log file created logs/gc.log.0",
		"2017-09-18T09:25:30.941: 1.0: 2.0: Desired survivor size 1 bytes", "#3: 1.0: Total time for which", ", [Times: user=0",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkLegacyUnstamped(t, line) })
}
