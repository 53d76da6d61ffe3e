package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// newLegend returns an empty legend in the house style: text of legendSize
// points, icons on the left, rows from the top.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle = textStyle(legendSize, false, draw.XLeft, draw.YBottom)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(26)
	l.Padding = vg.Points(legendSize * 0.3)
	return l
}

// legendExtent returns the width and height of l.
func legendExtent(l plot.Legend) vg.Point { return l.Rectangle(draw.Canvas{}).Size() }

// intervalSwatch returns the legend icon of the bands of a band chart:
// grey, or the band's own colour if there is only one series.
func intervalSwatch(b BandChart) swatch {
	if len(b.Series) == 1 {
		return swatch{fill: translucent(seriesColors[0], bandAlpha)}
	}
	return swatch{fill: translucent(rgb(0x44, 0x44, 0x44), bandAlpha)}
}

// bandLegend returns the legend of a band chart, its labels cut to maxW,
// and whether it has any labelled series and any bands. Its rows are the
// labelled series, then one naming the bands if any series has one.
func bandLegend(b BandChart, maxW vg.Length) (l plot.Legend, labelled, bands bool) {
	l = newLegend()
	textW := maxW - l.ThumbnailWidth - l.TextStyle.Width(" ")
	for i, s := range b.Series {
		hasBand := false
		for _, v := range s.Lo {
			hasBand = hasBand || !math.IsNaN(v)
		}
		bands = bands || hasBand
		if s.Label != "" {
			l.Add(truncate(l.TextStyle, s.Label, textW), seriesThumb{i: i, band: hasBand})
			labelled = true
		}
	}
	if bands {
		l.Add(truncate(l.TextStyle, b.IntervalLabel, textW), intervalSwatch(b))
	}
	return l, labelled, bands
}

// seriesThumb is the legend icon of the i-th series of a band chart: its
// line and point, over its band's colour if it has one.
type seriesThumb struct {
	i    int
	band bool
}

// Thumbnail implements plot.Thumbnailer.
func (t seriesThumb) Thumbnail(c *draw.Canvas) {
	mid := c.Center()
	if t.band {
		h := vg.Points(5)
		r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: mid.Y - h}, Max: vg.Point{X: c.Max.X, Y: mid.Y + h}}
		c.SetColor(translucent(seriesColors[t.i%len(seriesColors)], bandAlpha))
		c.Fill(r.Path())
	}
	c.StrokeLine2(lineStyle(t.i), c.Min.X, mid.Y, c.Max.X, mid.Y)
	c.DrawGlyph(glyphStyle(t.i), mid)
}

// swatch is a legend icon of one colour, outlined if line is set.
type swatch struct {
	fill color.Color
	line *draw.LineStyle
}

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	mid := c.Center()
	h := vg.Points(5)
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X + 3, Y: mid.Y - h}, Max: vg.Point{X: c.Max.X - 3, Y: mid.Y + h}}
	c.SetColor(s.fill)
	c.Fill(r.Path())
	if s.line != nil {
		c.SetLineStyle(*s.line)
		c.Stroke(r.Path())
	}
}
