package gclog

import (
	"testing"
)

// legacyBenchLines are the commonest kinds of line of the real JDK 8 G1
// and CMS logs of the corpus, for BenchmarkLegacyLine.
var legacyBenchLines = []struct{ name, line string }{
	{"cms-young", "2017-09-18T09:25:30.720+0200: 277273.925: [GC (Allocation Failure) 277273.925: [ParNew: 379646K->46711K(613440K), 0.2196929 secs] 2852207K->2539983K(4126208K), 0.2207345 secs] [Times: user=0.36 sys=0.18, real=0.22 secs] "},
	{"ps-young", "2017-09-18T09:25:30.720+0200: 277273.925: [GC (Allocation Failure) [PSYoungGen: 379646K->46711K(613440K)] 2852207K->2539983K(4126208K), 0.2207345 secs] [Times: user=0.36 sys=0.18, real=0.22 secs] "},
	{"g1-detail", "      [Object Copy (ms): Min: 10.5, Avg: 11.0, Max: 11.5, Diff: 1.0, Sum: 44.0]"},
	{"g1-young", "2014-07-24T12:00:00.123+0200: 12.345: [GC pause (G1 Evacuation Pause) (young), 0.0123456 secs]"},
	{"cms-concurrent", "2017-09-18T09:25:31.720+0200: 277274.925: [CMS-concurrent-mark: 0.123/0.456 secs] [Times: user=0.36 sys=0.18, real=0.22 secs] "},
	{"safepoint", "2017-09-18T09:25:30.941+0200: 277274.146: Total time for which application threads were stopped: 0.2213180 seconds, Stopping threads took: 0.0000403 seconds"},
}

// BenchmarkLegacyLine reads one kind of line over and over with the legacy
// parser alone (no Reader), to count what each costs: b.N lines. The
// stamps of a line are the same each time; its events are dropped.
func BenchmarkLegacyLine(b *testing.B) {
	for _, l := range legacyBenchLines {
		b.Run(l.name, func(b *testing.B) {
			out := emitter{}
			out.info.HeapMax = Unknown
			p := newLegacyParser(&out)
			line := []byte(l.line)
			b.SetBytes(int64(len(line) + 1))
			for i := 0; b.Loop(); i++ {
				p.parse(line, Pos{"bench", i + 1})
				if len(out.queue) > 64 {
					clear(out.queue)
					out.queue = out.queue[:0]
				}
			}
		})
	}
}
