package models

import (
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/sim"
)

// FaultAction is what a fault or an action does to a component.
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

// MaxFactor bounds a slow-down or scale factor: beyond it service times or
// worker counts leave any realistic range.
const MaxFactor = 1e6

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

// Fault is what a failure or someone's action does to one component: it
// goes down or up, slows down, scales, restarts, or sends its calls
// elsewhere. Change makes it a Change to schedule.
type Fault struct {
	// Target is the component it happens to: a Switchable for FaultDown
	// and FaultUp, a Faultable for FaultSlow, FaultScale and
	// FaultRestart, a Reroutable for FaultReroute.
	Target interface{ Name() string }
	// Action is what happens.
	Action FaultAction
	// Factor is the factor of FaultSlow and FaultScale, in (0, MaxFactor].
	Factor float64
	// From and To are the targets of FaultReroute: calls to From go to To.
	From string
	To   Target
}

// Change checks the fault and returns it as a Change of its target, to
// be given a name, a time and who makes it. Its Kind is a recovery for
// FaultUp, a detour for FaultReroute, and otherwise empty (a fault, or an
// action when someone makes it: see Change.Kind).
func (f Fault) Change() (Change, error) {
	if f.Target == nil {
		return Change{}, fmt.Errorf("%s: no target", f.Action)
	}
	name := f.Target.Name()
	c := Change{Subject: name, Detail: f.Action.String()}
	switch f.Action {
	case FaultDown, FaultUp:
		t, ok := f.Target.(Switchable)
		if !ok {
			return Change{}, fmt.Errorf("%s cannot go %s", name, f.Action)
		}
		if f.Action == FaultDown {
			c.Do = func(now sim.Time) error { t.Down(now); return nil }
		} else {
			c.Kind = sim.EventRecovery
			c.Do = func(now sim.Time) error { t.Up(now); return nil }
		}
	case FaultSlow, FaultScale, FaultRestart:
		t, ok := f.Target.(Faultable)
		if !ok {
			return Change{}, fmt.Errorf("%s cannot take %s", name, f.Action)
		}
		factor := f.Factor
		if f.Action != FaultRestart && !(factor > 0 && factor <= MaxFactor) {
			return Change{}, fmt.Errorf("%s of %s: factor must be > 0 and at most %g, got %v", f.Action, name, float64(MaxFactor), factor)
		}
		switch f.Action {
		case FaultSlow:
			c.Detail = "slow x" + strconv.FormatFloat(factor, 'g', -1, 64)
			c.Do = func(now sim.Time) error { t.Slow(now, factor); return nil }
		case FaultScale:
			c.Detail = "scale x" + strconv.FormatFloat(factor, 'g', -1, 64)
			c.Do = func(now sim.Time) error { t.Scale(now, factor); return nil }
		default:
			c.Do = func(now sim.Time) error { t.Restart(now); return nil }
		}
	case FaultReroute:
		t, ok := f.Target.(Reroutable)
		if !ok || f.From == "" || f.To == nil {
			return Change{}, fmt.Errorf("cannot reroute %s to %s", name, targetName(f.To))
		}
		from, to := f.From, f.To
		c.Kind = sim.EventDetour
		c.Detail = "reroute " + from + " → " + to.Name()
		c.Do = func(now sim.Time) error { t.Reroute(now, from, to); return nil }
	default:
		return Change{}, fmt.Errorf("%s: unknown action %d", name, f.Action)
	}
	return c, nil
}

// targetName is t's name, or "nothing".
func targetName(t Target) string {
	if t == nil {
		return "nothing"
	}
	return t.Name()
}
