package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/power"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Topology is the shape of a scenario as plain data, for pictures: who
// reaches which component, the calls between components, the network's
// nodes and links with the path of each route, the planes, the sites with
// their rooms and power, and where the faults strike. Every list is in the
// order of the scenario file, never of a map.
type Topology struct {
	// Name is the scenario's name.
	Name string
	// Nodes are the things drawn as boxes: populations, components,
	// network nodes (one per part when a node has several parts), rooms,
	// UPS units and generators.
	Nodes []TopoNode
	// Edges join nodes; both ends are IDs of Nodes.
	Edges []TopoEdge
	// Groups enclose nodes: planes, network nodes of several parts,
	// sites. A group's Parent is "" or the ID of a group listed before it.
	Groups []TopoGroup
	// Paths are the paths of the route components through the network,
	// as built (before any fault), in file order.
	Paths []TopoPath
}

// The kinds of TopoNode, beside the component kinds (spec.ServiceKind,
// ...) and the network node kinds (spec.SwitchNode, ...).
const (
	// TopoPopulation is a population of users.
	TopoPopulation = "population"
	// TopoRoom is a room of a site.
	TopoRoom = "room"
	// TopoUPS is a UPS unit of a site.
	TopoUPS = "ups"
	// TopoGenerator is a site's generator.
	TopoGenerator = "generator"
	// TopoDetector is a detector.
	TopoDetector = "detector"
)

// TopoNode is one box of a topology.
type TopoNode struct {
	// ID is unique among the nodes: a prefix for the kind of thing
	// ("population:", "component:", "net:", "room:", "ups:",
	// "generator:") and its name.
	ID string
	// Name is the scenario's name for it ("sw-e/l2" for a part).
	Name string
	// Kind is a spec.ComponentKind, a spec.NodeKind or one of the Topo
	// kinds above.
	Kind string
	// Detail is one short line about it ("5000 workers", "10.5.0.10").
	Detail string
	// Group is the ID of the innermost group holding it, or "".
	Group string
	// Faults describe the faults that strike it, in file order, like
	// "switch-fault: forwarding drop 1 at t+50m".
	Faults []string
	// Off marks a detector that is switched off (enabled: false).
	Off bool
}

// The kinds of TopoEdge.
const (
	// EdgeReaches joins a population to the component it sends to.
	EdgeReaches = "reaches"
	// EdgeCall joins a service to a component it calls, or a token cache
	// to the service it fetches tokens from.
	EdgeCall = "call"
	// EdgePlane joins a planes component to the target of one plane.
	EdgePlane = "plane"
	// EdgeReroute joins a component to where a reroute moves its calls.
	EdgeReroute = "reroute"
	// EdgeLink is a network link, oriented the way the first route that
	// crosses it goes (else from a to b).
	EdgeLink = "link"
	// EdgeEnters joins a route to the network node its path starts at.
	EdgeEnters = "enters"
	// EdgeDelivers joins the node a path ends at to the route's target
	// (or the route itself to its target when its path is lost).
	EdgeDelivers = "delivers"
	// EdgeFeeds joins a UPS to a room it feeds, or a generator to a UPS.
	EdgeFeeds = "feeds"
	// EdgeBattery joins a room to the UPS whose batteries it holds.
	EdgeBattery = "battery"
	// EdgeHosted joins a component to a room it runs in (key hosted).
	EdgeHosted = "hosted-in"
	// EdgeStandby joins a component to a room its disaster recovery
	// copy runs in.
	EdgeStandby = "standby"
	// EdgeDepends joins a hosted component to one it depends on.
	EdgeDepends = "depends-on"
	// EdgeSpread joins the room a fire starts in to a room it reaches.
	EdgeSpread = "spread"
	// EdgeWatches joins a detector to what it watches: a route, a
	// component, a population, or for link-down the far end of its link.
	EdgeWatches = "watches"
	// EdgeFires joins a detector to what its on_fire actions change.
	EdgeFires = "fires"
)

// TopoEdge is one arrow of a topology.
type TopoEdge struct {
	// From and To are node IDs.
	From, To string
	// Kind is one of the Edge kinds.
	Kind string
	// Label is a short text: a client, a plane and its share, a link's
	// name.
	Label string
	// Faults describe the faults that strike it (links), in file order.
	Faults []string
	// Idle marks a link that no route's path crosses as built.
	Idle bool
}

