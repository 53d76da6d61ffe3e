package charts

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

var (
	nan = math.NaN()
	inf = math.Inf(1)
)

func ptr(v float64) *float64 { return &v }

func TestBandErrors(t *testing.T) {
	one := func(s BandSeries) BandChart { return BandChart{Series: []BandSeries{s}} }
	ok := BandSeries{X: []float64{1, 2}, Mean: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}
	with := func(f func(*BandSeries)) BandChart {
		s := ok
		s.X, s.Mean, s.Lo, s.Hi = clone(ok.X), clone(ok.Mean), clone(ok.Lo), clone(ok.Hi)
		f(&s)
		return one(s)
	}
	tests := []struct {
		name string
		c    BandChart
		want string
	}{
		{"no series", BandChart{}, "no series: no data"},
		{"empty series", one(BandSeries{}), `series 0 "": no points: no data`},
		{"lengths", with(func(s *BandSeries) { s.Hi = s.Hi[:1] }), "X has 2 values but Mean has 2, Lo 2 and Hi 1"},
		{"NaN X", with(func(s *BandSeries) { s.X[1] = nan }), "X[1] = NaN is not finite"},
		{"infinite X", with(func(s *BandSeries) { s.X[0] = -inf }), "X[0] = -Inf is not finite"},
		{"X not increasing", with(func(s *BandSeries) { s.X[1] = 1 }), "X[1] = 1 is not above X[0] = 1"},
		{"log X not positive", func() BandChart { c := with(func(s *BandSeries) { s.X[0] = 0 }); c.LogX = true; return c }(), "X[0] = 0 is not positive"},
		{"infinite mean", with(func(s *BandSeries) { s.Mean[1] = inf }), "Mean[1] = +Inf is infinite"},
		{"half interval", with(func(s *BandSeries) { s.Lo[0] = nan }), "Lo[0] = NaN and Hi[0] = 2: set both or neither"},
		{"infinite interval", with(func(s *BandSeries) { s.Hi[0] = inf }), "interval [0, +Inf] at X[0] is infinite"},
		{"lo > hi", with(func(s *BandSeries) { s.Lo[1] = 4 }), "Lo[1] = 4 is above Hi[1] = 3"},
		{"all NaN", with(func(s *BandSeries) { s.Mean = []float64{nan, nan} }), "every mean is NaN: no data"},
		{"empty y range", func() BandChart { c := one(ok); c.YMin, c.YMax = 1, 1; return c }(), "y range [1, 1] is empty"},
		{"inverted y range", func() BandChart { c := one(ok); c.YMin, c.YMax = 1, 0; return c }(), "y range [1, 0] is empty"},
		{"NaN y range", func() BandChart { c := one(ok); c.YMax = nan; return c }(), "y range [0, NaN] is not finite"},
		{"too narrow", func() BandChart { c := one(ok); c.Width = vg.Inch; return c }(), "width 72 is less than the minimum 216"},
		{"too many pixels", func() BandChart { c := one(ok); c.DPI = 5000; return c }(), "exceeds 20000 pixels a side"},
		{"negative DPI", func() BandChart { c := one(ok); c.DPI = -1; return c }(), "DPI -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RenderBand(tt.c, "png")
			require.ErrorContains(t, err, "charts: band chart")
			require.ErrorContains(t, err, tt.want)
		})
	}
	// NaN means with stray intervals are no data, not an error.
	_, err := RenderBand(with(func(s *BandSeries) { s.Mean[0], s.Lo[0] = nan, nan }), "svg")
	require.NoError(t, err)
}

