package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"strings"
	"testing"
	"time"

	"gcwatch/gclog"
	"gcwatch/histogram"
)

func summaryOf(t *testing.T, path, host string) *gclog.Summary {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := gclog.Summarize(gclog.NewReader(f, path), []string{path}, gclog.DefaultVerdictOptions)
	if err != nil {
		t.Fatal(err)
	}
	s.Info.Host = host
	return s
}

// testDaily is a fixed report: a leaking host with a class trend whose
// names carry HTML, a healthy-looking unknown host, and one that could not
// be read. Charts are stand-ins: the golden file is about the mail.
func testDaily(t *testing.T) *Daily {
	snap := func(ts string, n int64) *histogram.Snapshot {
		tm, _ := time.Parse(time.RFC3339, ts)
		return &histogram.Snapshot{Time: tm, Classes: []histogram.Class{
			{Name: "com.acme.Cache<script>alert(1)</script>", Count: histogram.Count{Instances: n, Bytes: n * 64}},
			{Name: "=cmd|' /C calc'!A0", Count: histogram.Count{Instances: 10, Bytes: 640}},
		}}
	}
	snaps := []*histogram.Snapshot{snap("2026-11-22T01:00:00Z", 100), snap("2026-11-22T02:00:00Z", 200), snap("2026-11-22T03:00:00Z", 400)}
	trend := &HistoTrend{Snapshots: snaps, Series: histogram.Trend(snaps, histogram.Options{})}
	d := &Daily{Time: time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC), Hosts: []HostReport{
		{Name: "app-04", State: gclog.StateUnknown, Problems: []string{"/var/log/app-04/gc.log: no such file or directory"}},
		{Name: "app-01", State: gclog.StateHealthy, JVMs: []*gclog.Summary{summaryOf(t, logs+"jdk25-epsilon-slowleak.log", "app-01")},
			Chart: []byte("\x89PNG chart of app-01")},
		{Name: "app-07 <b>&amp;", State: gclog.StateLeak, JVMs: []*gclog.Summary{summaryOf(t, logs+"jdk17-parallel-slowleak.log", "app-07 <b>&amp;")},
			Chart: []byte("\x89PNG chart of app-07"), Classes: trend,
			Files: []Attachment{{Name: "app-07-fullgc.csv", ContentType: "text/csv", Data: []byte("a,b\r\n1,2\r\n")}}},
	}}
	d.Hosts[1].State = gclog.StateHealthy
	d.SortHosts()
	return d
}

func fixedMailOptions() MailOptions {
	return MailOptions{From: "gcwatch@example.org", To: []string{"ops@example.org", "Dev Team <dev@example.org>"},
		SubjectPrefix: "[gcwatch]", MessageID: "fixed@example.org",
		Boundary: func(n int) string { return fmt.Sprintf("gcwatch-boundary-%d", n) }}
}

