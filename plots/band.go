package plots

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// bandAlpha is the opacity of a line's band: light enough that the lines
// over it, and other bands under it, stay visible.
const bandAlpha = 0.22

// bandColor returns the translucent fill of a band around a line of colour c.
func bandColor(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(math.Round(bandAlpha * 255))}
}

// band draws the band of one Line, between lo and hi: a translucent fill
// over each run of points where both are set, decimated to the output
// resolution, clipped to the data area. It is a plot.Plotter.
type band struct {
	x, lo, hi   []float64
	color       color.Color
	logY        bool
	pixPerPoint float64
}

// gap reports whether the band has no value at point i.
func (b *band) gap(i int) bool {
	lo, hi := b.lo[i], b.hi[i]
	return math.IsNaN(lo) || math.IsNaN(hi) || (b.logY && (lo <= 0 || hi <= 0))
}

// Plot implements plot.Plotter.
func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	cols := int(math.Ceil(float64(c.Max.X-c.Min.X) * b.pixPerPoint))
	trX, trY := p.Transforms(&c)
	fill := bandColor(b.color)
	for i := 0; i < len(b.x); {
		if b.gap(i) {
			i++
			continue
		}
		j := i
		for j < len(b.x) && !b.gap(j) {
			j++
		}
		xs, los, his := decimateBand(b.x[i:j], b.lo[i:j], b.hi[i:j], p.X.Min, p.X.Max, cols)
		i = j
		if len(xs) == 1 || xs[0] == xs[len(xs)-1] {
			// A band of one instant: a short bar, so that it is not lost.
			x := trX(xs[0])
			lo, hi := trY(slices.Min(los)), trY(slices.Max(his))
			w := lineWidth * 1.5
			pts := []vg.Point{{X: x - w, Y: lo}, {X: x + w, Y: lo}, {X: x + w, Y: hi}, {X: x - w, Y: hi}}
			c.FillPolygon(fill, c.ClipPolygonXY(pts))
			continue
		}
		pts := make([]vg.Point, 0, 2*len(xs))
		for k := range xs {
			pts = append(pts, vg.Point{X: trX(xs[k]), Y: trY(his[k])})
		}
		for k := len(xs) - 1; k >= 0; k-- {
			pts = append(pts, vg.Point{X: trX(xs[k]), Y: trY(los[k])})
		}
		if clipped := c.ClipPolygonXY(pts); len(clipped) > 2 {
			c.FillPolygon(fill, clipped)
		}
	}
}

// decimateBand thins a gap-free band (x non-decreasing) for drawing on an
// axis over [x0, x1] that is cols pixels wide, as decimate does a line:
// each pixel column keeps its first and last x, both with the lowest lo
// and the highest hi of the column, so the band drawn covers at least what
// the full one covers at that resolution. Points left and right of the
// axis collapse into one column each. A band of at most 4·cols points is
// returned as it is.
func decimateBand(x, lo, hi []float64, x0, x1 float64, cols int) ([]float64, []float64, []float64) {
	if cols < 1 || len(x) <= 4*cols || !(x1 > x0) {
		return x, lo, hi
	}
	scale := float64(cols) / (x1 - x0)
	column := func(v float64) int {
		c := math.Floor((v - x0) * scale)
		switch {
		case c < 0:
			return -1
		case c >= float64(cols):
			return cols
		}
		return int(c)
	}
	ox := make([]float64, 0, 2*(cols+2))
	olo := make([]float64, 0, 2*(cols+2))
	ohi := make([]float64, 0, 2*(cols+2))
	flush := func(first, last int, l, h float64) {
		ox, olo, ohi = append(ox, x[first]), append(olo, l), append(ohi, h)
		if last != first {
			ox, olo, ohi = append(ox, x[last]), append(olo, l), append(ohi, h)
		}
	}
	col, first := column(x[0]), 0
	l, h := lo[0], hi[0]
	for i := 1; i < len(x); i++ {
		if c := column(x[i]); c != col {
			flush(first, i-1, l, h)
			col, first, l, h = c, i, lo[i], hi[i]
			continue
		}
		l, h = math.Min(l, lo[i]), math.Max(h, hi[i])
	}
	flush(first, len(x)-1, l, h)
	return ox, olo, ohi
}
