package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marker is an event marked on the time axis (a fault, an operator action,
// an alarm...). It is drawn as a vertical line across every panel, styled by
// its Kind, with its Label written above the top panel.
type Marker struct {
	// At is the time of the event in seconds since the start of the run.
	At float64

	// Label describes the event, e.g. "switch fails silently". Optional.
	Label string

	// Kind sets the colour and dash of the line. The zero value is
	// MarkerFault.
	Kind MarkerKind
}

// MarkerKind is the kind of an event marker. Each kind has its own colour
// and dash, and the kinds present are explained in a key under the figure.
type MarkerKind int

const (
	// MarkerFault is something breaking: solid dark red.
	MarkerFault MarkerKind = iota
	// MarkerAction is an operator action (a detour, a rollback): dashed
	// dark green.
	MarkerAction
	// MarkerAlarm is an alarm or alert firing: dash-dotted dark orange.
	MarkerAlarm
	// MarkerInfo is any other note: dotted grey.
	MarkerInfo
	// MarkerDocumented is a time from the documented timeline, drawn
	// beside the simulated events: long-dashed purple.
	MarkerDocumented
)

// lastMarkerKind is the highest MarkerKind.
const lastMarkerKind = MarkerDocumented

// String returns the name of the kind as shown in the key, e.g. "fault".
func (k MarkerKind) String() string {
	switch k {
	case MarkerFault:
		return "fault"
	case MarkerAction:
		return "operator action"
	case MarkerAlarm:
		return "alarm"
	case MarkerInfo:
		return "info"
	case MarkerDocumented:
		return "documented time"
	}
	return fmt.Sprintf("MarkerKind(%d)", int(k))
}

// markerStyle returns the line style of a kind of marker.
func markerStyle(k MarkerKind) draw.LineStyle {
	w := vg.Points(1.4)
	switch k {
	case MarkerAction:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
	case MarkerAlarm:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)}}
	case MarkerInfo:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(1.5), vg.Points(2.5)}}
	case MarkerDocumented:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(10), vg.Points(4)}}
	}
	return draw.LineStyle{Color: markerColor(k), Width: w}
}

// markerColor returns the colour of a kind of marker and of its labels:
// dark enough to read as text on white.
func markerColor(k MarkerKind) color.Color {
	switch k {
	case MarkerAction:
		return rgb(0x1B, 0x78, 0x37)
	case MarkerAlarm:
		return rgb(0xB3, 0x58, 0x06)
	case MarkerInfo:
		return rgb(0x55, 0x55, 0x55)
	case MarkerDocumented:
		return rgb(0x88, 0x2E, 0x72) // Okabe–Ito's reddish purple, darkened to read as text
	}
	return rgb(0xB2, 0x18, 0x2B)
}

