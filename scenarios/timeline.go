package scenarios

import (
	"time"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// timeline pairs each documented moment of s with the first (or last)
// event of the log about its subject and of its kind (either may be left
// out, not both).
func timeline(s *spec.Spec, events []sim.LogEntry) []TimelineEntry {
	if s.Clock == nil || len(s.DocumentedEvents) == 0 {
		return nil
	}
	var out []TimelineEntry
	for _, d := range s.DocumentedEvents {
		at := d.At.Sub(s.Clock.Start)
		e := TimelineEntry{Name: d.Name, Source: d.Source, DocumentedAt: d.At.Format(time.RFC3339Nano),
			DocumentedS: at.Seconds(), Subject: d.Subject, Kind: d.Kind,
			Evidence: string(d.Evidence), Basis: d.Basis}
		if d.Subject != "" || d.Kind != "" {
			switch {
			case d.Subject == "":
				e.Missing = "the run has no event of kind " + string(d.Kind)
			case d.Kind == "":
				e.Missing = "the run has no event about " + d.Subject
			default:
				e.Missing = "the run has no event about " + d.Subject + " of kind " + string(d.Kind)
			}
			found := -1
			for i, ev := range events {
				if (d.Subject == "" || ev.Subject == d.Subject) && (d.Kind == "" || ev.Kind == d.Kind) {
					found = i
					if !d.Last() {
						break
					}
				}
			}
			if found >= 0 {
				ev := events[found]
				sim, diff := ev.At.Seconds(), (ev.At - at).Seconds()
				e.SimulatedS, e.DiffS, e.Event, e.Missing = &sim, &diff, ev.Message, ""
				e.SimulatedAt = s.Clock.Start.Add(ev.At).In(d.At.Location()).Format(time.RFC3339Nano)
			}
		}
		out = append(out, e)
	}
	return out
}
