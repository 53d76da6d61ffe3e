package network

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// DefaultMaxHops is the hop limit when the topology sets none (the
// common initial IP TTL), scenario files' default too.
const DefaultMaxHops = 64

// Endpoint names one end of a link: a part of a node.
// A file writes it "node/part", or "node" for a node of one part.
type Endpoint struct {
	// Node is the node's name.
	Node string
	// Part is the part's name; "" means the node's only part (an error if
	// it has several).
	Part string
}

// String formats the endpoint as "node/part", or "node" without a part.
func (e Endpoint) String() string {
	if e.Part == "" {
		return e.Node
	}
	return e.Node + "/" + e.Part
}

// UnmarshalText parses "node/part" or "node", each a valid name.
func (e *Endpoint) UnmarshalText(text []byte) error {
	node, part, hasPart := strings.Cut(string(text), "/")
	if !knob.ValidName(node) || (hasPart && !knob.ValidName(part)) {
		return fmt.Errorf("endpoint %q: expected node/part or node, each a name", text)
	}
	*e = Endpoint{Node: node, Part: part}
	return nil
}

// LinkConfig describes a link.
type LinkConfig struct {
	// Name identifies the link; default "a/part--b/part" (parallel links
	// between the same parts need names).
	Name string `knob:"name" name:"true" doc:"identifies the link in faults, actions and detectors; without one, the link cannot be named elsewhere"`
	// A is one end; both may be parts of one node (an internal link),
	// never the same part.
	A Endpoint `knob:"a" required:"true" want:"a node/part, like sw-e/l2, or a node of one part" doc:"one end: node/part, or the node of a node of one part"`
	// B is the other end.
	B Endpoint `knob:"b" required:"true" want:"a node/part, like sw-e/l2, or a node of one part" doc:"the other end, never the same part as a"`
	// Latency is the one-way delay of a crossing; default 0.
	Latency sim.Time `knob:"latency" min:"0s" doc:"the one-way delay of a crossing"`
}

// Describe names a link in messages.
func (LinkConfig) Describe() (noun, example string) { return "a link", "" }

// Topology describes a network.
type Topology struct {
	// MaxHops bounds the number of L3 hops of a path (the TTL): a request
	// that needs more is dropped, which ends routing loops. 0 in Go code
	// means the default, 64.
	MaxHops int `knob:"max_hops" default:"64" min:"1" max:"255" unit:"hops" doc:"the most L3 hops of a path (the TTL): a request that needs more is dropped, which ends routing loops"`
	// Nodes are the switches, routers and hosts.
	Nodes []NodeConfig `knob:"nodes" required:"true" nonempty:"true" want:"a non-empty list of nodes" doc:"the switches, routers and hosts; names differ from every component's"`
	// Links join their parts.
	Links []LinkConfig `knob:"links" want:"a list of links" doc:"the links that join the nodes' parts"`
}

// Describe names the network in messages.
func (Topology) Describe() (noun, example string) { return "the network", "" }

// Network is a topology with its state: physical and forwarding states,
// part failures, route tables, active interfaces. It resolves paths and
// caches them until its state changes; Routes carry requests over them.
//
// Each element that drops requests (node, part or link) counts them; the
// first drop at an element creates its series "dropped_per_s" (component =
// the element's name).
type Network struct {
	env     *models.Env
	maxHops int
	nodes   []*Node
	links   []*Link
	byName  map[string]*Node
	byLink  map[string]*Link
	owner   map[netip.Addr]*Node
	elems   []element
	byElem  map[string]int32

	version  uint64
	resolved uint64
	paths    map[pathKey]*Path
	scratch  bfsScratch
	watchers []func(now sim.Time, element string)
}

// element is anything that can drop requests: a node, a part or a link.
type element struct {
	name   string
	part   *Part
	link   *Link
	drops  uint64
	series *sim.Counter
}

