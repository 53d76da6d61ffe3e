package scenarios

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBuiltinsFitTheDefaultLimits: every built-in at full size is well
// inside the default limits (its size is logged).
func TestBuiltinsFitTheDefaultLimits(t *testing.T) {
	t.Parallel()
	for _, b := range Builtins() {
		sz, err := EstimateSize(loadBuiltin(t, b.Name))
		require.NoError(t, err)
		t.Logf("%s: %d steps x %d series = %d values, about %.3g requests", b.Name, sz.Steps, sz.Series, sz.SeriesValues, sz.ExpectedRequests)
		require.Less(t, sz.SeriesValues, int64(DefaultMaxSeriesValues/4), b.Name)
		require.Less(t, sz.MinEvents(), float64(DefaultMaxEvents/4), b.Name)
	}
}

// TestLimitsRefuseAndStop: a run over its estimated size is refused before
// it starts; one that passes a limit while running stops with a
// LimitError naming the flag, whatever the machine.
func TestLimitsRefuseAndStop(t *testing.T) {
	t.Parallel()
	s := loadBuiltin(t, "mm1", "customers=20000")
	sz, err := EstimateSize(s)
	require.NoError(t, err)
	var le *LimitError
	_, err = Run(s, Options{Limits: Limits{MaxSeriesValues: sz.SeriesValues - 1}})
	require.True(t, errors.As(err, &le), "%v", err)
	require.Equal(t, "--max-series-values", le.Flag)
	require.Contains(t, le.Msg, "use a longer step")
	require.NoError(t, CheckSize(s, Limits{MaxSeriesValues: sz.SeriesValues}))

	_, err = Run(s, Options{Limits: Limits{MaxEvents: uint64(2*sz.ExpectedRequests) - 1}})
	require.True(t, errors.As(err, &le), "refused up front: %v", err)
	require.Contains(t, le.Msg, "the populations would send about")

	// A run with more than two events per request passes the estimate and
	// meets the limit while running.
	storm := loadBuiltin(t, "retry-storm", quickSets(t, "retry-storm")...)
	stormSize, err := EstimateSize(storm)
	require.NoError(t, err)
	full := runQuick(t, "retry-storm")
	need := 2 * stormSize.ExpectedRequests
	require.Greater(t, float64(full.Summary.Events), need+10, "retries and timeouts add events")
	_, err = Run(storm, Options{Limits: Limits{MaxEvents: uint64((float64(full.Summary.Events) + need) / 2)}})
	require.True(t, errors.As(err, &le), "stopped while running: %v", err)
	require.Contains(t, le.Msg, "the run reached the limit of")

	_, err = Run(storm, Options{Limits: Limits{MaxPending: 100}})
	require.True(t, errors.As(err, &le), "%v", err)
	require.Equal(t, "--max-pending", le.Flag)
	require.Contains(t, le.Msg, "more than 100 events were waiting at once")

}
