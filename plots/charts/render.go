package charts

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/cascade-sim/cascade/plots"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Sizes of charts.
const (
	// DefaultWidth is the width of a chart whose Width is 0.
	DefaultWidth = 8 * vg.Inch
	// DefaultHeight is the height of a band chart or heatmap whose Height
	// is 0; a tornado's default height grows with its bars.
	DefaultHeight = 5 * vg.Inch
	// MinWidth is the narrowest chart that can be rendered.
	MinWidth = 3 * vg.Inch
	// MinHeight is the least height of a chart that can be rendered.
	MinHeight = 2 * vg.Inch
)

// Formats returns the output formats the Render functions accept, in lower
// case (they also accept them in upper case).
func Formats() []string { return plots.Formats() }

// size is the checked size of a chart.
type size struct {
	w, h vg.Length
	dpi  int
}

// checkSize fills in the defaults (defH for a height of 0) and checks the
// size of a chart.
func checkSize(w, h vg.Length, dpi int, defH vg.Length) (size, error) {
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		h = defH
	}
	if dpi == 0 {
		dpi = plots.DefaultDPI
	}
	finite := func(v vg.Length) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }
	switch {
	case !finite(w) || w < MinWidth:
		return size{}, fmt.Errorf("width %v is less than the minimum %v", w, MinWidth)
	case !finite(h) || h < MinHeight:
		return size{}, fmt.Errorf("height %v is less than the minimum %v", h, MinHeight)
	case dpi < 0:
		return size{}, fmt.Errorf("DPI %d is negative", dpi)
	case float64(w/vg.Inch)*float64(dpi) > plots.MaxPixels || float64(h/vg.Inch)*float64(dpi) > plots.MaxPixels:
		return size{}, fmt.Errorf("%v×%v at %d DPI exceeds %d pixels a side", w, h, dpi, plots.MaxPixels)
	}
	return size{w: w, h: h, dpi: dpi}, nil
}

// checkFormat returns format in lower case, or an error if it is unknown.
func checkFormat(format string) (string, error) {
	f := strings.ToLower(format)
	if f != "png" && f != "svg" {
		return "", fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return f, nil
}

// render draws a checked chart of size s with fn on a white canvas and
// returns it encoded in format. A panic in fn (a bug: the chart was
// checked) is an error naming the chart.
func render(format string, s size, what string, fn func(c draw.Canvas)) (out []byte, err error) {
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(s.w, s.h), vgimg.UseDPI(s.dpi))}
	default:
		cw = vgsvg.New(s.w, s.h)
	}
	c := draw.New(cw)
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("charts: internal error drawing %s: %v", what, r)
			}
		}()
		c.SetColor(white)
		c.Fill(c.Rectangle.Path())
		fn(c)
	}()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("charts: writing %s of %s: %w", format, what, err)
	}
	return buf.Bytes(), nil
}

// Spacing, in points.
const (
	margin    = vg.Length(10) // around the chart
	titleGap  = vg.Length(8)  // under the title
	legendGap = vg.Length(16) // between the plotting area and the legend
)

// drawTitle writes title centred at the top of c and returns the region
// left under it, inside the margins.
func drawTitle(c draw.Canvas, title string) vg.Rectangle {
	r := c.Rectangle
	r.Min.X += margin
	r.Max.X -= margin
	r.Min.Y += margin
	r.Max.Y -= margin
	if title != "" {
		sty := textStyle(titleSize, true, draw.XCenter, draw.YTop)
		title = fitText(sty, title, r.Max.X-r.Min.X)
		c.FillText(sty, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: r.Max.Y}, title)
		r.Max.Y -= sty.Height(title) + titleGap
	}
	return r
}
