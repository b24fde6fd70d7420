package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"gcwatch/gclog"
)

// Formats of Scan.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

// ScanOptions tune the scan output.
type ScanOptions struct {
	LastFull int // how many of the last full collections the table shows
}

// Scan writes the summaries of scanned JVMs in the given format.
func Scan(w io.Writer, format string, sums []*gclog.Summary, o ScanOptions) error {
	switch format {
	case FormatTable, "":
		return scanTable(w, sums, o)
	case FormatJSON:
		return scanJSON(w, sums)
	case FormatCSV:
		return scanCSV(w, sums)
	}
	return fmt.Errorf("unknown format %q (want table, json or csv)", format)
}

// ClassicFull writes a point the way people have read Full GC lines for
// twenty years: "[Full 1397073K->116835K(1398144K)]"; points of other kinds
// carry their label ("[Cleanup ...]"), and the live size when it is what the
// verdict judged.
func ClassicFull(p gclog.Point) string {
	k := func(v int64) string {
		if v == gclog.Unknown {
			return "?"
		}
		return strconv.FormatInt(v/1024, 10) + "K"
	}
	label := p.Label
	if label == "" {
		label = "Full"
	}
	s := "[" + label + " " + k(p.Heap.Before) + "->" + k(p.Heap.After) + "(" + k(p.Heap.Capacity) + ")]"
	if p.Live != p.Heap.After && p.Live != gclog.Unknown {
		s += " live " + k(p.Live)
	}
	return s
}

// Title names a JVM for a person: its host when known, else its log.
func Title(s *gclog.Summary) string {
	name := strings.Join(s.Sources, ", ")
	if len(s.Sources) > 1 {
		name = fmt.Sprintf("%s (+%d rotated files)", s.Sources[len(s.Sources)-1], len(s.Sources)-1)
	}
	if s.Info.Host != "" {
		return s.Info.Host + ": " + name
	}
	return name
}

func scanTable(w io.Writer, sums []*gclog.Summary, o ScanOptions) error {
	if o.LastFull <= 0 {
		o.LastFull = 5
	}
	for i, s := range sums {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "%s\n", Title(s)); err != nil {
			return err
		}
		t := newTable(w)
		rows := [][]string{
			{"verdict", strings.ToUpper(string(s.Verdict.State)) + ": " + s.Verdict.Reason},
			{"collector", orDash(s.Info.Collector)},
			{"JVM version", orDash(s.Info.JVMVersion)},
			{"time span", span(s)},
			{"events", strconv.Itoa(s.Events)},
			{"full GCs", strconv.Itoa(s.FullGCs)},
			{"unparsed lines", strconv.FormatInt(s.Info.Unparsed, 10)},
		}
		if s.Info.Foreign > 0 {
			rows = append(rows, []string{"other lines", strconv.FormatInt(s.Info.Foreign, 10) + " (not GC output)"})
		}
		if s.Verdict.SlopeBytesPerHour != 0 {
			rows = append(rows, []string{"trend", fmt.Sprintf("%+.1f MB/hour", s.Verdict.SlopeBytesPerHour/(1<<20))})
		}
		if s.Verdict.TimeToExhaustion > 0 && (s.Verdict.State == gclog.StateLeak || s.Verdict.State == gclog.StateWatch) {
			when := "in " + humanDuration(s.Verdict.TimeToExhaustion)
			if !s.Verdict.ProjectedExhaustion.IsZero() {
				when = s.Verdict.ProjectedExhaustion.Format("2006-01-02 15:04 MST") + " (" + when + ")"
			}
			rows = append(rows, []string{"heap full", when})
		}
		rows = append(rows, healthRows(s)...)
		rows = appendPoints(rows, "last full GCs", s.AfterFull, o.LastFull)
		if !allFull(s.Verdict.Points) {
			rows = appendPoints(rows, "live-set points", s.Verdict.Points, o.LastFull)
		}
		for _, r := range rows {
			if err := t.Append(r); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

// healthRows are the GC health figures and findings of a JVM.
func healthRows(s *gclog.Summary) [][]string {
	h := &s.Health
	var rows [][]string
	if h.Pauses > 0 {
		rows = append(rows, []string{"pauses", fmt.Sprintf("%d: p50 %s, p95 %s, p99 %s, max %s",
			h.Pauses, fmtPause(h.Percentile(0.5)), fmtPause(h.Percentile(0.95)), fmtPause(h.Percentile(0.99)), fmtPause(h.PauseMax))})
	}
	if t := h.Throughput(s.Span()); !math.IsNaN(t) {
		rows = append(rows, []string{"throughput", fmt.Sprintf("%.2f%% of the time not paused", 100*t)})
	}
	if r := h.AllocationRate(); !math.IsNaN(r) {
		line := fmt.Sprintf("allocation %.1f MB/s", r/(1<<20))
		if p := h.PromotionRate(); !math.IsNaN(p) {
			line += fmt.Sprintf(", promotion %.2f MB/s", p/(1<<20))
		}
		rows = append(rows, []string{"rates", line})
	}
	if s.FullGCs > 1 && s.Span() > 0 {
		rows = append(rows, []string{"full GC frequency", "every " + (s.Span() / time.Duration(s.FullGCs)).Round(time.Second/10).String()})
	}
	for i, f := range h.Findings {
		label := ""
		if i == 0 {
			label = "findings"
		}
		var at []string
		for _, p := range f.Examples {
			if len(s.Sources) == 1 {
				at = append(at, strconv.Itoa(p.Line)) // the title names the file
			} else {
				at = append(at, filepath.Base(p.Source)+":"+strconv.Itoa(p.Line))
			}
		}
		more := ""
		if f.Count > len(f.Examples) {
			more = ", ..."
		}
		where := "at "
		if len(s.Sources) == 1 {
			where = "lines "
		}
		rows = append(rows, []string{label, fmt.Sprintf("%s: %d (%s%s%s)", f.Title, f.Count, where, strings.Join(at, ", "), more)})
	}
	return rows
}

// humanDuration rounds a duration to what a person needs: seconds under a
// minute, minutes under a day, then days and hours.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < 24*time.Hour:
		return d.Round(time.Minute).String()
	}
	days := int(d / (24 * time.Hour))
	return fmt.Sprintf("%dd%dh", days, int((d-time.Duration(days)*24*time.Hour)/time.Hour))
}

