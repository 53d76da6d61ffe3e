package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// docomo17Edited runs the 17 Dec file with each old text replaced by new
// (pairs), at a fiftieth of the request rate.
func docomo17Edited(t *testing.T, pairs ...string) (*Result, error) {
	t.Helper()
	b, ok := LookupBuiltin("docomo-2022-12-17")
	require.True(t, ok)
	doc := string(b.Data)
	for i := 0; i+1 < len(pairs); i += 2 {
		require.Contains(t, doc, pairs[i])
		doc = strings.Replace(doc, pairs[i], pairs[i+1], 1)
	}
	s, err := Validate(b.File, []byte(doc), []string{"request_interval=6000"})
	if err != nil {
		return nil, err
	}
	return Run(s, Options{})
}

// The builder's handling of disabled steps and e2e-probe counts, on the
// 17 Dec file: a disabled step is left out and what required it requires
// what it required; a step whose every predecessor is disabled, other than
// the first, is an error naming the field; a count of 1 is a single probe
// named as the detector, 0 none.
func TestOperatorStepsAndProbeCounts(t *testing.T) {
	t.Parallel()
	t.Run("disabled notice", func(t *testing.T) {
		res, err := docomo17Edited(t, "{name: notice, after", "{name: notice, enabled: false, after", "requires: notice", "requires: diagnose")
		require.NoError(t, err)
		_, ok := find(res.Events, "noc", "notice: ")
		require.False(t, ok)
		// The diagnosis, now first, is still a diagnosis.
		_, ok = find(res.Events, "noc", "diagnose: diagnosed after ")
		require.True(t, ok)
	})
	t.Run("waits only for disabled steps", func(t *testing.T) {
		_, err := docomo17Edited(t, "{name: notice, after", "{name: notice, enabled: false, after")
		// The line of the belief step's requires: in the file as it is.
		b, _ := LookupBuiltin("docomo-2022-12-17")
		head, _, ok := strings.Cut(string(b.Data), "- name: believes-auto-detour-fired-everywhere\n")
		require.True(t, ok)
		line := strings.Count(head, "\n") + 3
		require.ErrorContains(t, err, fmt.Sprintf("docomo-2022-12-17.yaml:%d:19: operators.noc.steps.believes-auto-detour-fired-everywhere.requires", line))
		require.ErrorContains(t, err, "every step it waits for is disabled")
	})
	t.Run("one probe", func(t *testing.T) {
		res := docomo17(t, 1, "flood_alarms=1")
		alarm, ok := find(res.Events, "unit-alarms", "e2e-probe down")
		require.True(t, ok)
		require.Equal(t, sim.EventAlarm, alarm.Kind)
	})
	t.Run("no probe", func(t *testing.T) {
		res := docomo17(t, 1, "flood_alarms=0")
		for _, e := range res.Events {
			require.NotContains(t, e.Subject, "unit-alarms")
		}
		_, ok := find(res.Events, "noc", "diagnose: starts, sharing attention with 1 unread alarms")
		require.True(t, ok, "only the auto-detour probe's alarm")
	})
	t.Run("kinds written out", func(t *testing.T) {
		// The kinds the builder infers, written in the file: the same run.
		res, err := docomo17Edited(t, "{name: notice, after", "{name: notice, kind: notice, after",
			"{name: diagnose, after", "{name: diagnose, kind: diagnose, after",
			"      - name: manual-detour\n", "      - name: manual-detour\n        kind: act\n")
		require.NoError(t, err)
		require.Equal(t, docomo17(t, 1).Events, res.Events)
	})
	t.Run("every step disabled", func(t *testing.T) {
		_, err := docomo17Edited(t, "{name: notice, after", "{name: notice, enabled: false, after",
			"{name: diagnose, after", "{name: diagnose, enabled: false, after",
			"        enabled: \"${detour_belief == 'all-nodes'}\"", "        enabled: false",
			"        kind: work\n", "        kind: work\n        enabled: false\n",
			"      - name: manual-detour\n", "      - name: manual-detour\n        enabled: false\n")
		require.ErrorContains(t, err, "operators.noc.steps: every step is disabled")
	})
}
