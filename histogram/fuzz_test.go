package histogram

import (
	"bytes"
	"testing"
)

// FuzzParse feeds the parser every sample input and mutations of it: no
// panic, no hang, and the sums it reports agree with its classes.
func FuzzParse(f *testing.F) {
	for _, rel := range inputs(f) {
		f.Add(readInput(f, rel))
	}
	f.Add([]byte("1:\n num #instances #bytes class name\n   1: 1 1 [L;\nTotal 1 1\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewReader(bytes.NewReader(in), "fuzz")
		for r.Scan() {
			s := r.Snapshot()
			var sum Count
			rows := 0
			for _, c := range s.Classes {
				sum.Instances += c.Instances
				sum.Bytes += c.Bytes
				rows += c.Rows
			}
			if sum != s.Sum || rows != s.Rows {
				t.Fatalf("classes sum to %v in %d rows, snapshot says %v in %d", sum, rows, s.Sum, s.Rows)
			}
			Check([]*Snapshot{s, s})
			Diff(s, s, Options{})
		}
		_ = r.NoHistogram()
	})
}
