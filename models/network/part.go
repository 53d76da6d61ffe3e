package network

import "github.com/cascade-sim/cascade/sim"

// Failure is the state of a part.
type Failure uint8

const (
	// Working is a part that forwards what crosses it.
	Working Failure = iota
	// Silent is a gray failure: the part drops everything that crosses it
	// while the physical state of every link attached to it stays up, so
	// nothing that watches link state notices.
	Silent
	// Loud is a failure that takes every link attached to the part
	// physically down: link-down detection sees it and paths avoid it.
	Loud
)

// String names the state.
func (f Failure) String() string {
	switch f {
	case Working:
		return "working"
	case Silent:
		return "silent-failure"
	case Loud:
		return "loud-failure"
	}
	return "unknown"
}

// Part is one named part of a node: a line card, a port-expansion unit, a
// host's network interface. A part fails without the node's other parts
// noticing.
type Part struct {
	node  *Node
	name  string
	idx   int // in node.parts
	state Failure
	links []*Link // attached, in declaration order
	elem  int32
}

// Name returns the part's element name, "node/part".
func (p *Part) Name() string { return p.node.name + "/" + p.name }

// Node returns the node the part belongs to.
func (p *Part) Node() *Node { return p.node }

// State returns the part's state.
func (p *Part) State() Failure { return p.state }

// Fail makes the part fail at time now, silently or loudly (Working is a
// repair). It logs a "state" entry and invalidates cached paths; a change
// to or from Loud also tells the watchers of the part's links
// (Link.OnPhysicalChange).
func (p *Part) Fail(now sim.Time, f Failure) {
	if p.state == f {
		return
	}
	was := p.state
	p.state = f
	p.node.net.changed(now, p.Name(), f.String())
	if was == Loud || f == Loud {
		for _, l := range p.links {
			l.physicalChanged(now)
		}
	}
}

// Repair makes the part work again at time now.
func (p *Part) Repair(now sim.Time) { p.Fail(now, Working) }
