package charts

import (
	"bytes"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// svgText is a text element of an SVG file as vgsvg writes it.
type svgText struct {
	x, y  float64 // y grows upwards, as on a draw.Canvas
	fill  string
	value string
}

var svgTextRE = regexp.MustCompile(`<text x="([-0-9.e]+)" y="([-0-9.e]+)"[^>]*\s*style="[^"]*fill:(#[0-9A-F]{6})">([^<]*)</text>`)

// svgTexts returns the texts of svg by their value, trimmed of spaces.
func svgTexts(t *testing.T, svg []byte) map[string][]svgText {
	t.Helper()
	out := map[string][]svgText{}
	for _, m := range svgTextRE.FindAllSubmatch(svg, -1) {
		x, err := strconv.ParseFloat(string(m[1]), 64)
		require.NoError(t, err)
		y, err := strconv.ParseFloat(string(m[2]), 64)
		require.NoError(t, err)
		v := strings.TrimSpace(string(m[4]))
		out[v] = append(out[v], svgText{x: x, y: -y, fill: string(m[3]), value: v})
	}
	return out
}

// pngColours counts the pixels of each colour of a PNG.
func pngColours(t *testing.T, b []byte) (map[[3]uint8]int, image.Rectangle) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	out := map[[3]uint8]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			out[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}]++
		}
	}
	return out, img.Bounds()
}
