package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"gcwatch/histogram"
)

// Formats lists the output formats of WriteHistoDiff and WriteHistoTrend.
var Formats = []string{"csv", "table", "json"}

// HistoDiff is a diff of two class histograms, ready to render.
type HistoDiff struct {
	Before, After *histogram.Snapshot
	Changes       []histogram.Change
}

// HistoTrend is a trend over class histograms, ready to render.
type HistoTrend struct {
	Snapshots []*histogram.Snapshot // in time order
	Series    []histogram.Series
	Wide      bool // one bytes column per snapshot (CSV, table), the values per snapshot (JSON)
}

// DiffColumns are the CSV columns of a diff, in order.
var DiffColumns = []string{"rank", "class", "module", "instances_before", "instances_after", "instances_delta",
	"bytes_before", "bytes_after", "bytes_delta", "percent", "group", "note"}

// TrendColumns are the CSV columns of a trend, in order; --wide adds one
// "bytes <time>" column per snapshot.
var TrendColumns = []string{"rank", "class", "module", "instances_first", "instances_last", "bytes_first", "bytes_last",
	"bytes_per_hour", "instances_per_hour", "grew_steps", "steps", "percent", "score"}

// WriteHistoDiff writes d as "csv", "table" or "json".
func WriteHistoDiff(w io.Writer, format string, d HistoDiff) error {
	switch format {
	case "csv":
		return writeCSV(w, DiffColumns, len(d.Changes), func(i int) []string { return diffRow(&d.Changes[i], exact) })
	case "table":
		header := []string{"#", "class", "instances before", "after", "delta", "bytes before", "after", "delta", "%", "group", "note"}
		return writeTable(w, header, len(d.Changes), func(i int) []string {
			r := diffRow(&d.Changes[i], human)
			return append(r[:2:2], r[3:]...) // no module column on a terminal
		})
	case "json":
		return writeJSON(w, diffJSON(d))
	}
	return unknownFormat(format)
}

// WriteHistoTrend writes t as "csv", "table" or "json".
func WriteHistoTrend(w io.Writer, format string, t HistoTrend) error {
	switch format {
	case "csv":
		cols := append([]string(nil), TrendColumns...)
		if t.Wide {
			for _, s := range t.Snapshots {
				cols = append(cols, "bytes "+stamp(s.Time))
			}
		}
		return writeCSV(w, cols, len(t.Series), func(i int) []string { return trendRow(&t.Series[i], t.Wide, exact) })
	case "table":
		header := []string{"#", "class", "instances first", "last", "bytes first", "last", "bytes/h", "instances/h", "grew", "steps", "%", "score"}
		if t.Wide {
			for i := range t.Snapshots {
				header = append(header, fmt.Sprintf("bytes %d", i+1))
			}
		}
		return writeTable(w, header, len(t.Series), func(i int) []string {
			r := trendRow(&t.Series[i], t.Wide, human)
			return append(r[:2:2], r[3:]...)
		})
	case "json":
		return writeJSON(w, trendJSON(t))
	}
	return unknownFormat(format)
}

func unknownFormat(f string) error {
	return fmt.Errorf("unknown output format %q: want %s", f, strings.Join(Formats, ", "))
}

// numbers formats numbers: exact for CSV, human units for a terminal.
type numbers struct {
	bytes  func(int64) string
	count  func(int64) string
	float  func(float64) string
	rate   func(float64) string
	bytesF func(float64) string
}

var exact = numbers{
	bytes:  func(v int64) string { return strconv.FormatInt(v, 10) },
	count:  func(v int64) string { return strconv.FormatInt(v, 10) },
	float:  func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	rate:   func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	bytesF: func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}

var human = numbers{
	bytes:  func(v int64) string { return HumanBytes(float64(v)) },
	count:  func(v int64) string { return strconv.FormatInt(v, 10) },
	float:  func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	rate:   func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) },
	bytesF: HumanBytes,
}