// The kinds of TopoGroup.
const (
	// GroupPlane holds the targets of the planes of one name.
	GroupPlane = "plane"
	// GroupNode holds the parts of a network node.
	GroupNode = "node"
	// GroupSite holds a site's rooms, UPS units and generator, and the
	// components hosted there.
	GroupSite = "site"
)

// TopoGroup is a frame around nodes.
type TopoGroup struct {
	// ID is unique among groups ("plane:e", "node:sw-e", "site:pangyo").
	ID string
	// Label is its title.
	Label string
	// Kind is one of the Group kinds.
	Kind string
	// Parent is the enclosing group's ID, or "".
	Parent string
	// Faults describe the faults that strike it as a whole.
	Faults []string
}

// TopoPath is the path of a route through the network.
type TopoPath struct {
	// Route is the route component's name.
	Route string
	// Nodes are the IDs of the nodes crossed, in order.
	Nodes []string
	// Links are the names of the links crossed, in order.
	Links []string
	// Drop names the element where the path loses every request and why,
	// or "" if requests get through.
	Drop string
}

// MaxTopologyNodes bounds the nodes of a topology, so that a hostile
// scenario cannot make a picture without end.
const MaxTopologyNodes = 2000

// TopologyOf returns the topology of s. The network is built (on an
// engine of its own, never run) to find the routes' paths.
func TopologyOf(s *spec.Spec) (Topology, error) {
	t := &topoBuilder{Topology: Topology{Name: s.Name}, nodes: map[string]int{}, groups: map[string]int{}, links: map[string]int{}, parts: map[string]string{}}
	if err := t.build(s); err != nil {
		return Topology{}, err
	}
	if len(t.Nodes) > MaxTopologyNodes {
		return Topology{}, fmt.Errorf("topology: %d nodes, more than %d", len(t.Nodes), MaxTopologyNodes)
	}
	return t.Topology, nil
}

type topoBuilder struct {
	Topology
	nodes  map[string]int    // node ID -> index
	groups map[string]int    // group ID -> index
	links  map[string]int    // link element name -> edge index
	parts  map[string]string // element "node/part" -> node ID
	edges  map[[3]string]bool
	// planeOf is the plane group of each plane target.
	planeOf map[string]string
	spec    *spec.Spec
}

func (t *topoBuilder) node(n TopoNode) {
	if _, dup := t.nodes[n.ID]; dup {
		return
	}
	t.nodes[n.ID] = len(t.Nodes)
	t.Nodes = append(t.Nodes, n)
}

func (t *topoBuilder) group(g TopoGroup) {
	if _, dup := t.groups[g.ID]; dup {
		return
	}
	t.groups[g.ID] = len(t.Groups)
	t.Groups = append(t.Groups, g)
}

// edge adds an edge between existing nodes, once per (from, to, kind).
func (t *topoBuilder) edge(e TopoEdge) int {
	if t.edges == nil {
		t.edges = map[[3]string]bool{}
	}
	k := [3]string{e.From, e.To, e.Kind}
	_, okA := t.nodes[e.From]
	_, okB := t.nodes[e.To]
	if !okA || !okB || t.edges[k] {
		return -1
	}
	t.edges[k] = true
	t.Edges = append(t.Edges, e)
	return len(t.Edges) - 1
}

func componentID(name string) string  { return "component:" + name }
func populationID(name string) string { return "population:" + name }
func roomID(site, room string) string { return "room:" + site + "/" + room }

