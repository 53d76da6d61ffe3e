package charts

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// keyItem is one entry of a key drawn in rows: an icon and its text.
type keyItem struct {
	icon plot.Thumbnailer
	text string
}

// Sizes of a key, in points.
const (
	keyIconW   = vg.Length(22)
	keyIconGap = vg.Length(5)  // between an icon and its text
	keyItemGap = vg.Length(18) // between items
	keyRowGap  = vg.Length(3)
)

// drawKey draws items centred in rows at the top of r, wrapping them to
// its width, and returns the height taken.
func drawKey(c draw.Canvas, r vg.Rectangle, items []keyItem) vg.Length {
	sty := textStyle(legendSize, false, draw.XLeft, draw.YCenter)
	rowH := sty.FontExtents().Height + keyRowGap
	maxW := r.Max.X - r.Min.X
	widths := make([]vg.Length, len(items))
	for i, it := range items {
		it.text = truncate(sty, it.text, maxW-keyIconW-keyIconGap)
		items[i] = it
		widths[i] = keyIconW + keyIconGap + sty.Width(it.text)
	}
	var h vg.Length
	for i := 0; i < len(items); {
		// As many items as fit on this row (at least one).
		j, w := i+1, widths[i]
		for j < len(items) && w+keyItemGap+widths[j] <= maxW {
			w += keyItemGap + widths[j]
			j++
		}
		x := (r.Min.X+r.Max.X)/2 - w/2
		y := r.Max.Y - h - rowH/2
		for k := i; k < j; k++ {
			icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - rowH/2 + keyRowGap/2},
				Max: vg.Point{X: x + keyIconW, Y: y + rowH/2 - keyRowGap/2},
			}}
			items[k].icon.Thumbnail(&icon)
			c.FillText(sty, vg.Point{X: x + keyIconW + keyIconGap, Y: y}, items[k].text)
			x += widths[k] + keyItemGap
		}
		h += rowH
		i = j
	}
	return h
}

// lineIcon is a key icon of a short line.
type lineIcon struct{ style draw.LineStyle }

// Thumbnail implements plot.Thumbnailer.
func (l lineIcon) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}
