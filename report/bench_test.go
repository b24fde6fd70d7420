package report

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"gcwatch/gclog"
	"gcwatch/internal/benchlog"
)

// BenchmarkChartPNG is the chart of one host of the daily report (800 x
// 400 pixels) of a 50 MB log made from the real bench log, as in
// BenchmarkReport100Hosts: every series full (a point per pixel column). A
// 100-host report draws a hundred of these; Draw is the drawing alone, PNG
// the drawing and its encoding.
func BenchmarkChartPNG(b *testing.B) {
	one, err := benchlog.Read(filepath.Join("..", benchlog.Path))
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	path := filepath.Join(b.TempDir(), "host.log")
	if _, err := benchlog.WriteFile(path, one, 50<<20); err != nil {
		b.Fatal(err)
	}
	p := panelOf(b, path, ChartBuckets(800))
	c := &Chart{Panels: []*Panel{p}}
	b.Run("Draw", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.Render(ImagePNG, 800, 400); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PNG", func(b *testing.B) {
		for b.Loop() {
			img, err := c.Render(ImagePNG, 800, 400)
			if err == nil {
				_, err = img.WriteTo(io.Discard)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEvents writes the events of the real bench log (16 MB, ~20,000
// events) as gcwatch events does, as CSV and as JSON lines, to nowhere: the
// writer alone. MB/s are of the log the events came from.
func BenchmarkEvents(b *testing.B) {
	one, err := benchlog.Read(filepath.Join("..", benchlog.Path))
	if err != nil {
		b.Skipf("benchmark input missing: %v", err)
	}
	r := gclog.NewReader(bytes.NewReader(one), "gc.log")
	var events []*gclog.Event
	for r.Scan() {
		events = append(events, r.Event())
	}
	if r.Err() != nil || len(events) == 0 {
		b.Fatalf("%d events: %v", len(events), r.Err())
	}
	for _, format := range []string{FormatCSV, FormatJSON} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(one)))
			for b.Loop() {
				ew, err := NewEventWriter(io.Discard, format)
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range events {
					ew.Write("gc.log", e)
				}
				if err := ew.Flush(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
