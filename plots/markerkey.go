package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// kindsKey is the key of the marker kinds present, under the figure: a
// short horizontal line in each kind's style and its name, left to right, wrapped
// onto more lines when they do not fit the width.
type kindsKey struct {
	icon  vg.Length // the length of the icons
	kinds []MarkerKind
	at    []vg.Point // each item's offset from the key's top left: x, and line number in Y
	lines int
}

// kindsKeyStyle is the text style of the key of kinds.
func kindsKeyStyle() text.Style { return leftText(legendSize, false) }

// kindIconWidths are the lengths of the line showing a kind in the key,
// the longest that keeps the key on fewest lines being used: 30 points
// show every dash pattern, so that kinds differ in greyscale too.
var kindIconWidths = []vg.Length{30, 18, 8}

// kindItemWidth returns the width of a kind's item in the key.
func (k kindsKey) itemWidth(kind MarkerKind) vg.Length {
	return k.icon + vg.Points(legendSize*0.5) + kindsKeyStyle().Width(kind.String())
}

// newKindsKey lays out the key of kinds in lines at most width wide.
func newKindsKey(kinds []MarkerKind, width vg.Length) kindsKey {
	var best kindsKey
	for i, icon := range kindIconWidths {
		if k := layKindsKey(kinds, width, icon); i == 0 || k.lines < best.lines {
			best = k
		}
	}
	return best
}

// layKindsKey lays out the key of kinds with icons icon long.
func layKindsKey(kinds []MarkerKind, width, icon vg.Length) kindsKey {
	k := kindsKey{kinds: kinds, icon: icon}
	gap := vg.Points(legendSize * 1.6)
	var x vg.Length
	line := 0
	for i, kind := range kinds {
		w := k.itemWidth(kind)
		if i > 0 {
			if x+gap+w > width {
				line, x = line+1, 0
			} else {
				x += gap
			}
		}
		k.at = append(k.at, vg.Point{X: x, Y: vg.Length(line)})
		x += w
	}
	if len(kinds) > 0 {
		k.lines = line + 1
	}
	return k
}

// keyRowHeight is the height of a line of either key.
func keyRowHeight() vg.Length { return kindsKeyStyle().FontExtents().Height * 1.15 }

// height returns the height of the key.
func (k kindsKey) height() vg.Length { return vg.Length(k.lines) * keyRowHeight() }

// itemRect returns where item i goes in a key whose top left is at, and
// its baseline.
func (k kindsKey) itemRect(i int, at vg.Point) (vg.Rectangle, vg.Length) {
	ext := kindsKeyStyle().FontExtents()
	rowH := keyRowHeight()
	top := at.Y - k.at[i].Y*rowH
	baseline := top - (rowH-ext.Height)/2 - ext.Ascent
	x := at.X + k.at[i].X
	return vg.Rectangle{
		Min: vg.Point{X: x, Y: baseline - ext.Descent},
		Max: vg.Point{X: x + k.itemWidth(k.kinds[i]), Y: baseline + ext.Ascent},
	}, baseline
}

// draw draws the key with its top left at at.
func (k kindsKey) draw(c draw.Canvas, at vg.Point) {
	sty := kindsKeyStyle()
	ext := sty.FontExtents()
	for i, kind := range k.kinds {
		r, baseline := k.itemRect(i, at)
		mid := baseline + ext.Ascent*0.35
		c.StrokeLine2(markerStyle(kind), r.Min.X, mid, r.Min.X+k.icon, mid)
		c.FillText(sty, vg.Point{X: r.Min.X + k.icon + vg.Points(legendSize*0.5), Y: baseline}, kind.String())
	}
}

// keyEntry is a line of the numbered key: "3  07:50  switch-fault".
type keyEntry struct {
	num, when, label string
	kind             MarkerKind
}

// numberKey is the numbered key of markers under the figure, one entry
// per labelled marker in time order, in columns filled top to bottom.
type numberKey struct {
	entries        []keyEntry
	numW, whenW    vg.Length // widths of the number and time columns
	colW           vg.Length // width of a column, gaps excluded
	cols, rows     int
	neededRows     int // the rows all entries need in the natural columns
	neededH        vg.Length
	markerOfEntry  []int // the marker each entry is, -1 for "+N more"
	truncatedCount int
}

// Room in the numbered key.
const (
	keyColGap    = vg.Length(16) // between columns
	keyFieldGap  = vg.Length(7)  // between number, time and label
	minKeyLabelW = vg.Length(80) // the narrowest a column's labels get
	maxKeyFrac   = 0.4           // of the figure's height, at most, for the key
)

// keyStyle returns the text style of the numbered key's labels.
func keyStyle(k MarkerKind) text.Style {
	s := leftText(legendSize, false)
	s.Color = markerColor(k)
	return s
}

