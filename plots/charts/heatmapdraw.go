package charts

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Hatching of cells with no data.
var (
	noDataFill  = rgb(0xEE, 0xEE, 0xEE)
	noDataHatch = draw.LineStyle{Color: rgb(0x99, 0x99, 0x99), Width: vg.Points(0.7)}
)

const (
	hatchSpacing = vg.Length(4)   // between hatch lines
	cellGap      = vg.Length(0.6) // half the white between cells
	minGapCell   = vg.Length(10)  // cells smaller than this have no gaps
	cellPadding  = vg.Length(3)   // between a cell's edge and its value
)

// drawHeatmap draws a checked heatmap on c.
func drawHeatmap(c draw.Canvas, h heatmap) {
	region := drawTitle(c, h.Title)
	rows, cols := len(h.Z), len(h.XTicks)

	bar := newColorBar(h, region.Max.Y-region.Min.Y)
	region.Max.X -= bar.width()

	p := plot.New()
	p.BackgroundColor = nil
	styleAxis(&p.X, draw.XCenter, draw.YTop)
	styleAxis(&p.Y, draw.XRight, draw.YCenter)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle.Width = 0
		a.Padding = vg.Points(2)
	}
	setAxisLabels(p, h.XLabel, h.YLabel, region)
	p.X.Min, p.X.Max = -0.5, float64(cols)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(rows)-0.5
	maxYTick := (region.Max.X - region.Min.X) * 0.25
	yt := make([]plot.Tick, rows)
	for i, t := range h.YTicks {
		yt[i] = plot.Tick{Value: float64(i), Label: truncate(p.Y.Tick.Label, t, maxYTick)}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	area := draw.Canvas{Canvas: c.Canvas, Rectangle: region}
	p.X.Tick.Marker = categoryTicks(h.XTicks, p, vg.Length(math.Inf(1)))
	for pass := 0; pass < 2; pass++ {
		// Column labels too wide for their cells are turned 45°, which
		// takes height: two passes settle it.
		d := p.DataCanvas(area)
		cellW := (d.Max.X - d.Min.X) / vg.Length(cols)
		p.X.Tick.Label = textStyle(tickLabelSize, false, draw.XCenter, draw.YTop)
		for _, t := range h.XTicks {
			if p.X.Tick.Label.Width(t) > cellW-2 {
				p.X.Tick.Label = textStyle(tickLabelSize, false, draw.XRight, draw.YCenter)
				p.X.Tick.Label.Rotation = math.Pi / 4
				break
			}
		}
		// Turned labels may take about a third of the height.
		maxLen := (region.Max.Y - region.Min.Y) * 0.3
		if r := p.X.Tick.Label.Rotation; r != 0 {
			maxLen = (region.Max.Y - region.Min.Y) * 0.35 / vg.Length(math.Sin(r))
		}
		xt := categoryTicks(h.XTicks, p, maxLen)
		if p.X.Tick.Label.Rotation != 0 {
			thin(xt, cellW, p.X.Tick.Label.FontExtents().Height*1.15/vg.Length(math.Sin(math.Pi/4)))
		}
		p.X.Tick.Marker = xt
		cellH := (d.Max.Y - d.Min.Y) / vg.Length(rows)
		yt := append([]plot.Tick(nil), yt...)
		thin(yt, cellH, p.Y.Tick.Label.FontExtents().Height*1.1)
		p.Y.Tick.Marker = plot.ConstantTicks(yt)
		if p.X.Tick.Label.Rotation != 0 {
			// The first column's label reaches left of it: make room.
			var w vg.Length
			for _, t := range p.X.Tick.Marker.Ticks(0, 0) {
				w = max(w, p.X.Tick.Label.Width(t.Label))
			}
			reach := w*vg.Length(math.Cos(math.Pi/4)) + tickLabelSize
			d := p.DataCanvas(area)
			if over := region.Min.X - (d.Min.X + (d.Max.X-d.Min.X)/vg.Length(2*cols) - reach); over > 0 {
				area.Rectangle.Min.X += over
			}
		}
	}

	d := p.DataCanvas(area)
	cells := &cellPlotter{h: h}
	if h.Annotate {
		cells.size = annotationSize(h, (d.Max.X-d.Min.X)/vg.Length(cols), (d.Max.Y-d.Min.Y)/vg.Length(rows))
	}
	p.Add(cells)
	p.Draw(area)
	bar.draw(c, region.Max.X, p.DataCanvas(area).Rectangle)
}

