package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/plots/charts"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

func (a *app) sensitivityCmd() *cobra.Command {
	f := &sweepFlags{}
	var outcome string
	cmd := &cobra.Command{
		Use:   "sensitivity (NAME|FILE --vary K=VALUES ... --outcome FIGURE | --study FILE) --out DIR [flags]",
		Short: "rank which params move an outcome most, one at a time around the baseline",
		Long: `Runs the baseline (the scenario with --set) and then each --vary axis's
values with every other axis at the baseline (one at a time), each --reps
times on shared seeds, into a study folder like cascade sweep's (resumable,
byte-identical whatever the workers). Then ranks the axes by how far they move
--outcome (a column of runs.csv, e.g. outage.duration_s): the range of its
mean over the axis's values, with each end's 95% interval, printed as a table
and drawn as plots/tornado.png. A --with axis moves with the --vary before it.`,
		Example: `  cascade sensitivity exchange-2022-12-02 --vary token_retries=0,1,2,3 --vary legacy_share=0,0.15,0.3,0.45 \
    --vary unit_b_capacity=1,2 --outcome populations.japan.availability --reps 5 --out out/exchange-sens`,
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.study == "" && outcome == "" {
				return usagef("--outcome FIGURE is required: the figure to rank the params by (a column of runs.csv, e.g. outage.duration_s)")
			}
			if outcome != "" {
				f.plot = []string{outcome}
				_ = cmd.Flags().Set("plot", outcome)
			}
			return a.sweep(cmd, args, f, experiment.OneAtATime)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	addStudyFlags(fs, &f.studyFlags)
	_ = fs.MarkHidden("plot")
	fs.StringVar(&outcome, "outcome", "", "the figure to rank the params by (a column of runs.csv)")
	addStudyRunFlags(cmd, f)
	return cmd
}

// effect is one axis group's effect on the outcome in a one-at-a-time
// study.
type effect struct {
	label     string
	lowLabel  string
	highLabel string
	low, high experiment.Estimate
	rng       float64 // max - min of the means over the group's values
}

// effects ranks the groups of a one-at-a-time study by the range of the
// outcome's mean, largest first; cell 0 is the baseline.
func effects(p *experiment.Plan, cells *plotCells) (experiment.Estimate, []effect) {
	st := p.Study
	base := cells.cells[0].Figures[0]
	var out []effect
	next := 1
	for _, d := range studyDims(st) {
		n := len(d.ticks)
		group := cells.cells[next : next+n]
		next += n
		lo, hi := 0, n-1
		if d.x != nil {
			for i := range d.x {
				if d.x[i] < d.x[lo] {
					lo = i
				}
				if d.x[i] > d.x[hi] {
					hi = i
				}
			}
		}
		e := effect{label: d.label(st), lowLabel: "=" + d.ticks[lo], highLabel: "=" + d.ticks[hi],
			low: group[lo].Figures[0], high: group[hi].Figures[0]}
		minMean, maxMean := math.Inf(1), math.Inf(-1)
		for _, c := range group {
			if m := c.Figures[0].Mean; !math.IsNaN(m) {
				minMean, maxMean = min(minMean, m), max(maxMean, m)
			}
		}
		e.rng = maxMean - minMean
		if math.IsInf(e.rng, 0) {
			e.rng = math.NaN()
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].rng, out[j].rng
		if math.IsNaN(b) {
			return !math.IsNaN(a)
		}
		return a > b
	})
	return base, out
}

// writeTornado draws plots/tornado of a one-at-a-time study.
func writeTornado(p *experiment.Plan, folder *studyFolder, cells *plotCells, formats []string) ([]string, []string, error) {
	base, effs := effects(p, cells)
	if math.IsNaN(base.Mean) {
		return nil, []string{"no tornado: the baseline's runs do not report " + cells.figures[0]}, nil
	}
	t := charts.Tornado{
		Title:        fmt.Sprintf("%s: what moves %s\none param at a time; mean, 95%% interval, %d runs each", p.Scenario, cells.figures[0], p.Study.Reps),
		OutcomeLabel: cells.figures[0],
		Baseline:     base.Mean,
	}
	for _, e := range effs {
		t.Bars = append(t.Bars, charts.TornadoBar{Param: e.label, LowLabel: e.lowLabel, HighLabel: e.highLabel,
			Low: e.low.Mean, High: e.high.Mean, LowLo: e.low.Lo, LowHi: e.low.Hi, HighLo: e.high.Lo, HighHi: e.high.Hi})
	}
	var written []string
	for _, format := range formats {
		b, err := charts.RenderTornado(t, format)
		if err != nil {
			return nil, nil, fmt.Errorf("plotting the tornado: %w", err)
		}
		name := plotsDir + "/tornado." + format
		if err := folder.writeAtomic(name, b); err != nil {
			return nil, nil, err
		}
		written = append(written, name)
	}
	return written, nil, nil
}

// printEffects prints the ranking of a one-at-a-time study.
func printEffects(w io.Writer, p *experiment.Plan, cells *plotCells) {
	base, effs := effects(p, cells)
	fmt.Fprintf(w, "%s at the baseline: %s\n", cells.figures[0], estimateText(base))
	fmt.Fprintf(w, "ranked by the range of its mean over each param's values:\n")
	width := 0
	for _, e := range effs {
		width = max(width, len(e.label))
	}
	for i, e := range effs {
		fmt.Fprintf(w, "  %d. %-*s  range %s   %s: %s   %s: %s\n", i+1, width, e.label, strconv.FormatFloat(e.rng, 'g', 4, 64),
			e.lowLabel[1:], estimateText(e.low), e.highLabel[1:], estimateText(e.high))
	}
}