func (t *topoBuilder) build(s *spec.Spec) error {
	t.spec = s
	for _, p := range s.Populations {
		t.node(TopoNode{ID: populationID(p.Name), Name: p.Name, Kind: TopoPopulation,
			Detail: fmt.Sprintf("%s users, %s req/s", topoCount(float64(p.Users)), topoCount(p.TotalRate()))})
	}
	t.planeGroups(s)
	t.siteGroups(s)
	for _, c := range s.Components {
		t.node(TopoNode{ID: componentID(c.Name), Name: c.Name, Kind: string(c.Kind), Detail: componentDetail(c), Group: t.hostGroup(s, c.Name)})
	}
	if err := t.network(s); err != nil {
		return err
	}
	t.sites(s)
	for _, p := range s.Populations {
		t.edge(TopoEdge{From: populationID(p.Name), To: componentID(p.Target), Kind: EdgeReaches, Label: p.Client})
	}
	for _, c := range s.Components {
		from := componentID(c.Name)
		switch c.Kind {
		case spec.ServiceKind:
			for _, call := range c.Service.Calls {
				t.edge(TopoEdge{From: from, To: componentID(call.Target), Kind: EdgeCall, Label: call.Client})
			}
		case spec.TokenCacheKind:
			t.edge(TopoEdge{From: from, To: componentID(c.TokenCache.Target), Kind: EdgeCall, Label: c.TokenCache.Client})
		case spec.PlanesKind:
			for _, p := range c.Planes.Planes {
				t.edge(TopoEdge{From: from, To: componentID(p.TargetName), Kind: EdgePlane, Label: p.Name + " " + strconv.FormatFloat(100*p.Share, 'g', 4, 64) + "%"})
			}
		}
	}
	for _, list := range [][]spec.Fault{s.Faults, s.Actions} {
		for _, f := range list {
			if f.Action == spec.Reroute {
				t.edge(TopoEdge{From: componentID(f.Component), To: componentID(f.To), Kind: EdgeReroute, Label: topoLabel(f.Name, "reroute at t+"+topoDur(f.At))})
			}
		}
	}
	t.paths(s)
	t.hosted(s)
	t.detectors(s)
	t.faults(s)
	return nil
}

// detectors adds the detectors, what they watch and what they change.
func (t *topoBuilder) detectors(s *spec.Spec) {
	ends := map[string]string{} // link name -> the node ID of its far end
	if s.Network != nil {
		for _, l := range s.Network.Links {
			if l.Name != "" {
				ends[l.Name] = t.parts[l.B.String()]
			}
		}
	}
	for _, d := range s.Detectors {
		id := "detector:" + d.Name
		detail := string(d.Kind)
		if d.E2EProbe != nil && d.E2EProbe.Count > 1 {
			detail += fmt.Sprintf(" ×%d", d.E2EProbe.Count)
		}
		if !d.Enabled {
			detail += " (off)"
		}
		t.node(TopoNode{ID: id, Name: d.Name, Kind: TopoDetector, Detail: detail, Off: !d.Enabled})
		switch {
		case d.LinkDown != nil:
			t.edge(TopoEdge{From: id, To: ends[d.LinkDown.LinkName], Kind: EdgeWatches, Label: "link " + d.LinkDown.LinkName})
		case d.BFD != nil:
			t.edge(TopoEdge{From: id, To: componentID(d.BFD.Route), Kind: EdgeWatches})
		case d.LACP != nil:
			t.edge(TopoEdge{From: id, To: componentID(d.LACP.Route), Kind: EdgeWatches})
		case d.HealthCheck != nil:
			t.edge(TopoEdge{From: id, To: componentID(d.HealthCheck.TargetName), Kind: EdgeWatches})
		case d.E2EProbe != nil:
			t.edge(TopoEdge{From: id, To: componentID(d.E2EProbe.TargetName), Kind: EdgeWatches})
		case d.Availability != nil:
			t.edge(TopoEdge{From: id, To: populationID(d.Availability.Population), Kind: EdgeWatches})
		}
		for _, f := range d.OnFire {
			t.edge(TopoEdge{From: id, To: t.elementNode(f.Component), Kind: EdgeFires, Label: string(f.Action)})
		}
	}
}

// elementNode is the node a change of a component or network element
// strikes: the component, the part, the node, or the active part of a
// host with several parts ("" if none).
func (t *topoBuilder) elementNode(name string) string {
	for _, id := range []string{componentID(name), t.parts[name], "net:" + name} {
		if _, ok := t.nodes[id]; ok {
			return id
		}
	}
	if t.spec != nil && t.spec.Network != nil {
		for _, nd := range t.spec.Network.Nodes {
			if nd.Name == name && len(nd.Parts) > 0 {
				part := nd.Active
				if part == "" {
					part = nd.Parts[0]
				}
				return t.parts[name+"/"+part]
			}
		}
	}
	return ""
}

