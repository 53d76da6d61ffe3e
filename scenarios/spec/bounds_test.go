package spec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/retry"
)

// small is a minimal valid scenario with a client and a documented block
// whose tolerance and control lines the tests replace.
const small = `name: small
description: a lower bound and a retry budget
seed: 1
horizon: 1h
step: 1m
clients:
  - name: c
    retries: 2
    control: CONTROL
components:
  - {name: s, kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}
populations:
  - {name: p, users: 10, rate: 1, deadline: 1s, target: s, client: c}
outcome:
  availability_threshold: 0.9
  baseline: {from: 0s, to: 10m}
documented:
  - {name: users, metric: impacted_users, value: 30000, kind: emergent, TOLERANCE}
`

func smallDoc(control, tolerance string) []byte {
	return []byte(strings.NewReplacer("CONTROL", control, "TOLERANCE", tolerance).Replace(small))
}

func TestAtLeastBound(t *testing.T) {
	s, err := Load("b.yaml", smallDoc("{kind: none}", "at_least: true"), nil)
	require.NoError(t, err)
	tol := s.Documented[0].Tolerance
	require.True(t, tol.AtLeast)
	require.True(t, tol.Holds(30000, 30000))
	require.True(t, tol.Holds(45000, 30000))
	require.False(t, tol.Holds(29999, 30000))

	_, err = Load("b.yaml", smallDoc("{kind: none}", "at_least: false"), nil)
	require.ErrorContains(t, err, "b.yaml:18:")
	require.ErrorContains(t, err, "documented.users.at_least: expected true")
	_, err = Load("b.yaml", smallDoc("{kind: none}", "at_least: true, rel_tolerance: 0.1"), nil)
	require.ErrorContains(t, err, "exactly one of rel_tolerance, abs_tolerance or at_least, got two")
}

func TestRetryBudgetControl(t *testing.T) {
	s, err := Load("b.yaml", smallDoc("{kind: retry-budget}", "rel_tolerance: 0.1"), nil)
	require.NoError(t, err)
	require.Equal(t, retry.RetryBudgetConfig{Share: 0.1, TTL: 10e9}, s.Clients[0].Control)
	s, err = Load("b.yaml", smallDoc("{kind: retry-budget, share: 0, ttl: 20s}", "rel_tolerance: 0.1"), nil)
	require.NoError(t, err)
	require.Equal(t, retry.RetryBudgetConfig{Share: 0, TTL: 20e9}, s.Clients[0].Control)
	_, err = Load("b.yaml", smallDoc("{kind: retry-budget, share: -1}", "rel_tolerance: 0.1"), nil)
	require.ErrorContains(t, err, "clients.c.control.share")
	_, err = Load("b.yaml", smallDoc("{kind: retry-budget, ttl: 2m}", "rel_tolerance: 0.1"), nil)
	require.ErrorContains(t, err, "from 1s to 60s")
}

// Every documented figure says what kind of evidence a passing check is,
// and a calibrated or input figure names what it rests on.
func TestEvidenceKind(t *testing.T) {
	doc := func(kind string) []byte {
		return []byte(strings.Replace(string(smallDoc("{kind: none}", "at_least: true")), "kind: emergent, ", kind, 1))
	}
	for _, tc := range []struct {
		name, kind string
		want       EvidenceKind
		basis      string
		err        string
	}{
		{name: "emergent", kind: "kind: emergent, ", want: Emergent},
		{name: "emergent with the mechanism named", kind: "kind: emergent, basis: retries, ", want: Emergent, basis: "retries"},
		{name: "calibrated", kind: "kind: calibrated, basis: users_stuck, ", want: Calibrated, basis: "users_stuck"},
		{name: "input", kind: "kind: input, basis: the fault times, ", want: Input, basis: "the fault times"},
		{name: "missing", kind: "",
			err: `documented.users.kind: missing required field "kind"; expected what a passing check shows: emergent`},
		{name: "unknown", kind: "kind: measured, ",
			err: `documented.users.kind: expected one of: emergent, calibrated, input; got "measured"`},
		{name: "calibrated without a basis", kind: "kind: calibrated, ",
			err: "documented.users.basis: missing basis; a calibrated figure must name what it rests on"},
		{name: "input with an empty basis", kind: "kind: input, basis: ' ', ",
			err: "documented.users.basis: missing basis; an input figure must name what it rests on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load("b.yaml", doc(tc.kind), nil)
			if tc.err != "" {
				require.ErrorContains(t, err, "b.yaml:18:")
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, s.Documented[0].Kind)
			require.Equal(t, tc.basis, s.Documented[0].Basis)
		})
	}
}
