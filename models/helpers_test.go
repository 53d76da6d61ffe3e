package models

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// zCrit is how many standard errors an estimate may lie from the closed
// form before a validation test fails.
//
// Why 4: the standard errors come from 30 batch means, so (estimate -
// theory)/SE follows a Student t with 29 degrees of freedom when the model
// is right. P(|t_29| > 4) = 4.0e-4 (for a normal it would be 6.3e-5), so the
// dozen statistical assertions in this package together fail by chance for
// fewer than 1 seed in 200. The seeds are fixed, so the tests are
// deterministic anyway; z = 4 rather than 3 also absorbs the small residual
// biases of batch means (warm-up, correlation between adjacent batches).
// Every validation also checks that a theory 10% off would be rejected, so
// the interval is never so wide that it proves nothing.
const zCrit = 4.0

// numBatches is the number of batches for the method of batch means.
const numBatches = 30

// wrongBy is the relative error in the theory that every validation test
// must be able to detect.
const wrongBy = 0.10

// estimate is a point estimate with its standard error.
type estimate struct {
	mean, se float64
	n        int // batches the standard error was computed from
}

// String formats the estimate as "mean ± SE".
func (e estimate) String() string { return fmt.Sprintf("%.5g ± %.2g", e.mean, e.se) }

// batchMeans estimates the steady-state value of the ratio num/den from
// per-step sums (for example latency_sum_s / succeeded) by the method of
// batch means. The first warm steps are discarded, and so are the first
// (len-warm) mod batches steps after them, so that every batch covers the
// same number of steps; each remaining batch gives one ratio of its sums.
// The estimate is the mean of the batch ratios and its standard error their
// standard deviation over sqrt(batches). Batches far longer than the
// correlation time of the process are nearly independent, which is what
// makes the standard error honest.
func batchMeans(tb testing.TB, num, den []float64, warm, batches int) estimate {
	tb.Helper()
	require.Equal(tb, len(num), len(den), "batch means: series of different lengths")
	usable := len(num) - warm
	require.GreaterOrEqual(tb, usable, batches, "batch means: fewer steps than batches")
	size := usable / batches
	start := len(num) - size*batches
	ratios := make([]float64, batches)
	for b := range ratios {
		var n, d float64
		for i := start + b*size; i < start+(b+1)*size; i++ {
			n += num[i]
			d += den[i]
		}
		require.Positive(tb, d, "batch means: batch %d is empty", b)
		ratios[b] = n / d
	}
	return meanAndSE(ratios)
}

// meanAndSE returns the sample mean of xs and its standard error under the
// assumption that the xs are independent.
func meanAndSE(xs []float64) estimate {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	n := float64(len(xs))
	mean := sum / n
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return estimate{mean: mean, se: math.Sqrt(ss / (n - 1) / n), n: len(xs)}
}

// requireMatchesTheory asserts that est agrees with theory within zCrit
// standard errors, that the standard error is at most maxRelSE of theory,
// and that the same interval would reject a theory wrongBy too high or too
// low: a test whose interval cannot tell a 10% error is too small a sample.
func requireMatchesTheory(t *testing.T, what string, est estimate, theory, maxRelSE float64) {
	t.Helper()
	tol := zCrit * est.se
	t.Logf("%s: measured %.5g, theory %.5g, |diff| %.3g, tolerance z*SE %.3g (SE %.2f%% of theory, %d batches)",
		what, est.mean, theory, math.Abs(est.mean-theory), tol, 100*est.se/theory, est.n)
	require.Less(t, math.Abs(est.mean-theory), tol,
		"%s: measured %v, theory %.6g: more than %v standard errors apart", what, est, theory, zCrit)
	require.LessOrEqual(t, est.se, maxRelSE*theory,
		"%s: standard error %.3g is above %.1f%% of the theory; increase the sample", what, est.se, 100*maxRelSE)
	for _, wrong := range []float64{theory * (1 + wrongBy), theory * (1 - wrongBy)} {
		require.Greater(t, math.Abs(est.mean-wrong), tol,
			"%s: a wrong theory %.6g is inside the interval %v ± %.3g: the test could not detect it", what, wrong, est, tol)
	}
}

