package plots

import (
	"bytes"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// comparison returns a figure of a baseline and a variant, each the mean of
// replications with a 95% band, over 12 hours; the variant's band has a gap
// and its line a NaN.
func comparison(points int) Figure {
	var x, base, baseLo, baseHi, vari, variLo, variHi []float64
	for i := 0; i < points; i++ {
		t := 12 * 3600 * float64(i) / float64(points-1)
		h := t / 3600
		b := 0.99 - 0.5*math.Exp(-(h-3)*(h-3))
		v := 0.99 - 0.3*math.Exp(-(h-5)*(h-5)/4)
		w := 0.02 + 0.08*math.Exp(-(h-5)*(h-5)/2)
		x = append(x, t)
		base, baseLo, baseHi = append(base, b), append(baseLo, b-0.04), append(baseHi, math.Min(1, b+0.04))
		vari, variLo, variHi = append(vari, v), append(variLo, v-w), append(variHi, math.Min(1, v+w))
	}
	for i := points * 8 / 12; i < points*9/12; i++ {
		variLo[i] = math.NaN() // fewer than two replications: no interval
	}
	vari[points*10/12] = math.NaN()
	return Figure{
		Title: "Availability, 20 replications each",
		Panels: []Panel{{
			YLabel: "availability (share ok)",
			Lines: []Line{
				{Label: "baseline", X: x, Y: base, Lo: baseLo, Hi: baseHi},
				{Label: "token_retries=0", X: x, Y: vari, Lo: variLo, Hi: variHi},
			},
		}},
	}
}

func TestBandIsDrawnUnderTheLine(t *testing.T) {
	b, err := Render(comparison(721), "png")
	require.NoError(t, err)
	if os.Getenv("PLOTS_WRITE_PNG") != "" {
		require.NoError(t, os.WriteFile(os.Getenv("PLOTS_WRITE_PNG"), b, 0o644))
	}
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	colours := map[[3]uint32]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}]++
		}
	}
	// The blue band over white: 22% of #0072B2.
	tint := func(c uint32) uint32 { return uint32(math.Round(255 - bandAlpha*255/255*float64(255-c))) }
	var tinted int
	for c, n := range colours {
		if absDiff(c[0], tint(0x00)) <= 2 && absDiff(c[1], tint(0x72)) <= 2 && absDiff(c[2], tint(0xB2)) <= 2 {
			tinted += n
		}
	}
	require.Greater(t, tinted, 5000, "the baseline's band is filled")
	require.Positive(t, colours[[3]uint32{0x00, 0x72, 0xB2}], "the baseline's line is drawn over its band")
	require.Positive(t, colours[[3]uint32{0xD5, 0x5E, 0x00}], "the variant's line is drawn")
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestBandLeavesTheLegendAlone(t *testing.T) {
	with, err := Render(comparison(50), "svg")
	require.NoError(t, err)
	f := comparison(50)
	for i := range f.Panels[0].Lines {
		f.Panels[0].Lines[i].Lo, f.Panels[0].Lines[i].Hi = nil, nil
	}
	without, err := Render(f, "svg")
	require.NoError(t, err)
	require.Contains(t, string(with), "fill-opacity:0.2196", "bands are translucent in SVG")
	require.NotContains(t, string(without), "fill-opacity:0.2196")
	a, b := bytes.Count(with, []byte(">baseline<")), bytes.Count(without, []byte(">baseline<"))
	require.Equal(t, 1, a)
	require.Equal(t, a, b)
}

