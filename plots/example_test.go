package plots_test

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/plots"
)

// Availability of one population over a 12-hour incident, on a JST clock,
// with the threshold it should stay above and the events of the timeline.
func ExampleRender() {
	start := time.Date(2022, 12, 2, 8, 0, 0, 0, time.FixedZone("JST", 9*3600))
	var x, y []float64
	for t := 0.0; t <= 12*3600; t += 60 {
		v := 1.0
		if t >= 55*60 && t < 10.5*3600 {
			v = 0.2 // 80% of requests fail from 08:55 to 18:30
		}
		x, y = append(x, t), append(y, v)
	}
	threshold := 0.99
	fig := plots.Figure{
		Title: "Availability",
		Panels: []plots.Panel{{
			YLabel:         "availability (share ok)",
			Lines:          []plots.Line{{Label: "users", X: x, Y: y}},
			Reference:      &threshold,
			ReferenceLabel: "SLO 99%",
		}},
		Markers: []plots.Marker{
			{At: 55 * 60, Label: "token service slows", Kind: plots.MarkerFault},
			{At: 80 * 60, Label: "alert fires", Kind: plots.MarkerAlarm},
			{At: 10.5 * 3600, Label: "traffic moved", Kind: plots.MarkerAction},
		},
		Time: plots.TimeAxis{Start: start, ZoneLabel: "JST"},
	}

	svg, err := plots.Render(fig, "svg")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(svg), ">alert fires<"))

	// A bad figure is an error, not a panic.
	fig.Panels[0].Lines[0].Y = y[:10]
	_, err = plots.Render(fig, "png")
	fmt.Println(err)
	// Output:
	// true
	// plots: panel 0 "": line 0 "users": X has 721 values but Y has 10
}

// A comparison of a baseline and a variant, each the mean availability
// over replications with a 95% band. Where a variant had a single
// replication there is no interval: NaN, and a gap in its band.
func ExampleRender_bands() {
	var x, base, baseLo, baseHi, vari, variLo, variHi []float64
	for t := 0.0; t <= 6*3600; t += 300 {
		h := t / 3600
		b := 0.99 - 0.5*math.Exp(-(h-2)*(h-2))
		v := 0.99 - 0.3*math.Exp(-(h-3)*(h-3)/2)
		x = append(x, t)
		base, baseLo, baseHi = append(base, b), append(baseLo, b-0.03), append(baseHi, math.Min(1, b+0.03))
		lo, hi := v-0.05, math.Min(1, v+0.05)
		if h > 4 && h < 4.5 {
			lo, hi = math.NaN(), math.NaN()
		}
		vari, variLo, variHi = append(vari, v), append(variLo, lo), append(variHi, hi)
	}
	fig := plots.Figure{
		Title: "Availability, mean of 20 replications with 95% bands",
		Panels: []plots.Panel{{
			YLabel: "availability (share ok)",
			Lines: []plots.Line{
				{Label: "baseline", X: x, Y: base, Lo: baseLo, Hi: baseHi},
				{Label: "token_retries=0", X: x, Y: vari, Lo: variLo, Hi: variHi},
			},
		}},
	}
	png, err := plots.Render(fig, "png")
	fmt.Println(len(png) > 0, err)

	// A band crossed over is an error.
	fig.Panels[0].Lines[0].Lo[3], fig.Panels[0].Lines[0].Hi[3] = 2, 1
	_, err = plots.Render(fig, "png")
	fmt.Println(err)
	// Output:
	// true <nil>
	// plots: panel 0 "": line 0 "baseline": band: Lo[3] = 2 is above Hi[3] = 1
}