// New builds a network from a topology, checking every name and reference.
func New(env *models.Env, t Topology) (*Network, error) {
	if t.MaxHops == 0 {
		t.MaxHops = DefaultMaxHops
	}
	if err := knob.Validate(t); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	n := &Network{
		env:     env,
		maxHops: t.MaxHops,
		byName:  map[string]*Node{},
		byLink:  map[string]*Link{},
		owner:   map[netip.Addr]*Node{},
		byElem:  map[string]int32{},
		paths:   map[pathKey]*Path{},
	}
	for _, c := range t.Nodes {
		if err := n.addNode(c); err != nil {
			return nil, fmt.Errorf("network: node %q: %w", c.Name, err)
		}
	}
	// Route tables name other nodes: build them once every node exists.
	for i, c := range t.Nodes {
		nd := n.nodes[i]
		if len(c.Routes) > 0 && !nd.routes() {
			return nil, fmt.Errorf("network: node %q: a switch has no route table", c.Name)
		}
		tb, err := n.newTable(c.Routes)
		if err != nil {
			return nil, fmt.Errorf("network: node %q: %w", c.Name, err)
		}
		nd.table = tb
	}
	for _, c := range t.Links {
		if err := n.addLink(c); err != nil {
			name := c.Name
			if name == "" {
				name = c.A.Node + "--" + c.B.Node
			}
			return nil, fmt.Errorf("network: link %q: %w", name, err)
		}
	}
	return n, nil
}

func (n *Network) addNode(c NodeConfig) error {
	switch {
	case c.Name == "" || strings.Contains(c.Name, "/"):
		return fmt.Errorf("a name is needed, without \"/\"")
	case n.byName[c.Name] != nil:
		return fmt.Errorf("name used twice")
	case c.Kind > Host:
		return fmt.Errorf("unknown kind %d", c.Kind)
	case c.Addr.IsValid() && c.Kind == Switch:
		return fmt.Errorf("a switch owns no address")
	}
	nd := &Node{net: n, name: c.Name, kind: c.Kind, addr: c.Addr.Unmap(), active: -1, standby: -1}
	if err := n.addElem(nd.name, nil, nil, &nd.elem); err != nil {
		return err
	}
	parts := c.Parts
	if len(parts) == 0 {
		parts = []string{"main"}
	}
	for i, name := range parts {
		if name == "" || strings.Contains(name, "/") {
			return fmt.Errorf("part %d: a name is needed, without \"/\"", i)
		}
		if nd.Part(name) != nil {
			return fmt.Errorf("part %q named twice", name)
		}
		p := &Part{node: nd, name: name, idx: i}
		if err := n.addElem(p.Name(), p, nil, &p.elem); err != nil {
			return err
		}
		nd.parts = append(nd.parts, p)
	}
	if c.Active != "" || c.Standby != "" {
		a, s := nd.Part(c.Active), nd.Part(c.Standby)
		switch {
		case c.Kind == Switch:
			return fmt.Errorf("a switch has no active/standby pair")
		case a == nil || s == nil || a == s:
			return fmt.Errorf("active %q and standby %q must be two of its parts", c.Active, c.Standby)
		}
		nd.active, nd.standby = a.idx, s.idx
	}
	if nd.addr.IsValid() {
		if o := n.owner[nd.addr]; o != nil {
			return fmt.Errorf("address %v is already owned by %q", nd.addr, o.name)
		}
		n.owner[nd.addr] = nd
	}
	n.nodes = append(n.nodes, nd)
	n.byName[nd.name] = nd
	return nil
}

func (n *Network) endpoint(e Endpoint) (*Part, error) {
	nd := n.byName[e.Node]
	if nd == nil {
		return nil, fmt.Errorf("no node %q", e.Node)
	}
	if e.Part == "" {
		if len(nd.parts) > 1 {
			return nil, fmt.Errorf("node %q has %d parts: name one", e.Node, len(nd.parts))
		}
		return nd.parts[0], nil
	}
	p := nd.Part(e.Part)
	if p == nil {
		return nil, fmt.Errorf("node %q has no part %q", e.Node, e.Part)
	}
	return p, nil
}

