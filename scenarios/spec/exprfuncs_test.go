package spec

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestErlangC(t *testing.T) {
	// c = 1: the probability of waiting is rho.
	c, err := ErlangC(1, 0.7)
	require.NoError(t, err)
	require.InDelta(t, 0.7, c, 1e-12)
	// c = 2: C = 2 rho^2 / (1 + rho) with rho = a/2.
	c, err = ErlangC(2, 1.6)
	require.NoError(t, err)
	require.InDelta(t, 2*0.64/1.8, c, 1e-12)
	// c = 4, a = 3.2 by the textbook sum formula.
	a := 3.2
	sum, term := 0.0, 1.0
	for k := 0; k < 4; k++ {
		if k > 0 {
			term *= a / float64(k)
		}
		sum += term
	}
	top := term * a / 4 // a^4/4!
	want := top / ((1-a/4)*sum + top)
	c, err = ErlangC(4, a)
	require.NoError(t, err)
	require.InDelta(t, want, c, 1e-12)
	for _, bad := range [][2]float64{{0, 0.5}, {2.5, 1}, {2, 2}, {2, math.NaN()}, {3, -1}} {
		_, err := ErlangC(bad[0], bad[1])
		require.Error(t, err, "%v", bad)
	}
}

func TestExpressionFunctions(t *testing.T) {
	doc := func(value string) []byte {
		return []byte(`name: f
description: functions
seed: 1
horizon: 1h
step: 1m
params:
  a: {default: 3.2, description: offered load}
components:
  - {name: s, kind: service, workers: 4, service_time: {dist: deterministic, value: 1s}}
populations:
  - {name: p, users: 1, rate: 1, deadline: none, target: s}
outcome:
  availability_threshold: 0.9
  baseline: {from: 0s, to: 1m}
documented:
  - {name: d, metric: outage.duration_s, value: "` + value + `", abs_tolerance: 0, kind: emergent}
`)
	}
	cases := []struct {
		expr string
		want float64
		err  string
	}{
		{"${min(2, 3) + max(2, 3)}", 5, ""},
		{"${pow(2, 10)}", 1024, ""},
		{"${sqrt(16) * exp(0) + log(1)}", 4, ""},
		{"${erlang_c(4, a)}", 0.5964, ""},
		{"${min(1)}", 0, "min takes 2 argument(s), got 1"},
		{"${sqrt(-1)}", 0, "not a finite number"},
		{"${erlang_c(4, 5)}", 0, "offered load a must be in [0, c)"},
		{"${pow(2, 3}", 0, "missing )"},
		{"${min}", 0, `unknown param "min"`},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			s, err := Load("f.yaml", doc(c.expr), nil)
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.InDelta(t, c.want, s.Documented[0].Value, 1e-4)
		})
	}
}

func TestStringComparison(t *testing.T) {
	doc := func(sets ...string) (*Spec, error) {
		return Load("c.yaml", []byte(`name: c
description: comparisons
seed: 1
horizon: 1h
step: 1m
params:
  detection: {default: link-down, description: which detector, choices: [link-down, bfd]}
  flag: {default: false, description: a bool}
components:
  - {name: s, kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}
populations:
  - {name: p, users: 1, rate: 1, deadline: none, target: s}
outcome:
  availability_threshold: 0.9
  baseline: {from: 0s, to: 1m}
documented:
  - {name: a, metric: x, value: 1, abs_tolerance: 0, kind: emergent, source: "${detection == 'bfd'}"}
  - {name: b, metric: x, value: 1, abs_tolerance: 0, kind: emergent, source: "${detection != \"bfd\"}"}
  - {name: c, metric: x, value: 1, abs_tolerance: 0, kind: emergent, source: "${flag == 'true'}"}
  - {name: d, metric: x, value: "${detection == 'bfd' ? 0.15 : 2 * 60}", abs_tolerance: 0, kind: emergent}
  - {name: e, metric: x, value: 1, abs_tolerance: 0, kind: emergent, source: "${flag == 'true' ? 'on' : 'off'}"}
`), sets)
	}
	s, err := doc()
	require.NoError(t, err)
	require.Equal(t, []string{"false", "true", "false"}, []string{s.Documented[0].Source, s.Documented[1].Source, s.Documented[2].Source})
	require.Equal(t, 120.0, s.Documented[3].Value)
	require.Equal(t, "off", s.Documented[4].Source)
	s, err = doc("detection=bfd", "flag=true")
	require.NoError(t, err)
	require.Equal(t, 0.15, s.Documented[3].Value)
	require.NoError(t, err)
	require.Equal(t, []string{"true", "false", "true"}, []string{s.Documented[0].Source, s.Documented[1].Source, s.Documented[2].Source})
}

func TestExponentDurationSaysOutOfRange(t *testing.T) {
	_, err := ParseDuration("1.1e+30s")
	require.ErrorContains(t, err, "far outside the range of a duration")
}
