package plots

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

// okFigure returns a small valid figure.
func okFigure() Figure {
	return Figure{
		Title: "ok",
		Panels: []Panel{{
			YLabel: "load (req/s)",
			Lines:  []Line{{Label: "a", X: []float64{0, 60, 120}, Y: []float64{1, 2, 3}}},
		}},
	}
}

func TestRenderRejectsBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name   string
		edit   func(f *Figure)
		format string
		want   string
	}{
		{"unknown format", func(f *Figure) {}, "jpeg", `unknown format "jpeg"`},
		{"empty format", func(f *Figure) {}, "", `unknown format ""`},
		{"no panels", func(f *Figure) { f.Panels = nil }, "svg", "no panels"},
		{"X and Y lengths differ", func(f *Figure) { f.Panels[0].Lines[0].Y = []float64{1} }, "svg", `line 0 "a": X has 3 values but Y has 1`},
		{"NaN X", func(f *Figure) { f.Panels[0].Lines[0].X[1] = nan }, "svg", "X[1] = NaN is not finite"},
		{"infinite X", func(f *Figure) { f.Panels[0].Lines[0].X[2] = inf }, "svg", "X[2] = +Inf is not finite"},
		{"X centuries away", func(f *Figure) { f.Panels[0].Lines[0].X[2] = 1e10 }, "svg", "X[2] = 1e+10 is not finite or beyond"},
		{"huge Y", func(f *Figure) { f.Panels[0].Lines[0].Y[2] = -1e305 }, "svg", "Y[2] = -1e+305 is infinite or beyond"},
		{"marker centuries away", func(f *Figure) { f.Markers = []Marker{{At: -1e12}} }, "svg", "beyond"},
		{"decreasing X", func(f *Figure) { f.Panels[0].Lines[0].X[2] = 30 }, "svg", "X must be non-decreasing"},
		{"infinite Y", func(f *Figure) { f.Panels[0].Lines[0].Y[0] = inf }, "svg", "use NaN for a gap"},
		{"empty y range", func(f *Figure) { f.Panels[0].YMin, f.Panels[0].YMax = 2, 1 }, "svg", "y range [2, 1] is empty"},
		{"NaN y range", func(f *Figure) { f.Panels[0].YMax = nan }, "svg", "not finite"},
		{"log y range from 0", func(f *Figure) { f.Panels[0].LogY, f.Panels[0].YMax = true, 10 }, "svg", "must be positive"},
		{"log reference at 0", func(f *Figure) { f.Panels[0].LogY, f.Panels[0].Reference = true, new(float64) }, "svg", "reference 0 must be positive"},
		{"NaN reference", func(f *Figure) { r := nan; f.Panels[0].Reference = &r }, "svg", "reference NaN"},
		{"NaN marker", func(f *Figure) { f.Markers = []Marker{{At: nan, Label: "m"}} }, "svg", `marker 0 "m": time NaN`},
		{"unknown marker kind", func(f *Figure) { f.Markers = []Marker{{At: 1, Kind: 7}} }, "svg", "unknown kind 7"},
		{"empty time range", func(f *Figure) { f.Time.Min, f.Time.Max = 10, 10 }, "svg", "time range [10, 10] is empty"},
		{"infinite time range", func(f *Figure) { f.Time.Max = inf }, "svg", "not finite"},
		{"too narrow", func(f *Figure) { f.Width = vg.Inch }, "svg", "width 72 is less than the minimum"},
		{"too short", func(f *Figure) { f.Height = vg.Inch }, "svg", "height 72 is less than the minimum"},
		{"too short for labelled markers", func(f *Figure) {
			f.Height, f.Markers = MinPanelHeight+ExtraHeight, []Marker{{At: 1, Label: "m"}}
		}, "svg", "less than the minimum 237.59"},
		{"negative width", func(f *Figure) { f.Width = -1 }, "svg", "width"},
		{"negative DPI", func(f *Figure) { f.DPI = -5 }, "png", "DPI -5 is negative"},
		{"too many pixels", func(f *Figure) { f.DPI = 5000 }, "png", "exceeds 20000 pixels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := okFigure()
			tt.edit(&f)
			b, err := Render(f, tt.format)
			require.ErrorContains(t, err, tt.want)
			require.Nil(t, b)
		})
	}
}

func TestNoPanelsIsErrNoPanels(t *testing.T) {
	_, err := Render(Figure{}, "png")
	require.ErrorIs(t, err, ErrNoPanels)
}

func TestPanelErrorNamesPanelAndLine(t *testing.T) {
	f := okFigure()
	f.Panels = append(f.Panels, Panel{Title: "avail", Lines: []Line{{}, {Label: "users", X: []float64{1}}}})
	_, err := Render(f, "svg")
	require.EqualError(t, err, `plots: panel 1 "avail": line 1 "users": X has 1 values but Y has 0`)
}

