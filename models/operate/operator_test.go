package operate

import (
	"errors"
	"testing"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A plan of notice (10 min), diagnose (1 h) and a manual detour (30 min),
// alerted by an availability alert at 100 s: with deterministic
// distributions each step takes exactly its time, and the log says, in
// order, what alerted the operator, when they noticed and diagnosed, and
// who detoured after what.
func TestPlanStepsTakeTheirTimes(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	done := &doLog{}
	o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
		{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
		{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
		{Name: "manual detour", Kind: Act, Delay: fixed(t, 1800), Do: done.ok()},
	}})
	raise(env, o, secs(100), "avail-west")
	env.Engine.Run()

	require.Equal(t, []sim.Time{secs(6100)}, done.at)
	require.Equal(t, []entry{
		{secs(100), "operator", "alerted: alarm from avail-west"},
		{secs(700), "notice", "notice: noticed after 10m0s"},
		{secs(4300), "diagnosis", "diagnose: diagnosed after 1h0m0s"},
		{secs(6100), "action", "manual detour: operator noc after diagnose, 30m0s"},
	}, logOf(env))
	for _, e := range env.Recorder.Events() {
		require.Equal(t, "noc", e.Subject)
	}
	require.Equal(t, []StepRecord{
		{Step: "notice", Kind: Notice, Start: secs(100), End: secs(700), Factor: 1},
		{Step: "diagnose", Kind: Diagnose, Start: secs(700), End: secs(4300), Factor: 1},
		{Step: "manual detour", Kind: Act, Start: secs(4300), End: secs(6100), Factor: 1},
	}, o.Records())
	require.True(t, o.Done())
	at, why, ok := o.Started()
	require.True(t, ok)
	require.Equal(t, secs(100), at)
	require.Equal(t, "alarm from avail-west", why)
}

// A diagnosis is 3 times slower when no alarm from the cause has arrived
// by the time it starts. An alarm from the cause before it starts keeps it
// at 1 h; one that arrives during the diagnosis does not shorten it.
func TestDiagnosisSlowerWithoutTheCauseAlarm(t *testing.T) {
	cases := []struct {
		name    string
		causeAt float64 // when bfd-e alarms; 0: never
		want    float64 // diagnosis, seconds
	}{
		{"only symptoms", 0, 3 * 3600},
		{"cause alarm first", 50, 3600},
		{"cause alarm during the diagnosis", 1000, 3 * 3600},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, 1, secs(86400))
			o := newOperator(t, env, Config{Name: "noc", Triggers: []string{"avail-west"}, Cause: []string{"bfd-e"}, MissingAlarm: 3,
				Plan: []Step{
					{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
					{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
				}})
			if c.causeAt > 0 {
				raise(env, o, secs(c.causeAt), "bfd-e")
			}
			raise(env, o, secs(100), "avail-west")
			env.Engine.Run()
			d := o.Records()[1]
			require.Equal(t, secs(c.want), d.End-d.Start)
			require.Equal(t, c.want/3600, d.Factor)
			if c.want > 3600 {
				require.Equal(t, "diagnose: diagnosed after 3h0m0s (x3 without an alarm from the cause)", logOf(env)[2].detail)
			}
		})
	}
}

// A flood is 10 alarms within a minute. Ten alarms from other units in 30
// s make the diagnosis 1.5 times longer; ten spread over 90 minutes do
// not. With the cause's alarm missing too, the factors multiply.
func TestDiagnosisSlowerAfterAnAlarmFlood(t *testing.T) {
	cases := []struct {
		name    string
		spacing float64 // seconds between the 10 alarms
		cause   bool    // the cause alarms before the diagnosis
		factor  float64
		detail  string
	}{
		{"flood", 3, true, 1.5, "diagnose: diagnosed after 1h30m0s (x1.5 after an alarm flood)"},
		{"spread out", 600, true, 1, "diagnose: diagnosed after 1h0m0s"},
		{"flood and no cause alarm", 3, false, 4.5, "diagnose: diagnosed after 4h30m0s (x3 without an alarm from the cause, x1.5 after an alarm flood)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, 1, secs(86400))
			o := newOperator(t, env, Config{Name: "noc", Triggers: []string{"avail-west"}, Cause: []string{"switch-e"}, MissingAlarm: 3,
				Flood: Flood{Alarms: 10, Window: secs(60), Factor: 1.5},
				Plan:  []Step{{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)}}})
			for i := 0; i < 10; i++ {
				raise(env, o, secs(10+c.spacing*float64(i)), "unit-"+string(rune('a'+i)))
			}
			if c.cause {
				raise(env, o, secs(5), "switch-e")
			}
			raise(env, o, secs(6000), "avail-west")
			env.Engine.Run()
			require.Equal(t, c.factor == 1.5 || c.factor == 4.5, o.Flooded())
			d := o.Records()[0]
			require.Equal(t, c.factor, d.Factor)
			require.Equal(t, sim.Seconds(3600*c.factor), d.End-d.Start)
			require.Equal(t, c.detail, logOf(env)[1].detail)
		})
	}
}