// planeGroups makes a group for each plane name, holding the targets of
// the planes of that name that no earlier plane holds.
func (t *topoBuilder) planeGroups(s *spec.Spec) {
	t.planeOf = map[string]string{}
	for _, c := range s.Components {
		if c.Planes == nil {
			continue
		}
		for _, p := range c.Planes.Planes {
			if _, taken := t.planeOf[p.TargetName]; taken {
				continue
			}
			t.group(TopoGroup{ID: "plane:" + p.Name, Label: "plane " + p.Name, Kind: GroupPlane})
			t.planeOf[p.TargetName] = "plane:" + p.Name
		}
	}
}

// siteGroups makes a group for each site.
func (t *topoBuilder) siteGroups(s *spec.Spec) {
	for _, st := range s.Sites {
		lbl := "site " + st.Name
		t.group(TopoGroup{ID: "site:" + st.Name, Label: lbl, Kind: GroupSite})
	}
}

// hostGroup is the group of component name: its plane, or the site of the
// first hosted entry that targets it.
func (t *topoBuilder) hostGroup(s *spec.Spec, name string) string {
	if g, ok := t.planeOf[name]; ok {
		return g
	}
	for _, h := range s.Hosted {
		if h.Target == name {
			return "site:" + h.Site
		}
	}
	return ""
}

func (t *topoBuilder) network(s *spec.Spec) error {
	n := s.Network
	if n == nil {
		return nil
	}
	for _, nd := range n.Nodes {
		detail := nd.Kind.String()
		if nd.Addr.IsValid() {
			detail += " " + nd.Addr.String()
		}
		if len(nd.Routes) > 0 {
			detail += ", " + plural(len(nd.Routes), "route")
		}
		if len(nd.Parts) <= 1 {
			id := "net:" + nd.Name
			for _, p := range nd.Parts {
				t.parts[nd.Name+"/"+p] = id
			}
			t.node(TopoNode{ID: id, Name: nd.Name, Kind: nd.Kind.String(), Detail: detail})
			continue
		}
		gid := "node:" + nd.Name
		t.group(TopoGroup{ID: gid, Label: nd.Name + " (" + detail + ")", Kind: GroupNode})
		for _, p := range nd.Parts {
			id := "net:" + nd.Name + "/" + p
			t.parts[nd.Name+"/"+p] = id
			pd := "part"
			switch p {
			case nd.Active:
				pd = "active part"
			case nd.Standby:
				pd = "standby part"
			}
			t.node(TopoNode{ID: id, Name: nd.Name + "/" + p, Kind: nd.Kind.String(), Detail: pd, Group: gid})
		}
	}
	return nil
}

// paths finds the path of every route and orients the links by them.
func (t *topoBuilder) paths(s *spec.Spec) {
	n := s.Network
	if n == nil {
		return
	}
	env, err := models.NewEnv(s.Seed, s.Step, s.Horizon)
	if err != nil {
		return
	}
	b := &builder{s: s, m: &model{spec: s, env: env}}
	netErr := b.buildNetwork()
	orient := map[string][2]string{} // link name -> (from, to) node IDs
	for _, c := range s.Components {
		if c.Route == nil {
			continue
		}
		var tp TopoPath
		tp.Route = c.Name
		if netErr == nil && b.m.net != nil {
			p, err := b.m.net.Path(c.Route.From, c.Route.To)
			if err == nil {
				prev := ""
				var pending string
				for _, el := range p.Elements {
					if id, ok := t.parts[el]; ok {
						if pending != "" {
							if _, seen := orient[pending]; !seen && prev != "" {
								orient[pending] = [2]string{prev, id}
							}
							pending = ""
						}
						if len(tp.Nodes) == 0 || tp.Nodes[len(tp.Nodes)-1] != id {
							tp.Nodes = append(tp.Nodes, id)
						}
						prev = id
						continue
					}
					tp.Links = append(tp.Links, el)
					pending = el
				}
				if !p.Forwards() {
					tp.Drop = p.Drop.Element + " (" + p.Drop.Reason.String() + ")"
				}
			}
		}
		t.Paths = append(t.Paths, tp)
	}
	// The links, oriented by the first path that crosses them.
	for _, l := range n.Links {
		name := l.Name
		if name == "" {
			name = l.A.String() + "--" + l.B.String()
		}
		a, b := t.parts[l.A.String()], t.parts[l.B.String()]
		idle := true
		if o, ok := orient[name]; ok {
			a, b, idle = o[0], o[1], false
		}
		for _, tp := range t.Paths {
			for _, x := range tp.Links {
				idle = idle && x != name
			}
		}
		if i := t.edge(TopoEdge{From: a, To: b, Kind: EdgeLink, Label: l.Name, Idle: idle}); i >= 0 {
			t.links[name] = i
		}
	}
	for i, c := range routeComponents(s) {
		tp := t.Paths[i]
		route, target := componentID(c.Name), componentID(c.Route.Target)
		if len(tp.Nodes) > 0 {
			t.edge(TopoEdge{From: route, To: tp.Nodes[0], Kind: EdgeEnters, Label: "to " + c.Route.To.String()})
		}
		if tp.Drop == "" && len(tp.Nodes) > 0 {
			t.edge(TopoEdge{From: tp.Nodes[len(tp.Nodes)-1], To: target, Kind: EdgeDelivers})
		} else {
			t.edge(TopoEdge{From: route, To: target, Kind: EdgeDelivers, Label: "path lost"})
		}
	}
}

