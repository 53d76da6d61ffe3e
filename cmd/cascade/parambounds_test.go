package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// boundedScenario has a param load bounded by min (line 9) and max (line 10).
const boundedScenario = `name: bounded
description: a bounded param
seed: 1
horizon: 10m
step: 1m
params:
  load:
    default: 0.7
    min: 0.6
    max: 0.8
    description: offered load
components:
  - {name: server, kind: service, workers: 1, service_time: {dist: exponential, mean: 1s}}
populations:
  - {name: users, users: 10, rate_per_user: "${load / 10}", deadline: 10s, target: server}
outcome:
  availability_threshold: 0.9
  baseline: {from: 0s, to: 5m}
`

// TestParamBoundsRefuseBeforeAnyRun: --set, --vary (lists and ranges),
// a study file's vary: and --vs outside a param's min or max are refused
// before anything runs: the message names the param, the value, the bound
// and the file and line that declare it, and no folder is written.
func TestParamBoundsRefuseBeforeAnyRun(t *testing.T) {
	tmp := t.TempDir()
	scenario := filepath.Join(tmp, "bounded.yaml")
	require.NoError(t, os.WriteFile(scenario, []byte(boundedScenario), 0o644))
	study := filepath.Join(tmp, "study.yaml")
	require.NoError(t, os.WriteFile(study, []byte("scenario: bounded.yaml\nvary:\n  - key: load\n    values: 0.5..0.9/0.1\n"), 0o644))
	out := filepath.Join(tmp, "out")
	below := "params.load: --set load=0.5: expected a number from 0.6 to 0.8 (the param's min and max), got 0.5, below the min 0.6 declared at " + scenario + ":9"
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"run --set below the min", []string{"run", scenario, "--set", "load=0.5", "--out", out}, []string{scenario + ":8:5: " + below}},
		{"run --set above the max", []string{"run", scenario, "--set", "load=0.9", "--out", out},
			[]string{"--set load=0.9: expected a number from 0.6 to 0.8 (the param's min and max), got 0.9, above the max 0.8 declared at " + scenario + ":10"}},
		{"validate --set", []string{"validate", scenario, "--set", "load=0.5"}, []string{below}},
		{"sweep value below the min", []string{"sweep", scenario, "--vary", "load=0.5,0.7", "--out", out},
			[]string{"combination 1 of 2 (load=0.5) does not fit the scenario", below}},
		{"sweep range crossing the max", []string{"sweep", scenario, "--vary", "load=0.6..0.9/0.1", "--out", out},
			[]string{"combination 4 of 4 (load=0.9) does not fit the scenario", "above the max 0.8 declared at " + scenario + ":10"}},
		{"sweep range crossing the min", []string{"sweep", scenario, "--vary", "load=0.1..0.7*3", "--out", out},
			[]string{"combination 1 of 3 (load=0.1) does not fit the scenario", "below the min 0.6 declared at " + scenario + ":9"}},
		{"study file vary", []string{"sweep", "--study", study, "--out", out},
			[]string{"combination 1 of 5 (load=0.5) does not fit the scenario", below}},
		{"compare --vs", []string{"compare", scenario, "--vs", "load=0.9", "--out", out},
			[]string{"combination 2 of 2 (load=0.9) does not fit the scenario", "above the max 0.8 declared at " + scenario + ":10"}},
		{"sensitivity", []string{"sensitivity", scenario, "--vary", "load=0.7,0.85", "--outcome", "outage.duration_s", "--out", out},
			[]string{"(load=0.85) does not fit the scenario", "above the max 0.8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errs := runCLI(t, tc.args...)
			require.Equal(t, exitFail, code, "stdout: %s\nstderr: %s", stdout, errs)
			for _, w := range tc.want {
				require.Contains(t, errs, w)
			}
			require.NoDirExists(t, out, "nothing ran, nothing was written")
		})
	}

	// On the bounds is within them: a range from the min to the max runs.
	code, _, errs := runCLI(t, "sweep", scenario, "--vary", "load=0.6..0.8/0.1", "--out", out, "--quiet")
	require.Equal(t, exitOK, code, errs)
	require.DirExists(t, out)
}
