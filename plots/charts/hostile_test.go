package charts

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// floats decodes data into values: from a small set of hostile ones (NaN,
// ±Inf, 0, huge, tiny, negative), plain small ones, or raw bits.
type floats struct{ data []byte }

func (f *floats) next() float64 {
	if len(f.data) == 0 {
		return 1
	}
	b := f.data[0]
	f.data = f.data[1:]
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -1, 1, 1e300, -1e300, 1e-300, 5e-324, 0.5, 3, 1e6}
	switch {
	case int(b) < 2*len(special):
		return special[int(b)%len(special)]
	case b < 200:
		return float64(b-26) / 8
	}
	if len(f.data) >= 8 {
		v := math.Float64frombits(binary.LittleEndian.Uint64(f.data))
		f.data = f.data[8:]
		return v
	}
	return float64(b) / 16
}

func (f *floats) count(max int) int {
	v := math.Abs(f.next())
	if !(v < 1e9) {
		v = 0
	}
	return int(v) % (max + 1)
}

func (f *floats) slice(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f.next()
	}
	return v
}

// mustNotPanic renders and checks that the result is a chart or an
// ordinary error, never a panic or an internal error.
func mustNotPanic(t *testing.T, render func() ([]byte, error)) {
	t.Helper()
	var (
		b   []byte
		err error
	)
	require.NotPanics(t, func() { b, err = render() })
	if err != nil {
		require.NotContains(t, err.Error(), "internal error")
		return
	}
	require.True(t, strings.Contains(string(b), "<svg"), "an SVG")
}

func hostileBand(data []byte) BandChart {
	f := &floats{data}
	c := BandChart{LogX: f.next() > 0, YMin: f.next(), YMax: f.next(), Title: "t\nu", XLabel: "x\ty", YLabel: strings.Repeat("long ", 40)}
	if f.next() > 0 {
		c.YMin, c.YMax = 0, 0
	}
	for s := f.count(9); s > 0; s-- {
		n := f.count(20)
		sr := BandSeries{Label: strings.Repeat("s", f.count(80)), X: f.slice(n), Mean: f.slice(n), Lo: f.slice(n), Hi: f.slice(n)}
		if f.next() > 1 {
			// Mostly well formed: increasing X, intervals around the means.
			x := f.next()
			for i := range sr.X {
				x += 0.1 + math.Abs(f.next())
				d := math.Abs(f.next())
				sr.X[i], sr.Lo[i], sr.Hi[i] = x, sr.Mean[i]-d, sr.Mean[i]+d
			}
		}
		c.Series = append(c.Series, sr)
	}
	return c
}

func hostileHeatmap(data []byte) Heatmap {
	f := &floats{data}
	rows, cols := f.count(12), f.count(12)
	h := Heatmap{XLabel: "x", ZLabel: strings.Repeat("z", f.count(200)), Annotate: f.next() > 0}
	for c := 0; c < cols; c++ {
		h.XTicks = append(h.XTicks, strings.Repeat("9", f.count(30)))
	}
	for r := 0; r < rows; r++ {
		h.YTicks = append(h.YTicks, strings.Repeat("r", f.count(60)))
		h.Z = append(h.Z, f.slice(cols))
	}
	if v := f.next(); v > 0 {
		h.ZMin = &v
	}
	if v := f.next(); v > 0 {
		h.ZMax = &v
	}
	return h
}

func hostileTornado(data []byte) Tornado {
	f := &floats{data}
	t := Tornado{Baseline: f.next(), OutcomeLabel: "y"}
	for n := f.count(12); n > 0; n-- {
		t.Bars = append(t.Bars, TornadoBar{
			Param: strings.Repeat("p", f.count(90)), LowLabel: strings.Repeat("l", f.count(90)), HighLabel: "=3",
			Low: f.next(), High: f.next(), LowLo: f.next(), LowHi: f.next(), HighLo: f.next(), HighHi: f.next(),
		})
		if b := &t.Bars[len(t.Bars)-1]; f.next() > 1 {
			// Well formed: intervals around the means, or none.
			d, e := math.Abs(b.LowLo), math.Abs(b.HighLo)
			b.LowLo, b.LowHi, b.HighLo, b.HighHi = b.Low-d, b.Low+d, b.High-e, b.High+e
			if f.next() > 2 {
				b.LowLo, b.LowHi = math.NaN(), math.NaN()
			}
		}
	}
	return t
}

func FuzzRenderBand(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{30, 30, 30, 1, 1, 4, 30, 40, 50, 60, 70, 80, 90, 100})
	f.Fuzz(func(t *testing.T, data []byte) {
		mustNotPanic(t, func() ([]byte, error) { return RenderBand(hostileBand(data), "svg") })
	})
}

func FuzzRenderHeatmap(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{40, 40, 30, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
	f.Fuzz(func(t *testing.T, data []byte) {
		mustNotPanic(t, func() ([]byte, error) { return RenderHeatmap(hostileHeatmap(data), "svg") })
	})
}

func FuzzRenderTornado(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{30, 40, 60, 3, 2, 0, 0, 5, 0, 1, 1, 2, 2, 3, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		mustNotPanic(t, func() ([]byte, error) { return RenderTornado(hostileTornado(data), "svg") })
	})
}

// TestHostileInputs feeds many random hostile charts to the renderers: each
// gives a chart or an ordinary error, never a panic. It also checks that
// some of them do render, so that it tests the drawing too.
func TestHostileInputs(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 40
	}
	rendered := map[string]int{}
	for seed := uint64(1); seed <= uint64(n); seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		data := make([]byte, 400)
		for i := range data {
			data[i] = byte(rng.IntN(256))
			if rng.IntN(6) > 0 {
				data[i] = byte(26 + rng.IntN(174)) // plain values
			}
		}
		for name, render := range map[string]func() ([]byte, error){
			"band":    func() ([]byte, error) { return RenderBand(hostileBand(data), "svg") },
			"heatmap": func() ([]byte, error) { return RenderHeatmap(hostileHeatmap(data), "svg") },
			"tornado": func() ([]byte, error) { return RenderTornado(hostileTornado(data), "svg") },
		} {
			var err error
			require.NotPanics(t, func() { _, err = render() }, "%s seed %d", name, seed)
			if err == nil {
				rendered[name]++
			} else {
				require.NotContains(t, err.Error(), "internal error", "%s seed %d", name, seed)
			}
		}
	}
	t.Logf("valid charts of %d: %v", n, rendered)
	for _, name := range []string{"band", "heatmap", "tornado"} {
		require.Greater(t, rendered[name], n/20, "%s: too few random charts were valid to test drawing", name)
	}
}
