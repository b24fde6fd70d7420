package gclog

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestScanSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		n    int
	}{
		{"1234K", 1234 << 10, 5},
		{"12M->", 12 << 20, 3},
		{"3G", 3 << 30, 2},
		{"512B", 512, 4},
		{"1.5G", 3 << 29, 4},
		{"0,5K", 512, 4},
		{"67108864", 67108864, 8},
		// Bytes without a unit past 9,223,372,036: once scaled by 1e9 they overflowed.
		{"17179869184", 17179869184, 11},
		{"9223372037", 9223372037, 10},
		{"4611686018427387904", 1 << 62, 19},
		{"4611686018427387905", 0, 0}, // past 1<<62: not a size
		{"4611686018427387904K", 0, 0},
		{"17179869184.5K", 0, 0},
		{"12.M", 12, 2},
		{"12,", 12, 2},
		{"5k)", 5 << 10, 2},
		{"2t", 2 << 40, 2},
		{"7g", 7 << 30, 2},
		{"3m", 3 << 20, 2},
		{"12X", 12, 2},
		{"4194304T", 1 << 62, 8},
		{"4194305T", 0, 0},
		{"4194303T", 4194303 << 40, 8},
		{"K", 0, 0},
		{"", 0, 0},
	} {
		got, n := scanSize([]byte(c.in))
		if got != c.want || n != c.n {
			t.Errorf("scanSize(%q) = %d, %d; want %d, %d", c.in, got, n, c.want, c.n)
		}
	}
}

// TestUnifiedHeapMaxInBytes: gc+heap=debug gives the heap's bounds in bytes;
// a heap of 16 GB is past what a size scaled by 1e9 holds.
func TestUnifiedHeapMaxInBytes(t *testing.T) {
	log := "[0.010s][debug][gc,heap] Minimum heap 8388608  Initial heap 268435456  Maximum heap 17179869184\n" +
		"[0.020s][info][gc] Using G1\n"
	r := NewReader(strings.NewReader(log), "t.log")
	for r.Scan() {
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	if got := r.Info().HeapMax; got != 17179869184 {
		t.Errorf("HeapMax = %d, want 17179869184", got)
	}
}

func TestScanUint(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		n    int
	}{
		{"0", 0, 1},
		{"12x", 12, 2},
		{"x", 0, 0},
		{"", 0, 0},
		{"99999999999999999", 99999999999999999, 17},
		{"999999999999999999", 999999999999999999, 18},
		{"4611686018427387904", 1 << 62, 19},
		{"4611686018427387909", 4611686018427387909, 19},
		{"46116860184273879100", 0, 0},
		{"00000000000000000000000012", 12, 26},
		{"/:", 0, 0},
	} {
		got, n := scanUint([]byte(c.in))
		if got != c.want || n != c.n {
			t.Errorf("scanUint(%q) = %d, %d; want %d, %d", c.in, got, n, c.want, c.n)
		}
	}
}

// TestISOClock: times read with a clock's minute are those scanISOTime
// reads, to the bit (==: the same instant, encoding and Location).
func TestISOClock(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	var stamps []string
	for _, day := range []string{"2024-05-06T07:08", "2024-05-06T07:09", "2024-03-10T01:59", "2024-03-10T02:00",
		"2023-12-31T23:59", "2024-02-29 12:00", "0001-01-01T00:00"} {
		for _, sec := range []string{":00", ":09.123", ":59.999999999", ":60", ":60.5", ":07,25", ":30.1234567891"} {
			for _, zone := range []string{"", "Z", "+0200", "-05:30", "+0000", "-0000", "+01"} {
				stamps = append(stamps, day+sec+zone)
			}
		}
	}
	for _, loc := range []*time.Location{nil, time.UTC, ny} {
		var c isoClock
		for i := 0; i < 2; i++ { // in order, then again with the minute of the last
			for _, s := range stamps {
				want, wn, wok := scanISOTime([]byte(s), loc)
				got, n, ok := c.scan([]byte(s), loc)
				if got != want || n != wn || ok != wok {
					t.Errorf("%q in %v: clock read %v %d %v, scanISOTime %v %d %v", s, loc, got, n, ok, want, wn, wok)
				}
			}
		}
	}
}

// isoSecondsBefore is isoSeconds as it was before its fraction was read by
// a table of places: the reference it must agree with.
func isoSecondsBefore(b []byte) (secs time.Duration, n int, ok bool) {
	if len(b) < 19 || b[17] < '0' || b[17] > '9' || b[18] < '0' || b[18] > '9' {
		return 0, 0, false
	}
	ss := int(b[17]-'0')*10 + int(b[18]-'0')
	if ss > 60 {
		return 0, 0, false
	}
	n = 19
	nanos := 0
	if n < len(b) && (b[n] == '.' || b[n] == ',') {
		n++
		scale := 100000000
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			nanos += int(b[n]-'0') * scale
			scale /= 10
			n++
		}
	}
	return time.Duration(ss)*time.Second + time.Duration(nanos), n, true
}

