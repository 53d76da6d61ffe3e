package detect

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// runRandomDetectors runs every source of randomness in the package (BFD
// jitter, link-down carrier delays) against random loss and flapping links
// for 10 minutes, and returns the event log.
func runRandomDetectors(t *testing.T, seed uint64) []sim.LogEntry {
	t.Helper()
	env := newEnv(t, seed, secs(600))
	loss := &lossyPath{rng: env.Streams.Stream("test/loss"), loss: 0.3}
	p, err := NewPathProber(env.Engine, loss)
	require.NoError(t, err)
	cfg := DefaultBFD("bfd", p)
	cfg.Alarms = &alarmList{}
	b, err := NewBFD(env, cfg)
	require.NoError(t, err)
	l := notifyingLink{&link{up: true}}
	ld, err := NewLinkDown(env, LinkDownConfig{Name: "port", Link: l, Delay: carrierDelay(t)})
	require.NoError(t, err)
	flaps := env.Streams.Stream("test/flaps")
	for t0 := secs(1); t0 < secs(600); t0 += sim.Seconds(10 * flaps.Float64()) {
		at(env, t0, func(now sim.Time) { l.setUp(now, !l.up) })
	}
	b.Start()
	ld.Start()
	env.Engine.Run()
	return env.Recorder.Events()
}

// The same seed gives the same event log, entry for entry; another seed
// gives another.
func TestDeterminism(t *testing.T) {
	a, b := runRandomDetectors(t, 11), runRandomDetectors(t, 11)
	require.NotEmpty(t, a)
	require.Equal(t, a, b)
	require.NotEqual(t, a, runRandomDetectors(t, 12))
}

// BenchmarkBFD5Hours runs a healthy BFD session at 50 ms for 5 hours of
// virtual time (360,000 packets) and reports the events per second.
func BenchmarkBFD5Hours(b *testing.B) {
	var events uint64
	for i := 0; i < b.N; i++ {
		env := newEnv(b, 1, 5*time.Hour)
		p, err := NewPathProber(env.Engine, &link{up: true, forwards: true})
		require.NoError(b, err)
		s, err := NewBFD(env, BFDConfig{Name: "bfd", Prober: p, Interval: 50 * time.Millisecond, Multiplier: 3})
		require.NoError(b, err)
		s.Start()
		env.Engine.Run()
		events += env.Engine.Fired()
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(events)/float64(b.N), "events/run")
}
