package retry

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func mustEnvoy(t testing.TB, cfg EnvoyBudgetConfig) *EnvoyBudget {
	t.Helper()
	e, err := NewEnvoyBudget(cfg)
	require.NoError(t, err)
	return e
}

// admitRetries asks for retries until one is refused and returns how many
// were admitted.
func admitRetries(e *EnvoyBudget) int {
	n := 0
	for e.Admit(0, true, nil) {
		n++
	}
	return n
}

// The limit is max(3, floor(20% of the requests in flight)): with 100
// requests active, at most 20 may be retries; with few, 3.
func TestEnvoyBudgetLimit(t *testing.T) {
	for active, want := range map[int]int64{0: 3, 2: 3, 14: 3, 19: 3, 20: 4, 99: 19, 100: 20, 101: 20, 1000: 200} {
		e := mustEnvoy(t, DefaultEnvoyBudget())
		for i := 0; i < active; i++ {
			e.Admit(0, false, nil)
		}
		require.Equal(t, want, e.Limit(), "%d active", active)
	}
}

// A retry is admitted while retries in flight < the limit, and the
// retries count as requests in flight (Envoy's rq_active counts every
// upstream request), so the limit grows as retries are admitted: with n
// first attempts in flight, retries stop at the first r where
// r >= max(3, floor(0.2 x (n + r))). Retries in flight never exceed the
// limit.
func TestEnvoyBudgetAdmission(t *testing.T) {
	cases := []struct {
		first   int // first attempts in flight
		retries int // retries then admitted
	}{
		{0, 3}, {2, 3}, {15, 3}, {20, 4}, {80, 19}, {81, 20}, {100, 24}, {400, 99},
	}
	for _, c := range cases {
		e := mustEnvoy(t, DefaultEnvoyBudget())
		for i := 0; i < c.first; i++ {
			require.True(t, e.Admit(0, false, nil), "first attempts are always admitted")
		}
		got := 0
		for e.Admit(0, true, nil) {
			got++
			_, retries := e.Active()
			require.LessOrEqual(t, retries, e.Limit())
		}
		require.Equal(t, c.retries, got, "%d first attempts in flight", c.first)
		active, retries := e.Active()
		require.Equal(t, int64(c.first+c.retries), active)
		require.Equal(t, int64(c.retries), retries)
	}
}

// Done frees a place: a retry ending lets another in; first attempts
// ending shrink the budget, and retries already in flight are not
// recalled.
func TestEnvoyBudgetDoneFreesPlaces(t *testing.T) {
	e := mustEnvoy(t, DefaultEnvoyBudget())
	for i := 0; i < 81; i++ {
		e.Admit(0, false, nil)
	}
	require.Equal(t, 20, admitRetries(e))
	e.Done(0, true, false, false)
	require.Equal(t, 1, admitRetries(e), "one retry ended, one more admitted")
	for i := 0; i < 61; i++ {
		e.Done(0, false, true, false)
	}
	active, retries := e.Active()
	require.Equal(t, [2]int64{40, 20}, [2]int64{active, retries})
	require.Equal(t, int64(8), e.Limit(), "20% of 40")
	require.False(t, e.Admit(0, true, nil))
	require.True(t, e.Admit(0, false, nil))
	require.Panics(t, func() {
		f := mustEnvoy(t, DefaultEnvoyBudget())
		f.Done(0, false, true, false)
	}, "Done without Admit")
	require.Equal(t, "envoy-retry-budget", e.Name())
	require.Equal(t, int64(82), e.Stats().FirstAdmitted)
}

func TestEnvoyBudgetConfigErrors(t *testing.T) {
	for _, cfg := range []EnvoyBudgetConfig{
		{BudgetPercent: -1, MinRetryConcurrency: 3},
		{BudgetPercent: 101, MinRetryConcurrency: 3},
		{BudgetPercent: 20, MinRetryConcurrency: -1},
	} {
		_, err := NewEnvoyBudget(cfg)
		require.Error(t, err, "%+v", cfg)
	}
	// 0% and no minimum: no retries at all.
	e := mustEnvoy(t, EnvoyBudgetConfig{})
	e.Admit(0, false, nil)
	require.False(t, e.Admit(0, true, nil))
}