// HumanBytes writes a size in binary units: 512 B, 1.5 KiB, 12.0 MiB.
func HumanBytes(v float64) string {
	a := math.Abs(v)
	switch {
	case a < 1024:
		return strconv.FormatFloat(v, 'f', 0, 64) + " B"
	case a < 1<<20:
		return strconv.FormatFloat(v/(1<<10), 'f', 1, 64) + " KiB"
	case a < 1<<30:
		return strconv.FormatFloat(v/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.FormatFloat(v/(1<<30), 'f', 1, 64) + " GiB"
}

func diffRow(c *histogram.Change, n numbers) []string {
	row := make([]string, 0, len(DiffColumns))
	row = append(row, strconv.Itoa(c.Rank), Cell(c.Class), Cell(c.Module))
	val := func(v histogram.Value, f func(int64) string, get func(histogram.Count) int64) string {
		if !v.Known {
			return ""
		}
		return f(get(v.Count))
	}
	inst := func(c histogram.Count) int64 { return c.Instances }
	byt := func(c histogram.Count) int64 { return c.Bytes }
	row = append(row, val(c.Before, n.count, inst), val(c.After, n.count, inst))
	if d, ok := c.DeltaInstances(); ok {
		row = append(row, n.count(d))
	} else {
		row = append(row, "")
	}
	row = append(row, val(c.Before, n.bytes, byt), val(c.After, n.bytes, byt))
	if d, ok := c.DeltaBytes(); ok {
		row = append(row, n.bytes(d))
	} else {
		row = append(row, "")
	}
	if p, ok := c.Percent(); ok {
		row = append(row, n.float(p))
	} else {
		row = append(row, "")
	}
	if c.Group > 0 {
		row = append(row, strconv.Itoa(c.Group))
	} else {
		row = append(row, "")
	}
	return append(row, Cell(c.Note))
}

func trendRow(s *histogram.Series, wide bool, n numbers) []string {
	row := make([]string, 0, len(TrendColumns)+len(s.Values))
	row = append(row, strconv.Itoa(s.Rank), Cell(s.Class), Cell(s.Module))
	opt := func(v histogram.Value, get func(histogram.Count) int64, f func(int64) string) string {
		if !v.Known {
			return ""
		}
		return f(get(v.Count))
	}
	inst := func(c histogram.Count) int64 { return c.Instances }
	byt := func(c histogram.Count) int64 { return c.Bytes }
	row = append(row, opt(s.First, inst, n.count), opt(s.Last, inst, n.count), opt(s.First, byt, n.bytes), opt(s.Last, byt, n.bytes))
	row = append(row, nan(s.BytesPerHour, n.bytesF), nan(s.InstancesPerHour, n.rate),
		strconv.Itoa(s.Grew), strconv.Itoa(s.Steps))
	if p, ok := s.Percent(); ok {
		row = append(row, n.float(p))
	} else {
		row = append(row, "")
	}
	row = append(row, nan(s.Score, n.bytesF))
	if wide {
		for _, v := range s.Values {
			row = append(row, opt(v, byt, n.bytes))
		}
	}
	return row
}

func nan(v float64, f func(float64) string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return f(v)
}

func writeCSV(w io.Writer, header []string, n int, row func(int) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeTable(w io.Writer, header []string, n int, row func(int) []string) error {
	align := make(tw.Alignment, len(header))
	for i := range align {
		align[i] = tw.AlignRight
	}
	align[1] = tw.AlignLeft
	if header[len(header)-1] == "note" {
		align[len(align)-1] = tw.AlignLeft
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignment(tw.AlignRight),
		tablewriter.WithAlignment(align),
	)
	t.Header(header)
	for i := range n {
		if err := t.Append(row(i)); err != nil { // row allocates a new slice each time
			return err
		}
	}
	return t.Render()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// snapshotJSON describes a snapshot in JSON output.
type snapshotJSON struct {
	Source    string            `json:"source"`
	Line      int               `json:"line"`
	Format    histogram.Format  `json:"format"`
	Objects   histogram.Objects `json:"objects"`
	Time      string            `json:"time,omitempty"`
	PID       string            `json:"pid,omitempty"`
	JVM       string            `json:"jvm,omitempty"`
	Classes   int               `json:"classes"`
	Truncated bool              `json:"truncated"`
	Total     histogram.Count   `json:"total"`
}

func snapJSON(s *histogram.Snapshot) snapshotJSON {
	total := s.Total
	if !s.HasTotal {
		total = s.Sum
	}
	return snapshotJSON{s.Source, s.Line, s.Format, s.Objects, stamp(s.Time), s.PID, s.JVM, len(s.Classes), s.Truncated(), total}
}

type changeJSON struct {
	Rank    int              `json:"rank"`
	Class   string           `json:"class"`
	Module  string           `json:"module,omitempty"`
	Before  *histogram.Count `json:"before"` // null: below the cut-off of a truncated snapshot
	After   *histogram.Count `json:"after"`
	Delta   *histogram.Count `json:"delta"`
	Percent *float64         `json:"percent"`
	Group   int              `json:"group,omitempty"`
	Note    string           `json:"note,omitempty"`
}

func known(v histogram.Value) *histogram.Count {
	if !v.Known {
		return nil
	}
	c := v.Count
	return &c
}

func finite(v float64, ok bool) *float64 {
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	v = math.Round(v*10) / 10
	return &v
}

func diffJSON(d HistoDiff) any {
	out := struct {
		Before  snapshotJSON `json:"before"`
		After   snapshotJSON `json:"after"`
		Classes []changeJSON `json:"classes"`
	}{snapJSON(d.Before), snapJSON(d.After), make([]changeJSON, 0, len(d.Changes))}
	for i := range d.Changes {
		c := &d.Changes[i]
		j := changeJSON{Rank: c.Rank, Class: c.Class, Module: c.Module, Before: known(c.Before), After: known(c.After), Group: c.Group, Note: c.Note}
		if c.Before.Known && c.After.Known {
			j.Delta = &histogram.Count{Instances: c.After.Instances - c.Before.Instances, Bytes: c.After.Bytes - c.Before.Bytes}
		}
		j.Percent = finite(c.Percent())
		out.Classes = append(out.Classes, j)
	}
	return out
}

type seriesJSON struct {
	Rank             int                `json:"rank"`
	Class            string             `json:"class"`
	Module           string             `json:"module,omitempty"`
	First            *histogram.Count   `json:"first"`
	Last             *histogram.Count   `json:"last"`
	BytesPerHour     *float64           `json:"bytes_per_hour"`
	InstancesPerHour *float64           `json:"instances_per_hour"`
	GrewSteps        int                `json:"grew_steps"`
	Steps            int                `json:"steps"`
	Percent          *float64           `json:"percent"`
	Score            *float64           `json:"score"`
	Values           []*histogram.Count `json:"values,omitempty"` // with --wide: one per snapshot, null when unknown
}

func trendJSON(t HistoTrend) any {
	out := struct {
		Snapshots []snapshotJSON `json:"snapshots"`
		Classes   []seriesJSON   `json:"classes"`
	}{make([]snapshotJSON, 0, len(t.Snapshots)), make([]seriesJSON, 0, len(t.Series))}
	for _, s := range t.Snapshots {
		out.Snapshots = append(out.Snapshots, snapJSON(s))
	}
	for i := range t.Series {
		s := &t.Series[i]
		j := seriesJSON{Rank: s.Rank, Class: s.Class, Module: s.Module, First: known(s.First), Last: known(s.Last),
			BytesPerHour: finite(s.BytesPerHour, true), InstancesPerHour: finite(s.InstancesPerHour, true),
			GrewSteps: s.Grew, Steps: s.Steps, Percent: finite(s.Percent()), Score: finite(s.Score, true)}
		if t.Wide {
			for _, v := range s.Values {
				j.Values = append(j.Values, known(v))
			}
		}
		out.Classes = append(out.Classes, j)
	}
	return out
}
