package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/vg"

	"github.com/cascade-sim/cascade/plots"
)

// flatShare is how little a panel's data may move, as a share of its
// scale, and still be left out: a latency at 5 ms give or take noise (a
// change that matters, a queue building, is larger) or a utilisation
// that never leaves 0 say nothing a line of text does not.
const flatShare = 0.1

// flatRange says whether every line of p stays within flatShare of the
// panel's scale (its fixed top, or its largest magnitude), and the range;
// or, noisy, whether 90% of its values are noise about a level (their
// 5th and 95th percentiles, returned as lo and hi, within noiseFactor). A
// panel without data is flat, with lo = +Inf and hi = -Inf.
func flatRange(p plots.Panel) (flat bool, lo, hi float64, noisy bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, l := range p.Lines {
		for _, v := range l.Y {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return true, lo, hi, false // no data at all: lo is +Inf
	}
	scale := math.Max(math.Abs(lo), math.Abs(hi))
	if p.YMax != 0 || p.YMin != 0 {
		scale = math.Max(math.Abs(p.YMax), math.Abs(p.YMin))
	}
	if hi-lo <= flatShare*scale {
		return true, lo, hi, false
	}
	if q05, q95 := quantiles(p); q05 > 0 && q95 <= noiseFactor*q05 {
		return true, q05, q95, true
	}
	return false, lo, hi, false
}

// noiseFactor is how far apart the 5th and 95th percentiles of a
// panel's positive values may be, as a factor, for the panel to be noise
// about a level (Kakao's latencies, 20 ms give or take a few, over six
// days): a change that matters, a queue building or requests timing out
// for more than a twentieth of the run, moves them further.
const noiseFactor = 1.5

// quantiles returns the 5th and 95th percentiles of the finite values of
// p's lines (NaN without any).
func quantiles(p plots.Panel) (q05, q95 float64) {
	var vs []float64
	for _, l := range p.Lines {
		for _, v := range l.Y {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				vs = append(vs, v)
			}
		}
	}
	if len(vs) == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(vs)
	return stat.Quantile(0.05, stat.Empirical, vs, nil), stat.Quantile(0.95, stat.Empirical, vs, nil)
}

// dropFlatPanels leaves out the panels with no data at all (no line, or
// only NaN), keeping at least one, and the panels after the first whose
// data stay flat, and says so in a line under the figure's title.
func dropFlatPanels(fig plots.Figure) plots.Figure {
	if len(fig.Panels) < 2 {
		return fig
	}
	var kept []plots.Panel
	var notes []string
	for i, p := range fig.Panels {
		flat, lo, hi, noisy := flatRange(p)
		empty := flat && math.IsInf(lo, 1)
		last := i == len(fig.Panels)-1 && len(kept) == 0
		if !flat || last || (len(kept) == 0 && !empty) {
			kept = append(kept, p)
			continue
		}
		name := panelName(p)
		if empty {
			notes = append(notes, name+": no data")
			continue
		}
		format := num3
		if p.YMin == 0 && p.YMax > 0 && p.YMax <= 1.05 { // a share
			format = func(v float64) string { return num3(100*v) + "%" }
		} else if p.YLabel == "seconds" {
			format = func(v float64) string { return spoken(time.Duration(v * 1e9)) }
		}
		switch {
		case noisy:
			notes = append(notes, fmt.Sprintf("%s between %s and %s for 90%% of the time", name, format(lo), format(hi)))
		case lo == hi:
			notes = append(notes, fmt.Sprintf("%s %s throughout", name, format(lo)))
		default:
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

// panelName names a panel in a note: its title in lower case without a
// trailing parenthesis, else its y label, else "a panel".
func panelName(p plots.Panel) string {
	name := p.Title
	if name == "" {
		name = p.YLabel
	}
	if name == "" {
		return "a panel"
	}
	r := []rune(name)
	name = strings.ToLower(string(r[:1])) + string(r[1:])
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	return name
}

func num3(v float64) string { return trimZeros(fmt.Sprintf("%.3g", v)) }
