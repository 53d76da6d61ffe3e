package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTimelinePairsDocumentedMoments: each documented moment of the
// Docomo 17 Dec replay is paired with the first (or last) event on its
// component, and the difference is the simulated minus the documented.
func TestTimelinePairsDocumentedMoments(t *testing.T) {
	t.Parallel()
	s := loadBuiltin(t, "docomo-2022-12-17", quickSets(t, "docomo-2022-12-17")...)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	tl := res.Summary.Timeline
	require.Len(t, tl, 2)
	require.Equal(t, "switch-fails-silently", tl[0].Name)
	require.Equal(t, "2022-12-17T07:50:00+09:00", tl[0].DocumentedAt)
	require.NotNil(t, tl[0].SimulatedS)
	require.Zero(t, *tl[0].DiffS, "the fault's time is an input")
	require.Contains(t, tl[0].Event, "fault: ")
	var lastNOC float64
	for _, e := range res.Events {
		if e.Component == "noc" && e.Kind == "action" {
			lastNOC = e.At.Seconds()
		}
	}
	require.Equal(t, lastNOC, *tl[1].SimulatedS, "which: last")
	require.InDelta(t, lastNOC-tl[1].DocumentedS, *tl[1].DiffS, 1e-9)

	s.DocumentedEvents[1].Component = "nobody"
	require.Equal(t, "the run has no event on nobody of kind action", timeline(s, res.Events)[1].Missing)
}
