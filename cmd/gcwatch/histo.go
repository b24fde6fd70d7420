package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"gcwatch/gclog"
	"gcwatch/histogram"
	"gcwatch/report"
)

// histoOptions is what the histo commands were asked to do.
type histoOptions struct {
	streams
	trend    bool     // trend over many snapshots; diff of two otherwise
	files    []string // "-" reads stdin
	format   string
	sort     string
	top      int
	minBytes string
	include  []string
	exclude  []string
	wide     bool
}

func newHistoCmd(s streams) *cobra.Command {
	histo := &cobra.Command{
		Use:   "histo",
		Short: "Compare class histograms: what is growing?",
		Long: `histo reads class histograms (jmap -histo[:live], jcmd GC.class_histogram,
jhsdb jmap --histo, jmap -F, OpenJ9 jmap/jcmd, and histograms inside GC logs or a
program's stdout, of any JDK from 5 to 25) and tells which classes grow.

  diff   compares two snapshots: one row per class, ranked by growth;
  trend  follows every class through many snapshots and ranks steady growth,
         the signature of a leak, above one-off jumps.

Output is CSV on stdout (for a spreadsheet), or --format table or json.
Files may be gzip or zstd compressed; "-" reads stdin.`,
	}
	histo.AddCommand(newHistoDiffCmd(s), newHistoTrendCmd(s))
	return histo
}

func newHistoDiffCmd(s streams) *cobra.Command {
	opts := histoOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "diff BEFORE AFTER",
		Short: "Compare two class histograms, ranked by growth",
		Long: `diff compares two class histograms class by class and writes one row per class:
instances and bytes before, after and their change, and the change in percent,
ranked by bytes growth (--sort to change). Classes whose instance counts changed
by the same amount (100 or more) share a group number: they usually belong to
one leaking structure.

With one file holding several histograms (jcmd against several JVMs, a GC log),
diff compares its first and last. When a file holds several histograms, the last
one is used.`,
		Example: `  # Two snapshots of the same JVM an hour apart, biggest growth first, into a spreadsheet:
  jmap -histo:live 4242 > before.txt; sleep 3600; jmap -histo:live 4242 > after.txt
  gcwatch histo diff before.txt after.txt > growth.csv

  # The 20 classes that grew most, on the terminal:
  gcwatch histo diff --format table --top 20 before.txt after.txt

  # A sick JVM against a healthy one, only your classes, at least 1 MiB of change:
  gcwatch histo diff --include 'com.acme.*' --min-bytes 1M healthy.txt sick.txt

  # The histograms before and after a full GC in a GC log:
  gcwatch histo diff gc.log`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runHisto(&opts)
		},
	}
	addHistoFlags(cmd, &opts)
	return cmd
}

func newHistoTrendCmd(s streams) *cobra.Command {
	opts := histoOptions{streams: s, trend: true}
	cmd := &cobra.Command{
		Use:   "trend SNAPSHOT...",
		Short: "Follow every class through many class histograms",
		Long: `trend follows every class through many class histograms taken over time and
writes, per class, its first and last instances and bytes, its growth in bytes
and instances per hour (least squares), and in how many steps between snapshots
it grew. Classes are ranked by a score: bytes per hour times the square of the
share of steps in which the class grew, so a class that grows at every step
outranks one that jumped once.

The time of a snapshot is read from its content (GC logs, thread dumps), else
from its file name (20261122T054416Z, 2026-11-22T05:44:16, 2026-11-22_05-44-16,
20261122-054416; local time unless it ends in Z), else the file's modification
time. A GC log or a file holding several histograms gives several snapshots.`,
		Example: `  # A snapshot every hour from cron, with the time in the name:
  jmap -histo:live "$(pgrep -f myapp)" > /var/tmp/histo-$(date -u +%Y%m%dT%H%M%SZ).txt
  # and the next morning, the classes that grew steadily, first:
  gcwatch histo trend /var/tmp/histo-*.txt > trend.csv

  # With one bytes column per snapshot, to chart in a spreadsheet:
  gcwatch histo trend --wide --top 10 /var/tmp/histo-*.txt > chart.csv

  # The histograms a JVM logs at each full GC (-Xlog:gc+classhisto*=trace):
  gcwatch histo trend --format table gc.log.gz`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runHisto(&opts)
		},
	}
	addHistoFlags(cmd, &opts)
	cmd.Flags().BoolVar(&opts.wide, "wide", false, "add one bytes column per snapshot, for charting")
	return cmd
}

