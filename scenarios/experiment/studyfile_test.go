package experiment

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseStudy(t *testing.T) {
	st, err := ParseStudy("s.yaml", []byte(`# a study
scenario: retry-storm
set: [horizon=10m]
vary:
  - key: load
    values: 0.5..1/0.25
    with:
      - key: label
        values: [low, mid, high]
  - key: retries
    values: [0, 3]
reps: 4
seed: 9
plot: [metastable.metastable]
`))
	require.NoError(t, err)
	seed := uint64(9)
	require.Equal(t, &Study{
		Scenario: "retry-storm",
		Sets:     []string{"horizon=10m"},
		Design:   Grid,
		Axes: []Axis{
			{Key: "load", Values: []string{"0.5", "0.75", "1"}},
			{Key: "label", Values: []string{"low", "mid", "high"}, Lockstep: true},
			{Key: "retries", Values: []string{"0", "3"}},
		},
		Reps: 4,
		Seed: &seed,
		Plot: []string{"metastable.metastable"},
	}, st)
}

func TestParseStudyErrorsNamePlaces(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"scenario: a\nvary:\n  - key: x\n    values: 1..0/1\n", "s.yaml:4:13: vary.x.values: range 1..0: the upper end is below the lower end"},
		{"scenario: a\nvary:\n  - key: x\n    vals: [1]\n", "s.yaml:4:5: vary.0.vals: unknown field; expected one of key, values, with"},
		{"scenario: a\nvary:\n  - key: x\n    values: [1]\nreps: 0\n", "s.yaml:5:7: reps: \"0\": expected a whole number from 1 to 100000"},
		{"scenario: a\nvary:\n  - key: x\n    values: [1]\nreps: 1\nreps: 2\n", "s.yaml:6:1: reps: given twice"},
		{"scenario: a\nvary:\n  - key: x\n    values: [1]\n    with:\n      - key: y\n        values: [1, 2]\n", "moves in lockstep with x"},
		{"scenario: a\nvary:\n  - key: x\n    values: [1]\n    with:\n      - key: y\n        values: [1]\n        with: []\n", "s.yaml:8:9: vary.x.with.0.with: unknown field; expected one of key, values"},
		{"scenario: a\n", "s.yaml:1:1: vary: missing"},
		{"vary: [{key: x, values: [1]}]\n", "s.yaml:1:1: scenario: missing"},
		{"scenario: a\ndesign: random\nvary: [{key: x, values: [1]}]\n", `s.yaml:2:9: design: "random": expected grid, one-at-a-time or compare`},
		{"scenario: a\nvary: [{key: x, values: [1, 1]}]\n", "value 1 is listed twice"},
		{"scenario: [a\n", "s.yaml: not valid YAML"},
		{"", "the file is empty"},
		{"scenario: a\n\xff\n", "s.yaml:2: the file is not UTF-8 text"},
		{"- 1\n", "s.yaml:1:1: expected a mapping"},
	} {
		_, err := ParseStudy("s.yaml", []byte(tc.file))
		require.Error(t, err, tc.file)
		require.Contains(t, err.Error(), tc.want, tc.file)
	}
}
