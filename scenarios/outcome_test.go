package scenarios

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// downScenario: a service with ample capacity goes down at 10 min and comes
// back at 30 min; users time out after 2 s. The outage, availability and
// impacted users must come out of the requests that failed.
const downScenario = `
name: down-up
description: a service goes down for 20 minutes
seed: 7
horizon: 1h
step: 1m
components:
  - name: api
    kind: service
    workers: 50
    service_time: {dist: exponential, mean: 50ms}
populations:
  - name: users
    users: 5000
    rate_per_user: 0.02
    deadline: 2s
    target: api
faults:
  - {name: crash, at: 10m, component: api, action: down}
  - {name: restart, at: 30m, component: api, action: up}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 10m}
documented:
  - name: outage
    metric: outage.duration_s
    value: 1200
    unit: s
    abs_tolerance: 0
    source: the fault times of this test
    kind: input
    basis: the fault times of this test
`

func TestOutageComesFromFailedRequests(t *testing.T) {
	t.Parallel()
	s, err := spec.Load("down.yaml", []byte(downScenario), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	o := res.Summary.Outcome
	require.Equal(t, Outage{StartS: 600, EndS: 1800, DurationS: 1200, FirstFailedS: o.Outage.FirstFailedS, LastFailedS: o.Outage.LastFailedS}, o.Outage)
	require.InDelta(t, 600, o.Outage.FirstFailedS, 1, "the first request after the crash fails")
	require.InDelta(t, 1800, o.Outage.LastFailedS, 1, "the last one before the restart")
	p := o.Populations[0]
	require.Equal(t, 1200.0, p.OutageS)
	// 100 requests/s for 20 of 60 minutes fail: availability about 2/3.
	require.InDelta(t, 2.0/3, p.Availability, 0.01)
	require.Equal(t, 0.0, p.MinAvailability)
	// Each user sends 0.02/s x 1200 s = 24 requests during the outage, so
	// nearly every user is impacted: 5000 (1 - e^-24).
	require.InDelta(t, 5000, p.ImpactedUsers, 1)
	require.Equal(t, "counted", p.ImpactedUsersMethod)
	// user-minutes lost: 5000 users x 20 minutes.
	require.InDelta(t, 5000*20, p.UserMinutesLost, 5000*0.5)
	require.Len(t, res.Summary.Checks, 1)
	require.True(t, res.Summary.Checks[0].OK)
	// The log, in order: the crash, the users down at their first failed
	// request, the restart, the users back at their first good request
	// after the last failed one (so after the restart that ended it), the
	// check's verdict at the end.
	require.Len(t, res.Events, 5)
	require.Equal(t, sim.LogEntry{At: 10 * time.Minute, Subject: "api", Kind: sim.EventFault, Message: "crash: down"}, res.Events[0])
	require.Equal(t, sim.EventPopulationDown, res.Events[1].Kind)
	require.Equal(t, "users", res.Events[1].Subject)
	require.InDelta(t, 600, res.Events[1].At.Seconds(), 0.1, "the first failed request, just after the crash")
	require.Equal(t, o.Outage.FirstFailedS, res.Events[1].At.Seconds())
	require.Equal(t, sim.LogEntry{At: 30 * time.Minute, Subject: "api", Kind: sim.EventRecovery, Message: "restart: up"}, res.Events[2])
	back := res.Events[3]
	require.Equal(t, sim.EventPopulationBack, back.Kind)
	require.Equal(t, "users", back.Subject)
	require.Greater(t, back.At.Seconds(), o.Outage.LastFailedS, "after the last failed request")
	require.GreaterOrEqual(t, back.At, 30*time.Minute, "not before the restart that ended the outage")
	require.InDelta(t, 1800, back.At.Seconds(), 0.1, "the next request at 100/s")
	require.Equal(t, sim.EventCheck, res.Events[4].Kind)
	require.Equal(t, res.Summary.Checks[0].Name, res.Events[4].Subject)
	require.Contains(t, res.Events[4].Message, "documented 20m, simulated 20m, holds")
}

// peakScenario: a second population joins at 30 min and doubles the load.
const peakScenario = `
name: peak
description: load doubles at 30 minutes
seed: 7
horizon: 1h
step: 1m
components:
  - name: api
    kind: service
    workers: 50
    service_time: {dist: exponential, mean: 50ms}
populations:
  - {name: early, users: 5000, rate_per_user: 0.02, deadline: 2s, target: api}
  - {name: late, users: 5000, rate_per_user: 0.02, start: 30m, deadline: 2s, target: api}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 10m}
`

func TestPeakLoadRatio(t *testing.T) {
	t.Parallel()
	s, err := spec.Load("peak.yaml", []byte(peakScenario), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	r := res.Summary.Outcome.PeakLoadRatio["api"]
	// Per-minute rates of a Poisson stream of 200/s have sd 1.8/s; the
	// maximum over 30 minutes lies within a few sd of 200/s, and the
	// baseline mean of 100/s has sd 0.4/s.
	require.InDelta(t, 2.0, r, 0.1)
	require.Equal(t, Outage{}, res.Summary.Outcome.Outage)
	require.Zero(t, res.Summary.Outcome.ImpactedUsers)
}

// A baseline window with too few arrivals gives no ratio: 100 arrivals at
// least. One step of 60 s: 1/s is 60 arrivals (no ratio), 2/s is 120.
func TestPeakRatioNeedsEnoughBaselineArrivals(t *testing.T) {
	t.Parallel()
	stepLen := func(int) float64 { return 60 }
	_, ok := peakRatio([]float64{1, 50}, 0, 1, stepLen)
	require.False(t, ok, "60 arrivals")
	r, ok := peakRatio([]float64{2, 50}, 0, 1, stepLen)
	require.True(t, ok, "120 arrivals")
	require.Equal(t, 25.0, r)
	_, ok = peakRatio([]float64{0, 50}, 0, 1, stepLen)
	require.False(t, ok, "none")
	_, ok = peakRatio([]float64{5}, 1, 2, stepLen)
	require.False(t, ok, "window past the series")
}

// BaselineMean counts a window's arrivals with the run's step lengths: a
// last step cut short by the horizon (30 s of a 1 m step here) holds half
// the arrivals its rate says for a whole step.
func TestBaselineMeanGuard(t *testing.T) {
	t.Parallel()
	s := &spec.Spec{Horizon: 150 * time.Second, Step: time.Minute}
	s.Outcome.Baseline = spec.Window{From: 2 * time.Minute, To: 150 * time.Second}
	_, ok := BaselineMean(s, []float64{100, 100, 3})
	require.False(t, ok, "3/s for 30 s is 90 arrivals")
	mean, ok := BaselineMean(s, []float64{100, 100, 4})
	require.True(t, ok, "4/s for 30 s is 120 arrivals")
	require.Equal(t, 4.0, mean)

	s.Outcome.Baseline = spec.Window{From: 0, To: 90 * time.Second} // steps 0 and 1
	mean, ok = BaselineMean(s, []float64{1, 2, 50})
	require.True(t, ok, "60 + 120 arrivals")
	require.Equal(t, 1.5, mean, "the mean of the steps' values")
	_, ok = BaselineMean(s, []float64{0.5, 1, 50})
	require.False(t, ok, "30 + 60 arrivals")
	_, ok = BaselineMean(s, nil)
	require.False(t, ok, "no step")
}

// TestComponentCountsAreTheLatencysRequests: a service's completed count
// and its latency cover the same requests, those finished while draining
// after the horizon included: on mm1 every request sent is served.
func TestComponentCountsAreTheLatencysRequests(t *testing.T) {
	t.Parallel()
	res := runQuick(t, "mm1")
	o := res.Summary.Outcome
	require.Equal(t, float64(o.Populations[0].Succeeded), o.Components[0].Completed)
	require.Equal(t, float64(o.Populations[0].Requests), o.Components[0].Offered)
}

// TestOutageByEventTimes: the outage's first and last failed requests lie
// in its first and last steps, and a request failed at each.
func TestOutageByEventTimes(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"docomo-2022-12-17", "retry-storm"} {
		res := runQuick(t, name)
		o := res.Summary.Outcome.Outage
		step := res.Step.Seconds()
		require.Positive(t, o.DurationS, name)
		require.GreaterOrEqual(t, o.FirstFailedS, o.StartS, name)
		require.Less(t, o.FirstFailedS, o.StartS+step, name)
		require.LessOrEqual(t, o.LastFailedS, o.EndS, name)
		require.Greater(t, o.LastFailedS, o.EndS-step, name)
	}
	res := runQuick(t, "mm1")
	require.Zero(t, res.Summary.Outcome.Outage.FirstFailedS, "no outage, no times")
}
