package operate

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
)

// A step's kind is the one written, or by its place: act with an action,
// notice first, diagnose after.
func TestPlanKindStepKind(t *testing.T) {
	for _, c := range []struct {
		kind             PlanKind
		first, hasAction bool
		want             StepKind
	}{
		{"", true, false, Notice},
		{"", false, false, Diagnose},
		{"", true, true, Act},
		{"", false, true, Act},
		{"work", true, false, Work},
		{"believe", false, false, Believe},
		{"diagnose", true, false, Diagnose},
		{"act", false, true, Act},
		{"notice", false, false, Notice},
	} {
		require.Equal(t, c.want, c.kind.StepKind(c.first, c.hasAction), "%+v", c)
	}
	var k PlanKind
	require.Error(t, k.UnmarshalText([]byte("toil")))
	require.NoError(t, k.UnmarshalText([]byte("believe")))
	require.Equal(t, PlanKind("believe"), k)
}

// The rules between a step's fields hold for Go code too.
func TestStepConfigRules(t *testing.T) {
	type step = StepConfig[float64, string]
	act := "detour"
	for _, c := range []struct {
		s    step
		want string
	}{
		{step{Name: "s", Kind: "act"}, "kind: an act step needs an action"},
		{step{Name: "s", Kind: "work", Action: &act}, "kind: a work step has no action"},
		{step{Name: "s", Actions: []string{act}}, "actions: actions are run after action"},
		{step{Name: "s", EndsWith: "t"}, "ends_with: only a believe step"},
		{step{Name: "s", PerUnit: &PerUnitConfig{Units: []string{"u"}}}, "per_unit: only a work step"},
	} {
		require.ErrorContains(t, knob.Validate(c.s), c.want)
	}
	require.NoError(t, knob.Validate(step{Name: "s", Kind: "believe", EndsWith: "t", Enabled: true}))
	require.NoError(t, knob.Validate(step{Name: "s", Action: &act, Actions: []string{act}, Enabled: true}))
}

// A flood's factor is at least 1, in a file and in Go.
func TestFloodFactorAtLeastOne(t *testing.T) {
	require.ErrorContains(t, Flood{Alarms: 2, Window: 1, Factor: 0.5}.check(), "factor: expected a factor >= 1")
	require.NoError(t, Flood{Alarms: 2, Window: 1, Factor: 1}.check())
	require.NoError(t, Flood{}.check(), "the zero flood models none")
}
