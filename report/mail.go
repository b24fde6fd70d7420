package report

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"sort"
	"strconv"
	"strings"
	"time"

	"gcwatch/gclog"
)

// Daily is the daily per-host leak report of gcwatch report: every host of a
// configuration with the verdicts on its JVMs, worst host first. It is built
// by package report/daily and rendered here, as a mail (Mail), an HTML page
// (HTML) and plain text (Text). Rendering is pure: the same Daily and options
// give the same bytes.
type Daily struct {
	Time  time.Time // when the report was made
	Hosts []HostReport
}

// HostReport is one host of the daily report.
type HostReport struct {
	Name     string
	State    gclog.State      // the worst verdict of its JVMs; unknown when none could be read
	JVMs     []*gclog.Summary // worst first
	Problems []string         // what could not be read: "path: reason", one line each
	Chart    []byte           // PNG of the JVMs' heap after GC, one panel each; nil when none
	Classes  *HistoTrend      // the trend of its class histograms, nil when it has none
	// ClassesNote says why there is no trend when the host has histograms
	// that could not give one (a single snapshot, unreadable files).
	ClassesNote string
	Files       []Attachment // CSVs attached to the mail
}

// Attachment is a file attached to the mail.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// SortHosts puts the hosts worst first (critical, leak, watch, healthy,
// unknown), keeping the given order among hosts in the same state.
func (d *Daily) SortHosts() {
	sort.SliceStable(d.Hosts, func(i, j int) bool {
		return d.Hosts[i].State.Severity() > d.Hosts[j].State.Severity()
	})
}

// NeedAttention reports whether a state is one a person should look at.
func NeedAttention(s gclog.State) bool {
	return s == gclog.StateCritical || s == gclog.StateLeak || s == gclog.StateWatch
}

// Problems counts the hosts that need attention (watch, leak, critical).
func (d *Daily) Problems() int {
	n := 0
	for _, h := range d.Hosts {
		if NeedAttention(h.State) {
			n++
		}
	}
	return n
}

// subjectNames is how many hosts the subject names before "and N more".
const subjectNames = 5

// Subject says what matters in one line: which hosts need attention, worst
// first, or that all is well. "2 of 12 hosts need attention: app-07 critical,
// app-02 leak"; "12 hosts, no leak found"; hosts whose logs gave no verdict
// are named after the others ("1 unknown: app-05").
func (d *Daily) Subject() string {
	var bad, unknown []string
	for _, h := range d.Hosts {
		switch {
		case NeedAttention(h.State):
			bad = append(bad, h.Name+" "+string(h.State))
		case h.State == gclog.StateUnknown:
			unknown = append(unknown, h.Name)
		}
	}
	n := len(d.Hosts)
	var s string
	switch {
	case n == 0:
		return "no hosts configured"
	case len(bad) == 1 && n == 1:
		s = "1 host needs attention: " + names(bad)
	case len(bad) > 0:
		verb := "hosts need"
		if len(bad) == 1 {
			verb = "hosts needs"
		}
		s = fmt.Sprintf("%d of %d %s attention: %s", len(bad), n, verb, names(bad))
	case len(unknown) == n:
		s = fmt.Sprintf("no verdict on %s", plural(n, "host"))
	default:
		s = fmt.Sprintf("%s, no leak found", plural(n, "host"))
	}
	if len(unknown) > 0 && len(unknown) < n {
		s += fmt.Sprintf("; %d unknown: %s", len(unknown), names(unknown))
	} else if len(unknown) == n && n > 0 {
		s += ": " + names(unknown)
	}
	return s
}

