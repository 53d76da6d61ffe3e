package models

import (
	"math"
	"strconv"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// The validation tests in this file run the real Population and Service
// models as textbook queues and compare what comes out of the simulation
// with closed forms computed here from the parameters. Each run:
//
//   - sends Poisson arrivals for a fixed horizon, then drains the queue, so
//     every customer issued is counted (the population's series attribute a
//     customer to the step in which it was issued);
//   - discards a warm-up of one batch length (the queue starts empty) and
//     splits the rest of the steps into numBatches batches;
//   - asserts |estimate - theory| < zCrit * SE with the batch-means SE, and
//     that theory x 1.1 and x 0.9 would both be rejected.
//
// The mean service time is 1 s throughout, so mu = 1 and rho = lambda.

// validationSteps is the number of recorder steps of a validation run: one
// warm-up batch plus numBatches batches of 40 steps.
const validationSteps = (numBatches + 1) * 40

// validationWarm is the number of steps discarded as warm-up.
const validationWarm = 40

// horizonFor returns a horizon of validationSteps whole steps long enough
// for about customers arrivals at rate.
func horizonFor(customers, rate float64) sim.Time {
	step := sim.Seconds(math.Ceil(customers / rate / validationSteps))
	return step * validationSteps
}

// runDrained runs the model until every customer issued before the horizon
// has been answered and returns the recorded series.
func (m *queueModel) runDrained() []*sim.Series {
	m.env.Engine.Run()
	return m.env.Recorder.Finish(m.env.Engine.Now())
}

// serviceTimeTap sits between a population and a FIFO service without
// rejections and records the service time of every customer in the step in
// which the customer was issued. It is both the target the population
// sends to and the service's ServiceTime distribution: the service draws a
// service time exactly when a customer starts service, and in a FIFO
// station with identical servers customers start in the order they arrive
// (one that finds a free server finds the queue empty), so the k-th draw
// belongs to the k-th arrival. With it, latency - service time is each
// customer's exact wait in queue.
type serviceTimeTap struct {
	svc    *Service
	dist   sim.Dist   // the real service time distribution
	issued []sim.Time // issue times of the customers not yet started, in arrival order
	step   sim.Time   // the recorder's step
	sums   []float64  // service seconds of the customers issued in each step
	draws  int64
}

// Name returns the service's name.
func (t *serviceTimeTap) Name() string { return t.svc.Name() }

// Submit notes the customer's issue time and passes it to the service.
func (t *serviceTimeTap) Submit(now sim.Time, r *Request) {
	t.issued = append(t.issued, r.Issued)
	t.svc.Submit(now, r)
}

// Sample draws a service time and charges it to the oldest customer that
// has not started service.
func (t *serviceTimeTap) Sample(r *sim.Rand) float64 {
	x := t.dist.Sample(r)
	issued := t.issued[0]
	t.issued = t.issued[1:]
	t.draws++
	if i := int(issued / t.step); i < len(t.sums) {
		t.sums[i] += sim.Seconds(x).Seconds() // what the service will wait, to the nanosecond
	}
	return x
}

// Mean returns the real distribution's mean.
func (t *serviceTimeTap) Mean() float64 { return t.dist.Mean() }

// String describes the real distribution.
func (t *serviceTimeTap) String() string { return t.dist.String() }

// TestMM1MeanTimeInSystem checks the M/M/1 mean time in system,
// W = 1/(mu - lambda), at three loads. The closer rho is to 1, the longer
// the waits are correlated (relaxation time ~ 1/(mu (1 - sqrt(rho))^2),
// about 1,600 s at rho 0.95), so the heavy load gets the most customers;
// each batch still spans hundreds of relaxation times.
func TestMM1MeanTimeInSystem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rho       float64
		customers float64
		seed      uint64
		maxRelSE  float64
	}{
		{rho: 0.5, customers: 300_000, seed: 11, maxRelSE: 0.02},
		{rho: 0.8, customers: 1_000_000, seed: 12, maxRelSE: 0.02},
		{rho: 0.95, customers: 6_000_000, seed: 13, maxRelSE: 0.02},
	}
	for _, c := range cases {
		t.Run("rho="+ftoa(c.rho), func(t *testing.T) {
			m := newQueueModel(t, queueSpec{
				rate: c.rho, workers: 1, service: mustExp(t, 1),
				horizon: horizonFor(c.customers, c.rho), steps: validationSteps, seed: c.seed,
			}, nil)
			series := m.runDrained()
			est := batchMeans(t,
				seriesValues(t, series, "customers", "latency_sum_s"),
				seriesValues(t, series, "customers", "succeeded"),
				validationWarm, numBatches)
			mu, lambda := 1.0, c.rho
			requireMatchesTheory(t, "M/M/1 W at rho "+ftoa(c.rho), est, 1/(mu-lambda), c.maxRelSE)
		})
	}
}

