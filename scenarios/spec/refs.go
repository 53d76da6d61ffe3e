package spec

import (
	"math"

	"go.yaml.in/yaml/v3"
)

// refs holds the names that fields refer to, for validate. A reference is
// only checked when the names it could refer to are all known (their
// declarations have no errors), so one mistake gives one message.
type refs struct {
	// s is the Spec being validated.
	s *Spec
	// index maps each component name to its first component's index.
	index map[string]int
	// list is the component names in file order, for messages.
	list []string
	// known is false if some component has no name or the list is bad.
	known bool
	// paths are the path of each component in s.Components (or "").
	paths []string
	// nodes are the node of each component in s.Components (or nil).
	nodes []*yaml.Node

	clients      map[string]bool
	clientList   []string
	clientsKnown bool

	// reroutes counts the reroutes of each component, and rerouteTos
	// those of each component to each to, over faults and actions.
	reroutes   map[string]int
	rerouteTos map[string]map[string]int
	// calls caches callsOf by component index.
	calls map[int]*callSet

	// net holds the network's names.
	net netRefs
	// actions are every fault and action of the file (see allActions).
	actions []actionItem
	// snapshots are the snapshots configures save, by router.
	snapshots map[string]*snapshots
}

// newRefs collects the names of s's components and clients.
func (d *decoder) newRefs(s *Spec) *refs {
	r := &refs{
		s:            s,
		index:        map[string]int{},
		known:        !d.isBad("components"),
		paths:        make([]string, len(s.Components)),
		nodes:        make([]*yaml.Node, len(s.Components)),
		clients:      map[string]bool{},
		clientsKnown: !d.isBad("clients"),
		reroutes:     map[string]int{},
		rerouteTos:   map[string]map[string]int{},
		calls:        map[int]*callSet{},
	}
	r.net = d.newNetRefs(s)
	nodes, paths := d.items("components")
	for i, c := range s.Components {
		if i < len(paths) {
			r.nodes[i], r.paths[i] = nodes[i], paths[i]
		}
		if c.Name == "" {
			r.known = false
			continue
		}
		if _, dup := r.index[c.Name]; !dup {
			r.index[c.Name] = i
			r.list = append(r.list, c.Name)
		}
	}
	r.actions = d.allActions(s)
	r.snapshots = collectSnapshots(r.actions)
	for _, it := range r.actions {
		f := it.f
		if f.Action != Reroute || f.Component == "" || f.To == "" {
			continue
		}
		r.reroutes[f.Component]++
		if r.rerouteTos[f.Component] == nil {
			r.rerouteTos[f.Component] = map[string]int{}
		}
		r.rerouteTos[f.Component][f.To]++
	}
	for _, c := range s.Clients {
		if c.Name == "" {
			r.clientsKnown = false
			continue
		}
		if !r.clients[c.Name] {
			r.clients[c.Name] = true
			r.clientList = append(r.clientList, c.Name)
		}
	}
	return r
}

// acceptsRequests reports whether components of kind k can be the target
// of a population or a call. A new kind that does not adds a case here.
func acceptsRequests(k ComponentKind) bool {
	return k == ServiceKind || k == TokenCacheKind || k == RouteKind || k == PlanesKind
}

// requestsWant describes the components acceptsRequests allows.
const requestsWant = "a component that accepts requests (a service, a token cache, a route or planes)"

// isService reports whether k is ServiceKind.
func isService(k ComponentKind) bool { return k == ServiceKind }

// componentRef checks that the field key of mapping n at path, whose
// decoded value is name, names a component, and if ok is not nil, one of
// a kind for which ok holds (want describes those).
func (d *decoder) componentRef(r *refs, n *yaml.Node, path, key, name string, ok func(ComponentKind) bool, want string) {
	v := lookup(n, key)
	if v == nil || !r.known || name == "" {
		return
	}
	p := joinPath(path, key)
	i, found := r.index[name]
	if !found {
		d.errorf(v, p, "unknown component %s; expected one of the components: %s", quote(name), nameList(r.list))
		return
	}
	if k := r.s.Components[i].Kind; ok != nil && k != "" && !ok(k) {
		d.errorf(v, p, "expected %s, got %s, a %s component", want, quote(name), k)
	}
}

