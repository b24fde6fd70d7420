// Package daily builds the daily per-host leak report of gcwatch report: it
// reads the GC logs (and class histogram snapshots) of each host of a
// configuration and gives a report.Daily, worst host first, ready to be
// rendered as a mail.
//
// Each host's logs are read once, in one pass, feeding both the verdict
// (gclog.Summary) and the chart (report.ChartBuilder); hosts are read by a
// small pool of workers, two by default. Nothing here sends mail or knows
// about the configuration file.
package daily

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"gcwatch/gclog"
	"gcwatch/histogram"
	"gcwatch/report"
)

// Host is one host of the report.
type Host struct {
	Name   string
	GCLogs []string // files, folders or globs, as gcwatch scan takes them
	// Histograms is a folder of class histogram snapshots (jmap -histo,
	// jcmd GC.class_histogram), or "" when the host has none.
	Histograms string
}

// Options tune the report.
type Options struct {
	Verdict gclog.VerdictOptions
	// Workers is how many hosts are read at once; 0 means two, or one on a
	// single-core machine.
	Workers int
	// ChartWidth and ChartHeight are the chart's size in pixels, the height
	// per JVM; 0 means 800 by 400.
	ChartWidth, ChartHeight int
	// LastFull is how many of each JVM's last points the mail shows; the
	// others are dropped once the chart and CSV are made. 0 means 5.
	LastFull int
	Now      time.Time // the report's time; zero means time.Now()
}

// Build reads every host and returns the report, worst host first. It does
// not fail: what cannot be read is a problem of its host, shown in the
// report, and a host with no verdict is unknown.
func Build(hosts []Host, o Options) *report.Daily {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.ChartWidth <= 0 {
		o.ChartWidth = 800
	}
	if o.ChartHeight <= 0 {
		o.ChartHeight = 400
	}
	workers := o.Workers
	if workers <= 0 {
		workers = min(2, runtime.GOMAXPROCS(0))
	}
	d := &report.Daily{Time: o.Now, Hosts: make([]report.HostReport, len(hosts))}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(len(hosts), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d.Hosts[i] = buildHost(hosts[i], o)
			}
		}()
	}
	for i := range hosts {
		next <- i
	}
	close(next)
	wg.Wait()
	d.SortHosts()
	return d
}

// buildHost reads one host. A panic in a parser is a problem of the host,
// not the end of the report.
func buildHost(h Host, o Options) (hr report.HostReport) {
	hr = report.HostReport{Name: h.Name, State: gclog.StateUnknown}
	defer func() {
		if r := recover(); r != nil {
			hr.Problems = append(hr.Problems, fmt.Sprintf("internal error reading the logs of %s: %v", h.Name, r))
			hr.State = gclog.StateUnknown
		}
	}()
	readLogs(&hr, h, o)
	if h.Histograms != "" {
		readHistograms(&hr, h.Histograms)
	}
	return hr
}

func readLogs(hr *report.HostReport, h Host, o Options) {
	sets, errs := gclog.Collect(h.GCLogs)
	for _, err := range errs {
		hr.Problems = append(hr.Problems, err.Error())
	}
	var panels []*report.Panel
	for _, set := range sets {
		sum, panel, err := readSet(set, h.Name, o)
		if err != nil {
			hr.Problems = append(hr.Problems, err.Error())
			continue
		}
		hr.JVMs = append(hr.JVMs, sum)
		panels = append(panels, panel)
	}
	if len(hr.JVMs) == 0 {
		if len(hr.Problems) == 0 {
			hr.Problems = append(hr.Problems, "no GC log configured")
		}
		return
	}
	sort.SliceStable(hr.JVMs, func(i, j int) bool {
		return hr.JVMs[i].Verdict.State.Severity() > hr.JVMs[j].Verdict.State.Severity()
	})
	sort.SliceStable(panels, func(i, j int) bool { return panels[i].State.Severity() > panels[j].State.Severity() })
	hr.State = hr.JVMs[0].Verdict.State

	chart := &report.Chart{Panels: panels}
	img, err := chart.Render(report.ImagePNG, o.ChartWidth, o.ChartHeight*len(panels))
	if err == nil {
		var b bytes.Buffer
		if _, err = img.WriteTo(&b); err == nil {
			hr.Chart = b.Bytes()
		}
	}
	if err != nil {
		hr.Problems = append(hr.Problems, "chart: "+err.Error())
	}
	var csv bytes.Buffer
	if err := report.Scan(&csv, report.FormatCSV, hr.JVMs, report.ScanOptions{}); err != nil {
		hr.Problems = append(hr.Problems, "CSV: "+err.Error())
	} else {
		hr.Files = append(hr.Files, report.Attachment{Name: report.FileName(h.Name) + "-fullgc.csv",
			ContentType: "text/csv", Data: csv.Bytes()})
	}
	// The points are in the chart and the CSV now; the mail shows the last
	// few. A hundred hosts' full lists would take hundreds of MB.
	n := o.LastFull
	if n <= 0 {
		n = 5
	}
	for _, s := range hr.JVMs {
		s.Trim(n)
	}
}

