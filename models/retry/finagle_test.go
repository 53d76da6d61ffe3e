package retry

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func mustFinagle(t testing.TB, cfg FinagleBudgetConfig) *FinagleBudget {
	t.Helper()
	f, err := NewFinagleBudget(cfg)
	require.NoError(t, err)
	return f
}

// At 100% failure, with retries limited only by the budget, attempts per
// request settle at 1 + PercentCanRetry, plus the reserve's
// MinRetriesPerSec/rate. The reserve is spent once per window, and the
// window covers between 9 and 10 tenths of the TTL, so its share is
// between MinRetriesPerSec/rate and 10/9 of that.
func TestFinagleBudgetAmplificationAtTotalFailure(t *testing.T) {
	cases := []struct {
		name     string
		min      int
		lo, hi   float64
		rate     float64 // requests per second
		interval time.Duration
	}{
		{"no reserve", 0, 1.2, 1.2, 100, 10 * time.Millisecond},
		{"reserve 10/s at 100/s", 10, 1.3, 1.2 + 0.1*10/9, 100, 10 * time.Millisecond},
		{"reserve 10/s at 1000/s", 10, 1.21, 1.2 + 0.01*10/9, 1000, time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultFinagleBudget()
			cfg.MinRetriesPerSec = c.min
			f := mustFinagle(t, cfg)
			secs := 300
			s := stream{interval: c.interval, calls: int(c.rate) * secs, warm: int(c.rate) * 60, maxAttempts: 1 << 20, outcome: failWith(1, false)}
			tl := s.run(f, 1)
			amp := tl.amplification()
			t.Logf("%s: %d calls, %d attempts: %.4f attempts per call (expected %.4f to %.4f)", c.name, tl.calls, tl.attempts, amp, c.lo, c.hi)
			// One window's worth of retries may fall either side of the
			// measured span: 1 + 0.2 x rate x TTL + reserve, over the calls.
			slack := (1 + 0.2*c.rate*10 + float64(c.min)*10) / float64(tl.calls)
			require.GreaterOrEqual(t, amp, c.lo-slack)
			require.LessOrEqual(t, amp, c.hi+slack)
		})
	}
}

// A fresh default budget holds its reserve: MinRetriesPerSec x TTL = 100
// retries, with no requests at all; and it needs nothing from results.
func TestFinagleBudgetReserve(t *testing.T) {
	f := mustFinagle(t, DefaultFinagleBudget())
	require.Equal(t, int64(100), f.Balance(0))
	for i := 0; i < 100; i++ {
		require.True(t, f.Admit(time.Duration(i)*time.Millisecond, true, nil), "retry %d", i)
		f.Done(0, true, false, false)
	}
	require.False(t, f.Admit(time.Second, true, nil))
	require.Equal(t, int64(0), f.Balance(time.Second))
	// Five requests earn one retry.
	for i := 0; i < 5; i++ {
		require.True(t, f.Admit(time.Second, false, nil))
	}
	require.True(t, f.Admit(time.Second, true, nil))
	require.False(t, f.Admit(time.Second, true, nil))
	require.Equal(t, Stats{FirstAdmitted: 5, RetriesAdmitted: 101, RetriesRejected: 2}, f.Stats())
	require.Equal(t, "finagle-retry-budget", f.Name())
}

// Deposits expire after the TTL, and so do withdrawals: the window is the
// current tenth of the TTL and the nine before it.
func TestFinagleBudgetExpiry(t *testing.T) {
	cfg := DefaultFinagleBudget()
	cfg.MinRetriesPerSec = 0
	f := mustFinagle(t, cfg)
	for i := 0; i < 50; i++ {
		f.Admit(0, false, nil)
	}
	require.Equal(t, int64(10), f.Balance(0))
	require.Equal(t, int64(10), f.Balance(10*time.Second-1), "still inside the TTL")
	require.Equal(t, int64(0), f.Balance(10*time.Second), "expired after the TTL")

	f = mustFinagle(t, cfg)
	for i := 0; i < 50; i++ {
		f.Admit(0, false, nil)
	}
	for i := 0; i < 10; i++ {
		require.True(t, f.Admit(5*time.Second, true, nil))
	}
	require.False(t, f.Admit(5*time.Second, true, nil))
	require.Equal(t, int64(-10), f.Balance(10*time.Second), "the deposits left, the withdrawals stay")
	require.False(t, f.Admit(10*time.Second, true, nil))
	require.Equal(t, int64(0), f.Balance(15*time.Second), "and leave in their turn")
	// A long silence empties the window in one step.
	require.Equal(t, int64(0), f.Balance(time.Hour))
}

func TestFinagleBudgetConfigErrors(t *testing.T) {
	ok := DefaultFinagleBudget()
	for name, mut := range map[string]func(*FinagleBudgetConfig){
		"ttl below 1s":     func(c *FinagleBudgetConfig) { c.TTL = 999 * time.Millisecond },
		"ttl above 60s":    func(c *FinagleBudgetConfig) { c.TTL = 61 * time.Second },
		"negative percent": func(c *FinagleBudgetConfig) { c.PercentCanRetry = -0.1 },
		"percent too big":  func(c *FinagleBudgetConfig) { c.PercentCanRetry = 1001 },
		"negative min":     func(c *FinagleBudgetConfig) { c.MinRetriesPerSec = -1 },
	} {
		cfg := ok
		mut(&cfg)
		_, err := NewFinagleBudget(cfg)
		require.Error(t, err, name)
	}
	// Percent 0 and no reserve: Finagle's empty budget, never a retry.
	f := mustFinagle(t, FinagleBudgetConfig{TTL: time.Second})
	f.Admit(0, false, nil)
	require.False(t, f.Admit(0, true, nil))
	// Percent 0 with a reserve: retries come only from the reserve.
	f = mustFinagle(t, FinagleBudgetConfig{TTL: 2 * time.Second, MinRetriesPerSec: 3})
	require.Equal(t, int64(6), f.Balance(0))
}