// The 20 Dec plan: notice (15 min), rollback (40 min), and a detour to
// other planes (1 h) only if the rollback failed. When the rollback
// configuration lacks the routes too, the failure is logged and the
// detour follows; when it is complete, the detour is skipped.
func TestFailedActionLeadsToTheNextStep(t *testing.T) {
	for _, complete := range []bool{false, true} {
		env := newEnv(t, 1, secs(86400))
		done := &doLog{}
		rollback := done.fails(errors.New("the rollback configuration lacks the routes too"))
		if complete {
			rollback = done.ok()
		}
		o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
			{Name: "notice", Kind: Notice, Delay: fixed(t, 900)},
			{Name: "rollback", Kind: Act, Delay: fixed(t, 2400), Do: rollback},
			{Name: "detour to planes F and G", Kind: Act, Delay: fixed(t, 3600), Do: done.ok(), When: IfFailed},
		}})
		o.StartAt(secs(60), "customer reports")
		env.Engine.Run()
		if complete {
			require.Equal(t, []sim.Time{secs(3360)}, done.at)
			require.Equal(t, []entry{
				{secs(60), "operator", "alerted: customer reports"},
				{secs(960), "notice", "notice: noticed after 15m0s"},
				{secs(3360), "action", "rollback: operator noc after notice, 40m0s"},
			}, logOf(env))
			require.True(t, o.Records()[2].Skipped)
			continue
		}
		require.Equal(t, []sim.Time{secs(3360), secs(6960)}, done.at)
		require.Equal(t, []entry{
			{secs(60), "operator", "alerted: customer reports"},
			{secs(960), "notice", "notice: noticed after 15m0s"},
			{secs(3360), "action", "rollback: operator noc after notice, 40m0s; failed: the rollback configuration lacks the routes too"},
			{secs(6960), "action", "detour to planes F and G: operator noc after rollback, 1h0m0s"},
		}, logOf(env))
		require.EqualError(t, o.Records()[1].Err, "the rollback configuration lacks the routes too")
		require.NoError(t, o.Records()[2].Err)
	}
}

// An action with failure probability 1 always fails, without running;
// IfSucceeded steps are then skipped and IfFailed ones taken.
func TestFailProbability(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	done := &doLog{}
	o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
		{Name: "replace hardware", Kind: Act, Delay: fixed(t, 60), Do: done.ok(), FailProbability: 1},
		{Name: "verify", Kind: Notice, Delay: fixed(t, 60), When: IfSucceeded},
		{Name: "move traffic", Kind: Act, Delay: fixed(t, 60), Do: done.ok(), When: IfFailed},
	}})
	require.True(t, o.Start(0, "test"))
	env.Engine.Run()
	require.Equal(t, []sim.Time{secs(120)}, done.at)
	r := o.Records()
	require.EqualError(t, r[0].Err, "the action did not take (failure probability 1)")
	require.True(t, r[1].Skipped)
	require.Equal(t, secs(60), r[1].Start)
	require.False(t, r[2].Skipped)
}

