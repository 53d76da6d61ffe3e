package plots

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
