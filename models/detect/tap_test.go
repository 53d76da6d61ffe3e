package detect

import (
	"testing"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// observation is one outcome a Tap reported.
type observation struct {
	at sim.Time
	ok bool
}

type observations struct{ got []observation }

func (o *observations) Observe(now sim.Time, ok bool) { o.got = append(o.got, observation{now, ok}) }

// reply is one answer the sender got.
type reply struct {
	at sim.Time
	r  *models.Request
	o  models.Outcome
}

type sender struct{ got []reply }

func (s *sender) Reply(now sim.Time, r *models.Request, o models.Outcome) {
	s.got = append(s.got, reply{now, r, o})
}

// A Tap forwards every answer to the sender unchanged (the late one too)
// and reports what the sender's users saw: OK in time is ok; an error, a
// late OK or no answer at all is a failure, counted at the deadline when
// the answer is late or missing.
func TestTapReportsWhatUsersSee(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	answers := []answer{
		{after: ms(100), o: models.OK},  // in time
		{after: ms(1500), o: models.OK}, // late: the deadline is 1 s
		{o: models.Unavailable},         // an error, at once
		{never: true},                   // a black hole
	}
	i := 0
	tg := &target{name: "svc", env: env, behave: func(sim.Time) answer { i++; return answers[i-1] }}
	obs := &observations{}
	tap, err := NewTap(env.Engine, tg, obs)
	require.NoError(t, err)
	snd := &sender{}
	reqs := make([]*models.Request, len(answers))
	for k := range reqs {
		r := &models.Request{Issued: secs(float64(k)), Deadline: secs(float64(k) + 1), Replier: snd}
		reqs[k] = r
		at(env, r.Issued, func(now sim.Time) { tap.Submit(now, r) })
	}
	env.Engine.Run()
	require.Equal(t, []observation{{secs(0.1), true}, {secs(2), false}, {secs(2), false}, {secs(4), false}}, obs.got)
	require.Equal(t, []reply{
		{secs(0.1), reqs[0], models.OK},
		{secs(2), reqs[2], models.Unavailable},
		{secs(2.5), reqs[1], models.OK},
	}, snd.got)
	for k := 0; k < 3; k++ {
		require.Same(t, snd, reqs[k].Replier, "the sender's replier is given back")
	}
}

// A Tap passes reroutes through: it wraps its target like a client.
func TestTapInner(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	a := &target{name: "a", env: env, behave: func(sim.Time) answer { return answer{o: models.OK} }}
	b := &target{name: "b", env: env, behave: func(sim.Time) answer { return answer{o: models.OK} }}
	tap, err := NewTap(env.Engine, a, &observations{})
	require.NoError(t, err)
	require.Same(t, a, tap.Inner())
	tap.SetInner(b)
	tap.Submit(0, &models.Request{Replier: &sender{}})
	require.Equal(t, 1, b.received)
	require.Equal(t, "b", tap.Name())
}
