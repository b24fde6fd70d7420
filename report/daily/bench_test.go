package daily

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gcwatch/gclog"
	"gcwatch/internal/benchlog"
	"gcwatch/report"
)

// BenchmarkReport100Hosts is `gcwatch report` for 100 hosts with a 50 MB
// JDK 17 G1 -Xlog:gc*,safepoint log each (issue 9: under 15 s): reading
// every host, judging, drawing each chart and writing the mail. The hosts'
// logs are hard links to one file made from the real bench log (in the
// page cache after the first run). MB/s are of all hosts' logs together.
func BenchmarkReport100Hosts(b *testing.B) {
	const hostCount, logSize = 100, 50 << 20
	one, err := benchlog.Read(filepath.Join("../..", benchlog.Path))
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	dir := b.TempDir()
	first := filepath.Join(dir, "host-000.log")
	size, err := benchlog.WriteFile(first, one, logSize)
	if err != nil {
		b.Fatal(err)
	}
	hosts := make([]Host, hostCount)
	for i := range hosts {
		path := first
		if i > 0 {
			path = filepath.Join(dir, fmt.Sprintf("host-%03d.log", i))
			if err := os.Link(first, path); err != nil {
				b.Fatal(err)
			}
		}
		hosts[i] = Host{Name: fmt.Sprintf("host-%03d", i), GCLogs: []string{path}}
	}
	b.SetBytes(size * hostCount)
	b.ReportAllocs()
	now := time.Date(2026, 12, 3, 6, 30, 0, 0, time.UTC)
	for b.Loop() {
		d := Build(hosts, Options{Verdict: gclog.DefaultVerdictOptions, Now: now})
		eml, err := d.Mail(report.MailOptions{From: "gcwatch@localhost", To: []string{"oncall@localhost"}})
		if err != nil || len(eml) == 0 {
			b.Fatalf("mail of %d bytes: %v", len(eml), err)
		}
		if h := d.Hosts[0]; len(h.Chart) == 0 || len(h.Problems) > 0 {
			b.Fatalf("host %s: chart of %d bytes, problems %q", h.Name, len(h.Chart), h.Problems)
		}
	}
}
