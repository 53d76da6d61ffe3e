package charts

import (
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxValueTicks is the most swept values that get a tick each.
const maxValueTicks = 12

// drawBand draws a checked band chart on c.
func drawBand(c draw.Canvas, b BandChart) {
	region := drawTitle(c, b.Title)

	p := plot.New()
	p.BackgroundColor = nil
	styleAxis(&p.X, draw.XCenter, draw.YTop)
	styleAxis(&p.Y, draw.XRight, draw.YCenter)
	p.X.Min, p.X.Max = bandXRange(b)
	if b.LogX {
		p.X.Scale = plot.LogScale{}
	}
	p.Y.Min, p.Y.Max = bandYRange(b)

	// The legend, in a column to the right of the plotting area; without
	// labelled series, the name of the bands goes in a key above it.
	lg, hasLegend, bands := bandLegend(b, (region.Max.X-region.Min.X)*0.3)
	if hasLegend {
		region.Max.X -= legendExtent(lg).X + legendGap
	} else if bands {
		region.Max.Y -= drawKey(c, region, []keyItem{{intervalSwatch(b), b.IntervalLabel}}) + keyGap
	}
	setAxisLabels(p, b.XLabel, b.YLabel, region)
	area := draw.Canvas{Canvas: c.Canvas, Rectangle: region}

	// Ticks: as many as fit the plotting area, which depends a little on
	// the ticks; two passes settle it.
	xs := sweptValues(b)
	p.X.Tick.Marker = plot.ConstantTicks(nil)
	p.Y.Tick.Marker = plot.ConstantTicks(linearTicks(p.Y.Min, p.Y.Max, 5))
	for pass := 0; pass < 2; pass++ {
		d := p.DataCanvas(area)
		w, h := d.Max.X-d.Min.X, d.Max.Y-d.Min.Y
		ny := int(h / (p.Y.Tick.Label.Height("0") * 2.2))
		p.Y.Tick.Marker = plot.ConstantTicks(linearTicks(p.Y.Min, p.Y.Max, min(max(ny, 2), 8)))
		p.X.Tick.Marker = plot.ConstantTicks(xTicks(p, xs, w, b.LogX))
	}

	p.Add(grid{})
	for i, s := range b.Series {
		p.Add(&bandFill{s: s, i: i})
	}
	for i, s := range b.Series {
		p.Add(&meanLine{s: s, i: i})
	}
	p.Draw(area)

	if hasLegend {
		d := p.DataCanvas(area)
		lg.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: region.Max.X + legendGap, Y: d.Min.Y},
			Max: vg.Point{X: c.Max.X - margin, Y: d.Max.Y},
		}})
	}
}

// xTicks returns the ticks of the parameter axis, w points wide: one at
// each swept value when there are few and their labels fit, else evenly
// spaced ones (powers of ten on a log axis).
func xTicks(p *plot.Plot, values []float64, w vg.Length, log bool) []plot.Tick {
	sty := p.X.Tick.Label
	if len(values) <= maxValueTicks {
		ticks := make([]plot.Tick, len(values))
		fits := true
		for i, v := range values {
			ticks[i] = plot.Tick{Value: v, Label: tickLabel(v)}
			if i > 0 {
				// Neighbouring labels must not come closer than a space.
				gap := w * vg.Length((p.X.Norm(v) - p.X.Norm(values[i-1])))
				fits = fits && gap > (sty.Width(ticks[i].Label)+sty.Width(ticks[i-1].Label))/2+sty.Width("  ")
			}
		}
		if fits {
			return ticks
		}
	}
	n := int(w / (sty.Width("0000.0") + 18))
	if log {
		return logTicks(p.X.Min, p.X.Max, max(n, 2))
	}
	return linearTicks(p.X.Min, p.X.Max, max(n, 2))
}

// sweptValues returns the X values of all series, sorted, without repeats.
func sweptValues(b BandChart) []float64 {
	seen := map[float64]bool{}
	var vs []float64
	for _, s := range b.Series {
		for _, x := range s.X {
			if !seen[x] {
				seen[x] = true
				vs = append(vs, x)
			}
		}
	}
	sort.Float64s(vs)
	return vs
}

