package models

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// holdTarget keeps every request it is given, unanswered, until the test
// answers it; it records when each arrived.
type holdTarget struct {
	held []*Request
	at   []sim.Time
}

// Name returns "hold".
func (h *holdTarget) Name() string { return "hold" }

// Submit keeps r.
func (h *holdTarget) Submit(now sim.Time, r *Request) {
	h.held = append(h.held, r)
	h.at = append(h.at, now)
}

// echoTarget answers every request at once with the same outcome and
// records when each arrived.
type echoTarget struct {
	outcome Outcome
	at      []sim.Time
}

// Name returns "echo".
func (e *echoTarget) Name() string { return "echo" }

// Submit answers r at once.
func (e *echoTarget) Submit(now sim.Time, r *Request) {
	e.at = append(e.at, now)
	r.Replier.Reply(now, r, e.outcome)
}

// relayTarget passes requests on to another target and records when each
// arrived.
type relayTarget struct {
	next Target
	at   []sim.Time
}

// Name returns the next target's name.
func (r *relayTarget) Name() string { return r.next.Name() }

// Submit records the arrival and passes req on.
func (r *relayTarget) Submit(now sim.Time, req *Request) {
	r.at = append(r.at, now)
	r.next.Submit(now, req)
}

// newTestPopulation builds a population on a bare env of 1 s steps.
func newTestPopulation(t *testing.T, horizon sim.Time, cfg PopulationConfig, target Target) (*Env, *Population) {
	t.Helper()
	env := newBareEnv(t, horizon, 3)
	if cfg.Name == "" {
		cfg.Name = "users"
	}
	pop, err := NewPopulation(env, cfg, target)
	require.NoError(t, err)
	pop.Start()
	return env, pop
}

// TestPopulationRejectsBadConfig: users, rate, durations and the target
// are checked at the boundary, and the error names the population.
func TestPopulationRejectsBadConfig(t *testing.T) {
	env := newBareEnv(t, secs(10), 1)
	tgt := &holdTarget{}
	for _, c := range []struct {
		cfg    PopulationConfig
		target Target
	}{
		{PopulationConfig{Name: "nobody", Users: 0, Rate: 1}, tgt},
		{PopulationConfig{Name: "still", Users: 1, Rate: 0}, tgt},
		{PopulationConfig{Name: "nan", Users: 1, Rate: math.NaN()}, tgt},
		{PopulationConfig{Name: "inf", Users: 1, Rate: math.Inf(1)}, tgt},
		{PopulationConfig{Name: "neg", Users: 1, Rate: 1, Deadline: -1}, tgt},
		{PopulationConfig{Name: "lost", Users: 1, Rate: 1}, nil},
	} {
		_, err := NewPopulation(env, c.cfg, c.target)
		require.ErrorContains(t, err, `population "`+c.cfg.Name+`"`)
	}
}

// TestPopulationAccounting follows five requests to a target that answers
// only when the test says so, with a 10 s deadline. Two are answered before
// the deadline (one OK, one Rejected), three time out, and one of those is
// answered later anyway: the late answer changes nothing for the user, but
// the request goes back to the pool only then.
func TestPopulationAccounting(t *testing.T) {
	tgt := &holdTarget{}
	env, pop := newTestPopulation(t, secs(100),
		PopulationConfig{Users: 3, Rate: 100, MaxRequests: 5, Deadline: 10 * time.Second}, tgt)
	env.Engine.RunUntil(secs(1))
	require.Len(t, tgt.held, 5)
	st := pop.Stats()
	require.Equal(t, PopulationStats{Sent: 5, Pending: 5, ImpactedExact: true, Latency: st.Latency}, st)

	now := env.Engine.Now()
	okLatency := now - tgt.held[0].Issued
	tgt.held[0].Replier.Reply(now, tgt.held[0], OK)
	tgt.held[1].Replier.Reply(now, tgt.held[1], Rejected)
	st = pop.Stats()
	require.Equal(t, int64(1), st.Succeeded)
	require.Equal(t, int64(1), st.Failed)
	require.Equal(t, int64(1), st.Rejected)
	require.Equal(t, int64(3), st.Pending)
	require.Equal(t, int64(0), st.TimedOut)
	require.Equal(t, int64(1), st.Latency.Count())
	require.Equal(t, okLatency, st.Latency.Max())
	require.Len(t, pop.pool.free, 2, "answered requests are back in the pool")

	env.Engine.RunUntil(secs(20))
	st = pop.Stats()
	require.Equal(t, int64(3), st.TimedOut, "the two answered requests' deadlines were cancelled")
	require.Equal(t, int64(4), st.Failed)
	require.Equal(t, int64(0), st.Pending)
	require.Len(t, pop.pool.free, 2, "timed-out requests are still held by the target")

	late := tgt.held[2]
	late.Replier.Reply(env.Engine.Now(), late, OK)
	after := pop.Stats()
	require.Equal(t, st, after, "a late answer changes nothing for the user")
	require.Len(t, pop.pool.free, 3, "the late answer returns the request to the pool")

	series := env.Recorder.Finish(env.Engine.Now())
	sum := func(metric string) float64 {
		var s float64
		for _, v := range seriesValues(t, series, "users", metric) {
			s += v
		}
		return s
	}
	require.Equal(t, 5.0, sum("requests"))
	require.Equal(t, 1.0, sum("succeeded"))
	require.Equal(t, 4.0, sum("failed"))
	require.InDelta(t, okLatency.Seconds(), sum("latency_sum_s"), 1e-12)
}

