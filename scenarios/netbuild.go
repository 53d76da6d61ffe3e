package scenarios

import (
	"github.com/cascade-sim/cascade/models/network"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// buildNetwork creates the scenario's network, if it has one.
func (b *builder) buildNetwork() error {
	n := b.s.Network
	if n == nil {
		return nil
	}
	topo := network.Topology{MaxHops: n.MaxHops}
	for _, nd := range n.Nodes {
		kind, err := network.ParseKind(string(nd.Kind))
		if err != nil {
			return b.s.Errorf("network.nodes."+nd.Name+".kind", "%v", err)
		}
		topo.Nodes = append(topo.Nodes, network.NodeConfig{
			Name:    nd.Name,
			Kind:    kind,
			Parts:   nd.Parts,
			Addr:    nd.Address,
			Routes:  routeEntries(nd.Routes),
			Active:  nd.Active,
			Standby: nd.Standby,
		})
	}
	for _, l := range n.Links {
		topo.Links = append(topo.Links, network.LinkConfig{
			Name:    l.Name,
			A:       network.Endpoint{Node: l.A.Node, Part: l.A.Part},
			B:       network.Endpoint{Node: l.B.Node, Part: l.B.Part},
			Latency: l.Latency,
		})
	}
	net, err := network.New(b.m.env, topo)
	if err != nil {
		return b.s.Errorf("network", "%v", err)
	}
	b.m.net = net
	return nil
}

// routeEntries converts decoded routes ("direct" next hops included).
func routeEntries(rs []spec.RouteEntry) []network.Entry {
	out := make([]network.Entry, 0, len(rs))
	for _, r := range rs {
		hop := r.NextHop
		if hop == spec.DirectHop {
			hop = network.Direct
		}
		out = append(out, network.Entry{Prefix: r.Prefix, NextHop: hop})
	}
	return out
}
