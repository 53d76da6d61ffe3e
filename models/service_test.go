package models

import (
	"math"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// The tests in this file drive a Service by hand: a probe sends named
// requests at chosen times, service times are deterministic, so every
// reply's time and outcome is known exactly.

// newDetService returns a service with deterministic service time d
// seconds on a bare env of 1 s steps over 100 s.
func newDetService(t *testing.T, cfg ServiceConfig, d float64) (*Env, *Service) {
	t.Helper()
	env := newBareEnv(t, secs(100), 1)
	cfg.ServiceTime = mustDet(t, d)
	if cfg.Name == "" {
		cfg.Name = "svc"
	}
	svc, err := NewService(env, cfg)
	require.NoError(t, err)
	return env, svc
}

// schedule puts faults on the engine, failing the test on an error.
func schedule(t *testing.T, env *Env, faults ...timed) {
	t.Helper()
	for _, f := range faults {
		require.NoError(t, f.Schedule(env.Engine, env.Recorder))
	}
}

// timed is a Fault with its name, its time and who makes it ("" for a
// failure), as scenarios schedule them.
type timed struct {
	Name string
	At   sim.Time
	By   string
	Fault
}

// Schedule checks the fault and puts its Change on e.
func (f timed) Schedule(e *sim.Engine, rec *sim.Recorder) error {
	c, err := f.Change()
	if err != nil {
		return err
	}
	c.Name, c.At, c.By = f.Name, f.At, f.By
	c.Schedule(e, rec)
	return nil
}

// TestServiceRejectsBadConfig: a service needs a worker, a queue capacity
// that is not negative and a service time distribution.
func TestServiceRejectsBadConfig(t *testing.T) {
	env := newBareEnv(t, secs(10), 1)
	for _, cfg := range []ServiceConfig{
		{Name: "w", Workers: 0, ServiceTime: mustDet(t, 1)},
		{Name: "q", Workers: 1, QueueCapacity: -1, ServiceTime: mustDet(t, 1)},
		{Name: "d", Workers: 1},
	} {
		_, err := NewService(env, cfg)
		require.ErrorContains(t, err, `service "`+cfg.Name+`"`)
	}
}

// TestServiceDiscipline: one worker, 1 s per request; a arrives at 0 and
// starts at once, b, c, d arrive at 0.1, 0.2, 0.3 and wait. FIFO serves
// them b, c, d; LIFO serves the latest first: d, c, b. Completions are at
// 1, 2, 3, 4 s either way.
func TestServiceDiscipline(t *testing.T) {
	cases := []struct {
		d     Discipline
		order []string
	}{
		{FIFO, []string{"a", "b", "c", "d"}},
		{LIFO, []string{"a", "d", "c", "b"}},
	}
	for _, c := range cases {
		t.Run(c.d.String(), func(t *testing.T) {
			env, svc := newDetService(t, ServiceConfig{Workers: 1, Discipline: c.d}, 1)
			p := newProbe(t)
			for i, id := range []string{"a", "b", "c", "d"} {
				p.send(env.Engine, secs(0.1*float64(i)), svc, id)
			}
			env.Engine.Run()
			var want []reply
			for i, id := range c.order {
				want = append(want, reply{id: id, at: secs(float64(i + 1)), outcome: OK})
			}
			require.Equal(t, want, p.replies)
			// Latencies: a 1 s, then the others 2-0.x, 3-0.y, 4-0.z s.
			require.InDelta(t, (1+2+3+4-0.6)/4, svc.Latency().Mean(), 1e-9)
		})
	}
	require.Equal(t, "fifo", FIFO.String())
	require.Equal(t, "lifo", LIFO.String())
}

// TestServiceBoundedQueue: one worker, two waiting places, 1 s per
// request. Five requests at 0: a is served, b and c wait, d and e are
// rejected at once. f at 2.5 finds one waiting (c) and is accepted.
func TestServiceBoundedQueue(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 1, QueueCapacity: 2}, 1)
	p := newProbe(t)
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		p.send(env.Engine, 0, svc, id)
	}
	p.send(env.Engine, secs(2.5), svc, "f")
	env.Engine.Run()
	require.Equal(t, []reply{
		{"d", 0, Rejected}, {"e", 0, Rejected},
		{"a", secs(1), OK}, {"b", secs(2), OK}, {"c", secs(3), OK}, {"f", secs(4), OK},
	}, p.replies)

	series := env.Recorder.Finish(env.Engine.Now())
	require.Equal(t, []float64{5, 0, 1, 0}, seriesValues(t, series, "svc", "offered_per_s")[:4])
	require.Equal(t, []float64{2, 0, 0, 0}, seriesValues(t, series, "svc", "rejected_per_s")[:4])
	require.Equal(t, []float64{0, 1, 1, 1, 1, 0}, seriesValues(t, series, "svc", "completed_per_s")[:6])
	// Waiting: b, c in [0,1); c in [1,2); nobody, then f from 2.5, in [2,3)
	// (c is in service from 2); nobody from 3. In the system add the one
	// in service: c alone, then c and f, in [2,3); f in [3,4).
	require.Equal(t, []float64{2, 1, 0.5, 0, 0}, seriesValues(t, series, "svc", "queue")[:5])
	require.Equal(t, []float64{3, 2, 1.5, 1, 0}, seriesValues(t, series, "svc", "in_system")[:5])
	require.Equal(t, []float64{1, 1, 1, 1, 0}, seriesValues(t, series, "svc", "busy")[:5])
}

