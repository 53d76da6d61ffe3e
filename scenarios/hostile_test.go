package scenarios

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// endOfTime is the longest duration a scenario file can state: adding it
// to any time past zero overflows a signed 64-bit count of nanoseconds.
const endOfTime = "106751d23h"

// Durations near the end of time must neither wrap round into the past
// (the engine panics on an event before now) nor stop a run: each edit
// below once did one or the other. The horizon is cut to 3 h (retry-storm's
// to 1 h: the slow-down at 30 min and the storm after it) to keep the runs
// short.
func TestDurationsNearTheEndOfTime(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, builtin string
		edits         []string
	}{
		{"probe interval", "docomo-2022-12-17", []string{"interval: 10s, timeout: 5s", "interval: " + endOfTime + ", timeout: 5s"}},
		{"emergency power before the water", "kakao-2022-10-15", []string{"emergency: 30m", "emergency: " + endOfTime, "start: \"${power_cut_at + 188}m\"", "start: 2h"}},
		{"repair and energize", "kakao-2022-10-15", []string{
			"energize: {dist: uniform, min: 25m, max: 60m}", "energize: {dist: deterministic, value: " + endOfTime + "}",
			"repair: {dist: uniform, min: 8h30m, max: 15h30m}", "repair: {dist: deterministic, value: " + endOfTime + "}",
			"start: \"${power_cut_at + 188}m\"", "start: 2h"}},
		{"restart time", "kakao-2022-10-15", []string{"restart_time: {dist: uniform, min: 10m, max: 20m}   #", "restart_time: {dist: deterministic, value: " + endOfTime + "}   #",
			"start: \"${power_cut_at + 188}m\"", "start: 2h"}},
		{"population deadline", "retry-storm", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, ok := LookupBuiltin(tc.builtin)
			require.True(t, ok)
			doc := string(b.Data)
			for i := 0; i+1 < len(tc.edits); i += 2 {
				require.Contains(t, doc, tc.edits[i])
				doc = strings.Replace(doc, tc.edits[i], tc.edits[i+1], 1)
			}
			if tc.edits == nil {
				doc = regexp.MustCompile(`deadline: [^,}\n]+`).ReplaceAllString(doc, "deadline: "+endOfTime)
			}
			horizon := "3h"
			if tc.builtin == "retry-storm" {
				// No deadline: the run drains to twice the horizon, the
				// storm's queue growing all the while.
				horizon = "1h"
			}
			doc = regexp.MustCompile(`(?m)^horizon: .*$`).ReplaceAllString(doc, "horizon: "+horizon)
			doc = regexp.MustCompile(`(?m)^step: .*$`).ReplaceAllString(doc, "step: 10m")
			s, err := Validate(b.File, []byte(doc), quickSets(t, tc.builtin))
			require.NoError(t, err)
			require.NotPanics(t, func() {
				res, err := Run(s, Options{})
				require.NoError(t, err)
				require.NotZero(t, res.Summary.Events, "the run ran")
			})
		})
	}
}
