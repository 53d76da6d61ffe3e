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
		{"{name: x, at: 1m, component: &a api, action: *a}", "uses a YAML anchor or alias"},
	} {
		_, err := ValidateWithActions(b.File, b.Data, nil, []string{c.action})
		require.Error(t, err, c.action)
		require.Contains(t, err.Error(), c.want, c.action)
	}
}

// TestStartingTheSwitchoverEarlyShortensKakaoTalksOutage: on 15 Oct the
// switch-over to the second data centre was not started before the power
// cut (documented). Started at 15:40, ten minutes after messaging
// stopped and over an hour before the cut, its steps (estimates) end
// before the cut darkens the operations tools, and KakaoTalk in Japan
// comes back hours earlier; the services that had no copy there do not.
func TestStartingTheSwitchoverEarlyShortensKakaoTalksOutage(t *testing.T) {
	b, ok := LookupBuiltin("kakao-2022-10-15")
	require.True(t, ok)
	s0, err := Validate(b.File, b.Data, nil)
	require.NoError(t, err)
	run := func(actions ...string) *Result {
		t.Helper()
		s, err := ValidateWithActions(b.File, b.Data, s0.Quick, actions)
		require.NoError(t, err)
		res, err := Run(s, Options{})
		require.NoError(t, err)
		return res
	}
	outage := func(res *Result, name string) float64 {
		for _, p := range res.Summary.Outcome.Populations {
			if p.Name == name {
				return p.OutageS
			}
		}
		require.Failf(t, "no population", name)
		return 0
	}
	base := run()
	early := run("{name: early, at: 40m, component: to-second-dc, action: switchover}")
	require.Greater(t, outage(base, "kakaotalk-japan"), 8*3600.0, "the documented run: about 10 h 46 min")
	require.Less(t, outage(early, "kakaotalk-japan"), 3*3600.0, "started at 15:40, messaging is back within hours")
	require.Equal(t, outage(base, "mail-users"), outage(early, "mail-users"), "mail had no copy to switch to")
	started := false
	for _, e := range early.Events {
		if e.Message == "switch-over started: ordered by the class" {
			started = true
			require.Equal(t, 40*60.0, e.At.Seconds())
		}
	}
	require.True(t, started, "the switch-over starts at the action")

	for _, c := range []struct{ action, want string }{
		{"{name: x, at: 40m, component: nowhere, action: switchover}", `actions.x.component: unknown switch-over "nowhere"; expected one of: pangyo/to-second-dc`},
		{"{name: x, at: 40m, component: pangyo/to-second-dc, action: switchover, factor: 2}", "factor is only allowed with action: slow or scale, not switchover"},
	} {
		_, err := ValidateWithActions(b.File, b.Data, nil, []string{c.action})
		require.Error(t, err, c.action)
		require.Contains(t, err.Error(), c.want, c.action)
	}
	s, err := ValidateWithActions(b.File, b.Data, nil, []string{"{name: x, at: 40m, component: pangyo/to-second-dc, action: switchover}"})
	require.NoError(t, err, "SITE/NAME names it too")
	require.Equal(t, "pangyo/to-second-dc", s.Actions[len(s.Actions)-1].Component)
}
