package gclog

import (
	"strings"
	"testing"
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
