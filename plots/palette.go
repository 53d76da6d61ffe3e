package plots

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Line colours: the Okabe–Ito palette, which stays distinguishable for the
// common forms of colour blindness. Its yellow is left out: it is unreadable
// as a thin line on white.
var lineColors = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0x00, 0x9E, 0x73), // bluish green
	rgb(0xCC, 0x79, 0xA7), // reddish purple
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x56, 0xB4, 0xE9), // sky blue
	rgb(0x00, 0x00, 0x00), // black
}

// lineDashes are the dash patterns of lines, in points; nil is solid. Their
// count is prime to the count of colours, so the first 28 lines of a panel
// each get their own colour and dash.
var lineDashes = [][]vg.Length{
	nil,
	{vg.Points(7), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(7), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)},
}

// lineWidth is the width of a data line.
var lineWidth = vg.Points(1.6)

// lineStyle returns the style of the i-th line of a panel.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{
		Color:  lineColors[i%len(lineColors)],
		Width:  lineWidth,
		Dashes: lineDashes[i%len(lineDashes)],
	}
}

// Chrome colours: text, axes, grid and the reference line.
var (
	textColor      = rgb(0x22, 0x22, 0x22)
	axisColor      = rgb(0x44, 0x44, 0x44)
	gridColor      = rgb(0xDD, 0xDD, 0xDD)
	referenceColor = rgb(0x55, 0x55, 0x55)
)

// referenceStyle is the style of a panel's horizontal reference line.
var referenceStyle = draw.LineStyle{
	Color:  referenceColor,
	Width:  vg.Points(1.2),
	Dashes: []vg.Length{vg.Points(5), vg.Points(3)},
}

// gridStyle is the style of grid lines.
var gridStyle = draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }
