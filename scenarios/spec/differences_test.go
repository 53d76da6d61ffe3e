package spec

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDifferencesNameWhatAParamChanges: setting a param shows up where it
// is used, by item name; the same file twice differs nowhere.
func TestDifferencesNameWhatAParamChanges(t *testing.T) {
	data, err := os.ReadFile("../builtin/retry-storm.yaml")
	require.NoError(t, err)
	load := func(sets ...string) *Spec {
		s, err := Load("retry-storm.yaml", data, sets)
		require.NoError(t, err)
		return s
	}
	base := load()
	require.Empty(t, Differences(base, load()))
	require.Equal(t, []string{"clients.caller.retries"}, Differences(base, load("retries=0")))
	require.Equal(t, []string{"components.api.cancellation"}, Differences(base, load("cancellation=true")))
	require.Equal(t, []string{"faults.slow-down.factor"}, Differences(base, load("slowdown=3")))
	require.Equal(t, []string{"seed"}, Differences(base, load("seed=2")))
	require.Empty(t, Differences(base, load("description=other")))
	require.Equal(t, []string{"clients.caller.control.share"}, Differences(base, load("retry_budget=0.1")), "a field of a union's kind, by its key")
}

// TestDifferencesNameADetectorsKindField: a field of a detector's kind
// config (an inline struct) is named by its key beside the detector's.
func TestDifferencesNameADetectorsKindField(t *testing.T) {
	data, err := os.ReadFile("../builtin/docomo-2022-12-17.yaml")
	require.NoError(t, err)
	load := func(sets ...string) *Spec {
		s, err := Load("docomo.yaml", data, sets)
		require.NoError(t, err)
		return s
	}
	base := load()
	require.Equal(t, []string{"detectors.bfd.interval"}, Differences(base, load("detectors.bfd.interval=100ms")))
	require.Equal(t, []string{"detectors.health-check.unhealthy"}, Differences(base, load("detectors.health-check.unhealthy=4")))
}

// TestDifferencesInPowerBlocks: the power model's declared configs are
// named by their keys, a knob of an embedded inline struct (a
// restoration's teams) by its own key, a distribution's by its field.
func TestDifferencesInPowerBlocks(t *testing.T) {
	data, err := os.ReadFile("../builtin/kakao-2022-10-15.yaml")
	require.NoError(t, err)
	load := func(sets ...string) *Spec {
		s, err := Load("kakao.yaml", data, sets)
		require.NoError(t, err)
		return s
	}
	base := load()
	require.Empty(t, Differences(base, load()))
	require.Equal(t, []string{"sites.pangyo.crews"}, Differences(base, load("restart_crews=10")))
	require.Equal(t, []string{"restorations.power-restoration.teams"}, Differences(base, load("electrician_teams=8")))
	require.Equal(t, []string{"sites.pangyo.ups.ups-1.ride_through"}, Differences(base, load("sites.pangyo.ups.ups-1.ride_through=0s")))
	require.Equal(t, []string{"sites.pangyo.restart_time.max"}, Differences(base, load("sites.pangyo.restart_time.max=30m")))
}