// erlangC returns the probability that an arrival waits in an M/M/c queue
// with offered load a = lambda/mu < c. It runs the Erlang B recursion
// B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), whose terms stay in [0, 1]
// (no factorials or powers to overflow), then C = c B / (c - a (1 - B)).
func erlangC(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// TestErlangC checks the test's own Erlang C against closed forms: for one
// server C = rho, for two C = 2 rho^2 / (1 + rho).
func TestErlangC(t *testing.T) {
	for _, rho := range []float64{0.1, 0.5, 0.9} {
		require.InDelta(t, rho, erlangC(1, rho), 1e-15)
		require.InDelta(t, 2*rho*rho/(1+rho), erlangC(2, 2*rho), 1e-15)
	}
	// Large c: stays finite and in (0, 1).
	c := erlangC(1000, 950)
	require.Greater(t, c, 0.0)
	require.Less(t, c, 1.0)
}

// TestMMcMeanWaitErlangC checks the M/M/c mean wait in queue,
// Wq = C(c, a) / (c mu - lambda) with a = lambda/mu, for c = 4 and 16 at
// rho = lambda/(c mu) = 0.8. The wait is measured per customer as latency
// minus its own service time (see serviceTimeTap), which removes the
// service-time noise from the estimate.
func TestMMcMeanWaitErlangC(t *testing.T) {
	t.Parallel()
	cases := []struct {
		servers   int
		customers float64
		seed      uint64
	}{
		{servers: 4, customers: 1_000_000, seed: 21},
		{servers: 16, customers: 2_000_000, seed: 22},
	}
	const rho = 0.8
	for _, c := range cases {
		t.Run("c="+itoa(c.servers), func(t *testing.T) {
			mu := 1.0
			lambda := rho * float64(c.servers) * mu
			horizon := horizonFor(c.customers, lambda)
			tap := &serviceTimeTap{dist: mustExp(t, 1/mu), step: horizon / validationSteps, sums: make([]float64, validationSteps)}
			m := newQueueModel(t, queueSpec{
				rate: lambda, workers: c.servers, service: tap,
				horizon: horizon, steps: validationSteps, seed: c.seed,
			}, func(s *Service) Target { tap.svc = s; return tap })
			series := m.runDrained()
			require.Equal(t, m.pop.Stats().Sent, tap.draws, "every customer drew one service time")
			require.Empty(t, tap.issued, "and every issue time was matched to a draw")

			latency := seriesValues(t, series, "customers", "latency_sum_s")
			wait := make([]float64, len(latency))
			for i := range wait {
				wait[i] = latency[i] - tap.sums[i]
			}
			est := batchMeans(t, wait, seriesValues(t, series, "customers", "succeeded"), validationWarm, numBatches)
			a := lambda / mu
			theory := erlangC(c.servers, a) / (float64(c.servers)*mu - lambda)
			requireMatchesTheory(t, "M/M/"+itoa(c.servers)+" Wq", est, theory, 0.02)
		})
	}
}

// TestMM1KBlocking checks the blocking probability of M/M/1/K,
// P_K = (1 - rho) rho^K / (1 - rho^(K+1)), where K counts every customer
// in the system: 1 in service and K-1 waiting. The service's QueueCapacity
// counts waiting places only, so M/M/1/K is QueueCapacity = K-1. (K = 1,
// no waiting room, cannot be expressed: QueueCapacity 0 means unbounded.)
// The blocked share is Rejected/Sent; its SE comes from batches of the
// per-step "failed"/"requests" ratio, since consecutive rejections are
// strongly correlated and a binomial SE would be too small. Both a load
// below and above 1 are checked (M/M/1/K is stable at any load), and so is
// the off-by-one: the formula with K+1 must be rejected.
func TestMM1KBlocking(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rho       float64
		k         int
		customers float64
		seed      uint64
	}{
		{rho: 0.9, k: 5, customers: 1_000_000, seed: 31},
		{rho: 1.5, k: 3, customers: 500_000, seed: 32},
	}
	blocking := func(rho float64, k int) float64 {
		return (1 - rho) * math.Pow(rho, float64(k)) / (1 - math.Pow(rho, float64(k+1)))
	}
	for _, c := range cases {
		t.Run("rho="+ftoa(c.rho)+",K="+itoa(c.k), func(t *testing.T) {
			m := newQueueModel(t, queueSpec{
				rate: c.rho, workers: 1, capacity: c.k - 1, service: mustExp(t, 1),
				horizon: horizonFor(c.customers, c.rho), steps: validationSteps, seed: c.seed,
			}, nil)
			series := m.runDrained()
			st := m.pop.Stats()
			require.Equal(t, st.Failed, st.Rejected, "only rejections can fail here")
			require.Zero(t, st.Pending)
			failed := seriesValues(t, series, "customers", "failed")
			requests := seriesValues(t, series, "customers", "requests")
			est := batchMeans(t, failed, requests, validationWarm, numBatches)
			theory := blocking(c.rho, c.k)
			requireMatchesTheory(t, "M/M/1/"+itoa(c.k)+" blocking at rho "+ftoa(c.rho), est, theory, 0.02)

			// The whole-run share, warm-up included, within the same tolerance.
			share := float64(st.Rejected) / float64(st.Sent)
			t.Logf("Rejected/Sent over the whole run: %.5g", share)
			require.Less(t, math.Abs(share-theory), zCrit*est.se)
			// Mapping QueueCapacity to K+1 instead of K would be caught.
			require.Greater(t, math.Abs(est.mean-blocking(c.rho, c.k+1)), zCrit*est.se)
		})
	}
}

