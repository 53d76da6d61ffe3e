package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// whatIfFormat renders one column's figures in its unit.
type whatIfFormat struct {
	// scale multiplies the figure (100 for a percent, 1/60 for minutes).
	scale float64
	// unit follows the mean ("%", " min", "x").
	unit string
	// decimals gives the decimals for a mean (already scaled).
	decimals func(mean float64) int
	// thousands separates thousands with commas.
	thousands bool
	// zero, when set, is the cell of a figure that is 0 in every run.
	zero string
	// lo and hi bound what the figure can be (scaled): an interval is
	// clipped to them.
	lo, hi float64
	// share, when set, renders a yes-or-no figure from its share of yes.
	share func(share float64, n int) string
}

func fixed(n int) func(float64) int { return func(float64) int { return n } }

// Formats of the what-if tables' columns.
var (
	// ratioFormat is a peak load ratio: 43.9x.
	ratioFormat = whatIfFormat{scale: 1, unit: "x", decimals: fixed(1), lo: 0, hi: math.Inf(1)}
	// amplificationFormat is attempts per call with two decimals: 3.25.
	amplificationFormat = whatIfFormat{scale: 1, decimals: fixed(2), lo: 0, hi: math.Inf(1)}
	// percentFormat is a fraction as a percent with one decimal: 83.0%.
	percentFormat = whatIfFormat{scale: 100, unit: "%", decimals: fixed(1), lo: 0, hi: 100}
	// availabilityFormat is a fraction as a percent with the decimals that
	// show its distance from 100%: 23.8%, 99.47%, 99.999%.
	availabilityFormat = whatIfFormat{scale: 100, unit: "%", decimals: func(m float64) int {
		switch {
		case m >= 99.99:
			return 3
		case m >= 99:
			return 2
		}
		return 1
	}, lo: 0, hi: 100}
	// minutesFormat is a duration in seconds as whole minutes (one decimal
	// under 10 min); none when it is 0 in every run.
	minutesFormat = whatIfFormat{scale: 1.0 / 60, unit: " min", decimals: func(m float64) int {
		if m < 10 {
			return 1
		}
		return 0
	}, zero: "none", lo: 0, hi: math.Inf(1)}
	// hoursFormat is a duration in seconds as hours with one decimal.
	hoursFormat = whatIfFormat{scale: 1.0 / 3600, unit: " h", decimals: fixed(1), zero: "none", lo: 0, hi: math.Inf(1)}
	// countFormat is a count with thousands separators: 40,000.
	countFormat = whatIfFormat{scale: 1, decimals: fixed(0), thousands: true, lo: 0, hi: math.Inf(1)}
	// verdictFormat is metastable.metastable: metastable, recovers, or how
	// many runs were metastable.
	verdictFormat = whatIfFormat{share: func(p float64, n int) string {
		k := int(math.Round(p * float64(n)))
		switch k {
		case n:
			return "metastable"
		case 0:
			return "recovers"
		}
		return fmt.Sprintf("metastable in %d of %d", k, n)
	}}
)

// number renders v (already scaled) with d decimals.
func (f whatIfFormat) number(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if s == "-"+strconv.FormatFloat(0, 'f', d, 64) {
		s = s[1:]
	}
	if !f.thousands {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// cell renders an estimate: "mean [lo, hi]" with the unit after the mean,
// the mean alone when the interval is degenerate or there is none, and –
// when no run reported the figure.
func (f whatIfFormat) cell(e whatIfEstimate) string {
	if e.N == 0 || math.IsNaN(e.Mean) {
		return "–"
	}
	if f.share != nil {
		return f.share(e.Mean, e.N)
	}
	if f.zero != "" && e.Mean == 0 && (e.N < 2 || e.SD == 0) {
		return f.zero
	}
	m := e.Mean * f.scale
	d := f.decimals(m)
	mean := f.number(m, d) + f.unit
	if e.N < 2 || math.IsNaN(e.Lo) || math.IsNaN(e.Hi) {
		return mean
	}
	lo := f.number(min(max(e.Lo*f.scale, f.lo), f.hi), d)
	hi := f.number(min(max(e.Hi*f.scale, f.lo), f.hi), d)
	if lo == hi {
		return mean
	}
	return fmt.Sprintf("%s [%s, %s]", mean, lo, hi)
}
