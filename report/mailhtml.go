package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gcwatch/gclog"
	"gcwatch/histogram"
)

// RenderOptions tune how much of each host the report shows.
type RenderOptions struct {
	LastFull   int // the verdict's last points shown per JVM (default 5)
	TopClasses int // growing classes shown per host (default 10)
}

func (o RenderOptions) defaults() RenderOptions {
	if o.LastFull <= 0 {
		o.LastFull = 5
	}
	if o.TopClasses <= 0 {
		o.TopClasses = 10
	}
	return o
}

// stateColor is the colour of a verdict's badge: only what needs attention
// is loud.
var stateColor = map[gclog.State]template.CSS{
	gclog.StateCritical: "#b00020",
	gclog.StateLeak:     "#d9480f",
	gclog.StateWatch:    "#b8860b",
	gclog.StateHealthy:  "#2b8a3e",
	gclog.StateUnknown:  "#6c757d",
}

type hostView struct {
	N        int
	Name     string
	State    string
	Color    template.CSS
	Headline string // one line: the worst JVM's reason, or the first problem
	Trend    string
	HeapFull string
	Chart    template.URL // "" when the host has no chart
	JVMs     []jvmView
	Problems []string
	Classes  []classView
	// ClassesSpan says what the trend covers: "4 snapshots over 8s".
	ClassesSpan string
	ClassesNote string
	Files       []string
}

type jvmView struct {
	Title, State, Reason string
	Color                template.CSS
	Facts                [][2]string // label, value
	PointsLabel          string
	Points               []string // "time  [Full ...]"
}

type classView struct {
	Rank                                 int
	Class, First, Last, PerHour, Percent string
	Grew                                 string
}

type dailyView struct {
	Title    string
	Subject  string
	Time     string
	Hosts    []hostView
	Problems int
}

func (d *Daily) view(chartURL func(int) string, o RenderOptions) dailyView {
	o = o.defaults()
	v := dailyView{Title: "gcwatch daily report", Subject: d.Subject(), Time: d.Time.Format("2006-01-02 15:04 MST"),
		Problems: d.Problems()}
	for i, h := range d.Hosts {
		hv := hostView{N: i + 1, Name: h.Name, State: string(h.State), Color: stateColor[h.State], Problems: h.Problems,
			ClassesNote: h.ClassesNote}
		if len(h.Chart) > 0 && chartURL != nil {
			hv.Chart = template.URL(chartURL(i))
		}
		if len(h.JVMs) > 0 {
			w := h.JVMs[0]
			hv.Headline = w.Verdict.Reason
			hv.Trend = trendText(w.Verdict)
			hv.HeapFull = heapFullText(w.Verdict)
		} else if len(h.Problems) > 0 {
			hv.Headline = h.Problems[0]
		}
		for _, s := range h.JVMs {
			hv.JVMs = append(hv.JVMs, jvmOf(s, o))
		}
		if h.Classes != nil {
			hv.Classes = classesOf(h.Classes, o.TopClasses)
			if n := len(h.Classes.Snapshots); n > 0 {
				hv.ClassesSpan = fmt.Sprintf("%d snapshots from %s to %s (%s)", n,
					h.Classes.Snapshots[0].Time.Format("2006-01-02 15:04"),
					h.Classes.Snapshots[n-1].Time.Format("2006-01-02 15:04"),
					histogram.Span(h.Classes.Snapshots).Round(time.Second))
			}
			if len(hv.Classes) == 0 && hv.ClassesNote == "" {
				hv.ClassesNote = "no class grew"
			}
		}
		for _, f := range h.Files {
			hv.Files = append(hv.Files, f.Name)
		}
		v.Hosts = append(v.Hosts, hv)
	}
	return v
}

func jvmOf(s *gclog.Summary, o RenderOptions) jvmView {
	v := s.Verdict
	j := jvmView{Title: Title(s), State: string(v.State), Color: stateColor[v.State], Reason: v.Reason}
	add := func(k, val string) {
		if val != "" {
			j.Facts = append(j.Facts, [2]string{k, val})
		}
	}
	add("collector", s.Info.Collector)
	add("JVM version", s.Info.JVMVersion)
	add("time span", span(s))
	add("full GCs", strconv.Itoa(s.FullGCs)+" of "+strconv.Itoa(s.Events)+" events")
	add("trend", trendText(v))
	add("heap full", heapFullText(v))
	if s.Info.Unparsed > 0 {
		add("unparsed lines", strconv.FormatInt(s.Info.Unparsed, 10))
	}
	pts := v.Points
	if len(pts) == 0 {
		pts = s.AfterFull
	}
	if len(pts) > o.LastFull {
		pts = pts[len(pts)-o.LastFull:]
	}
	label := "the last full GCs"
	if !allFull(pts) {
		label = "the last live-set points"
	}
	j.PointsLabel = fmt.Sprintf("%s (%d)", label, len(pts))
	for _, p := range pts {
		j.Points = append(j.Points, pointTime(p)+"  "+ClassicFull(p))
	}
	return j
}

