package plots

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// incident returns a figure like the ones the CLI draws: two panels over 12
// hours on a JST clock, three events.
func incident() Figure {
	jst := time.FixedZone("JST", 9*3600)
	const step, horizon = 60.0, 12 * 3600.0
	var x, load, norm, avail []float64
	for t := 0.0; t <= horizon; t += step {
		f := 1.0
		if t >= 55*60 && t < 10.5*3600 {
			f = 40
		}
		x = append(x, t)
		load = append(load, 1000*f+50*math.Sin(t/300))
		norm = append(norm, f)
		avail = append(avail, 1/math.Sqrt(f))
	}
	ref := 0.99
	return Figure{
		Title: "Token storm",
		Panels: []Panel{
			{Title: "Offered load", YLabel: "offered load (req/s)", Lines: []Line{{Label: "token service", X: x, Y: load}}},
			{Title: "Availability", YLabel: "availability", Lines: []Line{{Label: "users", X: x, Y: avail}}, Reference: &ref, ReferenceLabel: "SLO 99%"},
			{YLabel: "load / baseline", Lines: []Line{{Label: "token service", X: x, Y: norm}}, LogY: true},
		},
		Markers: []Marker{
			{At: 55 * 60, Label: "token service slows", Kind: MarkerFault},
			{At: 80 * 60, Label: "CPU alert", Kind: MarkerAlarm},
			{At: 10.5 * 3600, Label: "traffic moved", Kind: MarkerAction},
		},
		Time: TimeAxis{Start: time.Date(2022, 12, 2, 8, 0, 0, 0, jst), ZoneLabel: "JST", Max: horizon},
	}
}

func TestPNGHasRequestedSizeAndColours(t *testing.T) {
	tests := []struct {
		name          string
		width, height vg.Length
		dpi           int
		wantW, wantH  int
	}{
		{"defaults", 0, 0, 0, 1200, int(math.Round(float64((3*DefaultPanelHeight + ExtraHeight) / vg.Inch * DefaultDPI)))},
		{"8x9 in at 100 DPI", 8 * vg.Inch, 9 * vg.Inch, 100, 800, 900},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := incident()
			f.Width, f.Height, f.DPI = tt.width, tt.height, tt.dpi
			b, err := Render(f, "png")
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, tt.wantW, img.Bounds().Dx())
			require.Equal(t, tt.wantH, img.Bounds().Dy())

			colours := map[[3]uint32]int{}
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
					r, g, b, _ := img.At(x, y).RGBA()
					colours[[3]uint32{r >> 8, g >> 8, b >> 8}]++
				}
			}
			require.Greater(t, len(colours), 20, "not blank")
			// The line and marker colours are all there.
			for _, c := range []struct{ r, g, b uint32 }{{0x00, 0x72, 0xB2}, {0xB2, 0x18, 0x2B}, {0x1B, 0x78, 0x37}, {0xB3, 0x58, 0x06}} {
				require.Positive(t, colours[[3]uint32{c.r, c.g, c.b}], "colour #%02X%02X%02X", c.r, c.g, c.b)
			}
		})
	}
}

func TestSVGHasTextsOfTheFigure(t *testing.T) {
	b, err := Render(incident(), "svg")
	require.NoError(t, err)
	svg := string(b)
	for _, want := range []string{
		"Token storm", "Offered load", "Availability",
		"offered load (req/s)", "availability", "load / baseline",
		"time (JST, UTC+09:00)", "08:00", "10:00", "20:00",
		"token service slows", "CPU alert", "traffic moved",
		"token service", "users", "SLO 99%",
		"fault", "action", "alarm",
	} {
		require.True(t, strings.Contains(svg, ">"+want+"<"), "SVG lacks text %q", want)
	}
	require.False(t, strings.Contains(svg, ">info<"), "only the kinds present are in the key")
}

