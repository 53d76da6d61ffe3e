package spec

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// snapshots are the snapshots that configures save on one router.
type snapshots struct {
	// earliest is the earliest time a fault or action saves each name.
	earliest map[string]time.Duration
	// untimed holds the names that a detector or operator saves.
	untimed map[string]bool
	// list describes the first maxListed+1 saves, for messages.
	list []string
}

// isPlanes reports whether k is PlanesKind.
func isPlanes(k ComponentKind) bool { return k == PlanesKind }

// validateNetworkFault checks the component of a fault (or action) f on a
// network element, whose node is n at path, and the fields that refer to
// the network.
func (d *decoder) validateNetworkFault(r *refs, n *yaml.Node, path string, f *Fault) {
	switch f.Action {
	case FailSilent, FailLoud, Repair:
		d.partRef(r, n, path, "component", f.Component)
	case LinkDown, LinkUp, SetForwarding:
		d.linkRef(r, n, path, "component", f.Component)
	case Failover:
		d.nodeRef(r, n, path, "component", f.Component, func(nd *Node) bool { return nd.Kind == HostNode && nd.Active != "" },
			"a host with an active/standby pair (action failover swaps them)")
	case Configure, Rollback:
		nd := d.nodeRef(r, n, path, "component", f.Component, func(nd *Node) bool { return nd.Kind == RouterNode },
			"a router (action "+string(f.Action)+" changes its route table)")
		if nd == nil {
			return
		}
		if f.Action == Configure {
			if rn := lookup(n, "routes"); rn != nil && rn.Kind == yaml.SequenceNode && r.net.known {
				d.routeHops(r.net.nodes, r.net.nodeList, rn, joinPath(path, "routes"), f.Routes)
			}
			return
		}
		d.validateRollback(r, n, path, f)
	}
}

// partRef checks that the field key of mapping n at path names a part,
// "node/part".
func (d *decoder) partRef(r *refs, n *yaml.Node, path, key, name string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !r.net.known || name == "" || d.isBad(p) {
		return
	}
	node, part, ok := strings.Cut(name, "/")
	if !ok {
		if !r.net.declared {
			d.errorf(v, p, "expected a part, node/part, got %s; no network is declared (add it under network:)", quote(name))
			return
		}
		d.errorf(v, p, "expected a part, node/part (like %s), got %s", quote(firstPart(r)), quote(name))
		return
	}
	nd := r.net.nodes[node]
	switch {
	case nd == nil:
		d.unknownNode(r, v, p, node)
	case len(nd.Parts) > 0 && !r.net.parts[node][part]:
		d.errorf(v, p, "unknown part %s of node %s; expected one of its parts: %s", quote(part), quote(node), nameList(nd.Parts))
	}
}

// firstPart returns an example part name for messages.
func firstPart(r *refs) string {
	for _, name := range r.net.nodeList {
		if nd := r.net.nodes[name]; len(nd.Parts) > 0 {
			return name + "/" + nd.Parts[0]
		}
	}
	return "node/part"
}

// linkRef checks that the field key of mapping n at path names a link.
func (d *decoder) linkRef(r *refs, n *yaml.Node, path, key, name string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !r.net.linksKnown || name == "" || d.isBad(p) || r.net.links[name] != nil {
		return
	}
	switch {
	case !r.net.declared:
		d.errorf(v, p, "unknown link %s; no network is declared (add it under network:)", quote(name))
	case len(r.net.linkList) == 0:
		d.errorf(v, p, "unknown link %s; no link has a name (add name: to a link under network.links)", quote(name))
	default:
		d.errorf(v, p, "unknown link %s; expected one of the links: %s", quote(name), nameList(r.net.linkList))
	}
}

// collectSnapshots collects the snapshots that configures save, by router:
// from faults and actions (timed) and from detectors and operators
// (untimed).
func collectSnapshots(items []actionItem) map[string]*snapshots {
	out := map[string]*snapshots{}
	for _, it := range items {
		f := it.f
		if f.Action != Configure || f.SaveAs == "" {
			continue
		}
		sn := out[f.Component]
		if sn == nil {
			sn = &snapshots{earliest: map[string]time.Duration{}, untimed: map[string]bool{}}
			out[f.Component] = sn
		}
		text := f.SaveAs
		if it.timed {
			if at, ok := sn.earliest[f.SaveAs]; !ok || f.At < at {
				sn.earliest[f.SaveAs] = f.At
			}
			text = fmt.Sprintf("%s at %s", f.SaveAs, formatDuration(f.At))
		} else {
			sn.untimed[f.SaveAs] = true
		}
		if len(sn.list) <= maxListed {
			sn.list = append(sn.list, text)
		}
	}
	return out
}

