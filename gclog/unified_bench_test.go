package gclog

import "testing"

// BenchmarkUnifiedG1SelGC reads a 20 MB G1 -Xlog:gc log, the JVM's default
// selection: one summary line per collection, decorated with uptime, level
// and tags. It reports MB/s.
func BenchmarkUnifiedG1SelGC(b *testing.B) {
	benchRead(b, benchLog(b, "../testdata/jvm/logs/jdk17-g1-sel-gc.log", 20<<20))
}
