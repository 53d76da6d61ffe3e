package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// builtinSpec validates the built-in name.
func builtinSpec(t *testing.T, name string, sets ...string) *spec.Spec {
	t.Helper()
	b, ok := LookupBuiltin(name)
	require.True(t, ok, name)
	s, err := Validate(b.File, b.Data, sets)
	require.NoError(t, err)
	return s
}

func findEdge(tp Topology, from, to, kind string) *TopoEdge {
	for i, e := range tp.Edges {
		if e.From == from && e.To == to && e.Kind == kind {
			return &tp.Edges[i]
		}
	}
	return nil
}

func findNode(tp Topology, id string) *TopoNode {
	for i, n := range tp.Nodes {
		if n.ID == id {
			return &tp.Nodes[i]
		}
	}
	return nil
}

// The 17 Dec Docomo replay: the route via-e crosses the switch's internal
// link, which the fault breaks; the standby port is on no path; the units
// reach plane e through their planes components.
func TestTopologyDocomo17(t *testing.T) {
	tp, err := TopologyOf(builtinSpec(t, "docomo-2022-12-17"))
	require.NoError(t, err)

	var via TopoPath
	for _, p := range tp.Paths {
		if p.Route == "via-e" {
			via = p
		}
	}
	require.Equal(t, []string{"net:gw-e", "net:sw-e/l2", "net:sw-e/port-expansion", "net:auth-e/port-1"}, via.Nodes)
	require.Equal(t, []string{"e-uplink", "e-internal", "e-server-port"}, via.Links)
	require.Empty(t, via.Drop)

	internal := findEdge(tp, "net:sw-e/l2", "net:sw-e/port-expansion", EdgeLink)
	require.NotNil(t, internal)
	require.Len(t, internal.Faults, 1)
	require.Contains(t, internal.Faults[0], "switch-fault")
	require.Contains(t, internal.Faults[0], "drop 1")
	require.False(t, internal.Idle)

	standby := findEdge(tp, "net:sw-e-standby", "net:auth-e/port-2", EdgeLink)
	require.NotNil(t, standby)
	require.True(t, standby.Idle, "no route crosses the standby port")

	require.NotNil(t, findEdge(tp, "component:via-e", "net:gw-e", EdgeEnters))
	require.NotNil(t, findEdge(tp, "net:auth-e/port-1", "component:auth-e-svc", EdgeDelivers))
	require.NotNil(t, findEdge(tp, "population:plane-e-stuck", "component:units-stuck", EdgeReaches))
	pl := findEdge(tp, "component:units-stuck", "component:via-e", EdgePlane)
	require.NotNil(t, pl)
	require.Equal(t, "e 100%", pl.Label)

	require.Equal(t, "plane:e", findNode(tp, "component:via-e").Group)
	require.Equal(t, "node:sw-e", findNode(tp, "net:sw-e/l2").Group)
}

// Kakao: the services hosted at pangyo sit in its group, the fire marks
// its rooms, the UPS feeds rooms and its batteries are in a room.
func TestTopologyKakao(t *testing.T) {
	tp, err := TopologyOf(builtinSpec(t, "kakao-2022-10-15"))
	require.NoError(t, err)
	require.Equal(t, "site:pangyo", findNode(tp, "component:login-svc").Group)
	require.Equal(t, "site:pangyo", findNode(tp, "room:pangyo/hall-a").Group)
	rack := findNode(tp, "room:pangyo/b3-rack")
	require.NotEmpty(t, rack.Faults)
	require.Contains(t, rack.Faults[0], "battery-fire: fire at t+19m")
	require.NotEmpty(t, findNode(tp, "room:pangyo/b3-hall").Faults, "water damage")
	require.NotNil(t, findEdge(tp, "room:pangyo/b3-batteries", "ups:pangyo/ups-1", EdgeBattery))
	require.NotNil(t, findEdge(tp, "ups:pangyo/ups-1", "room:pangyo/hall-a", EdgeFeeds))
	require.NotNil(t, findEdge(tp, "component:login-svc", "room:pangyo/hall-d", EdgeHosted))
	require.NotNil(t, findEdge(tp, "component:talk-svc", "component:login-svc", EdgeDepends))
	require.NotNil(t, findEdge(tp, "room:pangyo/b3-rack", "room:pangyo/b3-batteries", EdgeSpread))
}