// visibleMarkers returns the markers within [min, max], ordered by time
// (ties keep their order).
func visibleMarkers(ms []Marker, min, max float64) []Marker {
	var out []Marker
	for _, m := range ms {
		if m.At >= min && m.At <= max {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

// markerLines draws the vertical lines of markers on one panel. It is a
// plot.Plotter.
type markerLines struct {
	markers []Marker
}

// Plot implements plot.Plotter.
func (m markerLines) Plot(c draw.Canvas, p *plot.Plot) {
	for _, mk := range m.markers {
		x := c.X(p.X.Norm(mk.At))
		c.StrokeLine2(markerStyle(mk.Kind), x, c.Min.Y, x, c.Max.Y)
	}
}

// Marker labels sit in rows ("lanes") above the top panel.
const (
	maxLabelRows = 6 // at most; fewer when the top panel is short
	labelGap     = 3 // points between a marker line and its label
	labelSpacing = 6 // points kept free between labels in a row
)

// markerLabelStyle is the style of marker labels.
func markerLabelStyle(k MarkerKind) text.Style {
	s := leftText(markerLabelSize, false)
	s.Color = markerColor(k)
	return s
}

// labelRowHeight is the height of one row of marker labels.
func labelRowHeight() vg.Length {
	return markerLabelStyle(MarkerFault).FontExtents().Height * 1.2
}

// labelBox is where a marker's label goes horizontally: the marker line at
// X, and the label from Start to End. A marker without a label has
// Start == End.
type labelBox struct {
	X, Start, End vg.Length
}

// empty reports whether the box holds no label.
func (b labelBox) empty() bool { return b.Start == b.End }

// rightOf returns the box of a label of width w right of a line at x, or
// left of it when it would pass limit.
func rightOf(x, w, limit vg.Length) labelBox {
	if w == 0 {
		return labelBox{X: x, Start: x, End: x}
	}
	if x+labelGap+w <= limit {
		return labelBox{X: x, Start: x + labelGap, End: x + labelGap + w}
	}
	return leftOf(x, w)
}

// leftOf returns the box of a label of width w left of a line at x.
func leftOf(x, w vg.Length) labelBox {
	return labelBox{X: x, Start: x - labelGap - w, End: x - labelGap}
}

// conflicts counts how often label b in row r would collide with the labels
// already placed (those with rows[j] set): two labels overlapping in a row,
// or a marker line crossing another marker's label on its way up from the
// panel to its own label.
func conflicts(boxes []labelBox, rows []int, b labelBox, r int) int {
	n := 0
	for j, p := range boxes {
		switch {
		case rows[j] < 0 || p.empty():
		case rows[j] == r:
			if b.Start < p.End+labelSpacing && p.Start < b.End+labelSpacing {
				n++
			}
		case rows[j] > r: // b's line passes p's row
			if b.X >= p.Start-labelGap && b.X <= p.End+labelGap {
				n++
			}
		default: // p's line passes b's row
			if p.X >= b.Start-labelGap && p.X <= b.End+labelGap {
				n++
			}
		}
	}
	return n
}

// stagger assigns labels rows, 0 being the top one, taking them in the
// given order and giving each the top-most row where it collides with
// nothing placed so far (see conflicts). It uses at most maxRows rows;
// when none is free, a label goes to the row where it collides least. It
// returns the rows (-1 for a marker without a label), the number of rows
// used and the number of collisions left.
func stagger(boxes []labelBox, order []int, maxRows int) (rows []int, used, collisions int) {
	rows = make([]int, len(boxes))
	for i := range rows {
		rows[i] = -1
	}
	for _, i := range order {
		b := boxes[i]
		if b.empty() {
			continue
		}
		best, least := 0, -1
		for r := 0; r < maxRows && least != 0; r++ {
			if n := conflicts(boxes, rows, b, r); least < 0 || n < least {
				best, least = r, n
			}
		}
		rows[i] = best
		used = max(used, best+1)
		collisions += least
	}
	return rows, used, collisions
}

// markerBand is the lane of marker labels above the top panel.
type markerBand struct {
	markers []Marker
	boxes   []labelBox
	labels  []string
	rows    []int
	nRows   int
}

// newMarkerBand lays out the labels of markers (visible, in time order)
// above a top panel whose data area spans [left, right], whose time axis
// maps a time to x, in at most maxRows rows. Labels may run from lo to hi.
//
// It tries two arrangements and keeps the one with fewer collisions, then
// fewer rows: every label right of its line (a staircase going down to the
// right), and, for each cluster of markers too close for their labels to
// share a row, the first half of the labels left of their lines and the
// rest right (a "V", which needs half the rows).
func newMarkerBand(markers []Marker, x func(float64) vg.Length, left, right, lo, hi vg.Length, maxRows int) markerBand {
	b := markerBand{markers: markers}
	maxW := (right - left) * 0.45
	widths := make([]vg.Length, len(markers))
	xs := make([]vg.Length, len(markers))
	for i, m := range markers {
		sty := markerLabelStyle(m.Kind)
		label := truncate(sty, m.Label, maxW)
		b.labels = append(b.labels, label)
		widths[i], xs[i] = sty.Width(label), x(m.At)
	}

	// Staircase: all right, in time order.
	stair := make([]labelBox, len(markers))
	order := make([]int, len(markers))
	for i := range markers {
		stair[i], order[i] = rightOf(xs[i], widths[i], hi), i
	}
	var stairCollisions int
	b.boxes = stair
	b.rows, b.nRows, stairCollisions = stagger(stair, order, maxRows)

	// V: per cluster, the first half left, taken from the middle out.
	vee := append([]labelBox(nil), stair...)
	var vorder []int
	for i := 0; i < len(markers); {
		j := i + 1 // the cluster is [i, j)
		for j < len(markers) && stair[j-1].End+labelSpacing > xs[j] {
			j++
		}
		half := i + (j-i)/2
		for k := half - 1; k >= i; k-- {
			if widths[k] > 0 && xs[k]-labelGap-widths[k] >= lo {
				vee[k] = leftOf(xs[k], widths[k])
			}
			vorder = append(vorder, k)
		}
		for k := half; k < j; k++ {
			vorder = append(vorder, k)
		}
		i = j
	}
	rows, n, c := stagger(vee, vorder, maxRows)
	if c < stairCollisions || (c == stairCollisions && n < b.nRows) {
		b.boxes, b.rows, b.nRows = vee, rows, n
	}
	return b
}

// height returns the height the band needs.
func (b markerBand) height() vg.Length {
	if b.nRows == 0 {
		return 0
	}
	return vg.Length(b.nRows)*labelRowHeight() + vg.Points(4)
}

// draw draws the labels into the band whose bottom edge is the top of the
// top panel's data area, bottom, and extends the marker lines up to them.
func (b markerBand) draw(c draw.Canvas, bottom vg.Length) {
	top := bottom + b.height()
	rowH := labelRowHeight()
	for i, m := range b.markers {
		if b.rows[i] < 0 {
			continue
		}
		rowTop := top - vg.Length(b.rows[i])*rowH
		box := b.boxes[i]
		c.StrokeLine2(markerStyle(m.Kind), box.X, bottom, box.X, rowTop)
		sty := markerLabelStyle(m.Kind)
		ext := sty.FontExtents()
		baseline := rowTop - (rowH-ext.Height)/2 - ext.Ascent
		c.FillText(sty, vg.Point{X: box.Start, Y: baseline}, b.labels[i])
	}
}

// markerKey draws the key of the marker kinds present: a short vertical
// line in the kind's style and its name, left to right from pt (the
// baseline), in text small enough to end before right.
func markerKey(c *draw.Canvas, kinds []MarkerKind, pt vg.Point, right vg.Length) {
	size := float64(legendSize)
	if w := keyWidth(kinds, size); pt.X+w > right {
		size = math.Max(minLegendSize, size*float64((right-pt.X)/w))
	}
	sty := leftText(size, false)
	ext := sty.FontExtents()
	x := pt.X
	for i, k := range kinds {
		if i > 0 {
			x += vg.Points(size * 1.6)
		}
		mid := x + vg.Points(size*0.35)
		c.StrokeLine2(markerStyle(k), mid, pt.Y-ext.Descent, mid, pt.Y+ext.Ascent)
		x += vg.Points(size * 1.1)
		c.FillText(sty, vg.Point{X: x, Y: pt.Y}, k.String())
		x += sty.Width(k.String())
	}
}

// keyWidth returns the width of the key of kinds in text of size points.
func keyWidth(kinds []MarkerKind, size float64) vg.Length {
	sty := leftText(size, false)
	var w vg.Length
	for i, k := range kinds {
		if i > 0 {
			w += vg.Points(size * 1.6)
		}
		w += vg.Points(size*1.1) + sty.Width(k.String())
	}
	return w
}

// markerKinds returns the kinds present in markers, in kind order.
func markerKinds(markers []Marker) []MarkerKind {
	var seen [lastMarkerKind + 1]bool
	for _, m := range markers {
		seen[m.Kind] = true
	}
	var kinds []MarkerKind
	for k, ok := range seen {
		if ok {
			kinds = append(kinds, MarkerKind(k))
		}
	}
	return kinds
}
