package retry

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

func mustBackoff(t testing.TB, cfg BackoffConfig) *Backoff {
	t.Helper()
	b, err := NewBackoff(cfg)
	require.NoError(t, err)
	return b
}

// drawStats draws n delays from draw and returns their min, max and mean
// in nanoseconds.
func drawStats(n int, draw func() sim.Time) (lo, hi, mean float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	var sum float64
	for i := 0; i < n; i++ {
		d := float64(draw())
		lo, hi = min(lo, d), max(hi, d)
		sum += d
	}
	return lo, hi, sum / float64(n)
}

// Each jitter, over many draws at each retry number, stays in the range
// its definition gives and has the mean it gives, within 5 standard errors
// of a uniform of that width; the draws also reach both ends of the range
// (within 1% of its width), so the range is not narrower than defined.
func TestBackoffJitterRangesAndMeans(t *testing.T) {
	const draws = 20000
	base, capd := 10*time.Millisecond, time.Second
	// lo, hi and mean as fractions of v, the delay before jitter.
	cases := []struct {
		jitter       JitterKind
		lo, hi, mean float64
	}{
		{NoJitter, 1, 1, 1},
		{Full, 0, 1, 0.5},
		{Equal, 0.5, 1, 0.75},
		{GRPC, 0.8, 1.2, 1},
	}
	for _, c := range cases {
		t.Run(c.jitter.String(), func(t *testing.T) {
			b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: base, Cap: capd, Jitter: c.jitter})
			r := newRand(1, "backoff")
			for n := 1; n <= 10; n++ {
				v := float64(min(capd, base<<(n-1)))
				lo, hi, mean := drawStats(draws, func() sim.Time { return b.Delay(n, 0, r) })
				width := (c.hi - c.lo) * v
				se := width / math.Sqrt(12) / math.Sqrt(draws)
				require.GreaterOrEqual(t, lo, c.lo*v-1, "n=%d: below the range", n)
				require.LessOrEqual(t, hi, c.hi*v+1, "n=%d: above the range", n)
				require.LessOrEqual(t, lo-c.lo*v, 0.01*width+1, "n=%d: lowest draw far from the bottom", n)
				require.LessOrEqual(t, c.hi*v-hi, 0.01*width+1, "n=%d: highest draw far from the top", n)
				require.InDelta(t, c.mean*v, mean, 5*se+1, "n=%d: mean", n)
			}
		})
	}
}

// The schedule before jitter: Base before the first retry, times
// Multiplier for each retry after, capped; n < 1 counts as 1; Constant is
// Base every time; gRPC's initial x multiplier^(n-1) with its own numbers.
func TestBackoffScheduleBeforeJitter(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		name string
		cfg  BackoffConfig
		want []sim.Time // delays for n = 0, 1, 2, ...
	}{
		{"aws-like x2 capped", BackoffConfig{Kind: Exponential, Base: 10 * ms, Cap: 50 * ms},
			[]sim.Time{10 * ms, 10 * ms, 20 * ms, 40 * ms, 50 * ms, 50 * ms}},
		{"grpc 1s x1.6 max 5s", BackoffConfig{Kind: Exponential, Base: time.Second, Multiplier: 1.6, Cap: 5 * time.Second},
			[]sim.Time{time.Second, time.Second, 1600 * ms, 2560 * ms, 4096 * ms, 5 * time.Second}},
		{"multiplier 1", BackoffConfig{Kind: Exponential, Base: 7 * ms, Multiplier: 1}, []sim.Time{7 * ms, 7 * ms, 7 * ms}},
		{"constant", BackoffConfig{Kind: Constant, Base: 3 * ms}, []sim.Time{3 * ms, 3 * ms, 3 * ms}},
		{"none", BackoffConfig{}, []sim.Time{0, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := mustBackoff(t, c.cfg)
			for n, want := range c.want {
				require.Equal(t, want, b.Delay(n, 0, nil), "n=%d", n)
			}
		})
	}
}

// Decorrelated jitter: min(cap, U(base, 3 x prev)), prev = base before
// the first retry. Its range and mean follow prev, not the retry number.
func TestBackoffDecorrelatedDependsOnPrev(t *testing.T) {
	const draws = 20000
	base, capd := 10*time.Millisecond, time.Second
	b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: base, Cap: capd, Jitter: Decorrelated})
	r := newRand(2, "decorrelated")
	lastP, lastMean := sim.Time(0), 0.0
	for _, prev := range []sim.Time{0, base, 50 * time.Millisecond, 200 * time.Millisecond, 500 * time.Millisecond, 5 * time.Second} {
		p := max(prev, base)
		a, hi := float64(base), float64(3*p)
		c := float64(capd)
		// E[min(c, U(a, hi))].
		want := (a + hi) / 2
		if hi > c {
			want = ((c-a)*(c+a)/2 + (hi-c)*c) / (hi - a)
		}
		for _, n := range []int{1, 7} { // the retry number does not matter
			lo, top, mean := drawStats(draws, func() sim.Time { return b.Delay(n, prev, r) })
			require.GreaterOrEqual(t, lo, a, "prev=%v", prev)
			require.LessOrEqual(t, top, min(hi, c), "prev=%v", prev)
			se := (min(hi, c) - a) / math.Sqrt(12) / math.Sqrt(draws)
			require.InDelta(t, want, mean, 5*se+1, "prev=%v n=%d", prev, n)
			if p > lastP {
				require.Greater(t, mean, lastMean, "the mean grows with prev")
				lastP, lastMean = p, mean
			}
		}
	}
	// A chain started at 0 walks upwards and stays within [base, cap].
	prev := sim.Time(0)
	for i := 0; i < 1000; i++ {
		prev = b.Delay(i+1, prev, r)
		require.GreaterOrEqual(t, prev, base)
		require.LessOrEqual(t, prev, capd)
	}
}

