package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	goldenfile "gcwatch/internal/golden"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"gcwatch/gclog"
)

const logs = "../testdata/jvm/logs/"

// panelOf reads a log the way gcwatch plot does.
func panelOf(t testing.TB, path string, buckets int) *Panel {
	t.Helper()
	p, _ := readPanel(t, path, buckets, true)
	return p
}

// readPanel reads a log into a chart and a summary, with ReadAll when
// recycle is set, else keeping every event.
func readPanel(t testing.TB, path string, buckets int, recycle bool) (*Panel, *gclog.Summary) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := gclog.NewReader(f, path)
	sum := gclog.NewSummary([]string{path})
	b := NewChartBuilder(buckets)
	if recycle {
		b.ReadAll(r, sum)
	} else {
		for r.Scan() {
			sum.Add(r.Event())
			b.Add(r.Event())
		}
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	sum.Finish(r.Info(), gclog.DefaultVerdictOptions)
	return b.Panel(sum), sum
}

// The data behind the pictures, for a leak (Parallel, full GCs, trend), a
// concurrent collector without full GCs (ZGC), and a G1 log reduced to 16
// buckets so that the reduction shows.
func TestChartData(t *testing.T) {
	for _, tc := range []struct {
		log     string
		buckets int
	}{
		{"jdk17-serial-slowleak.log", 0},
		{"jdk17-zgc-slowleak.log", 0},
		{"jdk25-g1-slowleak.log", 16},
		{"jdk25-epsilon-slowleak.log", 0},
	} {
		t.Run(tc.log, func(t *testing.T) {
			c := Chart{Panels: []*Panel{panelOf(t, logs+tc.log, tc.buckets)}}
			var buf bytes.Buffer
			if err := c.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, fmt.Sprintf("testdata/chart/%s.b%d.txt", strings.TrimSuffix(tc.log, ".log"), tc.buckets), buf.String())
		})
	}
}

