package experiment

import (
	"fmt"
	"math"
)

// Difference is one figure of a variant against the baseline, over the
// replications where both runs succeeded and reported it: the runs of a
// pair share their seed, so the difference is not seed noise.
type Difference struct {
	// N is the number of pairs.
	N int
	// Baseline and Variant are the figure's means over the pairs.
	Baseline, Variant float64
	// Diff is the paired difference, variant minus baseline, with its 95%
	// Student t interval (NaN with fewer than two pairs). For a
	// yes-or-no figure it is the difference of shares.
	Diff Estimate
}

// VariantResult is one variant of a comparison.
type VariantResult struct {
	// Combination is the variant's combination (1 for the first variant).
	Combination Combination
	// Runs and Failed count its runs and the failed ones.
	Runs, Failed int
	// Figures holds one difference per column of the plan.
	Figures []Difference
}

// Comparer pairs each variant's rows with the baseline's, in index order:
// the baseline's rows (combination 0) come first and are kept, one value
// per replication and column; each variant is then summarised as its rows
// come.
type Comparer struct {
	plan *Plan
	base [][]float64 // [replication][column], NaN where absent or failed
	// the variant under way
	cell      int
	runs      int
	failed    int
	diffs     [][]float64 // [column][pair]
	baseSum   []float64
	variantSu []float64
	emit      func(VariantResult) error
	// BaselineRuns and BaselineFailed count the baseline's runs.
	BaselineRuns, BaselineFailed int
}

// NewComparer returns a comparer of a comparison's rows that hands each
// variant's result to emit.
func (p *Plan) NewComparer(emit func(VariantResult) error) (*Comparer, error) {
	if p.Study.Design != Compare {
		return nil, fmt.Errorf("a comparer needs a comparison, not design %s", p.Study.Design)
	}
	c := &Comparer{plan: p, emit: emit, base: make([][]float64, p.Study.Reps)}
	c.reset()
	return c, nil
}

func (c *Comparer) reset() {
	n := len(c.plan.Columns)
	c.diffs = make([][]float64, n)
	c.baseSum, c.variantSu = make([]float64, n), make([]float64, n)
	c.runs, c.failed = 0, 0
}

// Add takes the next row, in index order.
func (c *Comparer) Add(r Row) error {
	reps := c.plan.Study.Reps
	cell, rep := r.Index/reps, r.Index%reps
	if cell != c.cell || rep != c.runs {
		return fmt.Errorf("comparison: run %d comes where run %d should", r.Index, c.cell*reps+c.runs)
	}
	values := r.Values
	if !r.OK() {
		values = nil
	}
	c.runs++
	if !r.OK() {
		c.failed++
	}
	if cell == 0 {
		c.base[rep] = values
		c.BaselineRuns, c.BaselineFailed = c.runs, c.failed
		if c.runs == reps {
			c.cell++
			c.reset()
		}
		return nil
	}
	if values != nil && c.base[rep] != nil {
		for j, v := range values {
			b := c.base[rep][j]
			if math.IsNaN(v) || math.IsNaN(b) {
				continue
			}
			c.diffs[j] = append(c.diffs[j], v-b)
			c.baseSum[j] += b
			c.variantSu[j] += v
		}
	}
	if c.runs < reps {
		return nil
	}
	res := VariantResult{Combination: c.plan.Combinations[cell], Runs: c.runs, Failed: c.failed, Figures: make([]Difference, len(c.diffs))}
	for j, d := range c.diffs {
		n := len(d)
		diff := Difference{N: n, Baseline: math.NaN(), Variant: math.NaN(), Diff: estimateOf(d, false)}
		if n > 0 {
			diff.Baseline, diff.Variant = c.baseSum[j]/float64(n), c.variantSu[j]/float64(n)
		}
		res.Figures[j] = diff
	}
	c.cell++
	c.reset()
	return c.emit(res)
}

// SeriesStats gathers one time series over replications, step by step:
// the mean and 95% t interval at each step over the replications that
// have a value there (NaN: no data).
type SeriesStats struct {
	acc []accumulator
}

// Add takes one replication's series, in replication order.
func (s *SeriesStats) Add(values []float64) {
	if len(values) > len(s.acc) {
		s.acc = append(s.acc, make([]accumulator, len(values)-len(s.acc))...)
	}
	for i, v := range values {
		if !math.IsNaN(v) {
			s.acc[i].add(v)
		}
	}
}

// Estimates returns the mean, low and high ends per step.
func (s *SeriesStats) Estimates() (mean, lo, hi []float64) {
	mean, lo, hi = make([]float64, len(s.acc)), make([]float64, len(s.acc)), make([]float64, len(s.acc))
	for i := range s.acc {
		e := s.acc[i].estimate(false)
		mean[i], lo[i], hi[i] = e.Mean, e.Lo, e.Hi
	}
	return mean, lo, hi
}

// BaselineMean is column j's mean over the baseline's successful runs that
// report it; NaN if none.
func (c *Comparer) BaselineMean(j int) float64 {
	if j < 0 {
		return math.NaN()
	}
	var a accumulator
	for _, row := range c.base {
		if row != nil && !math.IsNaN(row[j]) {
			a.add(row[j])
		}
	}
	return a.estimate(false).Mean
}
