package gclog

import "time"

// Legacy-specific fast paths for the number scanners in numbers.go. Nearly
// every size a legacy log prints is a whole number of at most nine digits
// with a K, M or G unit ("1234K->567K(8192K)"); these read that form in one
// inlined pass and hand everything else (fractions, percentages, capacities
// before the arrow, huge or unitless-terabyte figures) to the general
// scanners, so the results are scanTransition's and scanSize's for every
// input (TestLegacyTransitionSameAsGeneral checks this over the corpus).

// legacyWholeSize reads a size at b[i:] in the common form: 1 to 9 digits
// and an optional unit among B, K, M, G (either case for K, M, G). ok is
// false for anything else, including a size followed by a fraction, which
// the caller then leaves to scanSize. With at most nine digits (under 2^30)
// and a shift of at most 30 the value cannot overflow, so scanSize's range
// checks always pass and the result is the same.
func legacyWholeSize(b []byte, i int) (v int64, end int, ok bool) {
	// The digits are read from a slice of at most ten bytes: no bounds
	// checks in the loop, and a tenth digit is too many.
	d := b[i:]
	if len(d) > 10 {
		d = d[:10]
	}
	k := 0
	for k < len(d) && d[k]-'0' <= 9 {
		v = v*10 + int64(d[k]-'0')
		k++
	}
	if k == 0 || k > 9 {
		return 0, 0, false
	}
	j := i + k
	if j < len(b) {
		switch b[j] {
		case '.', ',':
			// A fraction ("1.5G") or a separator ("12,"): scanSize tells.
			return 0, 0, false
		case 'K', 'k':
			return v << 10, j + 1, true
		case 'M', 'm':
			return v << 20, j + 1, true
		case 'G', 'g':
			return v << 30, j + 1, true
		case 'B':
			return v, j + 1, true
		case 'T', 't':
			return 0, 0, false // could overflow: scanSize checks
		}
	}
	return v, j, true
}

// legacyTransition is scanTransition(b) with a fast path for
// "1234K->567K(8192K)" and "1234K->567K".
func legacyTransition(b []byte) (Sizes, int) {
	before, n, ok := legacyWholeSize(b, 0)
	if !ok || n+2 >= len(b) || b[n] != '-' || b[n+1] != '>' {
		return legacyTransitionSlow(b)
	}
	after, m, ok := legacyWholeSize(b, n+2)
	if !ok {
		return legacyTransitionSlow(b)
	}
	s := Sizes{Before: before, After: after, Capacity: NoSizes.Capacity}
	if m < len(b) && b[m] == '(' {
		c, e, ok := legacyWholeSize(b, m+1)
		if !ok || e >= len(b) || b[e] != ')' {
			return legacyTransitionSlow(b) // "(10%)" or an odd capacity
		}
		s.Capacity = c
		m = e + 1
	}
	return s, m
}

// legacyTransitionSlow is scanTransition reading sizes with legacySize: G1
// prints fractions ("[Eden: 24.0M(24.0M)->0.0B(21.0M) ...").
func legacyTransitionSlow(b []byte) (s Sizes, n int) {
	s = NoSizes
	before, k := legacySize(b)
	if k == 0 {
		return s, 0
	}
	n = k
	n += skipPercent(b[n:])
	if n < len(b) && b[n] == '(' {
		if _, k := legacySize(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ')' {
			n += k + 2
		}
	}
	if !hasPrefix(b[n:], "->") {
		return NoSizes, 0
	}
	n += 2
	after, k := legacySize(b[n:])
	if k == 0 {
		return NoSizes, 0
	}
	n += k
	s.Before, s.After = before, after
	if n < len(b) && b[n] == '(' {
		if c, k := legacySize(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ')' {
			s.Capacity = c
			n += k + 2
		} else {
			n += skipPercent(b[n:])
		}
	}
	return s, n
}

// legacySize is scanSize(b): whole sizes through legacyWholeSize, sizes
// with a fraction ("24.0M") through legacyDecimal and then scanSize's
// arithmetic, anything else through scanSize.
func legacySize(b []byte) (int64, int) {
	if v, end, ok := legacyWholeSize(b, 0); ok {
		return v, end
	}
	ip := legacySkipDigits(b, 0)
	if !(ip > 0 && ip+1 < len(b) && (b[ip] == '.' || b[ip] == ',') && b[ip+1] >= '0' && b[ip+1] <= '9') {
		return scanSize(b)
	}
	// scanSize's path for a number with a fraction.
	scaled, n := legacyDecimal(b)
	shift, k := sizeUnit(b[n:])
	mult := int64(1) << shift
	n += k
	if scaled/1e9 > (1<<62)/mult {
		return 0, 0
	}
	if scaled%1e9 == 0 {
		return scaled / 1e9 * mult, n
	}
	return int64(float64(scaled) / 1e9 * float64(mult)), n
}

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

// legacyPow10 holds the powers of ten that scale a fraction of k digits to
// nanos: legacyPow10[9-k].
var legacyPow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// legacyDecimal is scanDecimal(b) in fewer instructions a digit: uptimes
// ("12345.678") and durations ("0.0123456 secs") are on every line. The
// integer part needs no overflow test below 17 digits (longer ones go to
// scanDecimal), and the fraction's first nine digits are read as one
// integer and scaled once, which is the sum scanDecimal makes of them;
// further digits are skipped as there.
func legacyDecimal(b []byte) (scaled int64, n int) {
	var ip int64
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		if n == 16 {
			return scanDecimal(b)
		}
		ip = ip*10 + int64(b[n]-'0')
		n++
	}
	if n == 0 {
		return 0, 0
	}
	scaled = ip * 1e9
	if n+1 < len(b) && (b[n] == '.' || b[n] == ',') && b[n+1] >= '0' && b[n+1] <= '9' {
		n++
		var frac int64
		k := 0
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			if k < 9 {
				frac = frac*10 + int64(b[n]-'0')
				k++
			}
			n++
		}
		scaled += frac * legacyPow10[9-k]
	}
	return scaled, n
}

// legacyDuration is scanDuration(b) reading the number with legacyDecimal.
func legacyDuration(b []byte) (time.Duration, int) {
	scaled, n := legacyDecimal(b)
	if n == 0 {
		return 0, 0
	}
	m := n
	if m < len(b) && b[m] == ' ' {
		m++
	}
	rest := b[m:]
	switch {
	case hasPrefix(rest, "ms"):
		return time.Duration(scaled / 1e3), m + 2
	case hasPrefix(rest, "us"):
		return time.Duration(scaled / 1e6), m + 2
	case hasPrefix(rest, "ns"):
		return time.Duration(scaled / 1e9), m + 2
	case hasPrefix(rest, "secs"):
		return time.Duration(scaled), m + 4
	case hasPrefix(rest, "sec"):
		return time.Duration(scaled), m + 3
	case hasPrefix(rest, "s"):
		return time.Duration(scaled), m + 1
	}
	return 0, 0
}
