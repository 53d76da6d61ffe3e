package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/models/network"
	"github.com/cascade-sim/cascade/models/power"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// model is a scenario built on an engine, ready to run.
type model struct {
	spec        *spec.Spec
	env         *models.Env
	services    []*models.Service
	caches      []*models.TokenCache
	clients     []*models.Client
	populations []*models.Population
	// loads names, per component in file order, the series of its offered
	// load: what peak_load_ratio and the load plot use.
	loads []loadSeries
	// net is the scenario's network, if it has one; routes its route
	// components, in file order.
	net    *network.Network
	routes []*network.Route
	// snapshots holds the route tables saved by configure actions
	// ("router/name").
	snapshots map[string]network.Config
	// sites are the scenario's data centres, if it has any.
	sites []*power.Site
	// switchovers are the sites' switch-overs, by "site/name"; built with
	// the sites, after the actions that may start them.
	switchovers map[string]*power.Switchover
}

// loadSeries names the offered-load series of one component or client.
type loadSeries struct {
	name, metric string
}

// builder builds one scenario.
type builder struct {
	s       *spec.Spec
	m       *model
	targets map[string]models.Target
}

// build creates the engine, components, clients, populations, faults and
// actions of s. Errors name the field of the scenario file they come from.
func build(s *spec.Spec) (*model, error) {
	env, err := models.NewEnv(s.Seed, s.Step, s.Horizon)
	if err != nil {
		return nil, s.Errorf("step", "%v", err)
	}
	b := &builder{s: s, m: &model{spec: s, env: env, snapshots: map[string]network.Config{}, switchovers: map[string]*power.Switchover{}}, targets: map[string]models.Target{}}
	if err := b.buildNetwork(); err != nil {
		return nil, err
	}
	// Components are built callees first, so that a service's calls and a
	// cache's target exist when it is built; the decoder has ruled out
	// cycles.
	for _, c := range callOrder(s) {
		if err := b.component(c); err != nil {
			return nil, err
		}
	}
	for _, c := range s.Components { // load series in file order
		switch c.Kind {
		case spec.ServiceKind:
			b.m.loads = append(b.m.loads, loadSeries{c.Name, models.MetricOfferedPerS})
		case spec.TokenCacheKind:
			b.m.loads = append(b.m.loads, loadSeries{c.Name, models.MetricRequestsPerS})
		case spec.RouteKind:
			b.m.loads = append(b.m.loads, loadSeries{c.Name, models.MetricSentPerS})
		}
	}
	for _, cl := range b.m.clients {
		b.m.loads = append(b.m.loads, loadSeries{cl.Name(), models.MetricAttemptsPerS})
	}
	for _, p := range s.Populations {
		if err := b.population(p); err != nil {
			return nil, err
		}
	}
	for i, f := range s.Faults {
		if err := b.schedule(f, itemField("faults", f.Name, i)); err != nil {
			return nil, err
		}
	}
	for i, f := range s.Actions {
		if err := b.schedule(f, itemField("actions", f.Name, i)); err != nil {
			return nil, err
		}
	}
	if err := b.buildDetection(); err != nil {
		return nil, err
	}
	if err := b.buildPower(); err != nil {
		return nil, err
	}
	return b.m, nil
}

// callOrder returns the components so that every component comes after
// the ones it calls.
func callOrder(s *spec.Spec) []spec.Component {
	byName := map[string]spec.Component{}
	for _, c := range s.Components {
		byName[c.Name] = c
	}
	done := map[string]bool{}
	var out []spec.Component
	var visit func(c spec.Component)
	visit = func(c spec.Component) {
		if done[c.Name] {
			return
		}
		done[c.Name] = true // no cycles: the decoder checked
		for _, callee := range callees(c) {
			if d, ok := byName[callee]; ok {
				visit(d)
			}
		}
		out = append(out, c)
	}
	for _, c := range s.Components {
		visit(c)
	}
	return out
}

// callees names the components c sends requests to.
func callees(c spec.Component) []string {
	switch {
	case c.Service != nil:
		var out []string
		for _, call := range c.Service.Calls {
			out = append(out, call.Target)
		}
		return out
	case c.TokenCache != nil:
		return []string{c.TokenCache.Target}
	case c.Route != nil:
		return []string{c.Route.Target}
	case c.Planes != nil:
		var out []string
		for _, p := range c.Planes.Planes {
			out = append(out, p.Target)
		}
		return out
	}
	return nil
}

// itemField is the field path of a list item: by name if it has one.
func itemField(list, name string, i int) string {
	if name != "" {
		return list + "." + name
	}
	return fmt.Sprintf("%s.%d", list, i)
}

