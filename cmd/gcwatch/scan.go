package main

import (
	"fmt"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"gcwatch/gclog"
	"gcwatch/report"
)

type scanOptions struct {
	streams
	Paths    []string
	Format   string
	Host     string
	Strict   bool
	LastFull int
	Window   int
	Since    time.Duration
	NearFull float64
	MinRise  float64
	MinPts   int
	Problems int // how many unparsed lines to show per JVM on stderr
}

func newScanCmd(s streams) *cobra.Command {
	o := &scanOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Read GC logs and judge each JVM's memory after full collection",
		Long: `Scan reads GC logs and gives, for each JVM, a verdict on the memory that
survives full collection: healthy, watch, leak, critical or unknown, with the
Full GC lines it rests on.

PATH is a file, a folder (searched recursively), a glob, or - for stdin.
gzip and zstd files are recognised by their content. The files of a rotated
set (gc.log, gc.log.0, gc.log.1 ... or gc.log.0 ... gc.log.3.current) are
read in time order as one JVM.

Lines that look like GC output but cannot be read are counted as unparsed and
the first ones are shown on stderr as file:line; --strict makes them an error.

Exit status: 0 when no JVM needs attention, 2 when a leak or critical state
is suspected, 1 when the job could not be done (a path unreadable, a file
with no GC events, unparsed lines with --strict, bad usage).`,
		Example: `  gcwatch scan gc.log
  gcwatch scan /var/log/app/            # every log below the folder, rotated sets joined
  gcwatch scan 'logs/*/gc.log*' --format json
  zcat gc.log.gz | gcwatch scan - --host app-07
  gcwatch scan gc.log --format csv > fullgc.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runScan(o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Format, "format", "f", "table", "output format: table, json or csv")
	f.StringVar(&o.Host, "host", "", "host name for logs that do not carry the hostname decoration")
	f.BoolVar(&o.Strict, "strict", false, "treat unparsed lines as an error (exit status 1)")
	f.IntVar(&o.LastFull, "last", 5, "how many of the last full collections the table shows")
	d := gclog.DefaultVerdictOptions
	f.IntVar(&o.Window, "window", d.Window, "judge on the last N live-set points (0: automatic: for logs over 2h the later half of their span, at least 10 points)")
	f.DurationVar(&o.Since, "since", 0, "judge only on points within this time of the last (e.g. 72h; 0: no limit)")
	f.Float64Var(&o.NearFull, "near-full", d.NearFull, "critical when 3 points in a row leave this share of the heap in use or more")
	f.Float64Var(&o.MinRise, "min-rise", d.MinRise, "a rise over the window below this share of the heap is flat")
	f.IntVar(&o.MinPts, "min-points", d.MinPoints, "a rise seen at fewer distinct times than this is watch, not leak")
	f.IntVar(&o.Problems, "show-unparsed", 5, "how many unparsed lines to show per JVM on stderr")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"table", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runScan(o *scanOptions) error {
	switch o.Format {
	case report.FormatTable, report.FormatJSON, report.FormatCSV:
	default:
		return fmt.Errorf("unknown format %q (want table, json or csv)", o.Format)
	}
	vopts := gclog.VerdictOptions{Window: o.Window, Since: o.Since, NearFull: o.NearFull, MinRise: o.MinRise, MinPoints: o.MinPts}
	if o.NearFull <= 0 || o.NearFull > 1 || o.MinRise < 0 || o.MinRise >= 1 || o.Window < 0 {
		return fmt.Errorf("--near-full must be in (0,1], --min-rise in [0,1), --window 0 or more")
	}
	sets, errs := gclog.Collect(o.Paths)
	failed := len(errs) > 0
	for _, err := range errs {
		fmt.Fprintln(o.Err, "gcwatch:", err)
	}

	// Sets are read in parallel, one per core; what is said about each is
	// said in the order of the arguments.
	type result struct {
		sum *gclog.Summary
		err error
	}
	results := make([]result, len(sets))
	forEach(len(sets), func(i int) {
		results[i].sum, results[i].err = scanSet(o, sets[i], vopts)
		if results[i].sum != nil && o.Format == report.FormatTable {
			results[i].sum.Trim(max(o.LastFull, 5)) // the table shows the last few points
		}
	})
	var sums []*gclog.Summary
	for i, set := range sets {
		sum, err := results[i].sum, results[i].err
		if err != nil {
			fmt.Fprintln(o.Err, "gcwatch:", err)
			failed = true
			continue
		}
		if sum.Info.Unparsed > 0 {
			showProblems(o.Err, set, &sum.Info, o.Problems)
			if o.Strict {
				failed = true
			}
		}
		sums = append(sums, sum)
	}
	if len(sums) > 0 {
		// Worst first, so the JVM that needs attention is at the top.
		sort.SliceStable(sums, func(i, j int) bool {
			return sums[i].Verdict.State.Severity() > sums[j].Verdict.State.Severity()
		})
		if err := report.Scan(o.Out, o.Format, sums, report.ScanOptions{LastFull: o.LastFull}); err != nil {
			return err
		}
	}
	for _, s := range sums {
		if st := s.Verdict.State; st == gclog.StateLeak || st == gclog.StateCritical {
			return &statusError{status: exitProblem, msg: "a leak or critical state is suspected", reported: true}
		}
	}
	if failed || len(sums) == 0 {
		return &statusError{status: exitFailed, msg: "some input could not be scanned", reported: true}
	}
	return nil
}

// scanSet reads one JVM's files.
func scanSet(o *scanOptions, set gclog.Set, vopts gclog.VerdictOptions) (*gclog.Summary, error) {
	r := gclog.NewSetReader(set.Inputs(o.In))
	sum, _ := gclog.Summarize(r, set.Files, vopts)
	if err := readFailure(set, r, sum.Events); err != nil {
		return nil, err
	}
	if sum.Info.Host == "" {
		sum.Info.Host = o.Host
	}
	return sum, nil
}
