package main

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// Documented times at which a site's share was back at a level become
// rings at (time, level), sorted by time, one line per site and share;
// other documented figures do not.
func TestDocumentedLevels(t *testing.T) {
	res := &scenarios.Result{Spec: &spec.Spec{Documented: []spec.Documented{
		{Name: "a", Metric: "sites.dc.powered_back.at_100_s", Value: 300},
		{Name: "b", Metric: "populations.x.outage_s", Value: 5},
		{Name: "c", Metric: "sites.dc.powered_back.at_90_s", Value: 100},
		{Name: "d", Metric: "sites.dc.running_back.at_95_s", Value: 200},
		{Name: "e", Metric: "sites.dc.powered_back.at_50_s", Value: 1},
	}}}
	lines := documentedLevels(res)
	require.Len(t, lines, 2)
	require.Equal(t, "dc powered (documented)", lines[0].Label)
	require.True(t, lines[0].Points)
	require.Equal(t, []float64{100, 300}, lines[0].X)
	require.Equal(t, []float64{0.9, 1}, lines[0].Y)
	require.Equal(t, "dc running (documented)", lines[1].Label)
	require.Equal(t, []float64{200}, lines[1].X)
	require.Equal(t, []float64{0.95}, lines[1].Y)
}

// Markers of one kind at one instant become one, counting the others;
// another kind or another instant keeps its own.
func TestMergeSameInstant(t *testing.T) {
	got := mergeSameInstant([]plots.Marker{
		{At: 10, Kind: plots.MarkerAction, Label: "auto-1 fired"},
		{At: 10, Kind: plots.MarkerAction, Label: "auto-2 fired"},
		{At: 10, Kind: plots.MarkerAlarm, Label: "probe alarm"},
		{At: 10, Kind: plots.MarkerAction, Label: "auto-3 fired"},
		{At: 20, Kind: plots.MarkerAction, Label: "detour"},
	})
	require.Equal(t, []plots.Marker{
		{At: 10, Kind: plots.MarkerAction, Label: "auto-1 fired (+2)"},
		{At: 10, Kind: plots.MarkerAlarm, Label: "probe alarm"},
		{At: 20, Kind: plots.MarkerAction, Label: "detour"},
	}, got)
}

// With more populations than the figure draws one by one, those never
// below the threshold become one line, their lowest value per step.
func TestManyPopulationsFoldTheCalmOnes(t *testing.T) {
	const n = maxPopulationLines + 2
	res := &scenarios.Result{Spec: &spec.Spec{Name: "many"}, Step: sim.Seconds(1)}
	res.Summary.Outcome.AvailabilityThreshold = 0.99
	for i := range n {
		name := fmt.Sprintf("p%d", i)
		values := []float64{1, 0.995, 1}
		if i == 0 {
			values = []float64{1, 0.2, 1}
		}
		if i == 1 {
			values = []float64{0.999, 1, math.NaN()}
		}
		res.Summary.Outcome.Populations = append(res.Summary.Outcome.Populations, scenarios.PopulationOutcome{Name: name})
		res.Series = append(res.Series, &sim.Series{Component: name, Metric: "availability", Values: values})
	}
	lines := availabilityFigure(res).Panels[0].Lines
	require.Len(t, lines, 2)
	require.Equal(t, "p0", lines[0].Label)
	require.Equal(t, fmt.Sprintf("%d others, lowest", n-1), lines[1].Label)
	require.Equal(t, []float64{0.999, 0.995, 1}, lines[1].Y)
}

