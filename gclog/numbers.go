package gclog

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Hand-written number scanners for the hot path: no regexps, no allocation.
// Each takes the bytes at the start of b and returns the value and the number
// of bytes used (0 when b does not start with a number).

// isDigit reports whether c is a decimal digit.
func isDigit(c byte) bool { return c-'0' <= 9 }

// scanUint reads decimal digits.
func scanUint(b []byte) (v int64, n int) {
	for n < len(b) {
		c := b[n] - '0' // one unsigned compare tells a digit
		if c > 9 {
			break
		}
		// Overflow: not a size any JVM logs. (Below 17 digits v is less
		// than the bound: the test is skipped.)
		if n >= 17 && v > (1<<62)/10 {
			return 0, 0
		}
		v = v*10 + int64(c)
		n++
	}
	return v, n
}

// scanDecimal reads "123", "123.456" or "123,456" (some locales print a comma
// as the decimal separator) as a value scaled by 1e9: nanos when the unit is
// seconds. It keeps up to 9 fractional digits and ignores the rest.
func scanDecimal(b []byte) (scaled int64, n int) {
	ip, n := scanUint(b)
	if n == 0 {
		return 0, 0
	}
	scaled = ip * 1e9
	if n+1 < len(b) && (b[n] == '.' || b[n] == ',') && b[n+1] >= '0' && b[n+1] <= '9' {
		var frac int64
		frac, n = scanFraction(b, n+1)
		scaled += frac
	}
	return scaled, n
}

// scanFraction reads the digits of a fraction from b[i] on, keeping the
// first 9: it returns their value in billionths and the index after them.
func scanFraction(b []byte, i int) (int64, int) {
	// The digits as a whole number, scaled once at the end.
	var frac int64
	digits := 0
	for i < len(b) {
		c := b[i] - '0'
		if c > 9 {
			break
		}
		if digits < 9 {
			frac = frac*10 + int64(c)
			digits++
		}
		i++
	}
	return frac * pow10[9-digits], i
}

// pow10 holds the powers of ten that fit in an int64's nanoseconds scale.
var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// scanSize reads a size with a unit letter: "1234K", "12M", "3G", "512B",
// "1.5G" (ZGC and Shenandoah print fractions), returning bytes. A number with
// no unit is taken as bytes.
func scanSize(b []byte) (bytes int64, n int) {
	// Whole numbers, most sizes, are read without scaling by 1e9 and back:
	// a size in bytes past 9,223,372,036 ("Maximum heap 17179869184") would
	// overflow it.
	v, n := scanUint(b)
	if n == 0 {
		return 0, 0
	}
	// What follows the digits: a unit (sizeUnit's, inlined: one switch
	// for units and fraction), a fraction, or neither.
	shift := uint(0)
	if n < len(b) {
		switch b[n] {
		case 'B':
			n++
		case 'K', 'k':
			shift, n = 10, n+1
		case 'M', 'm':
			shift, n = 20, n+1
		case 'G', 'g':
			shift, n = 30, n+1
		case 'T', 't':
			shift, n = 40, n+1
		case '.', ',':
			if n+1 < len(b) && b[n+1] >= '0' && b[n+1] <= '9' {
				return scanSizeFraction(b, v, n)
			}
		}
	}
	if v > (1<<62)>>shift { // (1<<62)/mult, without dividing
		return 0, 0
	}
	return v << shift, n
}

// scanSizeFraction is scanSize of a size with a fraction, "1.5G"; v is its
// whole part, b[n] the separator before the fraction.
func scanSizeFraction(b []byte, v int64, n int) (bytes int64, end int) {
	if v > maxWhole {
		return 0, 0 // a fraction of more than 9 G units: not a size any JVM logs
	}
	// The value scaled by 1e9, as scanDecimal reads it, without reading
	// the whole part again.
	frac, n := scanFraction(b, n+1)
	scaled := v*1e9 + frac
	shift, k := sizeUnit(b[n:])
	mult := int64(1) << shift
	n += k
	// scaled is value*1e9; multiply first to keep precision for fractions.
	if scaled/1e9 > (1<<62)/mult {
		return 0, 0
	}
	if scaled%1e9 == 0 {
		return scaled / 1e9 * mult, n
	}
	return int64(float64(scaled) / 1e9 * float64(mult)), n
}

