package plots

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Spacing of the figure, in points.
const (
	margin        = vg.Length(10) // around the figure
	titleGap      = vg.Length(8)  // under the figure title
	panelGap      = vg.Length(14) // between panels
	legendGap     = vg.Length(16) // between plotting areas and legends
	keyGap        = vg.Length(8)  // above the key of marker kinds
	tickGap       = vg.Length(18) // least space between time tick labels
	yLabelGap     = vg.Length(6)  // between y labels and tick labels
	maxLegendFrac = 0.3           // of the figure width, for legends
)

// layout is a figure's panels placed on a canvas.
type layout struct {
	plots   []*plot.Plot
	tiles   []draw.Canvas // where each plot draws; see plot.Align
	legends []plot.Legend
	legendX vg.Length // left edge of the legends
	yLabels []string  // the panels' y labels, fitted to their heights
	yLabelX vg.Length // left edge of the y labels
	band    markerBand
	kinds   kindsKey  // the key of marker kinds, at the bottom
	kindsAt vg.Point  // its top left
	key     numberKey // the numbered key of markers, when numbered
	keyAt   vg.Point  // its top left
	// numberRows is the most rows of numbered circles.
	numberRows int
	canvas     vg.Rectangle
	title      string // the figure's title, wrapped to the width
}

// data returns the plotting area of panel i.
func (l layout) data(i int) draw.Canvas { return l.plots[i].DataCanvas(l.tiles[i]) }

// newLayout builds the panels' plots and places them on c: the figure
// title at the top, the key of marker kinds at the bottom, legends in a
// column at the right, and the panels stacked in between, their plotting
// areas of one size and exactly one above the other (plot.Align). The top
// panel's title is followed by the lane of marker labels.
func newLayout(f Figure, c draw.Canvas, pixPerPoint float64) layout {
	xmin, xmax := xRange(f)
	markers := visibleMarkers(f.Markers, xmin, xmax)
	l := layout{canvas: c.Rectangle}

	region := c.Rectangle
	region.Min.X += margin
	region.Max.X -= margin
	region.Min.Y += margin
	region.Max.Y -= margin
	if f.Title != "" {
		sty := textStyle(figureTitleSize, true, draw.XCenter, draw.YTop)
		l.title = wrapText(sty, f.Title, region.Max.X-region.Min.X)
		region.Max.Y -= sty.Height(l.title) + titleGap
	}
	l.kinds = newKindsKey(markerKinds(markers), region.Max.X-region.Min.X)
	if l.kinds.lines > 0 {
		l.kindsAt = vg.Point{X: region.Min.X, Y: region.Min.Y + l.kinds.height()}
		region.Min.Y += l.kinds.height() + keyGap
	}

	n := len(f.Panels)
	grids := make([]*grid, n)
	var entries [][]legendEntry
	for i, p := range f.Panels {
		pl, g, lines := newPanelPlot(p, xmin, xmax, markers, pixPerPoint)
		l.plots, grids[i] = append(l.plots, pl), g
		entries = append(entries, panelEntries(p, lines))
	}
	bottom := l.plots[n-1]
	bottom.X.Label.Text = f.Time.label(xmin, xmax)

	// Legends: one column to the right of the plotting areas.
	maxLegendH := (region.Max.Y-region.Min.Y)/vg.Length(n) - panelGap
	var legendW vg.Length
	for _, es := range entries {
		lg := newLegend(es, (c.Max.X-c.Min.X)*maxLegendFrac, maxLegendH)
		l.legends = append(l.legends, lg)
		if len(es) > 0 {
			legendW = max(legendW, legendExtent(lg).X)
		}
	}
	if legendW > 0 {
		region.Max.X -= legendW + legendGap
	}
	l.legendX = region.Max.X + legendGap

	// The y labels go in a column at the left, each fitted to its panel's
	// height; their width moves the panels, not their heights, so one
	// more pass settles them.
	l.yLabelX = region.Min.X
	settle := func(region vg.Rectangle) {
		l.yLabels = make([]string, n)
		for i, p := range f.Panels {
			l.yLabels[i] = p.YLabel
		}
		for pass := 0; pass < 3; pass++ {
			r := region
			r.Min.X += yLabelWidth(l.yLabels)
			l.place(f, r, c, xmin, xmax, markers, grids)
			changed := false
			for i, p := range f.Panels {
				d := l.data(i)
				fitted := fitLabel(yLabelStyle(), p.YLabel, (d.Max.Y-d.Min.Y)*0.98)
				changed = changed || fitted != l.yLabels[i]
				l.yLabels[i] = fitted
			}
			if !changed {
				break
			}
		}
	}
	settle(region)
	if l.band.fits() {
		return l
	}
	// The labels do not all fit in lanes: number them, and list them in
	// a key above the key of kinds. The key takes at most maxKeyFrac of
	// the height, and of a figure near its minimum height only what it
	// has above that; if the panels are then still too short, the circles
	// get one row and the key fewer.
	l.band.numbered = true
	width := region.Max.X - region.Min.X
	h := c.Max.Y - c.Min.Y
	spare := h - minHeight(n, markers)
	keyMax := max(keyRowHeight(), min(maxKeyFrac*h, spare))
	l.numberRows = maxNumberRows
	for {
		l.key = newNumberKey(markers, f.Time, xmin, xmax, width, keyMax)
		l.keyAt = vg.Point{X: region.Min.X, Y: region.Min.Y + l.key.height()}
		r := region
		r.Min.Y += l.key.height() + keyGap
		settle(r)
		if l.panelsFit() || (l.numberRows == 1 && l.key.rows <= 1) {
			break
		}
		if l.numberRows > 1 {
			l.numberRows--
		} else {
			keyMax = max(keyRowHeight(), min(keyMax, l.key.height())-keyRowHeight())
		}
	}
	l.key.setNumbers(l.band)
	return l
}

