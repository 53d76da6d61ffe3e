package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/cascade-sim/cascade/plots"
)

// flatShare is how little a panel's data may move, as a share of its
// scale, and still be left out: a latency at 5 ms give or take noise (a
// change that matters, a queue building, is larger) or a utilisation
// that never leaves 0 say nothing a line of text does not.
const flatShare = 0.1

// flatRange says whether every line of p stays within flatShare of the
// panel's scale (its fixed top, or its largest magnitude), and the range.
func flatRange(p plots.Panel) (flat bool, lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, l := range p.Lines {
		for _, v := range l.Y {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return true, 0, 0 // no data at all
	}
	scale := math.Max(math.Abs(lo), math.Abs(hi))
	if p.YMax != 0 || p.YMin != 0 {
		scale = math.Max(math.Abs(p.YMax), math.Abs(p.YMin))
	}
	return hi-lo <= flatShare*scale, lo, hi
}

// dropFlatPanels leaves out the panels after the first whose data stay
// flat, and says so in a line under the figure's title.
func dropFlatPanels(fig plots.Figure) plots.Figure {
	if len(fig.Panels) < 2 {
		return fig
	}
	kept := fig.Panels[:1:1]
	var notes []string
	for _, p := range fig.Panels[1:] {
		flat, lo, hi := flatRange(p)
		if !flat {
			kept = append(kept, p)
			continue
		}
		name := strings.ToLower(p.Title[:1]) + p.Title[1:]
		if i := strings.Index(name, " ("); i > 0 {
			name = name[:i]
		}
		format := num3
		if p.YMin == 0 && p.YMax > 0 && p.YMax <= 1.05 { // a share
			format = func(v float64) string { return num3(100*v) + "%" }
		} else if p.YLabel == "seconds" {
			format = func(v float64) string { return spoken(time.Duration(v * 1e9)) }
		}
		if lo == hi {
			notes = append(notes, fmt.Sprintf("%s %s throughout", name, format(lo)))
		} else {
			notes = append(notes, fmt.Sprintf("%s between %s and %s throughout", name, format(lo), format(hi)))
		}
	}
	if len(notes) > 0 {
		fig.Title += "\n(not drawn: " + strings.Join(notes, "; ") + ")"
		if fig.Height == 0 {
			// Keep the figure's size: the panels left get the room (and the
			// top panel's lane of event labels its rows).
			fig.Height = plots.DefaultPanelHeight*vg.Length(len(fig.Panels)) + plots.ExtraHeight
		}
	}
	fig.Panels = kept
	return fig
}

func num3(v float64) string { return trimZeros(fmt.Sprintf("%.3g", v)) }
