package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"gcwatch/cmd/gcwatch/internal/config"
	"gcwatch/cmd/gcwatch/internal/mailer"
	"gcwatch/cmd/gcwatch/internal/spool"
	"gcwatch/gclog"
	"gcwatch/report"
	"gcwatch/report/daily"
)

type reportOptions struct {
	streams
	Config         string
	OutDir         string
	Force          bool
	ExitOnProblems bool
	Verbose        bool

	// Seams for tests; nil means the real thing.
	now      func() time.Time
	getenv   func(string) string
	boundary func(int) string
	sender   func(*config.SMTP, string) mailer.Sender
}

// reportTestHooks, set by tests only, replaces the clock, the environment
// and the sender of the next run.
var reportTestHooks *reportOptions

func newReportCmd(s streams) *cobra.Command {
	o := &reportOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "report --config FILE [--out DIR] [--force] [--exit-on-problems]",
		Short: "Mail the daily per-host leak report (from cron or a systemd timer)",
		Long: `Report reads the GC logs (and class histogram snapshots) of every host named in
a configuration file, judges each JVM as gcwatch scan does, and makes one
report: a line per host, worst first (critical, leak, watch, healthy,
unknown), with the Full GC lines each verdict rests on, the slope and the
projected time the heap is full, a chart of heap after GC, and for hosts with
histogram snapshots the classes that grow. The subject says what matters:
"2 of 12 hosts need attention: app-07 critical, app-02 leak", or that all is
well.

The report is mailed (HTML with a plain-text alternative, charts inline, the
per-host CSVs attached) through the [smtp] server of the configuration. With
no [smtp] section, or with --out DIR, it is written to a folder instead:
report.html, report.txt, report.eml, the charts and the CSVs.

Made to run every day from cron or a systemd timer:
  - at most one mail a day per configuration (--force sends again);
  - a lock in state_dir: a second run while one is going exits at once;
  - a mail that could not be sent is kept in state_dir/outbox, the exit
    status is 1, and the next run delivers it before its own;
  - silent when all went well (cron mails what a job prints): -v says what
    it did.

The SMTP password is never in the configuration nor on the command line:
password_env names an environment variable, password_file a file that only
its owner may read (chmod 600). See gcwatch.example.toml.

Exit status: 0 when the report was delivered (or written, or already sent
today), whatever the verdicts: the mail is the alert; 2 with
--exit-on-problems when it was delivered and a host is leak or critical;
1 when the job could not be done: a configuration error, another run holds
the lock, or the mail could not be sent (it waits in the outbox).`,
		Example: `  gcwatch report --config gcwatch.toml --out /tmp/report   # look at it first
  gcwatch report --config /etc/gcwatch/gcwatch.toml         # mail it (once a day)
  gcwatch report --config /etc/gcwatch/gcwatch.toml --force -v

  # crontab: every morning at 6:30, quiet unless something failed
  30 6 * * *  GCWATCH_SMTP_PASSWORD=... gcwatch report --config /etc/gcwatch/gcwatch.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if h := reportTestHooks; h != nil {
				o.now, o.getenv, o.boundary, o.sender = h.now, h.getenv, h.boundary, h.sender
			}
			return runReport(o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Config, "config", "c", "", "the configuration file (TOML; see gcwatch.example.toml)")
	f.StringVarP(&o.OutDir, "out", "o", "", "write the report to this folder instead of mailing it")
	f.BoolVar(&o.Force, "force", false, "send even if today's report was already sent")
	f.BoolVar(&o.ExitOnProblems, "exit-on-problems", false, "exit with status 2 when a host is leak or critical (after the report went out)")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "say what was done on stdout")
	_ = cmd.MarkFlagRequired("config")
	_ = cmd.MarkFlagFilename("config", "toml")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

func (o *reportOptions) today() time.Time {
	if o.now != nil {
		return o.now()
	}
	return time.Now()
}

func (o *reportOptions) say(format string, args ...any) {
	if o.Verbose {
		fmt.Fprintf(o.Out, format+"\n", args...)
	}
}

func runReport(o *reportOptions) error {
	cfg, err := config.Load(o.Config)
	if err != nil {
		return err
	}
	if o.OutDir != "" || cfg.SMTP == nil {
		return reportToFolder(o, cfg)
	}
	return reportByMail(o, cfg)
}

// buildReport reads every host of the configuration.
func buildReport(o *reportOptions, cfg *config.Config) *report.Daily {
	r := cfg.Report
	v := gclog.DefaultVerdictOptions
	v.Window, v.Since = r.Window, r.Since.Duration
	if r.NearFull > 0 {
		v.NearFull = r.NearFull
	}
	if r.MinRise > 0 {
		v.MinRise = r.MinRise
	}
	if r.MinPoints > 0 {
		v.MinPoints = r.MinPoints
	}
	hosts := make([]daily.Host, len(cfg.Hosts))
	for i, h := range cfg.Hosts {
		hosts[i] = daily.Host{Name: h.Name, GCLogs: h.GCLogs, Histograms: h.Histograms}
	}
	return daily.Build(hosts, daily.Options{Verdict: v, Now: o.today(),
		ChartWidth: r.ChartWidth, ChartHeight: r.ChartHeight, LastFull: r.LastFull})
}

func mailOptions(o *reportOptions, cfg *config.Config) report.MailOptions {
	from, to := cfg.Mail.From, cfg.Mail.To
	if from == "" {
		from = "gcwatch@localhost"
	}
	if len(to) == 0 {
		to = []string{"root@localhost"}
	}
	return report.MailOptions{From: from, To: to, SubjectPrefix: cfg.SubjectPrefix(), Boundary: o.boundary,
		Render: report.RenderOptions{LastFull: cfg.Report.LastFull, TopClasses: cfg.Report.TopClasses}}
}

// problemStatus is the exit status once the report went out.
func problemStatus(o *reportOptions, d *report.Daily) error {
	if !o.ExitOnProblems {
		return nil
	}
	for _, h := range d.Hosts {
		if h.State == gclog.StateLeak || h.State == gclog.StateCritical {
			return &statusError{status: exitProblem, msg: "a leak or critical state is suspected", reported: true}
		}
	}
	return nil
}

// reportToFolder writes the report as files: what a new user sees first.
func reportToFolder(o *reportOptions, cfg *config.Config) error {
	dir := o.OutDir
	if dir == "" {
		dir = "gcwatch-report-" + o.today().Format("2006-01-02")
	}
	d := buildReport(o, cfg)
	mopts := mailOptions(o, cfg)
	eml, err := d.Mail(mopts)
	if err != nil {
		return err
	}
	files := map[string][]byte{"report.eml": eml}
	var html, text bytes.Buffer
	if err := d.HTML(&html, func(i int) string { return report.ChartFile(i, d.Hosts[i].Name) }, mopts.Render); err != nil {
		return err
	}
	if err := d.Text(&text, mopts.Render); err != nil {
		return err
	}
	files["report.html"], files["report.txt"] = html.Bytes(), text.Bytes()
	for i, h := range d.Hosts {
		if len(h.Chart) > 0 {
			files[report.ChartFile(i, h.Name)] = h.Chart
		}
		for _, f := range h.Files {
			files[f.Name] = f.Data
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return pathErr(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return pathErr(err)
		}
	}
	fmt.Fprintf(o.Out, "%s\nwrote %d files to %s: open %s\n", d.Subject(), len(files), dir, filepath.Join(dir, "report.html"))
	return problemStatus(o, d)
}

// reportByMail sends the day's report, once a day, under the state
// folder's lock, delivering first what earlier runs could not send.
func reportByMail(o *reportOptions, cfg *config.Config) error {
	getenv := o.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	password, err := cfg.SMTP.Password(getenv)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Path, err)
	}
	var sender mailer.Sender
	if o.sender != nil {
		sender = o.sender(cfg.SMTP, password)
	} else {
		s := cfg.SMTP
		sender = &mailer.SMTP{Host: s.Host, Port: s.Port, TLS: s.TLS, Username: s.Username, Password: password,
			CAFile: s.CAFile, Timeout: s.Timeout.Duration, HELO: s.HELO}
	}
	st, err := spool.Open(cfg.Report.StateDir)
	if err != nil {
		return err
	}
	defer st.Close()

	now := o.today()
	day := now.Format("2006-01-02")
	ctx := context.Background()
	from := cfg.Mail.From

	// What earlier runs could not send goes first, oldest first.
	pending, err := st.Outbox()
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	var sendErr error
	for _, p := range pending {
		msg, err := os.ReadFile(p.Path)
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		if err := sender.Send(ctx, from, cfg.Mail.To, msg); err != nil {
			sendErr = err
			break
		}
		if err := os.Remove(p.Path); err != nil {
			return fmt.Errorf("outbox: delivered %s but cannot remove it: %w", p.Path, err)
		}
		o.say("delivered %s from the outbox", p.Path)
		if p.Day == day {
			if err := st.MarkSent(day, filepath.Base(p.Path)); err != nil {
				return fmt.Errorf("state_dir: %w", err)
			}
		}
	}

	last, err := st.LastSent()
	if err != nil {
		return fmt.Errorf("state_dir: %w", err)
	}
	if last == day && !o.Force {
		o.say("today's report was already sent (%s); --force sends it again", filepath.Join(st.Path, "last-sent"))
		return failedDelivery(sendErr, st)
	}

	d := buildReport(o, cfg)
	if cfg.Report.OnlyWhenProblems && d.Problems() == 0 && !o.Force {
		o.say("no host needs attention: no mail (only_when_problems)")
		if err := st.MarkSent(day, "no mail: nothing to report"); err != nil {
			return fmt.Errorf("state_dir: %w", err)
		}
		return failedDelivery(sendErr, st)
	}
	mopts := mailOptions(o, cfg)
	mopts.Date = now
	msg, err := d.Mail(mopts)
	if err != nil {
		return err
	}
	if sendErr == nil {
		sendErr = sender.Send(ctx, from, cfg.Mail.To, msg)
	}
	if sendErr != nil {
		if _, err := st.Keep(now.Format("2006-01-02T150405"), msg); err != nil {
			return fmt.Errorf("sending failed: %v; and the report could not be kept in the outbox: %w", sendErr, err)
		}
		return failedDelivery(sendErr, st)
	}
	if err := st.MarkSent(day, "sent"); err != nil {
		return fmt.Errorf("state_dir: the report was sent but: %w", err)
	}
	o.say("sent to %v: %s", cfg.Mail.To, d.Subject())
	return problemStatus(o, d)
}

// failedDelivery says that mail waits in the outbox, when sending failed.
func failedDelivery(sendErr error, st *spool.Dir) error {
	if sendErr == nil {
		return nil
	}
	pending, _ := st.Outbox()
	return &statusError{status: exitFailed, msg: fmt.Sprintf(
		"sending failed: %v\n%d report(s) kept in %s: the next run sends them",
		sendErr, len(pending), filepath.Join(st.Path, "outbox"))}
}
