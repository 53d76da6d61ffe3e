package charts

import (
	"image/color"
	"math"
)

// viridisStops are nine evenly spaced colours of the viridis map of
// matplotlib (van der Walt and Smith), dark purple to yellow: perceptually
// uniform, monotone in lightness (so it reads in grey too) and readable
// with the common forms of colour blindness. Between stops colours are
// interpolated linearly, which stays within a few units of the full map.
var viridisStops = []color.RGBA{
	rgb(0x44, 0x01, 0x54),
	rgb(0x47, 0x2D, 0x7B),
	rgb(0x3B, 0x52, 0x8B),
	rgb(0x2C, 0x72, 0x8E),
	rgb(0x21, 0x90, 0x8C),
	rgb(0x27, 0xAD, 0x81),
	rgb(0x5D, 0xC8, 0x63),
	rgb(0xAA, 0xDC, 0x32),
	rgb(0xFD, 0xE7, 0x25),
}

// viridis returns the colour at t in [0, 1] (clamped; NaN is 0) of the
// sequential palette.
func viridis(t float64) color.RGBA {
	if !(t > 0) {
		t = 0
	}
	t = math.Min(t, 1)
	f := t * float64(len(viridisStops)-1)
	i := int(math.Floor(f))
	if i >= len(viridisStops)-1 {
		return viridisStops[len(viridisStops)-1]
	}
	a, b, w := viridisStops[i], viridisStops[i+1], f-float64(i)
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + w*(float64(y)-float64(x)))) }
	return rgb(mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B))
}

// luminance returns the relative luminance of c (WCAG 2).
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// textOn returns the text colour, white or the house near-black, with the
// higher contrast on a background of colour bg.
func textOn(bg color.RGBA) color.RGBA {
	l := luminance(bg)
	if (1.05)/(l+0.05) > (l+0.05)/(luminance(textColor)+0.05) {
		return white
	}
	return textColor
}