// minDataHeight is the least height of a panel's plotting area for which
// the layout does not give up room of the numbered key.
const minDataHeight = vg.Length(30)

// panelsFit reports whether every panel's plotting area is at least
// minDataHeight tall.
func (l layout) panelsFit() bool {
	for i := range l.plots {
		d := l.data(i)
		if !(d.Max.Y-d.Min.Y >= minDataHeight) {
			return false
		}
	}
	return true
}

// place lays the plots out in region. Time ticks are as many as fit the
// width of the plotting areas, y ticks as many as fit each one's height,
// and the lane of marker labels above the top plotting area takes as many
// rows as its labels need; as each of these depends a little on the
// others, place repeats until the lane's height settles.
func (l *layout) place(f Figure, region vg.Rectangle, c draw.Canvas, xmin, xmax float64, markers []Marker, grids []*grid) {
	n := len(l.plots)
	bottom := l.plots[n-1]
	sample := "00.0"
	if f.Time.clock() {
		sample = "00:00"
	}
	spacing := bottom.X.Tick.Label.Width(sample) + tickGap
	setTicks := func() {
		d := l.data(0)
		ticks := timeTicks(f.Time, xmin, xmax, int((d.Max.X-d.Min.X)/spacing))
		// Panels above the bottom one get short, unlabelled tick marks.
		marks := make([]plot.Tick, len(ticks))
		for i, t := range ticks {
			marks[i] = plot.Tick{Value: t.Value}
		}
		for i, p := range l.plots {
			p.X.Tick.Marker = plot.ConstantTicks(marks)
			if i == n-1 {
				p.X.Tick.Marker = plot.ConstantTicks(ticks)
			}
			grids[i].xTicks = ticks
			setYTicks(p, l.data(i))
		}
	}
	rowH := labelRowHeight()
	maxRows := int(0.4 * (region.Max.Y - region.Min.Y) / vg.Length(n) / rowH)
	maxRows = min(max(maxRows, 1), maxLabelRows)

	var band vg.Length
	for pass := 0; pass < 4; pass++ {
		l.tiles = align(l.plots, region, c, band)
		setTicks()
		l.tiles = align(l.plots, region, c, band)
		d := l.data(0)
		top := l.plots[0]
		toX := func(t float64) vg.Length { return d.X(top.X.Norm(t)) }
		if l.band.numbered {
			l.band = newNumberBand(markers, toX, c.Min.X+margin, c.Max.X-margin, min(maxRows, l.numberRows))
		} else {
			l.band = newMarkerBand(markers, toX, d.Min.X, d.Max.X, c.Min.X+margin, c.Max.X-margin, maxRows)
		}
		if l.band.height() == band {
			return
		}
		band = l.band.height()
	}
	l.tiles = align(l.plots, region, c, band)
}

// setYTicks gives p's y axis as many ticks as fit the height of its
// plotting area d.
func setYTicks(p *plot.Plot, d draw.Canvas) {
	n := int((d.Max.Y - d.Min.Y) / (p.Y.Tick.Label.Height("0") * 2))
	n = min(max(n, 2), 6)
	_, log := p.Y.Scale.(plot.LogScale)
	p.Y.Tick.Marker = yTicker(log, n)
}

// yLabelWidth returns the width of the column of y labels.
func yLabelWidth(labels []string) vg.Length {
	var w vg.Length
	for _, s := range labels {
		if s != "" {
			w = max(w, yLabelStyle().Height(s)+yLabelGap)
		}
	}
	return w
}

// align places plots in region (on canvas c) with plot.Align, leaving band
// points between the top panel's title (if any) and its plotting area.
func align(plots []*plot.Plot, region vg.Rectangle, c draw.Canvas, band vg.Length) []draw.Canvas {
	top := plots[0]
	top.Title.Padding = panelTitlePadding
	if top.Title.Text != "" {
		top.Title.Padding += band
	} else {
		region.Max.Y -= band
	}
	rows := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		rows[i] = []*plot.Plot{p}
	}
	area := draw.Canvas{Canvas: c.Canvas, Rectangle: region}
	tiles := plot.Align(rows, draw.Tiles{Rows: len(plots), Cols: 1, PadY: panelGap}, area)
	out := make([]draw.Canvas, len(tiles))
	for i, t := range tiles {
		out[i] = t[0]
	}
	return out
}

// xRange returns the time range shown: the TimeAxis range if set, else the
// range of all data and markers; a single instant gets a minute.
func xRange(f Figure) (min, max float64) {
	if f.Time.Min != 0 || f.Time.Max != 0 {
		return f.Time.Min, f.Time.Max
	}
	min, max = math.Inf(1), math.Inf(-1)
	for _, p := range f.Panels {
		for _, l := range p.Lines {
			if len(l.X) > 0 {
				min = math.Min(min, l.X[0])
				max = math.Max(max, l.X[len(l.X)-1])
			}
		}
	}
	for _, m := range f.Markers {
		min, max = math.Min(min, m.At), math.Max(max, m.At)
	}
	switch {
	case min > max:
		return 0, 60
	case min == max:
		return min, min + 60
	}
	return min, max
}

// wrapText breaks each line of s at spaces so that it is at most width
// wide in sty; a word wider than that is cut with an ellipsis.
func wrapText(sty text.Style, s string, width vg.Length) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		cur := ""
		for _, w := range strings.Fields(line) {
			switch {
			case cur == "":
				cur = w
			case sty.Width(cur+" "+w) <= width:
				cur += " " + w
			default:
				out = append(out, truncate(sty, cur, width))
				cur = w
			}
		}
		out = append(out, truncate(sty, cur, width))
	}
	return strings.Join(out, "\n")
}