// Every built-in: edges join existing nodes, groups exist and come after
// their parents, and two builds are equal (no map order).
func TestTopologyBuiltinsConsistent(t *testing.T) {
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			s := builtinSpec(t, b.Name)
			tp, err := TopologyOf(s)
			require.NoError(t, err)
			again, err := TopologyOf(s)
			require.NoError(t, err)
			require.Equal(t, tp, again)
			ids := map[string]bool{}
			for _, n := range tp.Nodes {
				require.False(t, ids[n.ID], "duplicate node %s", n.ID)
				ids[n.ID] = true
			}
			groups := map[string]bool{}
			for _, g := range tp.Groups {
				require.True(t, g.Parent == "" || groups[g.Parent], g.ID)
				groups[g.ID] = true
			}
			for _, n := range tp.Nodes {
				require.True(t, n.Group == "" || groups[n.Group], "%s in unknown group %s", n.ID, n.Group)
			}
			for _, e := range tp.Edges {
				require.True(t, ids[e.From] && ids[e.To], "%s -> %s", e.From, e.To)
			}
			for _, p := range s.Populations {
				require.True(t, slices.ContainsFunc(tp.Edges, func(e TopoEdge) bool {
					return e.Kind == EdgeReaches && e.From == populationID(p.Name)
				}), p.Name)
			}
			faulted := 0
			for _, n := range tp.Nodes {
				faulted += len(n.Faults)
			}
			for _, e := range tp.Edges {
				faulted += len(e.Faults)
			}
			for _, g := range tp.Groups {
				faulted += len(g.Faults)
			}
			require.GreaterOrEqual(t, faulted, len(s.Faults), "every fault is marked")
		})
	}
}

// The docomo-2022-12-20 routes all start at a gateway and their paths end
// at the unit's host.
func TestTopologyDocomo20Paths(t *testing.T) {
	tp, err := TopologyOf(builtinSpec(t, "docomo-2022-12-20"))
	require.NoError(t, err)
	require.Len(t, tp.Paths, 32)
	for _, p := range tp.Paths {
		require.NotEmpty(t, p.Nodes, p.Route)
		require.True(t, strings.HasPrefix(p.Nodes[0], "net:gw-"), p.Route)
		require.True(t, strings.HasPrefix(p.Nodes[len(p.Nodes)-1], "net:seg-"), p.Route)
	}
	l3 := findNode(tp, "net:l3-e")
	require.Len(t, l3.Faults, 1)
	require.Contains(t, l3.Faults[0], "expansion-change: configure (generic procedure)")
}

// The detectors of 17 Dec: the port's link-down watches the far end of
// e-server-port (not the link that fails) and fails the host over; the
// switched-off ones are marked off.
func TestTopologyDetectors(t *testing.T) {
	tp, err := TopologyOf(builtinSpec(t, "docomo-2022-12-17"))
	require.NoError(t, err)
	w := findEdge(tp, "detector:port-link-down", "net:auth-e/port-1", EdgeWatches)
	require.NotNil(t, w)
	require.Equal(t, "link e-server-port", w.Label)
	fire := findEdge(tp, "detector:port-link-down", "net:auth-e/port-1", EdgeFires)
	require.NotNil(t, fire, "failover of auth-e strikes its active part")
	require.Equal(t, "failover", fire.Label)
	require.False(t, findNode(tp, "detector:port-link-down").Off)
	require.True(t, findNode(tp, "detector:bfd").Off)
	require.NotNil(t, findEdge(tp, "detector:auto-detour-some", "component:units-detoured", EdgeFires))

	on, err := TopologyOf(builtinSpec(t, "docomo-2022-12-17", "detection=bfd"))
	require.NoError(t, err)
	require.False(t, findNode(on, "detector:bfd").Off)
	require.True(t, findNode(on, "detector:port-link-down").Off)
}