func TestHeatmapErrors(t *testing.T) {
	ok := func() Heatmap {
		return Heatmap{XTicks: []string{"a", "b"}, YTicks: []string{"1"}, Z: [][]float64{{0, 1}}}
	}
	with := func(f func(*Heatmap)) Heatmap { h := ok(); f(&h); return h }
	tests := []struct {
		name string
		h    Heatmap
		want string
	}{
		{"no rows", Heatmap{}, "Z has no rows: no data"},
		{"no columns", with(func(h *Heatmap) { h.XTicks = nil }), "XTicks is empty"},
		{"rows vs ticks", with(func(h *Heatmap) { h.YTicks = nil }), "Z has 1 rows but YTicks has 0 labels"},
		{"ragged", with(func(h *Heatmap) { h.Z = [][]float64{{0}}; h.YTicks = []string{"1"} }), "Z[0] has 1 values but XTicks has 2 labels"},
		{"infinite", with(func(h *Heatmap) { h.Z[0][1] = -inf }), "Z[0][1] = -Inf is infinite"},
		{"bad ZMin", with(func(h *Heatmap) { h.ZMin = ptr(nan) }), "ZMin = NaN is not finite"},
		{"empty scale", with(func(h *Heatmap) { h.ZMin, h.ZMax = ptr(1), ptr(1) }), "colour scale [1, 1] is empty"},
		{"inverted scale", with(func(h *Heatmap) { h.ZMin, h.ZMax = ptr(1), ptr(0) }), "colour scale [1, 0] is empty"},
		{"too many cells", Heatmap{XTicks: make([]string, 1000), YTicks: make([]string, 1000), Z: make([][]float64, 1000)}, "more than 250000"},
		{"too short", with(func(h *Heatmap) { h.Height = vg.Inch }), "height 72 is less than the minimum 144"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RenderHeatmap(tt.h, "svg")
			require.ErrorContains(t, err, "charts: heatmap")
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestTornadoErrors(t *testing.T) {
	bar := TornadoBar{Param: "p", Low: 1, High: 2, LowLo: nan, LowHi: nan, HighLo: 1.5, HighHi: 2.5}
	with := func(f func(*TornadoBar)) Tornado { b := bar; f(&b); return Tornado{Bars: []TornadoBar{b}} }
	tests := []struct {
		name string
		t    Tornado
		want string
	}{
		{"no bars", Tornado{}, "no bars: no data"},
		{"NaN baseline", func() Tornado { t := with(func(*TornadoBar) {}); t.Baseline = nan; return t }(), "baseline NaN is not finite"},
		{"infinite low", with(func(b *TornadoBar) { b.Low = inf }), `bar 0 "p": Low = +Inf is infinite`},
		{"half interval", with(func(b *TornadoBar) { b.HighHi = nan }), "HighLo = 1.5 and HighHi = NaN: set both or neither"},
		{"crossed interval", with(func(b *TornadoBar) { b.LowLo, b.LowHi = 2, 1 }), "LowLo = 2 is above LowHi = 1"},
		{"infinite interval", with(func(b *TornadoBar) { b.LowLo, b.LowHi = -inf, 1 }), "interval [-Inf, 1] of Low is infinite"},
		{"too many bars", Tornado{Bars: make([]TornadoBar, 1001)}, "1001 bars is more than 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RenderTornado(tt.t, "png")
			require.ErrorContains(t, err, "charts: tornado")
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := RenderBand(outageBand(), "pdf")
	require.ErrorContains(t, err, `unknown format "pdf" (want one of png, svg)`)
	_, err = RenderHeatmap(metastabilityMap(), "jpeg")
	require.ErrorContains(t, err, "unknown format")
	_, err = RenderTornado(sensitivity(), "")
	require.ErrorContains(t, err, "unknown format")
	b, err := RenderTornado(sensitivity(), "SVG")
	require.NoError(t, err, "formats are case-insensitive")
	require.Contains(t, string(b), "<svg")
}

func TestRenderLeavesTheInputAlone(t *testing.T) {
	c := outageBand()
	c.Series[0].Mean[1] = nan // its interval is then ignored, in a copy
	_, err := RenderBand(c, "svg")
	require.NoError(t, err)
	require.Equal(t, 2.3, c.Series[0].Lo[1])
	require.Equal(t, 3.5, c.Series[0].Hi[1])
}
