package report

import (
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Image formats of Render.
const (
	ImagePNG = "png"
	ImageSVG = "svg"
)

// Smallest image Render draws: below this the axes and labels do not fit.
const (
	MinImageWidth       = 300
	MinImagePanelHeight = 200 // per JVM
)

// pixel is the length of one pixel: images are drawn at 96 dots per inch, so
// a PNG of width pixels and an SVG of width CSS pixels show the same picture.
const (
	dpi   = 96
	pixel = vg.Inch / dpi
)

var (
	colHeap     = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	colCapacity = color.RGBA{R: 150, G: 150, B: 150, A: 255}
	colFull     = color.RGBA{R: 255, G: 127, B: 14, A: 255}
	colVerdict  = color.RGBA{R: 200, G: 20, B: 20, A: 255}
	colPause    = color.RGBA{R: 110, G: 60, B: 160, A: 255}
	colGrid     = color.RGBA{R: 225, G: 225, B: 225, A: 255}
)

// Render draws the chart as a PNG or SVG image of width x height pixels:
// for each JVM, top to bottom, a heap panel (heap after GC, capacity, full
// collections, the verdict's points and trend) over a pause panel, on the
// same time axis. The image is drawn here; writing it is the returned
// WriterTo's job, and its errors are the writer's.
func (c *Chart) Render(format string, width, height int) (wt io.WriterTo, err error) {
	// A PNG canvas starts white, so its plots need not paint their
	// background again (a third of the drawing: every pixel blended twice).
	return c.render(format, width, height, format != ImagePNG)
}

// render is Render, painting each plot's background or not.
func (c *Chart) render(format string, width, height int, paintBackground bool) (wt io.WriterTo, err error) {
	if len(c.Panels) == 0 {
		return nil, fmt.Errorf("nothing to plot")
	}
	if width < MinImageWidth || height < MinImagePanelHeight*len(c.Panels) {
		return nil, fmt.Errorf("image too small: %dx%d pixels (at least %dx%d for %d JVMs)",
			width, height, MinImageWidth, MinImagePanelHeight*len(c.Panels), len(c.Panels))
	}
	defer func() {
		// gonum/plot panics on some bad input; no panic leaves this package.
		if r := recover(); r != nil {
			wt, err = nil, fmt.Errorf("drawing the chart: %v", r)
		}
	}()
	w, h := vg.Length(width)*pixel, vg.Length(height)*pixel
	var canvas vg.CanvasSizer
	switch format {
	case ImagePNG:
		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
		canvas, wt = img, fastPNG{img}
	case ImageSVG:
		svg := vgsvg.New(w, h)
		canvas, wt = svg, svg
	default:
		return nil, fmt.Errorf("unknown image format %q (want png or svg)", format)
	}
	dc := draw.New(canvas)

	// Build every plot first, then align their data areas so that the
	// panels' time axes line up.
	type area struct {
		p  *plot.Plot
		dc draw.Canvas
	}
	var areas []area
	block := h / vg.Length(len(c.Panels))
	for i, p := range c.Panels {
		top := h - vg.Length(i)*block
		split := top - block*0.7
		heap, pause, err := p.plots(w)
		if err != nil {
			return nil, err
		}
		if !paintBackground {
			heap.BackgroundColor, pause.BackgroundColor = nil, nil
		}
		areas = append(areas,
			area{heap, sub(dc, split, top)},
			area{pause, sub(dc, top-block, split)})
	}
	var left, right vg.Length
	for _, a := range areas {
		da := a.p.DataCanvas(a.dc)
		left = max(left, da.Min.X-a.dc.Min.X)
		right = max(right, a.dc.Max.X-da.Max.X)
	}
	for _, a := range areas {
		da := a.p.DataCanvas(a.dc)
		a.dc.Min.X += left - (da.Min.X - a.dc.Min.X)
		a.dc.Max.X -= right - (a.dc.Max.X - da.Max.X)
		a.p.Draw(a.dc)
	}
	return wt, nil
}

// fastPNG writes its image as a PNG compressed for speed: half the time of
// the default compression (which tries five filters on every row) for a
// file 8% larger. A daily report encodes a chart per host.
type fastPNG struct{ c *vgimg.Canvas }

func (p fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(cw, p.c.Image())
	return cw.n, err
}

// countWriter counts the bytes written through it, for WriteTo.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// sub is the horizontal band of dc between y0 and y1.
func sub(dc draw.Canvas, y0, y1 vg.Length) draw.Canvas {
	c := dc
	c.Min.Y, c.Max.Y = y0, y1
	return c
}

// plots builds the heap and pause plots of one panel.
func (p *Panel) plots(width vg.Length) (heap, pause *plot.Plot, err error) {
	xmin, xmax := p.xRange()
	xs := p.xScale(xmin, xmax)

	heap = plot.New()
	heap.Title.Text = p.titleText(heap, width)
	heap.Title.TextStyle.Font.Size = 11
	heap.X.Min, heap.X.Max = xs.f(xmin), xs.f(xmax)
	heap.X.Tick.Marker = xs.ticker
	heap.Add(gridLines())
	ymax := maxY(p.HeapAfter, p.Capacity, p.FullGC, p.Verdict)
	if len(p.Trend) > 0 {
		ymax = math.Max(ymax, p.Limit)
	}
	yunit, ydiv := byteUnit(ymax)
	heap.Y.Label.Text = "heap (" + yunit + ")"
	heap.Y.Tick.Marker = numTicks{}
	// Room above the data for the legend, top left.
	heap.Y.Min, heap.Y.Max = 0, math.Max(ymax/ydiv*1.35, 1)
	heap.Legend.Top, heap.Legend.Left = true, true
	heap.Legend.TextStyle.Font.Size = 9
	heap.Legend.XOffs, heap.Legend.YOffs = 6, -4
	heap.Legend.Padding = 1

	scale := func(pts []XY) plotter.XYs {
		out := make(plotter.XYs, len(pts))
		for i, q := range pts {
			out[i].X, out[i].Y = xs.f(q.X), q.Y/ydiv
		}
		return out
	}
	if len(p.Capacity) > 0 {
		l, err := addLine(heap, scale(p.Capacity), func(l *plotter.Line) {
			l.StepStyle = plotter.PostStep
			l.Color, l.Width = colCapacity, 1.2
		})
		if err != nil {
			return nil, nil, err
		}
		heap.Legend.Add("heap capacity", l)
	}
	if len(p.HeapAfter) > 0 {
		l, err := addLine(heap, scale(p.HeapAfter), func(l *plotter.Line) { l.Color, l.Width = colHeap, 1 })
		if err != nil {
			return nil, nil, err
		}
		heap.Legend.Add("heap after GC", l)
	}
	if len(p.Trend) > 0 {
		l, err := plotter.NewLine(scale([]XY{{xmin, p.Limit}, {xmax, p.Limit}}))
		if err != nil {
			return nil, nil, err
		}
		l.Color, l.Width, l.Dashes = colCapacity, 1, []vg.Length{2, 2}
		heap.Add(l)
		heap.Legend.Add("heap limit", l)
	}
	if len(p.FullGC) > 0 {
		s, err := plotter.NewScatter(scale(p.FullGC))
		if err != nil {
			return nil, nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colFull, Radius: 2.5, Shape: draw.RingGlyph{}}
		heap.Add(s)
		heap.Legend.Add("full GC", s)
	}
	if len(p.Verdict) > 0 {
		s, err := plotter.NewScatter(scale(p.Verdict))
		if err != nil {
			return nil, nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colVerdict, Radius: 2.5, Shape: draw.CircleGlyph{}}
		heap.Add(s)
		heap.Legend.Add("live-set points judged", s)
	}
	if len(p.Trend) > 0 {
		l, err := plotter.NewLine(scale(p.Trend))
		if err != nil {
			return nil, nil, err
		}
		l.Color, l.Width, l.Dashes = colVerdict, 1.5, []vg.Length{6, 3}
		heap.Add(l)
		heap.Legend.Add(p.trendLabel(), l)
	}

	pause = plot.New()
	pause.X.Min, pause.X.Max = heap.X.Min, heap.X.Max
	pause.X.Tick.Marker = xs.ticker
	pause.X.Label.Text = xs.label
	pause.Add(gridLines())
	pmax := maxY(p.Pauses)
	punit, pdiv := "ms", 1e-3
	if pmax >= 2 {
		punit, pdiv = "s", 1
	}
	pause.Y.Label.Text = "pause (" + punit + ")"
	pause.Y.Tick.Marker = numTicks{}
	pause.Y.Min, pause.Y.Max = 0, math.Max(pmax/pdiv*1.1, 1)
	if len(p.Pauses) > 0 {
		pts := make(plotter.XYs, len(p.Pauses))
		for i, q := range p.Pauses {
			pts[i].X, pts[i].Y = xs.f(q.X), q.Y/pdiv
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colPause, Radius: 1.5, Shape: draw.CircleGlyph{}}
		pause.Add(s)
	}
	return heap, pause, nil
}

// linePiece is how many points addLine strokes at a time.
const linePiece = 16

// addLine adds a line through pts to p, styled by style, as pieces of
// linePiece points, each starting where the one before ended, and returns
// the first piece for the legend. The rasterizer keeps a list of cells per
// pixel row and searches it for every cell it adds: one path zigzagging
// over the same rows 800 times (a heap after GC in a sawtooth) made half of
// a daily report's drawing; pieces keep the lists short. Pieces meet
// without a join, invisible at these widths.
func addLine(p *plot.Plot, pts plotter.XYs, style func(*plotter.Line)) (first *plotter.Line, err error) {
	for start := 0; start == 0 || start < len(pts)-1; start += linePiece - 1 {
		l, err := plotter.NewLine(pts[start:min(start+linePiece, len(pts))])
		if err != nil {
			return nil, err
		}
		style(l)
		p.Add(l)
		if first == nil {
			first = l
		}
	}
	return first, nil
}

func gridLines() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = colGrid, colGrid
	return g
}