func fmtPause(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// appendPoints adds the last n points as rows, the first labelled.
func appendPoints(rows [][]string, title string, pts []gclog.Point, n int) [][]string {
	if len(pts) > n {
		pts = pts[len(pts)-n:]
	}
	for j, p := range pts {
		label := ""
		if j == 0 {
			label = fmt.Sprintf("%s (%d)", title, len(pts))
		}
		rows = append(rows, []string{label, pointTime(p) + "  " + ClassicFull(p)})
	}
	return rows
}

func allFull(pts []gclog.Point) bool {
	for _, p := range pts {
		if p.Label != "Full" {
			return false
		}
	}
	return true
}

func newTable(w io.Writer) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
	)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// span prints the log's time span: wall-clock when it has it, else uptime.
func span(s *gclog.Summary) string {
	d := s.Span().Round(time.Second)
	if !s.FirstTime.IsZero() {
		return fmt.Sprintf("%s to %s (%s)", s.FirstTime.Format("2006-01-02 15:04:05 -0700"),
			s.LastTime.Format("2006-01-02 15:04:05 -0700"), d)
	}
	if s.FirstUptime >= 0 {
		return fmt.Sprintf("uptime %s to %s (%s)", fmtUptime(s.FirstUptime), fmtUptime(s.LastUptime), d)
	}
	return "-"
}

func fmtUptime(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) + "s"
}

func pointTime(p gclog.Point) string {
	switch {
	case !p.Time.IsZero():
		return p.Time.Format("2006-01-02 15:04:05")
	case p.Uptime >= 0:
		return fmtUptime(p.Uptime)
	}
	return "-"
}

