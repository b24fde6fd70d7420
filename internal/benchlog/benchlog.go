// Package benchlog builds the big inputs of gcwatch's benchmarks from one
// real log: copies of it one after another, each copy's GC ids moved up, so
// that the copies read as one long run of one JVM whose collections go on
// (chunked reading cuts between collections, and a GC id that went back
// would not be the same run).
package benchlog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strconv"
	"strings"
)

// Path is the real one-minute JDK 17 G1 -Xlog:gc*,safepoint log the
// benchmarks repeat (see testdata/jvm/README.md), relative to the
// repository's root.
const Path = "testdata/jvm/bench/jdk17-g1-gcstar-safepoint-long.log.gz"

// Read returns the log at path, gunzipped when its name ends in .gz.
func Read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = zr
	}
	return io.ReadAll(r)
}

// Write writes copies of log to w until at least size bytes are written and
// returns how many were.
func Write(w io.Writer, log []byte, size int64) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	var written int64
	for n := int64(0); written < size; n++ {
		k, err := bw.Write(Renumber(log, n))
		written += int64(k)
		if err != nil {
			return written, err
		}
	}
	return written, bw.Flush()
}

// Renumber returns log with every GC id "GC(n)" moved up by copy x 1,000,000.
func Renumber(log []byte, copy int64) []byte {
	if copy == 0 {
		return log
	}
	out := make([]byte, 0, len(log)+len(log)/50)
	for {
		i := bytes.Index(log, []byte("GC("))
		if i < 0 {
			return append(out, log...)
		}
		out = append(out, log[:i+3]...)
		log = log[i+3:]
		n := 0
		for n < len(log) && log[n] >= '0' && log[n] <= '9' {
			n++
		}
		if n > 0 && n < len(log) && log[n] == ')' {
			v, err := strconv.ParseInt(string(log[:n]), 10, 64)
			if err == nil {
				out = strconv.AppendInt(out, v+copy*1_000_000, 10)
				log = log[n:]
			}
		}
	}
}