func TestPrepareCopiesAndDefaults(t *testing.T) {
	ref := 0.99
	in := okFigure()
	in.Panels[0].Reference = &ref
	in.Panels[0].Title = "two\nlines"
	in.Markers = []Marker{{At: 5, Label: "a\tb"}}
	in.Panels[0].Lines = append(in.Panels[0].Lines, Line{Label: "documented", X: []float64{1, 2}, Y: []float64{0.5, 1}, Points: true})
	out, err := prepare(in)
	require.NoError(t, err)
	require.False(t, out.Panels[0].Lines[0].Points)
	require.True(t, out.Panels[0].Lines[len(out.Panels[0].Lines)-1].Points, "a Points line stays one")

	require.Equal(t, DefaultWidth, out.Width)
	require.Equal(t, DefaultPanelHeight+ExtraHeight, out.Height)
	require.Equal(t, DefaultDPI, out.DPI)
	require.Equal(t, "two lines", out.Panels[0].Title)
	require.Equal(t, "a b", out.Markers[0].Label)

	// Changing the caller's data afterwards changes nothing prepared.
	in.Panels[0].Lines[0].X[0] = -1
	in.Panels[0].Lines[0].Y[0] = -1
	in.Panels[0].Lines[0].Label = "changed"
	ref = 0.5
	in.Markers[0].At = 99
	require.Equal(t, 0.0, out.Panels[0].Lines[0].X[0])
	require.Equal(t, 1.0, out.Panels[0].Lines[0].Y[0])
	require.Equal(t, "a", out.Panels[0].Lines[0].Label)
	require.Equal(t, 0.99, *out.Panels[0].Reference)
	require.Equal(t, 5.0, out.Markers[0].At)
}

func TestRenderAcceptsEdgeCases(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		fig  Figure
	}{
		{"empty lines and no markers", Figure{Panels: []Panel{{Lines: []Line{{Label: "nothing"}}}}}},
		{"single point", Figure{Panels: []Panel{{Lines: []Line{{X: []float64{10}, Y: []float64{1}}}}}}},
		{"all NaN", Figure{Panels: []Panel{{Lines: []Line{{X: []float64{0, 1}, Y: []float64{nan, nan}}}}}}},
		{"isolated points between gaps", Figure{Panels: []Panel{{Lines: []Line{{X: []float64{0, 1, 2, 3, 4}, Y: []float64{nan, 1, nan, 2, nan}}}}}}},
		{"log with zeros", Figure{Panels: []Panel{{LogY: true, Lines: []Line{{X: []float64{0, 1, 2}, Y: []float64{0, 10, -1}}}}}}},
		{"markers only", Figure{Panels: []Panel{{}}, Markers: []Marker{{At: 3600, Label: "m"}}}},
		{"data outside fixed range", Figure{Panels: []Panel{{Lines: []Line{{X: []float64{-100, 5000}, Y: []float64{1, 2}}}}}, Time: TimeAxis{Min: 0, Max: 600}, Markers: []Marker{{At: 9000, Label: "not shown"}}}},
		{"constant data", Figure{Panels: []Panel{{Lines: []Line{{X: []float64{0, 1}, Y: []float64{5, 5}}}}}}},
		{"very long labels", Figure{Title: "t", Panels: []Panel{{YLabel: longText, Title: longText, Lines: []Line{{Label: longText, X: []float64{0, 1}, Y: []float64{0, 1}}}}}, Markers: []Marker{{At: 0.5, Label: longText}}}},
		{"minimum size, two panels", Figure{Width: MinWidth, Height: 2*MinPanelHeight + ExtraHeight, Panels: []Panel{{YLabel: "a"}, {YLabel: "b"}}, Markers: []Marker{{At: 1}, {At: 2}}}},
		{"minimum size, two panels, labelled markers", Figure{Width: MinWidth, Height: 2*MinPanelHeight + ExtraHeight + MarkerHeight, Panels: []Panel{{YLabel: "a"}, {YLabel: "b"}}, Markers: []Marker{{At: 1, Label: "m"}, {At: 2, Label: "n"}}}},
		{"many lines", Figure{Panels: []Panel{{Lines: manyLines(40)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range Formats() {
				b, err := Render(tt.fig, format)
				require.NoError(t, err)
				require.NotEmpty(t, b)
			}
		})
	}
}

const longText = "a very long label that goes on and on about components, zones, populations, retries and deadlines until it cannot fit anywhere"

func manyLines(n int) []Line {
	lines := make([]Line, n)
	for i := range lines {
		lines[i] = Line{Label: "line " + string(rune('A'+i%26)), X: []float64{0, 100}, Y: []float64{float64(i), float64(i + 1)}}
	}
	return lines
}