// bandXRange returns the range of the parameter axis: that of the swept
// values, with 4% of room at each end (in log space on a log axis).
func bandXRange(b BandChart) (float64, float64) {
	vs := sweptValues(b)
	lo, hi := vs[0], vs[len(vs)-1]
	if b.LogX {
		l, h := math.Log10(lo), math.Log10(hi)
		pad := 0.04 * (h - l)
		if h == l {
			pad = 0.5
		}
		plo, phi := math.Pow(10, l-pad), math.Pow(10, h+pad)
		// Near the ends of float64 the room may be lost, never the range.
		if !(plo > 0) {
			plo = lo
		}
		if math.IsInf(phi, 0) {
			phi = hi
		}
		if !(phi > plo) {
			plo, phi = lo/10, lo*10
			if !(plo > 0) {
				plo, phi = lo, lo*100
			}
		}
		return plo, phi
	}
	pad := 0.04 * (hi - lo)
	if hi == lo {
		pad = math.Max(1, math.Abs(lo)*0.5)
	}
	return lo - pad, hi + pad
}

// bandYRange returns the range of the outcome axis: YMin and YMax if set,
// else that of the means and intervals, from 0 when all have one sign,
// with 5% headroom.
func bandYRange(b BandChart) (float64, float64) {
	if b.YMin != 0 || b.YMax != 0 {
		return b.YMin, b.YMax
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range b.Series {
		for i, m := range s.Mean {
			for _, v := range []float64{m, s.Lo[i], s.Hi[i]} {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	return autoRange(lo, hi)
}

// grid draws light grid lines at the labelled ticks of both axes, or of
// the x axis only if vertical is set. It is a plot.Plotter.
type grid struct{ vertical bool }

// Plot implements plot.Plotter.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if x := c.X(p.X.Norm(t.Value)); !t.IsMinor() && c.ContainsX(x) {
			c.StrokeLine2(gridStyle, x, c.Min.Y, x, c.Max.Y)
		}
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if y := c.Y(p.Y.Norm(t.Value)); !g.vertical && !t.IsMinor() && c.ContainsY(y) {
			c.StrokeLine2(gridStyle, c.Min.X, y, c.Max.X, y)
		}
	}
}

// bandFill draws the interval band of the i-th series: a translucent fill
// over each run of points with intervals, an error bar for a lone one. It
// is a plot.Plotter.
type bandFill struct {
	s BandSeries
	i int
}

// capWidth is the half-width of the caps of an error bar.
const capWidth = vg.Length(4)

// Plot implements plot.Plotter.
func (b *bandFill) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	col := seriesColors[b.i%len(seriesColors)]
	fill := translucent(col, bandAlpha)
	s := b.s
	has := func(k int) bool { return !math.IsNaN(s.Lo[k]) }
	for i := 0; i < len(s.X); {
		if !has(i) {
			i++
			continue
		}
		j := i
		for j < len(s.X) && has(j) {
			j++
		}
		if j-i == 1 {
			x, lo, hi := trX(s.X[i]), trY(s.Lo[i]), trY(s.Hi[i])
			bar := draw.LineStyle{Color: translucent(col, 0.7), Width: vg.Points(1.2)}
			lines := [][]vg.Point{
				{{X: x, Y: lo}, {X: x, Y: hi}},
				{{X: x - capWidth, Y: lo}, {X: x + capWidth, Y: lo}},
				{{X: x - capWidth, Y: hi}, {X: x + capWidth, Y: hi}},
			}
			if clipped := c.ClipLinesXY(lines...); len(clipped) > 0 {
				c.StrokeLines(bar, clipped...)
			}
		} else {
			pts := make([]vg.Point, 0, 2*(j-i))
			for k := i; k < j; k++ {
				pts = append(pts, vg.Point{X: trX(s.X[k]), Y: trY(s.Hi[k])})
			}
			for k := j - 1; k >= i; k-- {
				pts = append(pts, vg.Point{X: trX(s.X[k]), Y: trY(s.Lo[k])})
			}
			if clipped := c.ClipPolygonXY(pts); len(clipped) > 2 {
				c.FillPolygon(fill, clipped)
			}
		}
		i = j
	}
}

// meanLine draws the means of the i-th series: a line through each run of
// them, a point at each. It is a plot.Plotter.
type meanLine struct {
	s BandSeries
	i int
}

// Plot implements plot.Plotter.
func (m *meanLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	s := m.s
	var run []vg.Point
	flush := func() {
		if len(run) > 1 {
			if lines := c.ClipLinesXY(run); len(lines) > 0 {
				c.StrokeLines(lineStyle(m.i), lines...)
			}
		}
		run = run[:0]
	}
	for k, v := range s.Mean {
		if math.IsNaN(v) {
			flush()
			continue
		}
		run = append(run, vg.Point{X: trX(s.X[k]), Y: trY(v)})
	}
	flush()
	g := glyphStyle(m.i)
	for k, v := range s.Mean {
		if pt := (vg.Point{X: trX(s.X[k]), Y: trY(v)}); !math.IsNaN(v) && c.Contains(pt) {
			c.DrawGlyph(g, pt)
		}
	}
}
