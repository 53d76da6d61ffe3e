package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// svgPixelsPerPoint is the resolution assumed when decimating lines for
// SVG output: two columns per point, finer than any screen shows at 100%.
const svgPixelsPerPoint = 2

// series draws one Line: gaps at NaN (and at values ≤ 0 on a log axis),
// decimated to the output resolution, clipped to the data area. It is a
// plot.Plotter and a plot.Thumbnailer.
type series struct {
	x, y        []float64
	style       draw.LineStyle
	logY        bool
	pixPerPoint float64 // output pixels per point, for decimation
	points      bool    // rings at the points, no line
}

// pointRadius is the radius of the rings of a Points line.
const pointRadius = vg.Length(5)

// ring returns the glyph style of a Points line: a thick ring in the
// documented times' purple, since Points lines are documented figures
// beside simulated curves, and the lines' own palette has pale colours
// that a small ring would lose.
func (s *series) ring() draw.GlyphStyle {
	return draw.GlyphStyle{Color: markerColor(MarkerDocumented), Radius: pointRadius, Shape: thickRing{}}
}

// thickRing is a ring glyph drawn with a line a third of its radius wide
// (gonum's RingGlyph draws a hairline).
type thickRing struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (thickRing) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: sty.Radius / 3})
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	p.Close()
	c.Stroke(p)
}

// gap reports whether v is not drawn.
func (s *series) gap(v float64) bool { return math.IsNaN(v) || (s.logY && v <= 0) }

// Plot implements plot.Plotter.
func (s *series) Plot(c draw.Canvas, p *plot.Plot) {
	cols := int(math.Ceil(float64(c.Max.X-c.Min.X) * s.pixPerPoint))
	trX, trY := p.Transforms(&c)
	if s.points {
		for i := range s.y {
			if pt := (vg.Point{X: trX(s.x[i]), Y: trY(s.y[i])}); !s.gap(s.y[i]) && c.Contains(pt) {
				c.DrawGlyph(s.ring(), pt)
			}
		}
		return
	}
	var pts []vg.Point
	for i := 0; i < len(s.y); {
		if s.gap(s.y[i]) {
			i++
			continue
		}
		j := i
		for j < len(s.y) && !s.gap(s.y[j]) {
			j++
		}
		xs, ys := decimate(s.x[i:j], s.y[i:j], p.X.Min, p.X.Max, cols)
		i = j
		pts = pts[:0]
		for k := range xs {
			pts = append(pts, vg.Point{X: trX(xs[k]), Y: trY(ys[k])})
		}
		if len(pts) == 1 {
			// An isolated point: a dot, so that it is not lost.
			if c.Contains(pts[0]) {
				c.DrawGlyph(draw.GlyphStyle{Color: s.style.Color, Radius: s.style.Width, Shape: draw.CircleGlyph{}}, pts[0])
			}
			continue
		}
		if lines := c.ClipLinesXY(pts); len(lines) > 0 {
			c.StrokeLines(s.style, lines...)
		}
	}
}

// Thumbnail implements plot.Thumbnailer: a short line in the series'
// style, or a ring for a Points line.
func (s *series) Thumbnail(c *draw.Canvas) {
	if s.points {
		c.DrawGlyph(s.ring(), c.Center())
		return
	}
	y := c.Center().Y
	c.StrokeLine2(s.style, c.Min.X, y, c.Max.X, y)
}

// reference draws a panel's horizontal reference line. It is a
// plot.Plotter and a plot.Thumbnailer.
type reference struct {
	value float64
}

// Plot implements plot.Plotter.
func (r reference) Plot(c draw.Canvas, p *plot.Plot) {
	y := c.Y(p.Y.Norm(r.value))
	if c.ContainsY(y) {
		c.StrokeLine2(referenceStyle, c.Min.X, y, c.Max.X, y)
	}
}

// Thumbnail implements plot.Thumbnailer.
func (r reference) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(referenceStyle, c.Min.X, y, c.Max.X, y)
}

// grid draws light grid lines at the labelled ticks of both axes. It is a
// plot.Plotter.
type grid struct {
	xTicks []plot.Tick
}

// Plot implements plot.Plotter.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	for _, t := range g.xTicks {
		if x := c.X(p.X.Norm(t.Value)); !t.IsMinor() && c.ContainsX(x) {
			c.StrokeLine2(gridStyle, x, c.Min.Y, x, c.Max.Y)
		}
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if y := c.Y(p.Y.Norm(t.Value)); !t.IsMinor() && c.ContainsY(y) {
			c.StrokeLine2(gridStyle, c.Min.X, y, c.Max.X, y)
		}
	}
}
