package operate

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// secs converts seconds to a Time.
func secs(s float64) sim.Time { return sim.Seconds(s) }

// newEnv returns an environment with a recorder of 1 min steps up to the
// horizon.
func newEnv(t testing.TB, seed uint64, horizon sim.Time) *models.Env {
	t.Helper()
	env, err := models.NewEnv(seed, time.Minute, horizon)
	require.NoError(t, err)
	return env
}

// fixed returns a distribution that always gives s seconds.
func fixed(t testing.TB, s float64) sim.Dist {
	t.Helper()
	d, err := sim.NewDeterministic(s)
	require.NoError(t, err)
	return d
}

// raise delivers an alarm from source to sink at time t.
func raise(env *models.Env, sink detect.AlarmSink, t sim.Time, source string) {
	env.Engine.At(t, sim.HandlerFunc(func(now sim.Time, _ any) {
		sink.Raise(detect.Alarm{At: now, Source: source, Detector: "test", Detail: "test alarm"})
	}), nil)
}

// doLog records when actions ran.
type doLog struct{ at []sim.Time }

// ok returns an action that succeeds.
func (l *doLog) ok() func(sim.Time) error {
	return func(now sim.Time) error { l.at = append(l.at, now); return nil }
}

// fails returns an action that fails with err.
func (l *doLog) fails(err error) func(sim.Time) error {
	return func(now sim.Time) error { l.at = append(l.at, now); return err }
}

// entry is a log entry without the component, for compact expectations.
type entry struct {
	at           sim.Time
	kind, detail string
}

func logOf(env *models.Env) []entry {
	var out []entry
	for _, e := range env.Recorder.Events() {
		out = append(out, entry{e.At, string(e.Kind), e.Message})
	}
	return out
}

// newOperator builds an operator or fails the test.
func newOperator(t testing.TB, env *models.Env, cfg Config) *Operator {
	t.Helper()
	o, err := New(env, cfg)
	require.NoError(t, err)
	return o
}

// uniform returns a uniform distribution on [lo, hi] seconds.
func uniform(t testing.TB, lo, hi float64) sim.Dist {
	t.Helper()
	d, err := sim.NewUniform(lo, hi)
	require.NoError(t, err)
	return d
}
