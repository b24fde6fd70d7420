package report

import (
	"io"
	"testing"
)

// BenchmarkChartPNG is the chart of one host of the daily report (800 x
// 400 pixels) from the real bench log: every series full (a point per
// pixel column). A 100-host report draws a hundred of these; Draw is the
// drawing alone, PNG the drawing and its encoding.
func BenchmarkChartPNG(b *testing.B) {
	p := panelOf(b, "../testdata/jvm/bench/jdk17-g1-gcstar-safepoint-long.log.gz", ChartBuckets(800))
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