// categoryTicks returns a tick at each column, labelled with its label cut
// to max (measured along the text).
func categoryTicks(labels []string, p *plot.Plot, max vg.Length) plot.ConstantTicks {
	ticks := make([]plot.Tick, len(labels))
	sty := p.X.Tick.Label
	sty.Rotation = 0
	for i, t := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: truncate(sty, t, max)}
		if p.X.Tick.Label.Rotation != 0 && ticks[i].Label != "" {
			// A turned label ends at its tick: a space keeps it off the
			// tick mark.
			ticks[i].Label += " "
		}
	}
	return ticks
}

// thin leaves the label on every k-th of ticks spaced spacing apart, so
// that labels are at least need apart; the others keep their marks.
func thin(ticks []plot.Tick, spacing, need vg.Length) {
	if spacing <= 0 || need <= spacing {
		return
	}
	k := int(math.Ceil(float64(need / spacing)))
	for i := range ticks {
		if i%k != 0 {
			ticks[i].Label = ""
		}
	}
}

// annotationSize returns the size of the values written in cells cellW by
// cellH: the largest from maxCellSize down to minCellSize at which every
// value fits its cell, or 0 if none does.
func annotationSize(h heatmap, cellW, cellH vg.Length) float64 {
	for size := float64(maxCellSize); size >= minCellSize; size -= 0.5 {
		sty := textStyle(size, false, draw.XCenter, draw.YCenter)
		if sty.FontExtents().Height > cellH-2*cellGap-2 {
			continue
		}
		fits := true
		for _, row := range h.Z {
			for _, v := range row {
				if !math.IsNaN(v) && sty.Width(compact(v)) > cellW-2*cellPadding {
					fits = false
				}
			}
		}
		if fits {
			return size
		}
	}
	return 0
}

// cellPlotter draws the cells of a heatmap, and their values if size is
// not 0. It is a plot.Plotter.
type cellPlotter struct {
	h    heatmap
	size float64
}

// Plot implements plot.Plotter.
func (cp *cellPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	// White gaps set cells apart, unless they are so small that the gaps
	// would be a mesh over the colours; then cells overlap a little, so
	// that no seams show.
	gap := cellGap
	if min(trX(1)-trX(0), trY(1)-trY(0)) < minGapCell {
		gap = -0.2
	}
	for r, row := range cp.h.Z {
		for k, v := range row {
			rect := vg.Rectangle{
				Min: vg.Point{X: trX(float64(k)-0.5) + gap, Y: trY(float64(r)-0.5) + gap},
				Max: vg.Point{X: trX(float64(k)+0.5) - gap, Y: trY(float64(r)+0.5) - gap},
			}
			if math.IsNaN(v) {
				hatch(c, rect)
				continue
			}
			bg := cp.h.color(v)
			c.SetColor(bg)
			c.Fill(rect.Path())
			if cp.size > 0 {
				sty := textStyle(cp.size, false, draw.XCenter, draw.YCenter)
				sty.Color = textOn(bg)
				c.FillText(sty, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}, compact(v))
			}
		}
	}
}

// hatch fills rect on c as a cell with no data: light grey, hatched
// diagonally.
func hatch(c draw.Canvas, rect vg.Rectangle) {
	c.SetColor(noDataFill)
	c.Fill(rect.Path())
	cell := draw.Canvas{Canvas: c.Canvas, Rectangle: rect}
	w, h := rect.Max.X-rect.Min.X, rect.Max.Y-rect.Min.Y
	var lines [][]vg.Point
	for off := -h; off < w; off += hatchSpacing {
		lines = append(lines, []vg.Point{
			{X: rect.Min.X + off, Y: rect.Min.Y},
			{X: rect.Min.X + off + h, Y: rect.Max.Y},
		})
	}
	if clipped := cell.ClipLinesXY(lines...); len(clipped) > 0 {
		c.StrokeLines(noDataHatch, clipped...)
	}
}
