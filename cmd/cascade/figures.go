package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/sim"
)

// timeAxis places the figures on the scenario's clock, if it has one.
func timeAxis(res *scenarios.Result) plots.TimeAxis {
	if c := res.Spec.Clock; c != nil {
		return plots.TimeAxis{Start: c.Start, Location: c.Start.Location(), ZoneLabel: c.Zone}
	}
	return plots.TimeAxis{}
}

// markers turns the event log into time-axis markers, chosen by kind:
// faults; actions, failovers, detours and recoveries (an operator's, a
// detector's automatic one, a fire service's order), labelled with who
// did it; the first alarm of each detector (none when it acted at that
// moment: the action's marker says it); alarms that never came;
// operators' notices, diagnoses and finished work; populations coming
// back; power restoration starting at a site. States, clears, routes,
// rooms' and hosts' power and the checks stay in events.csv: on a plot
// they would bury the story.
func markers(res *scenarios.Result) []plots.Marker {
	var out []plots.Marker
	sites := map[string]bool{}
	for _, st := range res.Spec.Sites {
		sites[st.Name] = true
	}
	hosted := map[string]bool{}
	for _, h := range res.Spec.Hosted {
		hosted[h.Name] = true
	}
	alarmed := map[string]bool{}
	acted := map[string]bool{} // who acted, and when
	for _, e := range res.Events {
		if e.By != "" {
			acted[e.By+"@"+e.At.String()] = true
		}
	}
	for _, e := range res.Events {
		head, _, _ := strings.Cut(e.Message, ": ")
		m := plots.Marker{At: e.At.Seconds()}
		switch e.Kind {
		case sim.EventFault:
			m.Kind, m.Label = plots.MarkerFault, head
		case sim.EventAction, sim.EventFailover, sim.EventDetour:
			m.Kind, m.Label = plots.MarkerAction, byWhom(e.By, head)
			if e.Kind == sim.EventFailover {
				m.Label = byWhom(e.Subject, head)
			}
		case sim.EventRecovery:
			if hosted[e.Subject] {
				continue // a hosted service usable again: its population's return is marked
			}
			m.Kind, m.Label = plots.MarkerRecovery, byWhom(e.By, head)
		case sim.EventPower:
			if e.By == "" {
				continue // rooms and generators: the servers' panel shows them
			}
			m.Kind, m.Label = plots.MarkerFault, byWhom(e.By, head)
		case sim.EventRestoration:
			if !sites[e.Subject] {
				continue
			}
			m.Kind, m.Label = plots.MarkerRecovery, byWhom(e.Subject, head)
		case sim.EventAlarm:
			if alarmed[e.Subject] || acted[e.Subject+"@"+e.At.String()] {
				continue
			}
			alarmed[e.Subject] = true
			m.Kind, m.Label = plots.MarkerAlarm, e.Subject+" alarm"
		case sim.EventMissingAlarm:
			m.Kind, m.Label = plots.MarkerMissingAlarm, "no alarm: "+e.Subject
		case sim.EventNotice, sim.EventDiagnosis, sim.EventWork:
			m.Kind, m.Label = plots.MarkerInfo, e.Subject+": "+head
		case sim.EventPopulationBack:
			m.Kind, m.Label = plots.MarkerRecovery, e.Subject+" back"
		default:
			continue
		}
		out = append(out, m)
	}
	// Documented times as lines only: their names are in the terminal's
	// and summary.json's timeline, and labels beside the simulated
	// events' at the same instants would overprint them.
	for _, e := range res.Summary.Timeline {
		out = append(out, plots.Marker{At: e.DocumentedS, Kind: plots.MarkerDocumented})
	}
	return foldNearLabels(mergeSameInstant(out), float64(res.Spec.Horizon.Seconds())/nearLabels)
}

// byWhom labels an event "who: what", or "what" when what already names
// who (or nobody did it).
func byWhom(who, what string) string {
	if who == "" || strings.Contains(what, who) {
		return what
	}
	return who + ": " + what
}

// nearLabels sets how close markers are for foldNearLabels: within
// 1/nearLabels of the horizon (a few pixels on a plot).
const nearLabels = 150

