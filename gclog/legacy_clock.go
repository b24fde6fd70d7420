package gclog

import (
	"encoding/binary"
	"time"
)

// legacyClock reads the dates of stamps, "2017-09-18T09:25:30.720+0200", as
// scanISOTime does. Most dated lines of a log are in the minute and the zone
// of the date before them: for those it reads only the seconds and compares
// the rest with the text of that date, where isoClock, which reads the
// others, would also read the zone again and compare the minute through a
// call. (A CMS young collection line spent some 400 instructions on its
// date.)
type legacyClock struct {
	iso  isoClock
	zone string // the text of the zone of iso's minute ("+0200", "Z"); "" when none is known
	kept string // the last zone text kept, whose string the next same one reuses
}

// scan is scanISOTime with c's minute and zone; a nil c keeps nothing.
func (c *legacyClock) scan(b []byte, loc *time.Location) (time.Time, int, bool) {
	if c == nil {
		return scanISOTime(b, loc)
	}
	if c.zone != "" && len(b) >= 19 && b[16] == ':' && legacySameMinute(b, &c.iso.minute) {
		if secs, n, ok := legacyISOSeconds(b); ok && hasPrefix(b[n:], c.zone) {
			// The zone's text is one that isoZone reads to its end,
			// whatever follows, as a fixed zone: the one of iso's
			// minute, whose start iso keeps. This is what iso would
			// return.
			return c.iso.start.Add(secs), n + len(c.zone), true
		}
	}
	t, n, ok := c.iso.scan(b, loc)
	c.zone = ""
	if !ok {
		return t, n, ok
	}
	// A zone read after the seconds ('Z', "+hhmm", "+hh:mm") is a fixed
	// one, which iso now keeps with this minute. Without one, iso keeps
	// the minute it had, whatever it was, and so nothing is kept here.
	_, s, _ := legacyISOSeconds(b)
	if z := b[s:n]; len(z) > 0 {
		if c.kept != string(z) {
			c.kept = string(z) // allocated once per zone, not once per minute
		}
		c.zone = c.kept
	}
	return t, n, ok
}

// legacySameMinute reports whether b (16 bytes or more) starts with the
// minute m, "2017-09-18T09:25", compared as two words.
func legacySameMinute(b []byte, m *[16]byte) bool {
	return binary.LittleEndian.Uint64(b) == binary.LittleEndian.Uint64(m[:8]) &&
		binary.LittleEndian.Uint64(b[8:]) == binary.LittleEndian.Uint64(m[8:])
}

// legacyISOSeconds is isoSeconds with the digits of the fraction read by
// legacyDigits: the seconds and fraction of a date, "30.720" in
// "2017-09-18T09:25:30.720+0200", and the index after them.
func legacyISOSeconds(b []byte) (time.Duration, int, bool) {
	if len(b) < 19 {
		return 0, 0, false
	}
	tens, ones := b[17]-'0', b[18]-'0'
	if tens > 9 || ones > 9 || tens*10+ones > 60 {
		return 0, 0, false
	}
	secs := time.Duration(tens*10+ones) * time.Second
	if len(b) == 19 || (b[19] != '.' && b[19] != ',') {
		return secs, 19, true
	}
	frac, digits := legacyWordDigits(b[20:]) // legacyDigits, inlined
	if digits == 0 || digits == 8 {
		var j int
		frac, j = legacyDigitsLong(b, 20)
		digits = j - 20
	}
	if j := 20 + digits; digits <= 9 {
		return secs + time.Duration(frac*pow10[9-digits]), j, true
	}
	return isoSeconds(b) // digits past the ninth place, which count for nothing
}
