package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// studiesDir holds the study files checked into the repository (the
// README's what-if tables among them).
var studiesDir = filepath.Join("..", "..", "scenarios", "studies")

// studyFiles lists the study files under studiesDir.
func studyFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(studiesDir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no study file under %s", studiesDir)
	return files
}

// planStudy parses a study file and plans it against its scenario (a
// built-in, or a file beside the study file), without running anything.
func planStudy(t *testing.T, path string) *experiment.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	st, err := experiment.ParseStudy(path, data)
	require.NoError(t, err)
	src := st.Scenario
	file, scen := "", []byte(nil)
	if b, ok := scenarios.LookupBuiltin(src); ok {
		file, scen = b.File, b.Data
	} else {
		src = filepath.Join(filepath.Dir(path), src)
		file = src
		scen, err = os.ReadFile(src)
		require.NoError(t, err)
	}
	p, err := experiment.NewPlan(st, src, file, scen, experiment.PlanOptions{Workers: 1})
	require.NoError(t, err, "%s does not plan", path)
	return p
}

// Every study file under scenarios/studies parses and plans, so that a
// renamed param or a changed scenario fails here rather than when someone
// runs .ci/whatif-tables.
func TestStudyFilesPlan(t *testing.T) {
	t.Parallel()
	for _, path := range studyFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			p := planStudy(t, path)
			require.Positive(t, p.Runs())
			if p.Study.Design == experiment.Compare {
				require.NotEmpty(t, p.Study.Variants)
				require.GreaterOrEqual(t, p.Study.Reps, 10, "a README table is over at least 10 seeds")
			}
			if testing.Verbose() {
				for _, c := range p.Columns {
					t.Log(c.Path)
				}
			}
		})
	}
}
