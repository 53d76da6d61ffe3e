package charts

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func TestTornadoOrderAndLabels(t *testing.T) {
	tor := sensitivity()
	tor.Bars[2].High = math.NaN()
	b, err := RenderTornado(tor, "svg")
	require.NoError(t, err)
	texts := svgTexts(t, b)
	// Parameters top to bottom in the given order.
	prev := math.Inf(1)
	for _, bar := range tor.Bars {
		require.Len(t, texts[bar.Param], 1, bar.Param)
		y := texts[bar.Param][0].y
		require.Less(t, y, prev, "%s below the one before", bar.Param)
		prev = y
	}
	for _, want := range []string{"token_retries=0", "=3", "client_timeout_s=1", "=30", "=60: no data", "replicas=2", "=8",
		"at the lowest value tried", "at the highest value tried", "baseline (3.1)", "outage duration (h)"} {
		require.Contains(t, texts, want)
	}
	// Every end label is inside the chart, and the label of a bar going
	// left of the baseline ends left of where one going right starts.
	w := float64(DefaultWidth)
	sty := textStyle(endLabelSize, false, draw.XLeft, draw.YCenter)
	for _, s := range []string{"token_retries=0", "=3", "client_timeout_s=1", "=30", "=60: no data"} {
		x := texts[s][0].x
		require.GreaterOrEqual(t, x, float64(margin), s)
		require.LessOrEqual(t, x+float64(sty.Width(s)), w-float64(margin), s)
	}
	require.Less(t, texts["token_retries=0"][0].x+float64(sty.Width("token_retries=0")), texts["=3"][0].x)
}

func TestTornadoDefaultHeightGrowsWithBars(t *testing.T) {
	require.Equal(t, 1.5*vg.Inch+4*0.55*vg.Inch, TornadoHeight(4))
	require.Greater(t, TornadoHeight(20), TornadoHeight(4))
	require.Equal(t, MinHeight, TornadoHeight(0))
	b, err := RenderTornado(sensitivity(), "png")
	require.NoError(t, err)
	_, bounds := pngColours(t, b)
	require.Equal(t, 960, bounds.Dx())
	require.Equal(t, int(math.Round(float64(TornadoHeight(4)/vg.Inch)*120)), bounds.Dy())
}

func TestTornadoXRangeMakesRoomForLabels(t *testing.T) {
	bp := &barPlotter{t: sensitivity(), labels: textStyle(endLabelSize, false, draw.XLeft, draw.YCenter), labelMax: 1000, hasLabels: true}
	const w = 500
	lo, hi := bp.xRange(w)
	for _, b := range bp.t.Bars {
		for _, e := range ends(b) {
			a, left := e.anchor(bp.t.Baseline)
			room := float64(bp.labels.Width(e.text())+2*endLabelGap) / w * (hi - lo)
			if left {
				require.GreaterOrEqual(t, a-room, lo-1e-9, e.text())
			} else {
				require.LessOrEqual(t, a+room, hi+1e-9, e.text())
			}
		}
	}
	bp.hasLabels = false
	plo, phi := bp.xRange(w)
	require.Less(t, lo, plo, "labels widen the range")
	require.InDelta(t, 0.7-0.03*(11-0.7), plo, 1e-9, "without labels: the data with 3% of room")
	require.InDelta(t, 11+0.03*(11-0.7), phi, 1e-9)
}
