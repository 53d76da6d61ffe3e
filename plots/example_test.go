package plots_test

import (
	"fmt"
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
