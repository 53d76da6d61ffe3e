package spec

import (
	"go.yaml.in/yaml/v3"
)

// nameClashes refuses names that two lists share where one field names
// items of both: a node named like a component (faults, actions and
// detectors name both in one field), a population named like a component
// (their series would share a name in series.csv and the plots), and an
// action named like a fault (event logs name each change once).
func (d *decoder) nameClashes(s *Spec, cs *components) {
	if cs.known && s.Network != nil {
		nodes, paths := subItems(lookup(d.root, "network"), "network", "nodes")
		for i, nd := range s.Network.Nodes {
			if i >= len(paths) || nd.Name == "" {
				continue
			}
			if j, clash := cs.index[nd.Name]; clash && cs.nodes[j] != nil {
				d.errorf(lookup(nodes[i], "name"), joinPath(paths[i], "name"), "node name %s is also the name of the component at line %d; expected a name no component has",
					quote(nd.Name), lookup(cs.nodes[j], "name").Line)
			}
		}
	}
	if cs.known {
		nodes, paths := d.items("populations")
		for i, p := range s.Populations {
			if i >= len(paths) || p.Name == "" {
				continue
			}
			if j, clash := cs.index[p.Name]; clash && cs.nodes[j] != nil {
				d.errorf(lookup(nodes[i], "name"), joinPath(paths[i], "name"),
					"population name %s is also the name of the component at line %d; expected a name no component has (their series would mix)",
					quote(p.Name), lookup(cs.nodes[j], "name").Line)
			}
		}
	}
	d.uniqueAcross()
}

// uniqueAcross reports actions whose name a fault already has: faults and
// actions share one namespace, so that event logs name each change once.
func (d *decoder) uniqueAcross() {
	faults, actions := lookup(d.root, "faults"), lookup(d.root, "actions")
	if faults == nil || actions == nil || faults.Kind != yaml.SequenceNode || actions.Kind != yaml.SequenceNode {
		return
	}
	lines := map[string]int{}
	for _, item := range faults.Content {
		if v := lookup(item, "name"); v != nil && v.Kind == yaml.ScalarNode && validItemName(v.Value) {
			if _, dup := lines[v.Value]; !dup {
				lines[v.Value] = v.Line
			}
		}
	}
	for i, seg := range itemSegments(actions) {
		v := lookup(actions.Content[i], "name")
		if v == nil || v.Kind != yaml.ScalarNode {
			continue
		}
		if line, dup := lines[v.Value]; dup {
			d.errorf(v, joinPath(joinPath("actions", seg), "name"),
				"duplicate name %s; the fault at line %d has it (faults and actions share names)", quote(v.Value), line)
		}
	}
}