// TestFlatPanelsAreLeftOut: a panel after the first whose lines stay within
// 10% of its scale is not drawn, and the title says what it held; one that
// moves is kept.
func TestFlatPanelsAreLeftOut(t *testing.T) {
	x := []float64{0, 1, 2, 3}
	fig := plots.Figure{Title: "f", Panels: []plots.Panel{
		{Title: "Availability", Lines: []plots.Line{{X: x, Y: []float64{1, 0, 0, 1}}}},
		{Title: "Mean latency of successful requests", YLabel: "seconds", Lines: []plots.Line{{X: x, Y: []float64{0.005, 0.0051, 0.0049, 0.005}}}},
		{Title: "Utilisation (share of workers busy)", YMin: 0, YMax: 1.05, Lines: []plots.Line{{X: x, Y: []float64{0, 0.0003, 0, 0}}}},
		{Title: "Queue", Lines: []plots.Line{{X: x, Y: []float64{1, 5, 9, 2}}}},
	}}
	got := dropFlatPanels(fig)
	require.Len(t, got.Panels, 2)
	require.Equal(t, "Availability", got.Panels[0].Title)
	require.Equal(t, "Queue", got.Panels[1].Title)
	require.Contains(t, got.Title, "not drawn: mean latency of successful requests between 4.9 ms and 5.1 ms throughout; utilisation between 0% and 0.03% throughout")
	require.Equal(t, plots.DefaultPanelHeight*4+plots.ExtraHeight, got.Height, "the figure keeps its size")
	one := plots.Figure{Panels: fig.Panels[1:2]}
	require.Len(t, dropFlatPanels(one).Panels, 1, "the first panel always stays")

	// Noise about a level (90% of the values within x1.5) is left out
	// too; a level that moves for more than a twentieth of the run is not.
	noise, rising := make([]float64, 200), make([]float64, 200)
	for i := range noise {
		noise[i] = 0.02 + 0.004*math.Sin(float64(i)*1.7)
		rising[i] = noise[i]
		if i >= 180 {
			rising[i] = 0.05 // 10% of the run at 2.5 times the level
		}
	}
	xs := make([]float64, 200)
	for i := range xs {
		xs[i] = float64(i)
	}
	avail := plots.Panel{Title: "Availability", Lines: []plots.Line{{X: xs, Y: noise}}}
	lat := func(y []float64) plots.Figure {
		return plots.Figure{Title: "f", Panels: []plots.Panel{avail, {Title: "Mean latency", YLabel: "seconds", Lines: []plots.Line{{X: xs, Y: y}}}}}
	}
	got = dropFlatPanels(lat(noise))
	require.Len(t, got.Panels, 1, "noise about 20 ms")
	require.Contains(t, got.Title, "mean latency between 16")
	require.Contains(t, got.Title, "90% of the time")
	require.Len(t, dropFlatPanels(lat(rising)).Panels, 2, "a rise is kept")
}

// TestPanelsWithoutDataAreLeftOut: a panel whose lines are all NaN, or
// that has no line, is left out wherever it is, and the title says it had
// no data (not "0 throughout"); an untitled one is named by its y label.
// When every panel is empty, one is still drawn.
func TestPanelsWithoutDataAreLeftOut(t *testing.T) {
	x := []float64{0, 1, 2}
	nan := math.NaN()
	fig := plots.Figure{Title: "f", Panels: []plots.Panel{
		{Title: "Servers with power", Lines: []plots.Line{{X: x, Y: []float64{nan, nan, nan}}}},
		{Title: "Availability", Lines: []plots.Line{{X: x, Y: []float64{1, 0, 1}}}},
		{Title: "Mean latency of successful requests", YLabel: "seconds", Lines: []plots.Line{{X: x, Y: []float64{nan, nan, nan}}}},
		{YLabel: "queue length"},
	}}
	got := dropFlatPanels(fig)
	require.Len(t, got.Panels, 1)
	require.Equal(t, "Availability", got.Panels[0].Title)
	require.Contains(t, got.Title, "not drawn: servers with power: no data; mean latency of successful requests: no data; queue length: no data")
	require.NotContains(t, got.Title, "throughout")

	allEmpty := plots.Figure{Panels: []plots.Panel{{Title: "A"}, {Title: "B", Lines: []plots.Line{{X: x, Y: []float64{nan, nan, nan}}}}}}
	got = dropFlatPanels(allEmpty)
	require.Len(t, got.Panels, 1, "a figure keeps a panel")
	_, err := plots.Render(got, "svg")
	require.NoError(t, err)
}

