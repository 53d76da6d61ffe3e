package network

import (
	"strconv"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// runOutput is what the determinism test compares.
type runOutput struct {
	series map[string][]float64
	events []sim.LogEntry
	stats  []RouteStats
	pop    models.PopulationStats
	fired  uint64
}

// runPlanesModel runs a population split over two planes, each a route to
// its own service, with a lossy link, a silent failure, a generic-procedure
// configuration change, a rollback and a detour: every random stream of
// the package is drawn from.
func runPlanesModel(t *testing.T, seed uint64) runOutput {
	t.Helper()
	const horizon = 120 * time.Second
	env := newEnv(t, horizon, seed)
	n := mustNet(t, env, Topology{
		Nodes: []NodeConfig{
			{Name: "edge", Kind: Router, Routes: []Entry{route("10.5.0.0/16", "E"), route("10.6.0.0/16", "F")}},
			{Name: "E", Kind: Router, Routes: siteRoutesIn("10.5", 8)},
			{Name: "F", Kind: Router, Routes: []Entry{route("10.6.0.0/16", Direct)}},
			{Name: "swE", Kind: Switch, Parts: []string{"l2", "pe"}}, {Name: "swF", Kind: Switch},
			{Name: "authE", Kind: Host, Addr: addr("10.5.3.1")},
			{Name: "authF", Kind: Host, Addr: addr("10.6.0.10")},
		},
		Links: []LinkConfig{
			{Name: "edge-E", A: ep("edge"), B: ep("E"), Latency: ms(2)},
			{Name: "edge-F", A: ep("edge"), B: ep("F"), Latency: ms(2)},
			link("E-swE", "E", "swE/l2"), link("swE-int", "swE/l2", "swE/pe"), link("swE-auth", "swE/pe", "authE"),
			link("F-swF", "F", "swF"), link("swF-auth", "swF", "authF"),
		},
	})
	var routes []*Route
	var planes []PlaneConfig
	for _, pl := range []struct{ name, addr string }{{"E", "10.5.3.1"}, {"F", "10.6.0.10"}} {
		svc, err := models.NewService(env, models.ServiceConfig{Name: "auth" + pl.name, Workers: 4, ServiceTime: mustDet(t, 0.02)})
		require.NoError(t, err)
		rt, err := n.NewRoute("west→"+pl.name, "edge", addr(pl.addr), svc)
		require.NoError(t, err)
		routes = append(routes, rt)
		planes = append(planes, PlaneConfig{Name: pl.name, Target: rt, Share: 1, Capacity: 80})
	}
	split, err := NewPlanes(env, PlanesConfig{Name: "west", Rate: 100, Planes: planes})
	require.NoError(t, err)
	pop, err := models.NewPopulation(env, models.PopulationConfig{Name: "users", Users: 500, Rate: 100, Deadline: time.Second}, split)
	require.NoError(t, err)
	pop.Start()

	require.NoError(t, n.Link("edge-F").SetForwarding(0, Forwarding{Drop: 0.05}))
	e := n.Node("E")
	saved, err := e.Snapshot("rollback", Procedure{Name: "generic", DropShare: 0.5})
	require.NoError(t, err)
	at(env.Engine, 20*time.Second, func(now sim.Time) { n.Node("swE").Part("pe").Fail(now, Silent) })
	at(env.Engine, 40*time.Second, func(now sim.Time) { n.Node("swE").Part("pe").Repair(now) })
	at(env.Engine, 60*time.Second, func(now sim.Time) {
		_, err := e.Configure(now, Change{Name: "expansion", Entries: e.Routes(), Procedure: Procedure{Name: "generic", DropShare: 0.5}})
		require.NoError(t, err)
	})
	at(env.Engine, 70*time.Second, func(now sim.Time) { require.NoError(t, e.Rollback(now, saved)) })
	at(env.Engine, 80*time.Second, func(now sim.Time) {
		_, err := split.Detour(now, "E", 1, "F")
		require.NoError(t, err)
	})
	env.Engine.Run()

	out := runOutput{series: map[string][]float64{}, events: env.Recorder.Events(), fired: env.Engine.Fired()}
	for _, s := range env.Recorder.Finish(horizon) {
		out.series[s.Component+"/"+s.Metric] = s.Values
	}
	for _, rt := range routes {
		out.stats = append(out.stats, rt.Stats())
	}
	out.pop = pop.Stats()
	out.pop.Latency = nil
	return out
}

// siteRoutesIn returns n /24 routes under a /16 ("10.5" → 10.5.i.0/24).
func siteRoutesIn(net16 string, n int) []Entry {
	var es []Entry
	for i := 0; i < n; i++ {
		es = append(es, route(net16+"."+strconv.Itoa(i)+".0/24", Direct))
	}
	return es
}

// TestDeterminism: the same seed gives the same series, events and
// statistics; another seed gives others.
func TestDeterminism(t *testing.T) {
	a := runPlanesModel(t, 7)
	b := runPlanesModel(t, 7)
	require.Equal(t, a, b)
	require.Positive(t, a.stats[0].Lost, "the silent failure lost requests")
	require.Positive(t, a.stats[1].Lost, "the lossy link lost requests")
	require.Positive(t, a.pop.Succeeded)
	c := runPlanesModel(t, 8)
	require.NotEqual(t, a.series, c.series)
}
