package charts

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BandChart is an outcome against one swept parameter: each series is a
// line through the means at the parameter's values, with a shaded band
// over their intervals (say 95% confidence over replications).
type BandChart struct {
	// Title is shown at the top; it may hold several lines separated by
	// "\n". Optional.
	Title string

	// XLabel names the parameter and YLabel the outcome, with its unit,
	// e.g. "outage duration (h)".
	XLabel, YLabel string

	// LogX draws the parameter on a logarithmic axis, for log-spaced
	// values; every X must then be positive.
	LogX bool

	// YMin and YMax fix the outcome's range, e.g. 0 and 1 for a share.
	// Both 0 (the default) means automatic: the range of the means and
	// intervals, from 0 when all have one sign, with 5% headroom.
	YMin, YMax float64

	// IntervalLabel names the bands in the legend. Empty means
	// "95% interval".
	IntervalLabel string

	// Series are drawn in order, each in its own colour, dash and point
	// shape (the Okabe–Ito palette, as in plots): one for each value of a
	// second parameter, say, or just one. At least one is required.
	Series []BandSeries

	// Width and Height are the size of the chart; 0 means DefaultWidth and
	// DefaultHeight. DPI is the resolution of PNG output; 0 means
	// plots.DefaultDPI.
	Width, Height vg.Length
	DPI           int
}

// BandSeries is one line of a BandChart.
type BandSeries struct {
	// Label names the series in the legend. Empty means no legend entry.
	Label string

	// X holds the parameter's values, finite and strictly increasing. Mean,
	// Lo and Hi hold one value each per X.
	X []float64

	// Mean is the outcome's mean at each X; NaN is no data there: no point,
	// and a gap in the line (Lo and Hi are then ignored).
	Mean []float64

	// Lo and Hi bound the interval at each X, Lo ≤ Hi. Both NaN is no
	// interval there (fewer than two replications, say): the point is
	// drawn alone. The band covers each run of points with intervals; an
	// interval with no neighbour is drawn as an error bar.
	Lo, Hi []float64
}

// ErrNoData is returned (wrapped) for a chart with nothing to draw.
var ErrNoData = errors.New("no data")

// maxValue bounds the magnitude of values, so that scaling never
// overflows.
const maxValue = 1e300

// RenderBand draws c in format "png" or "svg" and returns the bytes. The
// chart is checked first; a bad one is an error naming the bad value,
// never a panic. The same chart always gives the same bytes.
func RenderBand(c BandChart, format string) ([]byte, error) {
	f, err := checkFormat(format)
	if err != nil {
		return nil, fmt.Errorf("charts: band chart %q: %w", c.Title, err)
	}
	b, s, err := prepareBand(c)
	if err != nil {
		return nil, fmt.Errorf("charts: band chart %q: %w", c.Title, err)
	}
	return render(f, s, "band chart "+fmt.Sprintf("%q", c.Title), func(cv draw.Canvas) { drawBand(cv, b) })
}

// prepareBand checks c and returns a deep copy with labels made
// single-line, and its size.
func prepareBand(c BandChart) (BandChart, size, error) {
	s, err := checkSize(c.Width, c.Height, c.DPI, DefaultHeight)
	if err != nil {
		return BandChart{}, size{}, err
	}
	if err := checkRange("y", c.YMin, c.YMax); err != nil {
		return BandChart{}, size{}, err
	}
	if len(c.Series) == 0 {
		return BandChart{}, size{}, fmt.Errorf("no series: %w", ErrNoData)
	}
	out := BandChart{
		Title: c.Title, XLabel: oneLine(c.XLabel), YLabel: oneLine(c.YLabel),
		LogX: c.LogX, YMin: c.YMin, YMax: c.YMax, IntervalLabel: oneLine(c.IntervalLabel),
	}
	if out.IntervalLabel == "" {
		out.IntervalLabel = "95% interval"
	}
	means := 0
	for i, sr := range c.Series {
		if err := checkSeries(sr, c.LogX); err != nil {
			return BandChart{}, size{}, fmt.Errorf("series %d %q: %w", i, sr.Label, err)
		}
		cp := BandSeries{Label: oneLine(sr.Label), X: clone(sr.X), Mean: clone(sr.Mean), Lo: clone(sr.Lo), Hi: clone(sr.Hi)}
		for j, m := range cp.Mean {
			if math.IsNaN(m) {
				cp.Lo[j], cp.Hi[j] = math.NaN(), math.NaN()
			} else {
				means++
			}
		}
		out.Series = append(out.Series, cp)
	}
	if means == 0 {
		return BandChart{}, size{}, fmt.Errorf("every mean is NaN: %w", ErrNoData)
	}
	return out, s, nil
}

// checkSeries reports the first problem with s.
func checkSeries(s BandSeries, logX bool) error {
	n := len(s.X)
	if n == 0 {
		return fmt.Errorf("no points: %w", ErrNoData)
	}
	if len(s.Mean) != n || len(s.Lo) != n || len(s.Hi) != n {
		return fmt.Errorf("X has %d values but Mean has %d, Lo %d and Hi %d (want one each per X)", n, len(s.Mean), len(s.Lo), len(s.Hi))
	}
	for i, x := range s.X {
		switch {
		case !plottable(x):
			return fmt.Errorf("X[%d] = %g is not finite or beyond ±%g", i, x, maxValue)
		case logX && x <= 0:
			return fmt.Errorf("X[%d] = %g is not positive, on a log axis", i, x)
		case i > 0 && !(x > s.X[i-1]):
			return fmt.Errorf("X[%d] = %g is not above X[%d] = %g: X must be strictly increasing", i, x, i-1, s.X[i-1])
		}
		m, lo, hi := s.Mean[i], s.Lo[i], s.Hi[i]
		if !math.IsNaN(m) && !plottable(m) {
			return fmt.Errorf("Mean[%d] = %g is infinite or beyond ±%g (use NaN for no data)", i, m, maxValue)
		}
		if math.IsNaN(m) {
			continue
		}
		if math.IsNaN(lo) != math.IsNaN(hi) {
			return fmt.Errorf("Lo[%d] = %g and Hi[%d] = %g: set both or neither (NaN)", i, lo, i, hi)
		}
		if !math.IsNaN(lo) && (!plottable(lo) || !plottable(hi)) {
			return fmt.Errorf("interval [%g, %g] at X[%d] is infinite or beyond ±%g (use NaN for none)", lo, hi, i, maxValue)
		}
		if lo > hi {
			return fmt.Errorf("Lo[%d] = %g is above Hi[%d] = %g", i, lo, i, hi)
		}
	}
	return nil
}

// checkRange checks a fixed range of an axis: both 0 (automatic) or
// finite with lo < hi.
func checkRange(axis string, lo, hi float64) error {
	if !plottable(lo) || !plottable(hi) {
		return fmt.Errorf("%s range [%g, %g] is not finite or beyond ±%g", axis, lo, hi, maxValue)
	}
	if (lo != 0 || hi != 0) && !(hi > lo) {
		return fmt.Errorf("%s range [%g, %g] is empty: want min < max", axis, lo, hi)
	}
	return nil
}

// plottable reports whether v is finite and within ±maxValue.
func plottable(v float64) bool { return !math.IsNaN(v) && math.Abs(v) <= maxValue }

// clone returns a copy of v.
func clone(v []float64) []float64 { return append([]float64(nil), v...) }
