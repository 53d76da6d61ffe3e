package scenarios

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// A NaN or infinity in a summary is named by its JSON path.
func TestNonFiniteNamesTheField(t *testing.T) {
	t.Parallel()
	var s Summary
	require.Empty(t, nonFinite(s))
	s.Outcome.Components = []ComponentOutcome{{Name: "a"}, {Name: "b", Utilisation: math.NaN()}}
	require.Equal(t, "outcome.components[1].utilisation is NaN", nonFinite(s))
	s.Outcome.Components[1].Utilisation = 0
	s.Outcome.PeakLoadRatio = map[string]float64{"x": 1, "y": math.Inf(1)}
	require.Equal(t, "outcome.peak_load_ratio[y] is +Inf", nonFinite(s))
	err := (&Result{Summary: s}).WriteSummary(&bytes.Buffer{})
	require.ErrorContains(t, err, "encoding summary: outcome.peak_load_ratio[y] is +Inf")
}
