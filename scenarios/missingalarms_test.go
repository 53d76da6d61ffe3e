package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMissingAlarms: on 17 Dec the link-down detector is on but its port
// stays up, so when the route starts losing every request the log says the
// alarm that never came; detectors switched off are listed too; with BFD
// on, BFD alarms and only the others are missing.
func TestMissingAlarms(t *testing.T) {
	t.Parallel()
	missing := func(sets ...string) map[string]string {
		s := loadBuiltin(t, "docomo-2022-12-17", append(quickSets(t, "docomo-2022-12-17"), sets...)...)
		res, err := Run(s, Options{})
		require.NoError(t, err)
		out := map[string]string{}
		for _, e := range res.Events {
			if e.Kind == "missing-alarm" {
				require.Equal(t, s.Faults[0].At, e.At, "at the loss, the fault's time")
				out[e.Component] = e.Detail
			}
		}
		return out
	}
	def := missing()
	require.Contains(t, def["port-link-down"], "port-link-down watches the carrier of e-server-port, which stays up while, on via-e, requests to")
	require.Contains(t, def["port-link-down"], "are lost at e-internal")
	require.Contains(t, def["bfd"], "bfd is switched off")
	bfd := missing("detection=bfd")
	require.NotContains(t, bfd, "bfd", "BFD sees the fault and alarms")
	require.Contains(t, bfd["port-link-down"], "switched off")
}