// TestPopulationDeadlineWithService: the service takes 2 s per request and
// the users wait 1 s. Every request times out while the service still holds
// it; the service finishes all of them later anyway (nobody tells it the
// user left) and the requests return to the pool then.
func TestPopulationDeadlineWithService(t *testing.T) {
	env := newBareEnv(t, secs(100), 5)
	svc, err := NewService(env, ServiceConfig{Name: "slow", Workers: 1, ServiceTime: mustDet(t, 2)})
	require.NoError(t, err)
	relay := &relayTarget{next: svc}
	pop, err := NewPopulation(env, PopulationConfig{Name: "users", Users: 1, Rate: 10, MaxRequests: 3, Deadline: time.Second}, relay)
	require.NoError(t, err)
	pop.Start()

	for pop.Stats().TimedOut == 0 {
		require.True(t, env.Engine.Step())
	}
	require.Positive(t, svc.inSystem.Value(), "the timed-out request is still in the service")
	require.Zero(t, svc.Latency().Count(), "and the service has not finished it")

	env.Engine.Run()
	st := pop.Stats()
	require.Equal(t, int64(3), st.TimedOut)
	require.Equal(t, int64(3), st.Failed)
	require.Zero(t, st.Succeeded)
	require.Zero(t, st.Pending)
	require.Zero(t, st.Latency.Count(), "users saw no success")
	require.Equal(t, int64(3), svc.Latency().Count(), "the service completed all three")
	// FIFO with 2 s per request: request i completes at
	// c_i = max(a_i, c_(i-1)) + 2 s, every one after its user's deadline.
	var done, sum sim.Time
	for _, a := range relay.at {
		done = max(a, done) + 2*time.Second
		require.Greater(t, done, a+time.Second)
		sum += done - a
	}
	require.InDelta(t, sum.Seconds(), svc.Latency().Sum(), 1e-12)
	require.Equal(t, done, env.Engine.Now())
	require.Len(t, pop.pool.free, 3, "every request returned to the pool")
}

// TestPopulationMaxRequests: the population stops after exactly
// MaxRequests, long before the horizon.
func TestPopulationMaxRequests(t *testing.T) {
	tgt := &echoTarget{outcome: OK}
	env, pop := newTestPopulation(t, secs(1e6), PopulationConfig{Users: 1, Rate: 1000, MaxRequests: 1234}, tgt)
	env.Engine.Run()
	require.Len(t, tgt.at, 1234)
	require.Equal(t, int64(1234), pop.Stats().Sent)
	require.Equal(t, int64(1234), pop.Stats().Succeeded)
	require.Less(t, env.Engine.Now(), secs(10), "no arrivals were scheduled after the last request")
}