// TestMD1MeanWaitPollaczekKhinchine checks M/D/1 (deterministic service
// time D = 1/mu) against the Pollaczek-Khinchine mean wait in queue,
// Wq = rho / (2 mu (1 - rho)). Service takes exactly 1 s, so each
// customer's wait is its latency minus 1 s exactly.
func TestMD1MeanWaitPollaczekKhinchine(t *testing.T) {
	t.Parallel()
	const rho, mu = 0.8, 1.0
	m := newQueueModel(t, queueSpec{
		rate: rho * mu, workers: 1, service: mustDet(t, 1/mu),
		horizon: horizonFor(1_500_000, rho*mu), steps: validationSteps, seed: 41,
	}, nil)
	series := m.runDrained()
	latency := seriesValues(t, series, "customers", "latency_sum_s")
	served := seriesValues(t, series, "customers", "succeeded")
	wait := make([]float64, len(latency))
	for i := range wait {
		wait[i] = latency[i] - served[i]/mu
	}
	est := batchMeans(t, wait, served, validationWarm, numBatches)
	requireMatchesTheory(t, "M/D/1 Wq", est, rho/(2*mu*(1-rho)), 0.02)
}

// TestLittlesLaw checks L = lambda W on the recorded series of one run of
// M/M/2 at rho 0.8, stopped at the recorder's horizon T while arrivals go
// on, with customers still inside (the seed is picked so that there are):
// L is the time mean of the service's "in_system" series, lambda the mean
// of "offered_per_s" and W the mean of the service's latency histogram
// (customers completed by T).
//
// On a sample path starting empty, L T is the sum over customers of their
// time in the system before T. Customers completed by T contribute their
// whole latency, which is lambda T W exactly. Each of the N(T) customers
// still inside contributes its age T - a_i to L T, while lambda T W counts
// it as W. So
//
//	L - lambda W = (sum of ages - N(T) W) / T,
//
// and |L - lambda W| <= N(T) max(oldest age, W) / T. The test asserts the
// identity (to floating-point rounding) and the bound, and that the bound is
// small, i.e. the horizon is long enough for Little's law to say something.
func TestLittlesLaw(t *testing.T) {
	const servers, rho = 2, 0.8
	lambda := rho * servers
	horizon := horizonFor(1_000_000, lambda)
	m := newQueueModel(t, queueSpec{
		rate: lambda, workers: servers, service: mustExp(t, 1),
		horizon: horizon, arrivals: 2 * horizon, steps: validationSteps, seed: 52,
	}, nil)
	m.env.Engine.RunUntil(horizon)
	series := m.env.Recorder.Finish(horizon)
	mean := func(xs []float64) float64 {
		var s float64
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	inSystem := seriesValues(t, series, "server", "in_system")
	L := mean(inSystem)
	lam := mean(seriesValues(t, series, "server", "offered_per_s"))
	W := m.svc.Latency().Mean()
	T := horizon.Seconds()

	// The customers inside at T, from the service's own state.
	var inside []*Request
	inside = append(inside, m.svc.inService...)
	for i := 0; i < m.svc.queue.len(); i++ {
		inside = append(inside, m.svc.queue.buf[(m.svc.queue.head+i)%len(m.svc.queue.buf)])
	}
	var ages, oldest float64
	for _, r := range inside {
		age := (horizon - r.arrived).Seconds()
		ages += age
		oldest = math.Max(oldest, age)
	}
	n := float64(len(inside))
	edge := (ages - n*W) / T
	bound := n * math.Max(oldest, W) / T
	t.Logf("Little: L %.6g, lambda %.6g, W %.6g, lambda*W %.6g, diff %.3g, edge term %.3g, bound %.3g (N(T) = %v)",
		L, lam, W, lam*W, L-lam*W, edge, bound, n)

	require.Positive(t, n, "the edge term is exercised: customers are inside at T")
	require.InDelta(t, float64(m.pop.Stats().Sent), lam*T, 1e-6, "offered_per_s counts every arrival")
	require.InDelta(t, edge, L-lam*W, 1e-9*L, "Little's law on the sample path, edge term included")
	require.LessOrEqual(t, math.Abs(L-lam*W), bound+1e-9*L)
	require.Less(t, bound, 1e-3*L, "the horizon is long enough for the edge effect to be negligible")

	// The same series also validate the M/M/c closed form
	// L = lambda (Wq + 1/mu), by batch means of the per-step time means.
	ones := make([]float64, len(inSystem))
	for i := range ones {
		ones[i] = 1
	}
	est := batchMeans(t, inSystem, ones, validationWarm, numBatches)
	theoryL := lambda * (erlangC(servers, lambda)/(servers-lambda) + 1)
	requireMatchesTheory(t, "M/M/2 L", est, theoryL, 0.02)
}

// ftoa formats a float briefly for test names.
func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// itoa formats an int for test names.
func itoa(i int) string { return strconv.Itoa(i) }
