package retry

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// Every control of the package, freshly made with its defaults.
func allControls(t testing.TB) []Control {
	t.Helper()
	g, err := NewGRPCThrottling(DefaultGRPCThrottling())
	require.NoError(t, err)
	e, err := NewEnvoyBudget(DefaultEnvoyBudget())
	require.NoError(t, err)
	f, err := NewFinagleBudget(DefaultFinagleBudget())
	require.NoError(t, err)
	s, err := NewSREThrottling(DefaultSREThrottling())
	require.NoError(t, err)
	q, err := NewAWSQuota(DefaultAWSQuota())
	require.NoError(t, err)
	c, err := NewCircuitBreaker(DefaultCircuitBreaker())
	require.NoError(t, err)
	return []Control{None{}, g, e, f, s, q, c}
}

// The defaults are the documented ones.
func TestDefaults(t *testing.T) {
	require.Equal(t, GRPCThrottlingConfig{MaxTokens: 10, TokenRatio: 0.1}, DefaultGRPCThrottling())
	require.Equal(t, EnvoyBudgetConfig{BudgetPercent: 20, MinRetryConcurrency: 3}, DefaultEnvoyBudget())
	require.Equal(t, FinagleBudgetConfig{TTL: 10 * time.Second, PercentCanRetry: 0.2, MinRetriesPerSec: 10}, DefaultFinagleBudget())
	require.Equal(t, SREThrottlingConfig{K: 2, Window: 2 * time.Minute, Buckets: 120}, DefaultSREThrottling())
	require.Equal(t, AWSQuotaConfig{Capacity: 500, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: 1}, DefaultAWSQuota())
	require.Equal(t, CircuitBreakerConfig{RequestVolume: 20, Window: 10 * time.Second, Buckets: 10, ErrorPercent: 50, SleepWindow: 5 * time.Second}, DefaultCircuitBreaker())
	names := map[string]bool{}
	for _, c := range allControls(t) {
		require.NotEmpty(t, c.Name())
		require.False(t, names[c.Name()], "duplicate name %s", c.Name())
		names[c.Name()] = true
		if _, ok := c.(None); !ok {
			_, ok := c.(StatsReporter)
			require.True(t, ok, "%s reports no stats", c.Name())
		}
	}
}

// None admits everything and is usable as a zero value.
func TestNone(t *testing.T) {
	var c Control = None{}
	for i := 0; i < 10; i++ {
		require.True(t, c.Admit(0, i%2 == 0, nil))
		c.Done(0, i%2 == 0, false, true)
	}
	a, ok := Begin(c, 0, true, true, nil)
	require.True(t, ok)
	require.True(t, a.Retry())
	a.End(0, false, false)
}

// trace runs a random workload through c, with overlapping attempts that
// end in a random order after random delays, and returns every decision
// and a summary of its stats.
func trace(c Control, seed uint64) []bool {
	r, w := newRand(seed, "control"), newRand(seed, "workload")
	type pending struct {
		a  Attempt
		at sim.Time
	}
	var inflight []pending
	var got []bool
	now := sim.Time(0)
	for i := 0; i < 20000; i++ {
		now += sim.Time(w.Intn(uint64(20 * time.Millisecond)))
		// End some attempts in flight.
		for j := 0; j < len(inflight); {
			if inflight[j].at <= now {
				ok := w.Float64() < 0.4
				inflight[j].a.End(now, ok, !ok && w.Intn(2) == 0)
				inflight = append(inflight[:j], inflight[j+1:]...)
				continue
			}
			j++
		}
		a, ok := Begin(c, now, w.Intn(3) > 0, w.Intn(2) == 0, r)
		got = append(got, ok)
		if ok {
			inflight = append(inflight, pending{a, now + sim.Time(w.Intn(uint64(time.Second)))})
		}
	}
	return got
}

// The same seed gives the same decisions; another seed gives others.
func TestDeterminism(t *testing.T) {
	for i, c := range allControls(t) {
		first := trace(c, 42)
		again := trace(allControls(t)[i], 42)
		require.Equal(t, first, again, "%s: same seed, different decisions", c.Name())
		if _, ok := c.(None); ok {
			continue
		}
		other := trace(allControls(t)[i], 43)
		require.NotEqual(t, first, other, "%s: the seed changes nothing", c.Name())
		st := c.(StatsReporter).Stats()
		require.Equal(t, int64(len(first)), st.Admitted()+st.Rejected(), c.Name())
		require.Positive(t, st.Rejected(), "%s rejected nothing: the workload does not exercise it", c.Name())
	}
	// Backoffs draw only from the Rand they are given.
	for _, j := range []JitterKind{Full, Equal, Decorrelated, GRPC} {
		b := mustBackoff(t, BackoffConfig{Kind: Exponential, Base: time.Millisecond, Cap: time.Second, Jitter: j})
		draw := func(seed uint64) []sim.Time {
			r := newRand(seed, "backoff")
			var out []sim.Time
			prev := sim.Time(0)
			for n := 1; n <= 100; n++ {
				prev = b.Delay(n, prev, r)
				out = append(out, prev)
			}
			return out
		}
		require.Equal(t, draw(7), draw(7), "%s", j)
		require.NotEqual(t, draw(7), draw(8), "%s", j)
	}
}
