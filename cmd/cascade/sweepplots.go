package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/plots/charts"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// maxBandSeries is the most lines a band chart of two axes gets; beyond it
// only the heatmap is drawn.
const maxBandSeries = 8

// studyDim is one dimension of a grid: an axis and those in lockstep with
// it.
type studyDim struct {
	axes  []int // indices into the study's axes
	ticks []string
	x     []float64 // the first axis's values as numbers, nil if not all are
}

func studyDims(st *experiment.Study) []studyDim {
	var dims []studyDim
	for i, a := range st.Axes {
		if a.Lockstep && len(dims) > 0 {
			d := &dims[len(dims)-1]
			d.axes = append(d.axes, i)
			for v := range d.ticks {
				d.ticks[v] += " / " + a.Values[v]
			}
			continue
		}
		d := studyDim{axes: []int{i}, ticks: append([]string(nil), a.Values...)}
		for _, v := range a.Values {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				d.x = nil
				break
			}
			d.x = append(d.x, x)
		}
		dims = append(dims, d)
	}
	return dims
}

// label names a dimension: its first axis's key, and those in lockstep
// with it ("lambda (with servers)").
func (d studyDim) label(st *experiment.Study) string {
	first := st.Axes[d.axes[0]].Key
	if len(d.axes) == 1 {
		return first
	}
	rest := make([]string, 0, len(d.axes)-1)
	for _, a := range d.axes[1:] {
		rest = append(rest, st.Axes[a].Key)
	}
	return first + " (with " + strings.Join(rest, ", ") + ")"
}

// logSpaced says whether values are all positive and span two decades or
// more: they read better on a log axis.
func logSpaced(x []float64) bool {
	lo, hi := math.Inf(1), 0.0
	for _, v := range x {
		if v <= 0 {
			return false
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi/lo >= 100
}

// plotFileName makes a figure's path a file name.
func plotFileName(figure string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r) {
			return r
		}
		return '_'
	}, figure)
}

// writeStudyPlots draws each plotted figure against the axes of a grid:
// with one dimension a line with its 95% band; with two, lines for each
// value of the first (up to maxBandSeries) and a heatmap. It returns the
// files written and notes on what was not drawn.
func writeStudyPlots(p *experiment.Plan, folder *studyFolder, cells *plotCells, formats []string) ([]string, []string, error) {
	if len(formats) == 0 || len(cells.figures) == 0 {
		return nil, nil, nil
	}
	st := p.Study
	if st.Design != experiment.Grid {
		return nil, nil, nil
	}
	dims := studyDims(st)
	if len(dims) > 2 {
		return nil, []string{fmt.Sprintf("no plots: the study has %d dimensions; plots show 1 or 2 (fix the others with --set)", len(dims))}, nil
	}
	var written, notes []string
	for k, fig := range cells.figures {
		share := cells.cells[0].Figures[k].Interval == experiment.Wilson
		what, cellWhat := "mean and 95% t interval", "mean"
		if share {
			what, cellWhat = "share of runs and 95% Wilson interval", "share of runs"
		}
		title := fmt.Sprintf("%s: %s\n%s over %d replications per point", p.Scenario, fig, what, st.Reps)
		ylabel := fig
		if share {
			ylabel = fig + " (share of runs)"
		}
		est := func(c int) experiment.Estimate { return cells.cells[c].Figures[k] }
		var charts2 []namedChart
		switch len(dims) {
		case 1:
			d := dims[0]
			if d.x == nil {
				heat := fmt.Sprintf("%s: %s\n%s over %d replications per cell", p.Scenario, fig, cellWhat, st.Reps)
				charts2 = append(charts2, heatmapChart(heat, d.label(st), "", ylabel, d.ticks, []string{""}, share,
					func(row, col int) experiment.Estimate { return est(col) }, plotFileName(fig)))
				break
			}
			charts2 = append(charts2, bandChart(title, d.label(st), ylabel, d.x, share, []bandLine{{"", func(i int) experiment.Estimate { return est(i) }}}, plotFileName(fig)))
		case 2:
			rows, cols := dims[0], dims[1]
			if cols.x != nil && len(rows.ticks) <= maxBandSeries {
				var lines []bandLine
				for r := range rows.ticks {
					lines = append(lines, bandLine{rows.label(st) + "=" + rows.ticks[r], func(i int) experiment.Estimate { return est(r*len(cols.ticks) + i) }})
				}
				charts2 = append(charts2, bandChart(title, cols.label(st), ylabel, cols.x, share, lines, plotFileName(fig)))
			}
			heat := fmt.Sprintf("%s: %s\n%s over %d replications per cell", p.Scenario, fig, cellWhat, st.Reps)
			charts2 = append(charts2, heatmapChart(heat, cols.label(st), rows.label(st), ylabel, cols.ticks, rows.ticks, share,
				func(row, col int) experiment.Estimate { return est(row*len(cols.ticks) + col) }, plotFileName(fig)+"-heatmap"))
		}
		for _, c := range charts2 {
			for _, format := range formats {
				b, err := c.render(format)
				if err != nil {
					return nil, nil, fmt.Errorf("plotting %s: %w", fig, err)
				}
				name := plotsDir + "/" + c.name + "." + format
				if err := folder.writeAtomic(name, b); err != nil {
					return nil, nil, err
				}
				written = append(written, name)
			}
		}
	}
	return written, notes, nil
}

// namedChart is a chart to render under a file name.
type namedChart struct {
	name   string
	render func(format string) ([]byte, error)
}

// bandLine is one line of a band chart: its label and its estimate at
// each x.
type bandLine struct {
	label string
	at    func(i int) experiment.Estimate
}

func bandChart(title, xlabel, ylabel string, x []float64, share bool, lines []bandLine, name string) namedChart {
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
	c := charts.BandChart{Title: title, XLabel: xlabel, YLabel: ylabel, LogX: logSpaced(x)}
	if share {
		c.YMin, c.YMax = 0, 1
	}
	for _, l := range lines {
		s := charts.BandSeries{Label: l.label}
		for _, i := range order {
			e := l.at(i)
			s.X = append(s.X, x[i])
			s.Mean = append(s.Mean, e.Mean)
			s.Lo = append(s.Lo, e.Lo)
			s.Hi = append(s.Hi, e.Hi)
		}
		c.Series = append(c.Series, s)
	}
	return namedChart{name, func(format string) ([]byte, error) { return charts.RenderBand(c, format) }}
}

func heatmapChart(title, xlabel, ylabel, zlabel string, xticks, yticks []string, share bool,
	at func(row, col int) experiment.Estimate, name string) namedChart {
	h := charts.Heatmap{Title: title, XLabel: xlabel, YLabel: ylabel, ZLabel: zlabel, XTicks: xticks, YTicks: yticks, Annotate: true}
	if share {
		lo, hi := 0.0, 1.0
		h.ZMin, h.ZMax = &lo, &hi
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for r := range yticks {
		row := make([]float64, len(xticks))
		for c := range xticks {
			row[c] = at(r, c).Mean
			if !math.IsNaN(row[c]) {
				lo, hi = min(lo, row[c]), max(hi, row[c])
			}
		}
		h.Z = append(h.Z, row)
	}
	if !share && lo == hi {
		// One value everywhere: a scale from 0 to it, not a sliver around it.
		zlo, zhi := min(0, lo), max(0, hi)
		if zlo == zhi {
			zhi = zlo + 1
		}
		h.ZMin, h.ZMax = &zlo, &zhi
	}
	return namedChart{name, func(format string) ([]byte, error) { return charts.RenderHeatmap(h, format) }}
}
