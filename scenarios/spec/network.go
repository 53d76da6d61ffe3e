package spec

import (
	"net/netip"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/network"
)

// Network is the topology that requests cross (the network: block): nodes
// made of parts, links between parts, route tables. It maps onto
// models/network.Topology.
type Network struct {
	// MaxHops bounds the L3 hops of a path (key max_hops), which ends
	// routing loops. Optional, 1 to 255, default DefaultMaxHops.
	MaxHops int
	// Nodes are the switches, routers and hosts, in file order. Required,
	// at least one; names are unique among nodes and differ from every
	// component name.
	Nodes []Node
	// Links join parts of nodes, in file order. Optional, default none;
	// names, where given, are unique among links.
	Links []Link
}

// DefaultMaxHops is the Network.MaxHops of a file that does not set it:
// the model's (network.DefaultMaxHops).
const DefaultMaxHops = network.DefaultMaxHops

// MaxHopsLimit is the largest Network.MaxHops.
const MaxHopsLimit = 255

// NodeKind is what a node does with the requests that reach it.
type NodeKind string

// The kinds of node.
const (
	// SwitchNode forwards at L2 and holds no route table.
	SwitchNode NodeKind = "switch"
	// RouterNode (also an L3 switch) forwards by its route table.
	RouterNode NodeKind = "router"
	// HostNode owns an address, sends requests and never forwards.
	HostNode NodeKind = "host"
)

// DefaultPart is the only part of a node whose file gives no parts.
const DefaultPart = "main"

// DirectHop is the RouteEntry.NextHop of a route that delivers to the node
// owning the address (a connected subnet): the word "direct" in the file.
const DirectHop = "direct"

// Node is one switch, router or host of the network.
type Node struct {
	// Name identifies the node: same syntax as component names, not
	// DirectHop. Required, unique among nodes, and not the name of a
	// component.
	Name string
	// Kind is switch, router or host. Required.
	Kind NodeKind
	// Parts names the node's parts (line cards, port-expansion units, a
	// host's interfaces), each with the syntax of component names.
	// Optional, unique, default [DefaultPart].
	Parts []string
	// Address is the IPv4 or IPv6 address a host owns. Required for hosts;
	// not allowed (the zero Addr here) for other kinds.
	Address netip.Addr
	// Active and Standby name two different parts of a host that form an
	// active/standby pair of interfaces. Optional, hosts only, both or
	// neither; default "" (no pair).
	Active, Standby string
	// Routes is the route table of a router or host, in file order.
	// Optional, default none; not allowed for switches.
	Routes []RouteEntry
}

// RouteEntry is one route: requests to an address in Prefix go to NextHop.
type RouteEntry struct {
	// Prefix is the destination prefix, IPv4 or IPv6, with its host bits
	// zero (key prefix). Required.
	Prefix netip.Prefix
	// NextHop is the name of a router or host node, or DirectHop (key
	// next_hop). Required.
	NextHop string
}

// Link joins two parts (of one node or of two).
type Link struct {
	// Name identifies the link in faults, actions and detectors. Optional,
	// default "" (the link cannot be named elsewhere); unique among links
	// if given, same syntax as component names.
	Name string
	// A and B are the ends, written "node/part", or "node" for a node of
	// one part. Required; never the same part.
	A, B Endpoint
	// Latency is the one-way delay of a crossing. Optional, >= 0, default
	// 0.
	Latency time.Duration
}

// Endpoint is one end of a link: a part of a node.
type Endpoint struct {
	// Node is the node's name.
	Node string
	// Part is the part's name; the node's only part when the file names
	// just the node.
	Part string
}

// String formats the endpoint as "node/part".
func (e Endpoint) String() string { return e.Node + "/" + e.Part }

// nodeKindNames lists the node kinds for messages.
var nodeKindNames = []string{string(SwitchNode), string(RouterNode), string(HostNode)}

