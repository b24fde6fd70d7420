package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gcwatch/gclog"
)

// EventSpaces are the spaces that get columns in the events CSV, in column
// order. The columns are fixed, not taken from the log, so that the CSV of
// several JVMs (and of any collector) has one header, and a row can be
// written the moment its event is read. A space the event does not report
// has empty cells. Other spaces (class, ZGC's live sizes, names the parser
// keeps as logged) are in the JSON lines only.
var EventSpaces = []string{gclog.SpaceYoung, gclog.SpaceEden, gclog.SpaceSurvivor, gclog.SpaceOld,
	gclog.SpaceHumongous, gclog.SpaceMetaspace, gclog.SpacePerm}

// EventColumns is the header of the events CSV; README.md documents it:
// change them together.
func EventColumns() []string {
	cols := []string{"source", "line", "jvm", "uptime_s", "time", "gc_id", "kind", "name", "cause", "generation",
		"pause_s", "duration_s", "heap_before", "heap_after", "heap_capacity", "flags"}
	for _, s := range EventSpaces {
		cols = append(cols, s+"_before", s+"_after", s+"_capacity")
	}
	return cols
}

// EventWriter writes GC events one at a time, as CSV rows or JSON lines. It
// holds one row, never the events: a log of any size is written in constant
// memory. Call Flush at the end; the first write error is returned by Write
// or Flush.
type EventWriter struct {
	format string
	w      io.Writer
	csv    *bufio.Writer // CSV rows, made by appendCSVField as encoding/csv would
	buf    []byte
	header bool
	err    error
}

// NewEventWriter returns a writer of events in format csv or json (JSON
// lines: one object per line).
func NewEventWriter(w io.Writer, format string) (*EventWriter, error) {
	ew := &EventWriter{format: format, w: w}
	switch format {
	case FormatCSV:
		ew.csv = bufio.NewWriterSize(w, 64<<10)
	case FormatJSON:
	default:
		return nil, fmt.Errorf("unknown format %q (want csv or json)", format)
	}
	return ew, nil
}

// Write writes one event of the JVM named jvm (the log set's name).
func (ew *EventWriter) Write(jvm string, e *gclog.Event) error {
	if ew.err != nil {
		return ew.err
	}
	if ew.csv != nil {
		ew.err = ew.writeCSV(jvm, e)
	} else {
		ew.err = ew.writeJSON(jvm, e)
	}
	return ew.err
}

// Flush writes what is buffered, and the CSV header if no event was written,
// so that an empty export still has its columns.
func (ew *EventWriter) Flush() error {
	if ew.err != nil {
		return ew.err
	}
	if ew.csv != nil {
		if !ew.header {
			ew.err = ew.writeHeader()
		}
		if ew.err == nil {
			ew.err = ew.csv.Flush()
		}
	}
	return ew.err
}

// writeHeader writes the CSV header.
func (ew *EventWriter) writeHeader() error {
	ew.header = true
	b := ew.buf[:0]
	for i, col := range EventColumns() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, col)
	}
	ew.buf = append(b, '\n')
	_, err := ew.csv.Write(ew.buf)
	return err
}

// writeCSV writes the event's row. The cells are appended to one buffer, not
// made as strings for encoding/csv: a 1 GiB log has over a million events of
// 37 cells each, and writing them took longer than parsing the log.
func (ew *EventWriter) writeCSV(jvm string, e *gclog.Event) error {
	if !ew.header {
		if err := ew.writeHeader(); err != nil {
			return err
		}
	}
	b := appendCSVField(ew.buf[:0], Cell(e.Source))
	b = strconv.AppendInt(append(b, ','), int64(e.Line), 10)
	b = appendCSVField(append(b, ','), Cell(jvm))
	b = append(b, ',')
	if e.Uptime >= 0 {
		b = appendSeconds(b, e.Uptime)
	}
	b = append(b, ',')
	if !e.Time.IsZero() {
		b = e.Time.AppendFormat(b, time.RFC3339Nano)
	}
	b = append(b, ',')
	if e.ID >= 0 {
		b = strconv.AppendInt(b, e.ID, 10)
	}
	b = appendCSVField(append(b, ','), e.Kind.String())
	b = appendCSVField(append(b, ','), Cell(e.Name))
	b = appendCSVField(append(b, ','), Cell(e.Cause))
	b = appendCSVField(append(b, ','), Cell(e.Generation))
	b = appendSeconds(append(b, ','), e.Pause)
	b = appendSeconds(append(b, ','), e.Duration)
	b = appendSize(append(b, ','), e.Heap.Before)
	b = appendSize(append(b, ','), e.Heap.After)
	b = appendSize(append(b, ','), e.Heap.Capacity)
	b = append(b, ',')
	for i, flag := range e.Flags.Names() {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, flag...) // flag names are plain words
	}
	for _, name := range EventSpaces {
		s, _ := e.Space(name)
		b = appendSize(append(b, ','), s.Before)
		b = appendSize(append(b, ','), s.After)
		b = appendSize(append(b, ','), s.Capacity)
	}
	ew.buf = append(b, '\n')
	_, err := ew.csv.Write(ew.buf)
	return err
}

