package charts_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/plots/charts"
)

// An outcome against one swept parameter: the mean outage duration over
// 20 replications at each value of token_retries, with 95% intervals, for
// two client timeouts. At token_retries=3 the 10 s timeout has one
// replication, so no interval: its point is drawn alone.
func ExampleRenderBand() {
	nan := math.NaN()
	chart := charts.BandChart{
		Title:  "Outage duration against token retries",
		XLabel: "token_retries",
		YLabel: "outage duration (h)",
		Series: []charts.BandSeries{
			{Label: "timeout 2 s", X: []float64{0, 1, 2, 3}, Mean: []float64{1.2, 2.9, 6.1, 9.4}, Lo: []float64{0.9, 2.3, 5.0, 7.8}, Hi: []float64{1.5, 3.5, 7.2, 11}},
			{Label: "timeout 10 s", X: []float64{0, 1, 2, 3}, Mean: []float64{0.8, 1.1, 2.0, 4.9}, Lo: []float64{0.6, 0.8, 1.6, nan}, Hi: []float64{1.0, 1.4, 2.4, nan}},
		},
	}
	png, err := charts.RenderBand(chart, "png")
	fmt.Println(bytes.HasPrefix(png, []byte("\x89PNG")), err)

	// Inputs are checked: a half-set interval is an error, not a panic.
	chart.Series[1].Lo[3] = 4
	_, err = charts.RenderBand(chart, "png")
	fmt.Println(err)
	// Output:
	// true <nil>
	// charts: band chart "Outage duration against token retries": series 1 "timeout 10 s": Lo[3] = 4 and Hi[3] = NaN: set both or neither (NaN)
}

// The metastability map: the share of replications that stayed metastable
// in each cell of offered load × client retries, on a fixed 0..1 scale with
// each share written in its cell. One cell has no data (NaN): it is
// hatched, and the colour bar gets a "no data" key.
func ExampleRenderHeatmap() {
	zero, one := 0.0, 1.0
	h := charts.Heatmap{
		Title:  "Metastability map",
		XLabel: "offered load (share of capacity)",
		YLabel: "client retries",
		ZLabel: "share of runs that stayed metastable",
		XTicks: []string{"0.6", "0.7", "0.8", "0.9"},
		YTicks: []string{"0", "1", "2"}, // rows bottom to top: Z[0] is retries=0
		Z: [][]float64{
			{0, 0, 0.05, 0.3},
			{0, 0.1, math.NaN(), 0.8},
			{0.05, 0.4, 0.9, 1},
		},
		ZMin: &zero, ZMax: &one,
		Annotate: true,
	}
	svg, err := charts.RenderHeatmap(h, "svg")
	fmt.Println(bytes.Contains(svg, []byte(">no data<")), bytes.Contains(svg, []byte(">0.9<")), err)

	h.Z[1] = h.Z[1][:3]
	_, err = charts.RenderHeatmap(h, "svg")
	fmt.Println(err)
	// Output:
	// true true <nil>
	// charts: heatmap "Metastability map": Z[1] has 3 values but XTicks has 4 labels
}

// One-at-a-time sensitivity: the outcome with each parameter at its lowest
// and highest tried value, the others at the baseline, sorted by effect.
func ExampleRenderTornado() {
	nan := math.NaN()
	t := charts.Tornado{
		Title:        "Sensitivity of the outage duration",
		OutcomeLabel: "outage duration (h)",
		Baseline:     3.1,
		Bars: []charts.TornadoBar{
			{Param: "token_retries", LowLabel: "token_retries=0", HighLabel: "=3", Low: 0.9, High: 9.4, LowLo: 0.7, LowHi: 1.1, HighLo: 7.8, HighHi: 11},
			{Param: "client_timeout_s", LowLabel: "client_timeout_s=1", HighLabel: "=30", Low: 6.2, High: 1.4, LowLo: 5.1, LowHi: 7.3, HighLo: 1.1, HighHi: 1.8},
			{Param: "replicas", LowLabel: "replicas=2", HighLabel: "=8", Low: 3.9, High: 3.4, LowLo: nan, LowHi: nan, HighLo: 2.9, HighHi: 3.9},
		},
	}
	svg, err := charts.RenderTornado(t, "svg")
	fmt.Println(bytes.Contains(svg, []byte(">token_retries=0<")), err)
	// Output:
	// true <nil>
}
