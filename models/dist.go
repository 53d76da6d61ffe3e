package models

import (
	"strings"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// DistConfig is a distribution of durations as a scenario declares it: a
// mapping whose "dist" key names the kind and whose other keys are that
// kind's fields, like {dist: exponential, mean: 1s}. NewDist builds the
// sim.Dist, in seconds.
type DistConfig interface {
	// NewDist returns the distribution, in seconds.
	NewDist() (sim.Dist, error)
}

// ExponentialDist is the exponential distribution of mean Mean.
type ExponentialDist struct {
	// Mean is the mean.
	Mean sim.Time `knob:"mean" required:"true" min:">0s" doc:"the mean"`
}

// NewDist returns the exponential distribution.
func (c ExponentialDist) NewDist() (sim.Dist, error) { return sim.NewExponential(c.Mean.Seconds()) }

// UniformDist is the uniform distribution from Min to Max.
type UniformDist struct {
	// Min is the least value.
	Min sim.Time `knob:"min" required:"true" min:"0s" doc:"the least value"`
	// Max is the largest value, at least Min.
	Max sim.Time `knob:"max" required:"true" min:"0s" doc:"the largest value, at least min"`
}

// NewDist returns the uniform distribution.
func (c UniformDist) NewDist() (sim.Dist, error) {
	return sim.NewUniform(c.Min.Seconds(), c.Max.Seconds())
}

// Check checks that Max is at least Min.
func (c UniformDist) Check(func(string) bool) error {
	if c.Max < c.Min {
		return knob.Errorf("max", "expected max >= min (%s), got %q", shortDuration(c.Min), shortDuration(c.Max))
	}
	return nil
}

// NormalDist is the normal distribution; draws below 0 are truncated to 0.
type NormalDist struct {
	// Mean is the mean.
	Mean sim.Time `knob:"mean" required:"true" min:"0s" doc:"the mean"`
	// Stddev is the standard deviation.
	Stddev sim.Time `knob:"stddev" required:"true" min:"0s" doc:"the standard deviation"`
}

// NewDist returns the normal distribution.
func (c NormalDist) NewDist() (sim.Dist, error) {
	return sim.NewNormal(c.Mean.Seconds(), c.Stddev.Seconds())
}

// LognormalDist is the lognormal distribution of the given mean and
// standard deviation (of the distribution itself, not of its logarithm).
type LognormalDist struct {
	// Mean is the mean.
	Mean sim.Time `knob:"mean" required:"true" min:">0s" doc:"the mean of the distribution itself"`
	// Stddev is the standard deviation.
	Stddev sim.Time `knob:"stddev" required:"true" min:">0s" doc:"the standard deviation of the distribution itself, not of its logarithm"`
}

// NewDist returns the lognormal distribution.
func (c LognormalDist) NewDist() (sim.Dist, error) {
	return sim.NewLognormal(c.Mean.Seconds(), c.Stddev.Seconds())
}

// DeterministicDist always gives Value.
type DeterministicDist struct {
	// Value is the only value.
	Value sim.Time `knob:"value" required:"true" min:"0s" doc:"the only value"`
}

// NewDist returns the deterministic distribution.
func (c DeterministicDist) NewDist() (sim.Dist, error) {
	return sim.NewDeterministic(c.Value.Seconds())
}

// EmpiricalDist draws one of Values with equal probability.
type EmpiricalDist struct {
	// Values are the samples, at least one.
	Values []sim.Time `knob:"values" required:"true" min:"0s" want:"a non-empty list of durations, like [1ms, 2ms, 5ms]" doc:"the samples, drawn with equal probability"`
}

// NewDist returns the empirical distribution.
func (c EmpiricalDist) NewDist() (sim.Dist, error) {
	vals := make([]float64, len(c.Values))
	for i, v := range c.Values {
		vals[i] = v.Seconds()
	}
	return sim.NewEmpirical(vals)
}

// Dists is the declaration of the distributions of durations.
var Dists = knob.Declare[DistConfig](
	"a distribution", "{dist: exponential, mean: 1s}",
	"a distribution of durations",
	knob.KindFor[ExponentialDist]("exponential", "the exponential distribution of mean mean: memoryless, as Poisson arrivals' gaps"),
	knob.KindFor[UniformDist]("uniform", "the uniform distribution from min to max"),
	knob.KindFor[NormalDist]("normal", "the normal distribution of mean mean and standard deviation stddev; draws below 0 are taken again, then as 0"),
	knob.KindFor[LognormalDist]("lognormal", "the lognormal distribution of mean mean and standard deviation stddev (of the distribution itself)"),
	knob.KindFor[DeterministicDist]("deterministic", "always value"),
	knob.KindFor[EmpiricalDist]("empirical", "one of values, each with equal probability"),
).WithKindKey("dist")

// shortDuration writes d as Go does, without trailing zero units: 1m
// rather than 1m0s.
func shortDuration(d sim.Time) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
