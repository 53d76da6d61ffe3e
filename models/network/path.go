package network

import (
	"fmt"
	"net/netip"

	"github.com/cascade-sim/cascade/sim"
)

// Reason says why requests are dropped.
type Reason uint8

const (
	// Forwarded means not dropped.
	Forwarded Reason = iota
	// NoRoute: the node's route table has no entry for the address (or a
	// host was asked to forward).
	NoRoute
	// HopLimit: the request needed more L3 hops than the limit, which is
	// what a routing loop looks like.
	HopLimit
	// Unreachable: no physically-up L2 path leads to the next hop, or a
	// Direct route points at an address no node owns.
	Unreachable
	// LinkDrop: a link drops everything (or the share a request drew).
	LinkDrop
	// PartFailure: a part failed silently, or loudly after the request
	// was routed through it.
	PartFailure
)

// String names the reason.
func (r Reason) String() string {
	switch r {
	case Forwarded:
		return "forwarded"
	case NoRoute:
		return "no-route"
	case HopLimit:
		return "hop-limit"
	case Unreachable:
		return "unreachable"
	case LinkDrop:
		return "link-drop"
	case PartFailure:
		return "part-failure"
	}
	return "unknown"
}

// Drop says where and why a path loses every request.
type Drop struct {
	// Element is the node, part ("node/part") or link that drops.
	Element string
	// Reason is why.
	Reason Reason
}

// Path is the way from a node to an address as the network's state gives
// it: the elements crossed as the control plane resolved them, and where,
// if anywhere, the data plane loses every request. A Path is shared by the
// cache and must not be modified.
type Path struct {
	// From is the origin node.
	From string
	// To is the destination address.
	To netip.Addr
	// Dest is the node that owns To, if the resolution reached it.
	Dest string
	// Nodes are the nodes visited, in order, the origin first.
	Nodes []string
	// Elements are the parts ("node/part") and links crossed, in order, as
	// far as the resolution went.
	Elements []string
	// Delay is the one-way delay: the sum of the links' latencies.
	Delay sim.Time
	// Drop is where every request is lost; Drop.Reason is Forwarded if
	// requests get through (links that drop a share may still lose some).
	Drop Drop

	version uint64
	elems   []int32 // element ids of Elements
	lossy   []int32 // links that drop a share, in path order
	dropAt  int32   // element id of Drop.Element, -1 if forwarded
}

// Forwards reports whether requests get through the path (apart from
// links that drop a share).
func (p *Path) Forwards() bool { return p.Drop.Reason == Forwarded }

// pathKey identifies a cached path.
type pathKey struct {
	from *Node
	to   netip.Addr
}

// Path returns the path from the node named from to address to, from the
// cache or resolved now. A path that drops is not an error: see its Drop.
// The error is for an unknown node or an invalid address.
func (n *Network) Path(from string, to netip.Addr) (*Path, error) {
	nd := n.byName[from]
	if nd == nil {
		return nil, fmt.Errorf("network: no node %q", from)
	}
	if err := checkOrigin(nd, to); err != nil {
		return nil, err
	}
	return n.path(nd, to.Unmap()), nil
}

func checkOrigin(nd *Node, to netip.Addr) error {
	if !nd.routes() {
		return fmt.Errorf("network: paths start at a router or host; %q is a switch", nd.name)
	}
	if !to.IsValid() {
		return fmt.Errorf("network: invalid destination address")
	}
	return nil
}

// path returns the cached path or resolves it.
func (n *Network) path(from *Node, to netip.Addr) *Path {
	k := pathKey{from, to}
	if p, ok := n.paths[k]; ok {
		return p
	}
	p := n.resolve(from, to)
	n.paths[k] = p
	return p
}

