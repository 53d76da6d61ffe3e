package power

import "github.com/cascade-sim/cascade/sim"

// GeneratorConfig describes a site's standby generator.
type GeneratorConfig struct {
	// Start is the time from the loss of the utility feed until the
	// generator carries the load (NFPA 110: 10 s, up to 60–90 s for large
	// sets).
	Start sim.Time `knob:"start" required:"true" min:"0s" doc:"how long the generator takes to carry the load after the utility feed is lost (NFPA 110: 10 s, up to 60-90 s for large sets)"`
	// FailProb is the probability, in [0, 1], that it fails to start.
	FailProb float64 `knob:"fail_probability" min:"0" max:"1" unit:"probability" want:"a probability from 0 to 1" doc:"the chance that the generator fails to start"`
}

// Describe names a generator in messages.
func (GeneratorConfig) Describe() (noun, example string) {
	return "a generator", "{start: 30s, fail_probability: 0}"
}

// GeneratorState is what a generator is doing.
type GeneratorState uint8

const (
	// GeneratorIdle means it is not needed (or has been cut).
	GeneratorIdle GeneratorState = iota
	// GeneratorStarting means it is starting.
	GeneratorStarting
	// GeneratorRunning means it carries the load.
	GeneratorRunning
	// GeneratorFailed means it failed to start; it stays failed until the
	// utility feed returns.
	GeneratorFailed
)

// String names the state.
func (g GeneratorState) String() string {
	switch g {
	case GeneratorIdle:
		return "idle"
	case GeneratorStarting:
		return "starting"
	case GeneratorRunning:
		return "running"
	case GeneratorFailed:
		return "failed"
	}
	return "unknown"
}
