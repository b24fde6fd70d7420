package gclog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSameAsReference is for reworking a parser without changing what it
// reads: with GCWATCH_REFERENCE=dir it writes the full dump of every log of
// testdata and of the corpus (every family) to dir on the first run, and on
// later runs compares each log's dump with the one written there. Run it
// once on the commit before the change, then after each step:
//
//	GCWATCH_REFERENCE=/tmp/ref go test -count=1 ./gclog -run TestSameAsReference
func TestSameAsReference(t *testing.T) {
	dir := os.Getenv("GCWATCH_REFERENCE")
	if dir == "" {
		t.Skip("set GCWATCH_REFERENCE=dir to write, then compare with, every log's dump")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	logs := projectLogs(t, "../testdata/gclog/*/*",
		"hotspot-unified", "hotspot-legacy", "hp", "ibm-legacy", "jrockit", "openj9", "other")
	// Corpus logs are named, in dump names and dumps, from the corpus
	// root: the same from any checkout (a git worktree reaches ../shared
	// by another path).
	corpus, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	written, compared := 0, 0
	for _, path := range logs {
		got := strings.ReplaceAll(readSequential(t, path), corpus+"/", "corpus/")
		name := strings.Replace(path, corpus+"/", "corpus/", 1)
		ref := filepath.Join(dir, strings.NewReplacer("/", "_", ".", "_").Replace(name)+".dump")
		want, err := os.ReadFile(ref)
		if os.IsNotExist(err) {
			if err := os.WriteFile(ref, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			written++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		compared++
		if string(want) != got {
			t.Errorf("%s differs from %s:\n%s", path, ref, firstDiff(string(want), got))
		}
	}
	t.Logf("%d dumps written, %d compared", written, compared)
}
