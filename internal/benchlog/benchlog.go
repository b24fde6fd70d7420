// Package benchlog builds the big inputs of gcwatch's benchmarks from one
// real log: copies of it one after another, each copy's GC ids moved up and
// its clock moved on, so that the copies read as one long run of one JVM
// whose collections go on (chunked reading cuts between collections, and a
// GC id that went back would not be the same run; a chart of a clock that
// went back would draw the copies over each other).
package benchlog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
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

// WriteFile writes copies of log to a new file at path until at least size
// bytes are written, as Write, and returns how many were.
func WriteFile(path string, log []byte, size int64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := Write(f, log, size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// Renumber returns copy number copy of log, to follow copies 0 to copy-1:
// every GC id "GC(n)" moved up by copy x 1,000,000, and the time and uptime
// of every line decorated [time][uptime] or [uptime] (-Xlog's decorations)
// moved on by copy x the log's span, its last uptime rounded up to a whole
// second. So the copies read as one run whose clock goes on, as a long
// log's does: a chart of a copied log shows the copies one after another,
// not drawn over each other.
func Renumber(log []byte, copy int64) []byte {
	if copy == 0 {
		return log
	}
	shift := &timeShift{ms: copy * span(log)}
	out := make([]byte, 0, len(log)+len(log)/50)
	for len(log) > 0 {
		end := bytes.IndexByte(log, '\n') + 1
		if end == 0 {
			end = len(log)
		}
		var rest []byte
		out, rest = shift.decorations(out, log[:end])
		out = appendRenumbered(out, rest, copy)
		log = log[end:]
	}
	return out
}

// appendRenumbered appends text to out with every GC id moved up.
func appendRenumbered(out, text []byte, copy int64) []byte {
	for {
		i := bytes.Index(text, []byte("GC("))
		if i < 0 {
			return append(out, text...)
		}
		out = append(out, text[:i+3]...)
		text = text[i+3:]
		n := 0
		for n < len(text) && text[n] >= '0' && text[n] <= '9' {
			n++
		}
		if n > 0 && n < len(text) && text[n] == ')' {
			v, err := strconv.ParseInt(string(text[:n]), 10, 64)
			if err == nil {
				out = strconv.AppendInt(out, v+copy*1_000_000, 10)
				text = text[n:]
			}
		}
	}
}

// isoLayout is the time decoration of -Xlog (decorator "time").
const isoLayout = "2006-01-02T15:04:05.000-0700"

// span is how many milliseconds a copy of log takes: its last uptime
// rounded up to a whole second, or 0 when it has no [uptime] decoration.
func span(log []byte) int64 {
	for len(log) > 0 {
		i := bytes.LastIndexByte(log[:len(log)-1], '\n') + 1
		if _, up, _, ok := decorations(log[i:]); ok {
			return (upMillis(up)/1000 + 1) * 1000
		}
		log = log[:i]
	}
	return 0
}

// decorations returns the time (nil when there is none) and uptime of a
// line starting "[time][uptime]" or "[uptime]", without their brackets and
// the uptime's "s", and where the rest of the line starts (at the uptime's
// "s]").
func decorations(line []byte) (iso, up []byte, rest int, ok bool) {
	at := 0
	if len(line) > len(isoLayout)+2 && line[0] == '[' && line[len(isoLayout)+1] == ']' {
		iso, at = line[1:len(isoLayout)+1], len(isoLayout)+2
	}
	end := bytes.IndexByte(line[at:], ']')
	if end < 3 || line[at] != '[' || line[at+end-1] != 's' {
		return nil, nil, 0, false
	}
	return iso, line[at+1 : at+end-1], at + end - 1, true
}

// upMillis reads an uptime "12.345" as milliseconds (-1 if it is not one).
func upMillis(up []byte) int64 {
	dot := bytes.IndexByte(up, '.')
	if dot < 1 || len(up)-dot != 4 {
		return -1
	}
	s, err1 := strconv.ParseInt(string(up[:dot]), 10, 64)
	ms, err2 := strconv.ParseInt(string(up[dot+1:]), 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return s*1000 + ms
}

// timeShift moves decorations on by ms milliseconds, remembering the last
// time it moved: most lines share their millisecond with the line before.
type timeShift struct {
	ms              int64
	lastIn, lastOut []byte
}

// decorations appends the line's [time][uptime] or [uptime] moved on to
// out and returns the rest of the line (all of it when it has neither).
func (t *timeShift) decorations(out, line []byte) ([]byte, []byte) {
	iso, up, rest, ok := decorations(line)
	upMs := upMillis(up)
	if !ok || upMs < 0 {
		return out, line
	}
	if iso != nil && !bytes.Equal(iso, t.lastIn) {
		when, err := time.Parse(isoLayout, string(iso))
		if err != nil {
			return out, line
		}
		t.lastIn = append(t.lastIn[:0], iso...)
		t.lastOut = when.Add(time.Duration(t.ms)*time.Millisecond).AppendFormat(t.lastOut[:0], isoLayout)
	}
	if iso != nil {
		out = append(append(append(out, '['), t.lastOut...), ']')
	}
	upMs += t.ms
	out = strconv.AppendInt(append(out, '['), upMs/1000, 10)
	out = append(out, '.', byte('0'+upMs/100%10), byte('0'+upMs/10%10), byte('0'+upMs%10))
	return out, line[rest:]
}

// LegacyCorpus returns the real JDK 8 G1 and CMS -XX:+PrintGCDetails logs
// of the shared corpus whose gclog folder (with its MANIFEST.tsv) is dir,
// whole logs only (no fragments), one after another: the legacy
// benchmarks' input. The corpus is read where it is, never copied into
// the project. Its error says when the corpus is not there.
func LegacyCorpus(dir string) ([]byte, error) {
	manifest, err := os.ReadFile(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	var unit []byte
	var cols map[string]int
	for line := range strings.Lines(string(manifest)) {
		fields := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range fields {
				cols[c] = i
			}
			continue
		}
		field := func(name string) string {
			if i, ok := cols[name]; ok && i < len(fields) {
				return fields[i]
			}
			return ""
		}
		if field("family") != "hotspot-legacy" || field("jdk") != "8" || field("fragment") != "no" ||
			field("collector") != "g1" && field("collector") != "cms" {
			continue
		}
		log, err := Read(filepath.Join(dir, field("path")))
		if err != nil {
			return nil, err
		}
		unit = append(unit, log...)
		if len(unit) > 0 && unit[len(unit)-1] != '\n' {
			unit = append(unit, '\n')
		}
	}
	if len(unit) == 0 {
		return nil, errors.New(dir + ": no JDK 8 G1 or CMS logs in MANIFEST.tsv")
	}
	return unit, nil
}
