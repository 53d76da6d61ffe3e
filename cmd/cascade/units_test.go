package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSpokenUnits(t *testing.T) {
	for d, want := range map[time.Duration]string{
		9*time.Hour + 58*time.Minute + 20*time.Second:  "9 h 58 min",
		5*24*time.Hour + 23*time.Hour + 30*time.Minute: "5 d 23 h 30 min",
		3 * time.Hour:                   "3 h",
		38*time.Minute + 20*time.Second: "38 min 20 s",
		12500 * time.Millisecond:        "12.5 s",
		850 * time.Millisecond:          "850 ms",
		0:                               "0 s",
	} {
		require.Equal(t, want, spoken(d))
	}
	for v, want := range map[float64]string{2.43e6: "2.43 M", 581000: "581 k", 1234: "1,234", 40: "40", 0.25: "0.25", 2e9: "2 G"} {
		require.Equal(t, want, magnitude(v))
	}
	require.Equal(t, "10 h 46 min", figure(38760, "s"))
	require.Equal(t, "2.42 M users", figure(2.42e6, "users"))
	require.Equal(t, "43.1x", figure(43.1, "x"))
	require.Equal(t, "9 requests", figure(9, "requests"))
}

// TestSamplePopulationsAreLabelled: a sample population's line says it is
// a sample, of what, and counts its impacted users as the sample's; with
// the population's size it also scales them, saying so.
func TestSamplePopulationsAreLabelled(t *testing.T) {
	dir := t.TempDir()
	doc, err := os.ReadFile("../../scenarios/builtin/mm1.yaml")
	require.NoError(t, err)
	file := filepath.Join(dir, "s.yaml")
	edited := strings.Replace(string(doc), "    deadline:", "    sample: {of: \"all customers\", users: 1000000}\n    deadline:", 1)
	require.NotEqual(t, string(doc), edited)
	require.NoError(t, os.WriteFile(file, []byte(edited), 0o644))
	code, out, errs := runCLI(t, "run", file, "--out", filepath.Join(dir, "out"), "--format", "none", "--set", "customers=2000")
	require.Zero(t, code, errs)
	require.Regexp(t, `customers \(a sample of [0-9,.]+ k? ?users standing for all customers, 1 M users\): .* of the sample's [0-9,.]+ k? ?users impacted \(at that share, about .* of 1 M\)`, out)
}
