package plots

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
)

// Line is one series on a panel. X is seconds since the start of the run; a
// NaN Y is a gap.
type Line struct {
	// Label names the series in the panel's legend. Empty means no legend
	// entry.
	Label string

	// X holds the time of each point in seconds since the start of the run.
	// Values must be finite, within ±1e9 s, and non-decreasing.
	X []float64

	// Y holds one value per X. NaN is a gap in the line; ±Inf and values
	// beyond ±1e300 are errors.
	// On a logarithmic panel values ≤ 0 are gaps too. A point with gaps on
	// both sides is drawn as a dot.
	Y []float64

	// Points draws each point as a ring and no line between them: for a
	// few documented figures beside a simulated line. The rings are in
	// the documented times' purple, whatever the line's place.
	Points bool

	// Lo and Hi, if set, bound a band drawn under the line as a translucent
	// fill in its colour: say a 95% interval over replications around
	// their mean. Both are set or neither; each then has one value per X.
	// A NaN in either is no band at that point (the band has a gap there);
	// on a logarithmic panel so is a value ≤ 0. Where both are set, Lo
	// must not exceed Hi. The band counts in the automatic y range; the
	// legend shows the line only.
	Lo, Hi []float64
}

// Panel is one plot area; panels of a figure are stacked vertically and
// share the time axis.
type Panel struct {
	// Title is shown centred above the panel. Optional.
	Title string

	// YLabel labels the y axis; include the unit, e.g. "load (req/s)".
	YLabel string

	// Lines are the series, drawn in order, each in its own colour and dash
	// (see the package palette: Okabe–Ito colours).
	Lines []Line

	// YMin and YMax fix the y range. Both 0 (the default) means automatic:
	// the range of the data and the reference line, from 0 when all values
	// have one sign, with 5% headroom; on a log panel, whole decades.
	YMin, YMax float64

	// LogY draws the y axis on a logarithmic scale. Default: linear.
	LogY bool

	// Reference, if not nil, draws a horizontal dashed line at that value,
	// e.g. an availability threshold.
	Reference *float64

	// ReferenceLabel names the reference line in the legend. Empty means
	// "reference" followed by the value.
	ReferenceLabel string
}

// Figure is what gets rendered.
type Figure struct {
	// Title is shown at the top of the figure. Optional; may hold several
	// lines separated by "\n".
	Title string

	// Panels are stacked from top to bottom. At least one is required.
	Panels []Panel

	// Markers are events marked across every panel.
	Markers []Marker

	// Time says how the shared time axis is labelled and, optionally, its
	// range.
	Time TimeAxis

	// Width and Height are the size of the figure. 0 means the default:
	// DefaultWidth wide, DefaultPanelHeight per panel plus ExtraHeight for
	// the title, time axis and key (and, when the markers are numbered, the
	// height of their key). The minimum is MinWidth by MinPanelHeight per
	// panel plus ExtraHeight, plus MarkerHeight when a marker has a label. Text has a fixed size in points, so a figure
	// twice as large in points has text half as large in it; WithPixels
	// picks a size and DPI for a size in pixels.
	Width, Height vg.Length

	// DPI is the resolution in dots per inch: the PNG is Width×DPI/72 by
	// Height×DPI/72 pixels, and so is the SVG's size (its viewBox is in
	// points). 0 means DefaultDPI.
	DPI int
}

// WithPixels returns f sized to be w×h pixels (PNG, and the SVG's size)
// with its text scaled for that size: the DPI grows with the lesser of w
// over the default width in pixels and h over the default height for f's
// panels (never below DefaultDPI for a larger figure, at most 4 times
// it), and Width and Height are w and h at that DPI. When the panels would
// not fit at that DPI, it is lowered until they do; a size too small for
// them even at MinDPI (text under 10 pixels), or above MaxPixels a side,
// is an error.
func (f Figure) WithPixels(w, h int) (Figure, error) {
	if w <= 0 || h <= 0 || w > MaxPixels || h > MaxPixels {
		return f, fmt.Errorf("plots: %d×%d pixels: each side must be from 1 to %d", w, h, MaxPixels)
	}
	n := vg.Length(max(1, len(f.Panels)))
	defW := float64(DefaultWidth/vg.Inch) * DefaultDPI
	defH := float64((DefaultPanelHeight*n+ExtraHeight)/vg.Inch) * DefaultDPI
	scale := math.Min(float64(w)/defW, float64(h)/defH)
	scale = min(max(scale, 1), 4)
	dpi := int(math.Round(DefaultDPI * scale))
	// The largest DPI at which w×h pixels are at least the minimum size.
	least := minHeight(len(f.Panels), f.Markers)
	fit := math.Floor(math.Min(float64(w)/float64(MinWidth/vg.Inch), float64(h)/float64(least/vg.Inch)))
	dpi = min(dpi, int(fit))
	if dpi < MinDPI {
		minW := math.Ceil(float64(MinWidth/vg.Inch) * MinDPI)
		minH := math.Ceil(float64(least/vg.Inch) * MinDPI)
		return f, fmt.Errorf("plots: %d×%d pixels is too small for %d panels: at least %g×%g", w, h, int(n), minW, minH)
	}
	f.DPI = dpi
	f.Width = vg.Length(w) * vg.Inch / vg.Length(dpi)
	f.Height = vg.Length(h) * vg.Inch / vg.Length(dpi)
	return f, nil
}

