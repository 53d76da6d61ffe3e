package network

import (
	"fmt"
	"strings"
	"time"

	"math"
	"testing"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// authBehind builds the accommodation topology with a service "auth" (one
// request takes service seconds, 4 workers) behind the route "pop→auth"
// from R0 to the server's address.
func authBehind(t *testing.T, env *models.Env, service float64) (*Network, *Route) {
	t.Helper()
	n := mustNet(t, env, accommodation())
	svc, err := models.NewService(env, models.ServiceConfig{Name: "auth", Workers: 4, ServiceTime: mustDet(t, service)})
	require.NoError(t, err)
	rt, err := n.NewRoute("pop→auth", "R0", addr("10.0.0.10"), svc)
	require.NoError(t, err)
	return n, rt
}

// TestRouteDeliversAndAnswers: a request crosses the path (3 ms), is served
// (100 ms) and its answer crosses back (3 ms); an added link delay counts
// both ways.
func TestRouteDeliversAndAnswers(t *testing.T) {
	env := newEnv(t, 10*time.Second, 1)
	n, rt := authBehind(t, env, 0.1)
	p := newProbe(t)
	p.send(env.Engine, time.Second, rt, "a", 2*time.Second)
	at(env.Engine, 1500*ms(1), func(now sim.Time) {
		require.NoError(t, n.Link("sw-h").SetForwarding(now, Forwarding{Delay: ms(5)}))
	})
	p.send(env.Engine, 2*time.Second, rt, "b", 0)
	env.Engine.Run()
	require.Equal(t, reply{"a", time.Second + ms(106), models.OK}, p.byID("a"))
	require.Equal(t, reply{"b", 2*time.Second + ms(116), models.OK}, p.byID("b"))
	require.Equal(t, RouteStats{Sent: 2, Delivered: 2, Answered: 2}, rt.Stats())
	require.Equal(t, "pop→auth", rt.Name())
	require.Equal(t, "auth", rt.Target().Name())
}

// TestRouteSilentFailureTimesOut: behind a silent failure nothing comes
// back: a request with a deadline is answered TimedOut exactly at its
// deadline, one without is answered Dropped at once; the element that
// dropped them counts them.
func TestRouteSilentFailureTimesOut(t *testing.T) {
	env := newEnv(t, 10*time.Second, 1)
	n, rt := authBehind(t, env, 0.1)
	at(env.Engine, 3*time.Second, func(now sim.Time) { n.Node("SW").Part("port-expansion").Fail(now, Silent) })
	p := newProbe(t)
	p.send(env.Engine, 4*time.Second, rt, "c", 2*time.Second)
	p.send(env.Engine, 4*time.Second, rt, "d", 0)
	env.Engine.Run()
	require.Equal(t, []reply{
		{"d", 4 * time.Second, models.Dropped},
		{"c", 6 * time.Second, models.TimedOut},
	}, p.replies)
	require.Equal(t, RouteStats{Sent: 2, Lost: 2, LastDrop: "SW/port-expansion"}, rt.Stats())
	require.Equal(t, uint64(2), n.Drops("SW/port-expansion"))
	require.Zero(t, n.Drops("sw-h"))
}

// TestRouteLosesInTransit: when the path breaks while a request is on its
// way, it never arrives; when it breaks while the request is served, the
// answer is lost.
func TestRouteLosesInTransit(t *testing.T) {
	env := newEnv(t, 30*time.Second, 1)
	n, rt := authBehind(t, env, 1)
	p := newProbe(t)
	// e: served from 1.003 s to 2.003 s; the internal link drops from 1.5 s.
	p.send(env.Engine, time.Second, rt, "e", 5*time.Second)
	at(env.Engine, 1500*ms(1), func(now sim.Time) {
		require.NoError(t, n.Link("sw-internal").SetForwarding(now, Forwarding{Drop: 1}))
	})
	at(env.Engine, 3*time.Second, func(now sim.Time) {
		require.NoError(t, n.Link("sw-internal").SetForwarding(now, Forwarding{}))
	})
	// f: no deadline; the server's link goes down while it is served.
	p.send(env.Engine, 10*time.Second, rt, "f", 0)
	at(env.Engine, 10500*ms(1), func(now sim.Time) { n.Link("sw-h").Down(now) })
	at(env.Engine, 12*time.Second, func(now sim.Time) { n.Link("sw-h").Up(now) })
	// g: the link drops 1 ms after it left, before it arrived (3 ms).
	p.send(env.Engine, 20*time.Second, rt, "g", time.Second)
	at(env.Engine, 20*time.Second+ms(1), func(now sim.Time) { n.Node("SW").Part("l2").Fail(now, Silent) })
	env.Engine.Run()

	require.Equal(t, reply{"e", 6 * time.Second, models.TimedOut}, p.byID("e"))
	require.Equal(t, reply{"f", 11*time.Second + ms(3), models.Dropped}, p.byID("f"), "lost when its answer left the server")
	require.Equal(t, reply{"g", 21 * time.Second, models.TimedOut}, p.byID("g"))
	require.Equal(t, RouteStats{Sent: 3, Delivered: 2, Lost: 1, AnswersLost: 2, LastDrop: "SW/l2"}, rt.Stats())
	require.Equal(t, uint64(1), n.Drops("sw-internal"))
	require.Equal(t, uint64(1), n.Drops("sw-h"))
	require.Equal(t, uint64(1), n.Drops("SW/l2"))
}

// TestRouteShareDrops: a link that drops 20% loses each crossing with
// probability 0.2, requests and answers alike; the counts stay within 5
// standard deviations of the binomial means.
func TestRouteShareDrops(t *testing.T) {
	env := newEnv(t, 100*time.Second, 3)
	n := mustNet(t, env, accommodation())
	require.NoError(t, n.Link("sw-h").SetForwarding(0, Forwarding{Drop: 0.2}))
	target := &instant{name: "echo"}
	rt, err := n.NewRoute("lossy", "R0", addr("10.0.0.10"), target)
	require.NoError(t, err)
	require.True(t, rt.Path().Forwards(), "a share drop does not break the path")
	const N = 20000
	p := newProbe(t)
	for i := 0; i < N; i++ {
		p.send(env.Engine, sim.Time(i)*ms(1), rt, "", 0)
	}
	env.Engine.Run()
	s := rt.Stats()
	require.Equal(t, int64(N), s.Sent)
	require.Equal(t, int64(target.got), s.Delivered)
	lostSD := math.Sqrt(N * 0.2 * 0.8)
	require.InDelta(t, 0.2*N, float64(s.Lost), 5*lostSD, "requests lost")
	d := float64(s.Delivered)
	require.InDelta(t, 0.2*d, float64(s.AnswersLost), 5*math.Sqrt(d*0.2*0.8), "answers lost")
	require.Equal(t, uint64(s.Lost+s.AnswersLost), n.Drops("sw-h"))
	ok, dropped := 0, 0
	for _, r := range p.replies {
		switch r.outcome {
		case models.OK:
			ok++
		case models.Dropped:
			dropped++
		}
	}
	require.Equal(t, N, ok+dropped, "every request answered once")
	require.Equal(t, int(s.Answered), ok)
}

// TestRouteSeries: a population behind a route through a switch that
// fails silently from 20 s to 40 s. Every request issued in the outage
// times out; the route's series count what the route saw.
func TestRouteSeries(t *testing.T) {
	const horizon = 60 * time.Second
	env := newEnv(t, horizon, 5)
	n, rt := authBehind(t, env, 0.01)
	pop, err := models.NewPopulation(env, models.PopulationConfig{
		Name: "west", Users: 1000, Rate: 50, Deadline: time.Second,
	}, rt)
	require.NoError(t, err)
	pop.Start()
	pe := n.Node("SW").Part("port-expansion")
	at(env.Engine, 20*time.Second, func(now sim.Time) { pe.Fail(now, Silent) })
	at(env.Engine, 40*time.Second, func(now sim.Time) { pe.Repair(now) })
	env.Engine.Run()
	series := env.Recorder.Finish(horizon)

	s := rt.Stats()
	ps := pop.Stats()
	require.Equal(t, ps.Sent, s.Sent)
	require.Equal(t, ps.Succeeded, s.Answered)
	require.Equal(t, ps.Failed, s.Lost+s.AnswersLost)
	require.Equal(t, ps.Failed, ps.TimedOut, "nobody answered the lost ones")
	require.Zero(t, ps.Pending)
	require.Equal(t, float64(s.Sent), seriesTotal(t, env.Recorder, series, "pop→auth", "sent_per_s"))
	require.Equal(t, float64(s.Delivered), seriesTotal(t, env.Recorder, series, "pop→auth", "delivered_per_s"))
	require.InDelta(t, float64(s.Lost+s.AnswersLost), seriesTotal(t, env.Recorder, series, "pop→auth", "lost_per_s"), 1e-9)
	require.InDelta(t, float64(n.Drops("SW/port-expansion")), seriesTotal(t, env.Recorder, series, "SW/port-expansion", "dropped_per_s"), 1e-9)

	var requests, failed []float64
	for _, sr := range series {
		if sr.Component == "west" && sr.Metric == "requests" {
			requests = sr.Values
		}
		if sr.Component == "west" && sr.Metric == "failed" {
			failed = sr.Values
		}
	}
	for i := range requests {
		switch {
		case i >= 20 && i < 40:
			require.Equal(t, requests[i], failed[i], "step %d: inside the outage", i)
			require.Positive(t, failed[i])
		case i < 19 || i > 40:
			require.Zero(t, failed[i], "step %d: outside the outage", i)
		}
	}
}

// TestRouteErrors: a route needs a name, a known origin that routes, a
// valid address and a target.
func TestRouteErrors(t *testing.T) {
	env := newEnv(t, time.Second, 1)
	n := mustNet(t, env, accommodation())
	tg := &instant{name: "x"}
	_, err := n.NewRoute("", "R0", addr("10.0.0.10"), tg)
	require.Error(t, err)
	_, err = n.NewRoute("r", "nobody", addr("10.0.0.10"), tg)
	require.ErrorContains(t, err, "no node")
	_, err = n.NewRoute("r", "SW", addr("10.0.0.10"), tg)
	require.ErrorContains(t, err, "switch")
	_, err = n.NewRoute("r", "R0", addr("10.0.0.10"), nil)
	require.ErrorContains(t, err, "no target")
}

// TestRouteCarry: a control packet crosses the route's path one way; it is
// lost behind a silent failure, and a lossy link loses its share of them
// without touching the route's requests or counters.
func TestRouteCarry(t *testing.T) {
	env := newEnv(t, 10*time.Second, 1)
	n, rt := authBehind(t, env, 0.1)
	lat, ok := rt.Carry(0)
	require.True(t, ok)
	require.Equal(t, ms(3), lat)
	require.NoError(t, n.Link("sw-h").SetForwarding(0, Forwarding{Drop: 0.2}))
	const N = 10000
	lost := 0
	for i := 0; i < N; i++ {
		if _, ok := rt.Carry(0); !ok {
			lost++
		}
	}
	require.InDelta(t, 0.2*N, float64(lost), 5*math.Sqrt(N*0.2*0.8))
	require.Zero(t, n.Drops("sw-h"))
	require.Equal(t, RouteStats{}, rt.Stats())
	n.Node("SW").Part("l2").Fail(1, Silent)
	_, ok = rt.Carry(1)
	require.False(t, ok)
}

// TestRouteLogsWhenItStartsAndStopsLosingRequests: the event log says
// where and why a route's path loses every request, and when it carries
// them again.
func TestRouteLogsWhenItStartsAndStopsLosingRequests(t *testing.T) {
	env := newEnv(t, 10*time.Second, 1)
	n, rt := authBehind(t, env, 0.1)
	at(env.Engine, 3*time.Second, func(now sim.Time) { n.Node("SW").Part("port-expansion").Fail(now, Silent) })
	at(env.Engine, 5*time.Second, func(now sim.Time) { n.Node("SW").Part("port-expansion").Repair(now) })
	p := newProbe(t)
	for _, s := range []time.Duration{1, 4, 6} {
		p.send(env.Engine, s*time.Second, rt, "r", 0)
	}
	env.Engine.Run()
	var logged []string
	for _, e := range env.Recorder.Events() {
		if e.Kind == "route" {
			logged = append(logged, fmt.Sprintf("%v %s", e.At, e.Message))
		}
	}
	require.Len(t, logged, 2, "%v", logged)
	require.True(t, strings.HasPrefix(logged[0], "4s requests to "), logged[0])
	require.Contains(t, logged[0], "lost at SW/port-expansion: part-failure")
	require.True(t, strings.HasPrefix(logged[1], "6s requests to "), logged[1])
	require.Contains(t, logged[1], "carried again")
}
