package retry

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func mustAWS(t testing.TB, cfg AWSQuotaConfig) *AWSQuota {
	t.Helper()
	q, err := NewAWSQuota(cfg)
	require.NoError(t, err)
	return q
}

// At 100% failure the quota pays for Capacity/cost retries and then no
// more: with the SDK's 3 attempts per call, attempts per call fall to 1.
// Timeouts cost twice as much, so half as many retries go out.
func TestAWSQuotaRunsDryAtTotalFailure(t *testing.T) {
	cases := []struct {
		name     string
		timeouts bool
		retries  int64
	}{
		{"error answers cost 5", false, 500 / 5},
		{"timeouts cost 10", true, 500 / 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := mustAWS(t, DefaultAWSQuota())
			s := stream{interval: time.Millisecond, calls: 100_000, maxAttempts: 3, outcome: failWith(1, c.timeouts)}
			tl := s.run(q, 1)
			t.Logf("%s: %d calls, %d retries admitted, attempts per call %.5f", c.name, tl.calls, tl.retriesAdmitted, tl.amplification())
			require.Equal(t, c.retries, tl.retriesAdmitted)
			require.Equal(t, 0, q.Balance())
			require.InDelta(t, 1+float64(c.retries)/float64(tl.calls), tl.amplification(), 1e-12)
			// From then on no retry goes out: amplification exactly 1.
			later := stream{interval: time.Millisecond, calls: 10_000, maxAttempts: 3, outcome: failWith(1, c.timeouts)}.run(q, 2)
			require.Equal(t, 1.0, later.amplification())
		})
	}
}

// Successes refill the quota: a first attempt adds NoRetryIncrement, a
// retry gives back what it cost; never above Capacity. Through Begin a
// retry after a timeout costs TimeoutCost and gets back exactly that;
// through plain Admit and Done every retry costs RetryCost.
func TestAWSQuotaCharges(t *testing.T) {
	q := mustAWS(t, DefaultAWSQuota())
	q.Done(0, false, true, false)
	require.Equal(t, 500, q.Balance(), "capped at capacity")

	a, ok := Begin(q, 0, true, true, nil)
	require.True(t, ok)
	require.Equal(t, 490, q.Balance(), "after a timeout a retry costs 10")
	b, ok := Begin(q, 0, true, false, nil)
	require.True(t, ok)
	require.Equal(t, 485, q.Balance(), "after an error it costs 5")
	b.End(0, false, false)
	require.Equal(t, 485, q.Balance(), "a failed retry gives nothing back")
	a.End(0, true, false)
	require.Equal(t, 495, q.Balance(), "a successful retry gives back its own cost")

	require.True(t, q.Admit(0, true, nil))
	require.Equal(t, 490, q.Balance(), "plain Admit: cost 5")
	q.Done(0, true, true, false)
	require.Equal(t, 495, q.Balance())
	q.Done(0, false, true, false)
	require.Equal(t, 496, q.Balance(), "a first attempt that succeeds adds 1")
	q.Done(0, false, false, true)
	require.Equal(t, 496, q.Balance(), "one that fails adds nothing")

	// Drain to below a timeout's cost: an error retry still fits.
	small := mustAWS(t, AWSQuotaConfig{Capacity: 7, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: 1})
	_, ok = Begin(small, 0, true, true, nil)
	require.False(t, ok, "10 > 7")
	_, ok = Begin(small, 0, true, false, nil)
	require.True(t, ok, "5 <= 7")
	_, ok = Begin(small, 0, false, false, nil)
	require.True(t, ok, "first attempts are always sent")
	require.Equal(t, Stats{FirstAdmitted: 1, RetriesAdmitted: 1, RetriesRejected: 1}, small.Stats())
	require.Equal(t, "aws-quota", small.Name())
}

func TestAWSQuotaConfigErrors(t *testing.T) {
	for _, cfg := range []AWSQuotaConfig{
		{Capacity: 0, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: 1},
		{Capacity: 500, RetryCost: -1, TimeoutCost: 10, NoRetryIncrement: 1},
		{Capacity: 500, RetryCost: 5, TimeoutCost: -1, NoRetryIncrement: 1},
		{Capacity: 500, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: -1},
	} {
		_, err := NewAWSQuota(cfg)
		require.Error(t, err, "%+v", cfg)
	}
}
