package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
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
