package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cascade-sim/cascade/plots"
)

// plotSize is --size: the size of the figures in pixels, or zero for the
// default size (1200 pixels wide, 384 pixels a panel plus 72).
type plotSize struct{ w, h int }

// Presets of --size.
var sizePresets = []struct {
	name string
	size plotSize
}{
	{"16:9", plotSize{1920, 1080}}, // a projector or a full-HD screen
	{"4:3", plotSize{1600, 1200}},  // an older projector
}

// Bounds of --size, in pixels: the least that holds three panels with
// readable text, the most a 8K screen shows.
const (
	minSizeW, minSizeH = 640, 480
	maxSizeW, maxSizeH = 7680, 4320
)

// String writes the size as --size takes it: "1920x1080", "" for the
// default.
func (s plotSize) String() string {
	if s == (plotSize{}) {
		return ""
	}
	return strconv.Itoa(s.w) + "x" + strconv.Itoa(s.h)
}

// parseSize reads --size: WxH in pixels, or a preset ("16:9", "4:3"), or
// "" / "default" for the default size.
func parseSize(s string) (plotSize, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || t == "default" {
		return plotSize{}, nil
	}
	for _, p := range sizePresets {
		if t == p.name {
			return p.size, nil
		}
	}
	ws, hs, ok := strings.Cut(t, "x")
	w, errW := strconv.Atoi(ws)
	h, errH := strconv.Atoi(hs)
	if !ok || errW != nil || errH != nil {
		return plotSize{}, usagef("--size %q: want WxH in pixels (e.g. 1920x1080), 16:9 (1920x1080) or 4:3 (1600x1200)", s)
	}
	if w < minSizeW || h < minSizeH || w > maxSizeW || h > maxSizeH {
		return plotSize{}, usagef("--size %q: each side from %dx%d to %dx%d pixels", s, minSizeW, minSizeH, maxSizeW, maxSizeH)
	}
	return plotSize{w, h}, nil
}

// sizeFlag adds --size to fs.
func sizeFlag(fs *pflag.FlagSet, dst *string) {
	fs.StringVar(dst, "size", "", "size of the figures in pixels, WxH (e.g. 1920x1080), or 16:9 (1920x1080) or 4:3 (1600x1200); text scales with it (default 1200 pixels wide, 384 a panel)")
}

// apply returns fig at size s, or as it is for the default size.
func (s plotSize) apply(fig plots.Figure) (plots.Figure, error) {
	if s == (plotSize{}) {
		return fig, nil
	}
	out, err := fig.WithPixels(s.w, s.h)
	if err != nil {
		return fig, fmt.Errorf("--size %s: %w", s, err)
	}
	return out, nil
}
