package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"gcwatch/gclog"
	"gcwatch/report"
)

type plotOptions struct {
	streams
	Paths  []string
	Output string
	Width  int
	Height int
	Host   string
	Data   bool // write the chart's data as text instead of the image
}

// Default image size: the height is per JVM.
const (
	defaultPlotWidth       = 1200
	defaultPlotPanelHeight = 600
)

func newPlotCmd(s streams) *cobra.Command {
	o := &plotOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "plot PATH... -o FILE.png|FILE.svg|-",
		Short: "Draw heap after GC over time, with the leak verdict and its trend",
		Long: `Plot draws, for each JVM, the heap after every GC over time with the heap
capacity, the full collections (rings), the full collections the verdict rests
on (dots) and, when the verdict is leak or watch, the trend to the heap's limit;
below it, the pauses. The title names the host (or the file) and the verdict,
as gcwatch scan gives it. Several JVMs give one panel each, in one image,
worst verdict first.

The time axis is wall-clock time when the log has it, else uptime. Each series
is reduced to its lowest and highest point per column of pixels while the log
is read: drawing takes the same time and memory whatever the size of the log,
and a plot takes little more than reading the log.

The format follows the extension of -o: .png or .svg; -o - writes PNG to stdout.
--width and --height are in pixels (CSS pixels for SVG); the default height is
600 per JVM.

Exit status: 0 when the image was written, 1 when the job could not be done in
full (a path unreadable, a file with no GC events, the image not writable,
bad usage).`,
		Example: `  gcwatch plot gc.log -o heap.png
  gcwatch plot /var/log/app/ -o fleet.svg             # one panel per JVM
  gcwatch plot 'logs/*/gc.log*' -o - --width 1600 > heap.png
  zcat gc.log.gz | gcwatch plot - --host app-07 -o app-07.png`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runPlot(o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "image file to write: FILE.png, FILE.svg, or - for PNG on stdout (required unless --data)")
	f.IntVar(&o.Width, "width", defaultPlotWidth, "image width in pixels")
	f.IntVar(&o.Height, "height", 0, "image height in pixels (default 600 per JVM)")
	f.StringVar(&o.Host, "host", "", "host name for logs that do not carry the hostname decoration")
	f.BoolVar(&o.Data, "data", false, "write the chart's data (the reduced series, markers, trend) as text instead of the image")
	_ = cmd.MarkFlagFilename("output", "png", "svg")
	return cmd
}

// imageFormat tells the image format from the output's name.
func imageFormat(out string) (string, error) {
	if out == "-" {
		return report.ImagePNG, nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".png":
		return report.ImagePNG, nil
	case ".svg":
		return report.ImageSVG, nil
	}
	return "", fmt.Errorf("%s: cannot tell the image format from the name (want .png or .svg, or - for PNG on stdout)", out)
}

func runPlot(o *plotOptions) error {
	if o.Output == "" && !o.Data {
		return fmt.Errorf("no output: -o FILE.png, -o FILE.svg or -o - (PNG on stdout)")
	}
	format := report.ImagePNG
	if !o.Data {
		f, err := imageFormat(o.Output)
		if err != nil {
			return err
		}
		format = f
	}
	if o.Width < report.MinImageWidth {
		return fmt.Errorf("--width %d: at least %d pixels", o.Width, report.MinImageWidth)
	}
	if o.Height != 0 && o.Height < report.MinImagePanelHeight {
		return fmt.Errorf("--height %d: at least %d pixels per JVM", o.Height, report.MinImagePanelHeight)
	}
	sets, errs := gclog.Collect(o.Paths)
	failed := len(errs) > 0
	for _, err := range errs {
		fmt.Fprintln(o.Err, "gcwatch:", err)
	}
	var chart report.Chart
	for _, set := range sets {
		p, err := plotSet(o, set)
		if err != nil {
			fmt.Fprintln(o.Err, "gcwatch:", err)
			failed = true
			continue
		}
		chart.Panels = append(chart.Panels, p)
	}
	if len(chart.Panels) == 0 {
		return &statusError{status: exitFailed, msg: "nothing to plot", reported: failed}
	}
	// Worst first, as scan lists them.
	sort.SliceStable(chart.Panels, func(i, j int) bool {
		return chart.Panels[i].State.Severity() > chart.Panels[j].State.Severity()
	})
	if o.Data {
		if err := chart.WriteText(o.Out); err != nil {
			return fmt.Errorf("writing the chart data: %w", err)
		}
	} else if err := writeImage(o, &chart, format); err != nil {
		return err
	}
	if failed {
		return &statusError{status: exitFailed, msg: "some input could not be plotted", reported: true}
	}
	return nil
}

// plotSet reads one JVM's log into its chart panel, with scan's verdict on
// the same events.
func plotSet(o *plotOptions, set gclog.Set) (*report.Panel, error) {
	r := gclog.NewSetReader(set.Inputs(o.In))
	sum := gclog.NewSummary(set.Files)
	b := report.NewChartBuilder(report.ChartBuckets(o.Width))
	b.ReadAll(r, sum)
	if err := readFailure(set, r, sum.Events); err != nil {
		return nil, err
	}
	showProblems(o.Err, set, r.Info(), maxProblemLines)
	sum.Finish(r.Info(), gclog.DefaultVerdictOptions)
	if sum.Info.Host == "" {
		sum.Info.Host = o.Host
	}
	return b.Panel(sum), nil
}

// writeImage draws the chart and writes it to the output. The image is
// drawn before the file is created, and a file that could not be written
// in full is removed, so a failed plot leaves no half image behind.
func writeImage(o *plotOptions, chart *report.Chart, format string) error {
	height := o.Height
	if height == 0 {
		height = defaultPlotPanelHeight * len(chart.Panels)
	}
	img, err := chart.Render(format, o.Width, height)
	if err != nil {
		return err
	}
	if o.Output == "-" {
		if _, err := img.WriteTo(o.Out); err != nil {
			return fmt.Errorf("writing the image to stdout: %w", err)
		}
		return nil
	}
	f, err := os.Create(o.Output)
	if err != nil {
		return pathErr(err)
	}
	_, err = img.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(o.Output)
		return fmt.Errorf("%s: %w", o.Output, unwrapPath(err))
	}
	return nil
}

// pathErr writes an *os.PathError as "path: reason", like gclog's messages.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
