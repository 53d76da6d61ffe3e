package network

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// mapsWest is a MAPS-like split of West Japan's requests over planes E, F
// and G, a third each, at 300 requests/s; E can take 200/s, F 110/s, G
// 140/s.
func mapsWest(t *testing.T, env *models.Env) (*Planes, map[string]*instant) {
	t.Helper()
	targets := map[string]*instant{}
	var planes []PlaneConfig
	for _, c := range []struct {
		name string
		cap  float64
	}{{"E", 200}, {"F", 110}, {"G", 140}} {
		targets[c.name] = &instant{name: "plane-" + c.name}
		planes = append(planes, PlaneConfig{Name: c.name, Target: targets[c.name], Share: 1, Capacity: c.cap})
	}
	p, err := NewPlanes(env, PlanesConfig{Name: "maps-west", Rate: 300, Planes: planes})
	require.NoError(t, err)
	return p, targets
}

// submitN sends n requests to target and returns the probe.
func submitN(t *testing.T, env *models.Env, target models.Target, n int) {
	t.Helper()
	p := newProbe(t)
	for i := 0; i < n; i++ {
		p.send(env.Engine, env.Engine.Now()+time.Duration(i)*time.Microsecond, target, "", 0)
	}
	env.Engine.Run()
	require.Len(t, p.replies, n)
}

// requireSplit checks that counts follow shares within 5 binomial
// standard deviations.
func requireSplit(t *testing.T, n int, counts map[string]int, shares map[string]float64) {
	t.Helper()
	for name, s := range shares {
		sd := math.Sqrt(float64(n) * s * (1 - s))
		require.InDelta(t, s*float64(n), float64(counts[name]), 5*sd+1e-9, "plane %s", name)
	}
}

// TestPlanesSplitByShares: requests are split by the assigned shares.
func TestPlanesSplitByShares(t *testing.T) {
	env := newEnv(t, time.Minute, 11)
	targets := map[string]*instant{"A": {name: "a"}, "B": {name: "b"}, "C": {name: "c"}}
	p, err := NewPlanes(env, PlanesConfig{Name: "split", Rate: 10, Planes: []PlaneConfig{
		{Name: "A", Target: targets["A"], Share: 5, Capacity: 10},
		{Name: "B", Target: targets["B"], Share: 3, Capacity: 10},
		{Name: "C", Target: targets["C"], Share: 2, Capacity: 10},
	}})
	require.NoError(t, err)
	require.InDelta(t, 0.5, p.Share("A"), 1e-12, "shares are normalised")
	const N = 30000
	submitN(t, env, p, N)
	requireSplit(t, N, map[string]int{"A": targets["A"].got, "B": targets["B"].got, "C": targets["C"].got},
		map[string]float64{"A": 0.5, "B": 0.3, "C": 0.2})
}

// TestPlanesDetour: moving plane E's traffic goes to F and G in proportion
// to their spare capacity; what does not fit stays on E; restore puts the
// assigned shares back.
func TestPlanesDetour(t *testing.T) {
	env := newEnv(t, time.Minute, 12)
	p, targets := mapsWest(t, env)
	// Spare: F 110/300 - 1/3 = 0.0333, G 140/300 - 1/3 = 0.1333; together
	// 1/6 < the 1/3 asked: both fill up, E keeps 1/6.
	moved, err := p.Detour(time.Second, "E", 1, "F", "G")
	require.NoError(t, err)
	require.InDelta(t, 1.0/6, moved, 1e-12)
	require.InDelta(t, 1.0/6, p.Share("E"), 1e-12)
	require.InDelta(t, 110.0/300, p.Share("F"), 1e-12, "F at capacity")
	require.InDelta(t, 140.0/300, p.Share("G"), 1e-12, "G at capacity")

	const N = 30000
	submitN(t, env, p, N)
	requireSplit(t, N, map[string]int{"E": targets["E"].got, "F": targets["F"].got, "G": targets["G"].got},
		map[string]float64{"E": 1.0 / 6, "F": 110.0 / 300, "G": 140.0 / 300})

	// Nothing is spare any more: a second detour moves nothing.
	moved, err = p.Detour(2*time.Second, "E", 1, "F", "G")
	require.NoError(t, err)
	require.Zero(t, moved)

	p.Restore(3 * time.Second)
	for _, name := range []string{"E", "F", "G"} {
		require.InDelta(t, 1.0/3, p.Share(name), 1e-12)
	}

	// Half of E, with room to spare: split 1:4 by spare capacity (1/30 to
	// 4/30), the whole 1/6 moves.
	moved, err = p.Detour(4*time.Second, "E", 0.5, "F", "G")
	require.NoError(t, err)
	require.InDelta(t, 1.0/6, moved, 1e-12)
	require.InDelta(t, 1.0/6, p.Share("E"), 1e-12)
	require.InDelta(t, 1.0/3+1.0/30, p.Share("F"), 1e-12)
	require.InDelta(t, 1.0/3+4.0/30, p.Share("G"), 1e-12)

	var log []string
	for _, e := range env.Recorder.Events() {
		require.Equal(t, sim.EventState, e.Kind)
		log = append(log, e.Message)
	}
	require.Equal(t, []string{
		"detour E: asked 33.33%, moved 16.67%; F +3.33%; G +13.33%",
		"detour E: asked 16.67%, moved 0.00%",
		"restore assigned shares",
		"detour E: asked 16.67%, moved 16.67%; F +3.33%; G +13.33%",
	}, log)

	for _, bad := range [][]string{{"X"}, {"E"}, {"F", "F"}, {}} {
		_, err = p.Detour(5*time.Second, "E", 0.5, bad...)
		require.Error(t, err, "%v", bad)
	}
	_, err = p.Detour(5*time.Second, "E", 0, "F")
	require.Error(t, err)
	_, err = p.Detour(5*time.Second, "X", 0.5, "F")
	require.Error(t, err)
}

