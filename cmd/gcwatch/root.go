package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit statuses, documented in README.md. Scripts and cron jobs depend on them:
// never renumber.
type exitStatus int

const (
	exitOK      exitStatus = 0 // the job was done and nothing needs attention
	exitFailed  exitStatus = 1 // the job could not be done: bad usage, unreadable or empty input
	exitProblem exitStatus = 2 // the job was done and a leak or critical state is suspected
	exitPartial exitStatus = 3 // histo: the output was written but some input could not be read
)

// statusError carries an exit status through cobra. A reported statusError has
// already said what it had to say on stderr, so main prints nothing more.
type statusError struct {
	status   exitStatus
	msg      string
	reported bool
}

func (e *statusError) Error() string { return e.msg }

func exitCode(err error) exitStatus {
	if err == nil {
		return exitOK
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	return exitFailed
}

func isReported(err error) bool {
	var se *statusError
	return errors.As(err, &se) && se.reported
}

// streams are the injected input and outputs every command writes to.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

func newRootCmd(in io.Reader, out, errOut io.Writer) *cobra.Command {
	s := streams{In: in, Out: out, Err: errOut}
	root := &cobra.Command{
		Use:   "gcwatch",
		Short: "Find leaking JVMs from their GC logs and class histograms",
		Long: `gcwatch reads JVM garbage-collection logs (HotSpot JDK 1.3 to 25, legacy and
unified logging, every collector; IBM/OpenJ9, JRockit and HP-UX verbose GC; gzip
and zstd; rotated sets) and class histograms (jmap -histo, jcmd GC.class_histogram),
and tells which JVMs are leaking memory: the memory still live after the old
generation has been collected keeps rising.

Start with: gcwatch scan gc.log`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	root.AddCommand(newScanCmd(s))
	root.AddCommand(newEventsCmd(s))
	root.AddCommand(newPlotCmd(s))
	root.AddCommand(newHistoCmd(s))
	root.AddCommand(newReportCmd(s))
	return root
}