// routeComponents are the route components of s, in file order.
func routeComponents(s *spec.Spec) []spec.Component {
	var out []spec.Component
	for _, c := range s.Components {
		if c.Route != nil {
			out = append(out, c)
		}
	}
	return out
}

// sites adds the rooms, UPS units and generators.
func (t *topoBuilder) sites(s *spec.Spec) {
	for _, st := range s.Sites {
		g := "site:" + st.Name
		if st.Generator != nil {
			t.node(TopoNode{ID: "generator:" + st.Name, Name: "generator", Kind: TopoGenerator, Detail: "starts in " + topoDur(st.Generator.Start), Group: g})
		}
		for _, u := range st.UPS {
			t.node(TopoNode{ID: "ups:" + st.Name + "/" + u.Name, Name: u.Name, Kind: TopoUPS, Detail: "rides through " + topoDur(u.RideThrough), Group: g})
		}
		for _, r := range st.Rooms {
			t.node(TopoNode{ID: roomID(st.Name, r.Name), Name: r.Name, Kind: TopoRoom, Detail: topoCount(float64(r.Hosts)) + " hosts", Group: g})
		}
		for _, u := range st.UPS {
			uid := "ups:" + st.Name + "/" + u.Name
			if st.Generator != nil {
				t.edge(TopoEdge{From: "generator:" + st.Name, To: uid, Kind: EdgeFeeds})
			}
			if u.BatteryRoom != "" {
				t.edge(TopoEdge{From: roomID(st.Name, u.BatteryRoom), To: uid, Kind: EdgeBattery, Label: "batteries"})
			}
			for _, r := range u.Feeds {
				t.edge(TopoEdge{From: uid, To: roomID(st.Name, r), Kind: EdgeFeeds})
			}
		}
	}
}

// hosted adds where the hosted components run and what they depend on.
func (t *topoBuilder) hosted(s *spec.Spec) {
	target := map[string]string{}
	for _, h := range s.Hosted {
		target[h.Name] = h.Target
	}
	for _, h := range s.Hosted {
		c := componentID(h.Target)
		for _, r := range h.Rooms {
			t.edge(TopoEdge{From: c, To: roomID(h.Site, r), Kind: EdgeHosted})
		}
		for _, d := range h.DependsOn {
			t.edge(TopoEdge{From: c, To: componentID(target[d]), Kind: EdgeDepends})
		}
		if h.DR.StandbySite != "" && h.DR.Mode != power.DRNone {
			for _, r := range h.DR.StandbyRooms {
				t.edge(TopoEdge{From: c, To: roomID(h.DR.StandbySite, r), Kind: EdgeStandby, Label: h.DR.Mode.String()})
			}
		}
	}
}