// clientRef checks that the field key of mapping n at path, whose decoded
// value is name, names a client.
func (d *decoder) clientRef(r *refs, n *yaml.Node, path, key, name string) {
	v := lookup(n, key)
	if v == nil || !r.clientsKnown || name == "" || r.clients[name] {
		return
	}
	p := joinPath(path, key)
	if len(r.clientList) == 0 {
		d.errorf(v, p, "unknown client %s; no clients are declared (add them under clients:)", quote(name))
		return
	}
	d.errorf(v, p, "unknown client %s; expected one of the clients: %s", quote(name), nameList(r.clientList))
}

// validateComponents checks the references of each component: call
// targets and clients, token cache targets and clients.
func (d *decoder) validateComponents(s *Spec, r *refs) {
	for i, c := range s.Components {
		n, path := r.nodes[i], r.paths[i]
		if n == nil {
			continue
		}
		switch {
		case c.Service != nil:
			calls, paths := callItems(n, path)
			for j, call := range c.Service.Calls {
				if j < len(paths) {
					d.componentRef(r, calls[j], paths[j], "target", call.Target, acceptsRequests, requestsWant)
					d.clientRef(r, calls[j], paths[j], "client", call.Client)
				}
			}
		case c.TokenCache != nil:
			d.componentRef(r, n, path, "target", c.TokenCache.Target, isService, "a service (the component that issues tokens)")
			d.clientRef(r, n, path, "client", c.TokenCache.Client)
		case c.Route != nil:
			d.componentRef(r, n, path, "target", c.Route.Target, acceptsRequests, requestsWant)
			d.nodeRef(r, n, path, "from", c.Route.From, nil, "")
		case c.Planes != nil:
			planes, paths := subItems(n, path, "planes")
			for j, pl := range c.Planes.Planes {
				if j < len(paths) {
					d.componentRef(r, planes[j], paths[j], "target", pl.Target, acceptsRequests, requestsWant)
				}
			}
		}
	}
}

// callItems returns the nodes and paths of the items of the calls list of
// component n at path, or nil if it has none.
func callItems(n *yaml.Node, path string) ([]*yaml.Node, []string) {
	return subItems(n, path, "calls")
}

// subItems returns the nodes and paths of the items of the list key of
// mapping n at path, or nil if it has none.
func subItems(n *yaml.Node, path, key string) ([]*yaml.Node, []string) {
	calls := lookup(n, key)
	if calls == nil || calls.Kind != yaml.SequenceNode {
		return nil, nil
	}
	segs := itemSegments(calls)
	for i, seg := range segs {
		segs[i] = joinPath(joinPath(path, key), seg)
	}
	return calls.Content, segs
}

// validateFault checks the references of fault (or action) f, whose node
// is n at path: the component, of a kind the action applies to; a scale
// that gives too many workers; a reroute's from and to.
func (d *decoder) validateFault(r *refs, n *yaml.Node, path string, f *Fault) {
	switch f.Action {
	case Slow:
		d.componentRef(r, n, path, "component", f.Component, isService, "a service (action slow changes service times)")
	case Scale:
		d.componentRef(r, n, path, "component", f.Component, isService, "a service (action scale changes workers)")
	case Restart:
		d.componentRef(r, n, path, "component", f.Component, isService, "a service (action restart drops its queued and running requests)")
	case Reroute:
		d.componentRef(r, n, path, "component", f.Component, hasCalls, "a component that makes calls (a service or a token cache)")
	case Detour, Restore:
		d.componentRef(r, n, path, "component", f.Component, isPlanes, "a planes component (action "+string(f.Action)+" changes plane shares)")
	case Down, Up:
		d.componentRef(r, n, path, "component", f.Component, nil, "")
	case SetRetries:
		d.clientRef(r, n, path, "component", f.Component)
		return
	case StartSwitchover:
		d.switchoverRef(r.s, n, path, f.Component)
		return
	case UtilityDown, UtilityUp:
		sr := d.newSiteRefs(r.s)
		d.siteRef(&sr, n, path, "component", f.Component)
		return
	default:
		d.validateNetworkFault(r, n, path, f)
		return
	}
	i, found := r.index[f.Component]
	if !r.known || !found || d.isBad(joinPath(path, "component")) || r.nodes[i] == nil {
		return
	}
	c := &r.s.Components[i]
	switch f.Action {
	case Scale:
		p := joinPath(path, "factor")
		if c.Service == nil || c.Service.Workers < 1 || f.Factor <= 0 || d.isBad(p) {
			return
		}
		if w := math.Round(f.Factor * float64(c.Service.Workers)); w > MaxCount {
			d.errorf(lookup(n, "factor"), p, "scaling the %d workers of %s by %s gives %s workers; expected at most %d",
				c.Service.Workers, quote(f.Component), formatNumber(f.Factor), formatNumber(w), MaxCount)
		}
	case Reroute:
		d.validateReroute(r, n, path, f, c)
	case Detour:
		d.validateDetour(n, path, f, c, r.paths[i])
	}
}

