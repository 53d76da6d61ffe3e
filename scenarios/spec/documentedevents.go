package spec

import (
	"fmt"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// DocumentedEvent is a moment of the documented timeline: when a source
// says something happened, and which simulated event stands for it.
type DocumentedEvent struct {
	// Name names the moment, e.g. "outage starts"; unique.
	Name string `knob:"name" name:"true" required:"true" doc:"names the moment; unique"`
	// At is the documented wall-clock time, with its offset; the scenario
	// must have a clock.
	At time.Time `knob:"at" required:"true" want:"an RFC 3339 time with an offset, like 2022-12-17T07:50:00+09:00" doc:"the documented wall-clock time, with its offset; the scenario needs a clock"`
	// Source says where the time comes from.
	Source string `knob:"source" want:"where the time comes from" doc:"where the time comes from"`
	// Subject and Kind pick the simulated event that stands for it: the
	// first event of the log about that subject (a component, a
	// population, a site...) and of that kind; either may be left out.
	// Without both the moment is drawn and listed but not paired.
	Subject string `knob:"subject" want:"the name of a component, population, site or other part" doc:"what the simulated event standing for the moment is about: a component, a population, a site..."`
	// Kind is the kind of that event.
	Kind sim.EventKind `knob:"kind" plain:"true" doc:"the kind of that event (fault, action, failover, population-back, ...)"`
	// Which picks the first such event (PickFirst) or the last
	// (PickLast): "back" moments are the last change.
	Which Pick `knob:"which" default:"first" want:"first or last" doc:"which of those events stands for the moment: the first or the last (back moments are the last change)"`
	// Evidence says what a paired moment's match shows, as a documented
	// figure's kind does: emergent (the simulated time comes out of the
	// mechanisms), calibrated or input (the time is typed in, like a
	// fault's). Required for a paired moment.
	Evidence EvidenceKind `knob:"evidence" want:"what the match shows: emergent (the time comes out of the mechanisms), calibrated (an estimate was tuned to fit it; name it in basis) or input (the time is typed in; name it in basis)" doc:"what a paired moment's match shows: emergent, calibrated or input; required for a paired moment"`
	// Basis names what a calibrated or input moment rests on.
	Basis string `knob:"basis" want:"what the figure rests on: the estimates tuned or the inputs that set it" doc:"what a calibrated or input moment rests on"`
}

// Describe names a documented moment in messages.
func (DocumentedEvent) Describe() (noun, example string) { return "a documented moment", "" }

// Last reports whether the last matching event stands for the moment.
func (e DocumentedEvent) Last() bool { return e.Which == PickLast }

// Check checks that a paired moment names its evidence, and a calibrated
// or input one its basis.
func (e DocumentedEvent) Check(func(key string) bool) error {
	switch {
	case (e.Subject != "" || e.Kind != "") && e.Evidence == "":
		return knob.Errorf("evidence", "missing evidence; a moment paired with a simulated event must say what the match shows: %s", momentEvidenceWant)
	case (e.Evidence == Calibrated || e.Evidence == Input) && strings.TrimSpace(e.Basis) == "":
		return knob.Errorf("basis", "missing basis; a moment whose evidence is %s must name what it rests on, like basis: \"the fault's time, typed in\"", e.Evidence)
	}
	return nil
}

// Pick says which of the events that match a documented moment stands
// for it.
type Pick string

// The picks.
const (
	// PickFirst is the first matching event.
	PickFirst Pick = "first"
	// PickLast is the last matching event.
	PickLast Pick = "last"
)

// UnmarshalText parses a pick.
func (p *Pick) UnmarshalText(text []byte) error {
	if v := Pick(text); v == PickFirst || v == PickLast {
		*p = v
		return nil
	}
	return fmt.Errorf("unknown pick %q", text)
}

// momentEvidenceWant describes the evidence of a documented moment.
const momentEvidenceWant = "what the match shows: emergent (the time comes out of the mechanisms), calibrated (an estimate was tuned to fit it; name it in basis) or input (the time is typed in; name it in basis)"
