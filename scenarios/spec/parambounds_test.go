package spec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// boundedDoc is a scenario whose param load is bounded on lines 9 and 10.
const boundedDoc = `name: bounded
description: a bounded param
seed: 1
horizon: 10m
step: 1m
params:
  load:
    default: 0.7
    min: 0.6
    max: 0.8
    description: offered load
components:
  - name: server
    kind: service
    workers: 1
    service_time: {dist: exponential, mean: 1s}
populations:
  - {name: users, users: 10, rate_per_user: "${load / 10}", deadline: 10s, target: server}
outcome:
  availability_threshold: 0.9
  baseline: {from: 0s, to: 5m}
`

// TestParamBounds: --set outside a param's min or max is refused, naming
// the param, the value, the bound and the line the file declares it on;
// values on the bounds are taken; a declaration's own bounds are checked
// (default inside, min <= max, numbers only).
func TestParamBounds(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		sets []string
		want []wantErr
	}{
		{name: "below the min", sets: []string{"load=0.5"},
			want: []wantErr{{"b.yaml:8:5", "params.load", "--set load=0.5: expected a number from 0.6 to 0.8 (the param's min and max), got 0.5, below the min 0.6 declared at b.yaml:9"}}},
		{name: "above the max", sets: []string{"load=0.81"},
			want: []wantErr{{"b.yaml:8:5", "params.load", "--set load=0.81: expected a number from 0.6 to 0.8 (the param's min and max), got 0.81, above the max 0.8 declared at b.yaml:10"}}},
		{name: "only a max", doc: strings.Replace(boundedDoc, "    min: 0.6\n", "", 1), sets: []string{"load=2"},
			want: []wantErr{{"b.yaml:8:5", "params.load", "--set load=2: expected a number <= 0.8 (the param's max), got 2, above the max 0.8 declared at b.yaml:9"}}},
		{name: "only a min", doc: strings.Replace(boundedDoc, "    max: 0.8\n", "", 1), sets: []string{"load=-1"},
			want: []wantErr{{"b.yaml:8:5", "params.load", "--set load=-1: expected a number >= 0.6 (the param's min), got -1, below the min 0.6 declared at b.yaml:9"}}},
		{name: "bounds in a flow mapping",
			doc:  strings.Replace(boundedDoc, "    default: 0.7\n    min: 0.6\n    max: 0.8\n    description: offered load\n", "    {default: 0.7, min: 0.6, max: 0.8, description: offered load}\n", 1),
			sets: []string{"load=1"},
			want: []wantErr{{"b.yaml:8:5", "params.load", "above the max 0.8 declared at b.yaml:8"}}},
		{name: "default below the min", doc: strings.Replace(boundedDoc, "default: 0.7", "default: 0.5", 1),
			want: []wantErr{{"b.yaml:8:14", "params.load.default", "expected a number from 0.6 to 0.8 (the param's min and max), got 0.5"}}},
		{name: "default above the max", doc: strings.Replace(boundedDoc, "default: 0.7", "default: 0.9", 1),
			want: []wantErr{{"b.yaml:8:14", "params.load.default", "expected a number from 0.6 to 0.8 (the param's min and max), got 0.9"}}},
		{name: "min above max", doc: strings.Replace(boundedDoc, "min: 0.6", "min: 0.9", 1),
			want: []wantErr{{"b.yaml:10:10", "params.load.max", "expected a max >= min (0.9), got 0.8"}}},
		{name: "bounds of a string param", doc: strings.Replace(boundedDoc, "default: 0.7", "default: high", 1),
			want: []wantErr{{"b.yaml:9:10", "params.load.min", `min and max bound number params; this param's default "high" is a string`},
				{"b.yaml:18:45", "populations.users.rate_per_user", "param load is a string"}}},
		{name: "a max that is not a number", doc: strings.Replace(boundedDoc, "max: 0.8", "max: high", 1),
			want: []wantErr{{"b.yaml:10:10", "params.load.max", `expected a finite number, got "high"`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" {
				doc = boundedDoc
			}
			_, err := Load("b.yaml", []byte(doc), tc.sets)
			requireErrors(t, err, tc.want...)
		})
	}
	for _, v := range []string{"0.6", "0.8", "0.75"} {
		s, err := Load("b.yaml", []byte(boundedDoc), []string{"load=" + v})
		require.NoError(t, err, "load=%s is within the bounds", v)
		require.Equal(t, v, formatValue(s.ParamValues()["load"]))
	}
}
