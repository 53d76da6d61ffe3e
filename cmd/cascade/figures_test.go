package main

import (
	"fmt"
	"math"
	"testing"

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
