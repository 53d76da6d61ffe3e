package retry

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

func mustSRE(t testing.TB, cfg SREThrottlingConfig) *SREThrottling {
	t.Helper()
	s, err := NewSREThrottling(cfg)
	require.NoError(t, err)
	return s
}

// The rejection probability is the book's formula of the counts in the
// window, and the counts leave the window after it.
func TestSREThrottlingFormula(t *testing.T) {
	s := mustSRE(t, DefaultSREThrottling())
	require.Equal(t, 0.0, s.RejectProbability(0), "no history, no rejection")
	r := newRand(1, "sre")
	// 30 requests, 10 accepted: P = (30 - 2 x 10) / 31.
	for i := 0; i < 30; i++ {
		now := sim.Time(i) * time.Second
		if s.Admit(now, false, r) {
			s.Done(now, false, i%3 == 0, false)
		}
	}
	req, acc := s.Counts(30 * time.Second)
	require.Equal(t, int64(30), req, "rejected attempts count as requests too")
	require.LessOrEqual(t, acc, int64(10))
	require.InDelta(t, max(0, float64(req-2*acc))/float64(req+1), s.RejectProbability(30*time.Second), 1e-12)
	// The window is the current second and the 119 before it.
	req, _ = s.Counts(120*time.Second - 1)
	require.Equal(t, int64(30), req)
	req, _ = s.Counts(120 * time.Second)
	require.Equal(t, int64(29), req, "the request at t=0 has left the window")
	req, acc = s.Counts(time.Hour)
	require.Equal(t, [2]int64{0, 0}, [2]int64{req, acc})

	// Accepts at least requests/K: nothing is rejected.
	s = mustSRE(t, DefaultSREThrottling())
	for i := 0; i < 1000; i++ {
		require.True(t, s.Admit(0, i%2 == 1, r))
		s.Done(0, i%2 == 1, i%2 == 0, false)
	}
	require.Equal(t, 0.0, s.RejectProbability(0), "1000 requests, 500 accepts, K = 2")
	require.Equal(t, int64(1000), s.Stats().Admitted())
	require.Equal(t, "sre-throttling", s.Name())
}

// sreBackend is a backend as the SRE book's throttling meets it: either it
// can accept only so many requests a second (a token bucket: rate per
// second, burst), answering the rest with an error at no cost; or it
// accepts each request with a fixed probability.
type sreBackend struct {
	rate, burst float64 // token bucket, if rate > 0
	tokens      float64
	last        sim.Time
	accept      float64 // otherwise, probability of accepting
}

func (b *sreBackend) outcome(now sim.Time, r *sim.Rand) (bool, bool) {
	if b.rate == 0 {
		return r.Float64() < b.accept, false
	}
	b.tokens = min(b.burst, b.tokens+b.rate*(now-b.last).Seconds())
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, false
	}
	return false, false
}

// A steady stream of requests against a backend that accepts 25% of what
// the client wants to send. Over the window the client has R requests and
// A accepts, and it rejects locally with P = (R - 2A)/(R + 1); the steady
// state is the fixed point of that map with A = what the backend accepts
// of the R(1 - P) sent. The measured share of requests rejected locally
// matches it within 4 binomial standard errors of the sample, P* taken
// between its values for the shortest and longest span the window covers.
//
// Two backends: one that can accept only 25 of the client's 100 requests
// a second (the book's case: the client then sends about 2 x 25 and
// rejects half locally), and one that accepts each request with
// probability 0.25 at 1 request a second (then K x 0.25 < 1 and P tends
// to R/2 / (R/2 + 1), close to 1 for a window of 120 requests).
func TestSREThrottlingSteadyStateRejection(t *testing.T) {
	cases := []struct {
		name     string
		interval time.Duration
		backend  sreBackend
		calls    int
		// accepts(R, P) is the accepts in the window of R requests when
		// the client rejects P of them.
		accepts func(R, P float64) float64
	}{
		{"capacity 25/s of 100/s offered", 10 * time.Millisecond, sreBackend{rate: 25, burst: 5, tokens: 5}, 100 * 900,
			func(R, _ float64) float64 { return R / 4 }},
		{"accepts 25% of what it gets, 1/s", time.Second, sreBackend{accept: 0.25}, 3600 * 6,
			func(R, P float64) float64 { return 0.25 * R * (1 - P) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultSREThrottling()
			s := mustSRE(t, cfg)
			b := c.backend
			warm := int((4 * cfg.Window) / c.interval)
			st := stream{interval: c.interval, calls: c.calls, warm: warm, maxAttempts: 1, outcome: b.outcome}
			tl := st.run(s, 11)
			measured := float64(tl.firstRejected) / float64(tl.calls)

			// Requests in the window: the current slice (partly elapsed)
			// and the 119 before it, so between 119 and 120 slices' worth.
			fixedPoint := func(R float64) float64 {
				P := 0.0
				for i := 0; i < 10000; i++ { // the map is a contraction here
					P = max(0, (R-cfg.K*c.accepts(R, P))/(R+1))
				}
				return P
			}
			slice := float64(cfg.Window / sim.Time(cfg.Buckets))
			Rlo, Rhi := (float64(cfg.Window)-slice)/float64(c.interval), float64(cfg.Window)/float64(c.interval)
			lo, hi := fixedPoint(Rlo), fixedPoint(Rhi)
			lo, hi = min(lo, hi), max(lo, hi)
			sd := math.Sqrt(hi * (1 - lo) / float64(tl.calls)) // binomial, at its largest over [lo, hi]
			t.Logf("%s: %d requests, %d rejected locally: %.5f; fixed point P* in [%.5f, %.5f] (R in [%.0f, %.0f]); tolerance 4 x SE = %.5f",
				c.name, tl.calls, tl.firstRejected, measured, lo, hi, Rlo, Rhi, 4*sd)
			require.GreaterOrEqual(t, measured, lo-4*sd)
			require.LessOrEqual(t, measured, hi+4*sd)
		})
	}
}

func TestSREThrottlingConfigErrors(t *testing.T) {
	for name, cfg := range map[string]SREThrottlingConfig{
		"zero k":            {K: 0, Window: time.Minute, Buckets: 60},
		"NaN k":             {K: math.NaN(), Window: time.Minute, Buckets: 60},
		"infinite k":        {K: math.Inf(1), Window: time.Minute, Buckets: 60},
		"zero window":       {K: 2, Window: 0, Buckets: 60},
		"zero buckets":      {K: 2, Window: time.Minute, Buckets: 0},
		"negative window":   {K: 2, Window: -time.Minute, Buckets: 60},
		"negative k":        {K: -2, Window: time.Minute, Buckets: 60},
		"negative buckets":  {K: 2, Window: time.Minute, Buckets: -1},
		"more buckets than": {K: 2, Window: 10, Buckets: 20},
	} {
		_, err := NewSREThrottling(cfg)
		require.Error(t, err, name)
	}
}