// validateRollback checks that the config of rollback f names a snapshot
// of the same router saved by a configure: a timed one before f.At if f
// is a fault or an action; any one if f is a detector's or an operator's.
func (d *decoder) validateRollback(r *refs, n *yaml.Node, path string, f *Fault) {
	p := joinPath(path, "config")
	v := lookup(n, "config")
	if v == nil || f.Config == "" || d.isBad(p) {
		return
	}
	timed := f.By != ByDetector && lookup(n, "at") != nil // operator steps have no at
	sn := r.snapshots[f.Component]
	if sn == nil {
		d.errorf(v, p, "unknown snapshot %s of router %s; no configure of it saves one (save_as)", quote(f.Config), quote(f.Component))
		return
	}
	at, saved := sn.earliest[f.Config]
	if sn.untimed[f.Config] || (saved && (!timed || at < f.At)) {
		return
	}
	if !timed {
		d.errorf(v, p, "unknown snapshot %s of router %s; expected one saved by a configure of it: %s",
			quote(f.Config), quote(f.Component), nameList(sn.list))
		return
	}
	d.errorf(v, p, "unknown snapshot %s of router %s before %s; expected one saved by an earlier configure of it: %s",
		quote(f.Config), quote(f.Component), formatDuration(f.At), nameList(sn.list))
}

// validateDetour checks the from and to of detour f of planes component c.
// cPath is the path of c.
func (d *decoder) validateDetour(n *yaml.Node, path string, f *Fault, c *Component, cPath string) {
	if c.Planes == nil || d.isBad(joinPath(cPath, "planes")) {
		return
	}
	var names []string
	set := map[string]bool{}
	for _, pl := range c.Planes.Planes {
		if pl.Name == "" || set[pl.Name] {
			return // names not all known: a duplicate was reported
		}
		set[pl.Name] = true
		names = append(names, pl.Name)
	}
	fromPath := joinPath(path, "from")
	if v := lookup(n, "from"); v != nil && f.From != "" && !d.isBad(fromPath) && !set[f.From] {
		d.errorf(v, fromPath, "unknown plane %s of %s; expected one of its planes: %s", quote(f.From), quote(c.Name), nameList(names))
	}
	to := lookup(n, "to")
	toPath := joinPath(path, "to")
	if to == nil || to.Kind != yaml.SequenceNode || d.isBad(toPath) {
		return
	}
	segs := itemSegments(to)
	for i, item := range to.Content {
		ip := joinPath(toPath, segs[i])
		if item.Kind != yaml.ScalarNode || d.isBad(ip) {
			continue
		}
		switch name := item.Value; {
		case !set[name]:
			d.errorf(item, ip, "unknown plane %s of %s; expected one of its planes: %s", quote(name), quote(c.Name), nameList(names))
		case name == f.From:
			d.errorf(item, ip, "expected planes other than from (%s); a detour moves traffic away from it", quote(f.From))
		}
	}
}

// actionItem is one fault or action anywhere in the file, with its node
// and path.
type actionItem struct {
	f     *Fault
	n     *yaml.Node
	path  string
	timed bool // from faults: or actions:, so At is set
}

// allActions returns every fault and action of s: faults, actions, then
// detectors' on_fire actions and operators' step actions, in file order.
func (d *decoder) allActions(s *Spec) []actionItem {
	var out []actionItem
	for _, key := range []string{"faults", "actions"} {
		list := s.Faults
		if key == "actions" {
			list = s.Actions
		}
		nodes, paths := d.items(key)
		for i := range list {
			if i < len(paths) {
				out = append(out, actionItem{f: &list[i], n: nodes[i], path: paths[i], timed: true})
			}
		}
	}
	nodes, paths := d.items("detectors")
	for i := range s.Detectors {
		if i >= len(paths) {
			break
		}
		acts, aps := subItems(nodes[i], paths[i], "on_fire")
		for j := range s.Detectors[i].OnFire {
			if j < len(aps) {
				out = append(out, actionItem{f: &s.Detectors[i].OnFire[j], n: acts[j], path: aps[j]})
			}
		}
	}
	nodes, paths = d.items("operators")
	for i := range s.Operators {
		if i >= len(paths) {
			break
		}
		steps, sps := subItems(nodes[i], paths[i], "steps")
		for j, st := range s.Operators[i].Steps {
			if j < len(sps) && st.Action != nil {
				if a := lookup(steps[j], "action"); a != nil {
					out = append(out, actionItem{f: st.Action, n: a, path: joinPath(sps[j], "action")})
				}
			}
			if j < len(sps) {
				acts, aps := subItems(steps[j], sps[j], "actions")
				for k := range st.Actions {
					if k < len(aps) {
						out = append(out, actionItem{f: &s.Operators[i].Steps[j].Actions[k], n: acts[k], path: aps[k]})
					}
				}
			}
		}
	}
	return out
}
