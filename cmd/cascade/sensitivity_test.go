package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSensitivityRanksParams: on mm1 the service rate moves the time in
// system far more than the number of customers does; the tornado is drawn
// and the folder resumes like a sweep's.
func TestSensitivityRanksParams(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sens")
	args := []string{"sensitivity", "mm1", "--set", "customers=3000", "--vary", "customers=2000,4000",
		"--vary", "mu=1.2,3", "--outcome", "populations.customers.mean_latency_s", "--reps", "3", "--out", out}
	code, stdout, errs := runCLI(t, args...)
	require.Equal(t, exitOK, code, errs)
	lines := strings.Split(stdout, "\n")
	var ranking []string
	for _, l := range lines {
		if strings.HasPrefix(l, "  1. ") || strings.HasPrefix(l, "  2. ") {
			ranking = append(ranking, strings.Fields(l)[1])
		}
	}
	require.Equal(t, []string{"mu", "customers"}, ranking, stdout)
	files := snapshot(t, out)
	require.Contains(t, files, "plots/tornado.png")
	require.Contains(t, files["runs.csv"], "\n9,3,0,,1.2,", "combination 3 sets mu only, customers at the baseline")
	code, _, errs = runCLI(t, append(args, "--quiet")...)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, files, snapshot(t, out), "rerun of a finished study: the same files")

	code, _, errs = runCLI(t, "sensitivity", "mm1", "--vary", "mu=1,2", "--out", filepath.Join(t.TempDir(), "x"))
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "--outcome FIGURE is required")
}
