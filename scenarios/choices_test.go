package scenarios

import (
	"fmt"
	"math"
	"testing"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/stretchr/testify/require"
)

// quickSets returns the built-in's declared quick overrides: a short run of
// the same scenario, fewer users or rarer requests, the same mechanisms.
func quickSets(t *testing.T, name string) []string {
	t.Helper()
	return loadBuiltin(t, name).Quick
}

// Every built-in declares its quick size, and it loads.
func TestEveryBuiltinDeclaresAQuickSize(t *testing.T) {
	t.Parallel()
	for _, b := range Builtins() {
		s := loadBuiltin(t, b.Name)
		require.NotNil(t, s.Quick, "%s declares no quick: overrides", b.Name)
		loadBuiltin(t, b.Name, s.Quick...)
	}
}

// declaredVariants lists, for each param of s, the --set values a scenario
// file declares usable: every choice, both values of a bool, and a number
// param's min and max. The default is left out: every other test runs it.
func declaredVariants(s *spec.Spec) []string {
	var sets []string
	for _, p := range s.Params {
		var values []any
		switch {
		case len(p.Choices) > 0:
			values = p.Choices
		case p.Kind == spec.BoolParam:
			values = []any{true, false}
		case p.Kind == spec.NumberParam:
			if p.Min != nil {
				values = append(values, *p.Min)
			}
			if p.Max != nil {
				values = append(values, *p.Max)
			}
		}
		for _, v := range values {
			if v == p.Default {
				continue
			}
			sets = append(sets, fmt.Sprintf("%s=%v", p.Name, v))
		}
	}
	return sets
}

// Every choice a built-in declares runs: each choice of each param, both
// values of a bool, each number param at its declared min and max, at the
// built-in's quick size. A declared knob that fails (as token_backoff=
// decorrelated did) is a broken promise of the file. Without -full each
// variant is validated and built, models and all (a second for all of
// them); with -full (.ci/run) each one runs (about a minute).
func TestEveryDeclaredChoiceRuns(t *testing.T) {
	t.Parallel()
	for _, b := range Builtins() {
		quick := quickSets(t, b.Name)
		for _, set := range declaredVariants(loadBuiltin(t, b.Name, quick...)) {
			t.Run(b.Name+"/"+set, func(t *testing.T) {
				t.Parallel()
				s := loadBuiltin(t, b.Name, append(append([]string(nil), quick...), set)...)
				if !*full {
					m, err := build(s)
					require.NoError(t, err)
					require.NoError(t, validateMetrics(s, m))
					return
				}
				res, err := Run(s, Options{})
				require.NoError(t, err)
				for _, p := range res.Summary.Outcome.Populations {
					require.Positive(t, p.Requests, "population %s sent nothing", p.Name)
					require.False(t, math.IsNaN(p.Availability), "population %s", p.Name)
				}
			})
		}
	}
}

// The variants are what the file declares, and nothing else.
func TestDeclaredVariants(t *testing.T) {
	t.Parallel()
	lo, hi := 1.0, 8.0
	s := &spec.Spec{Params: []spec.Param{
		{Name: "mode", Kind: spec.StringParam, Default: "a", Choices: []any{"a", "b", "c"}},
		{Name: "flag", Kind: spec.BoolParam, Default: false},
		{Name: "n", Kind: spec.NumberParam, Default: 2.0, Min: &lo, Max: &hi},
		{Name: "free", Kind: spec.NumberParam, Default: 2.0},
	}}
	require.Equal(t, []string{"mode=b", "mode=c", "flag=true", "n=1", "n=8"}, declaredVariants(s))
}
