package spec

import (
	"fmt"
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
// Reroutes count as calls from the moment they could apply, so the check
// uses the union of every call any reroute may create. Each cycle is
// reported at the call that closes it in a depth-first search from the
// components in file order, their calls in file order, reroutes (faults,
// actions, detectors' and operators' actions) last.
func (d *decoder) callCycles(s *Spec, r *refs) {
	if !r.known {
		return
	}
	adj := make([][]callEdge, len(s.Components))
	edge := func(from int, n *yaml.Node, path, key, target string, reroute bool) {
		p := joinPath(path, key)
		v := lookup(n, key)
		to, ok := r.index[target]
		if v != nil && ok && target != "" && !d.isBad(p) {
			adj[from] = append(adj[from], callEdge{to: to, node: v, path: p, reroute: reroute})
		}
	}
	for i, c := range s.Components {
		if r.nodes[i] == nil || r.index[c.Name] != i {
			continue // a duplicate name, already reported
		}
		switch {
		case c.Service != nil:
			calls, paths := callItems(r.nodes[i], r.paths[i])
			for j, call := range c.Service.Calls {
				if j < len(paths) {
					edge(i, calls[j], paths[j], "target", call.Target, false)
				}
			}
		case c.TokenCache != nil:
			edge(i, r.nodes[i], r.paths[i], "target", c.TokenCache.Target, false)
		case c.Route != nil:
			edge(i, r.nodes[i], r.paths[i], "target", c.Route.Target, false)
		case c.Planes != nil:
			planes, paths := subItems(r.nodes[i], r.paths[i], "planes")
			for j, pl := range c.Planes.Planes {
				if j < len(paths) {
					edge(i, planes[j], paths[j], "target", pl.TargetName, false)
				}
			}
		}
	}
	for _, it := range r.actions {
		f := it.f
		from, ok := r.index[f.Component]
		if ok && f.Action == Reroute && f.To != f.From && !d.isBad(joinPath(it.path, "component")) {
			edge(from, it.n, it.path, "to", f.To, true)
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
