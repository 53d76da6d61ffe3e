package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// yRange returns the y range of panel p: YMin and YMax when set; otherwise
// the range of its data (bands included) and reference line, widened to include 0 when all
// values have one sign, with 5% headroom (whole decades on a log axis;
// non-positive values do not count there).
func yRange(p Panel) (lo, hi float64) {
	if p.YMin != 0 || p.YMax != 0 {
		return p.YMin, p.YMax
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(v float64) {
		if math.IsNaN(v) || (p.LogY && v <= 0) {
			return
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	for _, l := range p.Lines {
		for _, v := range l.Y {
			see(v)
		}
		for i := range l.Lo {
			if !math.IsNaN(l.Lo[i]) && !math.IsNaN(l.Hi[i]) {
				see(l.Lo[i])
				see(l.Hi[i])
			}
		}
	}
	if p.Reference != nil {
		see(*p.Reference)
	}
	if p.LogY {
		if lo > hi {
			return 1, 10
		}
		lo = math.Pow(10, math.Floor(math.Log10(lo)))
		hi = math.Pow(10, math.Ceil(math.Log10(hi*1.05)))
		return lo, hi
	}
	if lo > hi {
		return 0, 1
	}
	if lo >= 0 {
		lo = 0
	}
	if hi <= 0 {
		hi = 0
	}
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

// linearTicks returns at most n+1 labelled ticks at 1-2-2.5-5 steps over
// [min, max], labelled compactly ("20k" for 20000).
func linearTicks(min, max float64, n int) []plot.Tick {
	step := niceStep((max - min) / float64(n+1))
	values := multiples(min, max, step)
	for len(values) > n+1 {
		step = niceStep(step * 1.000001)
		values = multiples(min, max, step)
	}
	big := math.Max(math.Abs(min), math.Abs(max))
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

// logTicks returns ticks for a log axis over [min, max]: powers of ten,
// labelled (every one, or every second, third... so that at most about n
// are), and unlabelled ticks at 2..9 times each power over up to six
// decades.
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
		if base >= lo && base <= hi {
			t := plot.Tick{Value: base}
			if (e-first)%every == 0 {
				t.Label = compact(base)
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

// compact formats a power of ten compactly: 0.01, 1, 100, 10k, 1M, 1G, 1e+12.
func compact(v float64) string {
	switch {
	case v >= 1e12 || v < 1e-4:
		return strconv.FormatFloat(v, 'g', 3, 64)
	case v >= 1e9:
		return formatFixed(v/1e9, 0) + "G"
	case v >= 1e6:
		return formatFixed(v/1e6, 0) + "M"
	case v >= 1e4:
		return formatFixed(v/1e3, 0) + "k"
	}
	return formatFixed(v, decimals(v))
}

// yTicker returns the ticker of a y axis with about n labelled ticks.
func yTicker(log bool, n int) plot.Ticker {
	if log {
		return plot.TickerFunc(func(lo, hi float64) []plot.Tick { return logTicks(lo, hi, n) })
	}
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick { return linearTicks(lo, hi, n) })
}
