package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// missingAlarms adds to the event log, for each time a route starts losing
// every request (a route event), a missing-alarm event for each detector
// that guards the route and raised no alarm while it was losing them: a
// detector switched off, or a link-down detector whose link stays up (its
// carrier cannot see a fault past it). The event is dated when the
// detector, switched on and able to see the loss, would have fired at the
// latest (detectionTime after the loss began); a loss that ends before
// then leaves no missing alarm. The log stays in time order.
func missingAlarms(guards []guard, events []sim.LogEntry) []sim.LogEntry {
	if len(guards) == 0 {
		return events
	}
	var added []sim.LogEntry
	for i, e := range events {
		if e.Kind != sim.EventRoute || !strings.Contains(e.Message, " lost at ") {
			continue
		}
		// The span of the loss: until the route carries again, or the end.
		end := sim.EndOfTime
		for _, f := range events[i+1:] {
			if f.Subject == e.Subject && f.Kind == sim.EventRoute {
				end = f.At
				break
			}
		}
		for _, g := range guards {
			if !slices.Contains(g.routes, e.Subject) || alarmed(events, g.d.Name, e.At, end) {
				continue
			}
			why := fmt.Sprintf("%s is switched off", g.d.Name)
			if g.d.Enabled {
				if g.link == "" {
					continue // an enabled detector of the path itself: it will alarm, or its own settings say why not
				}
				why = fmt.Sprintf("%s watches the carrier of %s, which stays up", g.d.Name, g.link)
			}
			after := detectionTime(g.d)
			at := sim.Later(e.At, after)
			if at >= end {
				continue // the loss ended before the detector would have fired
			}
			loss := strings.Replace(e.Message, " lost at ", " are lost at ", 1)
			added = append(added, sim.LogEntry{At: at, Subject: g.d.Name, Kind: sim.EventMissingAlarm,
				Message: fmt.Sprintf("no alarm: %s while, on %s, %s (able to see it, it would have fired %s after the loss began)",
					why, e.Subject, loss, roundDuration(after))})
		}
	}
	return mergeEvents(events, added)
}

// detectionTime is the longest a detector takes to fire once the path it
// watches stops answering, by its mechanism: a link-down detector its
// delay; BFD multiplier x interval; LACP three periods (3 s fast, 90 s
// slow); a health check unhealthy x interval + timeout (the first failing
// check starts up to an interval after the break, the last one times out);
// an end-to-end probe threshold x interval + timeout; an availability
// detector its window.
func detectionTime(d spec.Detector) sim.Time {
	switch {
	case d.LinkDown != nil:
		return d.LinkDown.FixedDelay
	case d.BFD != nil:
		return sim.Time(d.BFD.Multiplier) * d.BFD.Interval
	case d.LACP != nil:
		return 3 * d.LACP.Rate.Period()
	case d.HealthCheck != nil:
		return sim.Time(d.HealthCheck.UnhealthyThreshold)*d.HealthCheck.Interval + d.HealthCheck.Timeout
	case d.E2EProbe != nil:
		return sim.Time(d.E2EProbe.Failures)*d.E2EProbe.Interval + d.E2EProbe.Timeout
	case d.Availability != nil:
		return d.Availability.Window
	}
	return 0
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
			g.link = d.LinkDown.LinkName
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
			g.routes = []string{d.HealthCheck.TargetName}
		case d.E2EProbe != nil:
			g.routes = []string{d.E2EProbe.TargetName}
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
		if e.Subject == name && e.Kind == "alarm" && e.At >= from && e.At < to {
			return true
		}
	}
	return false
}