// jsonJVM is one JVM in scan's JSON. Field names are documented in README.md:
// change them only with it.
type jsonJVM struct {
	Source              []string         `json:"source"`
	Host                string           `json:"host"`
	Format              string           `json:"format"`
	Collector           string           `json:"collector"`
	JVMVersion          string           `json:"jvm_version"`
	HeapMax             *int64           `json:"heap_max"`
	FirstTime           *string          `json:"first_time"`
	LastTime            *string          `json:"last_time"`
	FirstUptime         *float64         `json:"first_uptime_s"`
	LastUptime          *float64         `json:"last_uptime_s"`
	Events              int              `json:"events"`
	FullGCs             int              `json:"full_gcs"`
	UnparsedLines       int64            `json:"unparsed_lines"`
	UnparsedByFile      map[string]int64 `json:"unparsed_by_file"`
	ForeignLines        int64            `json:"foreign_lines"`
	Verdict             string           `json:"verdict"`
	Reason              string           `json:"reason"`
	SlopeBytesPerHour   float64          `json:"slope_bytes_per_hour"`
	ProjectedExhaustion *string          `json:"projected_exhaustion"`
	AfterFullGC         []jsonPoint      `json:"after_full_gc"`
	VerdictPoints       []jsonPoint      `json:"verdict_points"`
	Health              jsonHealth       `json:"health"`
}

