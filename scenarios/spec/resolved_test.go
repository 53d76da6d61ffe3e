package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The resolved document of a scenario with params, ${}, --set paths and a
// literal $${ holds the values used; loaded without --set it is the same
// scenario, and it resolves to the same bytes.
func TestResolvedRoundTrips(t *testing.T) {
	src := []byte(`name: tiny
description: "costs $${price} a month"
seed: 1
horizon: ${minutes}m
step: 10s
params:
  minutes: {default: 1, description: length of the run}
  region: {default: eu, description: where, choices: [eu, us]}
  fast: {default: false, description: a bool}
  ms: {default: 10, description: service time}
components:
  - {name: api, kind: service, workers: 2, service_time: {dist: deterministic, value: "${ms*2}ms"}}
populations:
  - {name: "users-${region}", users: 10, rate: 5, deadline: 1s, target: api}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30s}
`)
	s, err := Load("tiny.yaml", src, []string{"minutes=3", "region=us", "fast=true", "ms=2.5", "components.api.workers=5"})
	require.NoError(t, err)
	resolved, err := s.Resolved()
	require.NoError(t, err)
	text := string(resolved)
	require.Contains(t, text, "horizon: 3m")
	require.Contains(t, text, "workers: 5")
	require.Contains(t, text, "value: 5ms")
	require.Contains(t, text, "$${price}")
	require.NotContains(t, text, "${minutes}")

	again, err := Load("resolved.yaml", resolved, nil)
	require.NoError(t, err)
	require.Equal(t, s.ParamValues(), again.ParamValues())
	require.Equal(t, s.Horizon, again.Horizon)
	require.Equal(t, s.Description, again.Description)
	require.Equal(t, "costs ${price} a month", again.Description)
	require.Equal(t, "users-us", again.Populations[0].Name)
	require.Equal(t, 5, again.Components[0].Service.Workers)
	twice, err := again.Resolved()
	require.NoError(t, err)
	require.Equal(t, text, string(twice))
}
