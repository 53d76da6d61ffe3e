package spec

import (
	"go.yaml.in/yaml/v3"
)

// rerouteCounts counts the reroutes of each component, and those of each
// component to each to, over every fault and action.
type rerouteCounts struct {
	of map[string]int
	to map[string]map[string]int
}

// newRerouteCounts counts the reroutes among actions.
func newRerouteCounts(actions []actionItem) *rerouteCounts {
	rc := &rerouteCounts{of: map[string]int{}, to: map[string]map[string]int{}}
	for _, it := range actions {
		f := it.f
		if f.Action != Reroute || f.Component == "" || f.To == "" {
			continue
		}
		rc.of[f.Component]++
		if rc.to[f.Component] == nil {
			rc.to[f.Component] = map[string]int{}
		}
		rc.to[f.Component][f.To]++
	}
	return rc
}

// validateReroute checks the from and to of reroute f of component c: a
// token cache fetches from a service; from is a component c calls, or
// the to of another reroute of c; to differs from from.
func (d *decoder) validateReroute(s *Spec, cs *components, rc *rerouteCounts, calls map[int]*callSet, n *yaml.Node, path string, f *Fault, c *Component) {
	toPath := joinPath(path, "to")
	if to := d.find(s, cs, toPath, f.To); c.TokenCache != nil && to != nil && to.Kind != "" && to.Kind != ServiceKind {
		d.errorf(lookup(n, "to"), toPath, "expected a service (a token cache fetches from a service), got %s, a %s component", quote(f.To), to.Kind)
	}
	fromPath := joinPath(path, "from")
	if f.From == "" || f.To == "" || d.isBad(fromPath) || !cs.known {
		return
	}
	if f.From == f.To {
		d.errorf(lookup(n, "to"), toPath, "expected to to differ from from (%s); a reroute to the same component changes nothing", quote(f.From))
		return
	}
	cl := d.callsOf(cs, calls, c)
	// f's own to differs from its from, so counting it changes nothing.
	if !cl.complete || cl.set[f.From] || rc.to[c.Name][f.From] > 0 {
		return
	}
	others := rc.of[c.Name] - 1
	switch {
	case len(cl.set) == 0 && others == 0:
		d.errorf(lookup(n, "from"), fromPath, "expected a component that %s calls, but it calls none", quote(f.Component))
	case len(cl.set) == 0:
		d.errorf(lookup(n, "from"), fromPath, "%s does not call %s; it calls no component itself, so expected the to of another reroute of it",
			quote(f.Component), quote(f.From))
	default:
		d.errorf(lookup(n, "from"), fromPath, "%s does not call %s; expected one of the components it calls (%s) or the to of another reroute of it",
			quote(f.Component), quote(f.From), cl.text)
	}
}

// callSet is what a component calls without reroutes: its call targets,
// or a token cache's target.
type callSet struct {
	set      map[string]bool
	text     string // the targets in file order, for messages
	complete bool   // false if some target has an error
}

// callsOf returns what component c calls, computed once per component.
func (d *decoder) callsOf(cs *components, calls map[int]*callSet, c *Component) *callSet {
	i := cs.index[c.Name]
	if cl, ok := calls[i]; ok {
		return cl
	}
	cl := &callSet{set: map[string]bool{}, complete: true}
	calls[i] = cl
	var list []string
	add := func(name, path string) {
		if name == "" || d.isBad(path) {
			cl.complete = false
			return
		}
		if !cl.set[name] {
			cl.set[name] = true
			list = append(list, name)
		}
	}
	switch {
	case c.Service != nil:
		if d.isBad(joinPath(cs.paths[i], "calls")) {
			cl.complete = false
		}
		_, paths := subItems(cs.nodes[i], cs.paths[i], "calls")
		for j, call := range c.Service.Calls {
			if j < len(paths) {
				add(call.Target, joinPath(paths[j], "target"))
			}
		}
	case c.TokenCache != nil:
		add(c.TokenCache.Target, joinPath(cs.paths[i], "target"))
	}
	cl.text = nameList(list)
	return cl
}
