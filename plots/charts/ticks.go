package charts

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// linearTicks returns at most n+1 labelled ticks at 1-2-2.5-5 steps over
// [lo, hi], labelled compactly ("20k" for 20000), as in plots.
func linearTicks(lo, hi float64, n int) []plot.Tick {
	n = max(n, 1)
	step := niceStep((hi - lo) / float64(n+1))
	values := multiples(lo, hi, step)
	for len(values) > n+1 {
		step = niceStep(step * 1.000001)
		values = multiples(lo, hi, step)
	}
	big := math.Max(math.Abs(lo), math.Abs(hi))
	div, suffix := 1.0, ""
	switch {
	case big >= 1e10:
		div, suffix = 1e9, "G"
	case big >= 1e7:
		div, suffix = 1e6, "M"
	case big >= 1e4:
		div, suffix = 1e3, "k"
	}
	prec := decimals(step / div)
	ticks := make([]plot.Tick, len(values))
	for i, v := range values {
		label := formatFixed(v/div, prec)
		if v != 0 {
			label += suffix
		}
		ticks[i] = plot.Tick{Value: v, Label: label}
	}
	return ticks
}

// logTicks returns ticks for a log axis over [lo, hi]: labelled powers of
// ten (every one, or every k-th so that at most about n are labelled) and
// unlabelled ones at 2..9 times each power over up to six decades.
func logTicks(lo, hi float64, n int) []plot.Tick {
	first := int(math.Floor(math.Log10(lo)))
	last := int(math.Ceil(math.Log10(hi)))
	every := 1
	for (last-first)/every+1 > n+1 {
		every++
	}
	var ticks []plot.Tick
	for e := first; e <= last; e++ {
		base := math.Pow(10, float64(e))
		if base >= lo*(1-1e-9) && base <= hi*(1+1e-9) {
			t := plot.Tick{Value: base}
			if (e-first)%every == 0 {
				t.Label = tickLabel(base)
			}
			ticks = append(ticks, t)
		}
		if last-first > 6 {
			continue
		}
		for m := 2; m <= 9; m++ {
			if v := float64(m) * base; v >= lo && v <= hi {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks
}

// multiples returns the multiples of step within [min, max]: none if they
// are more than 10⁴, or too large for their count to be exact.
func multiples(min, max, step float64) []float64 {
	const eps = 1e-9
	first, last := math.Ceil(min/step-eps), math.Floor(max/step+eps)
	if !(step > 0) || !(last-first < 1e4) || math.Abs(first) > 1<<52 || math.Abs(last) > 1<<52 {
		return nil
	}
	var out []float64
	for k := first; k <= last; k++ {
		out = append(out, k*step+0) // +0 turns -0 into 0
	}
	return out
}

// niceStep returns the smallest of 1, 2, 2.5, 5 times a power of ten that
// is at least raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// decimals returns how many decimals show multiples of step exactly.
func decimals(step float64) int {
	for d := 0; d < 9; d++ {
		scaled := step * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*math.Max(1, scaled) {
			return d
		}
	}
	return 9
}

// formatFixed formats v with prec decimals, never as "-0".
func formatFixed(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// autoRange returns [lo, hi] widened for drawing values from vlo to vhi:
// to 0 when all have one sign, with 5% headroom away from 0; [0, 1] when
// there are none, and one unit when they are all equal.
func autoRange(vlo, vhi float64) (float64, float64) {
	if vlo > vhi {
		return 0, 1
	}
	lo, hi := math.Min(vlo, 0), math.Max(vhi, 0)
	if lo == hi {
		return lo, lo + 1
	}
	r := hi - lo
	if hi > 0 {
		hi += 0.05 * r
	}
	if lo < 0 {
		lo -= 0.05 * r
	}
	return lo, hi
}
