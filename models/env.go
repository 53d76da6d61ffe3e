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
}
