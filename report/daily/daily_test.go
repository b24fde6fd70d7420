package daily

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"gcwatch/gclog"
)

const logs = "../../testdata/jvm/logs/"

// Hosts come back worst first, each with its chart, CSVs and problems; a
// host whose logs are missing is unknown with the reason.
func TestBuild(t *testing.T) {
	hosts := []Host{
		{Name: "gone", GCLogs: []string{logs + "no-such.log"}},
		{Name: "epsilon", GCLogs: []string{logs + "jdk25-epsilon-slowleak.log"}},
		{Name: "leaky", GCLogs: []string{logs + "jdk17-serial-slowleak.log", logs + "jdk25-parallel-slowleak.log"},
			Histograms: "../../testdata/histogram/jdk25"},
		{Name: "no histograms", GCLogs: []string{logs + "jdk17-serial-slowleak.log"}, Histograms: "/no/such/folder"},
	}
	now := time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC)
	d := Build(hosts, Options{Verdict: gclog.DefaultVerdictOptions, Now: now})
	var got []string
	for _, h := range d.Hosts {
		got = append(got, h.Name+":"+string(h.State))
	}
	if want := "leaky:critical no histograms:leak gone:unknown epsilon:unknown"; strings.Join(got, " ") != want {
		t.Fatalf("hosts %q, want %q", strings.Join(got, " "), want)
	}
	leaky := d.Hosts[0]
	if len(leaky.JVMs) != 2 || !bytes.HasPrefix(leaky.Chart, []byte("\x89PNG")) || leaky.Classes == nil || len(leaky.Files) != 2 {
		t.Errorf("leaky: %d JVMs, chart %d bytes, classes %v, %d files", len(leaky.JVMs), len(leaky.Chart), leaky.Classes != nil, len(leaky.Files))
	}
	if d.Hosts[1].ClassesNote != "/no/such/folder: no such file or directory" {
		t.Errorf("note %q", d.Hosts[1].ClassesNote)
	}
	if p := d.Hosts[2].Problems; len(p) != 1 || p[0] != logs+"no-such.log: no such file or directory" {
		t.Errorf("problems %q", p)
	}
	if !d.Time.Equal(now) {
		t.Errorf("time %v", d.Time)
	}
}