// When the problem is resolved (an automatic failover fixed it), the
// operator stands down at the end of the step in progress.
func TestResolvedStandsDown(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	done := &doLog{}
	o := newOperator(t, env, Config{Name: "noc",
		Resolved: func(now sim.Time) bool { return now >= secs(1000) },
		Plan: []Step{
			{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
			{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
			{Name: "detour", Kind: Act, Delay: fixed(t, 600), Do: done.ok()},
		}})
	o.Start(0, "alarm")
	env.Engine.Run()
	require.Empty(t, done.at)
	require.True(t, o.Done())
	require.Equal(t, entry{secs(4200), "operator", "stands down: resolved by the end of diagnose"}, logOf(env)[2])
	require.Len(t, o.Records(), 2)
}

// Only a trigger's alarm alerts the operator, and only once: other alarms
// and clears do not, and a later trigger (or StartAt) does not restart the
// plan; the operator still keeps every alarm.
func TestTriggers(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	o := newOperator(t, env, Config{Name: "noc", Triggers: []string{"avail-west"},
		Plan: []Step{{Name: "notice", Kind: Notice, Delay: fixed(t, 60)}}})
	raise(env, o, secs(10), "unit-a")
	env.Engine.At(secs(20), sim.HandlerFunc(func(now sim.Time, _ any) {
		o.Raise(detect.Alarm{At: now, Source: "avail-west", Clear: true})
	}), nil)
	raise(env, o, secs(30), "avail-west")
	raise(env, o, secs(40), "avail-west")
	o.StartAt(secs(50), "customer reports")
	env.Engine.RunUntil(secs(25))
	_, _, started := o.Started()
	require.False(t, started)
	env.Engine.Run()
	at, why, _ := o.Started()
	require.Equal(t, secs(30), at)
	require.Equal(t, "alarm from avail-west", why)
	require.Len(t, o.Records(), 1)
	require.Len(t, o.Alarms(), 4)
	require.False(t, o.Start(secs(100), "again"))
}

// Step durations are drawn from their distributions, from the operator's
// own stream: a uniform 30-60 min detour lands in its range, the same seed
// gives the same times, and another seed other times.
func TestStepsDrawnFromDistributions(t *testing.T) {
	run := func(seed uint64) []StepRecord {
		env := newEnv(t, seed, secs(86400))
		u, err := sim.NewUniform(1800, 3600)
		require.NoError(t, err)
		ln, err := sim.NewLognormal(3.5*3600, 0.5*3600)
		require.NoError(t, err)
		o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
			{Name: "diagnose", Kind: Diagnose, Delay: ln},
			{Name: "detour", Kind: Act, Delay: u, Do: func(sim.Time) error { return nil }, FailProbability: 0.5},
			{Name: "retry detour", Kind: Act, Delay: u, Do: func(sim.Time) error { return nil }, When: IfFailed},
		}})
		o.Start(0, "alarm")
		env.Engine.Run()
		return o.Records()
	}
	a := run(3)
	d := a[1].End - a[1].Start
	require.True(t, d >= secs(1800) && d < secs(3600), "detour took %v", d)
	require.Equal(t, a, run(3))
	require.NotEqual(t, a, run(4))
}

// New refuses plans and settings that cannot work.
func TestOperatorValidation(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	d := fixed(t, 1)
	ok := func(sim.Time) error { return nil }
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no name", Config{Plan: []Step{{Name: "n", Delay: d}}}, "no name"},
		{"empty plan", Config{Name: "o"}, "empty plan"},
		{"step without delay", Config{Name: "o", Plan: []Step{{Name: "n"}}}, `step 0 ("n"): no delay`},
		{"act without action", Config{Name: "o", Plan: []Step{{Name: "a", Kind: Act, Delay: d}}}, "needs an action"},
		{"notice with action", Config{Name: "o", Plan: []Step{{Name: "n", Delay: d, Do: ok}}}, "only act steps"},
		{"bad probability", Config{Name: "o", Plan: []Step{{Name: "a", Kind: Act, Delay: d, Do: ok, FailProbability: 2}}}, "failure probability"},
		{"missing-alarm factor without cause", Config{Name: "o", MissingAlarm: 2, Plan: []Step{{Name: "n", Delay: d}}}, "cause"},
		{"flood without window", Config{Name: "o", Flood: Flood{Alarms: 5, Factor: 2}, Plan: []Step{{Name: "n", Delay: d}}}, "window"},
		{"unknown kind", Config{Name: "o", Plan: []Step{{Name: "n", Kind: 9, Delay: d}}}, "unknown kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(env, c.cfg)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}