// maxWhole is the largest whole number scanDecimal scales by 1e9 without
// overflowing.
const maxWhole = (1<<63 - 1) / 1_000_000_000

// sizeUnit reads the unit letter of a size, if any, at the start of b: the
// multiplier as a power of two, and the bytes used.
func sizeUnit(b []byte) (shift uint, n int) {
	if len(b) > 0 {
		switch b[0] {
		case 'B':
			return 0, 1
		case 'K', 'k':
			return 10, 1
		case 'M', 'm':
			return 20, 1
		case 'G', 'g':
			return 30, 1
		case 'T', 't':
			return 40, 1
		}
	}
	return 0, 0
}

// scanDuration reads a number followed by a unit: "1.234ms", "0.0012 secs",
// "12us", "3ns", "1.5s", returning the duration and bytes used. An optional
// single space may stand between the number and the unit.
func scanDuration(b []byte) (time.Duration, int) {
	scaled, n := scanDecimal(b)
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

// durationWord is scanDuration of w, a word without spaces, when it reads
// the whole of w: ok is false where scanDuration would read less of it, or
// nothing. A summary's duration, "2.345ms", is read in one pass, not as a
// number and then a unit.
func durationWord(w []byte) (d time.Duration, ok bool) {
	// Most are milliseconds with three decimals, as the JVM writes a
	// pause, "12.345ms": read where their digits are. (At most nine
	// whole digits: the general way's wrapping never comes into it.)
	if n := len(w); n >= 7 && n <= 15 && w[n-2] == 'm' && w[n-1] == 's' && (w[n-6] == '.' || w[n-6] == ',') {
		whole, k := scanUint(w[:n-6])
		d1, d2, d3 := w[n-5]-'0', w[n-4]-'0', w[n-3]-'0'
		if k == n-6 && d1 <= 9 && d2 <= 9 && d3 <= 9 {
			return time.Duration(whole*1e6 + int64(d1)*1e5 + int64(d2)*1e4 + int64(d3)*1e3), true
		}
	}
	// The whole part as scanUint reads it, scaled as scanDecimal scales it
	// (wrapping where it wraps), then the fraction as scanFraction reads
	// it: digit by digit, by their place.
	whole, n := scanUint(w)
	if n == 0 {
		return 0, false
	}
	scaled := whole * 1e9
	if n+1 < len(w) && (w[n] == '.' || w[n] == ',') && isDigit(w[n+1]) {
		n++
		for place := 0; n < len(w) && isDigit(w[n]); place++ {
			if place < len(decimalPlace) {
				scaled += int64(w[n]-'0') * decimalPlace[place]
			}
			n++
		}
	}
	switch string(w[n:]) {
	case "ms":
		return time.Duration(scaled / 1e3), true
	case "us":
		return time.Duration(scaled / 1e6), true
	case "ns":
		return time.Duration(scaled / 1e9), true
	case "s", "sec", "secs":
		return time.Duration(scaled), true
	}
	return 0, false
}

// hasPrefix is bytes.HasPrefix with a string, without converting. Most
// calls fail, most on the first byte, compared first: inlined with a
// constant s, that is one instruction, where the rest is a call.
func hasPrefix(b []byte, s string) bool {
	if len(s) == 0 {
		return true
	}
	return len(b) >= len(s) && b[0] == s[0] && string(b[:len(s)]) == s
}

// hasSuffix is bytes.HasSuffix with a string, without converting.
func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// indexOf is bytes.Index with a string. It searches a string view of b
// (no copy: the view does not outlive the call) with the runtime's
// vectorised search.
func indexOf(b []byte, s string) int {
	return strings.Index(unsafe.String(unsafe.SliceData(b), len(b)), s)
}

// scanTransition reads "B->A(C)" with sizes, the form every HotSpot collector
// uses: "1234K->567K(8192K)", "12M->3M(64M)". Capacity is optional
// ("12M->3M"); ZGC's "12M(10%)->3M(2%)" percentage forms are accepted and the
// percentages ignored. It returns Unknown for parts it does not find.
func scanTransition(b []byte) (s Sizes, n int) {
	s = NoSizes
	before, k := scanSize(b)
	if k == 0 {
		return s, 0
	}
	n = k
	n += skipPercent(b[n:])
	if n < len(b) && b[n] == '(' {
		// The capacity before, as G1 and JDK 17+ generations print it:
		// "4416K(4928K)->512K(4928K)". The model keeps the capacity after.
		if _, k := scanSize(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ')' {
			n += k + 2
		}
	}
	if !hasPrefix(b[n:], "->") {
		return NoSizes, 0
	}
	n += 2
	after, k := scanSize(b[n:])
	if k == 0 {
		return NoSizes, 0
	}
	n += k
	s.Before, s.After = before, after
	if n < len(b) && b[n] == '(' {
		if c, k := scanSize(b[n+1:]); k > 0 && n+1+k < len(b) && b[n+1+k] == ')' {
			s.Capacity = c
			n += k + 2
		} else {
			n += skipPercent(b[n:])
		}
	}
	return s, n
}

// quickTransition is scanTransition(b), read in one pass where b is of
// the forms HotSpot's collectors print most, "6->0(17)", "24M->3M(256M)",
// "4416K(4928K)->512K(4928K)": whole numbers with a unit letter or none.
// Any other form (a fraction, a percentage, an odd unit or number) is
// read by scanTransition itself.
func quickTransition(b []byte) (Sizes, int) {
	if s, n, ok := wholeTransition(b); ok {
		return s, n
	}
	return scanTransition(b)
}

// wholeTransition reads b as scanTransition does when b is of the forms
// quickTransition names; ok is false for any other b, which scanTransition
// may read otherwise.
func wholeTransition(b []byte) (s Sizes, n int, ok bool) {
	before, n, ok := wholeSize(b, 0)
	if !ok {
		return s, 0, false
	}
	if n < len(b) && b[n] == '(' {
		// A capacity before, "4416K(4928K)": not a percentage, which
		// scanTransition skips first.
		_, end, ok := wholeSize(b, n+1)
		if !ok || end >= len(b) || b[end] != ')' {
			return s, 0, false
		}
		n = end + 1
	}
	if n+1 >= len(b) || b[n] != '-' || b[n+1] != '>' {
		return s, 0, false
	}
	after, n, ok := wholeSize(b, n+2)
	if !ok {
		return s, 0, false
	}
	s = Sizes{Before: before, After: after, Capacity: Unknown}
	if n < len(b) && b[n] == '(' {
		c, end, ok := wholeSize(b, n+1)
		if !ok || end >= len(b) || b[end] != ')' {
			return s, 0, false
		}
		s.Capacity, n = c, end+1
	}
	return s, n, true
}

// wholeSize reads the size at b[i:] as scanSize does when it is digits
// and a unit letter B, K, M or G, or none, with no fraction: it returns
// the size in bytes and the index after it. ok is false for any other
// text (no digits, a number of 15 digits or more, another unit, a
// fraction, a size that overflows), which scanSize may read otherwise.
func wholeSize(b []byte, i int) (v int64, end int, ok bool) {
	j := i
	for ; j < len(b); j++ {
		c := b[j] - '0'
		if c > 9 {
			break
		}
		v = v*10 + int64(c)
	}
	if j == i || j-i >= 15 {
		return 0, 0, false
	}
	shift := uint(0)
	if j < len(b) {
		switch b[j] {
		case 'B':
			j++
		case 'K':
			shift, j = 10, j+1
		case 'M':
			shift, j = 20, j+1
		case 'G':
			shift, j = 30, j+1
		case 'k', 'm', 'g', 't', 'T', '.', ',':
			return 0, 0, false // units and fractions left to scanSize
		}
	}
	if v > (1<<62)>>shift {
		return 0, 0, false
	}
	return v << shift, j, true
}

// skipPercent skips a "(10%)" that ZGC prints after a size.
func skipPercent(b []byte) int {
	if len(b) < 3 || b[0] != '(' {
		return 0
	}
	_, k := scanUint(b[1:])
	if k == 0 || 1+k+1 >= len(b) || b[1+k] != '%' || b[2+k] != ')' {
		return 0
	}
	return k + 3
}

// scanISOTime reads a time as HotSpot writes it, "2024-05-06T07:08:09.123+0200":
// fraction optional, zone as +hhmm, +hh:mm or Z. A time without a zone is in
// loc (UTC when loc is nil). It returns the bytes used.
func scanISOTime(b []byte, loc *time.Location) (time.Time, int, bool) {
	return (*isoClock)(nil).scan(b, loc)
}

// isoClock reads times as scanISOTime does, keeping the start of the minute
// of the last one: time.Date, the most of the cost, is called once a minute
// of the log rather than for every stamp. (A parser holds one: a shared one
// would change minute with every stamp of parallel chunks.)
type isoClock struct {
	minute [16]byte // "2024-05-06T07:08", the text of start
	loc    *time.Location
	start  time.Time // zero before the first time read
}

// scan is scanISOTime with c's minute; a nil c keeps nothing. Only times of
// a fixed zone (a zone in the text, or UTC) use the minute: in loc, a zone
// with rules, an offset could change within one (in old tzdata at odd
// seconds), and time.Date is what decides.
func (c *isoClock) scan(b []byte, loc *time.Location) (time.Time, int, bool) {
	if c != nil && !c.start.IsZero() && len(b) >= 19 && b[16] == ':' && string(b[:len(c.minute)]) == string(c.minute[:]) {
		// The minute of the last time: its date, hour and minute were
		// read then. In a fixed zone the start of the minute plus the
		// seconds is the time time.Date gives, to the bit: the same
		// instant, encoding and Location.
		if secs, n, ok := isoSeconds(b); ok {
			if zone, n, fixed := isoZone(b, n, loc); fixed && zone == c.loc {
				return c.start.Add(secs), n, true
			}
		}
	}
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, 0, false
	}
	year, mon, day, hh, mm := isoNum(b, 0, 4), isoNum(b, 5, 2), isoNum(b, 8, 2), isoNum(b, 11, 2), isoNum(b, 14, 2)
	secs, n, ok := isoSeconds(b)
	if year < 0 || mon < 1 || mon > 12 || day < 1 || day > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || !ok {
		return time.Time{}, 0, false
	}
	loc, n, fixed := isoZone(b, n, loc)
	if c == nil || !fixed {
		return time.Date(year, time.Month(mon), day, hh, mm, 0, int(secs), loc), n, true
	}
	c.start = time.Date(year, time.Month(mon), day, hh, mm, 0, 0, loc)
	c.loc = loc
	copy(c.minute[:], b)
	return c.start.Add(secs), n, true
}

// isoNum reads the n digits at b[i:] as a number; -1 if one is not a digit.
func isoNum(b []byte, i, n int) int {
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// isoZone reads the zone of a time at b[n:], after its seconds: Z, +hhmm,
// +hh:mm or none (then the time is in loc, UTC when loc is nil). It returns
// the zone, the index after it, and whether the zone is fixed (not one with
// rules: UTC or an offset).
func isoZone(b []byte, n int, loc *time.Location) (*time.Location, int, bool) {
	if n < len(b) && b[n] == 'Z' {
		return time.UTC, n + 1, true
	}
	if n+5 <= len(b) && (b[n] == '+' || b[n] == '-') {
		h := isoNum(b, n+1, 2)
		k := n + 3
		if k < len(b) && b[k] == ':' {
			k++
		}
		m := -1
		if k+2 <= len(b) {
			m = isoNum(b, k, 2)
		}
		if h >= 0 && m >= 0 {
			off := (h*60 + m) * 60
			if b[n] == '-' {
				off = -off
			}
			return fixedZone(off), k + 2, true
		}
	}
	if loc == nil || loc == time.UTC {
		return time.UTC, n, true
	}
	return loc, n, false
}

// isoSeconds reads the seconds and fraction of a time as scanISOTime does,
// "09.123" in "2024-05-06T07:08:09.123+0200", and returns them with the
// index after them (where the zone starts).
func isoSeconds(b []byte) (secs time.Duration, n int, ok bool) {
	if len(b) < 19 {
		return 0, 0, false
	}
	tens, ones := b[17]-'0', b[18]-'0' // (one unsigned compare tells a digit)
	if tens > 9 || ones > 9 || tens*10+ones > 60 {
		return 0, 0, false
	}
	secs = time.Duration(tens*10+ones) * time.Second
	n = 19
	if n < len(b) && (b[n] == '.' || b[n] == ',') {
		// The digits of the fraction by their place: digits past the
		// ninth count for nothing.
		n++
		for place := 0; n < len(b); place++ {
			c := b[n] - '0'
			if c > 9 {
				break
			}
			if place < len(decimalPlace) {
				secs += time.Duration(c) * time.Duration(decimalPlace[place])
			}
			n++
		}
	}
	return secs, n, true
}

// decimalPlace is the value in nanos of a digit at each place after the
// decimal point.
var decimalPlace = [...]int64{1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1}

// fixedZone caches zones by offset: a log has one or two, and time.FixedZone
// allocates. The last zone used is read without the lock: chunks of a log
// are parsed on all cores, each stamp asking for the same zone.
var (
	zoneCache = map[int]*time.Location{}
	zoneMu    sync.Mutex
	lastZone  atomic.Pointer[offsetZone]
)

type offsetZone struct {
	off int
	loc *time.Location
}

func fixedZone(off int) *time.Location {
	if z := lastZone.Load(); z != nil && z.off == off {
		return z.loc
	}
	zoneMu.Lock()
	defer zoneMu.Unlock()
	z, ok := zoneCache[off]
	if !ok {
		z = time.FixedZone("", off)
		zoneCache[off] = z
	}
	lastZone.Store(&offsetZone{off, z})
	return z
}

// scanCTime reads a date as C's ctime() and the IBM/JRockit logs write it:
// "Mon Jul  8 10:41:35 2002", "Wed Nov 2 12:34:56 2005", or without the
// weekday, "Mar 25 22:40:24 2010". Runs of spaces count as one. The time is
// in loc (UTC when loc is nil). It returns the bytes used.
func scanCTime(b []byte, loc *time.Location) (time.Time, int, bool) {
	n := 0
	word := func() []byte {
		for n < len(b) && b[n] == ' ' {
			n++
		}
		s := n
		for n < len(b) && b[n] != ' ' {
			n++
		}
		return b[s:n]
	}
	w := word()
	if len(w) == 3 && monthIndex(w) == 0 {
		w = word() // a weekday came first
	}
	mon := monthIndex(w)
	if mon == 0 {
		return time.Time{}, 0, false
	}
	day, k := scanUint(word())
	if k == 0 || day < 1 || day > 31 {
		return time.Time{}, 0, false
	}
	clock := word()
	if len(clock) != 8 || clock[2] != ':' || clock[5] != ':' {
		return time.Time{}, 0, false
	}
	hh, k1 := scanUint(clock[0:2])
	mm, k2 := scanUint(clock[3:5])
	ss, k3 := scanUint(clock[6:8])
	if k1 != 2 || k2 != 2 || k3 != 2 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, 0, false
	}
	for n < len(b) && b[n] == ' ' {
		n++
	}
	year, k := scanUint(b[n:])
	if k != 4 {
		return time.Time{}, 0, false
	}
	n += k
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(int(year), time.Month(mon), int(day), int(hh), int(mm), int(ss), 0, loc), n, true
}

// monthIndex returns 1..12 for an English month abbreviation, 0 otherwise.
func monthIndex(w []byte) int {
	if len(w) != 3 {
		return 0
	}
	const months = "JanFebMarAprMayJunJulAugSepOctNovDec"
	for i := 0; i < 12; i++ {
		if string(w) == months[i*3:i*3+3] {
			return i + 1
		}
	}
	return 0
}
