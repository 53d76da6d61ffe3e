package charts

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

// TestRenderEdgeCasesToLookAt renders charts at the edges of what the
// layout handles; with CHARTS_OUT set it writes them there.
func TestRenderEdgeCasesToLookAt(t *testing.T) {
	h := metastabilityMap()
	for i := range h.XTicks {
		h.XTicks[i] = "load " + h.XTicks[i] + " of capacity"
	}
	h.Title = ""
	h.ZMin, h.ZMax = nil, nil
	h.Width, h.Height = 5*vg.Inch, 4*vg.Inch
	b, err := RenderHeatmap(h, "png")
	require.NoError(t, err)
	writeIfAsked(t, "heatmap-small.png", b)

	big := Heatmap{Title: "Mean outage (h)", XLabel: "a", YLabel: "b", ZLabel: "outage (h)", Annotate: true}
	for i := 0; i < 12; i++ {
		big.XTicks = append(big.XTicks, tickLabel(float64(i)*0.05))
		big.YTicks = append(big.YTicks, tickLabel(float64(i)))
		row := make([]float64, 12)
		for j := range row {
			row[j] = math.Exp(float64(i+j) / 3)
			if (i+j)%7 == 0 {
				row[j] = math.NaN()
			}
		}
		big.Z = append(big.Z, row)
	}
	b, err = RenderHeatmap(big, "png")
	require.NoError(t, err)
	writeIfAsked(t, "heatmap-12x12.png", b)

	tor := sensitivity()
	tor.Bars[2].High = math.NaN()
	tor.Bars = append(tor.Bars, TornadoBar{Param: "a_parameter_with_a_very_long_name_indeed", LowLabel: "a_parameter_with_a_very_long_name_indeed=0.001", HighLabel: "=1000", Low: 3.0, High: 3.3,
		LowLo: math.NaN(), LowHi: math.NaN(), HighLo: math.NaN(), HighHi: math.NaN()})
	tor.Width = 5 * vg.Inch
	b, err = RenderTornado(tor, "png")
	require.NoError(t, err)
	writeIfAsked(t, "tornado-narrow.png", b)

	band := outageBand()
	for i := 0; i < 5; i++ {
		s := band.Series[0]
		s.Label = "a longer series label " + tickLabel(float64(i))
		m := make([]float64, len(s.Mean))
		lo := make([]float64, len(s.Mean))
		hi := make([]float64, len(s.Mean))
		for j := range m {
			m[j] = s.Mean[j] * (1 + 0.2*float64(i))
			lo[j], hi[j] = m[j]*0.9, m[j]*1.1
		}
		s.Mean, s.Lo, s.Hi = m, lo, hi
		band.Series = append(band.Series, s)
	}
	band.Series[1].Lo[0], band.Series[1].Hi[0] = math.NaN(), math.NaN() // a lone interval at x=1
	band.YMin, band.YMax = 0, 10
	b, err = RenderBand(band, "png")
	require.NoError(t, err)
	writeIfAsked(t, "band-many.png", b)
}

// TestDenseHeatmapThinsItsLabels: a 40×40 sweep keeps a label on every
// few rows and columns, so that they do not overlap.
func TestDenseHeatmapThinsItsLabels(t *testing.T) {
	h := Heatmap{Title: "40 × 40", XLabel: "load", YLabel: "retries", ZLabel: "share", Annotate: true}
	for i := 0; i < 40; i++ {
		h.XTicks = append(h.XTicks, tickLabel(0.5+float64(i)*0.0125))
		h.YTicks = append(h.YTicks, tickLabel(float64(i)))
		row := make([]float64, 40)
		for j := range row {
			row[j] = 1 / (1 + math.Exp(-float64(i+j-40)/4))
		}
		h.Z = append(h.Z, row)
	}
	b, err := RenderHeatmap(h, "png")
	require.NoError(t, err)
	writeIfAsked(t, "heatmap-40x40.png", b)
	b, err = RenderHeatmap(h, "svg")
	require.NoError(t, err)
	texts := svgTexts(t, b)
	require.Contains(t, texts, "0.5")
	require.Contains(t, texts, "0")
	labelled := 0
	for _, l := range h.XTicks {
		if _, ok := texts[l]; ok {
			labelled++
		}
	}
	require.Less(t, labelled, 25, "column labels thinned")
	require.Greater(t, labelled, 4)
}