func names(list []string) string {
	if len(list) > subjectNames {
		return strings.Join(list[:subjectNames], ", ") + fmt.Sprintf(" and %d more", len(list)-subjectNames)
	}
	return strings.Join(list, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// MailOptions are the headers of the mail and what makes it reproducible.
type MailOptions struct {
	From          string
	To            []string
	SubjectPrefix string // e.g. "[gcwatch]"; a space is put after it
	// Date is the Date header; zero means Daily.Time.
	Date time.Time
	// MessageID is the Message-ID without angle brackets; empty makes a
	// random one at the domain of From.
	MessageID string
	// Boundary returns the multipart boundary of the nth multipart (0
	// mixed, 1 alternative, 2 related); nil makes random ones. Tests fix
	// them for golden files.
	Boundary func(n int) string
	Render   RenderOptions
}

// ChartCID is the Content-ID of the chart of the ith host in the mail.
func ChartCID(i int) string { return fmt.Sprintf("chart-%d@gcwatch", i+1) }

// ChartFile is the file name of the chart of the ith host.
func ChartFile(i int, host string) string {
	return fmt.Sprintf("%02d-%s.png", i+1, FileName(host))
}

// FileName makes a host name safe as part of a file name: letters, digits,
// '.', '-' and '_' are kept, anything else becomes '_'.
func FileName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 || b[0] == '.' {
		return "_" + string(b)
	}
	return string(b)
}

// Mail composes the report as an RFC 5322 message with CRLF line ends:
//
//	multipart/mixed
//	  multipart/alternative
//	    text/plain                 the report as text
//	    multipart/related
//	      text/html                the report as HTML, charts as <img src="cid:...">
//	      image/png ...            one chart per host with events
//	  text/csv ...                 the per-host CSVs, as attachments
//
// Everything that comes from a log or a histogram is escaped in the HTML.
func (d *Daily) Mail(o MailOptions) ([]byte, error) {
	if o.From == "" || len(o.To) == 0 {
		return nil, fmt.Errorf("a mail needs a sender and at least one recipient")
	}
	from, err := mail.ParseAddress(o.From)
	if err != nil {
		return nil, fmt.Errorf("from %q: %w", o.From, err)
	}
	var to []string
	for _, t := range o.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return nil, fmt.Errorf("to %q: %w", t, err)
		}
		to = append(to, a.String())
	}
	date := o.Date
	if date.IsZero() {
		date = d.Time
	}
	id := o.MessageID
	if id == "" {
		id = randomID() + "@" + from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	}
	boundary := o.Boundary
	if boundary == nil {
		boundary = func(int) string { return "" }
	}
	subject := d.Subject()
	if o.SubjectPrefix != "" {
		subject = o.SubjectPrefix + " " + subject
	}

	var b bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, oneLine(v)) }
	hdr("From", from.String())
	hdr("To", strings.Join(to, ", "))
	hdr("Subject", mime.QEncoding.Encode("utf-8", subject))
	hdr("Date", date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+id+">")
	hdr("MIME-Version", "1.0")
	// RFC 3834: no vacation auto-replies to a robot.
	hdr("Auto-Submitted", "auto-generated")
	if d.worst() == gclog.StateCritical {
		hdr("Importance", "high")
		hdr("X-Priority", "1")
	}

	mixed := multipart.NewWriter(&b)
	if err := setBoundary(mixed, boundary(0)); err != nil {
		return nil, err
	}
	hdr("Content-Type", "multipart/mixed; boundary="+mixed.Boundary())
	b.WriteString("\r\n")

	alt, err := nested(mixed, "multipart/alternative", boundary(1))
	if err != nil {
		return nil, err
	}
	var text bytes.Buffer
	if err := d.Text(&text, o.Render); err != nil {
		return nil, err
	}
	if err := quotedPart(alt, "text/plain; charset=utf-8", text.Bytes()); err != nil {
		return nil, err
	}
	rel, err := nested(alt, "multipart/related", boundary(2))
	if err != nil {
		return nil, err
	}
	var html bytes.Buffer
	if err := d.HTML(&html, func(i int) string { return "cid:" + ChartCID(i) }, o.Render); err != nil {
		return nil, err
	}
	if err := quotedPart(rel, "text/html; charset=utf-8", html.Bytes()); err != nil {
		return nil, err
	}
	for i, h := range d.Hosts {
		if len(h.Chart) == 0 {
			continue
		}
		name := ChartFile(i, h.Name)
		hd := textproto.MIMEHeader{}
		hd.Set("Content-Type", mime.FormatMediaType("image/png", map[string]string{"name": name}))
		hd.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
		hd.Set("Content-ID", "<"+ChartCID(i)+">")
		if err := base64Part(rel, hd, h.Chart); err != nil {
			return nil, err
		}
	}
	if err := rel.Close(); err != nil {
		return nil, err
	}
	if err := alt.Close(); err != nil {
		return nil, err
	}
	for _, h := range d.Hosts {
		for _, f := range h.Files {
			hd := textproto.MIMEHeader{}
			ct := f.ContentType
			if ct == "" {
				ct = "application/octet-stream"
			}
			hd.Set("Content-Type", mime.FormatMediaType(ct, map[string]string{"name": f.Name}))
			hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
			if err := base64Part(mixed, hd, f.Data); err != nil {
				return nil, err
			}
		}
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (d *Daily) worst() gclog.State {
	w := gclog.StateUnknown
	for _, h := range d.Hosts {
		if h.State.Severity() > w.Severity() {
			w = h.State
		}
	}
	return w
}

// oneLine keeps a header value on one line: a CR or LF from a host name
// in the configuration must not start a header of its own.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

func setBoundary(w *multipart.Writer, b string) error {
	if b == "" {
		return nil
	}
	if err := w.SetBoundary(b); err != nil {
		return fmt.Errorf("boundary %q: %w", b, err)
	}
	return nil
}

// nested starts a multipart inside a part of w.
func nested(w *multipart.Writer, ct, boundary string) (*multipart.Writer, error) {
	inner := multipart.NewWriter(nil)
	if err := setBoundary(inner, boundary); err != nil {
		return nil, err
	}
	hd := textproto.MIMEHeader{}
	hd.Set("Content-Type", ct+"; boundary="+inner.Boundary())
	pw, err := w.CreatePart(hd)
	if err != nil {
		return nil, err
	}
	out := multipart.NewWriter(pw)
	if err := out.SetBoundary(inner.Boundary()); err != nil {
		return nil, err
	}
	return out, nil
}

func quotedPart(w *multipart.Writer, ct string, body []byte) error {
	hd := textproto.MIMEHeader{}
	hd.Set("Content-Type", ct)
	hd.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := w.CreatePart(hd)
	if err != nil {
		return err
	}
	qw := quotedprintable.NewWriter(pw) // writes line ends as CRLF
	if _, err := qw.Write(body); err != nil {
		return err
	}
	return qw.Close()
}

func base64Part(w *multipart.Writer, hd textproto.MIMEHeader, data []byte) error {
	hd.Set("Content-Transfer-Encoding", "base64")
	pw, err := w.CreatePart(hd)
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		if _, err := io.WriteString(pw, enc[:76]+"\r\n"); err != nil {
			return err
		}
		enc = enc[76:]
	}
	_, err = io.WriteString(pw, enc+"\r\n")
	return err
}

func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return "gcwatch." + hex.EncodeToString(b[:])
}
