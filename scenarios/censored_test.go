package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// TestCensoredOutages: retry-storm's API stays down to the horizon, so its
// outage is censored (a lower bound): an at_least check on it holds if the
// bound does, any other check is inconclusive, never ok; mm1's is not.
func TestCensoredOutages(t *testing.T) {
	t.Parallel()
	res := runQuick(t, "retry-storm")
	s := loadBuiltin(t, "retry-storm", quickSets(t, "retry-storm")...) // its own: Documented is changed below
	o := res.Summary.Outcome
	require.True(t, o.Outage.Censored, "metastable: down to the end")
	require.True(t, o.Populations[0].Censored)
	got := o.Outage.DurationS
	require.Positive(t, got)

	s.Documented = []spec.Documented{
		{Name: "bound-holds", Metric: "outage.duration_s", Value: got / 2, Tolerance: spec.Tolerance{AtLeast: true}, Kind: spec.Emergent},
		{Name: "bound-fails", Metric: "outage.duration_s", Value: got * 2, Tolerance: spec.Tolerance{AtLeast: true}, Kind: spec.Emergent},
		{Name: "relative", Metric: "outage.duration_s", Value: got, Tolerance: spec.Tolerance{Relative: true, Value: 0.1}, Kind: spec.Emergent},
		{Name: "population", Metric: "populations." + o.Populations[0].Name + ".outage_s", Value: o.Populations[0].OutageS, Tolerance: spec.Tolerance{Value: 1}, Kind: spec.Emergent},
		{Name: "not-a-duration", Metric: "impacted_users", Value: o.ImpactedUsers, Tolerance: spec.Tolerance{Value: 1}, Kind: spec.Emergent},
	}
	_, checks, err := check(s, o)
	require.NoError(t, err)
	want := map[string][2]bool{ // ok, inconclusive
		"bound-holds": {true, false}, "bound-fails": {false, false}, "relative": {false, true},
		"population": {false, true}, "not-a-duration": {true, false},
	}
	for _, c := range checks {
		require.Equal(t, want[c.Name][0], c.OK, c.Name)
		require.Equal(t, want[c.Name][1], c.Inconclusive != "", c.Name)
	}

	res = runQuick(t, "mm1")
	require.False(t, res.Summary.Outcome.Outage.Censored)
	for _, c := range res.Summary.Checks {
		require.False(t, c.Censored, c.Name)
	}
}