func (n *Network) addLink(c LinkConfig) error {
	a, err := n.endpoint(c.A)
	if err != nil {
		return err
	}
	b, err := n.endpoint(c.B)
	if err != nil {
		return err
	}
	switch {
	case a == b:
		return fmt.Errorf("both ends are %s", a.Name())
	case c.Latency < 0:
		return fmt.Errorf("latency must not be negative, got %v", c.Latency)
	case a.node == b.node && a.node.kind != Switch:
		return fmt.Errorf("internal links join the parts of a switch; %q is a %s", a.node.name, a.node.kind)
	}
	name := c.Name
	if name == "" {
		name = a.Name() + "--" + b.Name()
	}
	if n.byLink[name] != nil {
		return fmt.Errorf("name used twice")
	}
	l := &Link{net: n, name: name, a: a, b: b, latency: c.Latency, up: true}
	if err := n.addElem(name, nil, l, &l.elem); err != nil {
		return err
	}
	a.links = append(a.links, l)
	b.links = append(b.links, l)
	n.links = append(n.links, l)
	n.byLink[name] = l
	return nil
}

// addElem registers an element name, unique across nodes, parts and links.
func (n *Network) addElem(name string, p *Part, l *Link, id *int32) error {
	if _, dup := n.byElem[name]; dup {
		return fmt.Errorf("element name %q is already used by a node, part or link", name)
	}
	*id = int32(len(n.elems))
	n.byElem[name] = *id
	n.elems = append(n.elems, element{name: name, part: p, link: l})
	return nil
}

// Node returns the node with the given name, or nil.
func (n *Network) Node(name string) *Node { return n.byName[name] }

// Link returns the link with the given name, or nil.
func (n *Network) Link(name string) *Link { return n.byLink[name] }

// Version counts the network's state changes: it changes whenever a path
// may have.
func (n *Network) Version() uint64 { return n.version }

// Resolutions returns how many paths were computed so far (cache misses).
func (n *Network) Resolutions() uint64 { return n.resolved }

// Drops returns how many requests and answers the element with this name
// (a node, "node/part" or a link) has dropped.
func (n *Network) Drops(element string) uint64 {
	if id, ok := n.byElem[element]; ok {
		return n.elems[id].drops
	}
	return 0
}

// Watch calls f after every change of the network's state, with the time
// and the name of the element that changed (a link, a part "node/part", or
// a node for failovers and route tables); watchers are called in the order
// they were added. Detectors use it to react to what they can see (a
// link-down detector checks Link.PhysicalUp, or subscribes to
// Link.OnPhysicalChange). A watcher may change the network itself (a
// failover); that change is announced to every watcher at once.
func (n *Network) Watch(f func(now sim.Time, element string)) {
	n.watchers = append(n.watchers, f)
}

// changed records a state change of element at time now: it logs detail,
// makes cached paths stale and tells the watchers.
func (n *Network) changed(now sim.Time, element, detail string) {
	n.logState(now, element, detail)
	n.version++
	clear(n.paths)
	for _, f := range n.watchers {
		f(now, element)
	}
}

// logState writes a sim.EventState entry to the event log.
func (n *Network) logState(now sim.Time, component, detail string) {
	if n.env.Recorder != nil {
		n.env.Recorder.Log(now, component, sim.EventState, detail)
	}
}

// countDrop counts one request or answer dropped at element e.
func (n *Network) countDrop(now sim.Time, e int32) {
	el := &n.elems[e]
	el.drops++
	if el.series == nil {
		if n.env.Recorder == nil {
			return
		}
		el.series = n.env.Recorder.Counter(el.name, models.MetricDroppedPerS, sim.PerSecond)
	}
	el.series.Inc(now)
}