// TestServiceDownAndUp: two workers, 10 s per request, unbounded queue.
// a, b, c, d arrive at 0: a and b are served, c and d wait. The service
// goes down at 5 s: a and b are aborted, c and d answered Unavailable, all
// at 5 s, and their completions at 10 s never happen. e at 6 s is refused.
// The service comes up at 7 s; f at 8 s is served normally, done at 18 s.
func TestServiceDownAndUp(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 2}, 10)
	p := newProbe(t)
	for _, id := range []string{"a", "b", "c", "d"} {
		p.send(env.Engine, 0, svc, id)
	}
	p.send(env.Engine, secs(6), svc, "e")
	p.send(env.Engine, secs(8), svc, "f")
	schedule(t, env,
		timed{Name: "outage", At: secs(5), Fault: Fault{Target: svc, Action: FaultDown}},
		timed{Name: "again", At: secs(5.5), Fault: Fault{Target: svc, Action: FaultDown}}, // already down: no-op
		timed{Name: "repair", At: secs(7), Fault: Fault{Target: svc, Action: FaultUp}},
	)
	env.Engine.RunUntil(secs(6.5))
	require.True(t, svc.IsDown())
	env.Engine.Run()
	require.False(t, svc.IsDown())
	require.Equal(t, []reply{
		{"a", secs(5), Aborted}, {"b", secs(5), Aborted},
		{"c", secs(5), Unavailable}, {"d", secs(5), Unavailable},
		{"e", secs(6), Unavailable},
		{"f", secs(18), OK},
	}, p.replies)
	require.Equal(t, int64(1), svc.Latency().Count(), "only f completed")
	require.Equal(t, secs(18), env.Engine.Now(), "no cancelled completion fired later")

	series := env.Recorder.Finish(env.Engine.Now())
	inSystem := seriesValues(t, series, "svc", "in_system")
	busy := seriesValues(t, series, "svc", "busy")
	for i := 0; i < 20; i++ {
		want, wantBusy := 0.0, 0.0
		switch {
		case i < 5:
			want, wantBusy = 4, 2
		case i >= 8 && i < 18:
			want, wantBusy = 1, 1
		}
		require.Equal(t, want, inSystem[i], "in_system at step %d", i)
		require.Equal(t, wantBusy, busy[i], "busy at step %d", i)
	}
	require.Equal(t, 1.0, seriesValues(t, series, "svc", "rejected_per_s")[6], "a refusal while down counts as rejected")
	require.Equal(t, []sim.LogEntry{
		{At: secs(5), Subject: "svc", Kind: "fault", Message: "outage: down"},
		{At: secs(5.5), Subject: "svc", Kind: "fault", Message: "again: down"},
		{At: secs(7), Subject: "svc", Kind: sim.EventRecovery, Message: "repair: up"},
	}, env.Recorder.Events())
}

