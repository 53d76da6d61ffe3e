package operate

import (
	"errors"
	"testing"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// An automation acts a fixed delay after the first alarm from a trigger,
// once; alarms from other sources do not set it off.
func TestAutomationActsAfterFixedDelay(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	done := &doLog{}
	a, err := NewAutomation(env, AutomationConfig{Name: "detour-tool", Triggers: []string{"e2e-west"}, Delay: secs(30),
		Action: "detour to planes F and G", Do: done.ok()})
	require.NoError(t, err)
	raise(env, a, secs(5), "unit-a")
	raise(env, a, secs(10), "e2e-west")
	raise(env, a, secs(20), "e2e-west")
	env.Engine.Run()
	require.Equal(t, []sim.Time{secs(40)}, done.at)
	require.Equal(t, []entry{{secs(40), "action", "detour to planes F and G: automation detour-tool, 30s after alarm from e2e-west"}}, logOf(env))
	at, acted, aerr := a.Acted()
	require.True(t, acted)
	require.Equal(t, secs(40), at)
	require.NoError(t, aerr)
	require.Len(t, a.Alarms(), 3)
}

// A failed automated action is logged as failed.
func TestAutomationFailure(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	a, err := NewAutomation(env, AutomationConfig{Name: "tool", Action: "detour",
		Do: func(sim.Time) error { return errors.New("unit list out of date") }})
	require.NoError(t, err)
	raise(env, a, secs(1), "any")
	env.Engine.Run()
	require.Equal(t, []entry{{secs(1), "action", "detour: automation tool, 0s after alarm from any; failed: unit list out of date"}}, logOf(env))
	_, _, aerr := a.Acted()
	require.Error(t, aerr)
}

// None keeps alarms and does nothing.
func TestNone(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	n := NewNone("nobody")
	var r Responder = n
	require.Equal(t, "nobody", r.Name())
	raise(env, n, secs(1), "x")
	env.Engine.Run()
	require.Len(t, n.Alarms(), 1)
	require.Empty(t, env.Recorder.Events())
}

// All three are Responders; an automation and an operator can share the
// alarms of one detector through detect.Sinks.
func TestRespondersShareAlarms(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	done := &doLog{}
	a, err := NewAutomation(env, AutomationConfig{Name: "tool", Action: "detour", Do: done.ok()})
	require.NoError(t, err)
	o := newOperator(t, env, Config{Name: "noc", Plan: []Step{{Name: "notice", Kind: Notice, Delay: fixed(t, 60)}}})
	var _ Responder = o
	var _ Responder = a
	raise(env, detect.Sinks{a, o}, secs(1), "bfd-e")
	env.Engine.Run()
	require.Equal(t, []sim.Time{secs(1)}, done.at)
	require.Len(t, o.Records(), 1)
}

// NewAutomation refuses what cannot work.
func TestAutomationValidation(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	ok := func(sim.Time) error { return nil }
	for _, c := range []struct {
		cfg  AutomationConfig
		want string
	}{
		{AutomationConfig{Action: "a", Do: ok}, "no name"},
		{AutomationConfig{Name: "t", Action: "a", Do: ok, Delay: -1}, "negative"},
		{AutomationConfig{Name: "t", Do: ok}, "needs an action"},
		{AutomationConfig{Name: "t", Action: "a"}, "needs an action"},
	} {
		_, err := NewAutomation(env, c.cfg)
		require.ErrorContains(t, err, c.want)
	}
}
