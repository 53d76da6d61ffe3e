package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panelTitlePadding is the space under a panel's title.
const panelTitlePadding = vg.Length(6)

// newPanelPlot builds the plot of one panel over the time range
// [xmin, xmax]: grid, reference line, marker lines, bands and data lines,
// drawn in that order. Its y label is left to the layout, which writes it in a
// column to the left of all panels. Its time axis has no ticks; the caller gives the bottom panel
// its ticks and label. It returns the grid, whose time ticks the caller
// sets, and the plotters of the lines, for the legend.
func newPanelPlot(p Panel, xmin, xmax float64, markers []Marker, pixPerPoint float64) (*plot.Plot, *grid, []*series) {
	pl := plot.New()
	pl.BackgroundColor = nil
	pl.Title.Text = p.Title
	pl.Title.TextStyle = textStyle(panelTitleSize, true, draw.XCenter, draw.YTop)
	pl.Title.Padding = panelTitlePadding

	styleAxis(&pl.X, draw.XCenter, draw.YTop)
	styleAxis(&pl.Y, draw.XRight, draw.YCenter)
	pl.X.Min, pl.X.Max = xmin, xmax
	pl.X.Tick.Marker = plot.ConstantTicks(nil)
	pl.Y.Min, pl.Y.Max = yRange(p)
	if p.LogY {
		pl.Y.Scale = plot.LogScale{}
	}
	pl.Y.Tick.Marker = yTicker(p.LogY, 6) // until the layout knows the height

	g := &grid{}
	pl.Add(g)
	if p.Reference != nil {
		pl.Add(reference{value: *p.Reference})
	}
	pl.Add(markerLines{markers: markers})
	// Bands first, so that every line is drawn over every band.
	for i, l := range p.Lines {
		if l.Lo != nil {
			pl.Add(&band{x: l.X, lo: l.Lo, hi: l.Hi, color: lineStyle(i).Color, logY: p.LogY, pixPerPoint: pixPerPoint})
		}
	}
	lines := make([]*series, len(p.Lines))
	for i, l := range p.Lines {
		lines[i] = &series{x: l.X, y: l.Y, style: lineStyle(i), logY: p.LogY, pixPerPoint: pixPerPoint, points: l.Points}
		pl.Add(lines[i])
	}
	return pl, g, lines
}

// styleAxis applies the house style to an axis whose tick labels align as
// given.
func styleAxis(a *plot.Axis, xa draw.XAlignment, ya draw.YAlignment) {
	a.Label.TextStyle = textStyle(axisLabelSize, false, draw.XCenter, draw.YBottom)
	a.Label.Padding = vg.Points(4)
	a.Tick.Label = textStyle(tickLabelSize, false, xa, ya)
	a.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
	a.Tick.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
	a.Tick.Length = vg.Points(5)
	a.Padding = vg.Points(4)
}

// yLabelStyle is the style of y axis labels, written upwards.
func yLabelStyle() text.Style {
	s := textStyle(axisLabelSize, false, draw.XCenter, draw.YCenter)
	s.Rotation = math.Pi / 2
	return s
}

// fitLabel returns label as it fits in length max: as it is, else broken
// into two lines at the space nearest its middle, else cut short with an
// ellipsis.
func fitLabel(sty text.Style, label string, max vg.Length) string {
	if sty.Width(label) <= max {
		return label
	}
	mid, split := len(label)/2, -1
	for i, r := range label {
		if r == ' ' && (split < 0 || abs(i-mid) < abs(split-mid)) {
			split = i
		}
	}
	if split > 0 {
		a, b := label[:split], label[split+1:]
		if sty.Width(a) <= max && sty.Width(b) <= max {
			return a + "\n" + b
		}
	}
	return truncate(sty, label, max)
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