func addHistoFlags(cmd *cobra.Command, opts *histoOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "csv", "output format: csv, table or json")
	f.StringVar(&opts.sort, "sort", "bytes", "rank by bytes, instances or percent growth (trend: bytes ranks by the leak score)")
	f.IntVar(&opts.top, "top", 0, "keep only the first N classes (0: all)")
	f.StringVar(&opts.minBytes, "min-bytes", "0", "leave out classes whose bytes changed by less than this (e.g. 65536, 64K, 10M, 1G)")
	f.StringSliceVar(&opts.include, "include", nil, "keep only classes matching a glob (* and ?), e.g. 'com.acme.*'; repeatable")
	f.StringSliceVar(&opts.exclude, "exclude", nil, "leave out classes matching a glob, e.g. 'java.lang.invoke.*'; repeatable")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions([]string{"bytes", "instances", "percent"}, cobra.ShellCompDirectiveNoFileComp))
}

// parseSize reads a size in bytes: 1048576, 64K, 10M, 1G (powers of 1024;
// a trailing B or iB is allowed).
func parseSize(s string) (int64, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	mult := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		}
		if mult > 1 {
			t = t[:len(t)-1]
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("invalid size %q: want bytes, or a number with K, M or G", s)
	}
	return v * mult, nil
}

// loaded is what reading one file gave.
type loaded struct {
	path     string
	snaps    []*histogram.Snapshot
	problems []histogram.Problem
	more     int // problems not kept
	err      error
	mtime    time.Time
}

// load reads the histograms of one file.
func load(path string, stdin *lockedStdin) loaded {
	l := loaded{path: path}
	if path != gclog.Stdin {
		if st, err := os.Stat(path); err == nil {
			l.mtime = st.ModTime()
		}
	} else {
		stdin.Lock()
		defer stdin.Unlock()
	}
	f, err := gclog.Open(path, stdin.r)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", path, pe.Err)
		}
		l.err = err
		return l
	}
	defer f.Close()
	r := histogram.NewReader(f, path)
	for r.Scan() {
		l.snaps = append(l.snaps, r.Snapshot())
	}
	l.problems = r.Problems()
	l.more = r.NProblems() - len(l.problems)
	if err := r.Err(); err != nil {
		l.err = err
	} else if err := r.NoHistogram(); err != nil {
		l.err = err
	}
	return l
}

type lockedStdin struct {
	sync.Mutex
	r interface{ Read([]byte) (int, error) }
}

// loadAll reads the files in parallel, a few at a time, and returns them in
// the order given.
func loadAll(files []string, s streams) []loaded {
	out := make([]loaded, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	stdin := &lockedStdin{r: s.In}
	var wg sync.WaitGroup
	for i, p := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			out[i] = load(p, stdin)
			<-sem
		}()
	}
	wg.Wait()
	return out
}

