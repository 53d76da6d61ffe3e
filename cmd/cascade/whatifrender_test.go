package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWhatIfCell(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name   string
		format whatIfFormat
		e      whatIfEstimate
		want   string
	}{
		{"no run reported it", ratioFormat, whatIfEstimate{N: 0, Mean: nan, SD: nan, Lo: nan, Hi: nan}, "–"},
		{"one run", ratioFormat, whatIfEstimate{N: 1, Mean: 43.94, SD: nan, Lo: nan, Hi: nan}, "43.9x"},
		{"ratio", ratioFormat, whatIfEstimate{N: 10, Mean: 43.94, SD: 1, Lo: 43.2, Hi: 44.66}, "43.9x [43.2, 44.7]"},
		{"degenerate after rounding", percentFormat, whatIfEstimate{N: 10, Mean: 0.83, SD: 1e-5, Lo: 0.82999, Hi: 0.83001}, "83.0%"},
		{"clipped to 100%", availabilityFormat, whatIfEstimate{N: 10, Mean: 0.99995, SD: 1e-4, Lo: 0.9998, Hi: 1.0001}, "99.995% [99.980, 100.000]"},
		{"availability near 99%", availabilityFormat, whatIfEstimate{N: 10, Mean: 0.9947, SD: 1e-3, Lo: 0.9940, Hi: 0.9954}, "99.47% [99.40, 99.54]"},
		{"minutes", minutesFormat, whatIfEstimate{N: 10, Mean: 579 * 60, SD: 60, Lo: 575 * 60, Hi: 583 * 60}, "579 min [575, 583]"},
		{"minutes clipped at 0", minutesFormat, whatIfEstimate{N: 10, Mean: 30, SD: 60, Lo: -13, Hi: 73}, "0.5 min [0.0, 1.2]"},
		{"none", minutesFormat, whatIfEstimate{N: 10, Mean: 0, SD: 0, Lo: 0, Hi: 0}, "none"},
		{"hours", hoursFormat, whatIfEstimate{N: 10, Mean: 10.7 * 3600, SD: 100, Lo: 10.6 * 3600, Hi: 10.8 * 3600}, "10.7 h [10.6, 10.8]"},
		{"count", countFormat, whatIfEstimate{N: 10, Mean: 2409740.4, SD: 1e4, Lo: 2401000, Hi: 2418480}, "2,409,740 [2,401,000, 2,418,480]"},
		{"small count", countFormat, whatIfEstimate{N: 10, Mean: 86, SD: 3, Lo: 84, Hi: 88}, "86 [84, 88]"},
		{"all metastable", verdictFormat, whatIfEstimate{N: 10, Mean: 1, SD: 0, Lo: 0.7, Hi: 1}, "metastable"},
		{"none metastable", verdictFormat, whatIfEstimate{N: 10, Mean: 0, SD: 0, Lo: 0, Hi: 0.3}, "recovers"},
		{"some metastable", verdictFormat, whatIfEstimate{N: 10, Mean: 0.3, SD: 0.5, Lo: 0.1, Hi: 0.6}, "metastable in 3 of 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.format.cell(tt.e))
		})
	}
}

func TestTEstimate(t *testing.T) {
	t.Parallel()
	e := tEstimate([]float64{1, 2, 3, 4})
	require.Equal(t, 4, e.N)
	require.InDelta(t, 2.5, e.Mean, 1e-12)
	require.InDelta(t, 1.2909944, e.SD, 1e-6)
	// t(3) 0.975 quantile 3.182446: half width 3.1824463 * 1.2909944 / 2 = 2.0542603.
	require.InDelta(t, 2.5-2.0542603, e.Lo, 1e-5)
	require.InDelta(t, 2.5+2.0542603, e.Hi, 1e-5)
	require.True(t, math.IsNaN(tEstimate(nil).Mean))
	require.True(t, math.IsNaN(tEstimate([]float64{5}).Lo))
}

// The retry-storm table rendered from a checked-in compare folder (10
// replications) against its golden file: go test ./cmd/cascade -run
// TestWhatIfTableRender -update refreshes it.
func TestWhatIfTableRender(t *testing.T) {
	t.Parallel()
	var w whatIfTable
	for _, x := range whatIfTables {
		if x.study == "retry-storm-whatifs" {
			w = x
		}
	}
	require.NotEmpty(t, w.study)
	r := readWhatIfResults(t, filepath.Join("testdata", "whatifs", w.study))
	got := w.render(t, r)
	golden := filepath.Join("testdata", "whatifs", w.study+".md")
	if *update && *whatIfsDir == "" {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), got)
	// A sum over paths reads runs.csv: a path summed with itself is twice
	// compare.json's estimate, interval and all.
	one := r.estimate(t, r.rec.Baseline, col("", countFormat, "populations.users.failed"))
	two := r.estimate(t, r.rec.Baseline, col("", countFormat, "populations.users.failed", "populations.users.failed"))
	require.Equal(t, 10, two.N)
	require.InDelta(t, 2*one.Mean, two.Mean, 1e-6*one.Mean)
	require.InDelta(t, 2*one.Lo, two.Lo, 1e-6*one.Mean)
	require.InDelta(t, 2*one.Hi, two.Hi, 1e-6*one.Mean)
}
