package operate

import (
	"fmt"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A flood of alarms takes the operator's attention: 20 alarms of 1 min
// each, all on screen when a 1 h diagnosis starts, share the attention
// with it and add 20 min to it; each is logged when read. Alarms that
// arrive during the diagnosis add their time too; without Attention the
// diagnosis takes its hour whatever the alarms.
func TestAlarmsShareTheOperatorsAttention(t *testing.T) {
	cases := []struct {
		name      string
		attention bool
		at        float64 // when the alarms arrive (the diagnosis starts at 700)
		want      float64 // diagnosis, seconds
		read      int
	}{
		{"flood before the diagnosis", true, 200, 3600 + 20*60, 20},
		{"flood during the diagnosis", true, 1000, 3600 + 20*60, 20},
		{"attention not modelled", false, 200, 3600, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, 1, secs(86400))
			cfg := Config{Name: "noc", Triggers: []string{"avail-west"}, Plan: []Step{
				{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
				{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
			}}
			if c.attention {
				cfg.Attention = Attention{Triage: fixed(t, 60)}
			}
			o := newOperator(t, env, cfg)
			raise(env, o, secs(100), "avail-west")
			for i := range 20 {
				raise(env, o, secs(c.at+float64(i)), fmt.Sprintf("unit-%02d", i))
			}
			env.Engine.Run()
			d := o.Records()[1]
			require.InDelta(t, c.want, (d.End - d.Start).Seconds(), 1e-3)
			require.Equal(t, c.read, d.Alarms)
			require.Equal(t, c.read, o.AlarmsRead())
			log := logOf(env)
			if c.attention {
				require.Equal(t, "diagnose: starts, sharing attention with "+map[bool]string{true: "20", false: "0"}[c.at < 700]+" unread alarms", log[2].detail)
				require.Contains(t, log[len(log)-2].detail, "attention: read alarm from unit-")
				require.Contains(t, log[len(log)-2].detail, "; 0 unread")
				require.Equal(t, "diagnose: diagnosed after 1h20m0s (attention shared with 20 alarms)", log[len(log)-1].detail)
			} else {
				require.Len(t, log, 3)
			}
		})
	}
}

// Attention changes no other draw: the steps' times are the same with and
// without it.
func TestAttentionDrawsFromItsOwnStream(t *testing.T) {
	run := func(attention bool) []StepRecord {
		env := newEnv(t, 7, secs(86400))
		cfg := Config{Name: "noc", Triggers: []string{"a"}, Plan: []Step{
			{Name: "notice", Kind: Notice, Delay: uniform(t, 60, 600)},
			{Name: "act", Kind: Act, Delay: uniform(t, 60, 600), Do: (&doLog{}).ok()},
		}}
		if attention {
			cfg.Attention = Attention{Triage: uniform(t, 1, 100)}
		}
		o := newOperator(t, env, cfg)
		raise(env, o, secs(10), "a")
		raise(env, o, secs(20), "b")
		env.Engine.Run()
		return o.Records()
	}
	require.Equal(t, run(false), run(true))
}

// An operator who stands down mid-diagnosis (the problem resolved itself)
// drops the diagnosis and the unread alarms: nothing more is read or
// logged, and alarms after that are not queued.
func TestStandingDownDropsTheAttention(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	resolved := false
	o := newOperator(t, env, Config{Name: "noc", Triggers: []string{"a"}, Attention: Attention{Triage: fixed(t, 600)},
		Resolved: func(sim.Time) bool { return resolved },
		Plan: []Step{
			{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
			{Name: "check", Kind: Work, Delay: fixed(t, 60), Requires: "diagnose"},
			{Name: "side", Kind: Work, Delay: fixed(t, 1800), Requires: "diagnose"},
		}})
	// The alarm that alerts at 0; two others queue; the diagnosis ends
	// at 3600 + 1200 with both read; then the problem goes away during
	// the two side-by-side steps.
	raise(env, o, 0, "a")
	raise(env, o, secs(1), "b")
	raise(env, o, secs(2), "c")
	env.Engine.At(secs(4830), sim.HandlerFunc(func(sim.Time, any) { resolved = true }), nil)
	raise(env, o, secs(5000), "d")
	env.Engine.Run()
	require.True(t, o.Done())
	require.Equal(t, 2, o.AlarmsRead())
	log := logOf(env)
	require.Equal(t, entry{secs(4860), "operator", "stands down: resolved by the end of check"}, log[len(log)-1])
	recs := o.Records()
	require.Len(t, recs, 2, "the side step is dropped")
	require.Equal(t, secs(4800), recs[0].End)
}