func runHisto(o *histoOptions) error {
	sortKey, err := histogram.ParseSortKey(o.sort)
	if err != nil {
		return err
	}
	if !contains(report.Formats, o.format) {
		return fmt.Errorf("unknown output format %q: want %s", o.format, strings.Join(report.Formats, ", "))
	}
	minBytes, err := parseSize(o.minBytes)
	if err != nil {
		return fmt.Errorf("--min-bytes: %w", err)
	}
	if o.top < 0 {
		return fmt.Errorf("--top %d: want 0 (all) or more", o.top)
	}
	opt := histogram.Options{Sort: sortKey, Top: o.top, MinBytes: minBytes, Include: o.include, Exclude: o.exclude}

	files := loadAll(o.files, o.streams)
	failed := 0
	for _, l := range files {
		for _, p := range l.problems {
			fmt.Fprintf(o.Err, "gcwatch: warning: %s\n", p.Error())
		}
		if l.more > 0 {
			fmt.Fprintf(o.Err, "gcwatch: warning: %s: %d more unreadable lines\n", l.path, l.more)
		}
		if l.err != nil {
			fmt.Fprintf(o.Err, "gcwatch: %v\n", l.err)
			failed++
		}
		for _, s := range l.snaps {
			if s.Time.IsZero() {
				if t, ok := histogram.TimeFromName(l.path, nil); ok {
					s.Time = t
				} else {
					s.Time = l.mtime
				}
			}
		}
	}

	if o.trend {
		err = histoTrend(o, files, opt)
	} else {
		err = histoDiff(o, files, opt)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return &statusError{status: exitPartial, reported: true,
			msg: fmt.Sprintf("%d of %d files could not be read", failed, len(files))}
	}
	return nil
}

// failedAll ends a command that had nothing to work with.
func failedAll(o *histoOptions, msg string) error {
	fmt.Fprintf(o.Err, "gcwatch: %s\n", msg)
	return &statusError{status: exitFailed, msg: msg, reported: true}
}

func histoDiff(o *histoOptions, files []loaded, opt histogram.Options) error {
	var before, after *histogram.Snapshot
	switch len(files) {
	case 1:
		l := files[0]
		if len(l.snaps) < 2 {
			return failedAll(o, fmt.Sprintf("diff needs two histograms: give two files, or one that holds several (%s holds %d)", l.path, len(l.snaps)))
		}
		before, after = l.snaps[0], l.snaps[len(l.snaps)-1]
		if len(l.snaps) > 2 {
			fmt.Fprintf(o.Err, "gcwatch: warning: %s holds %d histograms: comparing the first (line %d) with the last (line %d)\n",
				l.path, len(l.snaps), before.Line, after.Line)
		}
	default:
		pick := func(l loaded) *histogram.Snapshot {
			if len(l.snaps) == 0 {
				return nil
			}
			s := l.snaps[len(l.snaps)-1]
			if len(l.snaps) > 1 {
				fmt.Fprintf(o.Err, "gcwatch: warning: %s holds %d histograms: using the last (line %d)\n", l.path, len(l.snaps), s.Line)
			}
			return s
		}
		before, after = pick(files[0]), pick(files[1])
		if before == nil || after == nil {
			return failedAll(o, "diff needs two histograms: nothing to compare")
		}
	}
	for _, w := range histogram.Check([]*histogram.Snapshot{before, after}) {
		fmt.Fprintf(o.Err, "gcwatch: warning: %s\n", w)
	}
	d := report.HistoDiff{Before: before, After: after, Changes: histogram.Diff(before, after, opt)}
	return report.WriteHistoDiff(o.Out, o.format, d)
}

func histoTrend(o *histoOptions, files []loaded, opt histogram.Options) error {
	var snaps []*histogram.Snapshot
	for _, l := range files {
		snaps = append(snaps, l.snaps...)
	}
	if len(snaps) < 2 {
		return failedAll(o, fmt.Sprintf("trend needs at least two histograms, found %d", len(snaps)))
	}
	histogram.SortByTime(snaps)
	for _, w := range histogram.Check(snaps) {
		fmt.Fprintf(o.Err, "gcwatch: warning: %s\n", w)
	}
	for i := 1; i < len(snaps); i++ {
		if snaps[i].Time.Equal(snaps[i-1].Time) {
			fmt.Fprintf(o.Err, "gcwatch: warning: %s and %s have the same time (%s): growth per hour needs snapshots taken at different times\n",
				snaps[i-1].Label(), snaps[i].Label(), timeText(snaps[i].Time))
			break
		}
	}
	t := report.HistoTrend{Snapshots: snaps, Series: histogram.Trend(snaps, opt), Wide: o.wide}
	return report.WriteHistoTrend(o.Out, o.format, t)
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(time.RFC3339)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