func TestMailGolden(t *testing.T) {
	d := testDaily(t)
	msg, err := d.Mail(fixedMailOptions())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/mail/daily.eml", string(msg))
	var html, text bytes.Buffer
	if err := d.HTML(&html, func(i int) string { return ChartFile(i, d.Hosts[i].Name) }, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := d.Text(&text, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/mail/daily.html", html.String())
	golden(t, "testdata/mail/daily.txt", text.String())
}

// The message parses as mail, with the structure mail programs expect, and
// nothing from a log or a histogram reaches the HTML unescaped.
func TestMailStructure(t *testing.T) {
	d := testDaily(t)
	msg, err := d.Mail(MailOptions{From: "gcwatch@example.org", To: []string{"ops@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	parts := parseMail(t, msg)
	want := []string{"text/plain", "text/html", "image/png", "image/png", "text/csv"}
	var got []string
	for _, p := range parts {
		got = append(got, p.Type)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("parts %v, want %v", got, want)
	}
	html := string(parts[1].Body)
	for _, bad := range []string{"<script>", "<b>&amp;"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML holds %q unescaped", bad)
		}
	}
	for _, good := range []string{"com.acme.Cache&lt;script&gt;", "app-07 &lt;b&gt;&amp;amp;", `src="cid:chart-1@gcwatch"`} {
		if !strings.Contains(html, good) {
			t.Errorf("HTML lacks %q", good)
		}
	}
	if parts[2].Header.Get("Content-Id") != "<chart-1@gcwatch>" {
		t.Errorf("first image Content-ID %q", parts[2].Header.Get("Content-Id"))
	}
	if string(parts[2].Body) != "\x89PNG chart of app-07" {
		t.Errorf("the worst host's chart is not first: %q", parts[2].Body)
	}
	if !strings.HasPrefix(string(parts[0].Body), "gcwatch daily report") || !strings.Contains(string(parts[0].Body), "\nLEAK ") {
		t.Errorf("text part:\n%s", parts[0].Body)
	}
	if strings.Index(string(parts[0].Body), "app-07") > strings.Index(string(parts[0].Body), "app-01") {
		t.Error("text: the worst host is not first")
	}
}

// part is a leaf of a parsed message.
type part struct {
	Type   string
	Header textproto.MIMEHeader
	Body   []byte
}

// parseMail parses a message with net/mail and mime/multipart and returns
// its leaves in order, decoded.
func parseMail(t testing.TB, msg []byte) []part {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	var out []part
	var walk func(ct string, hdr textproto.MIMEHeader, body io.Reader)
	walk = func(ct string, hdr textproto.MIMEHeader, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("content type %q: %v", ct, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header.Get("Content-Type"), p.Header, decoded(t, p.Header.Get("Content-Transfer-Encoding"), p))
			}
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, part{Type: mt, Header: hdr, Body: b})
	}
	walk(m.Header.Get("Content-Type"), textproto.MIMEHeader(m.Header), m.Body)
	return out
}

func decoded(t testing.TB, cte string, r io.Reader) io.Reader {
	switch strings.ToLower(cte) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

func TestSubject(t *testing.T) {
	h := func(name string, s gclog.State) HostReport { return HostReport{Name: name, State: s} }
	for _, c := range []struct {
		hosts []HostReport
		want  string
	}{
		{nil, "no hosts configured"},
		{[]HostReport{h("a", gclog.StateHealthy)}, "1 host, no leak found"},
		{[]HostReport{h("a", gclog.StateCritical)}, "1 host needs attention: a critical"},
		{[]HostReport{h("a", gclog.StateHealthy), h("b", gclog.StateHealthy)}, "2 hosts, no leak found"},
		{[]HostReport{h("app-07", gclog.StateCritical), h("app-02", gclog.StateLeak), h("x", gclog.StateHealthy)},
			"2 of 3 hosts need attention: app-07 critical, app-02 leak"},
		{[]HostReport{h("a", gclog.StateWatch), h("b", gclog.StateHealthy), h("c", gclog.StateUnknown)},
			"1 of 3 hosts needs attention: a watch; 1 unknown: c"},
		{[]HostReport{h("a", gclog.StateHealthy), h("c", gclog.StateUnknown)}, "2 hosts, no leak found; 1 unknown: c"},
		{[]HostReport{h("a", gclog.StateUnknown), h("b", gclog.StateUnknown)}, "no verdict on 2 hosts: a, b"},
		{[]HostReport{h("1", gclog.StateLeak), h("2", gclog.StateLeak), h("3", gclog.StateLeak), h("4", gclog.StateLeak),
			h("5", gclog.StateLeak), h("6", gclog.StateLeak), h("7", gclog.StateLeak)},
			"7 of 7 hosts need attention: 1 leak, 2 leak, 3 leak, 4 leak, 5 leak and 2 more"},
	} {
		d := &Daily{Hosts: c.hosts}
		if got := d.Subject(); got != c.want {
			t.Errorf("Subject() = %q, want %q", got, c.want)
		}
	}
}

func TestMailErrors(t *testing.T) {
	d := &Daily{}
	for _, o := range []MailOptions{{}, {From: "x@y"}, {From: "not an address", To: []string{"a@b"}}, {From: "a@b", To: []string{"@"}}} {
		if _, err := d.Mail(o); err == nil {
			t.Errorf("Mail(%+v): no error", o)
		}
	}
}

// A host name with a line break cannot add a header.
func TestMailHeaderInjection(t *testing.T) {
	d := &Daily{Hosts: []HostReport{{Name: "evil\r\nBcc: victim@example.org", State: gclog.StateLeak}}}
	msg, err := d.Mail(MailOptions{From: "a@example.org", To: []string{"b@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("Bcc") != "" {
		t.Error("a host name added a Bcc header")
	}
}