// TestDocumentedTimesAreMarked: each documented moment is a marker of its
// own kind at its documented time, without a label.
func TestDocumentedTimesAreMarked(t *testing.T) {
	res := &scenarios.Result{Spec: &spec.Spec{}}
	res.Summary.Timeline = []scenarios.TimelineEntry{{Name: "restored", DocumentedS: 1234}}
	ms := markers(res)
	require.Equal(t, []plots.Marker{{At: 1234, Kind: plots.MarkerDocumented}}, ms)
}

// TestFoldNearLabels: an unbroken run of markers of one kind, each close to
// the one before, keeps one label with the count; lines stay; a missing
// alarm is not folded into real alarms; a later run starts a new label.
func TestFoldNearLabels(t *testing.T) {
	var ms []plots.Marker
	for i := range 5 {
		ms = append(ms, plots.Marker{At: float64(100 + 10*i), Kind: plots.MarkerAlarm, Label: fmt.Sprintf("unit/%d alarm", i)})
	}
	ms = append(ms,
		plots.Marker{At: 100, Kind: plots.MarkerMissingAlarm, Label: "no alarm: link-down"},
		plots.Marker{At: 100, Kind: plots.MarkerFault, Label: "switch-fault"},
		plots.Marker{At: 500, Kind: plots.MarkerAlarm, Label: "late alarm (+2)"})
	got := foldNearLabels(ms, 15)
	require.Len(t, got, len(ms), "every line stays")
	var labels []string
	for _, m := range got {
		if m.Label != "" {
			labels = append(labels, m.Label)
		}
	}
	require.Equal(t, []string{"unit/0 alarm (+4)", "no alarm: link-down", "switch-fault", "late alarm (+2)"}, labels)
}

// TestMarkersChooseByKind: markers come from the events' kinds, never
// their messages: a fault, an operator's detour and a detector's
// automatic one (labelled by who did it), the first alarm of a detector
// only, a missing alarm and a population's return in their own kinds; a
// state, a route, a clear, a check and a hosted service coming back are
// not marked, whatever their messages say.
func TestMarkersChooseByKind(t *testing.T) {
	s := &spec.Spec{Horizon: time.Hour, Hosted: []spec.Hosted{{Name: "talk"}}}
	at := func(sec int) time.Duration { return time.Duration(sec) * time.Second }
	res := &scenarios.Result{Spec: s, Events: []sim.LogEntry{
		{At: at(10), Kind: sim.EventFault, Subject: "sw", Message: "switch-fault: forwarding drops 100%"},
		{At: at(10), Kind: sim.EventMissingAlarm, Subject: "link-down", Message: "no alarm: ..."},
		{At: at(20), Kind: sim.EventAlarm, Subject: "probe", Message: "automatic alerted fault"},
		{At: at(25), Kind: sim.EventAlarm, Subject: "probe", Message: "again"},
		{At: at(30), Kind: sim.EventDetour, Subject: "units", By: "probe", Message: "detour 100% of e to f: automatic"},
		{At: at(40), Kind: sim.EventState, Subject: "sw", Message: "fault: automatic detour alerted"},
		{At: at(50), Kind: sim.EventRoute, Subject: "r", Message: "requests lost"},
		{At: at(60), Kind: sim.EventClear, Subject: "probe", Message: "up"},
		{At: at(900), Kind: sim.EventDetour, Subject: "stuck", By: "noc", Message: "manual-detour: operator noc"},
		{At: at(901), Kind: sim.EventPopulationBack, Subject: "users", Message: "users: back"},
		{At: at(902), Kind: sim.EventRecovery, Subject: "talk", Message: "usable"},
		{At: at(3600), Kind: sim.EventCheck, Subject: "outage", Message: "fault action alarm"},
	}}
	var got []string
	for _, m := range markers(res) {
		got = append(got, fmt.Sprintf("%g %s %s", m.At, m.Kind, m.Label))
	}
	require.Equal(t, []string{
		"10 fault switch-fault",
		"10 missing alarm no alarm: link-down",
		"20 alarm probe alarm",
		"30 action probe: detour 100% of e to f",
		"900 action noc: manual-detour",
		"901 recovery users back",
	}, got)
}
