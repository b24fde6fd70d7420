package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"gcwatch/gclog"
	"gcwatch/report"
)

type eventsOptions struct {
	streams
	Paths  []string
	Format string
}

func newEventsCmd(s streams) *cobra.Command {
	o := &eventsOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "events PATH...",
		Short: "Export every GC event as CSV or JSON lines",
		Long: `Events writes every GC event of the logs to stdout: one CSV row per event
(with a header row), or one JSON object per line with --format json. These are
the events scan counts: pauses, collections and concurrent phases.

Sizes are bytes, times are seconds (uptime_s, pause_s, duration_s) and RFC 3339
wall-clock times; a cell is empty (null in JSON) where the log does not say.
The CSV has columns for the spaces young, eden, survivor, old, humongous,
metaspace and perm, whatever the collector; JSON lists every space the log
reports. Text cells that a spreadsheet would read as a formula get a leading '.

PATH is a file, a folder (searched recursively), a glob, or - for stdin; the
files of a rotated set are read in order as one JVM (the jvm column).
Events are written as they are read: memory does not grow with the log.

Exit status: 0 when every path gave events, 1 when the job could not be done
in full (a path unreadable, a file with no GC events, output not writable).`,
		Example: `  gcwatch events gc.log > events.csv
  gcwatch events /var/log/app/ --format json | jq 'select(.kind == "full")'
  zcat gc.log.gz | gcwatch events - > events.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runEvents(o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "csv", "output format: csv or json (JSON lines)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"csv", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runEvents(o *eventsOptions) error {
	ew, err := report.NewEventWriter(o.Out, o.Format)
	if err != nil {
		return err
	}
	sets, errs := gclog.Collect(o.Paths)
	failed := len(errs) > 0
	for _, err := range errs {
		fmt.Fprintln(o.Err, "gcwatch:", err)
	}
	for _, set := range sets {
		r := gclog.NewSetReader(set.Inputs(o.In))
		n := 0
		var done gclog.Recycler // the writer keeps nothing of an event
		for r.Scan() {
			n++
			if err := ew.Write(set.Name, r.Event()); err != nil {
				return fmt.Errorf("writing events: %w", err)
			}
			done.Put(r.Event())
		}
		done.Flush()
		if err := readFailure(set, r, n); err != nil {
			fmt.Fprintln(o.Err, "gcwatch:", err)
			failed = true
			continue
		}
		showProblems(o.Err, set, r.Info(), maxProblemLines)
	}
	if err := ew.Flush(); err != nil {
		return fmt.Errorf("writing events: %w", err)
	}
	if failed {
		return &statusError{status: exitFailed, msg: "some input could not be read", reported: true}
	}
	return nil
}
