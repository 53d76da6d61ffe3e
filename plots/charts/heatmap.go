package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap is an outcome over two swept parameters: one cell per pair of
// values, coloured by the outcome on a sequential palette (dark purple
// for low, yellow for high), with a colour bar. Its axes are categorical:
// the swept values as given, evenly spaced.
type Heatmap struct {
	// Title is shown at the top; it may hold several lines separated by
	// "\n". Optional.
	Title string

	// XLabel and YLabel name the parameters of the columns and rows;
	// ZLabel names the outcome, with its unit, beside the colour bar.
	XLabel, YLabel, ZLabel string

	// XTicks label the columns, left to right, and YTicks the rows, bottom
	// to top: the swept values, e.g. "0.8" or "3".
	XTicks, YTicks []string

	// Z holds the outcome, Z[row][col]: one row per YTick, row 0 at the
	// bottom, each with one value per XTick. NaN is no data: the cell is
	// hatched grey and the colour bar gets a "no data" key. ±Inf is an
	// error.
	Z [][]float64

	// ZMin and ZMax fix the ends of the colour scale, e.g. 0 and 1 for a
	// share; nil means the least or greatest value of Z. Values beyond a
	// fixed end take that end's colour.
	ZMin, ZMax *float64

	// Annotate writes each cell's value in it, compactly (0.73, 12,
	// 1.2e+04), in black or white, whichever reads better on the cell. The
	// text shrinks to fit the cells; when cells are too small for 7 pt
	// text, no values are written.
	Annotate bool

	// Width and Height are the size of the chart; 0 means DefaultWidth and
	// DefaultHeight. DPI is the resolution of PNG output; 0 means
	// plots.DefaultDPI.
	Width, Height vg.Length
	DPI           int
}

// maxCells bounds the number of cells of a heatmap.
const maxCells = 250_000

// RenderHeatmap draws h in format "png" or "svg" and returns the bytes.
// The heatmap is checked first; a bad one is an error naming the bad
// value, never a panic. The same heatmap always gives the same bytes.
func RenderHeatmap(h Heatmap, format string) ([]byte, error) {
	f, err := checkFormat(format)
	if err != nil {
		return nil, fmt.Errorf("charts: heatmap %q: %w", h.Title, err)
	}
	hm, s, err := prepareHeatmap(h)
	if err != nil {
		return nil, fmt.Errorf("charts: heatmap %q: %w", h.Title, err)
	}
	return render(f, s, fmt.Sprintf("heatmap %q", h.Title), func(c draw.Canvas) { drawHeatmap(c, hm) })
}

// heatmap is a checked Heatmap with its colour scale resolved.
type heatmap struct {
	Heatmap
	zlo, zhi float64
	hasNaN   bool
}

// prepareHeatmap checks h and returns a deep copy with labels made
// single-line and the colour scale resolved, and its size.
func prepareHeatmap(h Heatmap) (heatmap, size, error) {
	s, err := checkSize(h.Width, h.Height, h.DPI, DefaultHeight)
	if err != nil {
		return heatmap{}, size{}, err
	}
	rows, cols := len(h.Z), len(h.XTicks)
	switch {
	case rows == 0:
		return heatmap{}, size{}, fmt.Errorf("Z has no rows: %w", ErrNoData)
	case cols == 0:
		return heatmap{}, size{}, fmt.Errorf("XTicks is empty: one label per column is needed: %w", ErrNoData)
	case len(h.YTicks) != rows:
		return heatmap{}, size{}, fmt.Errorf("Z has %d rows but YTicks has %d labels", rows, len(h.YTicks))
	case rows*cols > maxCells:
		return heatmap{}, size{}, fmt.Errorf("%d×%d cells is more than %d", rows, cols, maxCells)
	}
	out := heatmap{Heatmap: Heatmap{
		Title: h.Title, XLabel: oneLine(h.XLabel), YLabel: oneLine(h.YLabel), ZLabel: oneLine(h.ZLabel),
		Annotate: h.Annotate,
	}}
	for _, t := range h.XTicks {
		out.XTicks = append(out.XTicks, oneLine(t))
	}
	for _, t := range h.YTicks {
		out.YTicks = append(out.YTicks, oneLine(t))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for r, row := range h.Z {
		if len(row) != cols {
			return heatmap{}, size{}, fmt.Errorf("Z[%d] has %d values but XTicks has %d labels", r, len(row), cols)
		}
		for c, v := range row {
			switch {
			case math.IsNaN(v):
				out.hasNaN = true
			case !plottable(v):
				return heatmap{}, size{}, fmt.Errorf("Z[%d][%d] = %g is infinite or beyond ±%g (use NaN for no data)", r, c, v, maxValue)
			default:
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		out.Z = append(out.Z, clone(row))
	}
	for _, end := range []struct {
		name string
		v    *float64
	}{{"ZMin", h.ZMin}, {"ZMax", h.ZMax}} {
		if end.v != nil && !plottable(*end.v) {
			return heatmap{}, size{}, fmt.Errorf("%s = %g is not finite or beyond ±%g", end.name, *end.v, maxValue)
		}
	}
	if h.ZMin != nil && h.ZMax != nil && !(*h.ZMax > *h.ZMin) {
		return heatmap{}, size{}, fmt.Errorf("colour scale [%g, %g] is empty: want ZMin < ZMax", *h.ZMin, *h.ZMax)
	}
	out.zlo, out.zhi = zRange(lo, hi, h.ZMin, h.ZMax)
	return out, s, nil
}

// zRange resolves the colour scale from the data's range [lo, hi] (empty
// if all are NaN) and the fixed ends: an end not fixed is the data's;
// a scale left empty gets one unit (or, when the data are one value, that
// value ± 0.5).
func zRange(lo, hi float64, zmin, zmax *float64) (float64, float64) {
	if lo > hi {
		lo, hi = 0, 1
		if zmin != nil {
			lo, hi = *zmin, *zmin+1
		}
		if zmax != nil {
			hi = *zmax
			if zmin == nil {
				lo = hi - 1
			}
		}
		return lo, hi
	}
	switch {
	case zmin != nil && zmax != nil:
		return *zmin, *zmax
	case zmin != nil:
		lo = *zmin
		if !(hi > lo) {
			hi = lo + 1
		}
	case zmax != nil:
		hi = *zmax
		if !(lo < hi) {
			lo = hi - 1
		}
	case lo == hi:
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi
}

// color returns the colour of value v on the scale.
func (h heatmap) color(v float64) color.RGBA { return viridis((v - h.zlo) / (h.zhi - h.zlo)) }
