package detect

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// secs converts seconds to a Time.
func secs(s float64) sim.Time { return sim.Seconds(s) }

// ms converts milliseconds to a Time.
func ms(n int) sim.Time { return sim.Time(n) * time.Millisecond }

// newEnv returns an environment with a recorder of 1 s steps up to the
// horizon.
func newEnv(t testing.TB, seed uint64, horizon sim.Time) *models.Env {
	t.Helper()
	env, err := models.NewEnv(seed, time.Second, horizon)
	require.NoError(t, err)
	return env
}

// at runs f at time t.
func at(env *models.Env, t sim.Time, f func(now sim.Time)) {
	env.Engine.At(t, sim.HandlerFunc(func(now sim.Time, _ any) { f(now) }), nil)
}

// deterministic returns a distribution that always gives s seconds.
func deterministic(t testing.TB, s float64) sim.Dist {
	t.Helper()
	d, err := sim.NewDeterministic(s)
	require.NoError(t, err)
	return d
}

// entries returns the event log as "time component kind detail" lines.
func entries(env *models.Env) []sim.LogEntry { return env.Recorder.Events() }

// kinds returns the kinds of the log entries, in order.
func kinds(env *models.Env) []string {
	var out []string
	for _, e := range env.Recorder.Events() {
		out = append(out, string(e.Kind))
	}
	return out
}

// alarmList collects the alarms raised to it.
type alarmList struct{ got []Alarm }

func (l *alarmList) Raise(a Alarm) { l.got = append(l.got, a) }

// actionLog records when an action ran.
type actionLog struct{ at []sim.Time }

func (l *actionLog) action(name string) Action {
	return Action{Name: name, Do: func(now sim.Time) { l.at = append(l.at, now) }}
}

// link is a fake link with a physical state and a forwarding state that
// change independently, and that notifies its watchers of physical
// changes when notify is set.
type link struct {
	up, forwards bool
	notify       bool
	watchers     []func(now sim.Time)
}

func (l *link) PhysicalUp() bool { return l.up }

// setUp changes the physical state at now.
func (l *link) setUp(now sim.Time, up bool) {
	l.up = up
	for _, w := range l.watchers {
		w(now)
	}
}

// notifyingLink is a link that is also a PhysicalNotifier.
type notifyingLink struct{ *link }

func (l notifyingLink) OnPhysicalChange(f func(now sim.Time)) { l.watchers = append(l.watchers, f) }

// Carry implements Path: a packet arrives at once if the link is up and
// forwards.
func (l *link) Carry(sim.Time) (sim.Time, bool) { return 0, l.up && l.forwards }

// answer is what a fake target does with one request.
type answer struct {
	after time.Duration  // when it answers, after the request arrives
	o     models.Outcome // with what
	never bool           // it never answers (a black hole)
}

// target is a fake target that answers each request as behave says.
type target struct {
	name     string
	env      *models.Env
	behave   func(now sim.Time) answer
	received int
}

func (t *target) Name() string { return t.name }

func (t *target) Submit(now sim.Time, r *models.Request) {
	t.received++
	a := t.behave(now)
	switch {
	case a.never:
	case a.after == 0:
		r.Replier.Reply(now, r, a.o)
	default:
		at(t.env, now+a.after, func(now sim.Time) { r.Replier.Reply(now, r, a.o) })
	}
}

// ProberFunc adapts a function to a Prober.
type ProberFunc func(now sim.Time, arrived func(now sim.Time))

// Probe calls f(now, arrived).
func (f ProberFunc) Probe(now sim.Time, arrived func(now sim.Time)) { f(now, arrived) }

// carrierDelay is a carrier-loss delay uniform over 0 to 100 ms.
func carrierDelay(tb testing.TB) sim.Dist {
	tb.Helper()
	d, err := sim.NewUniform(0, 0.1)
	require.NoError(tb, err)
	return d
}