// TestPopulationStartAndHorizon: arrivals happen only in [Start, Horizon),
// and their number is Poisson with mean Rate (Horizon - Start); the test
// allows 4 standard deviations, sqrt(mean) each.
func TestPopulationStartAndHorizon(t *testing.T) {
	tgt := &echoTarget{outcome: OK}
	const rate, start, horizon = 100.0, 10.0, 50.0
	env, pop := newTestPopulation(t, secs(horizon), PopulationConfig{Users: 1, Rate: rate, Start: secs(start)}, tgt)
	env.Engine.Run()
	require.NotEmpty(t, tgt.at)
	require.GreaterOrEqual(t, tgt.at[0], secs(start))
	require.Less(t, tgt.at[len(tgt.at)-1], secs(horizon))
	require.Equal(t, int64(len(tgt.at)), pop.Stats().Sent)
	mean := rate * (horizon - start)
	require.InDelta(t, mean, float64(len(tgt.at)), zCrit*math.Sqrt(mean))
	// Placing the last request's arrival at the horizon would be a bug the
	// wrong-theory check catches: a 10% longer window is outside the band.
	require.Greater(t, math.Abs(1.1*mean-float64(len(tgt.at))), zCrit*math.Sqrt(mean))
}

// occupancy returns the mean and variance of the number of distinct users
// hit when f failures each pick one of n users uniformly at random (the
// classical occupancy problem).
func occupancy(n, f float64) (mean, variance float64) {
	q1 := math.Pow(1-1/n, f) // P(a given user is missed)
	q2 := math.Pow(1-2/n, f) // P(two given users are both missed)
	mean = n * (1 - q1)
	variance = n*q1 + n*(n-1)*q2 - n*n*q1*q1
	return mean, variance
}

// TestPopulationImpactedUsers counts the users who saw at least one
// failure. Every request fails: the target answers Unavailable.
func TestPopulationImpactedUsers(t *testing.T) {
	t.Run("few users, all hit", func(t *testing.T) {
		// P(a given user is missed by 1000 failures) = 0.9^1000 ~ 1e-46.
		_, pop := runFailures(t, 10, 1000)
		st := pop.Stats()
		require.True(t, st.ImpactedExact)
		require.Equal(t, 10.0, st.ImpactedUsers)
		require.Equal(t, int64(1000), st.Unavailable)
	})
	t.Run("a million users", func(t *testing.T) {
		const n, f = 1e6, 1e6
		_, pop := runFailures(t, n, f)
		st := pop.Stats()
		require.True(t, st.ImpactedExact)
		mean, variance := occupancy(n, f)
		sd := math.Sqrt(variance)
		t.Logf("impacted %v, occupancy mean %.1f sd %.1f, N(1-e^(-F/N)) = %.1f", st.ImpactedUsers, mean, sd, n*-math.Expm1(-f/n))
		require.InDelta(t, mean, st.ImpactedUsers, zCrit*sd)
		require.InDelta(t, n*-math.Expm1(-f/n), st.ImpactedUsers, zCrit*sd)
		require.Greater(t, math.Abs(1.1*mean-st.ImpactedUsers), zCrit*sd, "a 10% error would be caught")
	})
	t.Run("largest counted population", func(t *testing.T) {
		// 2^27 users are still counted one by one (a 16 MiB bitmap). With
		// 5000 failures the expected number of users hit twice is
		// F^2/(2N) ~ 0.09, so at most a few fewer than F are impacted.
		const f = 5000
		_, pop := runFailures(t, maxCountedUsers, f)
		st := pop.Stats()
		require.True(t, st.ImpactedExact)
		require.InDelta(t, f-2, st.ImpactedUsers, 2)
	})
	t.Run("expected value above 2^27 users", func(t *testing.T) {
		const n, f = maxCountedUsers + 1, 5000
		_, pop := runFailures(t, n, f)
		require.Nil(t, pop.impacted, "no bitmap is allocated")
		st := pop.Stats()
		require.False(t, st.ImpactedExact)
		require.InEpsilon(t, float64(n)*-math.Expm1(-float64(f)/float64(n)), st.ImpactedUsers, 1e-12)
		require.InDelta(t, f, st.ImpactedUsers, 0.1, "with F << N nearly every failure hits a new user")
	})
}

// runFailures sends f requests from a population of users to a target that
// answers every one Unavailable.
func runFailures(t *testing.T, users, f int64) (*Env, *Population) {
	t.Helper()
	env, pop := newTestPopulation(t, secs(1e6),
		PopulationConfig{Users: users, Rate: 1e4, MaxRequests: f}, &echoTarget{outcome: Unavailable})
	env.Engine.Run()
	st := pop.Stats()
	require.Equal(t, f, st.Sent)
	require.Equal(t, f, st.Failed)
	return env, pop
}