// No delay exceeds the cap (gRPC jitter: 1.2 x cap), however large n.
func TestBackoffCapRespected(t *testing.T) {
	capd := 300 * time.Millisecond
	r := newRand(3, "cap")
	for _, j := range []JitterKind{NoJitter, Full, Equal, Decorrelated, GRPC} {
		b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: 10 * time.Millisecond, Cap: capd, Jitter: j})
		limit := capd
		if j == GRPC {
			limit = capd * 12 / 10
		}
		prev := sim.Time(0)
		for _, n := range []int{1, 5, 6, 7, 30, 64, 65, 1000, math.MaxInt} {
			for i := 0; i < 200; i++ {
				d := b.Delay(n, prev, r)
				require.LessOrEqual(t, d, limit, "%s n=%d", j, n)
				require.GreaterOrEqual(t, d, sim.Time(0))
				prev = d
			}
		}
	}
}

// Huge retry numbers and previous delays saturate instead of overflowing.
func TestBackoffOverflowSaturates(t *testing.T) {
	r := newRand(4, "overflow")
	huge := []int{200, 1 << 20, math.MaxInt}
	for _, mult := range []float64{0, 1.5, 1000} {
		b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Multiplier: mult})
		for _, n := range huge {
			require.Equal(t, maxTime, b.Delay(n, 0, r), "no cap, multiplier %v, n=%d", mult, n)
		}
		capped := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Multiplier: mult, Cap: time.Hour})
		for _, n := range huge {
			require.Equal(t, time.Hour, capped.Delay(n, 0, r), "cap 1h, multiplier %v, n=%d", mult, n)
		}
	}
	// With x2 from 1 ms the last unsaturated delay is 2^43 ms (n = 44).
	two := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond})
	require.Equal(t, time.Millisecond<<43, two.Delay(44, 0, nil))
	require.Equal(t, maxTime, two.Delay(45, 0, nil))
	g := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Jitter: GRPC})
	for i := 0; i < 100; i++ {
		require.GreaterOrEqual(t, g.Delay(math.MaxInt, 0, r), maxTime/10*8, "gRPC jitter on a saturated delay")
	}
	for _, j := range []JitterKind{Full, Equal} {
		b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Jitter: j})
		for i := 0; i < 100; i++ {
			require.GreaterOrEqual(t, b.Delay(math.MaxInt, 0, r), sim.Time(0))
		}
	}
	d := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Jitter: Decorrelated})
	for _, prev := range []sim.Time{maxTime / 3, maxTime/3 + 1, maxTime} {
		got := d.Delay(1, prev, r)
		require.GreaterOrEqual(t, got, time.Millisecond, "prev=%v", prev)
	}
}

func TestBackoffConfigErrors(t *testing.T) {
	ms := time.Millisecond
	bad := map[string]BackoffConfig{
		"unknown kind":           {Kind: 9, Base: ms},
		"unknown jitter":         {Kind: Exponential, Base: ms, Jitter: 9},
		"none with base":         {Kind: NoBackoff, Base: ms},
		"none with jitter":       {Kind: NoBackoff, Jitter: Full},
		"zero base":              {Kind: Exponential},
		"negative base":          {Kind: Constant, Base: -ms},
		"negative cap":           {Kind: Exponential, Base: ms, Cap: -1},
		"cap below base":         {Kind: Exponential, Base: 2 * ms, Cap: ms},
		"constant multiplier":    {Kind: Constant, Base: ms, Multiplier: 2},
		"constant decorrelated":  {Kind: Constant, Base: ms, Jitter: Decorrelated},
		"decorrelated mult":      {Kind: Exponential, Base: ms, Jitter: Decorrelated, Multiplier: 3},
		"multiplier below 1":     {Kind: Exponential, Base: ms, Multiplier: 0.5},
		"multiplier NaN":         {Kind: Exponential, Base: ms, Multiplier: math.NaN()},
		"multiplier infinite":    {Kind: Exponential, Base: ms, Multiplier: math.Inf(1)},
		"multiplier negative":    {Kind: Exponential, Base: ms, Multiplier: -2},
		"constant negative base": {Kind: Constant, Base: -1},
	}
	for name, cfg := range bad {
		_, err := NewBackoff(cfg)
		require.Error(t, err, name)
		require.Contains(t, err.Error(), "backoff:", name)
	}
	b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: ms})
	require.Equal(t, 2.0, b.Config().Multiplier, "default multiplier")
	require.Equal(t, "exponential(base=1ms, x2, cap=0s, jitter=none)", b.String())
}

func TestBackoffKindNames(t *testing.T) {
	for k := NoBackoff; k <= Exponential; k++ {
		got, err := ParseBackoffKind(k.String())
		require.NoError(t, err)
		require.Equal(t, k, got)
	}
	for j := NoJitter; j <= GRPC; j++ {
		got, err := ParseJitterKind(j.String())
		require.NoError(t, err)
		require.Equal(t, j, got)
	}
	_, err := ParseBackoffKind("linear")
	require.Error(t, err)
	_, err = ParseJitterKind("half")
	require.Error(t, err)
}