// faults marks what the faults and the fires strike.
func (t *topoBuilder) faults(s *spec.Spec) {
	for _, f := range s.Faults {
		text := topoLabel(f.Name, faultText(f)+" at t+"+topoDur(f.At))
		switch {
		case t.mark(componentID(f.Component), text):
		case t.mark(t.parts[f.Component], text):
		case t.mark("net:"+f.Component, text):
		case t.markGroup("node:"+f.Component, text):
		default:
			if i, ok := t.links[f.Component]; ok {
				t.Edges[i].Faults = append(t.Edges[i].Faults, text)
			}
		}
	}
	for _, f := range s.Fires {
		t.mark(roomID(f.Site, f.Room), f.Name+": fire at t+"+topoDur(f.At))
		for _, sp := range f.Spread {
			t.mark(roomID(f.Site, sp.Room), fmt.Sprintf("%s: reached at t+%s", f.Name, topoDur(f.At+sp.After)))
			t.edge(TopoEdge{From: roomID(f.Site, f.Room), To: roomID(f.Site, sp.Room), Kind: EdgeSpread, Label: "after " + topoDur(sp.After)})
		}
		for _, r := range f.WaterDamage {
			t.mark(roomID(f.Site, r), f.Name+": water damage")
		}
		if f.PowerOffAt > 0 {
			t.markGroup("site:"+f.Site, fmt.Sprintf("%s: power off at t+%s", f.Name, topoDur(f.PowerOffAt)))
		}
	}
}

func (t *topoBuilder) mark(id, text string) bool {
	i, ok := t.nodes[id]
	if ok {
		t.Nodes[i].Faults = append(t.Nodes[i].Faults, text)
	}
	return ok
}

func (t *topoBuilder) markGroup(id, text string) bool {
	i, ok := t.groups[id]
	if ok {
		t.Groups[i].Faults = append(t.Groups[i].Faults, text)
	}
	return ok
}

// faultText says what a fault does, like "forwarding drop 1".
func faultText(f spec.Fault) string {
	a := string(f.Action)
	switch f.Action {
	case spec.Slow, spec.Scale:
		return a + " ×" + num(f.Factor)
	case spec.Reroute:
		return "reroute " + f.From + " → " + f.To
	case spec.SetForwarding:
		var parts []string
		if f.Drop > 0 {
			parts = append(parts, "drop "+num(f.Drop))
		}
		if f.Delay > 0 {
			parts = append(parts, "delay "+topoDur(f.Delay))
		}
		return a + " " + strings.Join(parts, ", ")
	case spec.Configure:
		if f.Procedure.Name != "" {
			return "configure (" + f.Procedure.Name + " procedure)"
		}
	case spec.Rollback:
		return "rollback to " + f.Config
	case spec.Detour:
		return fmt.Sprintf("detour %s%% of %s to %s", num(100*f.Share), f.From, strings.Join(f.Planes, ", "))
	}
	return a
}

// componentDetail is one line about a component.
func componentDetail(c spec.Component) string {
	switch c.Kind {
	case spec.ServiceKind:
		d := plural(c.Service.Workers, "worker")
		if c.Service.Cores > 0 {
			d += ", " + plural(c.Service.Cores, "core")
		}
		return "service, " + d
	case spec.TokenCacheKind:
		return "token cache, ttl " + topoDur(c.TokenCache.TTL)
	case spec.RouteKind:
		return "route " + c.Route.From + " → " + c.Route.To.String()
	case spec.PlanesKind:
		return fmt.Sprintf("planes (%d)", len(c.Planes.Planes))
	}
	return string(c.Kind)
}

// plural writes n things: "1 route", "16 routes", "5,000 workers".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return topoCount(float64(n)) + " " + thing + "s"
}

func topoLabel(name, text string) string {
	if name == "" {
		return text
	}
	return name + ": " + text
}

// count writes a number people read: 230,000; 1.5; 0.0133.
func topoCount(v float64) string {
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		s := strconv.FormatInt(int64(v), 10)
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		if neg {
			return "-" + b.String()
		}
		return b.String()
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// dur writes a duration shortly: 50m, 1h30m, 2.5s, 0s.
func topoDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0 && d > time.Hour:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h" + strconv.FormatInt(int64(d%time.Hour/time.Minute), 10) + "m"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d%time.Second == 0 && d < time.Minute:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return d.String()
}
