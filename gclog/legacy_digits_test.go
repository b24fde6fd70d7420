package gclog

import (
	"strings"
	"testing"
)

// TestLegacyDigitsByWord: legacyDigits, eight bytes at a time, reads what
// a byte-by-byte reading of at most 16 digits reads, for runs of every
// length up to 20 ending at every kind of byte (those next to '0' and '9',
// the top-bit ones that could carry or borrow), at every offset in a word.
func TestLegacyDigitsByWord(t *testing.T) {
	ends := []string{"", "/", ":", ",", "\x00", "\x7f", "\x80", "\xff", "K", " ", ".", "\xb0", "\xb9"}
	n := 0
	for length := 0; length <= 20; length++ {
		for _, end := range ends {
			for _, tail := range []string{"", "123456789", "9/9/9/9/9"} {
				for lead := 0; lead < 9; lead++ {
					for _, run := range []string{"9876543210", "0123456789"} {
						digits := strings.Repeat(run, 2)[:length]
						b := []byte(strings.Repeat("x", lead) + digits + end + tail)
						checkLegacyDigits(t, b, lead)
						n++
					}
				}
			}
		}
	}
	t.Logf("%d inputs", n)
}

func checkLegacyDigits(t *testing.T, b []byte, i int) {
	t.Helper()
	v, k := legacyDigits(b, i)
	wv, wk := legacyDigitsByByte(b, i, i+16)
	if v != wv || k != wk {
		t.Fatalf("legacyDigits(%q, %d) = %d, %d; byte by byte %d, %d", b, i, v, k, wv, wk)
	}
	if lv, lk := legacyDigitsLong(b, i); lv != wv || lk != wk {
		t.Fatalf("legacyDigitsLong(%q, %d) = %d, %d; byte by byte %d, %d", b, i, lv, lk, wv, wk)
	}
	if lv, n := legacyWordDigits(b[i:]); n > 0 && n < 8 && (lv != wv || i+n != wk) {
		t.Fatalf("legacyWordDigits(%q) = %d, %d; byte by byte %d, %d", b[i:], lv, n, wv, wk-i)
	}
	if lv, lk := legacyLeadDigits(b[i:]); lv != wv || lk != wk-i {
		t.Fatalf("legacyLeadDigits(%q) = %d, %d; byte by byte %d, %d", b[i:], lv, lk, wv, wk-i)
	}
}

func FuzzLegacyDigits(f *testing.F) {
	for _, s := range []string{"12345678", "1234567890123456789", "0000000000000000001", "12\xfa45678", "9999999/", "1K->2K(3K)", "0.0123 secs", "0,5:", "0.", "\x80\x80\x80\x80\x80\x80\x80\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for i := 0; i <= len(b) && i < 9; i++ {
			checkLegacyDigits(t, b, i)
		}
	})
}