// titleText is the JVM's name and verdict, and the verdict's reason cut to
// fit the width.
func (p *Panel) titleText(pl *plot.Plot, width vg.Length) string {
	line1 := p.Title + " — " + strings.ToUpper(string(p.State))
	line2 := p.Reason
	if p.Untimed > 0 {
		line2 += fmt.Sprintf(" (%d events without a time stamp not drawn)", p.Untimed)
	}
	sty := pl.Title.TextStyle
	sty.Font.Size = 11
	fit := func(s string) string {
		r := []rune(s)
		for len(r) > 1 && sty.Width(string(r)) > width-12 {
			r = r[:len(r)-1]
			s = strings.TrimSpace(string(r)) + "…"
		}
		return s
	}
	return fit(line1) + "\n" + fit(line2)
}

func (p *Panel) trendLabel() string {
	if p.Exhaustion == 0 {
		return "trend"
	}
	if p.Axis == AxisWall {
		return "trend: full " + unixTime(p.Exhaustion, p.Loc).Format("2006-01-02 15:04:05 MST")
	}
	return "trend: full at uptime " + fmtUptimeHuman(p.Exhaustion)
}

// xRange is the span of every series, the trend included.
func (p *Panel) xRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range [][]XY{p.HeapAfter, p.Capacity, p.FullGC, p.Verdict, p.Pauses, p.Trend} {
		for _, q := range s {
			lo, hi = math.Min(lo, q.X), math.Max(hi, q.X)
		}
	}
	if math.IsInf(lo, 0) {
		return 0, 1
	}
	if hi-lo < 1e-3 {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi
}