// network decodes the network block and checks the references within it.
func (d *decoder) network(n *yaml.Node, path string) *Network {
	nw := &Network{MaxHops: DefaultMaxHops}
	found := d.fields(n, path, mapping{
		want: "a network: a mapping with nodes and optionally links and max_hops",
		what: "the network",
		fields: []field{
			d.intField("max_hops", 1, MaxHopsLimit, &nw.MaxHops),
			{key: "nodes", required: true, want: "a non-empty list of nodes",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a non-empty list of nodes", true, func(_ int, item *yaml.Node, p string) {
						nw.Nodes = append(nw.Nodes, d.node(item, p))
					})
					d.uniqueNames(n, p, "node")
				}},
			{key: "links", want: "a list of links",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a list of links", false, func(_ int, item *yaml.Node, p string) {
						nw.Links = append(nw.Links, d.link(item, p))
					})
					d.uniqueNames(n, p, "link")
				}},
		},
	})
	if found == nil {
		return nw
	}
	d.networkRefs(nw, found, path)
	return nw
}

// node decodes one node; the checks between kind and fields follow.
func (d *decoder) node(n *yaml.Node, path string) Node {
	nd := Node{Parts: []string{DefaultPart}}
	found := d.fields(n, path, mapping{
		want: "a node: a mapping with name, kind and optionally parts, address, active, standby and routes",
		what: "a node",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) {
					nd.Name = d.itemName(n, p)
					if nd.Name == DirectHop {
						d.errorf(n, p, "the node name %s is reserved for routes that deliver directly; expected another name", quote(DirectHop))
					}
				}},
			{key: "kind", required: true, want: "one of: " + strings.Join(nodeKindNames, ", "),
				decode: func(n *yaml.Node, p string) { nd.Kind = NodeKind(d.enum(n, p, nodeKindNames...)) }},
			{key: "parts", want: "a non-empty list of part names",
				decode: func(n *yaml.Node, p string) {
					nd.Parts = d.names(n, p, "part")
					if d.isBad(p) {
						nd.Parts = nil // unknown: references to parts are not checked
					}
				}},
			{key: "address", want: addrWant,
				decode: func(n *yaml.Node, p string) { nd.Address = d.addr(n, p) }},
			{key: "active", want: "the name of one of the node's parts",
				decode: func(n *yaml.Node, p string) { nd.Active = d.str(n, p, "the name of one of the node's parts") }},
			{key: "standby", want: "the name of one of the node's parts",
				decode: func(n *yaml.Node, p string) { nd.Standby = d.str(n, p, "the name of one of the node's parts") }},
			{key: "routes", want: routesWant,
				decode: func(n *yaml.Node, p string) { nd.Routes = d.routes(n, p) }},
		},
	})
	if found == nil || nd.Kind == "" {
		return nd
	}
	only := func(key string, kinds string, ok bool) {
		if v := found[key]; v != nil && !ok {
			d.errorf(v, joinPath(path, key), "%s is only allowed with kind: %s, not %s", key, kinds, nd.Kind)
		}
	}
	only("address", "host", nd.Kind == HostNode)
	only("active", "host", nd.Kind == HostNode)
	only("standby", "host", nd.Kind == HostNode)
	only("routes", "router or host", nd.Kind != SwitchNode)
	if nd.Kind != HostNode {
		nd.Address, nd.Active, nd.Standby = netip.Addr{}, "", ""
	}
	if nd.Kind == SwitchNode {
		nd.Routes = nil
	}
	if nd.Kind == HostNode && found["address"] == nil {
		d.errorf(n, joinPath(path, "address"), "missing address; a host needs %s", addrWant)
	}
	act, sb := found["active"], found["standby"]
	switch {
	case nd.Kind != HostNode:
	case act != nil && sb == nil:
		d.errorf(n, joinPath(path, "standby"), "missing standby; active and standby form a pair, set both or neither")
	case act == nil && sb != nil:
		d.errorf(n, joinPath(path, "active"), "missing active; active and standby form a pair, set both or neither")
	case act != nil:
		partsOK := !d.isBad(joinPath(path, "parts"))
		for _, e := range []struct {
			key, name string
			v         *yaml.Node
		}{{"active", nd.Active, act}, {"standby", nd.Standby, sb}} {
			if p := joinPath(path, e.key); partsOK && e.name != "" && !contains(nd.Parts, e.name) {
				d.errorf(e.v, p, "unknown part %s of node %s; expected one of its parts: %s", quote(e.name), quote(nd.Name), nameList(nd.Parts))
			}
		}
		if nd.Active != "" && nd.Active == nd.Standby {
			d.errorf(sb, joinPath(path, "standby"), "expected standby to differ from active (%s)", quote(nd.Active))
		}
	}
	return nd
}