// readSet reads one JVM's files once, into its summary and its chart.
func readSet(set gclog.Set, host string, o Options) (*gclog.Summary, *report.Panel, error) {
	r := gclog.NewSetReader(set.Inputs(nil))
	sum := gclog.NewSummary(set.Files)
	b := report.NewChartBuilder(report.ChartBuckets(o.ChartWidth))
	b.ReadAll(r, sum)
	if err := r.Err(); err != nil {
		return nil, nil, err
	}
	if sum.Events == 0 {
		info := r.Info()
		what := "no GC events found"
		switch {
		case info.Binary:
			what = "binary data, not a GC log"
		case info.Lines == 0:
			what = "empty file"
		case info.Format == "":
			what = "no GC log format recognised (is it a GC log?)"
		}
		return nil, nil, fmt.Errorf("%s: %s", strings.Join(set.Files, ", "), what)
	}
	sum.Finish(r.Info(), o.Verdict)
	if sum.Info.Host == "" {
		sum.Info.Host = host
	}
	return sum, b.Panel(sum), nil
}

// readHistograms reads every snapshot in a folder (not below it) and gives
// the host its class trend, or a note saying why there is none.
func readHistograms(hr *report.HostReport, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", dir, pe.Err)
		}
		hr.ClassesNote = err.Error()
		return
	}
	var snaps []*histogram.Snapshot
	unreadable := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		s, err := readSnapshots(path)
		if err != nil {
			unreadable++
			continue
		}
		snaps = append(snaps, s...)
	}
	if len(snaps) < 2 {
		hr.ClassesNote = fmt.Sprintf("%s: %d snapshots, a trend needs two", dir, len(snaps))
		if unreadable > 0 {
			hr.ClassesNote += fmt.Sprintf(" (%d files unreadable)", unreadable)
		}
		return
	}
	histogram.SortByTime(snaps)
	t := &report.HistoTrend{Snapshots: snaps, Series: histogram.Trend(snaps, histogram.Options{})}
	hr.Classes = t
	if unreadable > 0 {
		hr.ClassesNote = fmt.Sprintf("%d files of %s are not class histograms", unreadable, dir)
	}
	var csv bytes.Buffer
	if err := report.WriteHistoTrend(&csv, "csv", *t); err == nil {
		hr.Files = append(hr.Files, report.Attachment{Name: report.FileName(hr.Name) + "-classes.csv",
			ContentType: "text/csv", Data: csv.Bytes()})
	}
}

// readSnapshots reads the histograms of one file, timed as gcwatch histo
// times them: from the content, else the file name, else its modification
// time.
func readSnapshots(path string) ([]*histogram.Snapshot, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	f, err := gclog.Open(path, nil)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := histogram.NewReader(f, path)
	var snaps []*histogram.Snapshot
	for r.Scan() {
		snaps = append(snaps, r.Snapshot())
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if err := r.NoHistogram(); err != nil {
		return nil, err
	}
	for _, s := range snaps {
		if s.Time.IsZero() {
			if t, ok := histogram.TimeFromName(path, nil); ok {
				s.Time = t
			} else {
				s.Time = st.ModTime()
			}
		}
	}
	return snaps, nil
}
