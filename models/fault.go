package models

import (
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/sim"
)

// FaultAction is what a fault or an operator action does to a component.
type FaultAction uint8

const (
	// FaultDown takes the component down.
	FaultDown FaultAction = iota
	// FaultUp brings it back at normal speed.
	FaultUp
	// FaultSlow multiplies its service time by Factor.
	FaultSlow
	// FaultScale sets its workers to Factor times the configured number.
	FaultScale
	// FaultRestart drops all its work and brings it back at once.
	FaultRestart
	// FaultReroute sends its calls to From to To instead.
	FaultReroute
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
	case FaultScale:
		return "scale"
	case FaultRestart:
		return "restart"
	case FaultReroute:
		return "reroute"
	}
	return "unknown"
}

// maxFactor bounds a slow-down or scale factor: beyond it service times or
// worker counts leave any realistic range.
const maxFactor = 1e6

// Switchable is a component that can go down and come back up.
type Switchable interface {
	Name() string
	Down(now sim.Time)
	Up(now sim.Time)
}

// Faultable is a component whose state every fault and action can change.
type Faultable interface {
	Switchable
	Slow(now sim.Time, factor float64)
	Restart(now sim.Time)
	Scale(now sim.Time, factor float64)
}

// Reroutable is a component whose calls can be sent elsewhere.
type Reroutable interface {
	Name() string
	Reroute(now sim.Time, from string, to Target)
}

// Fault changes a component at a time: a failure, or (ByOperator) an
// operator's action. It writes one event-log entry of kind "fault" or
// "action" saying what it did.
type Fault struct {
	// Name identifies the fault in the event log ("" is allowed).
	Name string
	// At is when it happens.
	At sim.Time
	// Target is the component it happens to: a Faultable, or a Reroutable
	// for FaultReroute.
	Target interface{ Name() string }
	// Action is what happens.
	Action FaultAction
	// Factor is the factor of FaultSlow and FaultScale (> 0).
	Factor float64
	// From and To are the targets of FaultReroute.
	From string
	To   Target
	// ByOperator marks an operator action rather than a failure.
	ByOperator bool

	rec *sim.Recorder
}

// Schedule checks the fault and puts it on the engine.
func (f *Fault) Schedule(e *sim.Engine, rec *sim.Recorder) error {
	if f.Target == nil {
		return fmt.Errorf("fault %q: no target", f.Name)
	}
	switch f.Action {
	case FaultSlow, FaultScale:
		if !(f.Factor > 0 && f.Factor <= maxFactor) {
			return fmt.Errorf("fault %q: %s factor must be > 0 and at most %g, got %v", f.Name, f.Action, float64(maxFactor), f.Factor)
		}
	case FaultReroute:
		if _, ok := f.Target.(Reroutable); !ok {
			return fmt.Errorf("fault %q: %s cannot be rerouted", f.Name, f.Target.Name())
		}
		if f.From == "" || f.To == nil {
			return fmt.Errorf("fault %q: reroute needs from and to", f.Name)
		}
	}
	switch f.Action {
	case FaultDown, FaultUp:
		if _, ok := f.Target.(Switchable); !ok {
			return fmt.Errorf("fault %q: %s cannot go %s", f.Name, f.Target.Name(), f.Action)
		}
	case FaultSlow, FaultScale, FaultRestart:
		if _, ok := f.Target.(Faultable); !ok {
			return fmt.Errorf("fault %q: %s cannot take %s", f.Name, f.Target.Name(), f.Action)
		}
	}
	f.rec = rec
	e.At(f.At, f, nil)
	return nil
}

// Fire applies the fault and logs it.
func (f *Fault) Fire(now sim.Time, _ any) {
	detail := f.Action.String()
	switch f.Action {
	case FaultDown:
		f.Target.(Switchable).Down(now)
	case FaultUp:
		f.Target.(Switchable).Up(now)
	case FaultSlow:
		f.Target.(Faultable).Slow(now, f.Factor)
		detail = "slow x" + strconv.FormatFloat(f.Factor, 'g', -1, 64)
	case FaultScale:
		f.Target.(Faultable).Scale(now, f.Factor)
		detail = "scale x" + strconv.FormatFloat(f.Factor, 'g', -1, 64)
	case FaultRestart:
		f.Target.(Faultable).Restart(now)
	case FaultReroute:
		f.Target.(Reroutable).Reroute(now, f.From, f.To)
		detail = "reroute " + f.From + " → " + f.To.Name()
	}
	if f.Name != "" {
		detail = f.Name + ": " + detail
	}
	kind := sim.EventFault
	switch {
	case f.Action == FaultReroute:
		kind = sim.EventDetour
	case f.Action == FaultUp:
		kind = sim.EventRecovery
	case f.ByOperator:
		kind = sim.EventAction
	}
	by := ""
	if f.ByOperator {
		by = "operator"
	}
	if f.rec != nil {
		f.rec.Event(sim.LogEntry{At: now, Subject: f.Target.Name(), Kind: kind, By: by, Message: detail})
	}
}
