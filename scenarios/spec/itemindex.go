package spec

import (
	"go.yaml.in/yaml/v3"
)

// components indexes a scenario's components by name, for the rules that
// go beyond a reference (reroutes, detours, scaling, call cycles, names
// shared with nodes and populations). The references themselves are
// checked from the declarations (refcheck.go).
type components struct {
	// index maps each component name to its first component's index.
	index map[string]int
	// known is false if some component has no name or the list is bad.
	known bool
	// paths and nodes are those of each component in s.Components (or
	// "" and nil).
	paths []string
	nodes []*yaml.Node
	// byPath maps a component's path to its index.
	byPath map[string]int
}

// componentsOf indexes s's components.
func (d *decoder) componentsOf(s *Spec) *components {
	cs := &components{
		index:  map[string]int{},
		known:  !d.isBad("components"),
		paths:  make([]string, len(s.Components)),
		nodes:  make([]*yaml.Node, len(s.Components)),
		byPath: map[string]int{},
	}
	nodes, paths := d.items("components")
	for i, c := range s.Components {
		if i < len(paths) {
			cs.nodes[i], cs.paths[i] = nodes[i], paths[i]
			cs.byPath[paths[i]] = i
		}
		if c.Name == "" {
			cs.known = false
			continue
		}
		if _, dup := cs.index[c.Name]; !dup {
			cs.index[c.Name] = i
		}
	}
	return cs
}

// find returns the component name names if the field at path (which
// names it) has no error and the names are known, else nil.
func (d *decoder) find(s *Spec, cs *components, path, name string) *Component {
	i, found := cs.index[name]
	if !cs.known || !found || d.isBad(path) || cs.nodes[i] == nil {
		return nil
	}
	return &s.Components[i]
}

// netNodes holds the network's nodes by name, for the rules about parts
// ("node/part") and host pairs, which are more than a name.
type netNodes struct {
	// declared is true if the file has a network block.
	declared bool
	// known is false if the node names are not all known.
	known bool
	// nodes maps each node name to its first node; list is the names in
	// file order.
	nodes map[string]*Node
	list  []string
	// parts are the part names of each node.
	parts map[string]map[string]bool
	// badKind holds the nodes whose kind did not decode.
	badKind map[string]bool
}

// netNodesOf indexes s's network nodes.
func (d *decoder) netNodesOf(s *Spec) *netNodes {
	nn := &netNodes{declared: lookup(d.root, "network") != nil, nodes: map[string]*Node{}}
	if s.Network == nil {
		nn.known = !nn.declared
		return nn
	}
	nn.known = !d.isBad("network.nodes")
	nn.badKind = map[string]bool{}
	_, paths := subItems(lookup(d.root, "network"), "network", "nodes")
	for i := range s.Network.Nodes {
		nd := &s.Network.Nodes[i]
		if nd.Name == "" {
			nn.known = false
			continue
		}
		if i < len(paths) && d.isBad(joinPath(paths[i], "kind")) {
			nn.badKind[nd.Name] = true
		}
		if nn.nodes[nd.Name] == nil {
			nn.nodes[nd.Name] = nd
			nn.list = append(nn.list, nd.Name)
		}
	}
	nn.parts = partSets(s.Network.Nodes)
	return nn
}

// subItems returns the nodes and paths of the items of the list key of
// mapping n at path, or nil if it has none.
func subItems(n *yaml.Node, path, key string) ([]*yaml.Node, []string) {
	list := lookup(n, key)
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil, nil
	}
	segs := itemSegments(list)
	for i, seg := range segs {
		segs[i] = joinPath(joinPath(path, key), seg)
	}
	return list.Content, segs
}