// newNumberKey lays out the numbered key of markers (visible, in time
// order) on axis a (showing [xmin, xmax]) in width, at most maxH tall: as
// many columns as the widest entry allows; if that is too tall, more and
// narrower columns (labels cut to fit); if even columns of minKeyLabelW
// do not hold every entry, the last one says how many more there are.
// The numbers are filled in by setNumbers once the band is laid out.
func newNumberKey(markers []Marker, a TimeAxis, xmin, xmax float64, width, maxH vg.Length) numberKey {
	var k numberKey
	numSty := keyStyle(MarkerFault)
	numSty.Font = sans(legendSize, true)
	n := labelled(markers)
	k.numW = numSty.Width(strconv.Itoa(max(n, 1))) + keyFieldGap
	var labelW vg.Length
	for i, m := range markers {
		if m.Label == "" {
			continue
		}
		e := keyEntry{when: a.instant(m.At, xmin, xmax), label: m.Label, kind: m.Kind}
		k.whenW = max(k.whenW, keyStyle(m.Kind).Width(e.when)+keyFieldGap)
		labelW = max(labelW, keyStyle(m.Kind).Width(e.label))
		k.entries = append(k.entries, e)
		k.markerOfEntry = append(k.markerOfEntry, i)
	}
	if n == 0 {
		return k
	}
	rowH := keyRowHeight()
	fixed := k.numW + k.whenW
	// Long labels are cut to keep two columns when the key is long.
	if n > 6 {
		labelW = min(labelW, max(minKeyLabelW, (width-keyColGap)/2-fixed))
	}
	k.colW = min(fixed+labelW, width)
	k.cols = max(1, int((width+keyColGap)/(k.colW+keyColGap)))
	k.rows = (n + k.cols - 1) / k.cols
	k.neededRows, k.neededH = k.rows, vg.Length(k.rows)*rowH
	maxRows := max(1, int(maxH/rowH))
	if k.rows > maxRows {
		cols := (n + maxRows - 1) / maxRows
		colW := (width+keyColGap)/vg.Length(cols) - keyColGap
		if colW-fixed < minKeyLabelW {
			cols = max(1, int((width+keyColGap)/(fixed+minKeyLabelW+keyColGap)))
			colW = (width+keyColGap)/vg.Length(cols) - keyColGap
			if keep := cols * maxRows; keep < n {
				more := n - keep + 1
				k.entries = append(k.entries[:keep-1], keyEntry{label: fmt.Sprintf("+%d more (events.csv lists every event)", more), kind: MarkerInfo})
				k.markerOfEntry = append(k.markerOfEntry[:keep-1], -1)
				k.truncatedCount = more
			}
		}
		k.cols, k.colW = cols, colW
		k.rows = (len(k.entries) + cols - 1) / cols
	}
	for i := range k.entries {
		e := &k.entries[i]
		e.label = truncate(keyStyle(e.kind), e.label, k.colW-fixed)
	}
	return k
}

// setNumbers gives each entry its marker's number from the band, written
// on the first entry of each number only.
func (k *numberKey) setNumbers(b markerBand) {
	last := -1
	for i, m := range k.markerOfEntry {
		k.entries[i].num = ""
		if m < 0 || !b.numbered {
			continue
		}
		if g := b.group[m]; g >= 0 && g != last {
			k.entries[i].num, last = strconv.Itoa(g+1), g
		}
	}
}

// height returns the height of the key.
func (k numberKey) height() vg.Length { return vg.Length(k.rows) * keyRowHeight() }

// entryRect returns where entry i's text goes in a key whose top left is
// at, and its baseline.
func (k numberKey) entryRect(i int, at vg.Point) (vg.Rectangle, vg.Length) {
	col, row := i/k.rows, i%k.rows
	rowH := keyRowHeight()
	ext := kindsKeyStyle().FontExtents()
	top := at.Y - vg.Length(row)*rowH
	baseline := top - (rowH-ext.Height)/2 - ext.Ascent
	x := at.X + vg.Length(col)*(k.colW+keyColGap)
	e := k.entries[i]
	w := k.numW + k.whenW + keyStyle(e.kind).Width(e.label)
	return vg.Rectangle{
		Min: vg.Point{X: x, Y: baseline - ext.Descent},
		Max: vg.Point{X: x + w, Y: baseline + ext.Ascent},
	}, baseline
}

// draw draws the key with its top left at at: the number right-aligned in
// its column, bold, in the marker kind's colour, the time in the text
// colour and the label in the kind's colour.
func (k numberKey) draw(c draw.Canvas, at vg.Point) {
	for i, e := range k.entries {
		r, baseline := k.entryRect(i, at)
		sty := keyStyle(e.kind)
		if e.num != "" {
			num := sty
			num.Font = sans(legendSize, true)
			num.XAlign = draw.XRight
			c.FillText(num, vg.Point{X: r.Min.X + k.numW - keyFieldGap, Y: baseline}, e.num)
		}
		when := leftText(legendSize, false)
		c.FillText(when, vg.Point{X: r.Min.X + k.numW, Y: baseline}, e.when)
		c.FillText(sty, vg.Point{X: r.Min.X + k.numW + k.whenW, Y: baseline}, e.label)
	}
}

// instant returns how the numbered key writes time t: the clock ("07:50",
// with seconds when the span shown is under three hours, and the date
// when it crosses days: "16 Oct 07:50"), or the time since the start in
// the axis's unit ("12.5 min").
func (a TimeAxis) instant(t, xmin, xmax float64) string {
	span := xmax - xmin
	if !a.clock() {
		name, unit := relativeUnit(span)
		return formatFixed(math.Round(t/unit*100)/100, decimals(math.Round(t/unit*100)/100)) + " " + name
	}
	w := a.Start.Add(seconds(t)).In(a.location())
	layout := "15:04"
	if span < 3*3600 {
		layout = "15:04:05"
	}
	if !sameDay(a.Start.Add(seconds(xmin)).In(a.location()), a.Start.Add(seconds(xmax)).In(a.location())) {
		layout = "2 Jan " + layout
	}
	return w.Format(layout)
}