func TestRenderIsDeterministic(t *testing.T) {
	for _, format := range Formats() {
		a, err := Render(incident(), format)
		require.NoError(t, err)
		b, err := Render(incident(), format)
		require.NoError(t, err)
		require.True(t, bytes.Equal(a, b), "%s output differs between two renders", format)
	}
}

func TestRenderToWritesWhatRenderReturns(t *testing.T) {
	want, err := Render(incident(), "SVG")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, RenderTo(&buf, incident(), "svg"))
	require.Equal(t, want, buf.Bytes())

	buf.Reset()
	require.Error(t, RenderTo(&buf, Figure{}, "svg"))
	require.Zero(t, buf.Len(), "nothing written for a bad figure")
}

// TestPanelsShareTheTimeAxis: the plotting areas of all panels have the
// same left and right edges and about the same height, so one time is at
// one x.
func TestPanelsShareTheTimeAxis(t *testing.T) {
	f, err := prepare(incident())
	require.NoError(t, err)
	// Make the y axes as different as possible.
	f.Panels[0].YMax = 123456789
	c := draw.New(vgsvg.New(f.Width, f.Height))
	l := newLayout(f, c, 1)
	first := l.data(0)
	for i := range l.plots {
		d := l.data(i)
		require.InDelta(t, float64(first.Min.X), float64(d.Min.X), 1e-9, "panel %d left", i)
		require.InDelta(t, float64(first.Max.X), float64(d.Max.X), 1e-9, "panel %d right", i)
		// Heights match to a fraction of a point: plot.Align is not exact
		// when tick labels stick out of a plotting area.
		require.InDelta(t, float64(first.Size().Y), float64(d.Size().Y), 0.5, "panel %d height", i)
		require.Equal(t, l.plots[0].X.Min, l.plots[i].X.Min)
		require.Equal(t, l.plots[0].X.Max, l.plots[i].X.Max)
		if i > 0 {
			require.Less(t, d.Max.Y, l.data(i-1).Min.Y, "panel %d below panel %d", i, i-1)
		}
	}
	// The lane of marker labels is between the top panel's title and data,
	// and inside the figure.
	require.Equal(t, 1, l.band.nRows)
	require.Less(t, first.Max.Y+l.band.height(), c.Max.Y)
	// Legends are right of the plotting areas and inside the figure.
	require.Greater(t, l.legendX, first.Max.X)
	for _, lg := range l.legends {
		require.LessOrEqual(t, l.legendX+legendExtent(lg).X, c.Max.X-margin+1e-9)
	}
}

func TestLongLinesRenderQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 3×100k points")
	}
	f := Figure{Panels: []Panel{{Lines: noisyLines(3, 100_000)}}}
	start := time.Now()
	_, err := Render(f, "png")
	require.NoError(t, err)
	// The target is well under a second; the bound leaves room for slow CI.
	require.Less(t, time.Since(start), 5*time.Second)
}

// noisyLines returns n lines of points points each, one a second, with a
// spike in each.
func noisyLines(n, points int) []Line {
	lines := make([]Line, n)
	for i := range lines {
		x := make([]float64, points)
		y := make([]float64, points)
		for j := range x {
			x[j] = float64(j)
			y[j] = float64(100*(i+1)) + 10*math.Sin(float64(j)*0.7+float64(i))
		}
		y[points/3] *= 40
		lines[i] = Line{Label: strings.Repeat("x", i+1), X: x, Y: y}
	}
	return lines
}

func BenchmarkRender100k(b *testing.B) {
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			f := Figure{Panels: []Panel{{Lines: noisyLines(3, 100_000)}}}
			for b.Loop() {
				if _, err := Render(f, format); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/figure")
		})
	}
}

// TestRandomFiguresRender draws many random valid figures: none may fail or
// panic. A failure names the seed that reproduces it.
func TestRandomFiguresRender(t *testing.T) {
	n := randomCount(60)
	for seed := uint64(1); seed <= uint64(n); seed++ {
		f := randomFigure(seed)
		_, err := Render(f, "svg")
		require.NoError(t, err, "seed %d", seed)
	}
}

