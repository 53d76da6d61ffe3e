package scenarios

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// missingAlarms adds to the event log, for each time a route starts losing
// every request (a "route" event), a "missing-alarm" event for each
// detector that guards the route and raised no alarm while it was losing
// them: a detector switched off, or a link-down detector whose link stays
// up (its carrier cannot see a fault past it). The log stays in time
// order.
func missingAlarms(guards []guard, events []sim.LogEntry) []sim.LogEntry {
	if len(guards) == 0 {
		return events
	}
	var added []sim.LogEntry
	for i, e := range events {
		if e.Kind != "route" || !strings.Contains(e.Detail, " lost at ") {
			continue
		}
		// The span of the loss: until the route carries again, or the end.
		end := sim.Time(1<<63 - 1)
		for _, f := range events[i+1:] {
			if f.Component == e.Component && f.Kind == "route" {
				end = f.At
				break
			}
		}
		for _, g := range guards {
			if !slices.Contains(g.routes, e.Component) || alarmed(events, g.d.Name, e.At, end) {
				continue
			}
			why := fmt.Sprintf("%s is switched off", g.d.Name)
			if g.d.Enabled {
				if g.link == "" {
					continue // an enabled detector of the path itself: it will alarm, or its own settings say why not
				}
				why = fmt.Sprintf("%s watches the carrier of %s, which stays up", g.d.Name, g.link)
			}
			loss := strings.Replace(e.Detail, " lost at ", " are lost at ", 1)
			added = append(added, sim.LogEntry{At: e.At, Component: g.d.Name, Kind: "missing-alarm",
				Detail: fmt.Sprintf("no alarm: %s while, on %s, %s", why, e.Component, loss)})
		}
	}
	if len(added) == 0 {
		return events
	}
	out := append(append([]sim.LogEntry(nil), events...), added...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].At < out[b].At })
	return out
}

// guard is a detector and the routes it watches.
type guard struct {
	d      spec.Detector
	routes []string // the routes it watches
	link   string   // for link-down: the link whose carrier it watches
}

// guardsOf lists the detectors of s with the routes they watch, from the
// network as built (before any fault or failover changes the paths).
func guardsOf(s *spec.Spec, m *model) []guard {
	if m.net == nil || len(s.Detectors) == 0 {
		return nil
	}
	var guards []guard
	for _, d := range s.Detectors {
		g := guard{d: d}
		switch {
		case d.LinkDown != nil:
			g.link = d.LinkDown.Link
			for _, c := range s.Components {
				if c.Route == nil {
					continue
				}
				if p, err := m.net.Path(c.Route.From, c.Route.To); err == nil && slices.Contains(p.Elements, g.link) {
					g.routes = append(g.routes, c.Name)
				}
			}
		case d.BFD != nil:
			g.routes = []string{d.BFD.Route}
		case d.LACP != nil:
			g.routes = []string{d.LACP.Route}
		case d.HealthCheck != nil:
			g.routes = []string{d.HealthCheck.Target}
		case d.E2EProbe != nil:
			g.routes = []string{d.E2EProbe.Target}
		}
		if len(g.routes) > 0 {
			guards = append(guards, g)
		}
	}
	return guards
}

// alarmed reports whether the detector raised an alarm in [from, to).
func alarmed(events []sim.LogEntry, name string, from, to sim.Time) bool {
	for _, e := range events {
		if e.Component == name && e.Kind == "alarm" && e.At >= from && e.At < to {
			return true
		}
	}
	return false
}
