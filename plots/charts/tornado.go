package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Tornado is a one-at-a-time sensitivity chart: for each parameter, the
// outcome's mean when it is at its lowest and at its highest tried value,
// all others at the baseline, drawn as two bars from the baseline's
// outcome, with intervals as whiskers.
type Tornado struct {
	// Title is shown at the top; it may hold several lines separated by
	// "\n". Optional.
	Title string

	// OutcomeLabel names the outcome, with its unit, under the axis.
	OutcomeLabel string

	// Baseline is the outcome at the baseline, where the bars start; a
	// dashed line marks it. It must be finite.
	Baseline float64

	// Bars are drawn top to bottom in the given order (callers sort them,
	// usually by effect, largest first). At least one is required.
	Bars []TornadoBar

	// Width and Height are the size of the chart; 0 means DefaultWidth and
	// TornadoHeight(len(Bars)). DPI is the resolution of PNG output; 0
	// means plots.DefaultDPI.
	Width, Height vg.Length
	DPI           int
}

// TornadoBar is one parameter of a Tornado.
type TornadoBar struct {
	// Param names the parameter, left of its bars.
	Param string

	// LowLabel and HighLabel are written at the ends of the bars, e.g.
	// "token_retries=0" and "=3". Optional.
	LowLabel, HighLabel string

	// Low and High are the outcome's means with the parameter at its
	// lowest and highest tried value. NaN is no data: no bar, and "no
	// data" after the label.
	Low, High float64

	// LowLo, LowHi and HighLo, HighHi bound the intervals of Low and High
	// (say 95%), drawn as whiskers. NaN (both ends) is no interval.
	LowLo, LowHi, HighLo, HighHi float64
}

// TornadoHeight returns the default height of a tornado of n bars: room
// for the title, key and axis, and 0.55 in a parameter.
func TornadoHeight(n int) vg.Length {
	return max(MinHeight, 1.5*vg.Inch+vg.Length(min(n, 200))*0.55*vg.Inch)
}

// maxBars bounds the number of bars of a tornado.
const maxBars = 1000

// RenderTornado draws t in format "png" or "svg" and returns the bytes.
// The chart is checked first; a bad one is an error naming the bad value,
// never a panic. The same chart always gives the same bytes.
func RenderTornado(t Tornado, format string) ([]byte, error) {
	f, err := checkFormat(format)
	if err != nil {
		return nil, fmt.Errorf("charts: tornado %q: %w", t.Title, err)
	}
	tc, s, err := prepareTornado(t)
	if err != nil {
		return nil, fmt.Errorf("charts: tornado %q: %w", t.Title, err)
	}
	return render(f, s, fmt.Sprintf("tornado %q", t.Title), func(c draw.Canvas) { drawTornado(c, tc) })
}

// prepareTornado checks t and returns a deep copy with labels made
// single-line, and its size.
func prepareTornado(t Tornado) (Tornado, size, error) {
	switch {
	case len(t.Bars) == 0:
		return Tornado{}, size{}, fmt.Errorf("no bars: %w", ErrNoData)
	case len(t.Bars) > maxBars:
		return Tornado{}, size{}, fmt.Errorf("%d bars is more than %d", len(t.Bars), maxBars)
	case !plottable(t.Baseline):
		return Tornado{}, size{}, fmt.Errorf("baseline %g is not finite or beyond ±%g", t.Baseline, maxValue)
	}
	s, err := checkSize(t.Width, t.Height, t.DPI, TornadoHeight(len(t.Bars)))
	if err != nil {
		return Tornado{}, size{}, err
	}
	out := Tornado{Title: t.Title, OutcomeLabel: oneLine(t.OutcomeLabel), Baseline: t.Baseline}
	for i, b := range t.Bars {
		if err := checkBar(b); err != nil {
			return Tornado{}, size{}, fmt.Errorf("bar %d %q: %w", i, b.Param, err)
		}
		b.Param, b.LowLabel, b.HighLabel = oneLine(b.Param), oneLine(b.LowLabel), oneLine(b.HighLabel)
		out.Bars = append(out.Bars, b)
	}
	return out, s, nil
}

// checkBar reports the first problem with b.
func checkBar(b TornadoBar) error {
	ends := []struct {
		name           string
		mean, lo, hi   float64
		loName, hiName string
	}{
		{"Low", b.Low, b.LowLo, b.LowHi, "LowLo", "LowHi"},
		{"High", b.High, b.HighLo, b.HighHi, "HighLo", "HighHi"},
	}
	for _, e := range ends {
		if !math.IsNaN(e.mean) && !plottable(e.mean) {
			return fmt.Errorf("%s = %g is infinite or beyond ±%g (use NaN for no data)", e.name, e.mean, maxValue)
		}
		if math.IsNaN(e.lo) != math.IsNaN(e.hi) {
			return fmt.Errorf("%s = %g and %s = %g: set both or neither (NaN)", e.loName, e.lo, e.hiName, e.hi)
		}
		if math.IsNaN(e.lo) {
			continue
		}
		if !plottable(e.lo) || !plottable(e.hi) {
			return fmt.Errorf("interval [%g, %g] of %s is infinite or beyond ±%g (use NaN for none)", e.lo, e.hi, e.name, maxValue)
		}
		if e.lo > e.hi {
			return fmt.Errorf("%s = %g is above %s = %g", e.loName, e.lo, e.hiName, e.hi)
		}
	}
	return nil
}