// appendCSVField appends a CSV field as encoding/csv writes it (comma
// separated, LF line ends): quoted, its quotes doubled, when it holds a
// comma, quote, CR or LF, starts with a space, or is \. (TestCSVFieldAsEncodingCSV).
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(append(b, field[:i+1]...), '"')
		field = field[i+1:]
	}
	return append(append(b, field...), '"')
}

// csvNeedsQuotes is encoding/csv's rule for a comma-separated field.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// appendSize appends a size in bytes, nothing when it is unknown.
func appendSize(b []byte, v int64) []byte {
	if v == gclog.Unknown {
		return b
	}
	return strconv.AppendInt(b, v, 10)
}

// writeJSON writes the event as one JSON line; README.md documents the
// fields. The line is appended to one buffer as encoding/json would write a
// struct of these fields in this order (TestEventsJSONAsEncodingJSON): a
// million events through reflection took longer than parsing their log.
func (ew *EventWriter) writeJSON(jvm string, e *gclog.Event) error {
	b := appendJSONString(append(ew.buf[:0], `{"source":`...), e.Source)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(e.Line), 10)
	b = appendJSONString(append(b, `,"jvm":`...), jvm)
	b = append(b, `,"uptime_s":`...)
	if e.Uptime >= 0 {
		b = appendSeconds(b, e.Uptime)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"time":`...)
	if e.Time.IsZero() {
		b = append(b, "null"...)
	} else {
		b = append(e.Time.AppendFormat(append(b, '"'), time.RFC3339Nano), '"')
	}
	b = append(b, `,"gc_id":`...)
	if e.ID >= 0 {
		b = strconv.AppendInt(b, e.ID, 10)
	} else {
		b = append(b, "null"...)
	}
	b = appendJSONString(append(b, `,"kind":`...), e.Kind.String())
	b = appendJSONString(append(b, `,"name":`...), e.Name)
	b = appendJSONString(append(b, `,"cause":`...), e.Cause)
	b = appendJSONString(append(b, `,"generation":`...), e.Generation)
	b = appendSeconds(append(b, `,"pause_s":`...), e.Pause)
	b = appendSeconds(append(b, `,"duration_s":`...), e.Duration)
	b = appendJSONSize(append(b, `,"heap_before":`...), e.Heap.Before)
	b = appendJSONSize(append(b, `,"heap_after":`...), e.Heap.After)
	b = appendJSONSize(append(b, `,"heap_capacity":`...), e.Heap.Capacity)
	b = append(b, `,"flags":[`...)
	for i, flag := range e.Flags.Names() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, flag)
	}
	b = append(b, `],"spaces":[`...)
	for i, sp := range e.Spaces {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(b, `{"name":`...), sp.Name)
		b = appendJSONSize(append(b, `,"before":`...), sp.Before)
		b = appendJSONSize(append(b, `,"after":`...), sp.After)
		b = appendJSONSize(append(b, `,"capacity":`...), sp.Capacity)
		b = append(b, '}')
	}
	ew.buf = append(b, "]}\n"...)
	_, err := ew.w.Write(ew.buf)
	return err
}

// appendJSONSize appends a size in bytes, null when it is unknown.
func appendJSONSize(b []byte, v int64) []byte {
	if v == gclog.Unknown {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, v, 10)
}

// appendJSONString appends s as a JSON string as encoding/json writes it:
// control characters, quotes and backslashes escaped, and <, >, & (HTML),
// U+2028 and U+2029 (JavaScript) too; invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// Seconds writes a duration as exact decimal seconds, without trailing
// zeros: 2.345ms is "0.002345", 90s is "90". Floating point would print
// 123.456s as 123.45600000000002.
func Seconds(d time.Duration) string { return string(appendSeconds(nil, d)) }

// appendSeconds appends d as Seconds writes it.
func appendSeconds(b []byte, d time.Duration) []byte {
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1e9, 10)
	if frac := u % 1e9; frac != 0 {
		var digits [9]byte
		for i := 8; i >= 0; i-- {
			digits[i] = byte('0' + frac%10)
			frac /= 10
		}
		n := 9
		for digits[n-1] == '0' {
			n--
		}
		b = append(append(b, '.'), digits[:n]...)
	}
	return b
}