func maxY(series ...[]XY) float64 {
	m := 0.0
	for _, s := range series {
		for _, q := range s {
			m = math.Max(m, q.Y)
		}
	}
	return m
}

// byteUnit chooses the unit of a byte axis whose largest value is m.
func byteUnit(m float64) (string, float64) {
	switch {
	case m >= 8<<30:
		return "GiB", 1 << 30
	case m >= 8<<20:
		return "MiB", 1 << 20
	}
	return "KiB", 1 << 10
}

// xScale maps the panel's x values onto the plotted axis: wall-clock time
// with time ticks in the log's time zone, or uptime in a unit that suits
// the span.
type xScale struct {
	f      func(float64) float64
	ticker plot.Ticker
	label  string
}

func (p *Panel) xScale(lo, hi float64) xScale {
	if p.Axis == AxisWall {
		return xScale{f: func(x float64) float64 { return x }, ticker: timeTicks{loc: p.Loc},
			label: "time (" + unixTime(lo, p.Loc).Format("MST") + ")"}
	}
	span := hi - lo
	unit, div := "s", 1.0
	switch {
	case span >= 5*86400:
		unit, div = "days", 86400
	case span >= 5*3600:
		unit, div = "hours", 3600
	case span >= 5*60:
		unit, div = "minutes", 60
	}
	label := "uptime (" + unit + ")"
	if p.Axis == AxisNone {
		label = "no time stamps"
	}
	return xScale{f: func(x float64) float64 { return x / div }, ticker: numTicks{}, label: label}
}

