package charts

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBandTexts(t *testing.T) {
	b, err := RenderBand(outageBand(), "svg")
	require.NoError(t, err)
	texts := svgTexts(t, b)
	for _, want := range []string{"Outage duration against token retries", "token_retries", "timeout 2 s", "timeout 10 s", "95% interval", "0", "1", "2", "3", "10"} {
		require.Contains(t, texts, want)
	}
	require.Contains(t, string(b), ">outage duration (h)<")
	// The swept values 0..3 are the x ticks, left to right.
	var xs []float64
	for _, v := range []string{"0", "1", "2", "3"} {
		for _, tx := range texts[v] {
			if tx.y < texts["token_retries"][0].y+30 { // on the x axis, not the y axis
				xs = append(xs, tx.x)
			}
		}
	}
	require.Len(t, xs, 4)
	for i := 1; i < 4; i++ {
		require.Greater(t, xs[i], xs[i-1])
	}
}

func TestBandTicksAtSweptValuesOrEvenlySpaced(t *testing.T) {
	c := outageBand()
	c.Series = c.Series[:1]
	s := &c.Series[0]
	s.X, s.Mean, s.Lo, s.Hi = nil, nil, nil, nil
	for i := 0; i < 40; i++ {
		x := 0.37 * float64(i)
		s.X, s.Mean = append(s.X, x), append(s.Mean, x)
		s.Lo, s.Hi = append(s.Lo, x-1), append(s.Hi, x+1)
	}
	b, err := RenderBand(c, "svg")
	require.NoError(t, err)
	texts := svgTexts(t, b)
	require.NotContains(t, texts, "0.37", "too many values for a tick each")
	require.Contains(t, texts, "10", "evenly spaced ticks instead")
}

func TestBandLoneIntervalIsAnErrorBar(t *testing.T) {
	nan := math.NaN()
	c := BandChart{Series: []BandSeries{{Label: "s", X: []float64{1, 2, 3}, Mean: []float64{1, 2, 3}, Lo: []float64{nan, 1.5, nan}, Hi: []float64{nan, 2.5, nan}}}}
	b, err := RenderBand(c, "svg")
	require.NoError(t, err)
	svg := string(b)
	require.Equal(t, 3, strings.Count(svg, "stroke-opacity:0.70196"), "one error bar: its line and two caps")
	require.NotContains(t, svg, "fill-opacity:0.21961;", "no band polygon of one point")

	c.Series[0].Lo[2], c.Series[0].Hi[2] = 2, 4
	b, err = RenderBand(c, "svg")
	require.NoError(t, err)
	require.NotContains(t, string(b), "stroke-opacity:0.70196", "a run of two is a band")
	require.Contains(t, string(b), "fill-opacity:0.21961")
}

func TestBandMeanGapsBreakTheLine(t *testing.T) {
	nan := math.NaN()
	c := BandChart{Series: []BandSeries{{X: []float64{1, 2, 3, 4, 5}, Mean: []float64{1, 2, nan, 4, 5}, Lo: []float64{nan, nan, nan, nan, nan}, Hi: []float64{nan, nan, nan, nan, nan}}}}
	b, err := RenderBand(c, "svg")
	require.NoError(t, err)
	require.Equal(t, 2, strings.Count(string(b), "stroke:#0072B2;stroke-width:1.6\""), "two runs of means, two lines")
	require.NotContains(t, svgTexts(t, b), "95% interval", "no bands, no key of them")
}

func TestBandYRange(t *testing.T) {
	c := outageBand()
	lo, hi := bandYRange(c)
	require.Equal(t, 0.0, lo, "from 0 for durations")
	require.InDelta(t, 11*1.05, hi, 1e-9, "to the highest interval end, with headroom")
	c.YMin, c.YMax = 2, 5
	lo, hi = bandYRange(c)
	require.Equal(t, []float64{2, 5}, []float64{lo, hi})
}

func TestBandXRangeOnALogAxis(t *testing.T) {
	lo, hi := bandXRange(logBand())
	require.Less(t, lo, 10.0)
	require.Greater(t, lo, 5.0)
	require.Greater(t, hi, 10000.0)
	require.Less(t, hi, 20000.0)
	one := BandChart{LogX: true, Series: []BandSeries{{X: []float64{5e-324}, Mean: []float64{1}, Lo: []float64{0}, Hi: []float64{2}}}}
	lo, hi = bandXRange(one)
	require.Greater(t, lo, 0.0)
	require.Greater(t, hi, lo)
}
