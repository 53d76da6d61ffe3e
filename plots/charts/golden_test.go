package charts

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenSVG renders the example charts and compares each with
// testdata/<name>.golden.svg byte for byte. After an intended change to
// their look, refresh the files with `go test ./plots/charts -update` and
// look at them (any browser shows SVG) before committing them.
func TestGoldenSVG(t *testing.T) {
	for name, render := range examples() {
		t.Run(name, func(t *testing.T) {
			got, err := render("svg")
			require.NoError(t, err)
			path := filepath.Join("testdata", name+".golden.svg")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run `go test ./plots/charts -update` to create it")
			require.True(t, bytes.Equal(want, got),
				"SVG differs from %s; if the change is intended, run `go test ./plots/charts -update` and review the file", path)
		})
	}
}

// examples returns the example charts by name, each as a function of the
// output format.
func examples() map[string]func(format string) ([]byte, error) {
	return map[string]func(string) ([]byte, error){
		"band":    func(f string) ([]byte, error) { return RenderBand(outageBand(), f) },
		"logband": func(f string) ([]byte, error) { return RenderBand(logBand(), f) },
		"heatmap": func(f string) ([]byte, error) { return RenderHeatmap(metastabilityMap(), f) },
		"tornado": func(f string) ([]byte, error) { return RenderTornado(sensitivity(), f) },
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for name, render := range examples() {
		for _, format := range Formats() {
			a, err := render(format)
			require.NoError(t, err)
			b, err := render(format)
			require.NoError(t, err)
			require.True(t, bytes.Equal(a, b), "%s %s differs between two renders", name, format)
		}
	}
}
