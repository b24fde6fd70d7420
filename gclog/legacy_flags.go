package gclog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// The JVM's "CommandLine flags:" line, some forty flags in a thousand bytes,
// of which flag reads three kinds: "-XX:MaxHeapSize=", "-Xmx" and the
// "-XX:+Use...GC" that name a collector. Split at every space with each
// field handed to flag, it cost some 5,000 instructions, as much as two
// young collection lines: a vectorised search for the space that ends each
// field, flag's compares on each, and before them nine searches for white
// space other than spaces (legacySpacesOnly). flagsBySpaces tells the
// spaces and any other white space eight bytes at a time, and hands flag
// only the fields that start as one of its texts.

// flagsBySpaces does what commandLine does with flags split at spaces, for
// flags of spaces and bytes from '!' to DEL (none of which legacySpacesOnly
// or bytes.Fields take for white space), and reports whether it did. On
// flags holding any other byte it returns false, having handed flag the
// fields before the word holding it: commandLine then hands flag every
// field again, in order, and as flag keeps only the last of each setting,
// ends as if it had not.
func (p *legacyParser) flagsBySpaces(flags []byte) bool {
	const ones, tops, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	p.flagAt(flags, 0)
	i := 0
	for ; len(flags)-i >= 8; i += 8 {
		w := binary.LittleEndian.Uint64(flags[i:])
		// A byte below ' ' sets its top bit in w-' '*ones (a borrow out of
		// it can set those of the bytes above it, but it is found
		// already), a byte from 0x80 has it set in w.
		if (w-' '*ones|w)&tops != 0 {
			return false
		}
		// The spaces of w, each marked by the top bit of its byte: x has
		// a zero byte there, the only kind whose low seven bits plus 0x7f
		// leave the top bit clear, with no carry between bytes.
		x := w ^ ' '*ones
		spaces := ^((x&lows + lows) | x) & tops
		for spaces != 0 {
			f := i + bits.TrailingZeros64(spaces)>>3 + 1
			spaces &= spaces - 1
			// Most fields are told on one word here, without a call.
			if len(flags)-f < 8 || legacyMayBeFlag(binary.LittleEndian.Uint64(flags[f:])) {
				p.flagAt(flags, f)
			}
		}
	}
	for ; i < len(flags); i++ {
		switch c := flags[i]; {
		case c < ' ' || c >= 0x80:
			return false
		case c == ' ':
			p.flagAt(flags, i+1)
		}
	}
	return true
}

// The first eight bytes of the fields flag may read, as little-endian
// words: "-XX:MaxH" ("-XX:MaxHeapSize="), "-XX:+Use" (the collectors) and
// the first four of "-Xmx".
const (
	legacyWordMaxH = '-' | 'X'<<8 | 'X'<<16 | ':'<<24 | 'M'<<32 | 'a'<<40 | 'x'<<48 | 'H'<<56
	legacyWordUse  = '-' | 'X'<<8 | 'X'<<16 | ':'<<24 | '+'<<32 | 'U'<<40 | 's'<<48 | 'e'<<56
	legacyWordXmx  = '-' | 'X'<<8 | 'm'<<16 | 'x'<<24
)

// legacyMayBeFlag reports whether a field whose first eight bytes are w
// may be one flag reads (see flagAt).
func legacyMayBeFlag(w uint64) bool {
	return w == legacyWordMaxH || w == legacyWordUse || uint32(w) == legacyWordXmx
}

// flagAt hands flag the field of flags starting at f (after a space, or
// at 0), if it may be one flag reads: they all start with "-X" and have
// four bytes at least, and those of eight or more start as
// legacyMayBeFlag tells.
func (p *legacyParser) flagAt(flags []byte, f int) {
	b := flags[f:]
	if len(b) < 4 || b[0] != '-' || b[1] != 'X' {
		return // an empty field (the space of a pair, or the last byte), a field flag does not read
	}
	if len(b) >= 8 && !legacyMayBeFlag(binary.LittleEndian.Uint64(b)) {
		return
	}
	if end := bytes.IndexByte(b, ' '); end >= 0 {
		b = b[:end]
	}
	p.flag(b)
}
