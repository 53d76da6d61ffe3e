package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func quickCompare(out string, more ...string) []string {
	return append([]string{"compare", "mm1", "--set", "customers=3000", "--vs", "mu=2", "--vs", "mu=1.5 lambda=0.5",
		"--reps", "4", "--out", out, "--quiet"}, more...)
}

// TestCompareFolder: the folder is byte-identical whatever the workers,
// holds the paired differences, and a variant equal to the baseline
// differs by exactly 0.
func TestCompareFolder(t *testing.T) {
	tmp := t.TempDir()
	one, two := filepath.Join(tmp, "one"), filepath.Join(tmp, "two")
	code, _, errs := runCLI(t, quickCompare(one, "--workers", "1", "--vs", "mu=1")...)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, quickCompare(two, "--workers", "2", "--vs", "mu=1")...)
	require.Equal(t, exitOK, code, errs)
	a := snapshot(t, one)
	require.Equal(t, a, snapshot(t, two))
	require.Equal(t, []string{"availability.png", "compare.csv", "compare.json", "load.png", "runs.csv"}, names(t, one))
	var rec compareRecord
	require.NoError(t, json.Unmarshal([]byte(a["compare.json"]), &rec))
	require.Len(t, rec.Variants, 3)
	require.Equal(t, "mu=1.5 lambda=0.5", rec.Variants[1].Name)
	fast := rec.Variants[0].Figures["components.server.mean_latency_s"]
	require.Equal(t, 4, fast.Pairs)
	require.Less(t, *fast.Hi, 0.0, "a faster server cuts the time in system")
	same := rec.Variants[2].Figures["components.server.mean_latency_s"]
	require.Equal(t, 0.0, *same.Diff)
	require.Contains(t, a["compare.csv"], "mu=2,components.server.mean_latency_s,4,")
	require.Len(t, strings.Split(strings.TrimSpace(a["runs.csv"]), "\n"), 1+16)
}

// TestComparePrintsDifferences: without --out nothing is written and the
// documented figures' differences are printed.
func TestComparePrintsDifferences(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	code, out, errs := runCLI(t, "compare", "mm1", "--set", "customers=3000", "--vs", "mu=2", "--reps", "3")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "mm1: baseline and 1 variant x 3 replications = 6 runs")
	require.Contains(t, out, "  mu=2\n    populations.customers.mean_latency_s")
	require.Empty(t, names(t, dir))
}

func TestCompareRefuses(t *testing.T) {
	tmp := t.TempDir()
	study := filepath.Join(tmp, "grid.yaml")
	require.NoError(t, os.WriteFile(study, []byte("scenario: mm1\nvary: [{key: mu, values: [1, 2]}]\n"), 0o644))
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"compare", "mm1"}, exitUsage, "no variant"},
		{[]string{"compare", "mm1", "--vs", "mu"}, exitUsage, `"mu": expected K=V`},
		{[]string{"compare", "mm1", "--vs", "mu=2", "--vs", "mu=2"}, exitUsage, "like another"},
		{[]string{"compare", "mm1", "--vs", "nu=2"}, exitFail, "combination 2 of 2 (nu=2) does not fit the scenario"},
		{[]string{"compare", "--study", study}, exitFail, "cascade compare needs design: compare"},
		{[]string{"compare", "--study", study, "--vs", "mu=3"}, exitUsage, "--vs cannot be used with it"},
		{[]string{"compare", "mm1", "--set", "customers=3000", "--vs", "mu=2", "--reps", "2", "--population", "nobody"}, exitUsage, "--population nobody: the scenario has customers"},
	} {
		code, _, errs := runCLI(t, append(tc.args, "--out", filepath.Join(tmp, "x"))...)
		require.Equal(t, tc.code, code, "%v: %s", tc.args, errs)
		require.Contains(t, errs, tc.err, tc.args)
	}
	require.NoDirExists(t, filepath.Join(tmp, "x"))
}

// TestCompareIsBoundedUpFront: a comparison too large to hold in memory is
// refused before it runs.
func TestCompareIsBoundedUpFront(t *testing.T) {
	code, _, errs := runCLI(t, "compare", "mm1", "--vs", "mu=2", "--reps", "60000")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "120000 runs: a comparison holds its runs in memory, at most 100000")
	code, _, errs = runCLI(t, "compare", "mm1", "--set", "step=4s", "--vs", "mu=2", "--vs", "mu=3", "--reps", "2")
	require.Equal(t, exitUsage, code, errs)
	require.Contains(t, errs, "the overlays would hold")
	require.Contains(t, errs, "give --format none")
}