func fmtUptimeHuman(sec float64) string {
	return (time.Duration(sec) * time.Second).Round(time.Second).String()
}

// timeTicks puts ticks on round times (every 10 seconds, 15 minutes, 6
// hours, day ...) of the log's time zone.
type timeTicks struct{ loc *time.Location }

var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
	91 * 24 * time.Hour, 365 * 24 * time.Hour,
}

func (t timeTicks) Ticks(lo, hi float64) []plot.Tick {
	span := time.Duration((hi - lo) * 1e9)
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s <= 7 {
			step = s
			break
		}
	}
	start, end := unixTime(lo, t.loc), unixTime(hi, t.loc)
	var first time.Time
	if step < 24*time.Hour {
		// Round down in the zone's own clock, so that 6-hour ticks fall on
		// 00:00, 06:00 ... local time.
		_, off := start.Zone()
		shift := time.Duration(off) * time.Second
		first = start.Add(shift).Truncate(step).Add(-shift)
	} else {
		y, m, d := start.Date()
		first = time.Date(y, m, d, 0, 0, 0, 0, t.loc)
	}
	layout := "15:04"
	switch {
	case step < time.Minute:
		layout = "15:04:05"
	case step >= 24*time.Hour:
		layout = "2006-01-02"
	case end.YearDay() != start.YearDay() || end.Year() != start.Year():
		layout = "01-02 15:04"
	}
	var ticks []plot.Tick
	for tk := first; !tk.After(end); {
		if !tk.Before(start) {
			ticks = append(ticks, plot.Tick{Value: float64(tk.UnixNano()) / 1e9, Label: tk.Format(layout)})
		}
		if step >= 24*time.Hour {
			tk = tk.AddDate(0, 0, int(step/(24*time.Hour)))
		} else {
			tk = tk.Add(step)
		}
	}
	return ticks
}

// numTicks puts about five ticks on round numbers (1, 2, 2.5 or 5 times a
// power of ten), labelled with no more decimals than the step needs.
type numTicks struct{}

func (numTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/5)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if span/(m*mag) <= 6 {
			step = m * mag
			break
		}
	}
	dec := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	if math.Abs(step/math.Pow(10, math.Floor(math.Log10(step)+1e-9))-2.5) < 1e-9 {
		dec++
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		v := i*step + 0 // no -0
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
		if mid := v + step/2; mid <= hi {
			ticks = append(ticks, plot.Tick{Value: mid}) // minor
		}
	}
	return ticks
}
