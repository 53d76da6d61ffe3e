package models

import (
	"fmt"

	"github.com/cascade-sim/cascade/sim"
)

// FaultAction is what a fault does to a component.
type FaultAction uint8

const (
	// FaultDown takes the component down.
	FaultDown FaultAction = iota
	// FaultUp brings it back at normal speed.
	FaultUp
	// FaultSlow multiplies its service time by a factor.
	FaultSlow
)

// String names the action as scenario files do.
func (a FaultAction) String() string {
	switch a {
	case FaultDown:
		return "down"
	case FaultUp:
		return "up"
	case FaultSlow:
		return "slow"
	}
	return "unknown"
}

// maxSlowFactor bounds a slow-down: beyond it service times overflow the
// clock's range for any realistic service time.
const maxSlowFactor = 1e6

// Faultable is a component whose state faults can change.
type Faultable interface {
	Name() string
	Down(now sim.Time, cause string)
	Up(now sim.Time, cause string)
	Slow(now sim.Time, factor float64, cause string)
}

// Fault changes a component's state at a time.
type Fault struct {
	// Name identifies the fault in the event log ("" is allowed).
	Name string
	// At is when the fault happens.
	At sim.Time
	// Target is the component it happens to.
	Target Faultable
	// Action is what happens.
	Action FaultAction
	// Factor is the slow-down factor of FaultSlow (> 0).
	Factor float64
}

// Schedule puts the fault on the engine.
func (f *Fault) Schedule(e *sim.Engine) error {
	if f.Target == nil {
		return fmt.Errorf("fault %q: no target", f.Name)
	}
	if f.Action == FaultSlow && !(f.Factor > 0 && f.Factor <= maxSlowFactor) {
		return fmt.Errorf("fault %q: slow factor must be > 0 and at most %g, got %v", f.Name, float64(maxSlowFactor), f.Factor)
	}
	e.At(f.At, f, nil)
	return nil
}

// Fire applies the fault.
func (f *Fault) Fire(now sim.Time, _ any) {
	cause := "fault"
	if f.Name != "" {
		cause = "fault " + f.Name
	}
	switch f.Action {
	case FaultDown:
		f.Target.Down(now, cause)
	case FaultUp:
		f.Target.Up(now, cause)
	case FaultSlow:
		f.Target.Slow(now, f.Factor, cause)
	}
}
