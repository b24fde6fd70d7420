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
	if c.zone != "" && len(b) >= 19 && b[13] == ':' && b[16] == ':' && string(b[:11]) == string(c.iso.minute[:11]) {
		// Another minute of the same day, the most of the others.
		if t, n, ok := c.sameDay(b); ok {
			return t, n, ok
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

// sameDay is scan for a date in the day ("2017-09-18T") and the zone of
// iso's minute, at another minute: it reports false for any other text,
// having changed nothing. In a fixed zone each minute of a day starts sixty
// seconds after the one before, so the start of this one is the start of
// iso's moved by the minutes between them: the time time.Date gives, to
// the bit (as iso's start plus the seconds is, see isoClock), which iso
// then keeps with this minute, as its scan would. (Some 8% of the dates of
// the corpus's logs start another minute; time.Date and the reading of the
// whole date cost four times what this does.)
func (c *legacyClock) sameDay(b []byte) (time.Time, int, bool) {
	hh, mm := legacyTwoDigits(b, 11), legacyTwoDigits(b, 14)
	if hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return time.Time{}, 0, false // what isoClock fails
	}
	secs, n, ok := legacyISOSeconds(b)
	if !ok || !hasPrefix(b[n:], c.zone) {
		return time.Time{}, 0, false
	}
	was := legacyTwoDigits(c.iso.minute[:], 11)*60 + legacyTwoDigits(c.iso.minute[:], 14)
	c.iso.start = c.iso.start.Add(time.Duration(hh*60+mm-was) * time.Minute)
	copy(c.iso.minute[:], b)
	return c.iso.start.Add(secs), n + len(c.zone), true
}

// legacyTwoDigits reads the two digits at b[i:] as a number; -1 if one is
// not a digit.
func legacyTwoDigits(b []byte, i int) int {
	tens, ones := b[i]-'0', b[i+1]-'0'
	if tens > 9 || ones > 9 {
		return -1
	}
	return int(tens)*10 + int(ones)
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