func (b *builder) component(c spec.Component) error {
	field := "components." + c.Name
	switch c.Kind {
	case spec.ServiceKind:
		svc, err := b.service(c, field)
		if err != nil {
			return err
		}
		b.m.services = append(b.m.services, svc)
		b.targets[c.Name] = svc
	case spec.TokenCacheKind:
		cfg := *c.TokenCache
		fetch, err := b.via(c.Name, cfg.Target, cfg.Client, field)
		if err != nil {
			return err
		}
		cfg.Name, cfg.Fetch = c.Name, fetch
		cache, err := models.NewTokenCache(b.m.env, cfg)
		if err != nil {
			return b.s.Errorf(field, "%v", err)
		}
		b.m.caches = append(b.m.caches, cache)
		b.targets[c.Name] = cache
	case spec.RouteKind:
		r := c.Route
		target, ok := b.targets[r.Target]
		if !ok || b.m.net == nil {
			return b.s.Errorf(field+".target", "component %q does not accept requests, or there is no network", r.Target)
		}
		route, err := b.m.net.NewRoute(c.Name, r.From, r.To, target)
		if err != nil {
			return b.s.Errorf(field, "%v", err)
		}
		// Before any fault, a route must carry its requests: one that drops
		// them at the start is a mistake in the network, not an outage.
		if path, err := b.m.net.Path(r.From, r.To); err == nil && !path.Forwards() {
			return b.s.Errorf(field, "before any fault, requests from %s to %s are dropped at %s: %s",
				r.From, r.To, path.Drop.Element, dropReason(path.Drop.Reason))
		}
		b.targets[c.Name] = route
		b.m.routes = append(b.m.routes, route)
	case spec.PlanesKind:
		cfg := network.PlanesConfig{Name: c.Name, Rate: c.Planes.Rate}
		for _, p := range c.Planes.Planes {
			target, ok := b.targets[p.Target]
			if !ok {
				return b.s.Errorf(field+".planes."+p.Name+".target", "component %q does not accept requests", p.Target)
			}
			cfg.Planes = append(cfg.Planes, network.PlaneConfig{Name: p.Name, Target: target, Share: p.Share, Capacity: p.Capacity})
		}
		planes, err := network.NewPlanes(b.m.env, cfg)
		if err != nil {
			return b.s.Errorf(field, "%v", err)
		}
		b.targets[c.Name] = planes
	default:
		return b.s.Errorf(field+".kind", "kind %q cannot be built", c.Kind)
	}
	return nil
}

func (b *builder) service(c spec.Component, field string) (*models.Service, error) {
	var calls []models.Target
	for i, call := range c.Service.Calls {
		t, err := b.via(c.Name, call.Target, call.Client, fmt.Sprintf("%s.calls.%d", field, i))
		if err != nil {
			return nil, err
		}
		calls = append(calls, t)
	}
	cfg, err := c.Service.Config(c.Name, calls)
	if err == nil {
		var svc *models.Service
		if svc, err = models.NewService(b.m.env, cfg); err == nil {
			return svc, nil
		}
	}
	if fe := knob.FieldErrors(err); len(fe) > 0 && fe[0].Key != "" {
		return nil, b.s.Errorf(field+"."+fe[0].Key, "%s", fe[0].Msg)
	}
	return nil, b.s.Errorf(field, "%v", err)
}

// via returns the target caller sends to: the component called target,
// through a new client with the named policy if client is not "".
func (b *builder) via(caller, target, client, field string) (models.Target, error) {
	t, ok := b.targets[target]
	if !ok {
		return nil, b.s.Errorf(field, "component %q does not accept requests", target)
	}
	if client == "" {
		return t, nil
	}
	c := b.s.Client(client)
	if c == nil {
		return nil, b.s.Errorf(field+".client", "no client %q", client)
	}
	policy, err := c.Policy()
	if err != nil {
		return nil, b.s.Errorf("clients."+client, "%v", err)
	}
	cl, err := models.NewClient(b.m.env, caller, t, policy)
	if err != nil {
		return nil, b.s.Errorf("clients."+client, "%v", err)
	}
	b.m.clients = append(b.m.clients, cl)
	return cl, nil
}

func (b *builder) population(p spec.Population) error {
	field := "populations." + p.Name
	target, err := b.via(p.Name, p.Target, p.Client, field+".target")
	if err != nil {
		return err
	}
	cfg, err := p.Config()
	if err != nil {
		return b.s.Errorf(field, "%v", err)
	}
	pop, err := models.NewPopulation(b.m.env, cfg, target)
	if err != nil {
		return b.s.Errorf(field, "%v", err)
	}
	b.m.populations = append(b.m.populations, pop)
	return nil
}

// buildDist turns a distribution of durations into a sim.Dist in seconds.
func buildDist(d spec.Dist) (sim.Dist, error) {
	if d == nil {
		return nil, fmt.Errorf("no distribution")
	}
	return d.NewDist()
}

// dropReason explains why a path drops, for a person fixing the network.
func dropReason(r network.Reason) string {
	switch r {
	case network.NoRoute:
		return "its route table has no entry for the address (add a route, or a default)"
	case network.HopLimit:
		return "the request needs more hops than max_hops: a routing loop, or max_hops too small"
	case network.Unreachable:
		return "no node owns the address, or no link that is up leads to the next hop"
	case network.LinkDrop:
		return "a link drops everything"
	case network.PartFailure:
		return "a part has failed"
	}
	return r.String()
}
