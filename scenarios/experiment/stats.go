package experiment

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the level of every interval: 95%.
const Confidence = 0.95

// Interval kinds.
const (
	// StudentT is the interval of a mean: mean ± t(n-1) · sd / √n.
	StudentT = "t"
	// Wilson is the Wilson score interval of a share (yes-or-no figures).
	Wilson = "wilson"
)

// Estimate summarises one figure over a combination's replications.
type Estimate struct {
	// N is the number of runs that reported the figure.
	N int
	// Mean is their mean (for a share, the share of 1s); NaN when N is 0.
	Mean float64
	// SD is their sample standard deviation; NaN when N < 2.
	SD float64
	// Lo and Hi bound the 95% interval; NaN when there is none (N < 2 for a
	// mean, N = 0 for a share).
	Lo, Hi float64
	// Interval is StudentT or Wilson.
	Interval string
}

// accumulator gathers one figure's values in one pass (Welford's method).
type accumulator struct {
	n        int
	mean, m2 float64
	sum      float64 // the mean reported is sum/n: exact for counts and shares (9 of 10 is 0.9, not 0.8999999999999999)
}

func (a *accumulator) add(v float64) {
	a.n++
	a.sum += v
	d := v - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (v - a.mean)
}

func (a *accumulator) estimate(share bool) Estimate {
	e := Estimate{N: a.n, Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Interval: StudentT}
	if share {
		e.Interval = Wilson
	}
	if a.n == 0 {
		return e
	}
	e.Mean = a.sum / float64(a.n)
	if a.n >= 2 {
		e.SD = math.Sqrt(a.m2 / float64(a.n-1))
	}
	if share {
		e.Lo, e.Hi = wilsonInterval(e.Mean, a.n)
		return e
	}
	if a.n >= 2 {
		e.Lo, e.Hi = tInterval(e.Mean, e.SD, a.n)
	}
	return e
}

// tInterval is the 95% Student t interval of a mean of n values with
// sample standard deviation sd.
func tInterval(mean, sd float64, n int) (lo, hi float64) {
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-Confidence)/2)
	half := q * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}

// wilsonInterval is the 95% Wilson score interval of a share p of n.
func wilsonInterval(p float64, n int) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile(1 - (1-Confidence)/2)
	nf := float64(n)
	denom := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / denom
	half := z / denom * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	lo, hi = math.Max(0, centre-half), math.Min(1, centre+half)
	if p == 0 { // exact at the ends, not 1e-17 away
		lo = 0
	}
	if p == 1 {
		hi = 1
	}
	return lo, hi
}

// estimateOf summarises values held in memory (comparisons' paired
// differences).
func estimateOf(values []float64, share bool) Estimate {
	var a accumulator
	for _, v := range values {
		a.add(v)
	}
	e := a.estimate(share)
	if !share && len(values) >= 2 {
		// The same figures through gonum's two-pass formulas.
		e.Mean, e.SD = stat.MeanStdDev(values, nil)
		e.Lo, e.Hi = tInterval(e.Mean, e.SD, len(values))
	}
	return e
}
