package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colours of a tornado's bars: Okabe–Ito blue for the lowest value tried,
// vermillion for the highest, a little translucent so that whiskers show.
var (
	lowColor     = translucent(seriesColors[0], 0.8)
	highColor    = translucent(seriesColors[1], 0.8)
	whiskerStyle = draw.LineStyle{Color: textColor, Width: vg.Points(1.1)}
)

// Geometry of a tornado's rows, in rows: each has two bars, the low one
// above the high one.
const (
	subBarOffset = 0.2  // of each bar's centre from the row's
	subBarHalf   = 0.17 // half the height of a bar
	endLabelSize = 10.5 // the largest size of the labels at bar ends
	endLabelGap  = vg.Length(4)
	keyGap       = vg.Length(8) // under the key
)

// drawTornado draws a checked tornado on c.
func drawTornado(c draw.Canvas, t Tornado) {
	region := drawTitle(c, t.Title)
	region.Max.Y -= drawKey(c, region, []keyItem{
		{swatch{fill: lowColor}, "at the lowest value tried"},
		{swatch{fill: highColor}, "at the highest value tried"},
		{lineIcon{referenceStyle}, "baseline (" + compact(t.Baseline) + ")"},
	}) + keyGap

	n := len(t.Bars)
	p := plot.New()
	p.BackgroundColor = nil
	styleAxis(&p.X, draw.XCenter, draw.YTop)
	styleAxis(&p.Y, draw.XRight, draw.YCenter)
	p.Y.LineStyle.Width = 0
	p.Y.Tick.Length = 0
	setAxisLabels(p, t.OutcomeLabel, "", region)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	yt := make([]plot.Tick, n)
	maxParam := (region.Max.X - region.Min.X) * 0.3
	for i, b := range t.Bars {
		yt[i] = plot.Tick{Value: rowY(i, n), Label: truncate(p.Y.Tick.Label, b.Param, maxParam)}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	bp := &barPlotter{t: t}
	p.X.Min, p.X.Max = bp.xRange(0)
	p.X.Tick.Marker = plot.ConstantTicks(linearTicks(p.X.Min, p.X.Max, 5))
	area := draw.Canvas{Canvas: c.Canvas, Rectangle: region}

	d := p.DataCanvas(area)
	w := d.Max.X - d.Min.X
	rowH := (d.Max.Y - d.Min.Y) / vg.Length(n)
	if size := math.Min(endLabelSize, float64(rowH)*2*subBarHalf*0.95/1.15); size >= minCellSize {
		bp.labels = textStyle(size, false, draw.XLeft, draw.YCenter)
		bp.labelMax = w * 0.25
		bp.hasLabels = true
	}
	p.X.Min, p.X.Max = bp.xRange(w)
	for pass := 0; pass < 2; pass++ {
		d = p.DataCanvas(area)
		nx := int((d.Max.X - d.Min.X) / (p.X.Tick.Label.Width("00.00") + 18))
		p.X.Tick.Marker = plot.ConstantTicks(linearTicks(p.X.Min, p.X.Max, max(nx, 2)))
		p.X.Min, p.X.Max = bp.xRange(d.Max.X - d.Min.X)
	}
	p.Add(grid{vertical: true})
	p.Add(bp)
	p.Draw(area)
}

// rowY returns the y of the i-th of n rows, counted from the top.
func rowY(i, n int) float64 { return float64(n - 1 - i) }

// barPlotter draws a tornado's bars, whiskers, end labels and baseline.
// It is a plot.Plotter.
type barPlotter struct {
	t         Tornado
	labels    text.Style
	labelMax  vg.Length // the widest an end label may be
	hasLabels bool
}

// end is one bar of a row: the outcome at one end of a parameter's range.
type end struct {
	mean, lo, hi float64
	label        string
	fill         color.Color
	dy           float64 // of the bar's centre from its row's
}

// ends returns the two bars of b.
func ends(b TornadoBar) [2]end {
	return [2]end{
		{b.Low, b.LowLo, b.LowHi, b.LowLabel, lowColor, subBarOffset},
		{b.High, b.HighLo, b.HighHi, b.HighLabel, highColor, -subBarOffset},
	}
}

// text returns the label written at e's end.
func (e end) text() string {
	if math.IsNaN(e.mean) {
		if e.label == "" {
			return "no data"
		}
		return e.label + ": no data"
	}
	return e.label
}

// anchor returns where e's label starts (the outer end of its bar or
// whisker) and whether it goes to the left of it.
func (e end) anchor(baseline float64) (float64, bool) {
	if math.IsNaN(e.mean) {
		return baseline, false
	}
	if e.mean < baseline {
		if !math.IsNaN(e.lo) {
			return math.Min(e.mean, e.lo), true
		}
		return e.mean, true
	}
	if !math.IsNaN(e.hi) {
		return math.Max(e.mean, e.hi), false
	}
	return e.mean, false
}

// xRange returns the outcome axis's range for a plotting area w wide: the
// baseline, bars and whiskers with 3% of room, widened until every end
// label fits.
func (bp *barPlotter) xRange(w vg.Length) (float64, float64) {
	lo, hi := bp.t.Baseline, bp.t.Baseline
	for _, b := range bp.t.Bars {
		for _, e := range ends(b) {
			for _, v := range []float64{e.mean, e.lo, e.hi} {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	if lo == hi {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	pad := 0.03 * (hi - lo)
	lo, hi = lo-pad, hi+pad
	if !bp.hasLabels || w <= 0 {
		return lo, hi
	}
	// Each label needs (its width + gap)/w of the range beside its anchor;
	// labels are at most a quarter of w, so this converges.
	for iter := 0; iter < 30; iter++ {
		r := hi - lo
		nlo, nhi := lo, hi
		for _, b := range bp.t.Bars {
			for _, e := range ends(b) {
				s := e.text()
				if s == "" {
					continue
				}
				room := float64((bp.labels.Width(truncate(bp.labels, s, bp.labelMax))+2*endLabelGap)/w) * r
				if a, left := e.anchor(bp.t.Baseline); left {
					nlo = math.Min(nlo, a-room)
				} else {
					nhi = math.Max(nhi, a+room)
				}
			}
		}
		if nlo == lo && nhi == hi {
			break
		}
		lo, hi = nlo, nhi
	}
	return lo, hi
}

// Plot implements plot.Plotter.
func (bp *barPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(bp.t.Bars)
	base := trX(bp.t.Baseline)
	for i, b := range bp.t.Bars {
		for _, e := range ends(b) {
			y := rowY(i, n) + e.dy
			y0, y1 := trY(y-subBarHalf), trY(y+subBarHalf)
			ym := trY(y)
			if !math.IsNaN(e.mean) {
				x := trX(e.mean)
				r := vg.Rectangle{Min: vg.Point{X: min(base, x), Y: y0}, Max: vg.Point{X: max(base, x), Y: y1}}
				c.SetColor(e.fill)
				c.Fill(r.Path())
				if !math.IsNaN(e.lo) {
					cap := (y1 - y0) * 0.3
					xl, xh := trX(e.lo), trX(e.hi)
					c.StrokeLines(whiskerStyle,
						[]vg.Point{{X: xl, Y: ym}, {X: xh, Y: ym}},
						[]vg.Point{{X: xl, Y: ym - cap}, {X: xl, Y: ym + cap}},
						[]vg.Point{{X: xh, Y: ym - cap}, {X: xh, Y: ym + cap}})
				}
			}
			if s := e.text(); bp.hasLabels && s != "" {
				s = truncate(bp.labels, s, bp.labelMax)
				a, left := e.anchor(bp.t.Baseline)
				sty := bp.labels
				x := trX(a) + endLabelGap
				if left {
					sty.XAlign = draw.XRight
					x = trX(a) - endLabelGap
				}
				c.FillText(sty, vg.Point{X: x, Y: ym}, s)
			}
		}
	}
	c.StrokeLine2(referenceStyle, base, c.Min.Y, base, c.Max.Y)
}
