package plots

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata")
	random = flag.Int("random", 0, "how many random figures the property tests draw (0: their default, a tenth with -short; .ci/run asks for 1000)")
)

// randomCount is how many random figures a property test draws: -random
// if given, else def (a tenth of it with -short, at least 5).
func randomCount(def int) int {
	switch {
	case *random > 0:
		return *random
	case testing.Short():
		return max(5, def/10)
	}
	return def
}

// TestGoldenSVG renders the example incident and compares it with
// testdata/incident.golden.svg byte for byte. After an intended change to
// the look of figures, refresh the file with `go test ./plots -update` and
// look at it (any browser shows SVG) before committing it.
func TestGoldenSVG(t *testing.T) {
	f := incident()
	// Fewer points keep the golden file small.
	for i := range f.Panels {
		for j := range f.Panels[i].Lines {
			l := &f.Panels[i].Lines[j]
			var x, y []float64
			for k := 0; k < len(l.X); k += 10 {
				x, y = append(x, l.X[k]), append(y, l.Y[k])
			}
			l.X, l.Y = x, y
		}
	}
	got, err := Render(f, "svg")
	require.NoError(t, err)

	path := filepath.Join("testdata", "incident.golden.svg")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./plots -update` to create it")
	require.True(t, bytes.Equal(want, got),
		"SVG differs from %s; if the change is intended, run `go test ./plots -update` and review the file", path)
}
