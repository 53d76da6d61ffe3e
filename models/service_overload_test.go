package models

import (
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// TestServiceShedsByQueueLengthAtACost: one worker, 1 s per request, shed
// when 1 waits, each rejection costing 0.5 s of the worker's time.
//
//	a at 0: served 0-1
//	b at 0.1: waits
//	c at 0.2: one waits: shed at once; its 0.5 s of rejection work queues
//	  ahead of b
//	at 1: the worker rejects (1-1.5), then serves b (1.5-2.5)
func TestServiceShedsByQueueLengthAtACost(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 1, ShedLength: 1, RejectCost: secs(0.5)}, 1)
	p := newProbe(t)
	p.send(env.Engine, 0, svc, "a")
	p.send(env.Engine, secs(0.1), svc, "b")
	p.send(env.Engine, secs(0.2), svc, "c")
	env.Engine.Run()
	require.Equal(t, []reply{{"c", secs(0.2), Rejected}, {"a", secs(1), OK}, {"b", secs(2.5), OK}}, p.replies)
	busy := seriesValues(t, env.Recorder.Finish(env.Engine.Now()), "svc", "busy")
	require.Equal(t, []float64{1, 1, 0.5}, busy[:3], "the worker is busy rejecting too")
}

// TestServiceShedsByQueueWait: requests that waited longer than ShedWait
// are dropped when a worker takes them.
func TestServiceShedsByQueueWait(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 1, ShedWait: secs(1.5)}, 1)
	p := newProbe(t)
	for i, id := range []string{"a", "b", "c"} {
		p.send(env.Engine, secs(0.1*float64(i)), svc, id)
	}
	env.Engine.Run()
	// b starts at 1 (waited 0.9 s); c would start at 2 having waited 1.8 s.
	require.Equal(t, []reply{{"a", secs(1), OK}, {"c", secs(2), Rejected}, {"b", secs(2), OK}}, p.replies)
}

// TestServiceConcurrencySlowdown: with k = 0.5, a request that starts while
// another is in service takes 1 + 0.5 x 1 = 1.5 times as long.
func TestServiceConcurrencySlowdown(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 2, ConcurrencySlowdown: 0.5}, 1)
	p := newProbe(t)
	p.send(env.Engine, 0, svc, "a")         // alone: 1 s
	p.send(env.Engine, secs(0.5), svc, "b") // with a: 1.5 s
	env.Engine.Run()
	require.Equal(t, []reply{{"a", secs(1), OK}, {"b", secs(2), OK}}, p.replies)
}

// TestServiceScaleRestartReroute: operators' actions on a service.
func TestServiceScaleRestartReroute(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 2}, 1)
	p := newProbe(t)
	for i, id := range []string{"a", "b", "c", "d"} {
		p.send(env.Engine, secs(0.01*float64(i)), svc, id)
	}
	schedule(t, env, timed{Name: "more", At: secs(0.5), By: "operator", Fault: Fault{Target: svc, Action: FaultScale, Factor: 2}})
	env.Engine.Run()
	require.Equal(t, 4, svc.Workers())
	// c and d start at 0.5 when two more workers arrive.
	require.Equal(t, []reply{{"a", secs(1), OK}, {"b", secs(1.01), OK}, {"c", secs(1.5), OK}, {"d", secs(1.5), OK}}, p.replies)
	require.Equal(t, sim.EventAction, env.Recorder.Events()[0].Kind)
	require.Equal(t, "more: scale x2", env.Recorder.Events()[0].Message)

	env2, svc2 := newDetService(t, ServiceConfig{Workers: 1}, 1)
	p2 := newProbe(t)
	p2.send(env2.Engine, 0, svc2, "a")
	p2.send(env2.Engine, 0, svc2, "b")
	p2.send(env2.Engine, secs(0.6), svc2, "c")
	schedule(t, env2,
		timed{At: secs(0.2), Fault: Fault{Target: svc2, Action: FaultSlow, Factor: 5}},
		timed{At: secs(0.5), By: "operator", Fault: Fault{Target: svc2, Action: FaultRestart}})
	env2.Engine.Run()
	require.Equal(t, []reply{{"a", secs(0.5), Aborted}, {"b", secs(0.5), Unavailable}, {"c", secs(1.6), OK}}, p2.replies,
		"a restart drops everything and comes back at normal speed")

	// Reroute: a service calling "old" through a client calls "new" after.
	env3 := newBareEnv(t, secs(100), 1)
	oldT, err := NewService(env3, ServiceConfig{Name: "old", Workers: 1, ServiceTime: mustDet(t, 1)})
	require.NoError(t, err)
	newT, err := NewService(env3, ServiceConfig{Name: "new", Workers: 1, ServiceTime: mustDet(t, 2)})
	require.NoError(t, err)
	client, err := NewClient(env3, "front", oldT, ClientPolicy{Name: "c"})
	require.NoError(t, err)
	front, err := NewService(env3, ServiceConfig{Name: "front", Workers: 10, ServiceTime: mustDet(t, 0), Calls: []Target{client}})
	require.NoError(t, err)
	p3 := newProbe(t)
	p3.send(env3.Engine, 0, front, "before")
	p3.send(env3.Engine, secs(10), front, "after")
	schedule(t, env3, timed{At: secs(5), By: "operator", Fault: Fault{Target: front, Action: FaultReroute, From: "old", To: newT}})
	env3.Engine.Run()
	require.Equal(t, []reply{{"before", secs(1), OK}, {"after", secs(12), OK}}, p3.replies)
	require.Equal(t, "reroute old → new", env3.Recorder.Events()[0].Message)
	require.Equal(t, int64(1), newT.Latency().Count())
}