// queueSpec describes a population feeding one service, as the validation
// tests build it. Mean service time and arrival rate are in seconds.
type queueSpec struct {
	rate     float64  // Poisson arrival rate, per second
	workers  int      // parallel servers
	capacity int      // the service's QueueCapacity (waiting places; 0 = unbounded)
	service  sim.Dist // service time distribution
	horizon  sim.Time // the recorder covers [0, horizon); arrivals stop here too
	arrivals sim.Time // if > 0, arrivals stop here instead (Env.Horizon)
	steps    int      // recorder steps over the horizon
	seed     uint64
	deadline sim.Time // the population's deadline (0 = none)
	users    int64    // users in the population (0 means 1)
}

// queueModel is what newQueueModel builds.
type queueModel struct {
	env *Env
	pop *Population
	svc *Service
}

// newQueueModel builds spec. If wrap is not nil the population sends to
// wrap(svc) instead of to the service directly.
func newQueueModel(tb testing.TB, spec queueSpec, wrap func(*Service) Target) *queueModel {
	tb.Helper()
	env, err := NewEnv(spec.seed, spec.horizon/sim.Time(spec.steps), spec.horizon)
	require.NoError(tb, err)
	require.Equal(tb, spec.steps, env.Recorder.Steps(), "horizon must be a whole number of steps")
	if spec.arrivals > 0 {
		env.Horizon = spec.arrivals
	}
	svc, err := NewService(env, ServiceConfig{
		Name: "server", Workers: spec.workers, QueueCapacity: spec.capacity, ServiceTime: spec.service,
	})
	require.NoError(tb, err)
	var target Target = svc
	if wrap != nil {
		target = wrap(svc)
	}
	users := spec.users
	if users == 0 {
		users = 1
	}
	pop, err := NewPopulation(env, PopulationConfig{
		Name: "customers", Users: users, Rate: spec.rate, Deadline: spec.deadline,
	}, target)
	require.NoError(tb, err)
	pop.Start()
	return &queueModel{env: env, pop: pop, svc: svc}
}

// seriesValues returns the values of the series of component and metric.
func seriesValues(tb testing.TB, series []*sim.Series, component, metric string) []float64 {
	tb.Helper()
	for _, s := range series {
		if s.Component == component && s.Metric == metric {
			return s.Values
		}
	}
	require.FailNow(tb, "no such series", "%s/%s", component, metric)
	return nil
}

// mustExp returns an exponential distribution with the given mean.
func mustExp(tb testing.TB, mean float64) sim.Dist {
	tb.Helper()
	d, err := sim.NewExponential(mean)
	require.NoError(tb, err)
	return d
}

// mustDet returns a deterministic distribution.
func mustDet(tb testing.TB, value float64) sim.Dist {
	tb.Helper()
	d, err := sim.NewDeterministic(value)
	require.NoError(tb, err)
	return d
}

// secs is a shorthand for a whole or fractional number of seconds.
func secs(s float64) sim.Time { return sim.Seconds(s) }

// reply is one answer a probe received.
type reply struct {
	id      string
	at      sim.Time
	outcome Outcome
}

// probe sends hand-made requests to a target and records the replies in
// the order they arrive. It fails the test if a request is answered twice.
type probe struct {
	tb      testing.TB
	names   map[*Request]string
	replies []reply
}

// newProbe returns an empty probe.
func newProbe(tb testing.TB) *probe { return &probe{tb: tb, names: map[*Request]string{}} }

// Reply records the answer to a request sent by send.
func (p *probe) Reply(now sim.Time, r *Request, o Outcome) {
	id, ok := p.names[r]
	require.True(p.tb, ok, "reply to a request the probe did not send (or answered twice)")
	delete(p.names, r)
	p.replies = append(p.replies, reply{id: id, at: now, outcome: o})
}

// send schedules a request named id to reach target at time at.
func (p *probe) send(e *sim.Engine, at sim.Time, target Target, id string) {
	e.At(at, sim.HandlerFunc(func(now sim.Time, _ any) {
		r := &Request{Issued: now, Replier: p}
		p.names[r] = id
		target.Submit(now, r)
	}), nil)
}

// newBareEnv returns an Env with a recorder of 1 s steps over horizon.
func newBareEnv(tb testing.TB, horizon sim.Time, seed uint64) *Env {
	tb.Helper()
	env, err := NewEnv(seed, time.Second, horizon)
	require.NoError(tb, err)
	return env
}
