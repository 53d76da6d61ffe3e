package network

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// NodeConfig describes a node.
//
// A scenario file's node is a host when it has an address: its Addr,
// Active and Standby are for hosts only there, though Go code may give a
// router an address or a pair.
type NodeConfig struct {
	// Name identifies the node; it must not contain "/".
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the node in links, routes, routes' components, faults and detectors; not the name of a component, and not direct"`
	// Kind is switch, router or host.
	Kind Kind `knob:"kind" required:"true" others:"named" doc:"what the node does with the requests that reach it: a switch forwards at L2 and holds no route table; a router (an L3 switch too) forwards by its route table; a host owns an address, sends requests and never forwards"`
	// Parts names the node's parts; default one part, "main". Names must
	// be unique and must not contain "/".
	Parts []string `knob:"parts" name:"true" nonempty:"true" unique:"part" default:"main" want:"a non-empty list of part names" doc:"the node's parts (line cards, port-expansion units, a host's interfaces), which links join and faults break"`
	// Addr is the address a router or host owns (the zero Addr: none).
	// Requests to it end at this node.
	Addr netip.Addr `knob:"address" kinds:"host" want:"an IPv4 or IPv6 address, like 10.1.0.10" doc:"the IPv4 or IPv6 address the host owns; required for hosts"`
	// Routes is the route table of a router or host; switches have none.
	Routes []Entry `knob:"routes" kinds:"router,host" want:"a list of routes, like [{prefix: 10.0.0.0/8, next_hop: core}]" doc:"the route table, in order: requests go by the longest prefix that holds their address"`
	// Active and Standby, both set or both empty, make two parts of a
	// host or router an active/standby pair of interfaces: only the active
	// part carries traffic until Failover. Without a pair every part may.
	Active string `knob:"active" kinds:"host" want:"the name of one of the node's parts" doc:"with standby, two parts that form an active/standby pair of interfaces: only the active one carries traffic until a failover"`
	// Standby is the other part of the pair.
	Standby string `knob:"standby" kinds:"host" want:"the name of one of the node's parts" doc:"the standby part of the pair; set both or neither"`
}

// Describe names a node in messages.
func (NodeConfig) Describe() (noun, example string) { return "a node", "" }

// Check checks the rules between a file's node fields: a host has an
// address; active and standby are set together, are parts of the node and
// differ; direct is not a node's name.
func (nd NodeConfig) Check(written func(key string) bool) error {
	const addrWant = "an IPv4 or IPv6 address, like 10.1.0.10"
	switch {
	case nd.Name == Direct:
		return knob.Errorf("name", "the node name %q is reserved for routes that deliver directly; expected another name", Direct)
	case nd.Kind == Host && !written("address") && !nd.Addr.IsValid():
		return knob.Errorf("address", "missing address; a host needs %s", addrWant)
	case nd.Active != "" && nd.Standby == "":
		return knob.Errorf("standby", "missing standby; active and standby form a pair, set both or neither")
	case nd.Active == "" && nd.Standby != "":
		return knob.Errorf("active", "missing active; active and standby form a pair, set both or neither")
	}
	if nd.Active == "" {
		return nil
	}
	var errs []error
	for _, e := range []struct{ key, part string }{{"active", nd.Active}, {"standby", nd.Standby}} {
		if !slices.Contains(nd.Parts, e.part) {
			errs = append(errs, knob.Errorf(e.key, "unknown part %q of node %q; expected one of its parts: %s", e.part, nd.Name, strings.Join(nd.Parts, ", ")))
		}
	}
	if nd.Active == nd.Standby {
		errs = append(errs, knob.Errorf("standby", "expected standby to differ from active (%q)", nd.Active))
	}
	return errors.Join(errs...)
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
