package charts

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHeatmapTextsAndContrast(t *testing.T) {
	b, err := RenderHeatmap(metastabilityMap(), "svg")
	require.NoError(t, err)
	texts := svgTexts(t, b)
	svg := string(b)
	for _, want := range []string{"Metastability map", "offered load (share of capacity)", "no data", "0.5", "1.0", "0.0", "0.2"} {
		require.Contains(t, texts, want)
	}
	for _, want := range []string{"client retries", "share of runs that stayed metastable"} {
		require.Contains(t, svg, ">"+want+"<", "upright labels")
	}
	// Values are written in the colour that reads on their cell: white on
	// the dark low shares, near-black on the bright high ones.
	require.Equal(t, "#FFFFFF", texts["0.15"][0].fill)
	require.Equal(t, "#FFFFFF", texts["0.3"][0].fill)
	require.Equal(t, "#222222", texts["0.95"][0].fill)
	require.Equal(t, "#222222", texts["0.85"][0].fill)
	// 30 cells, one without data: each of the 29 values is written.
	want := map[string]int{}
	for _, row := range metastabilityMap().Z {
		for _, v := range row {
			if !math.IsNaN(v) {
				want[compact(v)]++
			}
		}
	}
	for v, n := range want {
		require.GreaterOrEqual(t, len(texts[v]), n, "value %s", v)
	}
	// Row 0 is at the bottom, column 0 at the left: the value of Z[4][2]
	// (0.65) is above and left of Z[1][5] (0.7).
	require.Greater(t, texts["0.65"][0].y, texts["0.7"][0].y)
	require.Less(t, texts["0.65"][0].x, texts["0.7"][0].x)
}

func TestHeatmapColours(t *testing.T) {
	b, err := RenderHeatmap(metastabilityMap(), "png")
	require.NoError(t, err)
	colours, _ := pngColours(t, b)
	require.Greater(t, colours[[3]uint8{0xFD, 0xE7, 0x25}], 1000, "cells of share 1 are viridis yellow")
	require.Greater(t, colours[[3]uint8{0x44, 0x01, 0x54}], 1000, "cells of share 0 are viridis purple")
	require.Greater(t, colours[[3]uint8{0xEE, 0xEE, 0xEE}], 100, "the cell without data is hatched grey")
}

func TestHeatmapSkipsValuesThatDoNotFit(t *testing.T) {
	h := Heatmap{ZLabel: "z"}
	for i := 0; i < 60; i++ {
		h.XTicks = append(h.XTicks, "x")
		h.YTicks = append(h.YTicks, "y")
		row := make([]float64, 60)
		for j := range row {
			row[j] = 12345.678 * float64(i*j)
		}
		h.Z = append(h.Z, row)
	}
	h.Annotate = true
	b, err := RenderHeatmap(h, "svg")
	require.NoError(t, err)
	require.NotContains(t, svgTexts(t, b), "1.2e+04", "cells are too small for their values")
	h.XTicks, h.YTicks, h.Z = h.XTicks[:3], h.YTicks[:3], [][]float64{h.Z[1][:3], h.Z[2][:3], h.Z[3][:3]}
	b, err = RenderHeatmap(h, "svg")
	require.NoError(t, err)
	require.Contains(t, svgTexts(t, b), "1.2e+04", "big cells get their values")
}

func TestLongColumnLabelsTurn(t *testing.T) {
	h := metastabilityMap()
	for i := range h.XTicks {
		h.XTicks[i] = "load " + h.XTicks[i] + " of capacity"
	}
	b, err := RenderHeatmap(h, "svg")
	require.NoError(t, err)
	require.Equal(t, 6, strings.Count(string(b), `<g transform="rotate(45)">`), "the six column labels are turned")
	require.Contains(t, svgTexts(t, b), "load 0.5 of capacity", "and not cut short")
}

func TestZRange(t *testing.T) {
	none := math.Inf(1)
	tests := []struct {
		name       string
		lo, hi     float64
		zmin, zmax *float64
		wlo, whi   float64
	}{
		{"data", 2, 5, nil, nil, 2, 5},
		{"fixed", 0.2, 0.7, ptr(0), ptr(1), 0, 1},
		{"fixed low", 0.2, 0.7, ptr(0), nil, 0, 0.7},
		{"fixed high", 0.2, 0.7, nil, ptr(1), 0.2, 1},
		{"one value", 3, 3, nil, nil, 2.5, 3.5},
		{"low above data", 1, 2, ptr(5), nil, 5, 6},
		{"high below data", 1, 2, nil, ptr(0), -1, 0},
		{"no data", none, -none, nil, nil, 0, 1},
		{"no data, fixed", none, -none, ptr(0), ptr(1), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := zRange(tt.lo, tt.hi, tt.zmin, tt.zmax)
			require.Equal(t, tt.wlo, lo)
			require.Equal(t, tt.whi, hi)
		})
	}
}

func TestViridisAndContrast(t *testing.T) {
	require.Equal(t, viridisStops[0], viridis(0))
	require.Equal(t, viridisStops[0], viridis(math.NaN()))
	require.Equal(t, viridisStops[0], viridis(-3))
	require.Equal(t, viridisStops[8], viridis(1))
	require.Equal(t, viridisStops[8], viridis(7))
	require.Equal(t, viridisStops[4], viridis(0.5))
	// Lightness grows along the map, so it reads in grey too.
	prev := -1.0
	for i := 0; i <= 100; i++ {
		l := luminance(viridis(float64(i) / 100))
		require.Greater(t, l, prev, "at %d%%", i)
		prev = l
	}
	require.Equal(t, white, textOn(viridis(0)))
	require.Equal(t, textColor, textOn(viridis(1)))
}
