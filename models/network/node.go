package network

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/cascade-sim/cascade/sim"
)

// NodeConfig describes a node.
type NodeConfig struct {
	// Name identifies the node; it must not contain "/".
	Name string
	// Kind is switch, router or host.
	Kind Kind
	// Parts names the node's parts; default one part, "main". Names must
	// be unique and must not contain "/".
	Parts []string
	// Addr is the address a router or host owns (the zero Addr: none).
	// Requests to it end at this node.
	Addr netip.Addr
	// Routes is the route table of a router or host; switches have none.
	Routes []Entry
	// Active and Standby, both set or both empty, make two parts of a
	// host or router an active/standby pair of interfaces: only the active
	// part carries traffic until Failover. Without a pair every part may.
	Active, Standby string
}

// Node is a switch, router or host of a network.
type Node struct {
	net             *Network
	name            string
	kind            Kind
	addr            netip.Addr
	parts           []*Part
	table           table
	active, standby int // part indexes; -1 without a pair
	elem            int32
}

// Name returns the node's name.
func (nd *Node) Name() string { return nd.name }

// Kind returns the node's kind.
func (nd *Node) Kind() Kind { return nd.kind }

// Addr returns the address the node owns (the zero Addr if none).
func (nd *Node) Addr() netip.Addr { return nd.addr }

// Parts returns the names of the node's parts.
func (nd *Node) Parts() []string {
	names := make([]string, len(nd.parts))
	for i, p := range nd.parts {
		names[i] = p.name
	}
	return names
}

// Part returns the part with the given name, or nil.
func (nd *Node) Part(name string) *Part {
	for _, p := range nd.parts {
		if p.name == name {
			return p
		}
	}
	return nil
}

// Routes returns a copy of the node's route table, in configuration order.
func (nd *Node) Routes() []Entry { return slices.Clone(nd.table.entries) }

// Active returns the active part of an active/standby pair, or "" if the
// node has no pair.
func (nd *Node) Active() string {
	if nd.active < 0 {
		return ""
	}
	return nd.parts[nd.active].name
}

// Failover makes the standby part of the node's pair active, and the
// active one standby, at time now: paths to and from the node now use the
// other interface. Calling it again fails back. It logs a "state" entry and
// invalidates cached paths; a node without a pair is an error.
func (nd *Node) Failover(now sim.Time) error {
	if nd.active < 0 {
		return fmt.Errorf("node %q has no active/standby pair", nd.name)
	}
	nd.active, nd.standby = nd.standby, nd.active
	nd.net.changed(now, nd.name, "active interface "+nd.parts[nd.active].name)
	return nil
}

// usable reports whether p may carry the node's traffic.
func (nd *Node) usable(p *Part) bool { return nd.active < 0 || p.idx == nd.active }

// routes reports whether the node holds a route table.
func (nd *Node) routes() bool { return nd.kind != Switch }
