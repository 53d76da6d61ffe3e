package sim

import (
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// histogramMin and histogramMax bound the latencies a Histogram resolves
// with 3 significant digits: 1 µs to 60 days. Longer values are recorded as
// the maximum and counted in Clamped.
const (
	histogramMin = int64(time.Microsecond)
	histogramMax = int64(60 * 24 * time.Hour)
)

// Histogram records durations. Quantiles come from an HdrHistogram with 3
// significant digits (relative error below 0.1%); the mean and maximum are
// exact.
type Histogram struct {
	h       *hdrhistogram.Histogram // nil until the first Record
	count   int64
	sum     float64 // seconds
	max     Time
	clamped int64
}

// histogramPool keeps the counts of released histograms (about 280 KB
// each), cleared, for new ones: a study's runs would otherwise make most of
// their garbage here, and two workers would spend their time collecting it.
var histogramPool = sync.Pool{New: func() any { return hdrhistogram.New(histogramMin, histogramMax, 3) }}

// NewHistogram returns an empty histogram. Its counts are taken at the
// first Record: a model of 1,200 services that records nothing (a
// validation, a component nobody calls) allocates none.
func NewHistogram() *Histogram { return &Histogram{} }

// Release gives the histogram's memory back for reuse. The histogram must
// not be used after it.
func (h *Histogram) Release() {
	if h.h != nil {
		h.h.Reset()
		histogramPool.Put(h.h)
		h.h = nil
	}
}

// Record adds one duration. Negative durations are recorded as 0.
func (h *Histogram) Record(d Time) {
	if d < 0 {
		d = 0
	}
	h.count++
	h.sum += d.Seconds()
	if d > h.max {
		h.max = d
	}
	v := int64(d)
	if v < histogramMin {
		v = histogramMin
	}
	if v > histogramMax {
		v = histogramMax
		h.clamped++
	}
	if h.h == nil {
		h.h = histogramPool.Get().(*hdrhistogram.Histogram)
	}
	_ = h.h.RecordValue(v) // cannot fail: v is within the histogram's range
}

// Count returns the number of durations recorded.
func (h *Histogram) Count() int64 { return h.count }

// Mean returns the exact mean in seconds, or 0 if nothing was recorded.
func (h *Histogram) Mean() float64 {
	if h.count == 0 {
		return 0
	}
	return h.sum / float64(h.count)
}

// Sum returns the sum of all durations in seconds.
func (h *Histogram) Sum() float64 { return h.sum }

// Max returns the exact largest duration recorded.
func (h *Histogram) Max() Time { return h.max }

// Quantile returns the duration at quantile q in [0, 1], or 0 if nothing
// was recorded.
func (h *Histogram) Quantile(q float64) Time {
	if h.count == 0 {
		return 0
	}
	v := Time(h.h.ValueAtQuantile(q * 100))
	if v > h.max {
		v = h.max
	}
	return v
}

// Clamped returns how many durations were above the resolvable range and
// recorded as its maximum (their exact values still count in Mean and Max).
func (h *Histogram) Clamped() int64 { return h.clamped }