func checkISOSeconds(t *testing.T, b []byte) {
	t.Helper()
	secs, n, ok := isoSeconds(b)
	ws, wn, wok := isoSecondsBefore(b)
	if secs != ws || n != wn || ok != wok {
		t.Fatalf("isoSeconds(%q) = %v, %d, %v; before %v, %d, %v", b, secs, n, ok, ws, wn, wok)
	}
}

func TestISOSecondsSameAsBefore(t *testing.T) {
	for _, s := range []string{"", "2024-05-06T07:08:09", "2024-05-06T07:08:09.123+0200", "2024-05-06T07:08:60.5",
		"2024-05-06T07:08:61", "2024-05-06T07:08:6x", "2024-05-06T07:08:x9", "2024-05-06T07:08:09,5Z",
		"2024-05-06T07:08:09.", "2024-05-06T07:08:09.1234567891234", "2024-05-06T07:08:59.999999999", "2024-05-06T07:08:0"} {
		checkISOSeconds(t, []byte(s))
	}
}

func FuzzISOSeconds(f *testing.F) {
	f.Add([]byte("2024-05-06T07:08:09.123+0200"))
	f.Add([]byte("2024-05-06T07:08:59,1234567891Z"))
	f.Fuzz(func(t *testing.T, b []byte) { checkISOSeconds(t, b) })
}

// BenchmarkISOTime reads a stamp as the legacy parser does on every record,
// with time.Date (scanISOTime) and with a clock's minute.
func BenchmarkISOTime(b *testing.B) {
	s := []byte("2024-05-06T07:08:09.123+0200")
	b.Run("date", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			scanISOTime(s, nil)
		}
	})
	b.Run("clock", func(b *testing.B) {
		var c isoClock
		for i := 0; i < b.N; i++ {
			c.scan(s, nil)
		}
	})
}

// scanDecimalBefore is scanDecimal as it was before its fraction was read
// as a whole number: the reference it must agree with.
func scanDecimalBefore(b []byte) (scaled int64, n int) {
	ip, n := scanUint(b)
	if n == 0 {
		return 0, 0
	}
	scaled = ip * 1e9
	if n+1 < len(b) && (b[n] == '.' || b[n] == ',') && b[n+1] >= '0' && b[n+1] <= '9' {
		n++
		mult := int64(1e8)
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			scaled += int64(b[n]-'0') * mult
			mult /= 10
			n++
		}
	}
	return scaled, n
}

func TestScanDecimalSameAsBefore(t *testing.T) {
	for _, s := range []string{"", "x", "0", "12", "12.", "12.x", "1.5", "0.0123000 secs", "12,345:", "1.123456789",
		"1.1234567891234", "99999999999.999999999999", "123456789012345678.5", "12345678901234567890", ".5", "7,"} {
		checkScanDecimal(t, []byte(s))
	}
}

func checkScanDecimal(t *testing.T, b []byte) {
	t.Helper()
	v, n := scanDecimal(b)
	wv, wn := scanDecimalBefore(b)
	if v != wv || n != wn {
		t.Fatalf("scanDecimal(%q) = %d, %d; before %d, %d", b, v, n, wv, wn)
	}
}

func FuzzScanDecimal(f *testing.F) {
	f.Add([]byte("0.0123000 secs"))
	f.Add([]byte("1.1234567891234"))
	f.Fuzz(func(t *testing.T, b []byte) { checkScanDecimal(t, b) })
}

