package main

import (
	"github.com/cascade-sim/cascade/plots/topology"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// topologyGraph is the picture of a scenario's topology: the data of
// scenarios.TopologyOf in the kinds that plots/topology draws, without
// the detectors that are switched off.
func topologyGraph(s *spec.Spec) (topology.Graph, error) {
	t, err := scenarios.TopologyOf(s)
	if err != nil {
		return topology.Graph{}, err
	}
	g := topology.Graph{Title: "Topology of " + t.Name}
	for _, gr := range t.Groups {
		g.Groups = append(g.Groups, topology.Group{ID: gr.ID, Label: gr.Label, Parent: gr.Parent, Faults: gr.Faults})
	}
	off := map[string]bool{} // switched-off detectors are left out
	for _, n := range t.Nodes {
		if n.Off {
			off[n.ID] = true
			continue
		}
		g.Nodes = append(g.Nodes, topology.Node{ID: n.ID, Label: n.Name, Detail: n.Detail, Kind: nodeKind(n.Kind), Group: n.Group, Faults: n.Faults})
	}
	for _, e := range t.Edges {
		if off[e.From] || off[e.To] {
			continue
		}
		lbl := e.Label
		if e.Kind == scenarios.EdgeEnters {
			lbl = "" // the route's box says where it goes
		}
		g.Edges = append(g.Edges, topology.Edge{From: e.From, To: e.To, Kind: edgeKind(e.Kind), Label: lbl, Faults: e.Faults, Idle: e.Idle})
	}
	return g, nil
}

// nodeKind maps a topology node's kind to the picture's.
func nodeKind(k string) topology.Kind {
	switch k {
	case scenarios.TopoPopulation:
		return topology.Population
	case string(spec.ServiceKind):
		return topology.Service
	case string(spec.TokenCacheKind):
		return topology.Cache
	case string(spec.RouteKind):
		return topology.Route
	case string(spec.PlanesKind):
		return topology.Planes
	case string(spec.RouterNode):
		return topology.Router
	case string(spec.SwitchNode):
		return topology.Switch
	case string(spec.HostNode):
		return topology.Host
	case scenarios.TopoRoom:
		return topology.Room
	case scenarios.TopoUPS, scenarios.TopoGenerator:
		return topology.Power
	case scenarios.TopoDetector:
		return topology.Detector
	}
	return topology.Kind(k)
}

// edgeKind maps a topology edge's kind to the picture's.
func edgeKind(k string) topology.EdgeKind {
	switch k {
	case scenarios.EdgeReaches:
		return topology.Reaches
	case scenarios.EdgeCall, scenarios.EdgePlane:
		return topology.Call
	case scenarios.EdgeReroute:
		return topology.Reroute
	case scenarios.EdgeLink:
		return topology.Link
	case scenarios.EdgeEnters, scenarios.EdgeDelivers:
		return topology.Path
	case scenarios.EdgeFeeds, scenarios.EdgeBattery:
		return topology.Powers
	case scenarios.EdgeHosted:
		return topology.Hosted
	case scenarios.EdgeStandby:
		return topology.Standby
	case scenarios.EdgeDepends:
		return topology.Needs
	case scenarios.EdgeSpread:
		return topology.Spread
	case scenarios.EdgeWatches:
		return topology.Watches
	case scenarios.EdgeFires:
		return topology.Fires
	}
	return topology.EdgeKind(k)
}