// Default and limit sizes of a figure.
const (
	// DefaultWidth is the width of a figure whose Width is 0.
	DefaultWidth = 10 * vg.Inch
	// DefaultPanelHeight is the height given to each panel of a figure whose
	// Height is 0.
	DefaultPanelHeight = 3.2 * vg.Inch
	// ExtraHeight is added to the panels' height for a figure whose Height
	// is 0: room for the titles, the time axis and the key of markers.
	ExtraHeight = 0.6 * vg.Inch
	// MinWidth is the narrowest figure that can be rendered.
	MinWidth = 4 * vg.Inch
	// MinPanelHeight is the least height per panel that can be rendered.
	MinPanelHeight = 1.5 * vg.Inch
	// MarkerHeight is added to the least height of a figure with labelled
	// markers: room for their numbers, a row of their key and the key of
	// kinds.
	MarkerHeight = 1.2 * vg.Inch
	// DefaultDPI is the PNG resolution of a figure whose DPI is 0.
	DefaultDPI = 120
	// MinDPI is the lowest resolution WithPixels picks: below it, text is
	// too small to read.
	MinDPI = 60
	// MaxPixels bounds each side of a PNG, in pixels.
	MaxPixels = 20000
)

// minHeight returns the least height of a figure of n panels with markers:
// MinPanelHeight per panel plus ExtraHeight, plus MarkerHeight if a marker
// has a label.
func minHeight(n int, markers []Marker) vg.Length {
	h := MinPanelHeight*vg.Length(n) + ExtraHeight
	if labelled(markers) > 0 {
		h += MarkerHeight
	}
	return h
}

// Limits on the magnitude of values, so that scaling them never
// overflows: times within about 31 years of the start, values within
// ±1e300.
const (
	maxSeconds = 1e9
	maxValue   = 1e300
)

// Formats returns the output formats that Render accepts, in lower case
// (Render also accepts them in upper case).
func Formats() []string { return []string{"png", "svg"} }

// ErrNoPanels is returned when a figure has no panels.
var ErrNoPanels = errors.New("plots: figure has no panels")

// prepare checks fig and returns a deep copy with defaults filled in and
// label text made single-line, so that rendering never sees bad data and
// never retains the caller's slices.
func prepare(fig Figure) (Figure, error) {
	if len(fig.Panels) == 0 {
		return Figure{}, ErrNoPanels
	}
	out := Figure{
		Title:  fig.Title,
		Time:   fig.Time,
		Width:  fig.Width,
		Height: fig.Height,
		DPI:    fig.DPI,
	}
	n := vg.Length(len(fig.Panels))
	if out.Width == 0 {
		out.Width = DefaultWidth
	}
	if out.Height == 0 {
		out.Height = DefaultPanelHeight*n + ExtraHeight
	}
	if out.DPI == 0 {
		out.DPI = DefaultDPI
	}
	switch {
	case !finite(float64(out.Width)) || out.Width < MinWidth:
		return Figure{}, fmt.Errorf("plots: width %v is less than the minimum %v", out.Width, MinWidth)
	case !finite(float64(out.Height)) || out.Height < minHeight(len(fig.Panels), fig.Markers):
		return Figure{}, fmt.Errorf("plots: height %v is less than the minimum %v for %d panels", out.Height, minHeight(len(fig.Panels), fig.Markers), len(fig.Panels))
	case out.DPI < 0:
		return Figure{}, fmt.Errorf("plots: DPI %d is negative", out.DPI)
	case float64(out.Width/vg.Inch)*float64(out.DPI) > MaxPixels || float64(out.Height/vg.Inch)*float64(out.DPI) > MaxPixels:
		return Figure{}, fmt.Errorf("plots: %v×%v at %d DPI exceeds %d pixels a side", out.Width, out.Height, out.DPI, MaxPixels)
	}

	a := out.Time
	if !finite(a.Min) || !finite(a.Max) || math.Abs(a.Min) > maxSeconds || math.Abs(a.Max) > maxSeconds {
		return Figure{}, fmt.Errorf("plots: time range [%g, %g] is not finite or beyond ±%g s", a.Min, a.Max, maxSeconds)
	}
	if (a.Min != 0 || a.Max != 0) && a.Max <= a.Min {
		return Figure{}, fmt.Errorf("plots: time range [%g, %g] is empty", a.Min, a.Max)
	}

	out.Panels = make([]Panel, len(fig.Panels))
	for i, p := range fig.Panels {
		cp, err := preparePanel(p)
		if err != nil {
			return Figure{}, fmt.Errorf("plots: panel %d %q: %w", i, p.Title, err)
		}
		out.Panels[i] = cp
	}

	out.Markers = make([]Marker, len(fig.Markers))
	for i, m := range fig.Markers {
		if !finite(m.At) || math.Abs(m.At) > maxSeconds {
			return Figure{}, fmt.Errorf("plots: marker %d %q: time %g is not finite or beyond ±%g s", i, m.Label, m.At, maxSeconds)
		}
		if m.Kind < MarkerFault || m.Kind > lastMarkerKind {
			return Figure{}, fmt.Errorf("plots: marker %d %q: unknown kind %d", i, m.Label, int(m.Kind))
		}
		m.Label = oneLine(m.Label)
		out.Markers[i] = m
	}
	return out, nil
}