// hasCalls reports whether components of kind k make calls that a
// reroute can move.
func hasCalls(k ComponentKind) bool {
	return k == ServiceKind || k == TokenCacheKind
}

// validateReroute checks the from and to of reroute f of component c.
func (d *decoder) validateReroute(r *refs, n *yaml.Node, path string, f *Fault, c *Component) {
	if c.TokenCache != nil {
		d.componentRef(r, n, path, "to", f.To, isService, "a service (a token cache fetches from a service)")
	} else {
		d.componentRef(r, n, path, "to", f.To, acceptsRequests, requestsWant)
	}
	d.componentRef(r, n, path, "from", f.From, nil, "")
	fromPath := joinPath(path, "from")
	if f.From == "" || f.To == "" || d.isBad(fromPath) {
		return
	}
	if f.From == f.To {
		d.errorf(lookup(n, "to"), joinPath(path, "to"), "expected to to differ from from (%s); a reroute to the same component changes nothing", quote(f.From))
		return
	}
	calls := d.callsOf(r, c)
	// f's own to differs from its from, so counting it changes nothing.
	if !calls.complete || calls.set[f.From] || r.rerouteTos[c.Name][f.From] > 0 {
		return
	}
	others := r.reroutes[c.Name] - 1
	switch {
	case len(calls.set) == 0 && others == 0:
		d.errorf(lookup(n, "from"), fromPath, "expected a component that %s calls, but it calls none", quote(f.Component))
	case len(calls.set) == 0:
		d.errorf(lookup(n, "from"), fromPath, "%s does not call %s; it calls no component itself, so expected the to of another reroute of it",
			quote(f.Component), quote(f.From))
	default:
		d.errorf(lookup(n, "from"), fromPath, "%s does not call %s; expected one of the components it calls (%s) or the to of another reroute of it",
			quote(f.Component), quote(f.From), calls.text)
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
func (d *decoder) callsOf(r *refs, c *Component) *callSet {
	i := r.index[c.Name]
	if cs, ok := r.calls[i]; ok {
		return cs
	}
	cs := &callSet{set: map[string]bool{}, complete: true}
	r.calls[i] = cs
	var list []string
	add := func(name, path string) {
		if name == "" || d.isBad(path) {
			cs.complete = false
			return
		}
		if !cs.set[name] {
			cs.set[name] = true
			list = append(list, name)
		}
	}
	switch {
	case c.Service != nil:
		if d.isBad(joinPath(r.paths[i], "calls")) {
			cs.complete = false
		}
		_, paths := callItems(r.nodes[i], r.paths[i])
		for j, call := range c.Service.Calls {
			if j < len(paths) {
				add(call.Target, joinPath(paths[j], "target"))
			}
		}
	case c.TokenCache != nil:
		add(c.TokenCache.Target, joinPath(r.paths[i], "target"))
	}
	cs.text = nameList(list)
	return cs
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