func randomFigure(seed uint64) Figure {
	rng := rand.New(rand.NewPCG(seed, 99))
	span := math.Pow(10, rng.Float64()*7) // 1 s to 115 days
	pick := func(vs ...float64) float64 { return vs[rng.IntN(len(vs))] }
	value := func() float64 {
		switch rng.IntN(10) {
		case 0:
			return math.NaN()
		case 1:
			return 0
		}
		return pick(1, -1, 1e-3, 1e6) * rng.Float64() * 10
	}
	f := Figure{Title: pick2(rng, "", "random")}
	if rng.IntN(2) == 0 {
		f.Time.Start = time.Date(2022, 12, 2, rng.IntN(24), rng.IntN(60), 0, 0, time.FixedZone("X", 3600*(rng.IntN(25)-12)))
	}
	if rng.IntN(4) == 0 {
		f.Time.Min, f.Time.Max = span/4, span/2
	}
	for p := 0; p < 1+rng.IntN(4); p++ {
		panel := Panel{Title: pick2(rng, "", "panel"), YLabel: pick2(rng, "", "y (unit)", longText), LogY: rng.IntN(4) == 0}
		if rng.IntN(3) == 0 {
			r := 0.5 + rng.Float64()
			panel.Reference = &r
		}
		for l := 0; l < rng.IntN(12); l++ {
			m := rng.IntN(300)
			line := Line{Label: pick2(rng, "", "line", longText), X: make([]float64, m), Y: make([]float64, m)}
			x := span * rng.Float64() / 10
			for i := range line.X {
				line.X[i], line.Y[i] = x, value()
				x += span / float64(m) * rng.Float64() * 2
			}
			panel.Lines = append(panel.Lines, line)
		}
		f.Panels = append(f.Panels, panel)
	}
	for m := 0; m < rng.IntN(15); m++ {
		f.Markers = append(f.Markers, Marker{At: span * rng.Float64(), Label: pick2(rng, "", "m", "an event with a longer label"), Kind: MarkerKind(rng.IntN(4))})
	}
	return f
}

func pick2(rng *rand.Rand, vs ...string) string { return vs[rng.IntN(len(vs))] }

// TestWithPixels: a figure sized in pixels comes out that size, as a PNG
// and as an SVG (whose viewBox is in points), and its text is larger at
// 1920×1080 than at the default size (a higher DPI on the same points).
func TestWithPixels(t *testing.T) {
	for _, size := range [][2]int{{1920, 1080}, {1600, 1200}, {640, 480}, {3840, 2160}, {1000, 1777}} {
		f, err := incident().WithPixels(size[0], size[1])
		require.NoError(t, err, "%v", size)
		b, err := Render(f, "png")
		require.NoError(t, err, "%v", size)
		img, err := png.Decode(bytes.NewReader(b))
		require.NoError(t, err)
		require.Equal(t, size[0], img.Bounds().Dx(), "%v", size)
		require.Equal(t, size[1], img.Bounds().Dy(), "%v", size)

		svg, err := Render(f, "svg")
		require.NoError(t, err)
		head := string(svg[:300])
		require.Contains(t, head, fmt.Sprintf(`<svg width="%d" height="%d" viewBox="0 0 `, size[0], size[1]), "%v", size)
	}
	big, err := incident().WithPixels(1920, 1080)
	require.NoError(t, err)
	require.Equal(t, DefaultDPI, big.DPI, "three panels in 1080 pixels: text no smaller than the default")
	one := incident()
	one.Panels = one.Panels[:1]
	big, err = one.WithPixels(1920, 1080)
	require.NoError(t, err)
	require.Equal(t, 192, big.DPI, "one panel: text scales with the width, 1920/1200")
	_, err = incident().WithPixels(100, 100)
	require.ErrorContains(t, err, "too small for 3 panels")
	_, err = incident().WithPixels(0, 100)
	require.Error(t, err)
	_, err = incident().WithPixels(30000, 100)
	require.ErrorContains(t, err, "from 1 to 20000")
}
