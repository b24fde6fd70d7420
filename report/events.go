package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
	csv    *csv.Writer
	row    []string
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
		ew.csv = csv.NewWriter(w)
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
			ew.header = true
			if err := ew.csv.Write(EventColumns()); err != nil {
				ew.err = err
				return err
			}
		}
		ew.csv.Flush()
		ew.err = ew.csv.Error()
	}
	return ew.err
}

func (ew *EventWriter) writeCSV(jvm string, e *gclog.Event) error {
	if !ew.header {
		ew.header = true
		if err := ew.csv.Write(EventColumns()); err != nil {
			return err
		}
	}
	r := ew.row[:0]
	r = append(r, Cell(e.Source), strconv.Itoa(e.Line), Cell(jvm), uptimeCell(e.Uptime), timeCell(e.Time),
		idCell(e.ID), e.Kind.String(), Cell(e.Name), Cell(e.Cause), Cell(e.Generation),
		Seconds(e.Pause), Seconds(e.Duration),
		sizeCell(e.Heap.Before), sizeCell(e.Heap.After), sizeCell(e.Heap.Capacity),
		strings.Join(e.Flags.Names(), " "))
	for _, name := range EventSpaces {
		s, _ := e.Space(name)
		r = append(r, sizeCell(s.Before), sizeCell(s.After), sizeCell(s.Capacity))
	}
	ew.row = r
	return ew.csv.Write(r)
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
func Seconds(d time.Duration) string {
	neg := d < 0
	u := uint64(d)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u/1e9, 10)
	if frac := u % 1e9; frac != 0 {
		f := strconv.FormatUint(frac+1e9, 10)[1:] // nine digits, leading zeros kept
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

func uptimeCell(d time.Duration) string {
	if d < 0 {
		return ""
	}
	return Seconds(d)
}

func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func idCell(id int64) string {
	if id < 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func sizeCell(v int64) string {
	if v == gclog.Unknown {
		return ""
	}
	return strconv.FormatInt(v, 10)
}