// foldNearLabels keeps one label for a run of markers of one kind each
// within window seconds of the one before (an alarm flood, an operator's
// repeated steps), "label (+N)"; the others keep their lines, without a
// label, so the lane of labels stays readable and no event is hidden.
// Missing alarms have their own kind, so they never fold into real ones.
func foldNearLabels(ms []plots.Marker, window float64) []plots.Marker {
	if window <= 0 {
		return ms
	}
	out := append([]plots.Marker(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	lead := map[plots.MarkerKind]int{}         // the marker holding the label of the run under way
	previous := map[plots.MarkerKind]float64{} // the time of the run's latest marker
	folded := map[int]int{}
	for i, m := range out {
		if m.Label == "" {
			continue
		}
		g := m.Kind
		if j, ok := lead[g]; ok && m.At-previous[g] <= window {
			folded[j] += 1 + plusN(m.Label)
			out[i].Label = ""
			previous[g] = m.At
			continue
		}
		lead[g], previous[g] = i, m.At
	}
	for i, n := range folded {
		base, extra := trimPlus(out[i].Label)
		out[i].Label = fmt.Sprintf("%s (+%d)", base, extra+n)
	}
	return out
}

// plusN reads the N of a label ending in " (+N)", else 0.
func plusN(label string) int {
	_, n := trimPlus(label)
	return n
}

// trimPlus splits "label (+N)" into label and N.
func trimPlus(label string) (string, int) {
	i := strings.LastIndex(label, " (+")
	if i < 0 || !strings.HasSuffix(label, ")") {
		return label, 0
	}
	n, err := strconv.Atoi(label[i+3 : len(label)-1])
	if err != nil {
		return label, 0
	}
	return label[:i], n
}

// mergeSameInstant folds markers of one kind at one instant into the first
// of them, "label (+N)": four automatic detours firing together, or an
// operator step that ends as the next starts, would otherwise print their
// labels on top of each other.
func mergeSameInstant(ms []plots.Marker) []plots.Marker {
	type key struct {
		at   float64
		kind plots.MarkerKind
	}
	first := map[key]int{}
	extra := map[int]int{}
	var out []plots.Marker
	for _, m := range ms {
		k := key{m.At, m.Kind}
		if i, ok := first[k]; ok {
			extra[i]++
			continue
		}
		first[k] = len(out)
		out = append(out, m)
	}
	for i, n := range extra {
		out[i].Label = fmt.Sprintf("%s (+%d)", out[i].Label, n)
	}
	return out
}

// stepTimes returns the middle of each step, in seconds: a step's value
// (a rate, a share, a time mean) describes the whole step, so it is drawn
// at its centre.
func stepTimes(res *scenarios.Result, n int) []float64 {
	x := make([]float64, n)
	step := res.Step.Seconds()
	for i := range x {
		x[i] = (float64(i) + 0.5) * step
	}
	if horizon := res.Spec.Horizon.Seconds(); n > 0 && x[n-1] > horizon {
		x[n-1] = (float64(n-1)*step + horizon) / 2 // a last step cut short
	}
	return x
}

func find(res *scenarios.Result, component, metric string) *sim.Series {
	for _, s := range res.Series {
		if s.Component == component && s.Metric == metric {
			return s
		}
	}
	return nil
}

// loadFigure plots each component's offered load, absolute and divided by
// its baseline mean (scenarios.BaselineMean, what the outcome's peak load
// ratio divides by); a component without one (too few arrivals in the
// baseline window) has no line in the second panel.
func loadFigure(res *scenarios.Result) plots.Figure {
	abs := plots.Panel{Title: "Offered load", YLabel: "requests/s"}
	norm := plots.Panel{Title: "Offered load relative to the baseline window", YLabel: "× baseline mean"}
	for _, o := range res.Summary.Outcome.Components {
		s := find(res, o.Name, models.MetricOfferedPerS)
		if s == nil {
			continue
		}
		x := stepTimes(res, len(s.Values))
		abs.Lines = append(abs.Lines, plots.Line{Label: o.Name, X: x, Y: s.Values})
		if mean, ok := scenarios.BaselineMean(res.Spec, s.Values); ok {
			y := make([]float64, len(s.Values))
			for i, v := range s.Values {
				y[i] = v / mean
			}
			norm.Lines = append(norm.Lines, plots.Line{Label: o.Name, X: x, Y: y})
		}
	}
	one := 1.0
	norm.Reference, norm.ReferenceLabel = &one, "baseline"
	util := plots.Panel{Title: "Utilisation (share of workers busy: CPU for a service on cores)", YLabel: "busy share", YMin: 0, YMax: 1.05}
	for _, o := range res.Summary.Outcome.Components {
		if s := find(res, o.Name, models.MetricUtilisation); s != nil {
			util.Lines = append(util.Lines, plots.Line{Label: o.Name, X: stepTimes(res, len(s.Values)), Y: s.Values})
		}
	}
	fig := plots.Figure{
		Title:   res.Spec.Name + ": offered load per component",
		Panels:  []plots.Panel{abs},
		Markers: markers(res),
		Time:    timeAxis(res),
	}
	if len(norm.Lines) > 0 {
		fig.Panels = append(fig.Panels, norm)
	}
	if len(util.Lines) > 0 {
		fig.Panels = append(fig.Panels, util)
	}
	return fig
}

// maxPopulationLines is how many populations the availability figure draws
// one by one; with more, those never below the threshold are drawn as one
// line, their lowest availability per step (Docomo 20 Dec has 16).
const maxPopulationLines = 8

// lowestOf returns, per step, the lowest of the series' values (NaN where
// all are NaN).
func lowestOf(series []*sim.Series) []float64 {
	out := make([]float64, len(series[0].Values))
	for i := range out {
		out[i] = math.NaN()
		for _, s := range series {
			if i < len(s.Values) && !math.IsNaN(s.Values[i]) && (math.IsNaN(out[i]) || s.Values[i] < out[i]) {
				out[i] = s.Values[i]
			}
		}
	}
	return out
}

// availabilityFigure plots each population's availability per step, with
// the threshold, and the mean latency of its successful requests.
func availabilityFigure(res *scenarios.Result) plots.Figure {
	threshold := res.Summary.Outcome.AvailabilityThreshold
	avail := plots.Panel{
		Title: "Availability (share of requests answered within the deadline)", YLabel: "availability",
		Reference: &threshold, ReferenceLabel: "threshold",
	}
	lat := plots.Panel{Title: "Mean latency of successful requests", YLabel: "seconds"}
	lowest := 1.0
	var calm []*sim.Series // populations never below the threshold
	nPops := 0
	for _, p := range res.Summary.Outcome.Populations {
		if find(res, p.Name, models.MetricAvailability) != nil {
			nPops++
		}
	}
	for _, p := range res.Summary.Outcome.Populations {
		s := find(res, p.Name, models.MetricAvailability)
		if s == nil {
			continue
		}
		x := stepTimes(res, len(s.Values))
		low := 1.0
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				low = min(low, v)
			}
		}
		lowest = min(lowest, low)
		if nPops > maxPopulationLines && low >= threshold {
			calm = append(calm, s)
			continue
		}
		avail.Lines = append(avail.Lines, plots.Line{Label: p.Name, X: x, Y: s.Values})
		if l := find(res, p.Name, models.MetricMeanLatency); l != nil {
			lat.Lines = append(lat.Lines, plots.Line{Label: p.Name, X: x, Y: l.Values})
		}
	}
	if len(calm) > 0 {
		worst := lowestOf(calm)
		avail.Lines = append(avail.Lines, plots.Line{
			Label: fmt.Sprintf("%d others, lowest", len(calm)), X: stepTimes(res, len(worst)), Y: worst})
	}
	// Show the whole 0..1 range once anything failed; zoom in near 1
	// otherwise, so that small dips stay visible.
	avail.YMax = 1.005
	avail.YMin = 0
	if lowest > threshold {
		avail.YMin = math.Max(0, 1-1.5*(1-math.Min(lowest, threshold)))
	}
	panels := []plots.Panel{avail, lat}
	// Sites with power chains: the share of servers with power, and of
	// servers running again after their restart.
	servers := plots.Panel{Title: "Servers with power and running", YLabel: "share of servers", YMin: 0, YMax: 1.05}
	for _, s := range res.Series {
		if s.Metric == models.MetricPoweredShare || s.Metric == models.MetricRunningShare {
			label := s.Component + " powered"
			if s.Metric == models.MetricRunningShare {
				label = s.Component + " running"
			}
			servers.Lines = append(servers.Lines, plots.Line{Label: label, X: stepTimes(res, len(s.Values)), Y: s.Values})
		}
	}
	if len(servers.Lines) > 0 {
		servers.Lines = append(servers.Lines, documentedLevels(res)...)
		panels = append(panels, servers)
	}
	return plots.Figure{
		Title:   res.Spec.Name + ": availability per population",
		Panels:  panels,
		Markers: markers(res),
		Time:    timeAxis(res),
	}
}

