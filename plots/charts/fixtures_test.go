package charts

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

// outageBand is a band chart like the sweep layer draws: outage duration
// against token_retries 0..3, one series per client timeout, 20
// replications each; one point has a single replication (no interval) and
// one none at all.
func outageBand() BandChart {
	nan := math.NaN()
	return BandChart{
		Title:  "Outage duration against token retries",
		XLabel: "token_retries",
		YLabel: "outage duration (h)",
		Series: []BandSeries{
			{
				Label: "timeout 2 s",
				X:     []float64{0, 1, 2, 3},
				Mean:  []float64{1.2, 2.9, 6.1, 9.4},
				Lo:    []float64{0.9, 2.3, 5.0, 7.8},
				Hi:    []float64{1.5, 3.5, 7.2, 11.0},
			},
			{
				Label: "timeout 10 s",
				X:     []float64{0, 1, 2, 3},
				Mean:  []float64{0.8, 1.1, nan, 4.9},
				Lo:    []float64{0.6, 0.8, nan, nan},
				Hi:    []float64{1.0, 1.4, nan, nan},
			},
		},
	}
}

// logBand is a band chart over log-spaced values with one series and no
// label: p99 latency against the queue limit.
func logBand() BandChart {
	x := []float64{10, 30, 100, 300, 1000, 3000, 10000}
	mean := []float64{0.21, 0.24, 0.35, 0.9, 2.8, 7.5, 19}
	lo, hi := make([]float64, len(x)), make([]float64, len(x))
	for i, m := range mean {
		lo[i], hi[i] = m*0.8, m*1.25
	}
	return BandChart{
		Title:  "Tail latency against the queue limit\n(50 replications a point)",
		XLabel: "queue limit (requests)",
		YLabel: "p99 latency (s)",
		LogX:   true,
		Series: []BandSeries{{X: x, Mean: mean, Lo: lo, Hi: hi}},
		Width:  6 * vg.Inch,
		Height: 4 * vg.Inch,
	}
}

// metastabilityMap is the "vulnerable region" figure: the share of 20
// replications that stayed metastable, over load (columns) × retries
// (rows); one cell's replications all failed to run.
func metastabilityMap() Heatmap {
	zero, one := 0.0, 1.0
	z := [][]float64{
		{0, 0, 0, 0, 0.05, 0.15},
		{0, 0, 0, 0.1, 0.35, 0.7},
		{0, 0, 0.05, 0.4, 0.85, 1},
		{0, 0.05, 0.3, math.NaN(), 1, 1},
		{0, 0.15, 0.65, 0.95, 1, 1},
	}
	return Heatmap{
		Title:    "Metastability map",
		XLabel:   "offered load (share of capacity)",
		YLabel:   "client retries",
		ZLabel:   "share of runs that stayed metastable",
		XTicks:   []string{"0.5", "0.6", "0.7", "0.8", "0.9", "1.0"},
		YTicks:   []string{"0", "1", "2", "3", "4"},
		Z:        z,
		ZMin:     &zero,
		ZMax:     &one,
		Annotate: true,
	}
}

// sensitivity is a tornado of four parameters around a baseline outage of
// 3.1 h, sorted by effect; one end has a single replication (no interval)
// and one moves the outcome the same way at both ends.
func sensitivity() Tornado {
	nan := math.NaN()
	return Tornado{
		Title:        "Sensitivity of the outage duration",
		OutcomeLabel: "outage duration (h)",
		Baseline:     3.1,
		Bars: []TornadoBar{
			{Param: "token_retries", LowLabel: "token_retries=0", HighLabel: "=3", Low: 0.9, High: 9.4, LowLo: 0.7, LowHi: 1.1, HighLo: 7.8, HighHi: 11},
			{Param: "client_timeout_s", LowLabel: "client_timeout_s=1", HighLabel: "=30", Low: 6.2, High: 1.4, LowLo: 5.1, LowHi: 7.3, HighLo: 1.1, HighHi: 1.8},
			{Param: "cache_ttl_min", LowLabel: "cache_ttl_min=5", HighLabel: "=60", Low: 4.0, High: 2.2, LowLo: 3.4, LowHi: 4.6, HighLo: nan, HighHi: nan},
			{Param: "replicas", LowLabel: "replicas=2", HighLabel: "=8", Low: 3.9, High: 3.4, LowLo: 3.3, LowHi: 4.5, HighLo: 2.9, HighHi: 3.9},
		},
	}
}

// writeIfAsked writes b to $CHARTS_OUT/name when CHARTS_OUT is set, for a
// person to look at.
func writeIfAsked(t *testing.T, name string, b []byte) {
	t.Helper()
	if dir := os.Getenv("CHARTS_OUT"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
}

// TestRenderExamplesToLookAt renders the examples as PNG; with CHARTS_OUT
// set to a directory it writes them there.
func TestRenderExamplesToLookAt(t *testing.T) {
	for name, render := range examples() {
		b, err := render("png")
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(b, []byte("\x89PNG")), name)
		writeIfAsked(t, name+".png", b)
	}
}
