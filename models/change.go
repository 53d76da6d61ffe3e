package models

import "github.com/cascade-sim/cascade/sim"

// Change is a change made to one element of a model at a moment: a
// scripted failure or someone's action. Scheduled, it carries out Do and
// writes one event-log entry: "Name: Detail", with "; failed: <error>"
// appended when Do fails. A Fault makes the Change of a component (see
// Fault.Change); callers build others (network parts, planes, clients)
// with their own Do.
type Change struct {
	// Name identifies the change in the event log ("" is allowed).
	Name string
	// At is when it happens.
	At sim.Time
	// Subject is the element it changes, as the event log names it.
	Subject string
	// Detail says what it does: "down", "slow x3".
	Detail string
	// Kind is the kind of the entry. Empty means a fault when By is
	// empty, else an action.
	Kind sim.EventKind
	// By is who made it ("operator"); empty for a scripted failure.
	By string
	// Do carries it out.
	Do func(now sim.Time) error
}

// Schedule puts the change on the engine; rec (nil allowed) gets its
// event-log entry.
func (c Change) Schedule(e *sim.Engine, rec *sim.Recorder) {
	entry := sim.LogEntry{Subject: c.Subject, Kind: c.Kind, By: c.By}
	if entry.Kind == "" {
		entry.Kind = sim.EventFault
		if c.By != "" {
			entry.Kind = sim.EventAction
		}
	}
	detail := c.Detail
	if c.Name != "" {
		detail = c.Name + ": " + detail
	}
	e.At(c.At, sim.HandlerFunc(func(now sim.Time, _ any) {
		entry.At, entry.Message = now, detail
		if err := c.Do(now); err != nil {
			entry.Message += "; failed: " + err.Error()
		}
		if rec != nil {
			rec.Event(entry)
		}
	}), nil)
}
