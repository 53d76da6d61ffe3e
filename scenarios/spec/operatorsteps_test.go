package spec

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
)

// twoTracks adds to testdata/network.yaml's operator a belief that holds
// the detour until the diagnosis ends, hand work, a step with several
// actions, attention, and an e2e-probe per unit.
func twoTracks(t *testing.T, edits ...string) string {
	t.Helper()
	doc := editDoc(t, testdataDoc(t, "network.yaml"),
		"    diagnosis_factor_missing_alarm: 2\n", `      - {name: believe, kind: believe, after: {dist: deterministic, value: 2h}, requires: notice, ends_with: diagnose, enabled: false}
      - {name: find, kind: work, after: {dist: deterministic, value: 30m}, requires: believe}
      - name: detour-all
        after: {dist: deterministic, value: 10m}
        action: {component: planes-w, action: detour, from: e, share: 1, to: [f]}
        actions: [{component: planes-w, action: restore}]
    attention: {triage: {dist: uniform, min: 10s, max: 50s}}
    diagnosis_factor_missing_alarm: 2
`,
		"threshold: 3}", "threshold: 3, count: 40}")
	return editDoc(t, doc, edits...)
}

// The new operator fields decode as written; a step's kind is left empty
// when the file leaves it out (the builder infers it).
func TestLoadOperatorTracks(t *testing.T) {
	s, err := Load("t.yaml", []byte(twoTracks(t)), nil)
	require.NoError(t, err)
	op := s.Operators[0]
	require.Equal(t, &Attention{Triage: models.UniformDist{Min: 10 * time.Second, Max: 50 * time.Second}}, op.Attention)
	require.Len(t, op.Steps, 7)
	require.Equal(t, OperatorStep{Name: "believe", Kind: StepKind("believe"), After: models.DeterministicDist{Value: 2 * time.Hour},
		Requires: "notice", EndsWith: "diagnose", Enabled: false}, op.Steps[4])
	require.Equal(t, StepKind("work"), op.Steps[5].Kind)
	require.True(t, op.Steps[5].Enabled)
	require.Equal(t, StepKind(""), op.Steps[6].Kind)
	require.Equal(t, []Fault{{By: ByOperator, Component: "planes-w", Action: Restore}}, op.Steps[6].Actions)
	require.Equal(t, 40, s.Detectors[4].E2EProbe.Count)
}

// Each new field's bad input is an error naming the line, column and
// field.
func TestLoadOperatorTrackErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []wantErr
	}{
		{"unknown kind", []string{"kind: work", "kind: toil"},
			[]wantErr{{"t.yaml:136:28", "operators.noc.steps.find.kind", "expected one of: notice, diagnose, act, believe, work; got \"toil\""}}},
		{"act without action", []string{"kind: work", "kind: act"},
			[]wantErr{{"t.yaml:136:28", "operators.noc.steps.find.kind", "an act step needs an action"}}},
		{"believe with an action", []string{"- name: detour-all\n", "- name: detour-all\n        kind: believe\n"},
			[]wantErr{{"t.yaml:138:15", "operators.noc.steps.detour-all.kind", "a believe step has no action"}}},
		{"ends_with on work", []string{"requires: believe}", "requires: believe, ends_with: notice}"},
			[]wantErr{{"t.yaml:136:106", "operators.noc.steps.find.ends_with", "only a believe step ends with another step"}}},
		{"ends_with unknown", []string{"ends_with: diagnose", "ends_with: diagnosis"},
			[]wantErr{{"t.yaml:135:110", "operators.noc.steps.believe.ends_with", `unknown step "diagnosis"; expected a step of operator "noc": notice, diagnose, detour, roll, believe, find, detour-all`}}},
		{"ends_with itself", []string{"ends_with: diagnose", "ends_with: believe"},
			[]wantErr{{"t.yaml:135:110", "operators.noc.steps.believe.ends_with", "a belief cannot end with itself"}}},
		{"enabled not a bool", []string{"enabled: false}", "enabled: no-thanks}"},
			[]wantErr{{"t.yaml:135:129", "operators.noc.steps.believe.enabled", "expected true or false"}}},
		{"actions without action", []string{"        action: {component: planes-w, action: detour, from: e, share: 1, to: [f]}\n        actions", "        actions"},
			[]wantErr{{"t.yaml:139:18", "operators.noc.steps.detour-all.actions", "expected an action first"}}},
		{"actions item unknown component", []string{"actions: [{component: planes-w,", "actions: [{component: planes-x,"},
			[]wantErr{{"t.yaml:140:31", "operators.noc.steps.detour-all.actions.0.component", "unknown component \"planes-x\""}}},
		{"attention without triage", []string{"attention: {triage: {dist: uniform, min: 10s, max: 50s}}", "attention: {}"},
			[]wantErr{{"t.yaml:141:16", "operators.noc.attention.triage", "missing required field \"triage\""}}},
		{"attention triage not a distribution", []string{"attention: {triage: {dist: uniform, min: 10s, max: 50s}}", "attention: {triage: 10s}"},
			[]wantErr{{"t.yaml:141:25", "operators.noc.attention.triage", "expected"}}},
		{"negative count", []string{"count: 40", "count: -1"},
			[]wantErr{{"t.yaml:110:103", "detectors.probe.count", "expected"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireLoadErrors(t, twoTracks(t, tc.edits...), tc.want...)
		})
	}
}
