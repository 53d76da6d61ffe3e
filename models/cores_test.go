package models

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestServiceThreadsAndCores: four threads, one core, a 2 s wait that holds
// a thread but no core, then 1 s of CPU. Four requests at 0 all wait in
// parallel (four threads), then queue for the one core: they finish at 3,
// 4, 5 and 6 s. A slow-down of the wait (x2 from 10 s) makes the next
// requests wait 4 s, but their CPU time is still 1 s: "slow" is not
// "CPU-bound".
func TestServiceThreadsAndCores(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 4, Cores: 1, Wait: mustDet(t, 2), SlowWait: true}, 1)
	p := newProbe(t)
	for _, id := range []string{"a", "b", "c", "d"} {
		p.send(env.Engine, 0, svc, id)
	}
	schedule(t, env, timed{At: secs(10), Fault: Fault{Target: svc, Action: FaultSlow, Factor: 2}})
	p.send(env.Engine, secs(20), svc, "e")
	env.Engine.Run()
	require.Equal(t, []reply{
		{"a", secs(3), OK}, {"b", secs(4), OK}, {"c", secs(5), OK}, {"d", secs(6), OK},
		{"e", secs(25), OK},
	}, p.replies)
	series := env.Recorder.Finish(env.Engine.Now())
	require.Equal(t, []float64{4, 4, 4, 3, 2, 1, 0}, seriesValues(t, series, "svc", "busy")[:7], "threads held")
	require.Equal(t, []float64{0, 0, 1, 1, 1, 1, 0}, seriesValues(t, series, "svc", "cpu_busy")[:7], "one core")
	cpu := seriesValues(t, series, "svc", "cpu_busy")
	require.Equal(t, []float64{0, 0, 0, 0, 1, 0}, cpu[20:26], "the slowed request uses 1 s of CPU after a 4 s wait")
}

// TestServiceCoresConfig: cores above the threads, or a slowed wait
// without a wait, are errors.
func TestServiceCoresConfig(t *testing.T) {
	env := newBareEnv(t, secs(10), 1)
	_, err := NewService(env, ServiceConfig{Name: "c", Workers: 2, Cores: 3, ServiceTime: mustDet(t, 1)})
	require.ErrorContains(t, err, "cores must be from 0 to workers")
	_, err = NewService(env, ServiceConfig{Name: "w", Workers: 2, SlowWait: true, ServiceTime: mustDet(t, 1)})
	require.ErrorContains(t, err, "needs a wait distribution")
}

// TestServiceRestartClearsTheCoreQueue: two threads, one core, 1 s of CPU
// each. a computes, b holds a thread waiting for the core; a restart at
// 0.5 s aborts both, and c at 1 s finds the core free (done at 2 s).
func TestServiceRestartClearsTheCoreQueue(t *testing.T) {
	env, svc := newDetService(t, ServiceConfig{Workers: 2, Cores: 1}, 1)
	p := newProbe(t)
	p.send(env.Engine, 0, svc, "a")
	p.send(env.Engine, 0, svc, "b")
	schedule(t, env, timed{At: secs(0.5), Fault: Fault{Target: svc, Action: FaultRestart}})
	p.send(env.Engine, secs(1), svc, "c")
	env.Engine.Run()
	require.Equal(t, []reply{{"a", secs(0.5), Aborted}, {"b", secs(0.5), Aborted}, {"c", secs(2), OK}}, p.replies)
}
