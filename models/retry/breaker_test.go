package retry

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

func mustBreaker(t testing.TB, cfg CircuitBreakerConfig) *CircuitBreaker {
	t.Helper()
	c, err := NewCircuitBreaker(cfg)
	require.NoError(t, err)
	return c
}

// feed sends n attempts at now through c, each ending at once: ok or not.
func feed(t *testing.T, c *CircuitBreaker, now sim.Time, n int, ok bool) {
	t.Helper()
	for i := 0; i < n; i++ {
		require.True(t, c.Admit(now, false, nil), "attempt %d at %v refused", i, now)
		c.Done(now, false, ok, !ok)
	}
}

// The breaker opens at exactly the volume and error thresholds, not
// before.
func TestCircuitBreakerOpensAtThresholds(t *testing.T) {
	cases := []struct {
		name      string
		ok, fail  int // sent in this order
		wantState BreakerState
	}{
		{"19 failures: below the volume", 0, 19, Closed},
		{"20 failures: volume reached, 100% errors", 0, 20, Open},
		{"10 ok then 9 failures: 19 attempts", 10, 9, Closed},
		{"10 ok then 10 failures: 20 attempts, 50%", 10, 10, Open},
		{"11 ok then 9 failures: 45%", 11, 9, Closed},
		{"11 ok then 10 failures: 47.6%", 11, 10, Closed},
		{"11 ok then 11 failures: 50%", 11, 11, Open},
		{"1000 ok then 999 failures: 49.97%", 1000, 999, Closed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := mustBreaker(t, DefaultCircuitBreaker())
			feed(t, b, time.Second, c.ok, true)
			feed(t, b, time.Second, c.fail, false)
			require.Equal(t, c.wantState, b.State(time.Second))
			if c.wantState == Open {
				require.False(t, b.Admit(time.Second, false, nil))
			}
		})
	}
}

// Errors older than the window do not count: 15 failures, then 10 s
// later 5 more are not 20 in the window.
func TestCircuitBreakerRollingWindow(t *testing.T) {
	b := mustBreaker(t, DefaultCircuitBreaker())
	feed(t, b, 0, 15, false)
	feed(t, b, 10*time.Second, 5, false)
	require.Equal(t, Closed, b.State(10*time.Second))
	attempts, errs := b.Counts(10 * time.Second)
	require.Equal(t, [2]int64{5, 5}, [2]int64{attempts, errs})
	feed(t, b, 19*time.Second+999*time.Millisecond, 14, false)
	require.Equal(t, Closed, b.State(19*time.Second), "19 in the window")
	feed(t, b, 19*time.Second+999*time.Millisecond, 1, false)
	require.Equal(t, Open, b.State(20*time.Second))
}

// The whole cycle as a story: open for the sleep window; then one trial;
// a failed trial opens it again from then; a successful one closes it
// with an empty window.
func TestCircuitBreakerStateMachine(t *testing.T) {
	b := mustBreaker(t, DefaultCircuitBreaker())
	t0 := 3 * time.Second
	feed(t, b, t0, 20, false)
	require.Equal(t, Open, b.State(t0))

	// Open: everything is rejected, first attempts and retries, until more
	// than 5 s have passed.
	for _, now := range []sim.Time{t0, t0 + time.Second, t0 + 5*time.Second} {
		require.Equal(t, Open, b.State(now))
		require.False(t, b.Admit(now, false, nil), "at %v", now)
		require.False(t, b.Admit(now, true, nil), "at %v", now)
	}
	// Half-open: one trial, the rest rejected while it runs.
	t1 := t0 + 5*time.Second + 1
	require.Equal(t, HalfOpen, b.State(t1))
	require.True(t, b.Admit(t1, false, nil), "the trial")
	require.Equal(t, HalfOpen, b.State(t1))
	require.False(t, b.Admit(t1, false, nil), "only one trial")
	require.False(t, b.Admit(t1+time.Minute, true, nil), "still only one trial")

	// The trial fails: open again, counted from the failure.
	t2 := t1 + 100*time.Millisecond
	b.Done(t2, false, false, true)
	require.Equal(t, Open, b.State(t2))
	require.False(t, b.Admit(t2+5*time.Second, false, nil))
	t3 := t2 + 5*time.Second + 1
	require.True(t, b.Admit(t3, true, nil), "the second trial (a retry may be the trial)")

	// The trial succeeds: closed, with an empty window, so 19 more
	// failures do not open it.
	b.Done(t3, true, true, false)
	require.Equal(t, Closed, b.State(t3))
	attempts, errs := b.Counts(t3)
	require.Equal(t, [2]int64{0, 0}, [2]int64{attempts, errs})
	feed(t, b, t3, 19, false)
	require.Equal(t, Closed, b.State(t3))
	feed(t, b, t3, 1, false)
	require.Equal(t, Open, b.State(t3))

	st := b.Stats()
	require.Equal(t, Stats{
		FirstAdmitted:   20 + 1 + 19 + 1, // fed, the first trial, fed
		FirstRejected:   3 + 1 + 1,       // open, during the trial, open again
		RetriesAdmitted: 1,               // the second trial
		RetriesRejected: 3 + 1,           // open, during the trial
	}, st)
	require.Equal(t, "circuit-breaker", b.Name())
}

// With a sleep window of 0 the trial comes at the next instant.
func TestCircuitBreakerZeroSleep(t *testing.T) {
	cfg := DefaultCircuitBreaker()
	cfg.SleepWindow = 0
	b := mustBreaker(t, cfg)
	feed(t, b, 0, 20, false)
	require.False(t, b.Admit(0, false, nil))
	require.True(t, b.Admit(1, false, nil))
}

func TestCircuitBreakerConfigErrors(t *testing.T) {
	for name, mut := range map[string]func(*CircuitBreakerConfig){
		"zero volume":       func(c *CircuitBreakerConfig) { c.RequestVolume = 0 },
		"negative percent":  func(c *CircuitBreakerConfig) { c.ErrorPercent = -1 },
		"percent above 100": func(c *CircuitBreakerConfig) { c.ErrorPercent = 101 },
		"negative sleep":    func(c *CircuitBreakerConfig) { c.SleepWindow = -1 },
		"zero window":       func(c *CircuitBreakerConfig) { c.Window = 0 },
		"zero buckets":      func(c *CircuitBreakerConfig) { c.Buckets = 0 },
		"buckets below 1ns": func(c *CircuitBreakerConfig) { c.Window = 9 },
	} {
		cfg := DefaultCircuitBreaker()
		mut(&cfg)
		_, err := NewCircuitBreaker(cfg)
		require.Error(t, err, name)
	}
	require.Equal(t, "half-open", HalfOpen.String())
}
