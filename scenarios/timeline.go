package scenarios

import (
	"time"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// timeline pairs each documented moment of s with the first event of the
// log on its component (and of its kind).
func timeline(s *spec.Spec, events []sim.LogEntry) []TimelineEntry {
	if s.Clock == nil || len(s.DocumentedEvents) == 0 {
		return nil
	}
	var out []TimelineEntry
	for _, d := range s.DocumentedEvents {
		at := d.At.Sub(s.Clock.Start)
		e := TimelineEntry{Name: d.Name, Source: d.Source, DocumentedAt: d.At.Format(time.RFC3339Nano),
			DocumentedS: at.Seconds(), Component: d.Component, Kind: d.Kind}
		if d.Component != "" {
			e.Missing = "the run has no event on " + d.Component
			if d.Kind != "" {
				e.Missing += " of kind " + d.Kind
			}
			found := -1
			for i, ev := range events {
				if ev.Component == d.Component && (d.Kind == "" || ev.Kind == d.Kind) {
					found = i
					if !d.Last {
						break
					}
				}
			}
			if found >= 0 {
				ev := events[found]
				sim, diff := ev.At.Seconds(), (ev.At - at).Seconds()
				e.SimulatedS, e.DiffS, e.Event, e.Missing = &sim, &diff, ev.Kind+": "+ev.Detail, ""
				e.SimulatedAt = s.Clock.Start.Add(ev.At).In(d.At.Location()).Format(time.RFC3339Nano)
			}
		}
		out = append(out, e)
	}
	return out
}