// The trend goes through the verdict's last point with its slope, and
// reaches the limit when scan says the heap is full.
func TestChartTrendAgreesWithVerdict(t *testing.T) {
	p := panelOf(t, logs+"jdk17-serial-slowleak.log", 0)
	if p.State != gclog.StateLeak || len(p.Trend) != 2 {
		t.Fatalf("state %s, trend %v", p.State, p.Trend)
	}
	f, _ := os.Open(logs + "jdk17-serial-slowleak.log")
	defer f.Close()
	sum, err := gclog.Summarize(gclog.NewReader(f, "x"), nil, gclog.DefaultVerdictOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := float64(sum.Verdict.ProjectedExhaustion.UnixNano()) / 1e9
	if math.Abs(p.Exhaustion-want) > 1e-3 {
		t.Errorf("exhaustion at %f, scan says %f", p.Exhaustion, want)
	}
	last := p.Verdict[len(p.Verdict)-1]
	slope := (p.Trend[1].Y - p.Trend[0].Y) / (p.Trend[1].X - p.Trend[0].X)
	if at := p.Trend[0].Y + slope*(last.X-p.Trend[0].X); math.Abs(at-last.Y) > 1 {
		t.Errorf("trend at the last point %f, point %f", at, last.Y)
	}
	if math.Abs(slope*3600-sum.Verdict.SlopeBytesPerHour) > 1e-3*sum.Verdict.SlopeBytesPerHour {
		t.Errorf("slope %f/hour, verdict %f", slope*3600, sum.Verdict.SlopeBytesPerHour)
	}
}

func TestReducer(t *testing.T) {
	r := newReducer(4)
	for i := range 100 {
		r.add(float64(i), float64(i%10)) // a saw: 0..9 each 10 seconds
	}
	got := r.points(false)
	// 100 s in 4 buckets: widths double from 1 ms to 32.768 s.
	if len(got) > 8 {
		t.Fatalf("%d points from 4 buckets: %v", len(got), got)
	}
	for _, q := range got {
		if q.Y != 0 && q.Y != 9 {
			t.Errorf("kept %v: not a min or max of its bucket", q)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].X < got[i-1].X {
			t.Errorf("out of order: %v", got)
		}
	}
	if first, last := got[0], got[len(got)-1]; first.X != 0 || last.Y != 9 {
		t.Errorf("first %v last %v", first, last)
	}
	// A clock going back lands in the first bucket, not out of range.
	r.add(-5, 100)
	if got := r.points(true); got[0] != (XY{-5, 100}) {
		t.Errorf("first bucket's max %v", got[0])
	}
	// One point is one point.
	one := newReducer(4)
	one.add(7, 7)
	if got := one.points(false); len(got) != 1 {
		t.Errorf("one point gave %v", got)
	}
}

// One million events over 30 days into the default buckets: memory stays
// at the buckets.
func BenchmarkReduce1M(b *testing.B) {
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	step := 30 * 24 * time.Hour / 1_000_000
	events := make([]*gclog.Event, 1000)
	for i := range events {
		e := gclog.NewEvent("synthetic.log", i+1)
		e.Kind = gclog.KindYoung
		e.Heap = gclog.Sizes{Before: 900 << 20, After: int64(200+i%300) << 20, Capacity: 1 << 30}
		e.Pause = time.Duration(i%50) * time.Millisecond
		events[i] = e
	}
	b.ReportAllocs()
	for b.Loop() {
		cb := NewChartBuilder(0)
		for i := range 1_000_000 {
			e := events[i%len(events)]
			e.Time = start.Add(time.Duration(i) * step)
			e.Uptime = time.Duration(i) * step
			cb.Add(e)
		}
		if n := len(cb.heap.points(false)); n > 2*DefaultBuckets {
			b.Fatalf("%d points", n)
		}
	}
	b.ReportMetric(1e6, "events/op")
}

func TestRenderSize(t *testing.T) {
	c := Chart{Panels: []*Panel{panelOf(t, logs+"jdk17-serial-slowleak.log", 0), panelOf(t, logs+"jdk17-zgc-slowleak.log", 0)}}
	for _, tc := range []struct{ w, h int }{{1200, 1200}, {641, 479}} {
		t.Run(fmt.Sprintf("png-%dx%d", tc.w, tc.h), func(t *testing.T) {
			var buf bytes.Buffer
			wt, err := c.Render(ImagePNG, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wt.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("PNG is %dx%d, want %dx%d", b.Dx(), b.Dy(), tc.w, tc.h)
			}
		})
		t.Run(fmt.Sprintf("svg-%dx%d", tc.w, tc.h), func(t *testing.T) {
			var buf bytes.Buffer
			wt, err := c.Render(ImageSVG, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wt.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			w, h := svgSize(t, buf.Bytes())
			if math.Abs(w-float64(tc.w)) > 0.5 || math.Abs(h-float64(tc.h)) > 0.5 {
				t.Errorf("SVG is %gx%g px, want %dx%d", w, h, tc.w, tc.h)
			}
		})
	}
}

// A PNG's plots do not paint their white background over the white canvas:
// every pixel is the one painting it gives.
func TestRenderPNGBackground(t *testing.T) {
	c := Chart{Panels: []*Panel{panelOf(t, logs+"jdk17-serial-slowleak.log", 0), panelOf(t, logs+"jdk17-g1-slowleak.log", 0)}}
	decode := func(paint bool) image.Image {
		wt, err := c.render(ImagePNG, 800, 800, paint)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	fast, painted := decode(false), decode(true)
	b := painted.Bounds()
	if fast.Bounds() != b {
		t.Fatalf("bounds %v, want %v", fast.Bounds(), b)
	}
	white := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			got, want := color.NRGBAModel.Convert(fast.At(x, y)), color.NRGBAModel.Convert(painted.At(x, y))
			if got != want {
				t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, got, want)
			}
			if want == (color.NRGBA{255, 255, 255, 255}) {
				white++
			}
		}
	}
	if white < b.Dx()*b.Dy()/2 {
		t.Errorf("only %d of %d pixels white: no background", white, b.Dx()*b.Dy())
	}
}

