package plots

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Render draws the figure in format "png" or "svg" and returns the bytes.
// The figure is checked first (see Figure and its fields); a bad figure or
// an unknown format gives an error, never a panic. The same figure always
// gives the same bytes.
func Render(fig Figure, format string) ([]byte, error) {
	var buf bytes.Buffer
	if err := RenderTo(&buf, fig, format); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo draws the figure in format "png" or "svg" to w. Nothing is
// written when the figure or the format is bad.
func RenderTo(w io.Writer, fig Figure, format string) error {
	format = strings.ToLower(format)
	if format != "png" && format != "svg" {
		return fmt.Errorf("plots: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	f, err := prepare(fig)
	if err != nil {
		return err
	}
	if fig.Height == 0 {
		if f, err = growForKey(f); err != nil {
			return err
		}
	}
	var (
		cw          vg.CanvasWriterTo
		pixPerPoint float64
	)
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(f.DPI))}
		pixPerPoint = float64(f.DPI) / 72
	case "svg":
		cw = vgsvg.New(f.Width, f.Height)
		pixPerPoint = svgPixelsPerPoint
	}
	if err := drawSafely(f, draw.New(cw), pixPerPoint); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return fmt.Errorf("plots: writing %s: %w", format, err)
	}
	out := buf.Bytes()
	if format == "svg" {
		out = svgPixelSize(out, f)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("plots: writing %s: %w", format, err)
	}
	return nil
}

// svgPixelSize gives the SVG of f the size in pixels of its PNG,
// Width×DPI/72 by Height×DPI/72, in place of vgsvg's size in points; the
// viewBox stays in points, so the drawing scales to that size.
func svgPixelSize(svg []byte, f Figure) []byte {
	head := svg[:min(len(svg), 400)]
	i := bytes.Index(head, []byte(`<svg width="`))
	if i < 0 {
		return svg
	}
	j := bytes.Index(head[i:], []byte(` viewBox=`))
	if j < 0 {
		return svg
	}
	px := func(l vg.Length) int { return int(float64(l/vg.Inch)*float64(f.DPI) + 0.5) }
	size := fmt.Sprintf(`<svg width="%d" height="%d"`, px(f.Width), px(f.Height))
	return append(append(append([]byte(nil), svg[:i]...), size...), svg[i+j:]...)
}

// growForKey returns f, whose height was left to the default, taller by
// the height of the numbered key of its markers when they are numbered
// (within MaxPixels), so that the panels keep their default height.
func growForKey(f Figure) (out Figure, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = Figure{}, fmt.Errorf("plots: internal error laying out figure %q: %v", f.Title, r)
		}
	}()
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: f.Width, Y: f.Height}}}
	l := newLayout(f, c, 1)
	if !l.band.numbered {
		return f, nil
	}
	grown := f.Height + l.key.neededH + keyGap
	if float64(grown/vg.Inch)*float64(f.DPI) <= MaxPixels {
		f.Height = grown
	}
	return f, nil
}

// drawSafely draws f, turning a panic in the drawing code into an error: the
// figure has been checked, so a panic is a bug here, but it must not take
// the caller's program down with it.
func drawSafely(f Figure, c draw.Canvas, pixPerPoint float64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: internal error drawing figure %q: %v", f.Title, r)
		}
	}()
	drawFigure(f, c, pixPerPoint)
	return nil
}

// drawFigure draws a checked figure on c.
func drawFigure(f Figure, c draw.Canvas, pixPerPoint float64) {
	c.SetColor(rgb(0xFF, 0xFF, 0xFF))
	c.Fill(c.Rectangle.Path())

	l := newLayout(f, c, pixPerPoint)

	if f.Title != "" {
		sty := textStyle(figureTitleSize, true, draw.XCenter, draw.YTop)
		c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - margin}, l.title)
	}
	for i, p := range l.plots {
		p.Draw(l.tiles[i])
	}
	for i, label := range l.yLabels {
		sty := yLabelStyle()
		d := l.data(i)
		c.FillText(sty, vg.Point{X: l.yLabelX + sty.Height(label)/2, Y: (d.Min.Y + d.Max.Y) / 2}, label)
	}
	top := l.data(0)
	l.band.draw(c, top.Max.Y)
	for i, lg := range l.legends {
		d := l.data(i)
		lc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: l.legendX, Y: d.Min.Y},
			Max: vg.Point{X: c.Max.X - margin, Y: d.Max.Y},
		}}
		lg.Draw(lc)
	}
	if l.band.numbered {
		l.key.draw(c, l.keyAt)
	}
	l.kinds.draw(c, l.kindsAt)
}
