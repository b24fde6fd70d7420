package gclog

import (
	"bytes"
	"strings"
	"testing"
)

// checkLegacyFlags: commandLine, by flagsBySpaces where it can, takes
// from flags what flagFields takes, field by field: the same heap maximum
// and collector.
func checkLegacyFlags(t *testing.T, flags []byte) {
	t.Helper()
	var fastOut, fieldsOut emitter
	fast, fields := newLegacyParser(&fastOut), newLegacyParser(&fieldsOut)
	fastOut.info.HeapMax, fieldsOut.info.HeapMax = Unknown, Unknown
	fast.commandLine(flags)
	fields.flagFields(flags)
	if fields.flagsGC != "" {
		fieldsOut.info.Collector = fields.flagsGC
	}
	if fast.flagsGC != fields.flagsGC || fastOut.info.HeapMax != fieldsOut.info.HeapMax || fastOut.info.Collector != fieldsOut.info.Collector {
		t.Fatalf("flags %q: commandLine gives %q, heap max %d, collector %q; flagFields %q, %d, %q", flags,
			fast.flagsGC, fastOut.info.HeapMax, fastOut.info.Collector, fields.flagsGC, fieldsOut.info.HeapMax, fieldsOut.info.Collector)
	}
}

// legacyFlagCases are command lines with the flags commandLine reads in
// every place of a word and next to what ends them.
var legacyFlagCases = []string{
	"-XX:CICompilerCount=3 -XX:InitialHeapSize=268435456 -XX:MaxHeapSize=4294967296 -XX:+PrintGC -XX:+PrintGCDateStamps -XX:+UseCompressedClassPointers -XX:+UseCompressedOops -XX:+UseG1GC ",
	"-XX:+CMSParallelRemarkEnabled -XX:MaxHeapSize=838860800 -XX:+UseConcMarkSweepGC -XX:+UseParNewGC",
	"-Xmx512m -XX:+UseParallelGC -XX:+UseParallelOldGC -Xmx1g",
	"-XX:+UseSerialGC -XX:+UseShenandoahGC -XX:MaxHeapSize=1 -XX:MaxHeapSize=x -Xmxy",
	"-Xmx2g", "-Xmx", "-XX:+UseG1GC", "-XX:+UseG1GCX", "-XX:-UseG1GC", "-XX:MaxH", "-XX:MaxHeapSize=", " -XX:+UseG1GC", "  -Xmx3m  ",
	"", " ", "-", "-X", "-Xm", "-XXX -XX:+UseG1G", "a -XX:+UseG1GC\t-Xmx1m", "-XX:+UseG1GC -Xmx1m\u00a0-XX:+UseSerialGC",
	"-Xmx1m\x7f -XX:+UseG1GC\x7f", "-Xmx1m -XX:+UseG1GC \x01", "-Xmx1m \xff-XX:+UseSerialGC", "-XX:+UseSerialGC -Xmx4m\n-XX:+UseG1GC",
}

// TestLegacyFlagsBySpaces: commandLine reads the flags of the cases, of
// every fixture and corpus log, and of the cases shifted one byte at a
// time across a word, as flagFields does.
func TestLegacyFlagsBySpaces(t *testing.T) {
	for _, c := range legacyFlagCases {
		for shift := range 9 {
			for _, pad := range []string{" ", "-", "x"} {
				checkLegacyFlags(t, []byte(strings.Repeat(pad, shift)+c))
				checkLegacyFlags(t, []byte(c+strings.Repeat(pad, shift)))
			}
		}
	}
	for _, data := range legacyScanInputs(t) {
		for line := range bytes.Lines(data) {
			if flags, ok := bytes.CutPrefix(line, []byte("CommandLine flags: ")); ok {
				checkLegacyFlags(t, bytes.TrimRight(flags, "\r\n"))
			}
		}
	}
}

func FuzzLegacyFlagsBySpaces(f *testing.F) {
	for _, c := range legacyFlagCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, flags []byte) { checkLegacyFlags(t, flags) })
}
