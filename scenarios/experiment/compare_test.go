package experiment

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

func comparePlan(t *testing.T, reps int, variants ...Variant) *Plan {
	t.Helper()
	b, _ := scenarios.LookupBuiltin("mm1")
	st := &Study{Scenario: "mm1", Sets: []string{"customers=3000"}, Design: Compare, Reps: reps, Variants: variants}
	p, err := NewPlan(st, "mm1", b.File, b.Data, PlanOptions{})
	require.NoError(t, err)
	return p
}

// TestComparisonPairsReplications: a variant equal to the baseline differs
// by exactly 0 in every figure (same seeds); a faster server lowers the
// time in system, with an interval that excludes 0.
func TestComparisonPairsReplications(t *testing.T) {
	t.Parallel()
	p := comparePlan(t, 5, Variant{Name: "same", Sets: []string{"mu=1"}}, Variant{Sets: []string{"mu=2"}})
	require.Equal(t, []string{"index", "combination", "replication", "variant", "seed"}, p.Header()[:5])
	var results []VariantResult
	cmp, err := p.NewComparer(func(v VariantResult) error { results = append(results, v); return nil })
	require.NoError(t, err)
	require.NoError(t, Execute(p, indices(0, p.Runs(), nil), ExecOptions{Workers: 2}, cmp.Add))
	require.Len(t, results, 2)
	require.Equal(t, "same", results[0].Combination.Label(p.Study))
	require.Equal(t, "mu=2", results[1].Combination.Label(p.Study))
	w := p.Column("components.server.mean_latency_s")
	require.GreaterOrEqual(t, w, 0)
	same := results[0].Figures[w]
	require.Equal(t, 5, same.N)
	require.Equal(t, 0.0, same.Diff.Mean)
	require.Equal(t, 0.0, same.Diff.Lo)
	faster := results[1].Figures[w]
	require.Less(t, faster.Variant, faster.Baseline)
	require.InDelta(t, faster.Variant-faster.Baseline, faster.Diff.Mean, 1e-9)
	require.Less(t, faster.Diff.Hi, 0.0, "the interval excludes no change")
	require.Equal(t, 5, cmp.BaselineRuns)
}

func TestCompareStudyRefuses(t *testing.T) {
	for msg, st := range map[string]*Study{
		"no variant":             {Scenario: "s", Design: Compare, Reps: 1},
		"not axes":               {Scenario: "s", Design: Compare, Reps: 1, Axes: []Axis{{Key: "a", Values: []string{"1"}}}, Variants: []Variant{{Sets: []string{"a=1"}}}},
		"would be the baseline":  {Scenario: "s", Design: Compare, Reps: 1, Variants: []Variant{{Name: "x"}}},
		"like another":           {Scenario: "s", Design: Compare, Reps: 1, Variants: []Variant{{Sets: []string{"a=1"}}, {Sets: []string{"a=1"}}}},
		"expected K=V":           {Scenario: "s", Design: Compare, Reps: 1, Variants: []Variant{{Sets: []string{"a"}}}},
		"belong to a comparison": {Scenario: "s", Design: Grid, Reps: 1, Axes: []Axis{{Key: "a", Values: []string{"1"}}}, Variants: []Variant{{Sets: []string{"a=1"}}}},
	} {
		err := st.Check()
		require.Error(t, err, msg)
		require.Contains(t, err.Error(), msg)
	}
}

func TestParseCompareStudy(t *testing.T) {
	st, err := ParseStudy("c.yaml", []byte("scenario: mm1\ndesign: compare\nvariants:\n  - name: fast\n    set: [mu=2]\n  - set: [mu=3, lambda=0.5]\nreps: 3\n"))
	require.NoError(t, err)
	require.Equal(t, []Variant{{Name: "fast", Sets: []string{"mu=2"}}, {Sets: []string{"mu=3", "lambda=0.5"}}}, st.Variants)
	_, err = ParseStudy("c.yaml", []byte("scenario: mm1\ndesign: compare\n"))
	require.ErrorContains(t, err, "c.yaml:1:1: variants: missing")
	_, err = ParseStudy("c.yaml", []byte("scenario: mm1\ndesign: compare\nvariants: [{name: x}]\n"))
	require.ErrorContains(t, err, "variants.0.set: missing")
}

func TestSeriesStats(t *testing.T) {
	var s SeriesStats
	s.Add([]float64{1, math.NaN(), 3})
	s.Add([]float64{3, 5, 5})
	mean, lo, hi := s.Estimates()
	require.Equal(t, []float64{2, 5, 4}, mean)
	require.True(t, math.IsNaN(lo[1]) && math.IsNaN(hi[1]), "one value: no interval")
	require.Less(t, lo[0], 2.0)
	require.Greater(t, hi[2], 4.0)
}
