package network

import (
	"net/netip"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// lpmTopology: an origin router R0 whose table has overlapping prefixes and
// a default route, each to its own router (RA..RD); every router and host
// hangs off one switch S, and RA..RD deliver directly to the hosts.
func lpmTopology(withDefault bool) Topology {
	r0 := []Entry{
		route("10.0.0.0/8", "RA"),
		route("10.1.0.0/16", "RB"),
		route("10.1.2.0/24", "RC"),
	}
	if withDefault {
		r0 = append(r0, route("0.0.0.0/0", "RD"))
	}
	t := Topology{Nodes: []NodeConfig{
		{Name: "R0", Kind: Router, Routes: r0},
		{Name: "S", Kind: Switch},
	}}
	for _, r := range []string{"RA", "RB", "RC", "RD"} {
		t.Nodes = append(t.Nodes, NodeConfig{Name: r, Kind: Router, Routes: []Entry{route("0.0.0.0/0", Direct)}})
	}
	hosts := map[string]string{"H1": "10.1.2.3", "H2": "10.1.3.3", "H3": "10.2.0.1", "H4": "192.168.1.1"}
	for _, h := range []string{"H1", "H2", "H3", "H4"} {
		t.Nodes = append(t.Nodes, NodeConfig{Name: h, Kind: Host, Addr: addr(hosts[h])})
	}
	for _, nd := range t.Nodes[2:] {
		t.Links = append(t.Links, link("S-"+nd.Name, "S", nd.Name))
	}
	t.Links = append(t.Links, link("R0-S", "R0", "S"))
	return t
}

// TestLongestPrefixMatch: the most specific route wins, the default route
// catches the rest, and each L3 hop crosses the switch at L2.
func TestLongestPrefixMatch(t *testing.T) {
	n := mustNet(t, newEnv(t, 10, 1), lpmTopology(true))
	for _, c := range []struct{ to, via, dest string }{
		{"10.1.2.3", "RC", "H1"},    // /24 beats /16 and /8
		{"10.1.3.3", "RB", "H2"},    // /16 beats /8
		{"10.2.0.1", "RA", "H3"},    // only /8
		{"192.168.1.1", "RD", "H4"}, // default
	} {
		p := mustPath(t, n, "R0", c.to)
		require.True(t, p.Forwards(), "%s: %+v", c.to, p.Drop)
		require.Equal(t, []string{"R0", "S", c.via, "S", c.dest}, p.Nodes, c.to)
		require.Equal(t, c.dest, p.Dest)
		require.Equal(t, []string{
			"R0/main", "R0-S", "S/main", "S-" + c.via, c.via + "/main",
			"S-" + c.via, "S/main", "S-" + c.dest, c.dest + "/main",
		}, p.Elements)
	}
	// The default route to a Direct next hop with no owner: unreachable.
	p := mustPath(t, n, "R0", "172.16.0.1")
	require.Equal(t, Drop{"RD", Unreachable}, p.Drop)
}

// TestTableLookup checks longest-prefix match on the table itself, with
// both address families and host routes.
func TestTableLookup(t *testing.T) {
	env := newEnv(t, 10, 1)
	n := mustNet(t, env, Topology{Nodes: []NodeConfig{
		{Name: "A", Kind: Router}, {Name: "B", Kind: Router}, {Name: "C", Kind: Router},
	}})
	tb, err := n.newTable([]Entry{
		route("0.0.0.0/0", "A"), route("10.0.0.0/8", "B"), route("10.9.9.9/32", "C"),
		route("::/0", "C"), route("2001:db8::/32", "A"), route("10.1.0.0/16", Direct),
	})
	require.NoError(t, err)
	for _, c := range []struct{ a, want string }{
		{"8.8.8.8", "A"}, {"10.0.0.1", "B"}, {"10.9.9.9", "C"}, {"10.9.9.8", "B"},
		{"2001:db8::1", "A"}, {"2001:db9::1", "C"}, {"10.1.200.3", "direct"},
	} {
		nh, ok := tb.lookup(addr(c.a))
		require.True(t, ok, c.a)
		name := "direct"
		if nh != nil {
			name = nh.name
		}
		require.Equal(t, c.want, name, c.a)
	}
	tb, err = n.newTable([]Entry{route("10.0.0.0/8", "B")})
	require.NoError(t, err)
	_, ok := tb.lookup(addr("11.0.0.1"))
	require.False(t, ok)
	_, ok = tb.lookup(addr("::1"))
	require.False(t, ok, "a v4 table does not match v6 addresses")
}

// TestMissingRouteDrops: without a matching entry the request is dropped at
// the router that lacks it, and so it is at a host asked to forward.
func TestMissingRouteDrops(t *testing.T) {
	n := mustNet(t, newEnv(t, 10, 1), lpmTopology(false))
	p := mustPath(t, n, "R0", "192.168.1.1")
	require.False(t, p.Forwards())
	require.Equal(t, Drop{"R0", NoRoute}, p.Drop)
	require.Equal(t, []string{"R0"}, p.Nodes)
	// A route to a host that does not own the address: hosts don't forward.
	require.NoError(t, func() error {
		_, err := n.Node("R0").Configure(0, Change{Entries: []Entry{route("0.0.0.0/0", "H1")}})
		return err
	}())
	p = mustPath(t, n, "R0", "192.168.1.1")
	require.Equal(t, Drop{"H1", NoRoute}, p.Drop)
}

// TestLoopHitsHopLimit: two routers whose default routes point at each
// other bounce a request until the hop limit drops it.
func TestLoopHitsHopLimit(t *testing.T) {
	n := mustNet(t, newEnv(t, 10, 1), Topology{
		MaxHops: 8,
		Nodes: []NodeConfig{
			{Name: "R1", Kind: Router, Routes: []Entry{route("0.0.0.0/0", "R2")}},
			{Name: "R2", Kind: Router, Routes: []Entry{route("0.0.0.0/0", "R1")}},
			{Name: "S", Kind: Switch},
		},
		Links: []LinkConfig{link("l1", "R1", "S"), link("l2", "R2", "S")},
	})
	p := mustPath(t, n, "R1", "10.0.0.1")
	require.Equal(t, HopLimit, p.Drop.Reason)
	require.Equal(t, "R1", p.Drop.Element, "8 hops from R1 end back at R1")
	require.Len(t, p.Nodes, 1+8*2, "each hop crosses S and reaches the other router")
}

// twoSwitches: R0 reaches R1 (which owns 10.0.0.1) through switch SA or,
// declared second, switch SB.
func twoSwitches() Topology {
	return Topology{
		Nodes: []NodeConfig{
			{Name: "R0", Kind: Router, Routes: []Entry{route("10.0.0.0/8", "R1")}},
			{Name: "R1", Kind: Router, Addr: addr("10.0.0.1")},
			{Name: "SA", Kind: Switch},
			{Name: "SB", Kind: Switch},
		},
		Links: []LinkConfig{
			link("r0-sa", "R0", "SA"), link("sa-r1", "SA", "R1"),
			link("r0-sb", "R0", "SB"), link("sb-r1", "SB", "R1"),
		},
	}
}

// TestPathCache: a path is resolved once and the same object returned
// until the network changes; a physical change re-routes at L2, and with no
// way left the request is dropped where the next hop became unreachable.
func TestPathCache(t *testing.T) {
	n := mustNet(t, newEnv(t, 10, 1), twoSwitches())
	p1 := mustPath(t, n, "R0", "10.0.0.1")
	p2 := mustPath(t, n, "R0", "10.0.0.1")
	require.Same(t, p1, p2)
	require.Equal(t, uint64(1), n.Resolutions())
	require.Equal(t, []string{"R0", "SA", "R1"}, p1.Nodes, "SA was declared first")
	v := n.Version()

	n.Link("sa-r1").Down(5)
	require.Greater(t, n.Version(), v)
	p3 := mustPath(t, n, "R0", "10.0.0.1")
	require.NotSame(t, p1, p3)
	require.Equal(t, uint64(2), n.Resolutions())
	require.Equal(t, []string{"R0", "SB", "R1"}, p3.Nodes)
	require.Same(t, p3, mustPath(t, n, "R0", "10.0.0.1"))
	require.Equal(t, uint64(2), n.Resolutions())

	n.Link("sb-r1").Down(6)
	p4 := mustPath(t, n, "R0", "10.0.0.1")
	require.Equal(t, Drop{"R0", Unreachable}, p4.Drop)

	n.Link("sa-r1").Up(7)
	require.True(t, mustPath(t, n, "R0", "10.0.0.1").Forwards())
	require.Equal(t, uint64(4), n.Resolutions())

	// Bad inputs are errors, not drops.
	_, err := n.Path("nobody", addr("10.0.0.1"))
	require.ErrorContains(t, err, "no node")
	_, err = n.Path("SA", addr("10.0.0.1"))
	require.ErrorContains(t, err, "switch")
	_, err = n.Path("R0", netip.Addr{})
	require.ErrorContains(t, err, "invalid")
}

// accommodation is the 17 Dec 2022 shape: router R0 reaches a server H
// through a switch SW whose L2 part joins its port-expansion part by an
// internal link; the server's port is on the port-expansion part.
func accommodation() Topology {
	return Topology{
		Nodes: []NodeConfig{
			{Name: "R0", Kind: Router, Routes: []Entry{route("10.0.0.0/24", Direct)}},
			{Name: "SW", Kind: Switch, Parts: []string{"l2", "port-expansion"}},
			{Name: "H", Kind: Host, Addr: addr("10.0.0.10")},
		},
		Links: []LinkConfig{
			{Name: "r0-sw", A: ep("R0"), B: ep("SW/l2"), Latency: ms(1)},
			{Name: "sw-internal", A: ep("SW/l2"), B: ep("SW/port-expansion")},
			{Name: "sw-h", A: ep("SW/port-expansion"), B: ep("H"), Latency: ms(2)},
		},
	}
}

// TestSilentPartFailure: a part that fails silently drops everything that
// crosses it while every link stays physically up; a loud failure takes its
// links down instead.
func TestSilentPartFailure(t *testing.T) {
	env := newEnv(t, 10, 1)
	n := mustNet(t, env, accommodation())
	p := mustPath(t, n, "R0", "10.0.0.10")
	require.True(t, p.Forwards())
	require.Equal(t, []string{"R0/main", "r0-sw", "SW/l2", "sw-internal", "SW/port-expansion", "sw-h", "H/main"}, p.Elements)

	pe := n.Node("SW").Part("port-expansion")
	pe.Fail(3, Silent)
	p = mustPath(t, n, "R0", "10.0.0.10")
	require.Equal(t, Drop{"SW/port-expansion", PartFailure}, p.Drop)
	for _, l := range []string{"r0-sw", "sw-internal", "sw-h"} {
		require.True(t, n.Link(l).PhysicalUp(), "%s must stay physically up", l)
	}
	require.Equal(t, "silent-failure", pe.State().String())

	// The same fault expressed as the internal link dropping everything.
	pe.Repair(4)
	require.NoError(t, n.Link("sw-internal").SetForwarding(4, Forwarding{Drop: 1}))
	p = mustPath(t, n, "R0", "10.0.0.10")
	require.Equal(t, Drop{"sw-internal", LinkDrop}, p.Drop)
	require.True(t, n.Link("sw-internal").PhysicalUp())
	require.NoError(t, n.Link("sw-internal").SetForwarding(5, Forwarding{}))

	// A loud failure: the server's port goes down, which it would notice.
	pe.Fail(6, Loud)
	require.False(t, n.Link("sw-h").PhysicalUp())
	require.False(t, n.Link("sw-internal").PhysicalUp())
	require.True(t, n.Link("r0-sw").PhysicalUp())
	require.Equal(t, Drop{"R0", Unreachable}, mustPath(t, n, "R0", "10.0.0.10").Drop)

	// Every change was logged as a state entry on its element.
	var got []string
	for _, e := range env.Recorder.Events() {
		require.Equal(t, sim.EventState, e.Kind)
		got = append(got, e.Subject+": "+e.Message)
	}
	require.Equal(t, []string{
		"SW/port-expansion: silent-failure", "SW/port-expansion: working",
		"sw-internal: drops all", "sw-internal: forwards", "SW/port-expansion: loud-failure",
	}, got)
}

// TestDelayAddsUp: a path's delay is the sum of its links' latencies and
// the delay their forwarding states add.
func TestDelayAddsUp(t *testing.T) {
	n := mustNet(t, newEnv(t, 10, 1), accommodation())
	require.Equal(t, ms(3), mustPath(t, n, "R0", "10.0.0.10").Delay)
	require.NoError(t, n.Link("sw-h").SetForwarding(1, Forwarding{Delay: ms(5)}))
	require.Equal(t, ms(8), mustPath(t, n, "R0", "10.0.0.10").Delay)
	require.Equal(t, ms(7), n.Link("sw-h").Latency())
	require.Error(t, n.Link("sw-h").SetForwarding(1, Forwarding{Drop: 1.5}))
	require.Error(t, n.Link("sw-h").SetForwarding(1, Forwarding{Delay: -1}))
}

// TestTopologyErrors: bad topologies are rejected with the element named.
func TestTopologyErrors(t *testing.T) {
	env := newEnv(t, 10, 1)
	for _, c := range []struct {
		want string
		t    Topology
	}{
		{"name used twice", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router}, {Name: "A", Kind: Host, Addr: addr("10.0.0.1")}}}},
		{"nodes[0].address: missing address; a host needs", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Host}}}},
		{"max_hops: expected", Topology{MaxHops: 256, Nodes: []NodeConfig{{Name: "A", Kind: Router}}}},
		{"switch owns no address", Topology{Nodes: []NodeConfig{{Name: "S", Kind: Switch, Addr: addr("10.0.0.1")}}}},
		{"already owned", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Host, Addr: addr("10.0.0.1")}, {Name: "B", Kind: Host, Addr: addr("10.0.0.1")}}}},
		{"no node \"X\"", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router, Routes: []Entry{route("0.0.0.0/0", "X")}}}}},
		{"is a switch", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router, Routes: []Entry{route("0.0.0.0/0", "S")}}, {Name: "S", Kind: Switch}}}},
		{"host bits", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router, Routes: []Entry{route("10.0.0.1/8", Direct)}}}}},
		{"appears twice", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router, Routes: []Entry{route("10.0.0.0/8", Direct), route("10.0.0.0/8", Direct)}}}}},
		{"has 2 parts", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router}, {Name: "S", Kind: Switch, Parts: []string{"a", "b"}}}, Links: []LinkConfig{link("", "A", "S")}}},
		{"no part", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router}, {Name: "S", Kind: Switch}}, Links: []LinkConfig{link("", "A", "S/x")}}},
		{`nodes[0].standby: unknown part "c" of node "H"`, Topology{Nodes: []NodeConfig{{Name: "H", Kind: Host, Addr: addr("10.0.0.1"), Parts: []string{"a", "b"}, Active: "a", Standby: "c"}}}},
		{"internal links", Topology{Nodes: []NodeConfig{{Name: "H", Kind: Host, Addr: addr("10.0.0.1"), Parts: []string{"a", "b"}}}, Links: []LinkConfig{link("", "H/a", "H/b")}}},
		{"already used", Topology{Nodes: []NodeConfig{{Name: "A", Kind: Router}, {Name: "S", Kind: Switch}}, Links: []LinkConfig{link("A", "A", "S")}}},
	} {
		_, err := New(env, c.t)
		require.ErrorContains(t, err, c.want)
	}
	k, err := ParseKind("router")
	require.NoError(t, err)
	require.Equal(t, Router, k)
	_, err = ParseKind("l3-switch")
	require.Error(t, err, "a file's kinds are switch, router and host")
	_, err = ParseKind("hub")
	require.Error(t, err)
}
