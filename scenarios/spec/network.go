package spec

import (
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/network"
)

// The network: block is declared by models/network (Topology, NodeConfig,
// Entry, LinkConfig, Endpoint: their keys, defaults, limits and rules) and
// decoded by the generic decoder; these names keep the spec's vocabulary.
type (
	// Network is the topology that requests cross: nodes made of parts,
	// links between parts, route tables.
	Network = network.Topology
	// Node is one switch, router or host of the network.
	Node = network.NodeConfig
	// NodeKind is what a node does with the requests that reach it.
	NodeKind = network.Kind
	// RouteEntry is one route: requests to an address in Prefix go to
	// NextHop.
	RouteEntry = network.Entry
	// Link joins two parts (of one node or of two).
	Link = network.LinkConfig
	// Endpoint is one end of a link: a part of a node.
	Endpoint = network.Endpoint
)

// The kinds of node.
const (
	// SwitchNode forwards at L2 and holds no route table.
	SwitchNode = network.Switch
	// RouterNode (also an L3 switch) forwards by its route table.
	RouterNode = network.Router
	// HostNode owns an address, sends requests and never forwards.
	HostNode = network.Host
)

// DefaultPart is the only part of a node whose file gives no parts.
const DefaultPart = "main"

// DirectHop is the RouteEntry.NextHop of a route that delivers to the node
// owning the address (a connected subnet): the word "direct" in the file.
const DirectHop = network.Direct

// network decodes the network block and checks the references within it.
func (d *decoder) network(n *yaml.Node, path string) *Network {
	nw := &Network{}
	found := d.declaredStruct(n, path, reflect.ValueOf(nw).Elem(), nil)
	if found == nil {
		return nw
	}
	if nodes := found["nodes"]; nodes != nil && nodes.Kind == yaml.SequenceNode {
		for i, seg := range itemSegments(nodes) {
			if i < len(nw.Nodes) && d.isBad(joinPath(joinPath(joinPath(path, "nodes"), seg), "parts")) {
				nw.Nodes[i].Parts = nil // unknown: references to parts are not checked
			}
		}
	}
	d.networkRefs(nw, found, path)
	return nw
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

// networkRefs checks the link ends of the network block (node/part, and
// the part of a bare node's name filled in): more than a name, so not a
// ref. found holds the block's value nodes. The route tables' next hops
// are refs, checked with the others (refcheck.go).
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
