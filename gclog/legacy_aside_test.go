package gclog

import (
	"bytes"
	"testing"
)

// TestLegacyIndexColonComma: legacyIndexColonComma finds what
// bytes.IndexAny finds in the names of concurrent phases aside reads it in,
// whatever follows the prefix, and the prefixes hold neither byte.
func TestLegacyIndexColonComma(t *testing.T) {
	for _, prefix := range []string{"CMS-concurrent-", "ASCMS-concurrent-", "GC concurrent-"} {
		if a := legacyAsideName([]byte(prefix + "mark")); a != prefix {
			t.Fatalf("legacyAsideName(%q) = %q", prefix+"mark", a)
		}
		if len(prefix) < len(legacyPhasePrefix) || bytes.ContainsAny([]byte(prefix), ":,") {
			t.Fatalf("prefix %q: shorter than %q, or holds ':' or ','", prefix, legacyPhasePrefix)
		}
		for _, rest := range []string{"", "mark", "mark:", "mark: 0.1/0.2 secs", "mark-end, 0.001 secs", "count-end, 0.01", ",", ":", "a,b:c", "mark-start", "abort"} {
			b := []byte(prefix + rest)
			if got, want := legacyIndexColonComma(b), bytes.IndexAny(b, ":,"); got != want {
				t.Errorf("legacyIndexColonComma(%q) = %d, want %d", b, got, want)
			}
		}
	}
}