// svgSize parses an SVG document and returns its root's size in CSS pixels.
func svgSize(t *testing.T, doc []byte) (w, h float64) {
	t.Helper()
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(doc, &root); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q", root.XMLName.Local)
	}
	px := func(s string) float64 {
		for unit, f := range map[string]float64{"pt": 96.0 / 72, "px": 1} {
			if v, ok := strings.CutSuffix(s, unit); ok {
				n, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("size %q", s)
				}
				return n * f
			}
		}
		t.Fatalf("size %q has no unit", s)
		return 0
	}
	return px(root.Width), px(root.Height)
}

func TestRenderErrors(t *testing.T) {
	p := panelOf(t, logs+"jdk17-serial-slowleak.log", 0)
	for _, tc := range []struct {
		chart  Chart
		format string
		w, h   int
		want   string
	}{
		{Chart{}, ImagePNG, 800, 600, "nothing to plot"},
		{Chart{Panels: []*Panel{p}}, "gif", 800, 600, `unknown image format "gif" (want png or svg)`},
		{Chart{Panels: []*Panel{p, p}}, ImagePNG, 800, 300, "image too small: 800x300 pixels (at least 300x400 for 2 JVMs)"},
	} {
		_, err := tc.chart.Render(tc.format, tc.w, tc.h)
		if err == nil || err.Error() != tc.want {
			t.Errorf("error %v, want %q", err, tc.want)
		}
	}
}

// A panel with nothing timed still draws (an empty plot saying so).
func TestRenderNoTimes(t *testing.T) {
	b := NewChartBuilder(0)
	e := gclog.NewEvent("x.log", 1)
	e.Heap = gclog.Sizes{Before: 10, After: 5, Capacity: 20}
	b.Add(e)
	sum := gclog.NewSummary([]string{"x.log"})
	sum.Add(e)
	sum.Finish(&gclog.Info{HeapMax: gclog.Unknown}, gclog.DefaultVerdictOptions)
	p := b.Panel(sum)
	if p.Axis != AxisNone || p.Untimed != 1 || len(p.HeapAfter) != 0 {
		t.Errorf("axis %s untimed %d heap %v", p.Axis, p.Untimed, p.HeapAfter)
	}
	c := Chart{Panels: []*Panel{p}}
	wt, err := c.Render(ImagePNG, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wt.WriteTo(&bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriteTextError(t *testing.T) {
	c := Chart{Panels: []*Panel{panelOf(t, logs+"jdk17-serial-slowleak.log", 0)}}
	if err := c.WriteText(failWriter{}); err == nil || err.Error() != "disk full" {
		t.Errorf("error %v", err)
	}
}

func TestNumTicks(t *testing.T) {
	label := func(lo, hi float64) string {
		var out []string
		for _, tk := range (numTicks{}).Ticks(lo, hi) {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 2700, "0 500 1000 1500 2000 2500"},
		{0, 86.4, "0 20 40 60 80"},
		{0, 0.55, "0.0 0.1 0.2 0.3 0.4 0.5"},
		{0, 11, "0 2 4 6 8 10"},
		{0, 14, "0.0 2.5 5.0 7.5 10.0 12.5"},
		{1.5, 1.5, "1.5"},
	} {
		if got := label(tc.lo, tc.hi); got != tc.want {
			t.Errorf("ticks(%g, %g) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// golden compares got with the golden file at path (see internal/golden).
func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, got)
}

// ReadAll gives events back for reuse as it goes: every log's panel and
// summary are those of a read that keeps every event fresh.
func TestReadAllRecycles(t *testing.T) {
	paths, err := filepath.Glob(logs + "*.log")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no logs: %v", err)
	}
	for _, path := range paths {
		// Twice, so that the second read reuses the first one's events.
		for range 2 {
			gotPanel, gotSum := readPanel(t, path, 16, true)
			wantPanel, wantSum := readPanel(t, path, 16, false)
			if !reflect.DeepEqual(gotPanel, wantPanel) || !reflect.DeepEqual(gotSum, wantSum) {
				t.Fatalf("%s: reading with reuse differs", path)
			}
		}
	}
}
