package plots

import (
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Text sizes, in points. They are chosen for a figure about 10 inches wide
// shown on a screen or a projector: nothing smaller than 10 pt.
const (
	figureTitleSize = 16
	panelTitleSize  = 13
	axisLabelSize   = 12
	tickLabelSize   = 11
	legendSize      = 11
	minLegendSize   = 8.5
	markerLabelSize = 10.5
)

// weightBold is golang.org/x/image/font.WeightBold, spelled as a constant so
// that this package imports only the standard library and gonum.
const weightBold = 3

// sans returns the sans-serif face used for all text, at size points.
func sans(size float64, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
	if bold {
		f.Weight = weightBold
	}
	return f
}

// textStyle returns a text style in the house face and colour.
func textStyle(size float64, bold bool, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color:   textColor,
		Font:    sans(size, bold),
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// leftText returns a left-aligned, baseline-aligned text style.
func leftText(size float64, bold bool) text.Style {
	return textStyle(size, bold, draw.XLeft, draw.YBottom)
}

// truncate shortens s so that it is at most max wide in sty: first by
// dropping a trailing parenthesis (a name, a count: the detail), then with
// an ellipsis.
func truncate(sty text.Style, s string, max vg.Length) string {
	if sty.Width(s) <= max {
		return s
	}
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
		if sty.Width(s) <= max {
			return s
		}
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := string(r) + "…"
		if sty.Width(t) <= max {
			return t
		}
	}
	return ""
}