// partSets returns the set of part names of each node (the first node of
// each name).
func partSets(nodes []Node) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(nodes))
	for _, nd := range nodes {
		if _, dup := out[nd.Name]; dup {
			continue
		}
		set := make(map[string]bool, len(nd.Parts))
		for _, p := range nd.Parts {
			set[p] = true
		}
		out[nd.Name] = set
	}
	return out
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// names decodes a non-empty list of unique item names (what names them in
// messages).
func (d *decoder) names(n *yaml.Node, path, what string) []string {
	var out []string
	first := map[string]int{}
	d.list(n, path, "a non-empty list of "+what+" names", true, func(i int, item *yaml.Node, p string) {
		s := d.itemName(item, p)
		if s == "" || d.isBad(p) {
			return
		}
		if line, dup := first[s]; dup {
			d.errorf(item, p, "duplicate %s name %s; the first is at line %d", what, quote(s), line)
			return
		}
		first[s] = item.Line
		out = append(out, s)
	})
	return out
}

// routesWant describes a route table.
const routesWant = "a list of routes, like [{prefix: 10.0.0.0/8, next_hop: core}]"

// routes decodes a route table.
func (d *decoder) routes(n *yaml.Node, path string) []RouteEntry {
	const (
		prefixWant = "a masked IPv4 or IPv6 prefix, like 10.1.0.0/16"
		hopWant    = "the name of a router or host node, or direct"
	)
	out := []RouteEntry{}
	d.list(n, path, routesWant, false, func(_ int, item *yaml.Node, p string) {
		var e RouteEntry
		d.fields(item, p, mapping{
			want: "a route: a mapping like {prefix: 10.0.0.0/8, next_hop: core}",
			what: "a route",
			fields: []field{
				{key: "prefix", required: true, want: prefixWant, decode: func(n *yaml.Node, p string) {
					s := d.str(n, p, prefixWant)
					if d.isBad(p) {
						return
					}
					pf, err := netip.ParsePrefix(s)
					switch {
					case err != nil:
						d.errorf(n, p, "expected %s, got %s", prefixWant, quote(s))
					case pf.Masked() != pf:
						d.errorf(n, p, "expected %s, got %s, whose host bits are set (did you mean %s?)", prefixWant, quote(s), pf.Masked())
					default:
						e.Prefix = pf
					}
				}},
				{key: "next_hop", required: true, want: hopWant,
					decode: func(n *yaml.Node, p string) { e.NextHop = d.str(n, p, hopWant) }},
			},
		})
		out = append(out, e)
	})
	return out
}

// link decodes one link.
func (d *decoder) link(n *yaml.Node, path string) Link {
	const endWant = "a node/part, like sw-e/l2, or a node of one part"
	var l Link
	end := func(dst *Endpoint) func(n *yaml.Node, p string) {
		return func(n *yaml.Node, p string) {
			s := d.str(n, p, endWant)
			if d.isBad(p) {
				return
			}
			node, part, hasPart := strings.Cut(s, "/")
			if !validItemName(node) || (hasPart && !validItemName(part)) {
				d.errorf(n, p, "expected %s, got %s", endWant, quote(s))
				return
			}
			*dst = Endpoint{Node: node, Part: part}
		}
	}
	d.fields(n, path, mapping{
		want: "a link: a mapping with a, b and optionally name and latency",
		what: "a link",
		fields: []field{
			{key: "name", want: itemNameWant,
				decode: func(n *yaml.Node, p string) { l.Name = d.itemName(n, p) }},
			{key: "a", required: true, want: endWant, decode: end(&l.A)},
			{key: "b", required: true, want: endWant, decode: end(&l.B)},
			d.durationField("latency", false, &l.Latency),
		},
	})
	return l
}

