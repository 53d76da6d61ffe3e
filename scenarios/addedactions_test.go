package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCuttingRetriesEndsAMetastableFailure: retry-storm's default run
// stays down after its trigger (a metastable failure). The same run with
// the callers' retries set to 0 during the trigger comes back, and the
// later the cut, the longer the outage: the backlog the retries built
// must drain at the spare capacity. Cut before the trigger, the outage is
// about the trigger's 10 minutes plus the time the queue takes to drain.
// Cut after the backlog has grown past what drains within the horizon, it
// stays down.
func TestCuttingRetriesEndsAMetastableFailure(t *testing.T) {
	b, ok := LookupBuiltin("retry-storm")
	require.True(t, ok)
	run := func(actions ...string) *Result {
		t.Helper()
		s, err := ValidateWithActions(b.File, b.Data, nil, actions)
		require.NoError(t, err)
		res, err := Run(s, Options{})
		require.NoError(t, err)
		return res
	}
	cutAt := func(at string) *Result {
		return run("{name: cut-retries, at: " + at + ", component: caller, action: retries, retries: 0}")
	}
	base := run()
	require.True(t, base.Summary.Outcome.Metastable.Metastable, "the default run is metastable")

	early, mid, late := cutAt("25m"), cutAt("33m"), cutAt("50m")
	require.False(t, early.Summary.Outcome.Metastable.Metastable)
	require.False(t, mid.Summary.Outcome.Metastable.Metastable, "cut 3 min into the trigger, it recovers")
	require.True(t, late.Summary.Outcome.Metastable.Metastable, "cut 10 min after the trigger, the backlog outlasts the horizon")
	e, m := early.Summary.Outcome.Outage, mid.Summary.Outcome.Outage
	require.GreaterOrEqual(t, e.DurationS, 600.0, "at least the trigger's 10 minutes")
	require.Less(t, e.DurationS, 1800.0, "plus some draining")
	require.Greater(t, m.DurationS, e.DurationS)
	require.Less(t, m.DurationS, base.Summary.Outcome.Outage.DurationS)

	found := false
	for _, ev := range mid.Events {
		if ev.Message == "cut-retries: retries 0" {
			found = true
			require.Equal(t, 33*60.0, ev.At.Seconds())
			require.Equal(t, "the class", ev.By)
		}
	}
	require.True(t, found, "the action is in the log")

	// Before the action it is the same run.
	for i, ev := range base.Events {
		if ev.At.Seconds() >= 33*60 {
			break
		}
		require.Equal(t, ev, mid.Events[i], "event %d before the action", i)
	}
}

// TestAddedActionsAreCheckedLikeTheFilesOwn: an added action's errors name
// its field; a retries action needs a known client and its count.
func TestAddedActionsAreCheckedLikeTheFilesOwn(t *testing.T) {
	b, ok := LookupBuiltin("retry-storm")
	require.True(t, ok)
	for _, c := range []struct{ action, want string }{
		{"{name: x, at: 50m, component: nobody, action: retries, retries: 0}", `actions.x.component: unknown client "nobody"; expected one of the clients: caller`},
		{"{name: x, at: 50m, component: caller, action: retries}", "actions.x.retries: missing retries; a retries action needs the client's retries after a failed first attempt, from 0 to 100"},
		{"{name: x, at: 50m, component: caller, action: retries, retries: 101}", "actions.x.retries"},
		{"{name: x, at: 50m, component: api, action: down, retries: 2}", "retries is only allowed with action: retries, not down"},
		{"{name: x, at: 9h, component: api, action: down}", "actions.x.at: expected a time <= the horizon (2h), got 9h"},
		{"{name: slow-down, at: 1m, component: api, action: down}", "slow-down"},
		{"[1, 2]", "expected a mapping"},
		{"{at: 1m, component: [", "not valid YAML"},
		{"", "an empty action"},
	} {
		_, err := ValidateWithActions(b.File, b.Data, nil, []string{c.action})
		require.Error(t, err, c.action)
		require.Contains(t, err.Error(), c.want, c.action)
	}
}
