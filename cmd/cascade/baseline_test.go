package main

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Two services: busy sees about 12,000 arrivals in the baseline window,
// rare about 30 (under scenarios.MinBaselineArrivals) before a burst.
const baselineScenario = `
name: baseline-agreement
description: the load figure and the outcome share one baseline mean
seed: 3
horizon: 20m
step: 1m
components:
  - {name: busy, kind: service, workers: 20, service_time: {dist: exponential, mean: 10ms}}
  - {name: rare, kind: service, workers: 20, service_time: {dist: exponential, mean: 10ms}}
populations:
  - {name: steady, users: 1000, rate_per_user: 0.02, deadline: 2s, target: busy}
  - {name: surge, users: 1000, rate_per_user: 0.02, start: 10m, deadline: 2s, target: busy}
  - {name: trickle, users: 10, rate_per_user: 0.005, deadline: 2s, target: rare}
  - {name: burst, users: 1000, rate_per_user: 0.005, start: 10m, deadline: 2s, target: rare}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 10m}
`

// TestLoadFigureDividesByTheOutcomesBaseline: the load figure's "×
// baseline mean" line of a component peaks at the outcome's peak load
// ratio, to the bit, and a component the outcome gives no ratio (too few
// baseline arrivals) has no line there.
func TestLoadFigureDividesByTheOutcomesBaseline(t *testing.T) {
	t.Parallel()
	s, err := spec.Load("baseline.yaml", []byte(baselineScenario), nil)
	require.NoError(t, err)
	res, err := scenarios.Run(s, scenarios.Options{})
	require.NoError(t, err)
	ratios := res.Summary.Outcome.PeakLoadRatio
	require.Contains(t, ratios, "busy")
	require.NotContains(t, ratios, "rare", "about 30 baseline arrivals")

	fig := loadFigure(res)
	i := slices.IndexFunc(fig.Panels, func(p plots.Panel) bool { return p.YLabel == "× baseline mean" })
	require.GreaterOrEqual(t, i, 0, "the normalised panel is drawn")
	lines := fig.Panels[i].Lines
	require.Len(t, lines, 1, "only busy has a baseline")
	require.Equal(t, "busy", lines[0].Label)
	require.Equal(t, ratios["busy"], slices.Max(lines[0].Y))

	offered := find(res, "busy", "offered_per_s").Values
	mean, ok := scenarios.BaselineMean(res.Spec, offered)
	require.True(t, ok)
	require.InDelta(t, 20, mean, 1, "1000 users at 0.02/s")
	for j, v := range offered {
		require.Equal(t, v/mean, lines[0].Y[j], "step %d", j)
	}
	_, ok = scenarios.BaselineMean(res.Spec, find(res, "rare", "offered_per_s").Values)
	require.False(t, ok)
}
