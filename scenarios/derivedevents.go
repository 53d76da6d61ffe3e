package scenarios

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// populationEvents returns, for each population, a population-down event
// at the first failed request of each run of steps below the threshold,
// and a population-back event at the first successful request after the
// last failed request of the run, so that it follows the action that
// ended the outage (none when the run lasts to the end: the outage is
// censored). Steps
// without a finished request neither start nor end a run. Times fall back
// to the step's bounds when a step has no failed request to date it.
func populationEvents(m *model, idx map[string]*sim.Series) []sim.LogEntry {
	threshold := m.spec.Outcome.AvailabilityThreshold
	step := m.spec.Step
	var out []sim.LogEntry
	for _, p := range m.populations {
		s := idx[key(p.Name(), models.MetricAvailability)]
		if s == nil {
			continue
		}
		first, last := -1, -1 // the run of bad steps under way
		flush := func(back bool) {
			if first < 0 {
				return
			}
			down := sim.Time(first) * sim.Time(step)
			if f, _, ok := p.FailureSpan(first); ok {
				down = f
			}
			out = append(out, sim.LogEntry{At: down, Kind: sim.EventPopulationDown, Subject: p.Name(),
				Message: fmt.Sprintf("%s: availability below %s", p.Name(), trimFloat(threshold))})
			if back {
				up := sim.Time(last+1) * sim.Time(step)
				if at, ok := p.RecoveredAt(last); ok {
					up = at
				}
				out = append(out, sim.LogEntry{At: up, Kind: sim.EventPopulationBack, Subject: p.Name(),
					Message: fmt.Sprintf("%s: back at or above %s after %s (its first good request after the last failed one)",
						p.Name(), trimFloat(threshold), roundDuration(up-down))})
			}
			first, last = -1, -1
		}
		for i, a := range s.Values {
			switch {
			case math.IsNaN(a):
			case a < threshold:
				if first < 0 {
					first = i
				}
				last = i
			default:
				flush(true)
			}
		}
		flush(false)
	}
	return out
}

// waitEvents returns, for each operator's notice (a notice span), a wait
// span from the first fault before it: how long the problem went
// unnoticed.
func waitEvents(events []sim.LogEntry) []sim.LogEntry {
	var out []sim.LogEntry
	firstFault, fault := sim.Time(-1), ""
	noticed := map[string]bool{}
	for _, e := range events {
		switch {
		case e.Kind == sim.EventFault && firstFault < 0:
			firstFault, fault = e.At, e.Subject
		case e.Kind == sim.EventNotice && firstFault >= 0 && !noticed[e.Subject]:
			noticed[e.Subject] = true
			out = append(out, sim.LogEntry{At: e.At, Since: firstFault, Kind: sim.EventWait, Subject: e.Subject,
				Message: fmt.Sprintf("%s: %s from the first fault (on %s) to notice", e.Subject, roundDuration(e.At-firstFault), fault)})
		}
	}
	return out
}

// checkEvents returns one check event per documented-versus-simulated
// check, at the end of the run, its figures in the documented unit
// (durations in seconds written as durations).
func checkEvents(end sim.Time, documented []DocumentedFigure, checks []Check) []sim.LogEntry {
	unit := map[string]string{}
	for _, d := range documented {
		unit[d.Name] = d.Unit
	}
	value := func(name string, v float64) string {
		if unit[name] == "s" && !math.IsNaN(v) && math.Abs(v) < 1e12 {
			return roundDuration(sim.Seconds(v))
		}
		return trimFloat(v)
	}
	out := make([]sim.LogEntry, 0, len(checks))
	for _, c := range checks {
		verdict := "holds"
		switch {
		case c.Inconclusive != "":
			verdict = "inconclusive: " + c.Inconclusive
		case c.Missing != "":
			verdict = "fails: " + c.Missing
		case !c.OK:
			verdict = "fails"
		}
		out = append(out, sim.LogEntry{At: end, Kind: sim.EventCheck, Subject: c.Name,
			Message: fmt.Sprintf("%s (%s): documented %s, simulated %s, %s", c.Name, c.Kind,
				value(c.Name, c.Documented), value(c.Name, c.Simulated), verdict)})
	}
	return out
}

// mergeEvents returns events with added merged in time order; at one
// instant the model's own events come first, in their order.
func mergeEvents(events []sim.LogEntry, added ...[]sim.LogEntry) []sim.LogEntry {
	n := len(events)
	for _, a := range added {
		n += len(a)
	}
	if n == len(events) {
		return events
	}
	out := make([]sim.LogEntry, 0, n)
	out = append(out, events...)
	for _, a := range added {
		out = append(out, a...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

// roundDuration writes d rounded to the second (to the millisecond below
// a minute), without trailing zero units: "4h54m", "1m30s", "2.5s".
func roundDuration(d sim.Time) string {
	if d >= time.Minute {
		d = d.Round(time.Second)
	} else {
		d = d.Round(time.Millisecond)
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// trimFloat writes v to four significant digits: 0.9, 3.876e+04.
func trimFloat(v float64) string {
	return fmt.Sprintf("%.4g", v)
}