// networkRefs checks the references inside the network block: route next
// hops and link ends. found holds the block's value nodes.
func (d *decoder) networkRefs(nw *Network, found map[string]*yaml.Node, path string) {
	nodesPath := joinPath(path, "nodes")
	nodesNode := found["nodes"]
	if nodesNode == nil || d.isBad(nodesPath) || nodesNode.Kind != yaml.SequenceNode {
		return
	}
	byName := map[string]*Node{}
	var list []string
	for i := range nw.Nodes {
		nd := &nw.Nodes[i]
		if nd.Name == "" {
			return // names unknown: references cannot be checked
		}
		if byName[nd.Name] == nil {
			byName[nd.Name] = nd
			list = append(list, nd.Name)
		}
	}
	parts := partSets(nw.Nodes)
	segs := itemSegments(nodesNode)
	for i := range nw.Nodes {
		if i >= len(segs) {
			break
		}
		nd, np := &nw.Nodes[i], joinPath(nodesPath, segs[i])
		rn := lookup(nodesNode.Content[i], "routes")
		if rn == nil || rn.Kind != yaml.SequenceNode || nd.Kind == SwitchNode {
			continue
		}
		d.routeHops(byName, list, rn, joinPath(np, "routes"), nd.Routes)
	}
	linksNode := found["links"]
	if linksNode == nil || linksNode.Kind != yaml.SequenceNode {
		return
	}
	lsegs := itemSegments(linksNode)
	for i := range nw.Links {
		if i >= len(lsegs) {
			break
		}
		l, lp, ln := &nw.Links[i], joinPath(joinPath(path, "links"), lsegs[i]), linksNode.Content[i]
		d.endpointRef(byName, parts, list, ln, lp, "a", &l.A)
		d.endpointRef(byName, parts, list, ln, lp, "b", &l.B)
		pa, pb := joinPath(lp, "a"), joinPath(lp, "b")
		if l.A.Part != "" && l.B.Part != "" && !d.isBad(pa) && !d.isBad(pb) && l.A == l.B {
			d.errorf(lookup(ln, "b"), pb, "expected b to differ from a (%s); a link joins two different parts", quote(l.A.String()))
		}
	}
}

// routeHops checks the next hops of the route table at path (list node
// rn) against the nodes byName (names in list order).
func (d *decoder) routeHops(byName map[string]*Node, list []string, rn *yaml.Node, path string, routes []RouteEntry) {
	segs := itemSegments(rn)
	for j, e := range routes {
		if j >= len(segs) {
			break
		}
		p := joinPath(joinPath(path, segs[j]), "next_hop")
		v := lookup(rn.Content[j], "next_hop")
		if v == nil || e.NextHop == "" || e.NextHop == DirectHop || d.isBad(p) {
			continue
		}
		switch hop := byName[e.NextHop]; {
		case hop == nil:
			d.errorf(v, p, "unknown node %s; expected direct or one of the nodes: %s", quote(e.NextHop), nameList(list))
		case hop.Kind == SwitchNode:
			d.errorf(v, p, "expected a router or host node, or direct; got %s, a switch", quote(e.NextHop))
		}
	}
}

// endpointRef checks the link end key of link n at path, decoded into e,
// and fills in the part of a bare node name. parts are the part names of
// each node.
func (d *decoder) endpointRef(byName map[string]*Node, parts map[string]map[string]bool, list []string, n *yaml.Node, path, key string, e *Endpoint) {
	p := joinPath(path, key)
	v := lookup(n, key)
	if v == nil || e.Node == "" || d.isBad(p) {
		return
	}
	nd := byName[e.Node]
	switch {
	case nd == nil:
		d.errorf(v, p, "unknown node %s; expected one of the nodes: %s", quote(e.Node), nameList(list))
	case len(nd.Parts) == 0:
	case e.Part == "" && len(nd.Parts) > 1:
		d.errorf(v, p, "node %s has %d parts; expected node/part with one of: %s", quote(e.Node), len(nd.Parts), nameList(nd.Parts))
	case e.Part == "":
		e.Part = nd.Parts[0]
	case !parts[e.Node][e.Part]:
		d.errorf(v, p, "unknown part %s of node %s; expected one of its parts: %s", quote(e.Part), quote(e.Node), nameList(nd.Parts))
	}
}

// Node returns the node of s's network named name, or nil if there is
// none.
func (s *Spec) Node(name string) *Node {
	if s.Network == nil {
		return nil
	}
	for i := range s.Network.Nodes {
		if s.Network.Nodes[i].Name == name {
			return &s.Network.Nodes[i]
		}
	}
	return nil
}