type jsonHealth struct {
	Pauses          int           `json:"pauses"`
	PauseTotalS     float64       `json:"pause_total_s"`
	PauseP50S       float64       `json:"pause_p50_s"`
	PauseP95S       float64       `json:"pause_p95_s"`
	PauseP99S       float64       `json:"pause_p99_s"`
	PauseMaxS       float64       `json:"pause_max_s"`
	Throughput      *float64      `json:"throughput"`
	AllocationBPS   *float64      `json:"allocation_bytes_per_s"`
	PromotionBPS    *float64      `json:"promotion_bytes_per_s"`
	FullGCIntervalS *float64      `json:"full_gc_interval_s"`
	Findings        []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Code     string   `json:"code"`
	Title    string   `json:"title"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

func numOrNull(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func toJSONHealth(s *gclog.Summary) jsonHealth {
	h := &s.Health
	j := jsonHealth{Pauses: h.Pauses, PauseTotalS: h.PauseTotal.Seconds(),
		PauseP50S: h.Percentile(0.5).Seconds(), PauseP95S: h.Percentile(0.95).Seconds(), PauseP99S: h.Percentile(0.99).Seconds(),
		PauseMaxS: h.PauseMax.Seconds(), Throughput: numOrNull(h.Throughput(s.Span())),
		AllocationBPS: numOrNull(h.AllocationRate()), PromotionBPS: numOrNull(h.PromotionRate()),
		Findings: []jsonFinding{}}
	if s.FullGCs > 1 && s.Span() > 0 {
		j.FullGCIntervalS = numOrNull(s.Span().Seconds() / float64(s.FullGCs))
	}
	for _, f := range h.Findings {
		jf := jsonFinding{Code: f.Code, Title: f.Title, Count: f.Count, Examples: []string{}}
		for _, p := range f.Examples {
			jf.Examples = append(jf.Examples, p.String())
		}
		j.Findings = append(j.Findings, jf)
	}
	return j
}

type jsonPoint struct {
	Label        string   `json:"label"`
	File         string   `json:"file"`
	Line         int      `json:"line"`
	UptimeS      *float64 `json:"uptime_s"`
	Time         *string  `json:"time"`
	Name         string   `json:"name"`
	Cause        string   `json:"cause"`
	HeapBefore   *int64   `json:"heap_before"`
	HeapAfter    *int64   `json:"heap_after"`
	HeapCapacity *int64   `json:"heap_capacity"`
	OldAfter     *int64   `json:"old_after"`
	OldCapacity  *int64   `json:"old_capacity"`
	PauseS       float64  `json:"pause_s"`
	Live         *int64   `json:"live"`
}

func bytesOrNull(v int64) *int64 {
	if v == gclog.Unknown {
		return nil
	}
	return &v
}

func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339Nano)
	return &s
}

func uptimeOrNull(d time.Duration) *float64 {
	if d < 0 {
		return nil
	}
	s := d.Seconds()
	return &s
}

func jsonPoints(pts []gclog.Point) []jsonPoint {
	out := make([]jsonPoint, 0, len(pts))
	for _, p := range pts {
		out = append(out, jsonPoint{
			Label: p.Label, Live: bytesOrNull(p.Live), File: p.Pos.Source, Line: p.Pos.Line, UptimeS: uptimeOrNull(p.Uptime), Time: timeOrNull(p.Time),
			Name: p.Name, Cause: p.Cause,
			HeapBefore: bytesOrNull(p.Heap.Before), HeapAfter: bytesOrNull(p.Heap.After), HeapCapacity: bytesOrNull(p.Heap.Capacity),
			OldAfter: bytesOrNull(p.Old.After), OldCapacity: bytesOrNull(p.Old.Capacity), PauseS: p.PauseSeconds,
		})
	}
	return out
}

func toJSON(s *gclog.Summary) jsonJVM {
	j := jsonJVM{
		Source: s.Sources, Host: s.Info.Host, Format: s.Info.Format, Collector: s.Info.Collector,
		JVMVersion: s.Info.JVMVersion, HeapMax: bytesOrNull(s.Info.HeapMax),
		FirstTime: timeOrNull(s.FirstTime), LastTime: timeOrNull(s.LastTime),
		FirstUptime: uptimeOrNull(s.FirstUptime), LastUptime: uptimeOrNull(s.LastUptime),
		Events: s.Events, FullGCs: s.FullGCs, UnparsedLines: s.Info.Unparsed, UnparsedByFile: s.Info.UnparsedByFile, ForeignLines: s.Info.Foreign,
		Verdict: string(s.Verdict.State), Reason: s.Verdict.Reason, SlopeBytesPerHour: s.Verdict.SlopeBytesPerHour,
		ProjectedExhaustion: timeOrNull(s.Verdict.ProjectedExhaustion),
		AfterFullGC:         jsonPoints(s.AfterFull), VerdictPoints: jsonPoints(s.Verdict.Points),
		Health: toJSONHealth(s),
	}
	if j.Source == nil {
		j.Source = []string{}
	}
	return j
}

func scanJSON(w io.Writer, sums []*gclog.Summary) error {
	doc := struct {
		JVMs []jsonJVM `json:"jvms"`
	}{JVMs: []jsonJVM{}}
	for _, s := range sums {
		doc.JVMs = append(doc.JVMs, toJSON(s))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// scanCSV writes one row per JVM and full collection: the JVM's columns
// repeat on each of its rows, so a spreadsheet can filter and chart them. A
// JVM without full collections still gets one row, with the point empty.
func scanCSV(w io.Writer, sums []*gclog.Summary) error {
	cw := csv.NewWriter(w)
	header := []string{"source", "host", "collector", "jvm_version", "events", "full_gcs", "unparsed_lines",
		"verdict", "reason", "slope_bytes_per_hour", "projected_exhaustion",
		"file", "line", "uptime_s", "time", "heap_before", "heap_after", "heap_capacity", "old_after", "old_capacity"}
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, s := range sums {
		j := toJSON(s)
		base := []string{Cell(strings.Join(j.Source, " ")), Cell(j.Host), Cell(j.Collector), Cell(j.JVMVersion),
			strconv.Itoa(j.Events), strconv.Itoa(j.FullGCs), strconv.FormatInt(j.UnparsedLines, 10),
			j.Verdict, Cell(j.Reason), strconv.FormatFloat(j.SlopeBytesPerHour, 'f', 0, 64), str(j.ProjectedExhaustion)}
		pts := j.AfterFullGC
		if len(pts) == 0 {
			pts = []jsonPoint{{}}
		}
		for _, p := range pts {
			row := append(append([]string(nil), base...), Cell(p.File), lineOrEmpty(p.Line), floatOrEmpty(p.UptimeS), str(p.Time),
				num(p.HeapBefore), num(p.HeapAfter), num(p.HeapCapacity), num(p.OldAfter), num(p.OldCapacity))
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func lineOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func floatOrEmpty(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', 3, 64)
}

// Cell guards a text cell against spreadsheet formula injection: a cell that
// starts with = + - @ (or a tab or carriage return) is read as a formula by
// spreadsheet programs, so it gets a leading apostrophe. Numbers are written
// as they are and never pass through Cell.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
