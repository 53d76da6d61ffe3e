package plots

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestYRange(t *testing.T) {
	ref := 0.99
	neg := -2.0
	tests := []struct {
		name   string
		panel  Panel
		lo, hi float64
	}{
		{"fixed", Panel{YMin: 0.9, YMax: 1}, 0.9, 1},
		{"positive data start at 0, 5% headroom", Panel{Lines: []Line{{Y: []float64{20, 40}}}}, 0, 42},
		{"reference counts", Panel{Lines: []Line{{Y: []float64{0.2, 0.5}}}, Reference: &ref}, 0, 0.99 * 1.05},
		{"negative data end at 0", Panel{Lines: []Line{{Y: []float64{-10, -20}}}}, -21, 0},
		{"both signs", Panel{Lines: []Line{{Y: []float64{-10, 10}}}}, -11, 11},
		{"NaN ignored", Panel{Lines: []Line{{Y: []float64{math.NaN(), 10}}}}, 0, 10.5},
		{"no data", Panel{}, 0, 1},
		{"all zero", Panel{Lines: []Line{{Y: []float64{0, 0}}}}, 0, 1},
		{"negative reference", Panel{Lines: []Line{{Y: []float64{1}}}, Reference: &neg}, -2.15, 1.15},
		{"log: whole decades", Panel{LogY: true, Lines: []Line{{Y: []float64{3, 4000}}}}, 1, 1e4},
		{"log: zeros ignored", Panel{LogY: true, Lines: []Line{{Y: []float64{0, 0.05, 20}}}}, 0.01, 100},
		{"log: no positive data", Panel{LogY: true, Lines: []Line{{Y: []float64{0}}}}, 1, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := yRange(tt.panel)
			require.InDelta(t, tt.lo, lo, 1e-9)
			require.InDelta(t, tt.hi, hi, 1e-9)
		})
	}
}

func TestLinearTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		n        int
		want     []string
	}{
		{0, 1.05, 6, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 42000, 6, []string{"0", "10k", "20k", "30k", "40k"}},
		{0, 60000, 6, []string{"0", "10k", "20k", "30k", "40k", "50k", "60k"}},
		{0, 60000, 3, []string{"0", "20k", "40k", "60k"}},
		{0, 2.1, 2, []string{"0", "1", "2"}},
		{-11, 11, 4, []string{"-10", "-5", "0", "5", "10"}},
		{0, 2.5e7, 5, []string{"0", "5M", "10M", "15M", "20M", "25M"}},
		{0, 1500, 6, []string{"0", "250", "500", "750", "1000", "1250", "1500"}},
	}
	for _, tt := range tests {
		got := labels(linearTicks(tt.min, tt.max, tt.n))
		require.Equal(t, tt.want, got, "[%g, %g] n=%d", tt.min, tt.max, tt.n)
		require.LessOrEqual(t, len(got), tt.n+1)
	}
}

func TestLogTicks(t *testing.T) {
	ticks := logTicks(1, 1e5, 6)
	require.Equal(t, []string{"1", "10", "100", "1000", "10k", "100k"}, labels(ticks))
	require.Len(t, ticks, 6+5*8, "minor ticks at 2..9 of each decade")
	require.Equal(t, []string{"1", "100", "10k"}, labels(logTicks(1, 1e5, 3)))
	require.Equal(t, []string{"0.01", "0.1", "1"}, labels(logTicks(0.01, 1, 6)))
	many := logTicks(1e-6, 1e12, 6)
	require.Equal(t, []string{"1e-06", "0.001", "1", "1000", "1M", "1G", "1e+12"}, labels(many))
	for _, tk := range many {
		e := math.Log10(tk.Value)
		require.InDelta(t, math.Round(e), e, 1e-9, "only powers of ten over many decades")
	}
}
