package scenarios

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// loadBuiltin loads a built-in scenario with --set overrides.
func loadBuiltin(t *testing.T, name string, sets ...string) *spec.Spec {
	t.Helper()
	b, ok := LookupBuiltin(name)
	require.True(t, ok, "built-in %s", name)
	s, err := Validate(b.File, b.Data, sets)
	require.NoError(t, err)
	return s
}

// outputs runs s and returns summary.json and series.csv as written.
func outputs(t *testing.T, s *spec.Spec) (summary, series []byte) {
	t.Helper()
	res, err := Run(s, Options{})
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, res.WriteSummary(&a))
	require.NoError(t, res.WriteSeries(&b))
	return a.Bytes(), b.Bytes()
}

// TestSameSeedSameBytes: the same scenario and seed give byte-identical
// summary.json (the wall-clock fields are left to the caller and are zero
// here) and series.csv; another seed gives different ones.
func TestSameSeedSameBytes(t *testing.T) {
	t.Parallel()
	s1 := loadBuiltin(t, "mm1", "customers=50000")
	sum1, ser1 := outputs(t, s1)
	s2 := loadBuiltin(t, "mm1", "customers=50000")
	sum2, ser2 := outputs(t, s2)
	require.Equal(t, string(sum1), string(sum2))
	require.True(t, bytes.Equal(ser1, ser2), "series.csv differs between identical runs")

	s3 := loadBuiltin(t, "mm1", "customers=50000")
	s3.Seed++
	sum3, ser3 := outputs(t, s3)
	require.NotEqual(t, string(sum1), string(sum3))
	require.False(t, bytes.Equal(ser1, ser3), "another seed must give other series")
}

// Every built-in at its quick size gives the same bytes twice, plots and
// event log included, and again when rerun from its run.json: that is
// TestEveryBuiltinByteIdenticalAndFrom in cmd/cascade, through the CLI.

// TestGoldenSummary keeps the summary of a small M/M/1 run under testdata/
// so that any change in results shows up in review. Refresh with
// go test ./scenarios -run TestGoldenSummary -update.
func TestGoldenSummary(t *testing.T) {
	t.Parallel()
	s := loadBuiltin(t, "mm1", "customers=20000")
	got, _ := outputs(t, s)
	path := filepath.Join("testdata", "mm1-20k.summary.json")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create the golden file")
	require.Equal(t, string(want), string(got))
}

// At its quick size every built-in computes every figure it documents (the
// figures need not match: the quick size is not the incident's), so a
// renamed metric or a population that never fails shows up without -full.
func TestBuiltinsComputeTheirFiguresAtQuickSize(t *testing.T) {
	t.Parallel()
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			res := runQuick(t, b.Name)
			require.NotEmpty(t, res.Summary.Outcome.Populations)
			require.Len(t, res.Summary.Checks, len(loadBuiltin(t, b.Name).Documented))
			for _, c := range res.Summary.Checks {
				require.Empty(t, c.Missing, "%s: the quick run has no figure", c.Name)
				require.False(t, math.IsNaN(c.Simulated), c.Name)
			}
		})
	}
}

// TestBuiltinsRunAndPassTheirChecks runs every built-in scenario at its
// default size and requires each documented check to hold. The figures are
// measured by the run; the scenario files state only the closed forms.
func TestBuiltinsRunAndPassTheirChecks(t *testing.T) {
	t.Parallel()
	requireFull(t, "every built-in at its default size")
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			s := loadBuiltin(t, b.Name)
			res, err := Run(s, Options{})
			require.NoError(t, err)
			require.NotEmpty(t, res.Summary.Outcome.Populations)
			for _, c := range res.Summary.Checks {
				require.True(t, c.OK, "%s: documented %g, simulated %g, tolerance %g (%s)",
					c.Name, c.Documented, c.Simulated, c.Tolerance, c.ToleranceKind)
			}
		})
	}
}

// The end of a run's drain saturates instead of wrapping round: a horizon
// of 80,000 days doubled (no deadline) would overflow, and a run that ends
// before it starts does nothing.
func TestDrainEndSaturates(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	s := &spec.Spec{Horizon: 80_000 * day, Populations: []spec.Population{{Deadline: spec.NoDeadline}}}
	require.Equal(t, sim.EndOfTime, drainEnd(s))
	s.Populations[0].Deadline = time.Minute
	require.Equal(t, 80_000*day+time.Minute, drainEnd(s))
}
