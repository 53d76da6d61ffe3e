package scenarios

import (
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// TestTimelinePairsDocumentedMoments: each documented moment of the
// Docomo 17 Dec replay is paired with the first (or last) event about its
// subject and of its kind, and the difference is the simulated minus the
// documented.
func TestTimelinePairsDocumentedMoments(t *testing.T) {
	t.Parallel()
	res := runQuick(t, "docomo-2022-12-17")
	s := loadBuiltin(t, "docomo-2022-12-17", quickSets(t, "docomo-2022-12-17")...) // its own: changed below
	tl := res.Summary.Timeline
	require.Len(t, tl, 2)
	require.Equal(t, "switch-fails-silently", tl[0].Name)
	require.Equal(t, "2022-12-17T07:50:00+09:00", tl[0].DocumentedAt)
	require.NotNil(t, tl[0].SimulatedS)
	require.Zero(t, *tl[0].DiffS, "the fault's time is an input")
	require.Contains(t, tl[0].Event, "switch-fault: ")
	var lastBack float64
	backs := 0
	for _, e := range res.Events {
		if e.Subject == "plane-e-stuck" && e.Kind == sim.EventPopulationBack {
			lastBack = e.At.Seconds()
			backs++
		}
	}
	require.Positive(t, backs, "the stuck users come back")
	require.Equal(t, lastBack, *tl[1].SimulatedS, "which: last")
	require.InDelta(t, lastBack-tl[1].DocumentedS, *tl[1].DiffS, 1e-9)

	s.DocumentedEvents[1].Subject = "nobody"
	require.Equal(t, "the run has no event about nobody of kind population-back", timeline(s, res.Events)[1].Missing)
	s.DocumentedEvents[1].Subject = ""
	require.Empty(t, timeline(s, res.Events)[1].Missing, "a kind alone pairs with any subject")
	s.DocumentedEvents[1].Kind = sim.EventClear
	s.DocumentedEvents[1].Subject = "nobody"
	require.Equal(t, "the run has no event about nobody of kind clear", timeline(s, res.Events)[1].Missing)
	s.DocumentedEvents[1].Kind = ""
	require.Equal(t, "the run has no event about nobody", timeline(s, res.Events)[1].Missing)
}
