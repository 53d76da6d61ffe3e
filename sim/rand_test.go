package sim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStreamsAreIndependentOfEachOther(t *testing.T) {
	draw := func(s *Rand, n int) []uint64 {
		out := make([]uint64, n)
		for i := range out {
			out[i] = s.Uint64()
		}
		return out
	}
	a := NewStreams(42)
	x1 := draw(a.Stream("arrivals"), 10)
	// A new family with the same seed, another stream created and drawn
	// from first: "arrivals" must not change.
	b := NewStreams(42)
	_ = draw(b.Stream("new-component"), 1000)
	x2 := draw(b.Stream("arrivals"), 10)
	require.Equal(t, x1, x2)
	require.NotEqual(t, x1, draw(NewStreams(43).Stream("arrivals"), 10), "another seed")
	require.NotEqual(t, x1, draw(NewStreams(42).Stream("arrival"), 10), "another name")
}

func TestRandRanges(t *testing.T) {
	r := NewStreams(1).Stream("ranges")
	counts := make([]int, 7)
	for i := 0; i < 70000; i++ {
		f := r.Float64()
		require.True(t, f >= 0 && f < 1)
		counts[r.Intn(7)]++
	}
	for _, c := range counts {
		// Binomial(70000, 1/7): sd ~ 92; 6 sd.
		require.InDelta(t, 10000, c, 6*92)
	}
}

// TestDistributionMoments checks each distribution's sample mean (and
// variance where it is known) against its definition, with a tolerance of
// 5 standard errors of the estimate.
func TestDistributionMoments(t *testing.T) {
	must := func(d Dist, err error) Dist { require.NoError(t, err); return d }
	cases := []struct {
		name     string
		d        Dist
		mean, sd float64
	}{
		{"exponential", must(NewExponential(2.5)), 2.5, 2.5},
		{"uniform", must(NewUniform(1, 4)), 2.5, 3 / math.Sqrt(12)},
		{"normal", must(NewNormal(-3, 2)), -3, 2},
		{"lognormal", must(NewLognormal(2, 3)), 2, 3},
		{"deterministic", must(NewDeterministic(0.7)), 0.7, 0},
		{"empirical", must(NewEmpirical([]float64{1, 2, 3, 10})), 4, math.Sqrt((9 + 4 + 1 + 36) / 4.0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewStreams(99).Stream(c.name)
			const n = 200000
			sum, sum2 := 0.0, 0.0
			for i := 0; i < n; i++ {
				x := c.d.Sample(r)
				sum += x
				sum2 += x * x
			}
			mean := sum / n
			sd := math.Sqrt(sum2/n - mean*mean)
			require.InDelta(t, c.d.Mean(), c.mean, 1e-12)
			se := c.sd / math.Sqrt(n)
			if c.name == "lognormal" {
				se *= 3 // heavy tail: the sample sd itself is noisy
			}
			require.InDelta(t, c.mean, mean, 5*se+1e-9)
			require.InDelta(t, c.sd, sd, 0.05*c.sd+1e-5)
		})
	}
}

func TestDistributionConstructorsRejectBadParameters(t *testing.T) {
	_, err := NewExponential(0)
	require.ErrorContains(t, err, "mean must be > 0")
	_, err = NewExponential(math.NaN())
	require.ErrorContains(t, err, "finite")
	_, err = NewUniform(2, 1)
	require.ErrorContains(t, err, "greater than max")
	_, err = NewNormal(0, -1)
	require.ErrorContains(t, err, "stddev")
	_, err = NewLognormal(-1, 1)
	require.ErrorContains(t, err, "mean > 0")
	_, err = NewEmpirical(nil)
	require.ErrorContains(t, err, "at least one")
	_, err = NewDeterministic(math.Inf(1))
	require.ErrorContains(t, err, "finite")
}

func TestSampleTimeTruncatesAtZero(t *testing.T) {
	d, err := NewNormal(0, 1)
	require.NoError(t, err)
	r := NewStreams(3).Stream("n")
	for i := 0; i < 10000; i++ {
		require.GreaterOrEqual(t, SampleTime(d, r), Time(0))
	}
	require.Equal(t, Time(1500000000), Seconds(1.5))
}