// documentedLevels turns the scenario's documented times at which a
// site's share of servers was back at a level (metrics like
// sites.S.powered_back.at_90_s) into rings at (time, level), one line per
// site and share, so that the plot shows the documented curve beside the
// simulated one.
func documentedLevels(res *scenarios.Result) []plots.Line {
	type dot struct{ at, level float64 }
	levels := map[string]float64{"at_90_s": 0.9, "at_95_s": 0.95, "at_100_s": 1}
	dots := map[string][]dot{}
	var order []string
	for _, d := range res.Spec.Documented {
		parts := strings.Split(d.Metric, ".")
		if len(parts) != 4 || parts[0] != "sites" {
			continue
		}
		level, ok := levels[parts[3]]
		what, found := strings.CutSuffix(parts[2], "_back")
		if !ok || !found {
			continue
		}
		label := parts[1] + " " + what + " (documented)"
		if dots[label] == nil {
			order = append(order, label)
		}
		dots[label] = append(dots[label], dot{d.Value, level})
	}
	var out []plots.Line
	for _, label := range order {
		ds := dots[label]
		slices.SortStableFunc(ds, func(a, b dot) int { return cmp.Compare(a.at, b.at) })
		l := plots.Line{Label: label, Points: true}
		for _, d := range ds {
			l.X = append(l.X, d.at)
			l.Y = append(l.Y, d.level)
		}
		out = append(out, l)
	}
	return out
}

// fullRange makes a figure's time axis span the whole horizon.
func fullRange(fig plots.Figure, res *scenarios.Result) plots.Figure {
	fig.Time.Min, fig.Time.Max = 0, res.Spec.Horizon.Seconds()
	return fig
}
