package plots

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecimateKeepsShortSeries(t *testing.T) {
	x := []float64{0, 1, 2, 3}
	y := []float64{5, 6, 7, 8}
	dx, dy := decimate(x, y, 0, 3, 1)
	require.Equal(t, x, dx)
	require.Equal(t, y, dy)
}

// TestDecimateKeepsExtremesPerColumn: a 100k-point noisy series with one
// one-sample spike, thinned to 500 columns, keeps at most 4 points a
// column, keeps every column's lowest and highest value (so the spike),
// and keeps the points in order.
func TestDecimateKeepsExtremesPerColumn(t *testing.T) {
	const n, cols = 100_000, 500
	rng := rand.New(rand.NewPCG(7, 7))
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
		y[i] = rng.NormFloat64()
	}
	y[43_210] = 1000
	dx, dy := decimate(x, y, 0, n, cols)
	require.LessOrEqual(t, len(dx), 4*(cols+2))
	require.Contains(t, dy, 1000.0)
	require.Equal(t, x[0], dx[0])
	require.Equal(t, x[n-1], dx[len(dx)-1])
	for i := 1; i < len(dx); i++ {
		require.Less(t, dx[i-1], dx[i], "points stay in order")
	}
	width := float64(n) / cols
	for c := 0; c < cols; c++ {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := int(float64(c) * width); i < int(float64(c+1)*width); i++ {
			lo, hi = math.Min(lo, y[i]), math.Max(hi, y[i])
		}
		dlo, dhi := math.Inf(1), math.Inf(-1)
		for i, v := range dx {
			if int(v/width) == c {
				dlo, dhi = math.Min(dlo, dy[i]), math.Max(dhi, dy[i])
			}
		}
		require.Equal(t, lo, dlo, "column %d min", c)
		require.Equal(t, hi, dhi, "column %d max", c)
	}
}

func TestDecimateOutsideRange(t *testing.T) {
	x := make([]float64, 1000)
	y := make([]float64, 1000)
	for i := range x {
		x[i] = float64(i)
		y[i] = float64(i % 7)
	}
	// Only [400, 600] is shown on 10 columns: everything left and right
	// collapses into one column each.
	dx, _ := decimate(x, y, 400, 600, 10)
	require.LessOrEqual(t, len(dx), 4*12)
	require.Equal(t, 0.0, dx[0])
	require.Equal(t, 999.0, dx[len(dx)-1])
}
