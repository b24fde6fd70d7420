package gclog

import (
	"bytes"
	"testing"
	"time"
)

// legacyStampsBeforeByWalk is legacyStampsBefore without its shortcut for
// stamps that start the line: the walk back alone.
func legacyStampsBeforeByWalk(text []byte, b int, dates *legacyClock) (int, time.Time, time.Duration) {
	s := b
	for s > 0 && legacyStampByte(text[s-1]) {
		s--
	}
	for i := s; i < b; i++ {
		if t, up, n := legacyStampWith(text[i:b], nil, dates); n > 0 && i+n == b {
			return i, t, up
		}
	}
	return b, time.Time{}, -1
}

func checkLegacyStampsBefore(t *testing.T, line []byte, dates *legacyClock) {
	t.Helper()
	for b, c := range line {
		if c != '[' {
			continue
		}
		s, tt, up := legacyStampsBefore(line, b, nil, dates)
		ws, wt, wup := legacyStampsBeforeByWalk(line, b, dates)
		if s != ws || tt != wt || up != wup {
			t.Fatalf("legacyStampsBefore(%q, %d) = %d, %v, %v; by the walk back %d, %v, %v", line, b, s, tt, up, ws, wt, wup)
		}
	}
}

// TestLegacyStampsBeforeSameAsWalk: the stamps before every '[' of every
// fixture and corpus log read the same with the shortcut for stamps that
// start the line as by the walk back alone.
func TestLegacyStampsBeforeSameAsWalk(t *testing.T) {
	var dates legacyClock
	for _, data := range legacyScanInputs(t) {
		for _, line := range bytes.Split(data, []byte("\n")) {
			checkLegacyStampsBefore(t, line, &dates)
		}
	}
}

func FuzzLegacyStampsBefore(f *testing.F) {
	for _, s := range []string{"2014-07-24T12:00:00.123+0200: 12.345: [CMS-concurrent-mark: 0.1/0.2 secs]", "12.345: #3: [GC concurrent-mark-end, 0.1 secs]",
		"2014-07-24T12:00:00.123Z: 12.345: [CMS", "x12.3: [", "[", " 1.5: [", "2014-07-24 12:00:00,5-0130: 1,5: ["} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var dates legacyClock
		checkLegacyStampsBefore(t, line, &dates)
	})
}
