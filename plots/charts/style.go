package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The house style of package plots (plots/style.go, plots/palette.go),
// whose helpers are unexported; keep the two in step.

// Text sizes, in points: nothing smaller than 10 pt but the cell values of
// a dense heatmap.
const (
	titleSize     = 16
	axisLabelSize = 12
	tickLabelSize = 11
	legendSize    = 11
	minCellSize   = 7 // least size of a heatmap cell's value
	maxCellSize   = 11
)

// weightBold is golang.org/x/image/font.WeightBold.
const weightBold = 3

// sans returns the sans-serif face used for all text, at size points.
func sans(size float64, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
	if bold {
		f.Weight = weightBold
	}
	return f
}

// textStyle returns a text style in the house face and colour.
func textStyle(size float64, bold bool, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{Color: textColor, Font: sans(size, bold), XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// upright returns sty turned to read upwards.
func upright(sty text.Style) text.Style {
	sty.Rotation = math.Pi / 2
	return sty
}

// Series colours: the Okabe–Ito palette without its yellow.
var seriesColors = []color.RGBA{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0x00, 0x9E, 0x73), // bluish green
	rgb(0xCC, 0x79, 0xA7), // reddish purple
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x56, 0xB4, 0xE9), // sky blue
	rgb(0x00, 0x00, 0x00), // black
}

// seriesDashes are the dash patterns of series, as in plots; their count
// is prime to the count of colours.
var seriesDashes = [][]vg.Length{
	nil,
	{vg.Points(7), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(7), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)},
}

// seriesGlyphs mark the points of series; their count is prime to the
// count of colours too, so series differ in shape as well as colour.
var seriesGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}

// lineWidth is the width of a data line.
var lineWidth = vg.Points(1.6)

// lineStyle returns the style of the i-th series.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: seriesColors[i%len(seriesColors)], Width: lineWidth, Dashes: seriesDashes[i%len(seriesDashes)]}
}

// glyphStyle returns the point marker of the i-th series.
func glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: seriesColors[i%len(seriesColors)], Radius: vg.Points(3.2), Shape: seriesGlyphs[i%len(seriesGlyphs)]}
}

// Chrome colours.
var (
	white          = rgb(0xFF, 0xFF, 0xFF)
	textColor      = rgb(0x22, 0x22, 0x22)
	axisColor      = rgb(0x44, 0x44, 0x44)
	gridColor      = rgb(0xDD, 0xDD, 0xDD)
	referenceColor = rgb(0x55, 0x55, 0x55)
)

// gridStyle is the style of grid lines.
var gridStyle = draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}

// referenceStyle is the style of a reference (baseline) line.
var referenceStyle = draw.LineStyle{Color: referenceColor, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}

// bandAlpha is the opacity of an interval band, as in plots.
const bandAlpha = 0.22

// translucent returns c at opacity alpha.
func translucent(c color.RGBA, alpha float64) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(math.Round(alpha * 255))}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// styleAxis applies the house style to an axis whose tick labels align as
// given.
func styleAxis(a *plot.Axis, xa text.XAlignment, ya text.YAlignment) {
	a.Label.TextStyle = textStyle(axisLabelSize, false, draw.XCenter, draw.YBottom)
	a.Label.Padding = vg.Points(6)
	a.Tick.Label = textStyle(tickLabelSize, false, xa, ya)
	a.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
	a.Tick.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
	a.Tick.Length = vg.Points(5)
	a.Padding = vg.Points(4)
}

// setAxisLabels sets the labels of p's axes, cut to fit a plot drawn in r.
func setAxisLabels(p *plot.Plot, x, y string, r vg.Rectangle) {
	p.X.Label.Text = truncate(p.X.Label.TextStyle, x, (r.Max.X-r.Min.X)*0.95)
	p.Y.Label.Text = truncate(p.Y.Label.TextStyle, y, (r.Max.Y-r.Min.Y)*0.8)
}