// scanSizeBefore and scanSizeFractionBefore are scanSize as it was before
// a fraction's whole part was read once: the reference it must agree with.
func scanSizeBefore(b []byte) (bytes int64, n int) {
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
				return scanSizeFractionBefore(b, v)
			}
		}
	}
	if v > (1<<62)>>shift { // (1<<62)/mult, without dividing
		return 0, 0
	}
	return v << shift, n
}
func scanSizeFractionBefore(b []byte, v int64) (bytes int64, n int) {
	if v > maxWhole {
		return 0, 0 // a fraction of more than 9 G units: not a size any JVM logs
	}
	scaled, n := scanDecimalBefore(b)
	if n == 0 {
		return 0, 0
	}
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

func checkScanSize(t *testing.T, b []byte) {
	t.Helper()
	v, n := scanSize(b)
	wv, wn := scanSizeBefore(b)
	if v != wv || n != wn {
		t.Fatalf("scanSize(%q) = %d, %d; before %d, %d", b, v, n, wv, wn)
	}
}

func TestScanSizeSameAsBefore(t *testing.T) {
	for _, s := range []string{"", "x", "12", "12K", "24.0M(24.0M)", "0.0B", "3072.0K", "1.5G", "1,5g", "12.", "12.x",
		"9223372036.5G", "9223372037.5K", "1.1234567891234T", "4611686018427387904", "17179869184B", "0.5"} {
		checkScanSize(t, []byte(s))
	}
}

func FuzzScanSize(f *testing.F) {
	f.Add([]byte("24.0M(24.0M)"))
	f.Add([]byte("9223372036.999999999G"))
	f.Fuzz(func(t *testing.T, b []byte) { checkScanSize(t, b) })
}

// TestDurationWord: durationWord reads a word as scanDuration does when
// scanDuration reads all of it, and nothing else.
func TestDurationWord(t *testing.T) {
	for _, s := range []string{"", "x", "2.345ms", "0.000ms", "1.5s", "12us", "3ns", "0.0012secs", "7sec", "1,5ms",
		"12", "12.", "12.ms", "1.5m", "1.5mss", "1.5msx", "1.1234567891234ms", "99999999999.999999999999ms",
		"123456789012345678.5s", "12345678901234567890s", ".5ms", "1.5 ms", "5.s", "0,25s",
		// Milliseconds with three decimals, read where their digits are.
		"12.345ms", "10,530ms", "123456789.123ms", "1234567890.123ms", "12.34xms", "1x.345ms", "12.345ns",
		"12.345us", "12345.6ms", "a12.345ms", "-1.345ms", "+1.345ms", " 1.345ms", "1.3456ms"} {
		checkDurationWord(t, []byte(s))
	}
}

func checkDurationWord(t *testing.T, w []byte) {
	t.Helper()
	d, ok := durationWord(w)
	wd, n := scanDuration(w)
	// scanDuration allows a space before the unit: a word has none.
	want := n > 0 && n == len(w) && bytes.IndexByte(w, ' ') < 0
	if !want {
		wd = 0
	}
	if ok != want || d != wd {
		t.Fatalf("durationWord(%q) = %v, %v; scanDuration %v, %d", w, d, ok, wd, n)
	}
}

func FuzzDurationWord(f *testing.F) {
	f.Add([]byte("2.345ms"))
	f.Add([]byte("0.0012secs"))
	f.Add([]byte("1.1234567891234us"))
	f.Fuzz(func(t *testing.T, w []byte) {
		if bytes.IndexByte(w, ' ') >= 0 {
			return // (not a word)
		}
		checkDurationWord(t, w)
	})
}

// TestQuickTransition: quickTransition reads what scanTransition reads,
// its quick forms and the others.
func TestQuickTransition(t *testing.T) {
	quick := 0
	for _, s := range []string{"6->0(17)", "24M->3M(256M)", "4416K(4928K)->512K(4928K)", "6->0", "0->0 x", "12B->3B(4B))",
		"12M(10%)->3M(2%)", "1.5G->1G(2G)", "12k->3k", "12T->1T", "12m->3m(4m)", "12M->3M(4.5M)", "12M->3M(50%)",
		"12M->", "12M-", "->3M", "12M(", "12M(4M", "12M(4M)", "12M(4M)->", "12M->3M(", "12M->3M(4M", "12M->3M()",
		"99999999999999M->1M", "999999999999999->1", "4294967295G->1G", "4294967296G->1G", "12M,5->3M", "12.->3",
		"12M->3M(4M)(5M)", "(4M)->3M", "12M(4M)(5M)->3M", "12M (4M)->3M", "12M ->3M"} {
		if _, _, ok := wholeTransition([]byte(s)); ok {
			quick++
		}
		checkQuickTransition(t, []byte(s))
	}
	if quick < 5 {
		t.Errorf("only %d of the texts read quickly", quick)
	}
}

func checkQuickTransition(t *testing.T, b []byte) {
	t.Helper()
	s, n := quickTransition(b)
	ws, wn := scanTransition(b)
	if s != ws || n != wn {
		t.Fatalf("quickTransition(%q) = %+v, %d; scanTransition %+v, %d", b, s, n, ws, wn)
	}
}

func FuzzQuickTransition(f *testing.F) {
	f.Add([]byte("4416K(4928K)->512K(4928K)"))
	f.Add([]byte("6->0(17)"))
	f.Add([]byte("12M(10%)->3M(2%)"))
	f.Fuzz(func(t *testing.T, b []byte) { checkQuickTransition(t, b) })
}
