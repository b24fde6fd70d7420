package report

import (
	"bufio"
	"encoding/json"
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

// jsonEvent is one line of the events JSON lines; README.md documents the
// fields.
type jsonEvent struct {
	Source       string       `json:"source"`
	Line         int          `json:"line"`
	JVM          string       `json:"jvm"`
	UptimeS      *json.Number `json:"uptime_s"`
	Time         *string      `json:"time"`
	GCID         *int64       `json:"gc_id"`
	Kind         string       `json:"kind"`
	Name         string       `json:"name"`
	Cause        string       `json:"cause"`
	Generation   string       `json:"generation"`
	PauseS       json.Number  `json:"pause_s"`
	DurationS    json.Number  `json:"duration_s"`
	HeapBefore   *int64       `json:"heap_before"`
	HeapAfter    *int64       `json:"heap_after"`
	HeapCapacity *int64       `json:"heap_capacity"`
	Flags        []string     `json:"flags"`
	Spaces       []jsonSpace  `json:"spaces"`
}

type jsonSpace struct {
	Name     string `json:"name"`
	Before   *int64 `json:"before"`
	After    *int64 `json:"after"`
	Capacity *int64 `json:"capacity"`
}

func (ew *EventWriter) writeJSON(jvm string, e *gclog.Event) error {
	j := jsonEvent{
		Source: e.Source, Line: e.Line, JVM: jvm, Time: timeOrNull(e.Time),
		Kind: e.Kind.String(), Name: e.Name, Cause: e.Cause, Generation: e.Generation,
		PauseS: json.Number(Seconds(e.Pause)), DurationS: json.Number(Seconds(e.Duration)),
		HeapBefore: bytesOrNull(e.Heap.Before), HeapAfter: bytesOrNull(e.Heap.After), HeapCapacity: bytesOrNull(e.Heap.Capacity),
		Flags: e.Flags.Names(), Spaces: make([]jsonSpace, 0, len(e.Spaces)),
	}
	if e.Uptime >= 0 {
		n := json.Number(Seconds(e.Uptime))
		j.UptimeS = &n
	}
	if e.ID >= 0 {
		id := e.ID
		j.GCID = &id
	}
	if j.Flags == nil {
		j.Flags = []string{}
	}
	for _, s := range e.Spaces {
		j.Spaces = append(j.Spaces, jsonSpace{Name: s.Name,
			Before: bytesOrNull(s.Before), After: bytesOrNull(s.After), Capacity: bytesOrNull(s.Capacity)})
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	ew.buf = append(append(ew.buf[:0], b...), '\n')
	_, err = ew.w.Write(ew.buf)
	return err
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
