package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

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
	// MarkerAction is an action, an operator's or automatic (a detour, a
	// rollback, a failover): dashed dark green.
	MarkerAction
	// MarkerAlarm is an alarm or alert firing: dash-dotted dark orange.
	MarkerAlarm
	// MarkerInfo is any other note: dotted grey.
	MarkerInfo
	// MarkerDocumented is a time from the documented timeline, drawn
	// beside the simulated events: long-dashed purple.
	MarkerDocumented
	// MarkerRecovery is a service or population coming back: dash-dot-dot
	// dark blue.
	MarkerRecovery
	// MarkerMissingAlarm is an alarm that should have fired and never
	// came (a detector blind to the fault): short-dashed dark brown.
	MarkerMissingAlarm
)

// lastMarkerKind is the highest MarkerKind.
const lastMarkerKind = MarkerMissingAlarm

// String returns the name of the kind as shown in the key, e.g. "fault".
func (k MarkerKind) String() string {
	switch k {
	case MarkerFault:
		return "fault"
	case MarkerAction:
		return "action"
	case MarkerAlarm:
		return "alarm"
	case MarkerInfo:
		return "info"
	case MarkerDocumented:
		return "documented time"
	case MarkerRecovery:
		return "recovery"
	case MarkerMissingAlarm:
		return "missing alarm"
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
	case MarkerRecovery:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(8), vg.Points(2), vg.Points(1.5), vg.Points(2), vg.Points(1.5), vg.Points(2)}}
	case MarkerMissingAlarm:
		return draw.LineStyle{Color: markerColor(k), Width: w, Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
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
	case MarkerRecovery:
		return rgb(0x1F, 0x4E, 0x9A) // Okabe–Ito's blue, darkened
	case MarkerMissingAlarm:
		return rgb(0x7F, 0x3B, 0x08) // the alarm's orange, much darker
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
//
// A run of at least denseRun unlabelled markers of one kind, each within
// denseGap of the one before (an alarm flood, an operator's repeated
// steps), is drawn as a light span in the kind's colour between its first
// and last line instead of a comb of lines that would read as a solid
// block.
type markerLines struct {
	markers []Marker
}

// Dense runs of markers.
const (
	denseRun   = 5
	denseGap   = vg.Length(4) // points
	denseAlpha = 41           // of 255
)

// Plot implements plot.Plotter.
func (m markerLines) Plot(c draw.Canvas, p *plot.Plot) {
	x := func(mk Marker) vg.Length { return c.X(p.X.Norm(mk.At)) }
	var byKind [lastMarkerKind + 1][]int // unlabelled markers of each kind, in time order
	for i, mk := range m.markers {
		if mk.Label == "" {
			byKind[mk.Kind] = append(byKind[mk.Kind], i)
		}
	}
	inRun := make([]bool, len(m.markers))
	for k, idx := range byKind {
		for a := 0; a < len(idx); {
			b := a + 1
			for b < len(idx) && x(m.markers[idx[b]])-x(m.markers[idx[b-1]]) <= denseGap {
				b++
			}
			if b-a >= denseRun {
				x0, x1 := x(m.markers[idx[a]]), x(m.markers[idx[b-1]])
				span := vg.Path{}
				span.Move(vg.Point{X: x0, Y: c.Min.Y})
				span.Line(vg.Point{X: x1, Y: c.Min.Y})
				span.Line(vg.Point{X: x1, Y: c.Max.Y})
				span.Line(vg.Point{X: x0, Y: c.Max.Y})
				span.Close()
				r, g, bl, _ := markerColor(MarkerKind(k)).RGBA()
				c.SetColor(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: denseAlpha})
				c.Fill(span)
				for _, i := range idx[a+1 : b-1] {
					inRun[i] = true // the span stands for them; its ends keep their lines
				}
			}
			a = b
		}
	}
	for i, mk := range m.markers {
		if !inRun[i] {
			xi := x(mk)
			c.StrokeLine2(markerStyle(mk.Kind), xi, c.Min.Y, xi, c.Max.Y)
		}
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

// markerBand is what marks the markers above the top panel: either their
// labels in rows ("lanes"), or, when those do not all fit without
// overlapping, a row of numbers in circles that refer to the numbered key
// under the figure (see numberKey).
type markerBand struct {
	markers []Marker
	boxes   []labelBox
	labels  []string
	rows    []int
	nRows   int

	// collisions counts the overlaps left in the lanes; out says whether
	// a label would leave [lo, hi], the room labels have.
	collisions int
	out        bool

	// Numbered: group[i] is the index in numbers of marker i's number, or
	// -1 (no label); markers too close for a number each share the first
	// one's. numbers holds each number's circle (X is the line it sits on,
	// Start to End its diameter) and lead the marker it belongs to.
	numbered   bool
	group      []int
	numbers    []labelBox
	numberRows []int // the row of each circle, 0 the lowest
	lead       []int
	diameter   vg.Length
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
	b.boxes = stair
	b.rows, b.nRows, b.collisions = stagger(stair, order, maxRows)

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
	if c < b.collisions || (c == b.collisions && n < b.nRows) {
		b.boxes, b.rows, b.nRows, b.collisions = vee, rows, n, c
	}
	for i, box := range b.boxes {
		if b.rows[i] >= 0 && (box.Start < lo || box.End > hi) {
			b.out = true
		}
	}
	return b
}

// fits reports whether the lanes hold every label without an overlap,
// within the room they have, and there are at most maxLaneLabels labels.
func (b markerBand) fits() bool {
	return b.collisions == 0 && !b.out && labelled(b.markers) <= maxLaneLabels
}

// labelled returns how many of markers have a label.
func labelled(markers []Marker) int {
	n := 0
	for _, m := range markers {
		if m.Label != "" {
			n++
		}
	}
	return n
}

// newNumberBand numbers the labelled markers (visible, in time order) in
// circles above the top panel, its time axis mapping a time to x, in up to
// maxRows rows (the lowest first); circles stay within [lo, hi]. A
// marker whose circle would overlap another, or whose line would cross
// one, in every row shares the number before (the key lists both, each
// with its time), so no two circles ever overlap.
func newNumberBand(markers []Marker, x func(float64) vg.Length, lo, hi vg.Length, maxRows int) markerBand {
	b := markerBand{markers: markers, numbered: true, group: make([]int, len(markers))}
	b.diameter = numberDiameter(labelled(markers))
	// free says whether a circle box in row r, its leader at x, would
	// overlap no circle and cross no leader, nor have its leader cross a
	// circle.
	free := func(box labelBox, r int) bool {
		for g, o := range b.numbers {
			switch {
			case b.numberRows[g] == r:
				if box.Start < o.End+numberSpacing && o.Start < box.End+numberSpacing {
					return false
				}
			case b.numberRows[g] < r: // box's leader passes o's row
				if box.X >= o.Start-numberSpacing && box.X <= o.End+numberSpacing {
					return false
				}
			default: // o's leader passes box's row
				if o.X >= box.Start-numberSpacing && o.X <= box.End+numberSpacing {
					return false
				}
			}
		}
		return true
	}
	for i, m := range markers {
		b.group[i] = -1
		if m.Label == "" {
			continue
		}
		xi := x(m.At)
		start := min(max(xi-b.diameter/2, lo), hi-b.diameter)
		box := labelBox{X: xi, Start: start, End: start + b.diameter}
		row := -1
		for r := 0; r < maxRows && row < 0; r++ {
			if free(box, r) {
				row = r
			}
		}
		if row < 0 && len(b.numbers) > 0 {
			b.group[i] = len(b.numbers) - 1 // shares the number before
			continue
		}
		row = max(row, 0)
		b.group[i] = len(b.numbers)
		b.numbers = append(b.numbers, box)
		b.numberRows = append(b.numberRows, row)
		b.lead = append(b.lead, i)
		b.nRows = max(b.nRows, row+1)
	}
	return b
}

// Numbered markers.
const (
	maxLaneLabels = 12 // more labels than this are numbered
	maxNumberRows = 2  // rows of circles
	numberSpacing = 3  // points kept free between circles
	numberPad     = 2  // points between a number and its circle
)

// numberStyle is the style of the numbers in circles and in the key.
func numberStyle(k MarkerKind) text.Style {
	s := textStyle(markerLabelSize, true, draw.XCenter, draw.YCenter)
	s.Color = markerColor(k)
	return s
}

// numberDiameter returns the diameter of the circles of n numbers: the
// widest number with a little room.
func numberDiameter(n int) vg.Length {
	sty := numberStyle(MarkerFault)
	s := strconv.Itoa(max(n, 1))
	return max(sty.Width(s), sty.FontExtents().Ascent) + 2*numberPad
}

// height returns the height the band needs.
func (b markerBand) height() vg.Length {
	if b.numbered {
		if len(b.numbers) == 0 {
			return 0
		}
		return vg.Length(b.nRows)*(b.diameter+numberSpacing) + vg.Points(4)
	}
	if b.nRows == 0 {
		return 0
	}
	return vg.Length(b.nRows)*labelRowHeight() + vg.Points(4)
}

// labelRect returns where the text of marker i's label goes in a band
// whose bottom edge is bottom, and the baseline; ok is false for a marker
// without a label in the band.
func (b markerBand) labelRect(i int, bottom vg.Length) (r vg.Rectangle, baseline vg.Length, ok bool) {
	if b.numbered || b.rows[i] < 0 {
		return vg.Rectangle{}, 0, false
	}
	rowH := labelRowHeight()
	rowTop := bottom + b.height() - vg.Length(b.rows[i])*rowH
	ext := markerLabelStyle(b.markers[i].Kind).FontExtents()
	baseline = rowTop - (rowH-ext.Height)/2 - ext.Ascent
	box := b.boxes[i]
	return vg.Rectangle{Min: vg.Point{X: box.Start, Y: baseline - ext.Descent}, Max: vg.Point{X: box.End, Y: baseline + ext.Ascent}}, baseline, true
}

// numberRect returns the square that circle g fills in a band whose
// bottom edge is bottom.
func (b markerBand) numberRect(g int, bottom vg.Length) vg.Rectangle {
	box := b.numbers[g]
	y := bottom + vg.Points(2) + vg.Length(b.numberRows[g])*(b.diameter+numberSpacing)
	return vg.Rectangle{Min: vg.Point{X: box.Start, Y: y}, Max: vg.Point{X: box.End, Y: y + b.diameter}}
}

// leader returns the part of marker i's line drawn in the band: from the
// band's bottom up to its label or number; ok is false for none.
func (b markerBand) leader(i int, bottom vg.Length) (x, y0, y1 vg.Length, ok bool) {
	if b.numbered {
		g := b.group[i]
		if g < 0 || b.lead[g] != i {
			return 0, 0, 0, false
		}
		r := b.numberRect(g, bottom)
		return b.numbers[g].X, bottom, r.Min.Y + b.diameter/2 - circleReach(b.numbers[g], b.diameter), true
	}
	if b.rows[i] < 0 {
		return 0, 0, 0, false
	}
	rowTop := bottom + b.height() - vg.Length(b.rows[i])*labelRowHeight()
	return b.boxes[i].X, bottom, rowTop, true
}

// circleReach returns how far below the centre of circle box the circle's
// edge is at the line's x (the line stops at the circle).
func circleReach(box labelBox, d vg.Length) vg.Length {
	r := d / 2
	dx := box.X - (box.Start + r)
	if dx*dx >= r*r {
		return 0
	}
	return vg.Length(math.Sqrt(float64(r*r - dx*dx)))
}

// draw draws the labels (or numbers) into the band whose bottom edge is
// the top of the top panel's data area, bottom, and extends the marker
// lines up to them.
func (b markerBand) draw(c draw.Canvas, bottom vg.Length) {
	for i, m := range b.markers {
		if x, y0, y1, ok := b.leader(i, bottom); ok {
			c.StrokeLine2(markerStyle(m.Kind), x, y0, x, y1)
		}
		if r, baseline, ok := b.labelRect(i, bottom); ok {
			c.FillText(markerLabelStyle(m.Kind), vg.Point{X: r.Min.X, Y: baseline}, b.labels[i])
		}
	}
	for g := range b.numbers {
		k := b.markers[b.lead[g]].Kind
		r := b.numberRect(g, bottom)
		centre := vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}
		ring := circle(centre, b.diameter/2)
		c.SetColor(rgb(0xFF, 0xFF, 0xFF))
		c.Fill(ring)
		c.SetLineStyle(draw.LineStyle{Color: markerColor(k), Width: vg.Points(1.2)})
		c.Stroke(ring)
		c.FillText(numberStyle(k), centre, strconv.Itoa(g+1))
	}
}

// circle returns the path of a circle.
func circle(centre vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: centre.X + r, Y: centre.Y})
	p.Arc(centre, r, 0, 2*math.Pi)
	p.Close()
	return p
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
