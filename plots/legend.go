package plots

import (
	"fmt"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one row of a panel's legend.
type legendEntry struct {
	label string
	thumb plot.Thumbnailer // nil for a row of text only
}

// panelEntries returns the legend rows of a panel: its labelled lines, then
// its reference line.
func panelEntries(p Panel, lines []*series) []legendEntry {
	var es []legendEntry
	for i, l := range p.Lines {
		if l.Label != "" {
			es = append(es, legendEntry{label: l.Label, thumb: lines[i]})
		}
	}
	if p.Reference != nil {
		label := p.ReferenceLabel
		if label == "" {
			label = "reference " + strconv.FormatFloat(*p.Reference, 'g', 4, 64)
		}
		es = append(es, legendEntry{label: label, thumb: reference{value: *p.Reference}})
	}
	return es
}

// newLegend builds a legend of entries that is at most maxW wide and, if it
// can be, maxH tall: it shrinks the text from legendSize down to
// minLegendSize, then replaces the last rows by a "+N more" row. Labels that
// are too long end in an ellipsis. Its icons are on the left.
func newLegend(entries []legendEntry, maxW, maxH vg.Length) plot.Legend {
	size := float64(legendSize)
	for size > minLegendSize && legendExtent(buildLegend(entries, size, maxW)).Y > maxH {
		size -= 0.5
	}
	l := buildLegend(entries, size, maxW)
	for keep := len(entries) - 1; keep > 0 && legendExtent(l).Y > maxH; keep-- {
		rows := append(append([]legendEntry(nil), entries[:keep-1]...),
			legendEntry{label: fmt.Sprintf("+%d more", len(entries)-keep+1)})
		l = buildLegend(rows, size, maxW)
	}
	return l
}

// buildLegend returns a legend of entries in text of size points, with
// labels cut to fit maxW.
func buildLegend(entries []legendEntry, size float64, maxW vg.Length) plot.Legend {
	l := plot.NewLegend()
	l.TextStyle = leftText(size, false)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(26)
	l.Padding = vg.Points(size * 0.3)
	textW := maxW - l.ThumbnailWidth - l.TextStyle.Width(" ")
	for _, e := range entries {
		label := truncate(l.TextStyle, e.label, textW)
		if e.thumb == nil {
			l.Add(label)
		} else {
			l.Add(label, e.thumb)
		}
	}
	return l
}

// legendExtent returns the width and height of l.
func legendExtent(l plot.Legend) vg.Point {
	return l.Rectangle(draw.Canvas{}).Size()
}