// resolve computes a path: L3 hops by longest prefix match, L2 segments
// between them by a shortest physically-up path through switches; then it
// finds the first element of the data plane that drops everything.
func (n *Network) resolve(from *Node, to netip.Addr) *Path {
	n.resolved++
	p := &Path{From: from.name, To: to, version: n.version, dropAt: -1}
	var stop Drop // why the resolution stopped short, if it did
	var stopAt int32 = -1
	cur := from
	var in *Part // the part the request entered cur by; nil at the origin
	p.Nodes = append(p.Nodes, cur.name)
	for hops := 0; ; hops++ {
		if cur.addr == to {
			p.Dest = cur.name
			break
		}
		if cur.kind == Host && hops > 0 { // hosts do not forward
			stop, stopAt = Drop{cur.name, NoRoute}, cur.elem
			break
		}
		if hops == n.maxHops {
			stop, stopAt = Drop{cur.name, HopLimit}, cur.elem
			break
		}
		next, ok := cur.table.lookup(to)
		if !ok {
			stop, stopAt = Drop{cur.name, NoRoute}, cur.elem
			break
		}
		if next == nil { // Direct
			next = n.owner[to]
			if next == nil {
				stop, stopAt = Drop{cur.name, Unreachable}, cur.elem
				break
			}
		}
		if next == cur {
			continue // a route to itself: loops until the hop limit
		}
		parts, links := n.l2(cur, next)
		if parts == nil {
			stop, stopAt = Drop{cur.name, Unreachable}, cur.elem
			break
		}
		if parts[0] != in {
			p.add(parts[0].elem, n)
		}
		for i, l := range links {
			p.add(l.elem, n)
			p.add(parts[i+1].elem, n)
			if nd := parts[i+1].node; nd != parts[i].node {
				p.Nodes = append(p.Nodes, nd.name)
			}
		}
		cur, in = next, parts[len(parts)-1]
	}
	// The data plane: the first element that drops everything.
	for _, e := range p.elems {
		if n.dropsAll(e) {
			reason := LinkDrop
			if n.elems[e].part != nil {
				reason = PartFailure
			}
			p.Drop, p.dropAt = Drop{n.elems[e].name, reason}, e
			return p
		}
		if l := n.elems[e].link; l != nil && l.lossy() {
			p.lossy = append(p.lossy, e)
		}
	}
	if stopAt >= 0 {
		p.Drop, p.dropAt = stop, stopAt
	}
	return p
}

// add appends element e to the path.
func (p *Path) add(e int32, n *Network) {
	p.elems = append(p.elems, e)
	p.Elements = append(p.Elements, n.elems[e].name)
	if l := n.elems[e].link; l != nil {
		p.Delay += l.Latency()
	}
}

// bfsScratch is reused by the L2 search.
type bfsScratch struct {
	via   map[*Part]*Link // how a part was reached; nil for a start part
	queue []*Part
}

// l2 finds the shortest physically-up path from a usable part of from to a
// usable part of to, through switch parts only. It returns the parts
// (from's first, to's last) and the links between them, or nil.
func (n *Network) l2(from, to *Node) ([]*Part, []*Link) {
	s := &n.scratch
	if s.via == nil {
		s.via = map[*Part]*Link{}
	}
	clear(s.via)
	s.queue = s.queue[:0]
	for _, p := range from.parts {
		if from.usable(p) {
			s.via[p] = nil
			s.queue = append(s.queue, p)
		}
	}
	for i := 0; i < len(s.queue); i++ {
		u := s.queue[i]
		for _, l := range u.links {
			if !l.PhysicalUp() {
				continue
			}
			v := l.other(u)
			if _, seen := s.via[v]; seen {
				continue
			}
			switch {
			case v.node == to && to.usable(v):
				s.via[v] = l
				return s.trace(v)
			case v.node.kind == Switch:
				s.via[v] = l
				s.queue = append(s.queue, v)
			}
		}
	}
	return nil, nil
}

// trace walks back from the goal part to a start part.
func (s *bfsScratch) trace(goal *Part) ([]*Part, []*Link) {
	parts := []*Part{goal}
	var links []*Link
	for p := goal; s.via[p] != nil; {
		l := s.via[p]
		p = l.other(p)
		links = append(links, l)
		parts = append(parts, p)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	for i, j := 0, len(links)-1; i < j; i, j = i+1, j-1 {
		links[i], links[j] = links[j], links[i]
	}
	return parts, links
}

// brokenAt returns the first element of p that now drops everything, or
// -1: the check for a request or answer in transit when the network
// changed.
func (n *Network) brokenAt(p *Path) int32 {
	for _, e := range p.elems {
		if n.dropsAll(e) {
			return e
		}
	}
	return -1
}

func (n *Network) dropsAll(e int32) bool {
	el := &n.elems[e]
	if el.part != nil {
		return el.part.state != Working
	}
	if el.link != nil {
		return el.link.dropsAll()
	}
	return false
}

// cross draws the losses of one crossing of p, forward or back, and returns
// the element that lost it (or -1) and the crossing's delay. While p is
// current its lossy links and delay are known; after a change every
// element is checked against the network's present state.
func (n *Network) cross(p *Path, rng *sim.Rand, back bool) (int32, sim.Time) {
	if p.version == n.version {
		for i := range p.lossy {
			e := p.lossy[i]
			if back {
				e = p.lossy[len(p.lossy)-1-i]
			}
			if rng.Float64() < n.elems[e].link.fwd.Drop {
				return e, 0
			}
		}
		return -1, p.Delay
	}
	var delay sim.Time
	for i := range p.elems {
		e := p.elems[i]
		if back {
			e = p.elems[len(p.elems)-1-i]
		}
		if n.dropsAll(e) {
			return e, 0
		}
		if l := n.elems[e].link; l != nil {
			if l.lossy() && rng.Float64() < l.fwd.Drop {
				return e, 0
			}
			delay += l.Latency()
		}
	}
	return -1, delay
}
