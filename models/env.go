package models

import "github.com/cascade-sim/cascade/sim"

// Env is what every component needs from the run it belongs to.
type Env struct {
	// Engine runs the events.
	Engine *sim.Engine
	// Streams gives each component its own named random stream.
	Streams *sim.Streams
	// Recorder collects series, histograms and the event log.
	Recorder *sim.Recorder
	// Horizon is when users stop sending new requests.
	Horizon sim.Time
	// InFlight counts the requests taken from senders' pools and not yet
	// given back: calls and attempts under way, queued or in service (a
	// deterministic measure of a run's memory).
	InFlight int64
}

// NewEnv returns the environment of a fresh run: an engine at time 0, the
// random streams of seed, and a recorder of steps of length step up to
// horizon, when users stop sending.
func NewEnv(seed uint64, step, horizon sim.Time) (*Env, error) {
	rec, err := sim.NewRecorder(step, horizon)
	if err != nil {
		return nil, err
	}
	return &Env{Engine: sim.NewEngine(), Streams: sim.NewStreams(seed), Recorder: rec, Horizon: horizon}, nil
}
