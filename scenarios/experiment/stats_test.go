package experiment

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTInterval checks against textbook values: for 1..5, mean 3, sd
// √2.5, t(4, 0.975) = 2.776445.
func TestTInterval(t *testing.T) {
	e := estimateOf([]float64{1, 2, 3, 4, 5}, false)
	require.Equal(t, 5, e.N)
	require.InDelta(t, 3, e.Mean, 1e-12)
	require.InDelta(t, math.Sqrt(2.5), e.SD, 1e-12)
	half := 2.776445105 * math.Sqrt(2.5) / math.Sqrt(5)
	require.InDelta(t, 3-half, e.Lo, 1e-8)
	require.InDelta(t, 3+half, e.Hi, 1e-8)
	var a accumulator
	for _, v := range []float64{1, 2, 3, 4, 5} {
		a.add(v)
	}
	streamed := a.estimate(false)
	require.InDelta(t, e.Lo, streamed.Lo, 1e-12, "Welford agrees with the two-pass formulas")

	one := estimateOf([]float64{7}, false)
	require.Equal(t, 7.0, one.Mean)
	require.True(t, math.IsNaN(one.SD) && math.IsNaN(one.Lo) && math.IsNaN(one.Hi), "no interval from one value")
	none := estimateOf(nil, false)
	require.True(t, math.IsNaN(none.Mean))
}

// TestWilsonInterval checks against published values (Newcombe 1998:
// 81 of 263 gives 0.2553 to 0.3662; 0 of 10 gives 0 to 0.2775).
func TestWilsonInterval(t *testing.T) {
	lo, hi := wilsonInterval(81.0/263, 263)
	require.InDelta(t, 0.2553, lo, 1e-4)
	require.InDelta(t, 0.3662, hi, 1e-4)
	lo, hi = wilsonInterval(0, 10)
	require.Equal(t, 0.0, lo)
	require.InDelta(t, 0.2775, hi, 1e-4)
	lo, hi = wilsonInterval(1, 10)
	require.InDelta(t, 0.7225, lo, 1e-4)
	require.Equal(t, 1.0, hi)
	e := estimateOf([]float64{1, 0, 1, 1}, true)
	require.Equal(t, Wilson, e.Interval)
	require.Equal(t, 0.75, e.Mean)
	require.True(t, e.Lo < 0.75 && e.Hi > 0.75)
}
