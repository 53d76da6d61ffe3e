package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dist is a probability distribution over float64 values. Distributions of
// durations use seconds; SampleTime converts a draw to a Time.
type Dist interface {
	// Sample draws one value using r.
	Sample(r *Rand) float64
	// Mean returns the distribution's mean.
	Mean() float64
	// String describes the distribution and its parameters.
	String() string
}

// SampleTime draws a duration in seconds from d and returns it as a Time.
// Negative draws (possible only for a normal) are drawn again, up to 64
// times, then taken as 0: durations are truncated at zero.
func SampleTime(d Dist, r *Rand) Time {
	x := d.Sample(r)
	for i := 0; x < 0 && i < 64; i++ {
		x = d.Sample(r)
	}
	if x < 0 {
		x = 0
	}
	return Seconds(x)
}

func finite(name string, vals ...float64) error {
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: parameters must be finite, got %v", name, v)
		}
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Exponential is the exponential distribution with the given mean.
type Exponential struct{ mean float64 }

// NewExponential returns an exponential distribution; mean must be > 0.
func NewExponential(mean float64) (*Exponential, error) {
	if err := finite("exponential", mean); err != nil {
		return nil, err
	}
	if mean <= 0 {
		return nil, fmt.Errorf("exponential: mean must be > 0, got %v", mean)
	}
	return &Exponential{mean: mean}, nil
}

// Sample draws an exponential value.
func (d *Exponential) Sample(r *Rand) float64 { return d.mean * r.ExpFloat64() }

// Mean returns the mean.
func (d *Exponential) Mean() float64 { return d.mean }

// String describes the distribution.
func (d *Exponential) String() string { return "exponential(mean=" + num(d.mean) + ")" }

// Uniform is the continuous uniform distribution on [min, max).
type Uniform struct{ min, max float64 }

// NewUniform returns a uniform distribution; min must not exceed max.
func NewUniform(min, max float64) (*Uniform, error) {
	if err := finite("uniform", min, max); err != nil {
		return nil, err
	}
	if min > max {
		return nil, fmt.Errorf("uniform: min %v is greater than max %v", min, max)
	}
	return &Uniform{min: min, max: max}, nil
}

// Sample draws a uniform value.
func (d *Uniform) Sample(r *Rand) float64 { return d.min + (d.max-d.min)*r.Float64() }

// Mean returns the mean.
func (d *Uniform) Mean() float64 { return (d.min + d.max) / 2 }

// String describes the distribution.
func (d *Uniform) String() string { return "uniform(min=" + num(d.min) + ", max=" + num(d.max) + ")" }

// Normal is the normal distribution.
type Normal struct{ mean, stddev float64 }

// NewNormal returns a normal distribution; stddev must be >= 0.
func NewNormal(mean, stddev float64) (*Normal, error) {
	if err := finite("normal", mean, stddev); err != nil {
		return nil, err
	}
	if stddev < 0 {
		return nil, fmt.Errorf("normal: stddev must be >= 0, got %v", stddev)
	}
	return &Normal{mean: mean, stddev: stddev}, nil
}

// Sample draws a normal value.
func (d *Normal) Sample(r *Rand) float64 { return d.mean + d.stddev*r.NormFloat64() }

// Mean returns the mean (before any truncation by SampleTime).
func (d *Normal) Mean() float64 { return d.mean }

// String describes the distribution.
func (d *Normal) String() string {
	return "normal(mean=" + num(d.mean) + ", stddev=" + num(d.stddev) + ")"
}

// Lognormal is the lognormal distribution, given by its own mean and
// standard deviation (not those of the underlying normal).
type Lognormal struct{ mean, stddev, mu, sigma float64 }

// NewLognormal returns a lognormal distribution with the given mean and
// standard deviation; mean must be > 0 and stddev >= 0.
func NewLognormal(mean, stddev float64) (*Lognormal, error) {
	if err := finite("lognormal", mean, stddev); err != nil {
		return nil, err
	}
	if mean <= 0 || stddev < 0 {
		return nil, fmt.Errorf("lognormal: need mean > 0 and stddev >= 0, got mean %v stddev %v", mean, stddev)
	}
	s2 := math.Log1p(stddev * stddev / (mean * mean))
	return &Lognormal{mean: mean, stddev: stddev, mu: math.Log(mean) - s2/2, sigma: math.Sqrt(s2)}, nil
}

// Sample draws a lognormal value.
func (d *Lognormal) Sample(r *Rand) float64 { return math.Exp(d.mu + d.sigma*r.NormFloat64()) }

// Mean returns the mean.
func (d *Lognormal) Mean() float64 { return d.mean }

// String describes the distribution.
func (d *Lognormal) String() string {
	return "lognormal(mean=" + num(d.mean) + ", stddev=" + num(d.stddev) + ")"
}

// Deterministic always gives the same value.
type Deterministic struct{ value float64 }

// NewDeterministic returns a distribution that always gives value.
func NewDeterministic(value float64) (*Deterministic, error) {
	if err := finite("deterministic", value); err != nil {
		return nil, err
	}
	return &Deterministic{value: value}, nil
}

// Sample returns the value; it draws nothing from r.
func (d *Deterministic) Sample(*Rand) float64 { return d.value }

// Mean returns the value.
func (d *Deterministic) Mean() float64 { return d.value }

// String describes the distribution.
func (d *Deterministic) String() string { return "deterministic(" + num(d.value) + ")" }

// Empirical draws uniformly from a list of observed values.
type Empirical struct {
	values []float64
	mean   float64
}

// NewEmpirical returns a distribution over a copy of values (non-empty).
func NewEmpirical(values []float64) (*Empirical, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("empirical: needs at least one value")
	}
	if err := finite("empirical", values...); err != nil {
		return nil, err
	}
	v := append([]float64(nil), values...)
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	return &Empirical{values: v, mean: sum / float64(len(v))}, nil
}

// Sample returns one of the values, each equally likely.
func (d *Empirical) Sample(r *Rand) float64 { return d.values[r.Intn(uint64(len(d.values)))] }

// Mean returns the mean of the values.
func (d *Empirical) Mean() float64 { return d.mean }

// String describes the distribution.
func (d *Empirical) String() string {
	parts := make([]string, 0, min(len(d.values), 4))
	for i, v := range d.values {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("... %d values", len(d.values)))
			break
		}
		parts = append(parts, num(v))
	}
	return "empirical(" + strings.Join(parts, ", ") + ")"
}