// TestServiceSlow: one worker, 1 s per request at normal speed. A
// slow-down applies to requests that start service after it, not to the
// one in service:
//
//	a at 0: starts at 0, slow x3 at 0.5 does not touch it: done at 1
//	b at 0.2: waits, starts at 1 under x3: done at 4
//	c at 4.5: starts at once under x3: done at 7.5 (x1 at 5 is too late)
//	d at 8: normal again: done at 9
//	e at 10: slow x2 at 9.5, but Up at 9.6 restores normal speed: done at 11
func TestServiceSlow(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 1}, 1)
	p := newProbe(t)
	for _, s := range []struct {
		at float64
		id string
	}{{0, "a"}, {0.2, "b"}, {4.5, "c"}, {8, "d"}, {10, "e"}} {
		p.send(env.Engine, secs(s.at), svc, s.id)
	}
	schedule(t, env,
		timed{Name: "gc", At: secs(0.5), Fault: Fault{Target: svc, Action: FaultSlow, Factor: 3}},
		timed{At: secs(5), Fault: Fault{Target: svc, Action: FaultSlow, Factor: 1}},
		timed{At: secs(9.5), Fault: Fault{Target: svc, Action: FaultSlow, Factor: 2}},
		timed{At: secs(9.6), Fault: Fault{Target: svc, Action: FaultUp}},
	)
	env.Engine.Run()
	require.Equal(t, []reply{
		{"a", secs(1), OK}, {"b", secs(4), OK}, {"c", secs(7.5), OK}, {"d", secs(9), OK}, {"e", secs(11), OK},
	}, p.replies)
	require.Equal(t, sim.LogEntry{At: secs(0.5), Subject: "svc", Kind: "fault", Message: "gc: slow x3"},
		env.Recorder.Events()[0])
}

// TestFaultChange: a fault needs a target that can take it, a slow-down
// or a scale a factor in (0, MaxFactor], a reroute a from and a to; a bad
// fault schedules nothing.
func TestFaultChange(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 1}, 1)
	for _, tc := range []struct {
		fault Fault
		err   string
	}{
		{Fault{Action: FaultDown}, "down: no target"},
		{Fault{Target: svc, Action: FaultSlow, Factor: 0}, "slow of svc: factor must be > 0"},
		{Fault{Target: svc, Action: FaultSlow, Factor: -2}, "slow of svc: factor must be > 0"},
		{Fault{Target: svc, Action: FaultScale, Factor: math.NaN()}, "scale of svc: factor must be > 0"},
		{Fault{Target: svc, Action: FaultSlow, Factor: 2 * MaxFactor}, "at most 1e+06"},
		{Fault{Target: svc, Action: FaultReroute, From: "old"}, "cannot reroute svc to nothing"},
	} {
		_, err := tc.fault.Change()
		require.ErrorContains(t, err, tc.err)
	}
	// Down and Up need no factor.
	schedule(t, env, timed{Fault: Fault{Target: svc, Action: FaultDown}}, timed{At: secs(1), Fault: Fault{Target: svc, Action: FaultUp}})
	require.Equal(t, 2, env.Engine.Pending())
	require.Equal(t, []string{"down", "up", "slow", "scale", "restart", "reroute", "unknown"},
		[]string{FaultDown.String(), FaultUp.String(), FaultSlow.String(), FaultScale.String(),
			FaultRestart.String(), FaultReroute.String(), FaultAction(99).String()})
}