func TestBandIsValidated(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		lo, hi []float64
		want   string
	}{
		{"only Lo", []float64{0, 0, 0}, nil, "set both"},
		{"short Hi", []float64{0, 0, 0}, []float64{1, 1}, "Lo has 3 and Hi 2"},
		{"infinite", []float64{0, math.Inf(-1), 0}, []float64{1, 1, 1}, "Lo[1] = -Inf"},
		{"huge", []float64{0, 0, 0}, []float64{1, 1, 2e300}, "Hi[2] = 2e+300"},
		{"crossed", []float64{0, 2, 0}, []float64{1, 1, 1}, "Lo[1] = 2 is above Hi[1] = 1"},
		{"NaN is fine", []float64{0, nan, 0}, []float64{1, 1, nan}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Figure{Panels: []Panel{{Lines: []Line{{X: []float64{0, 1, 2}, Y: []float64{0.5, 0.5, 0.5}, Lo: tt.lo, Hi: tt.hi}}}}}
			_, err := Render(f, "svg")
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestBandCountsInTheYRange(t *testing.T) {
	p := Panel{Lines: []Line{{X: []float64{0, 1}, Y: []float64{1, 2}, Lo: []float64{0.5, math.NaN()}, Hi: []float64{4, 9}}}}
	lo, hi := yRange(p)
	require.Equal(t, 0.0, lo)
	require.InDelta(t, 4*1.05, hi, 1e-12, "Hi[1] has no Lo: no band there")
}

func TestDecimateBandKeepsTheEnvelope(t *testing.T) {
	n := 10_000
	x := make([]float64, n)
	lo := make([]float64, n)
	hi := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
		lo[i], hi[i] = -1, 1
	}
	lo[1234], hi[5678] = -50, 70
	xs, los, his := decimateBand(x, lo, hi, 0, float64(n), 100)
	require.LessOrEqual(t, len(xs), 2*102)
	require.Equal(t, x[0], xs[0])
	require.Equal(t, x[n-1], xs[len(xs)-1])
	require.Equal(t, len(xs), len(los))
	require.Equal(t, len(xs), len(his))
	minLo, maxHi := los[0], his[0]
	for i := range xs {
		if i > 0 {
			require.GreaterOrEqual(t, xs[i], xs[i-1])
		}
		minLo, maxHi = math.Min(minLo, los[i]), math.Max(maxHi, his[i])
	}
	require.Equal(t, -50.0, minLo)
	require.Equal(t, 70.0, maxHi)

	short, _, _ := decimateBand(x[:300], lo[:300], hi[:300], 0, 300, 100)
	require.Len(t, short, 300, "short bands are kept whole")
}

// TestGoldenBandSVG renders a comparison with bands and compares it with
// testdata/comparison.golden.svg byte for byte (see TestGoldenSVG).
func TestGoldenBandSVG(t *testing.T) {
	got, err := Render(comparison(60), "svg")
	require.NoError(t, err)
	path := filepath.Join("testdata", "comparison.golden.svg")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./plots -update` to create it")
	require.True(t, bytes.Equal(want, got),
		"SVG differs from %s; if the change is intended, run `go test ./plots -update` and review the file", path)
}

func TestBandOnALogPanel(t *testing.T) {
	f := comparison(100)
	f.Panels[0].LogY = true
	l := &f.Panels[0].Lines[1]
	for i := range l.Lo {
		l.Lo[i] -= 0.6 // some at or below 0: gaps of the band on a log axis
	}
	lo, hi := yRange(f.Panels[0])
	require.Greater(t, lo, 0.0)
	require.Greater(t, hi, lo)
	b, err := Render(f, "svg")
	require.NoError(t, err)
	require.Contains(t, string(b), "fill-opacity:0.21961")
}

// TestRandomFiguresWithBandsRender gives the random figures of
// TestRandomFiguresRender bands, with gaps: none may fail or panic.
func TestRandomFiguresWithBandsRender(t *testing.T) {
	n := randomCount(50)
	for seed := uint64(1); seed <= uint64(n); seed++ {
		f := randomFigure(seed)
		rng := rand.New(rand.NewPCG(seed, 7))
		for i := range f.Panels {
			for j := range f.Panels[i].Lines {
				l := &f.Panels[i].Lines[j]
				if rng.IntN(3) == 0 {
					continue
				}
				l.Lo, l.Hi = make([]float64, len(l.X)), make([]float64, len(l.X))
				for k, y := range l.Y {
					w := math.Abs(y) * rng.Float64()
					l.Lo[k], l.Hi[k] = y-w, y+w
					if rng.IntN(8) == 0 {
						l.Lo[k], l.Hi[k] = math.NaN(), math.NaN()
					}
				}
			}
		}
		_, err := Render(f, "svg")
		require.NoError(t, err, "seed %d", seed)
	}
}
