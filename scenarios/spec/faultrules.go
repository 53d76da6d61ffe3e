package spec

import (
	"fmt"
	"math"
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

// faultRules checks what the declaration of a fault (or action) cannot
// say: the parts, host pairs and switch-overs that network and power
// actions name (more than a name in a list), a scale that gives too many
// workers, a reroute's from and to, a detour's planes and a rollback's
// snapshot. Names of components, links, routers, clients and sites are
// references, checked with the others (refcheck.go).
func (d *decoder) faultRules(s *Spec, cs *components, nn *netNodes, actions []actionItem) {
	snaps := collectSnapshots(actions)
	rc := newRerouteCounts(actions)
	calls := map[int]*callSet{}
	for _, it := range actions {
		n, path, f := it.n, it.path, it.f
		cp := joinPath(path, "component")
		switch f.Action {
		case FailSilent, FailLoud, Repair:
			d.partRef(nn, n, path, "component", f.Component)
		case Failover:
			d.nodeRef(nn, n, path, "component", f.Component, func(nd *Node) bool { return nd.Kind == HostNode && nd.Active != "" },
				"a host with an active/standby pair (action failover swaps them)")
		case StartSwitchover:
			d.switchoverRef(s, n, path, f.Component)
		case Rollback:
			if nd := nn.nodes[f.Component]; nd != nil && nn.known && !d.isBad(cp) {
				d.validateRollback(snaps, n, path, f)
			}
		case Scale:
			c := d.find(s, cs, cp, f.Component)
			p := joinPath(path, "factor")
			if c == nil || c.Service == nil || c.Service.Workers < 1 || f.Factor <= 0 || d.isBad(p) {
				continue
			}
			if w := math.Round(f.Factor * float64(c.Service.Workers)); w > MaxCount {
				d.errorf(lookup(n, "factor"), p, "scaling the %d workers of %s by %s gives %s workers; expected at most %d",
					c.Service.Workers, quote(f.Component), formatNumber(f.Factor), formatNumber(w), MaxCount)
			}
		case Reroute:
			if c := d.find(s, cs, cp, f.Component); c != nil {
				d.validateReroute(s, cs, rc, calls, n, path, f, c)
			}
		case Detour:
			d.validateDetour(n, path, f)
		}
	}
}

// nodeRef checks that the field key of mapping n at path, whose decoded
// value is name, names a node for which ok holds (want describes those).
func (d *decoder) nodeRef(nn *netNodes, n *yaml.Node, path, key, name string, ok func(*Node) bool, want string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !nn.known || name == "" || d.isBad(p) {
		return
	}
	nd := nn.nodes[name]
	switch {
	case nd == nil:
		d.unknownNode(nn, v, p, name)
	case !nn.badKind[name] && !ok(nd):
		d.errorf(v, p, "expected %s, got %s, a %s", want, quote(name), nd.Kind)
	}
}

// unknownNode reports that the field at path (value v) names no node.
func (d *decoder) unknownNode(nn *netNodes, v *yaml.Node, path, name string) {
	if !nn.declared {
		d.errorf(v, path, "unknown node %s; no network is declared (add it under network:)", quote(name))
		return
	}
	d.errorf(v, path, "unknown node %s; expected one of the nodes: %s", quote(name), nameList(nn.list))
}

// partRef checks that the field key of mapping n at path names a part,
// "node/part".
func (d *decoder) partRef(nn *netNodes, n *yaml.Node, path, key, name string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !nn.known || name == "" || d.isBad(p) {
		return
	}
	node, part, ok := strings.Cut(name, "/")
	if !ok {
		if !nn.declared {
			d.errorf(v, p, "expected a part, node/part, got %s; no network is declared (add it under network:)", quote(name))
			return
		}
		d.errorf(v, p, "expected a part, node/part (like %s), got %s", quote(firstPart(nn)), quote(name))
		return
	}
	nd := nn.nodes[node]
	switch {
	case nd == nil:
		d.unknownNode(nn, v, p, node)
	case len(nd.Parts) > 0 && !nn.parts[node][part]:
		d.errorf(v, p, "unknown part %s of node %s; expected one of its parts: %s", quote(part), quote(node), nameList(nd.Parts))
	}
}

// firstPart returns an example part name for messages.
func firstPart(nn *netNodes) string {
	for _, name := range nn.list {
		if nd := nn.nodes[name]; len(nd.Parts) > 0 {
			return name + "/" + nd.Parts[0]
		}
	}
	return "node/part"
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
func (d *decoder) validateRollback(snaps map[string]*snapshots, n *yaml.Node, path string, f *Fault) {
	p := joinPath(path, "config")
	v := lookup(n, "config")
	if v == nil || f.Config == "" || d.isBad(p) {
		return
	}
	timed := f.By != ByDetector && lookup(n, "at") != nil // operator steps have no at
	sn := snaps[f.Component]
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

// validateDetour checks that the planes detour f moves traffic to (its
// to, each a plane of its component: a reference) are not its from.
func (d *decoder) validateDetour(n *yaml.Node, path string, f *Fault) {
	to, toPath := lookup(n, "to"), joinPath(path, "to")
	if f.From == "" || d.isBad(joinPath(path, "from")) || to == nil || to.Kind != yaml.SequenceNode || d.isBad(toPath) {
		return
	}
	for i, seg := range itemSegments(to) {
		if item, ip := to.Content[i], joinPath(toPath, seg); item.Kind == yaml.ScalarNode && item.Value == f.From && !d.isBad(ip) {
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