// preparePanel checks p and returns a deep copy.
func preparePanel(p Panel) (Panel, error) {
	out := Panel{
		Title:          oneLine(p.Title),
		YLabel:         oneLine(p.YLabel),
		YMin:           p.YMin,
		YMax:           p.YMax,
		LogY:           p.LogY,
		ReferenceLabel: oneLine(p.ReferenceLabel),
	}
	if !plottable(p.YMin) || !plottable(p.YMax) {
		return Panel{}, fmt.Errorf("y range [%g, %g] is not finite or beyond ±%g", p.YMin, p.YMax, maxValue)
	}
	if (p.YMin != 0 || p.YMax != 0) && p.YMax <= p.YMin {
		return Panel{}, fmt.Errorf("y range [%g, %g] is empty", p.YMin, p.YMax)
	}
	if p.LogY && (p.YMin != 0 || p.YMax != 0) && p.YMin <= 0 {
		return Panel{}, fmt.Errorf("log y range [%g, %g] must be positive", p.YMin, p.YMax)
	}
	if p.Reference != nil {
		r := *p.Reference
		if !plottable(r) {
			return Panel{}, fmt.Errorf("reference %g is not finite or beyond ±%g", r, maxValue)
		}
		if p.LogY && r <= 0 {
			return Panel{}, fmt.Errorf("reference %g must be positive on a log axis", r)
		}
		out.Reference = &r
	}
	out.Lines = make([]Line, len(p.Lines))
	for j, l := range p.Lines {
		if err := checkLine(l); err != nil {
			return Panel{}, fmt.Errorf("line %d %q: %w", j, l.Label, err)
		}
		out.Lines[j] = Line{
			Label:  oneLine(l.Label),
			X:      append([]float64(nil), l.X...),
			Y:      append([]float64(nil), l.Y...),
			Points: l.Points,
			Lo:     clone(l.Lo),
			Hi:     clone(l.Hi),
		}
	}
	return out, nil
}

// checkLine reports the first problem with l's data.
func checkLine(l Line) error {
	if len(l.X) != len(l.Y) {
		return fmt.Errorf("X has %d values but Y has %d", len(l.X), len(l.Y))
	}
	for i, x := range l.X {
		if !finite(x) || math.Abs(x) > maxSeconds {
			return fmt.Errorf("X[%d] = %g is not finite or beyond ±%g s", i, x, maxSeconds)
		}
		if i > 0 && x < l.X[i-1] {
			return fmt.Errorf("X[%d] = %g is before X[%d] = %g: X must be non-decreasing", i, x, i-1, l.X[i-1])
		}
		if y := l.Y[i]; !math.IsNaN(y) && !plottable(y) {
			return fmt.Errorf("Y[%d] = %g is infinite or beyond ±%g (use NaN for a gap)", i, y, maxValue)
		}
	}
	return checkBand(l)
}

// checkBand reports the first problem with l's band, if it has one.
func checkBand(l Line) error {
	if l.Lo == nil && l.Hi == nil {
		return nil
	}
	if len(l.Lo) != len(l.X) || len(l.Hi) != len(l.X) {
		return fmt.Errorf("band: X has %d values but Lo has %d and Hi %d (set both, one per X, or neither)", len(l.X), len(l.Lo), len(l.Hi))
	}
	for i := range l.X {
		lo, hi := l.Lo[i], l.Hi[i]
		for _, v := range []struct {
			name string
			v    float64
		}{{"Lo", lo}, {"Hi", hi}} {
			if !math.IsNaN(v.v) && !plottable(v.v) {
				return fmt.Errorf("band: %s[%d] = %g is infinite or beyond ±%g (use NaN for no band)", v.name, i, v.v, maxValue)
			}
		}
		if lo > hi {
			return fmt.Errorf("band: Lo[%d] = %g is above Hi[%d] = %g", i, lo, i, hi)
		}
	}
	return nil
}

// clone returns a copy of v, nil for nil.
func clone(v []float64) []float64 {
	if v == nil {
		return nil
	}
	return append([]float64(nil), v...)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// plottable reports whether v is finite and within ±maxValue.
func plottable(v float64) bool { return finite(v) && math.Abs(v) <= maxValue }

// oneLine replaces line breaks and tabs in s with spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
}
