package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// For every built-in at its quick size, its figures at 1920x1080 (--size
// 16:9, a projector): a run and its rerun with --from (the same resolved
// scenario and seed) give byte-identical summary.json, series.csv,
// events.csv, PNG and SVG files; run.json differs only in its wall-clock
// fields and command line. The words of each figure (titles, notes,
// ticks, legends, the numbered key of events) are kept as golden files in
// testdata/figures (see requireFigureText).
func TestEveryBuiltinByteIdenticalAndFrom(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			s, err := scenarios.Validate(b.File, b.Data, nil)
			require.NoError(t, err)
			require.NotNil(t, s.Quick, "%s declares no quick size", b.Name)
			// Every figure is compared as SVG; PNG, the same drawing
			// rasterised, is compared for mm1 here (and again by .ci/run's
			// smoke run), which keeps this test's time down.
			format, files := "svg", []string{"summary.json", "series.csv", "events.csv", "load.svg", "availability.svg", "run.json"}
			if b.Name == "mm1" {
				format, files = "png,svg", append(files, "load.png", "availability.png")
			}
			args := []string{"run", b.Name, "--quiet", "--format", format, "--size", "16:9"}
			for _, q := range s.Quick {
				args = append(args, "--set", q)
			}
			tmp := t.TempDir()
			// The rerun from run.json is a second run of the same
			// scenario and seed: one comparison checks both promises.
			first, again := filepath.Join(tmp, "first"), filepath.Join(tmp, "again")
			code, _, errs := runCLI(t, append(args, "--out", first)...)
			require.Equal(t, exitOK, code, errs)
			code, _, errs = runCLI(t, "run", "--from", first, "--out", again, "--quiet")
			require.Equal(t, exitOK, code, errs)

			want := snapshot(t, first)
			for _, f := range files {
				require.NotEmpty(t, want[f], f)
			}
			for _, dir := range []string{again} {
				got := snapshot(t, dir)
				require.Equal(t, len(want), len(got))
				for name, data := range want {
					if name == "run.json" {
						continue
					}
					require.True(t, data == got[name], "%s/%s differs from the first run", filepath.Base(dir), name)
				}
				require.Equal(t, withoutWall(t, want["run.json"]), withoutWall(t, got["run.json"]), "%s/run.json", filepath.Base(dir))
			}
			for _, fig := range []string{"load", "availability"} {
				requireFigureText(t, b.Name+"-"+fig, want[fig+".svg"])
			}
		})
	}
}

// withoutWall decodes a run.json without the fields that may differ between
// reruns: the wall-clock figures and the command line.
func withoutWall(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	for _, k := range []string{"wall_seconds", "events_per_s", "started_utc", "command"} {
		require.Contains(t, m, k)
		delete(m, k)
	}
	return m
}
