package gclog

// A legacy-specific fast path for reading date stamps.

import "time"

// legacyDateCache remembers the last date stamp with an explicit zone that
// a parser read ("2014-05-06T07:08:09.123+0200"): a dated log prints the
// same minute and zone on many lines in a row, and building a time.Time
// from the fields costs hundreds of instructions a stamp. A stamp of the
// same minute and zone is that minute's time plus its seconds. Only stamps
// with a zone are kept: their time is in a fixed zone, so adding seconds
// within the minute gives what time.Date gives (no daylight saving change
// can fall inside it), and the location a caller passes does not matter.
type legacyDateCache struct {
	minuteText [17]byte // "2014-05-06T07:08:"
	zone       [8]byte  // "+0200", "+02:00" or "Z"
	zoneLen    int      // 0 when nothing is cached
	minute     time.Time
}

// legacyISOTime is scanISOTime(b, loc), reading the time from c when b has
// c's minute and zone, and keeping b's in c otherwise. c may be nil.
func legacyISOTime(b []byte, loc *time.Location, c *legacyDateCache) (time.Time, int, bool) {
	if c == nil {
		return scanISOTime(b, loc)
	}
	if c.zoneLen > 0 && len(b) >= 19 && string(b[:17]) == string(c.minuteText[:]) {
		// The same minute: what scanISOTime reads after it is the
		// seconds (isoSeconds) and the zone, which then reads as c's
		// when it has c's bytes (it looks at no other).
		// (Both sides are converted in the comparison: no allocation.)
		if secs, n, ok := isoSeconds(b); ok && len(b)-n >= c.zoneLen && string(b[n:n+c.zoneLen]) == string(c.zone[:c.zoneLen]) {
			return c.minute.Add(secs), n + c.zoneLen, true
		}
	}
	t, k, ok := scanISOTime(b, loc)
	if !ok {
		return t, k, ok
	}
	if secs, n, ok := isoSeconds(b); ok && k > n && k-n <= len(c.zone) {
		copy(c.minuteText[:], b[:17])
		c.zoneLen = copy(c.zone[:], b[n:k])
		c.minute = t.Add(-secs)
	}
	return t, k, ok
}
