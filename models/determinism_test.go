package models

import (
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// runOutput is everything a run produces that the determinism test
// compares.
type runOutput struct {
	series   map[string][]float64 // by component/metric
	stats    PopulationStats      // with Latency cleared
	latency  [5]float64           // count, sum, max and two quantiles of the user latency
	events   []sim.LogEntry
	fired    uint64
	finished sim.Time
}

// runBusyModel runs a model that exercises every random stream and every
// outcome: M/M/2 at rho 0.95 with a bounded queue, users with a deadline,
// 1000 users to count as impacted, an outage and a slow-down, for 2000 s.
func runBusyModel(t *testing.T, seed uint64) runOutput {
	t.Helper()
	m := newQueueModel(t, queueSpec{
		rate: 1.9, workers: 2, capacity: 10, service: mustExp(t, 1),
		horizon: secs(2000), steps: 200, seed: seed, deadline: secs(6), users: 1000,
	}, nil)
	schedule(t, m.env,
		timed{Name: "outage", At: secs(500), Fault: Fault{Target: m.svc, Action: FaultDown}},
		timed{Name: "repair", At: secs(600), Fault: Fault{Target: m.svc, Action: FaultUp}},
		timed{Name: "gc", At: secs(1000), Fault: Fault{Target: m.svc, Action: FaultSlow, Factor: 1.5}},
	)
	series := m.runDrained()
	out := runOutput{series: map[string][]float64{}, events: m.env.Recorder.Events(),
		fired: m.env.Engine.Fired(), finished: m.env.Engine.Now()}
	for _, s := range series {
		out.series[s.Component+"/"+s.Metric] = s.Values
	}
	out.stats = m.pop.Stats()
	l := out.stats.Latency
	out.latency = [5]float64{float64(l.Count()), l.Sum(), l.Max().Seconds(), l.Quantile(0.5).Seconds(), l.Quantile(0.99).Seconds()}
	out.stats.Latency = nil
	return out
}

// TestDeterminism: the same seed gives identical series, statistics and
// event logs, value for value; another seed gives different ones.
func TestDeterminism(t *testing.T) {
	a := runBusyModel(t, 7)
	b := runBusyModel(t, 7)
	require.Equal(t, a, b)

	// The run exercised every outcome, so the comparison covers them all.
	require.Positive(t, a.stats.Succeeded)
	require.Positive(t, a.stats.TimedOut)
	require.Positive(t, a.stats.Rejected)
	require.Positive(t, a.stats.Unavailable)
	require.Positive(t, a.stats.Aborted)
	require.Less(t, a.stats.ImpactedUsers, 1000.0)

	c := runBusyModel(t, 8)
	require.NotEqual(t, a.stats, c.stats)
	require.NotEqual(t, a.latency, c.latency)
	for name, vals := range a.series {
		if constant(vals) && constant(c.series[name]) {
			continue // configuration (workers) or a feature this model does not use
		}
		require.NotEqual(t, vals, c.series[name], "series %s is the same under another seed", name)
	}
	require.Equal(t, a.events, c.events, "the fault schedule does not depend on the seed")
}

func constant(vals []float64) bool {
	for _, v := range vals {
		if v != vals[0] {
			return false
		}
	}
	return true
}
