package operate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The 17 Dec plan in two tracks. After the notice (10 min) the operators
// look for the cause (3 h) and, believing that automatic detour fired on
// every node, do not prepare the detour; the belief ends when the cause is
// found, or after its own span (customer reports), whichever is first.
// Then the hand work (30 min) and the detour (15 min). Without the belief
// the hand work starts right after the notice: the detour comes before
// the cause is found.
func TestBeliefHoldsTheDetourUntilItEnds(t *testing.T) {
	cases := []struct {
		name   string
		span   float64 // the belief's own span; < 0: no belief
		detour float64 // when users are detoured
		ends   string  // how the belief ended, as logged
	}{
		{"ends with the diagnosis", 5 * 3600, 600 + 3*3600 + 1800 + 900, "belief ends after 3h0m0s (ended with diagnose)"},
		{"customer reports first", 3600, 600 + 3600 + 1800 + 900, "belief ends after 1h0m0s (found out otherwise)"},
		{"no belief", -1, 600 + 1800 + 900, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, 1, secs(86400))
			done := &doLog{}
			plan := []Step{
				{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
				{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3*3600)},
			}
			work := Step{Name: "find-units", Kind: Work, Delay: fixed(t, 1800), Requires: "notice"}
			if c.span >= 0 {
				plan = append(plan, Step{Name: "believe", Kind: Believe, Delay: fixed(t, c.span), Requires: "notice", EndsWith: "diagnose"})
				work.Requires = "believe"
			}
			plan = append(plan, work, Step{Name: "detour", Kind: Act, Delay: fixed(t, 900), Do: done.ok()})
			o := newOperator(t, env, Config{Name: "noc", Plan: plan})
			raise(env, o, 0, "reports")
			env.Engine.Run()
			require.Equal(t, []int{int(c.detour)}, []int{int(done.at[0].Seconds())})
			require.True(t, o.Done())
			var details []string
			for _, e := range logOf(env) {
				details = append(details, e.detail)
			}
			require.Contains(t, details, "find-units: starts")
			require.Contains(t, details, "find-units: done after 30m0s")
			require.Contains(t, details, "diagnose: diagnosed after 3h0m0s")
			if c.span >= 0 {
				require.Contains(t, details, "believe: belief starts")
				require.Contains(t, details, "believe: "+c.ends)
			}
			require.Len(t, o.Records(), len(plan))
		})
	}
}

// A belief that ends with a step already over ends as soon as it starts.
func TestBeliefEndingWithAnEarlierStep(t *testing.T) {
	env := newEnv(t, 1, secs(86400))
	done := &doLog{}
	o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
		{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
		{Name: "believe", Kind: Believe, Delay: fixed(t, 3600), EndsWith: "notice"},
		{Name: "detour", Kind: Act, Delay: fixed(t, 60), Do: done.ok()},
	}})
	raise(env, o, 0, "reports")
	env.Engine.Run()
	require.Equal(t, secs(660), done.at[0])
	require.Equal(t, "believe: belief ends after 0s (ended with notice)", logOf(env)[3].detail)
}

// Plans that cannot run are refused.
func TestPlanShapeErrors(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	cases := []struct {
		name string
		plan []Step
		want string
	}{
		{"unknown requires", []Step{{Name: "a", Kind: Notice, Delay: fixed(t, 1), Requires: "zz"}}, `requires "zz", which is not an earlier step`},
		{"later requires", []Step{{Name: "a", Kind: Notice, Delay: fixed(t, 1)}, {Name: "b", Kind: Work, Delay: fixed(t, 1), Requires: "b"}}, `requires "b"`},
		{"duplicate name", []Step{{Name: "a", Kind: Notice, Delay: fixed(t, 1)}, {Name: "a", Kind: Work, Delay: fixed(t, 1)}}, "taken by an earlier step"},
		{"ends with unknown", []Step{{Name: "a", Kind: Believe, Delay: fixed(t, 1), EndsWith: "zz"}}, `ends with "zz"`},
		{"ends with on work", []Step{{Name: "b", Kind: Notice, Delay: fixed(t, 1)}, {Name: "a", Kind: Work, Delay: fixed(t, 1), EndsWith: "b"}}, "only believe steps"},
		{"ends with itself", []Step{{Name: "a", Kind: Believe, Delay: fixed(t, 1), EndsWith: "a"}}, "cannot end with itself"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(env, Config{Name: "noc", Plan: c.plan})
			require.ErrorContains(t, err, c.want)
		})
	}
}
