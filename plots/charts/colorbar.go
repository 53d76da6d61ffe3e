package charts

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the colour bar, in points.
const (
	barGap       = vg.Length(16) // between the cells and the bar
	barWidth     = vg.Length(16)
	barTick      = vg.Length(4)
	barTextGap   = vg.Length(3)  // between ticks and their labels
	barZGap      = vg.Length(8)  // between tick labels and the z label
	barStrips    = 128           // colours of the bar
	noDataKeyH   = vg.Length(12) // of the no-data key's swatch
	noDataKeyGap = vg.Length(9)  // between the bar and the no-data key
)

// colorBar is the scale of a heatmap's colours: a bar as tall as the
// cells with ticks, the outcome's label beside it and, if some cells have
// no data, a key of their hatching under it, level with the column labels.
type colorBar struct {
	h        heatmap
	ticks    []plot.Tick
	tickSty  text.Style
	labelSty text.Style
	label    string
	noData   string
}

// newColorBar returns the colour bar of h for a region of height regionH.
func newColorBar(h heatmap, regionH vg.Length) colorBar {
	b := colorBar{
		h:        h,
		tickSty:  textStyle(tickLabelSize, false, draw.XLeft, draw.YCenter),
		labelSty: upright(textStyle(axisLabelSize, false, draw.XCenter, draw.YCenter)),
	}
	n := int(regionH * 0.8 / (b.tickSty.Height("0") * 2.5))
	b.ticks = linearTicks(h.zlo, h.zhi, min(max(n, 2), 6))
	b.label = h.ZLabel // cut to the bar's length when drawn
	if h.hasNaN {
		b.noData = "no data"
	}
	return b
}

// width returns the width the bar takes at the right of a heatmap.
func (b colorBar) width() vg.Length {
	var tickW vg.Length
	for _, t := range b.ticks {
		tickW = max(tickW, b.tickSty.Width(t.Label))
	}
	w := barWidth + barTick + barTextGap + tickW
	if b.label != "" {
		w += barZGap + b.labelSty.Height(b.label)
	}
	if b.noData != "" {
		w = max(w, barWidth+barTextGap*2+b.tickSty.Width(b.noData))
	}
	return barGap + w
}

// draw draws the bar at the right of x, beside the cells' area d.
func (b colorBar) draw(c draw.Canvas, x vg.Length, d vg.Rectangle) {
	x0 := x + barGap
	y0, y1 := d.Min.Y, d.Max.Y
	if b.noData != "" {
		// Under the bar, beside the column labels (which turn leftwards).
		top := y0 - noDataKeyGap
		key := vg.Rectangle{Min: vg.Point{X: x0, Y: top - noDataKeyH}, Max: vg.Point{X: x0 + barWidth, Y: top}}
		hatch(c, key)
		c.FillText(b.tickSty, vg.Point{X: key.Max.X + barTextGap*2, Y: (key.Min.Y + key.Max.Y) / 2}, b.noData)
	}
	if y1-y0 < 10 {
		return
	}
	// Strips overlap a little, so that no seam shows between them.
	dy := (y1 - y0) / barStrips
	for i := 0; i < barStrips; i++ {
		r := vg.Rectangle{
			Min: vg.Point{X: x0, Y: y0 + vg.Length(i)*dy},
			Max: vg.Point{X: x0 + barWidth, Y: min(y0+vg.Length(i+1)*dy+0.5, y1)},
		}
		c.SetColor(viridis((float64(i) + 0.5) / barStrips))
		c.Fill(r.Path())
	}
	frame := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + barWidth, Y: y1}}
	axis := draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
	c.SetLineStyle(axis)
	c.Stroke(frame.Path())

	var tickW vg.Length
	for _, t := range b.ticks {
		y := y0 + (y1-y0)*vg.Length((t.Value-b.h.zlo)/(b.h.zhi-b.h.zlo))
		c.StrokeLine2(axis, x0+barWidth, y, x0+barWidth+barTick, y)
		c.FillText(b.tickSty, vg.Point{X: x0 + barWidth + barTick + barTextGap, Y: y}, t.Label)
		tickW = max(tickW, b.tickSty.Width(t.Label))
	}
	if b.label != "" {
		lx := x0 + barWidth + barTick + barTextGap + tickW + barZGap + b.labelSty.Height(b.label)/2
		c.FillText(b.labelSty, vg.Point{X: lx, Y: (y0 + y1) / 2}, truncate(b.labelSty, b.label, y1-y0))
	}
}
