package experiment

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func axis(key string, lockstep bool, values ...string) Axis {
	return Axis{Key: key, Values: values, Lockstep: lockstep}
}

func TestGridCombinations(t *testing.T) {
	st := &Study{Scenario: "s", Design: Grid, Reps: 2, Axes: []Axis{
		axis("a", false, "1", "2"),
		axis("b", false, "x", "y", "z"),
		axis("c", true, "10", "20", "30"),
	}}
	require.NoError(t, st.Check())
	var got [][]string
	for _, c := range st.Combinations() {
		got = append(got, c.Values)
	}
	require.Equal(t, [][]string{
		{"1", "x", "10"}, {"1", "y", "20"}, {"1", "z", "30"},
		{"2", "x", "10"}, {"2", "y", "20"}, {"2", "z", "30"},
	}, got)
	require.Equal(t, []string{"a=2", "b=y", "c=20"}, st.Combinations()[4].Sets(st))
}

func TestOneAtATimeCombinations(t *testing.T) {
	st := &Study{Scenario: "s", Design: OneAtATime, Reps: 1, Axes: []Axis{
		axis("a", false, "1", "2"),
		axis("b", false, "x"),
		axis("c", true, "10"),
	}}
	require.NoError(t, st.Check())
	var got [][]string
	for _, c := range st.Combinations() {
		got = append(got, c.Sets(st))
	}
	require.Equal(t, [][]string{{}, {"a=1"}, {"a=2"}, {"b=x", "c=10"}}, got)
}

func TestStudyCheckRefuses(t *testing.T) {
	ok := func() *Study {
		return &Study{Scenario: "s", Design: Grid, Reps: 1, Axes: []Axis{axis("a", false, "1", "2")}}
	}
	for msg, mutate := range map[string]func(*Study){
		"no scenario":              func(s *Study) { s.Scenario = "" },
		"no axis":                  func(s *Study) { s.Axes = nil },
		"design":                   func(s *Study) { s.Design = "random" },
		"reps 0":                   func(s *Study) { s.Reps = 0 },
		"no axis before it":        func(s *Study) { s.Axes[0].Lockstep = true },
		"moves in lockstep with a": func(s *Study) { s.Axes = append(s.Axes, axis("b", true, "1")) },
		"a is varied twice":        func(s *Study) { s.Axes = append(s.Axes, axis("a", false, "3")) },
		"both set for every run":   func(s *Study) { s.Sets = []string{"a=4"} },
		"runs; at most": func(s *Study) {
			s.Reps = 90000
			s.Axes[0].Values, _ = ParseValues("1..112/1")
		},
	} {
		st := ok()
		mutate(st)
		err := st.Check()
		require.Error(t, err, msg)
		require.Contains(t, err.Error(), msg)
	}
	big := ok()
	big.Axes = nil
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		vals, err := ParseValues("1..100/1")
		require.NoError(t, err)
		big.Axes = append(big.Axes, Axis{Key: k, Values: vals})
	}
	require.ErrorContains(t, big.Check(), "at most 10000000", "products that overflow are refused")
}
