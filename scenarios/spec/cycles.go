package spec

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// callEdge is one way a component sends requests to another: a service's
// call, a token cache's fetches, a route's or a plane's target, or a call
// that a reroute creates.
type callEdge struct {
	to      int        // index of the component called
	node    *yaml.Node // the value naming it in the file
	path    string     // the path of that value
	reroute bool       // the edge comes from a reroute
}

// callCycles reports every cycle in the graph of calls between components:
// a request would call itself, directly or through others, and never end.
// Every reference from a component to a component is a call (a service's
// calls, a token cache's fetches, a route's or a plane's target: whatever
// the kinds declare), found from the refs the decoder noted. Reroutes
// count as calls from the moment they could apply, so the check uses the
// union of every call any reroute may create. Each cycle is reported at
// the call that closes it in a depth-first search from the components in
// file order, their calls in file order, reroutes (faults, actions,
// detectors' and operators' actions) last.
func (d *decoder) callCycles(s *Spec, cs *components, actions []actionItem) {
	if !cs.known {
		return
	}
	x := namespacesOf(reflect.TypeFor[Spec]())
	self := x.byType[reflect.TypeFor[Component]()]
	adj := make([][]callEdge, len(s.Components))
	edge := func(from int, v *yaml.Node, p, target string, reroute bool) {
		to, ok := cs.index[target]
		if v != nil && ok && target != "" && !d.isBad(p) {
			adj[from] = append(adj[from], callEdge{to: to, node: v, path: p, reroute: reroute})
		}
	}
	for _, u := range d.refs.uses {
		from := -1
		for i := len(u.scopes) - 1; i >= 0 && from < 0; i-- {
			if sc := u.scopes[i]; sc.item && sc.st.Type == self.elem {
				if j, ok := cs.byPath[sc.path]; ok && cs.index[s.Components[j].Name] == j {
					from = j // not a duplicate name, already reported
				} else {
					break
				}
			}
		}
		if from < 0 || u.f.Ref == nil {
			continue
		}
		if t, err := x.resolve(u.f.Ref.Noun); err != nil || t.ns != self {
			continue
		}
		switch u.n.Kind {
		case yaml.ScalarNode:
			edge(from, u.n, u.path, u.n.Value, false)
		case yaml.SequenceNode:
			for i, seg := range itemSegments(u.n) {
				edge(from, u.n.Content[i], joinPath(u.path, seg), u.n.Content[i].Value, false)
			}
		}
	}
	for _, it := range actions {
		f := it.f
		from, ok := cs.index[f.Component]
		if ok && f.Action == Reroute && f.To != f.From && !d.isBad(joinPath(it.path, "component")) {
			edge(from, lookup(it.n, "to"), joinPath(it.path, "to"), f.To, true)
		}
	}
	d.reportCycles(s, adj)
}

// frame is one component on the depth-first search's path.
type frame struct {
	u        int // the component
	next     int // the index of its next edge to follow
	reroutes int // reroute edges on the path from the root to u
}

// reportCycles runs an iterative depth-first search over adj and reports
// each edge that leads back to a component on the current path. Each
// report costs O(1) beyond the search, however long its cycle.
func (d *decoder) reportCycles(s *Spec, adj [][]callEdge) {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(adj))
	depth := make([]int, len(adj)) // position on the path while onPath
	var path []frame
	for root := range adj {
		if state[root] != unseen {
			continue
		}
		state[root] = onPath
		path = append(path[:0], frame{u: root})
		for len(path) > 0 {
			top := &path[len(path)-1]
			if top.next == len(adj[top.u]) {
				state[top.u] = done
				path = path[:len(path)-1]
				continue
			}
			e := adj[top.u][top.next]
			top.next++
			reroutes := top.reroutes
			if e.reroute {
				reroutes++
			}
			switch state[e.to] {
			case unseen:
				state[e.to] = onPath
				depth[e.to] = len(path)
				path = append(path, frame{u: e.to, reroutes: reroutes})
			case onPath:
				cycle := path[depth[e.to]:]
				how := "calls form a cycle"
				if reroutes > cycle[0].reroutes {
					how = "calls form a cycle once reroutes apply"
				}
				d.errorf(e.node, e.path, "%s: %s", how, cycleText(s, cycle))
			}
		}
	}
}

// cycleText writes a cycle of components as "a → b → a", eliding all but
// maxListed of them.
func cycleText(s *Spec, cycle []frame) string {
	var b strings.Builder
	n := len(cycle)
	for i := 0; i < n; i++ {
		if n > maxListed && i == maxListed-1 {
			fmt.Fprintf(&b, "... (%d more) → ", n-maxListed)
			i = n - 1
		}
		b.WriteString(s.Components[cycle[i].u].Name)
		b.WriteString(" → ")
	}
	b.WriteString(s.Components[cycle[0].u].Name)
	return b.String()
}