// TestPlanesOverRoutes: planes whose targets are routes; a silent failure
// in plane E loses E's share until the detour.
func TestPlanesOverRoutes(t *testing.T) {
	env := newEnv(t, time.Minute, 13)
	n := mustNet(t, env, Topology{
		Nodes: []NodeConfig{
			{Name: "edge", Kind: Router, Routes: []Entry{route("10.5.0.0/16", "E"), route("10.6.0.0/16", "F")}},
			{Name: "E", Kind: Router, Routes: []Entry{route("10.5.0.0/16", Direct)}},
			{Name: "F", Kind: Router, Routes: []Entry{route("10.6.0.0/16", Direct)}},
			{Name: "swE", Kind: Switch}, {Name: "swF", Kind: Switch},
			{Name: "authE", Kind: Host, Addr: addr("10.5.0.10")},
			{Name: "authF", Kind: Host, Addr: addr("10.6.0.10")},
		},
		Links: []LinkConfig{
			link("edge-E", "edge", "E"), link("edge-F", "edge", "F"),
			link("E-swE", "E", "swE"), link("swE-auth", "swE", "authE"),
			link("F-swF", "F", "swF"), link("swF-auth", "swF", "authF"),
		},
	})
	authE, authF := &instant{name: "authE"}, &instant{name: "authF"}
	rE, err := n.NewRoute("west→E", "edge", addr("10.5.0.10"), authE)
	require.NoError(t, err)
	rF, err := n.NewRoute("west→F", "edge", addr("10.6.0.10"), authF)
	require.NoError(t, err)
	p, err := NewPlanes(env, PlanesConfig{Name: "west", Rate: 100, Planes: []PlaneConfig{
		{Name: "E", Target: rE, Share: 1, Capacity: 100}, {Name: "F", Target: rF, Share: 1, Capacity: 100},
	}})
	require.NoError(t, err)
	n.Node("swE").Part("main").Fail(0, Silent)
	submitN(t, env, p, 1000)
	require.Zero(t, authE.got)
	require.Equal(t, rE.Stats().Lost, rE.Stats().Sent)
	_, err = p.Detour(env.Engine.Now(), "E", 1, "F")
	require.NoError(t, err)
	before := authF.got
	submitN(t, env, p, 1000)
	require.Equal(t, before+1000, authF.got)
}

// TestPlanesErrors: a split needs planes, a rate, shares and capacities.
func TestPlanesErrors(t *testing.T) {
	env := newEnv(t, time.Minute, 1)
	tg := &instant{name: "t"}
	for _, c := range []PlanesConfig{
		{Name: "x", Rate: 1},
		{Name: "x", Rate: 0, Planes: []PlaneConfig{{Name: "A", Target: tg, Share: 1, Capacity: 1}}},
		{Name: "x", Rate: 1, Planes: []PlaneConfig{{Name: "A", Target: tg, Share: 0, Capacity: 1}}},
		{Name: "x", Rate: 1, Planes: []PlaneConfig{{Name: "A", Target: tg, Share: -1, Capacity: 1}}},
		{Name: "x", Rate: 1, Planes: []PlaneConfig{{Name: "A", Target: tg, Share: 1, Capacity: 0}}},
		{Name: "x", Rate: 1, Planes: []PlaneConfig{{Name: "A", Share: 1, Capacity: 1}}},
		{Name: "x", Rate: 1, Planes: []PlaneConfig{{Name: "A", Target: tg, Share: 1, Capacity: 1}, {Name: "A", Target: tg, Share: 1, Capacity: 1}}},
	} {
		_, err := NewPlanes(env, c)
		require.Error(t, err, "%+v", c)
	}
}
