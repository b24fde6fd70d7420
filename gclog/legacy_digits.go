package gclog

import (
	"encoding/binary"
	"math/bits"
)

// Digits eight at a time. A legacy record is mostly figures (a CMS young
// collection line holds some 100 digits), and reading them one byte at a
// time, a dozen instructions a digit, was the largest single cost of the
// parser. Eight bytes loaded as one little-endian word are tested and
// converted together, with a few word operations ("SIMD within a
// register"); text too close to the end of the line for a whole word is
// read byte by byte.

// legacyDigits reads the decimal digits at b[i:], at most 16 of them: their
// value and the index after them. It is too large to be inlined (a call
// weighs most of the inlining budget): the readers of the commonest
// figures do as it does, calling legacyWordDigits, which is inlined, and
// legacyDigitsLong only when it reads nothing.
func legacyDigits(b []byte, i int) (int64, int) {
	if v, n := legacyWordDigits(b[i:]); n > 0 && n < 8 {
		return v, i + n
	}
	return legacyDigitsLong(b, i)
}

// legacyWordDigits reads the digits b starts with in their commonest
// form, 1 to 7 digits with 8 bytes or more in b, as one word: their value
// and how many they are. It returns 0 or 8 as the count for any other
// text, which legacyDigitsLong reads. Small enough to be inlined.
func legacyWordDigits(b []byte) (int64, int) {
	if len(b) < 8 {
		return 0, 0
	}
	return legacyWordNumber(binary.LittleEndian.Uint64(b))
}

// legacyLeadDigits is legacyDigits(b, 0), telling the commonest whole part
// of a duration, a lone 0 before the fraction ("0.0123 secs"), on two
// bytes rather than by a word.
func legacyLeadDigits(b []byte) (int64, int) {
	if len(b) > 1 && b[0] == '0' && (b[1] == '.' || b[1] == ',') {
		return 0, 1
	}
	if v, n := legacyWordDigits(b); n > 0 && n < 8 { // legacyDigits, inlined
		return v, n
	}
	return legacyDigitsLong(b, 0)
}

// legacyDigitsLong is legacyDigits for text too short for a word, and for
// no digit or eight or more (sizes in bytes, long uptimes).
func legacyDigitsLong(b []byte, i int) (int64, int) {
	if len(b)-i < 8 {
		return legacyDigitsByByte(b, i, i+8)
	}
	v, n := legacyWordNumber(binary.LittleEndian.Uint64(b[i:]))
	if n < 8 {
		return v, i + n
	}
	i += 8
	if len(b)-i < 8 {
		more, j := legacyDigitsByByte(b, i, i+8)
		return v*pow10[j-i] + more, j
	}
	more, n := legacyWordNumber(binary.LittleEndian.Uint64(b[i:]))
	// v has 8 digits, so v*10^8 and the sum fit an int64.
	return v*pow10[n] + more, i + n
}

// legacyDigitsByByte reads the digits at b[i:end] (end cut to len(b)) one
// at a time: their value and the index after them.
func legacyDigitsByByte(b []byte, i, end int) (int64, int) {
	var v int64
	for k, c := range b[i:min(len(b), end)] {
		if c-'0' > 9 {
			return v, i + k
		}
		v = v*10 + int64(c-'0')
	}
	return v, min(len(b), end)
}

// legacyWordNumber reads the digits at the start of w, eight bytes of text
// loaded as a little-endian word (the first byte the lowest): their value
// and how many they are, 0 to 8 (the value is 0 for none).
func legacyWordNumber(w uint64) (int64, int) {
	// Per byte, x is 0 to 9 for a digit. It is 0x80 or more (the top bit
	// set) for a byte above 0x7f or below '0' (that one borrows), and
	// adding 0x76 sets the top bit of 10 to 0x7f, the rest of the bytes
	// above '9'. Borrows and carries run from lower bytes to higher ones
	// only, so they can spoil bytes after the first non-digit, never the
	// first non-digit itself or the digits before it: the lowest top bit
	// set marks it, at bit 8n+7 after n digits (64 when all are).
	const ones = 0x0101010101010101
	x := w - '0'*ones
	n := uint(bits.TrailingZeros64((x|(x+0x76*ones))&(0x80*ones))) >> 3
	// Moved to the top of the word, the digits are the last bytes of an
	// eight-digit number whose first 8-n bytes are zero. Then pairs of
	// neighbouring digits, of neighbouring pairs, and of neighbouring
	// fours are joined: each multiplication adds a lower part times its
	// place to the part above it, and the shift and mask keep the sums.
	// The move is a multiplication too (see legacyToTop).
	x *= legacyToTop[n]
	x = (x * (10<<8 + 1)) >> 8 & 0x00ff00ff00ff00ff
	x = (x * (100<<16 + 1)) >> 16 & 0x0000ffff0000ffff
	return int64((x * (10000<<32 + 1)) >> 32), int(n)
}

// legacyToTop[n] moves the n lowest bytes of a word to its top when the
// word is multiplied by it: 1<<(64-8n), and 0 for n = 0, which clears the
// word (2^64 wraps to 0). legacyWordNumber's shift by 64-8n took a dozen
// instructions (the count moved into CX, and a shift by 64 or more made 0
// by a compare and a mask); the multiplication takes two.
var legacyToTop = [9]uint64{0, 1 << 56, 1 << 48, 1 << 40, 1 << 32, 1 << 24, 1 << 16, 1 << 8, 1}
