package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// grayFailure is the shape of the Docomo outage of 17 Dec 2022 in
// miniature: a switch's port-expansion part loses its internal link to the
// L2 part while the server-facing port stays physically up. DETECTOR is
// replaced by the detector under test; an operator notices from customer
// reports, diagnoses and fails the server over by hand.
const grayFailure = `
name: gray-failure
description: a silent switch failure, caught or not
seed: 3
horizon: 2h
step: 30s
network:
  nodes:
    - {name: gw, kind: router, routes: [{prefix: 10.5.0.0/16, next_hop: direct}]}
    - {name: sw, kind: switch, parts: [l2, pe]}
    - {name: sw2, kind: switch}
    - {name: auth, kind: host, address: 10.5.0.10, parts: [nic1, nic2], active: nic1, standby: nic2}
  links:
    - {name: uplink, a: gw, b: sw/l2}
    - {name: internal, a: sw/l2, b: sw/pe}
    - {name: auth-active, a: sw/pe, b: auth/nic1}
    - {name: uplink2, a: gw, b: sw2}
    - {name: auth-standby, a: sw2, b: auth/nic2}
components:
  - {name: auth-svc, kind: service, workers: 50, service_time: {dist: exponential, mean: 5ms}}
  - {name: to-auth, kind: route, from: gw, to: 10.5.0.10, target: auth-svc}
populations:
  - {name: users, users: 20000, rate: 50, deadline: 2s, target: to-auth}
faults:
  - {name: switch-fault, at: 30m, component: internal, action: forwarding, drop: 1}
detectors:
  - DETECTOR
operators:
  - name: noc
    notice_from: [customer-reports]
    steps:
      - {name: notice, after: {dist: deterministic, value: 5m}}
      - {name: diagnose, after: {dist: deterministic, value: 30m}}
      - name: failover-by-hand
        after: {dist: deterministic, value: 5m}
        action: {component: auth, action: failover}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30m}
`

func runGray(t *testing.T, detector string) *Result {
	t.Helper()
	s, err := spec.Load("gray.yaml", []byte(strings.Replace(grayFailure, "DETECTOR", detector, 1)), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	return res
}

// TestGrayFailureNeedsTheRightDetector: link-down never fires on a silent
// failure, so the outage lasts until the operator acts (notice 5 min after
// the first minute's alert, diagnosis 30 min, failover 5 min); BFD over the
// same path fails the server over within a second.
func TestGrayFailureNeedsTheRightDetector(t *testing.T) {
	t.Parallel()
	res := runGray(t, "{name: port, kind: link-down, link: auth-active, on_fire: [{component: auth, action: failover}]}")
	o := res.Summary.Outcome.Outage
	require.Equal(t, 1800.0, o.StartS, "the outage starts with the fault")
	require.InDelta(t, 30*60+41*60, o.EndS, 120, "operator: ~1 min to alert, 5 + 30 + 5 min of steps")
	var kinds []string
	for _, e := range res.Events {
		kinds = append(kinds, string(e.Kind)+" "+e.Subject)
	}
	require.NotContains(t, kinds, "action port", "link-down never fired")

	res = runGray(t, "{name: bfd, kind: bfd, route: to-auth, interval: 50ms, multiplier: 3, on_fire: [{component: auth, action: failover}]}")
	o = res.Summary.Outcome.Outage
	require.Zero(t, o.DurationS, "no 30 s step falls below 99%: BFD failed over within a second")
	p := res.Summary.Outcome.Populations[0]
	require.Positive(t, p.Failed, "the requests of the detection time failed")
	require.Less(t, float64(p.Failed), 50.0, "less than a second's worth of requests (50/s) failed")
}

// TestRoutesThatDropBeforeAnyFaultAreRefused: a route whose requests are
// lost at the start (no route table entry, an address no node owns) is a
// mistake in the network, refused by validation, naming the reason.
func TestRoutesThatDropBeforeAnyFaultAreRefused(t *testing.T) {
	t.Parallel()
	b, ok := LookupBuiltin("docomo-2022-12-17")
	require.True(t, ok)
	for set, want := range map[string]string{
		"components.via-e.to=192.0.2.77": "requests from gw-e to 192.0.2.77 are dropped at gw-e: its route table has no entry for the address",
		"components.via-e.to=10.5.0.99":  "requests from gw-e to 10.5.0.99 are dropped at gw-e: no node owns the address",
	} {
		_, err := Validate(b.File, b.Data, []string{set})
		require.ErrorContains(t, err, "components.via-e: before any fault, "+want, set)
	}
}
