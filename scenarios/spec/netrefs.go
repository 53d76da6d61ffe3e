package spec

import (
	"go.yaml.in/yaml/v3"
)

// netRefs holds the names of the network's nodes and links, for
// references from components, faults, actions and detectors.
type netRefs struct {
	// declared is true if the file has a network block.
	declared bool
	// known is false if the node names are not all known (an error in the
	// block or the nodes list, or a node without a name).
	known bool
	// nodes maps each node name to its first node.
	nodes map[string]*Node
	// nodeList is the node names in file order, for messages.
	nodeList []string
	// parts are the part names of each node.
	parts map[string]map[string]bool
	// badKind holds the nodes whose kind did not decode.
	badKind map[string]bool
	// linksKnown is false if the link names are not all known.
	linksKnown bool
	// links maps each link name to its first link.
	links map[string]*Link
	// linkList is the link names in file order, for messages.
	linkList []string
}

// newNetRefs collects the names of s's network.
func (d *decoder) newNetRefs(s *Spec) netRefs {
	nr := netRefs{
		declared: lookup(d.root, "network") != nil,
		nodes:    map[string]*Node{},
		links:    map[string]*Link{},
	}
	if s.Network == nil {
		nr.known, nr.linksKnown = !nr.declared, !nr.declared
		return nr
	}
	nr.known = !d.isBad("network.nodes")
	nr.linksKnown = nr.known && !d.isBad("network.links")
	nr.badKind = map[string]bool{}
	var segs []string
	if nodes := lookup(lookup(d.root, "network"), "nodes"); nodes != nil && nodes.Kind == yaml.SequenceNode {
		segs = itemSegments(nodes)
	}
	for i := range s.Network.Nodes {
		nd := &s.Network.Nodes[i]
		if nd.Name == "" {
			nr.known = false
			continue
		}
		if i < len(segs) && d.isBad("network.nodes."+segs[i]+".kind") {
			nr.badKind[nd.Name] = true
		}
		if nr.nodes[nd.Name] == nil {
			nr.nodes[nd.Name] = nd
			nr.nodeList = append(nr.nodeList, nd.Name)
		}
	}
	nr.parts = partSets(s.Network.Nodes)
	for i := range s.Network.Links {
		l := &s.Network.Links[i]
		if l.Name != "" && nr.links[l.Name] == nil {
			nr.links[l.Name] = l
			nr.linkList = append(nr.linkList, l.Name)
		}
	}
	return nr
}

// unknownNode reports that the field at path (value v) names no node.
func (d *decoder) unknownNode(r *refs, v *yaml.Node, path, name string) {
	if !r.net.declared {
		d.errorf(v, path, "unknown node %s; no network is declared (add it under network:)", quote(name))
		return
	}
	d.errorf(v, path, "unknown node %s; expected one of the nodes: %s", quote(name), nameList(r.net.nodeList))
}

// nodeRef checks that the field key of mapping n at path, whose decoded
// value is name, names a node, and if ok is not nil, one for which ok
// holds (want describes those). It returns the node, or nil.
func (d *decoder) nodeRef(r *refs, n *yaml.Node, path, key, name string, ok func(*Node) bool, want string) *Node {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !r.net.known || name == "" || d.isBad(p) {
		return nil
	}
	nd := r.net.nodes[name]
	if nd == nil {
		d.unknownNode(r, v, p, name)
		return nil
	}
	if ok != nil && !r.net.badKind[name] && !ok(nd) {
		d.errorf(v, p, "expected %s, got %s, a %s", want, quote(name), nd.Kind)
		return nil
	}
	return nd
}

// nodeClashes reports nodes named like a component: faults, actions and
// detectors name both in one field.
func (d *decoder) nodeClashes(s *Spec, r *refs) {
	if s.Network == nil || !r.known {
		return
	}
	nodes, paths := subItems(lookup(d.root, "network"), "network", "nodes")
	for i, nd := range s.Network.Nodes {
		if i >= len(paths) || nd.Name == "" {
			continue
		}
		if j, clash := r.index[nd.Name]; clash && r.nodes[j] != nil {
			p := joinPath(paths[i], "name")
			d.errorf(lookup(nodes[i], "name"), p, "node name %s is also the name of the component at line %d; expected a name no component has",
				quote(nd.Name), lookup(r.nodes[j], "name").Line)
		}
	}
}

// populationClashes refuses a population named like a component: their
// series would share a name in series.csv and the plots.
func (d *decoder) populationClashes(s *Spec, r *refs) {
	if !r.known {
		return
	}
	nodes, paths := d.items("populations")
	for i, p := range s.Populations {
		if i >= len(paths) || p.Name == "" {
			continue
		}
		if j, clash := r.index[p.Name]; clash && r.nodes[j] != nil {
			d.errorf(lookup(nodes[i], "name"), joinPath(paths[i], "name"),
				"population name %s is also the name of the component at line %d; expected a name no component has (their series would mix)",
				quote(p.Name), lookup(r.nodes[j], "name").Line)
		}
	}
}