func trendText(v gclog.Verdict) string {
	if v.SlopeBytesPerHour == 0 {
		return ""
	}
	return fmt.Sprintf("%+.1f MB/hour", v.SlopeBytesPerHour/(1<<20))
}

func heapFullText(v gclog.Verdict) string {
	if v.TimeToExhaustion <= 0 || !(v.State == gclog.StateLeak || v.State == gclog.StateWatch) {
		return ""
	}
	in := "in " + roughDuration(v.TimeToExhaustion)
	if v.ProjectedExhaustion.IsZero() {
		return in
	}
	return v.ProjectedExhaustion.Format("2006-01-02 15:04 MST") + " (" + in + ")"
}

// roughDuration writes a duration as a person says it: 16s, 42m, 5h 10m, 2d 3h.
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < time.Hour:
		return strconv.Itoa(int(d.Round(time.Minute)/time.Minute)) + "m"
	case d < 48*time.Hour:
		d = d.Round(time.Minute)
		return fmt.Sprintf("%dh %dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	d = d.Round(time.Hour)
	return fmt.Sprintf("%dd %dh", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
}

// classesOf gives the first n classes of a trend that grew.
func classesOf(t *HistoTrend, n int) []classView {
	var out []classView
	for i := range t.Series {
		s := &t.Series[i]
		if len(out) == n {
			break
		}
		if math.IsNaN(s.BytesPerHour) || s.BytesPerHour <= 0 || s.Grew == 0 {
			continue
		}
		c := classView{Rank: len(out) + 1, Class: s.Class, PerHour: "+" + HumanBytes(s.BytesPerHour) + "/h",
			Grew: fmt.Sprintf("%d of %d", s.Grew, s.Steps)}
		if s.First.Known {
			c.First = HumanBytes(float64(s.First.Bytes))
		}
		if s.Last.Known {
			c.Last = HumanBytes(float64(s.Last.Bytes))
		}
		if p, ok := s.Percent(); ok {
			c.Percent = fmt.Sprintf("%+.0f%%", p)
		}
		out = append(out, c)
	}
	return out
}

// HTML writes the report as one HTML page for mail programs: tables and
// inline styles, no script, no external resource. chartURL gives the src of
// the ith host's chart ("cid:..." in a mail, a file name in a folder).
// Everything from a log or a histogram is escaped by html/template.
func (d *Daily) HTML(w io.Writer, chartURL func(i int) string, o RenderOptions) error {
	return mailTemplate.Execute(w, d.view(chartURL, o))
}

// Text writes the report as plain text: the text alternative of the mail.
func (d *Daily) Text(w io.Writer, o RenderOptions) error {
	v := d.view(nil, o)
	ew := &errWriter{w: w}
	ew.printf("%s, %s\n%s\n\n", v.Title, v.Time, v.Subject)
	tw := tabwriter.NewWriter(&textWriter{ew}, 0, 8, 2, ' ', 0)
	for _, h := range v.Hosts {
		line := strings.ToUpper(h.State) + "\t" + h.Name + "\t"
		switch {
		case h.HeapFull != "":
			line += h.Trend + ", heap full " + h.HeapFull
		case h.Trend != "" && h.State != string(gclog.StateHealthy):
			line += h.Trend
		default:
			line += h.Headline
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	for _, h := range v.Hosts {
		ew.printf("\n== %s: %s ==\n", h.Name, strings.ToUpper(h.State))
		for _, p := range h.Problems {
			ew.printf("problem: %s\n", p)
		}
		for _, j := range h.JVMs {
			ew.printf("\n%s\n  verdict: %s: %s\n", j.Title, strings.ToUpper(j.State), j.Reason)
			for _, f := range j.Facts {
				ew.printf("  %s: %s\n", f[0], f[1])
			}
			if len(j.Points) > 0 {
				ew.printf("  %s:\n", j.PointsLabel)
				for _, p := range j.Points {
					ew.printf("    %s\n", p)
				}
			}
		}
		if len(h.Classes) > 0 {
			ew.printf("\n  top growing classes (%s):\n", h.ClassesSpan)
			ctw := tabwriter.NewWriter(&textWriter{ew}, 0, 8, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(ctw, "    #\tgrowth\tfirst\tlast\tgrew\t\tclass")
			for _, c := range h.Classes {
				fmt.Fprintf(ctw, "    %d\t%s\t%s\t%s\t%s\t\t%s\n", c.Rank, c.PerHour, c.First, c.Last, c.Grew, c.Class)
			}
			ctw.Flush()
		}
		if h.ClassesNote != "" {
			ew.printf("\n  class histograms: %s\n", h.ClassesNote)
		}
		if len(h.Files) > 0 {
			ew.printf("\n  attached: %s\n", strings.Join(h.Files, ", "))
		}
	}
	ew.printf("\n-- \ngcwatch report: the verdict rests on the heap left after full collections;\n" +
		"each line above can be found in the GC log. See the attached CSVs for every point.\n")
	return ew.err
}

// textWriter lets a tabwriter write through an errWriter.
type textWriter struct{ ew *errWriter }

func (t *textWriter) Write(p []byte) (int, error) {
	t.ew.printf("%s", p)
	if t.ew.err != nil {
		return 0, t.ew.err
	}
	return len(p), nil
}

var mailTemplate = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:16px;background:#ffffff;color:#212529;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4">
<h1 style="font-size:20px;margin:0 0 4px 0">{{.Subject}}</h1>
<p style="margin:0 0 16px 0;color:#6c757d">{{.Title}}, {{.Time}}</p>
<table cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;margin-bottom:24px">
<tr style="background:#f1f3f5;text-align:left"><th>host</th><th>verdict</th><th>trend</th><th>heap full</th><th>why</th></tr>
{{- range .Hosts}}
<tr style="border-top:1px solid #dee2e6;vertical-align:top">
<td style="font-weight:bold;white-space:nowrap"><a href="#host-{{.N}}" style="color:#212529">{{.Name}}</a></td>
<td><span style="display:inline-block;padding:2px 8px;border-radius:3px;color:#ffffff;font-weight:bold;background:{{.Color}}">{{.State}}</span></td>
<td style="white-space:nowrap">{{.Trend}}</td>
<td style="white-space:nowrap">{{.HeapFull}}</td>
<td>{{.Headline}}</td>
</tr>
{{- end}}
</table>
{{- range .Hosts}}
<h2 id="host-{{.N}}" style="font-size:17px;margin:24px 0 8px 0;padding-top:12px;border-top:3px solid {{.Color}}">{{.Name}}
<span style="display:inline-block;padding:2px 8px;border-radius:3px;color:#ffffff;font-size:13px;background:{{.Color}}">{{.State}}</span></h2>
{{- range .Problems}}
<p style="margin:4px 0;color:#b00020">{{.}}</p>
{{- end}}
{{- if .Chart}}
<p style="margin:8px 0"><img src="{{.Chart}}" alt="heap after GC of {{.Name}}" width="800" style="max-width:100%;height:auto;border:1px solid #dee2e6"></p>
{{- end}}
{{- range .JVMs}}
<h3 style="font-size:14px;margin:12px 0 4px 0">{{.Title}}</h3>
<p style="margin:0 0 6px 0"><b style="color:{{.Color}}">{{.State}}</b>: {{.Reason}}</p>
<table cellpadding="3" cellspacing="0" border="0" style="border-collapse:collapse;font-size:13px">
{{- range .Facts}}
<tr><td style="color:#6c757d;padding-right:12px;white-space:nowrap">{{index . 0}}</td><td>{{index . 1}}</td></tr>
{{- end}}
</table>
{{- if .Points}}
<p style="margin:8px 0 2px 0;color:#6c757d;font-size:13px">{{.PointsLabel}}</p>
<pre style="margin:0;padding:8px;background:#f8f9fa;border:1px solid #dee2e6;font-family:Consolas,Menlo,monospace;font-size:12px;white-space:pre-wrap">
{{- range $i, $p := .Points}}{{if $i}}
{{end}}{{$p}}{{end}}</pre>
{{- end}}
{{- end}}
{{- if .Classes}}
<p style="margin:12px 0 2px 0;color:#6c757d;font-size:13px">top growing classes, {{.ClassesSpan}}</p>
<table cellpadding="4" cellspacing="0" border="0" style="border-collapse:collapse;font-size:13px">
<tr style="background:#f1f3f5;text-align:right"><th>#</th><th>growth</th><th>first</th><th>last</th><th>change</th><th>grew in steps</th><th style="text-align:left">class</th></tr>
{{- range .Classes}}
<tr style="border-top:1px solid #dee2e6;text-align:right"><td>{{.Rank}}</td><td style="white-space:nowrap">{{.PerHour}}</td><td style="white-space:nowrap">{{.First}}</td><td style="white-space:nowrap">{{.Last}}</td><td>{{.Percent}}</td><td>{{.Grew}}</td><td style="text-align:left;font-family:Consolas,Menlo,monospace">{{.Class}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .ClassesNote}}
<p style="margin:8px 0;color:#6c757d;font-size:13px">class histograms: {{.ClassesNote}}</p>
{{- end}}
{{- if .Files}}
<p style="margin:8px 0;color:#6c757d;font-size:13px">attached: {{range $i, $f := .Files}}{{if $i}}, {{end}}{{$f}}{{end}}</p>
{{- end}}
{{- end}}
<p style="margin:24px 0 0 0;color:#6c757d;font-size:12px">gcwatch report: the verdict rests on the heap left after full collections; each line above can be found in the GC log. The attached CSVs hold every point.</p>
</body>
</html>
`))
