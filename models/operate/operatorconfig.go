package operate

import (
	"errors"

	"github.com/cascade-sim/cascade/models/knob"
)

// OperatorConfig is an operator as a scenario declares it: who they are,
// which alarms start their process, and its steps. Whoever builds the
// operator turns it into a Config, resolving the names its steps use. D is
// the type of the distributions a step's time is drawn from, and A of the
// actions a step runs, which the scenario layer defines.
type OperatorConfig[D, A any] struct {
	// Name identifies the operator.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the operator (a team, a NOC) in the event log"`
	// NoticeFrom are the sources whose alarms start the process (Config.Triggers).
	NoticeFrom []string `knob:"notice_from" name:"true" ref:"detector" or:"customer-reports" required:"true" want:"a non-empty list of detector names or customer-reports" doc:"the detectors whose alarms start the operator's process, or customer-reports for an operator who learns from customers (an availability alert per population at the outcome's threshold)"`
	// Steps are the steps, in order (Config.Plan).
	Steps []StepConfig[D, A] `knob:"steps" required:"true" want:"a non-empty list of steps" doc:"the steps, in order; each starts when the step it requires ends (by default the one before it)"`
	// DiagnosisFactorMissingAlarm multiplies diagnosis times when no
	// alarm that names the cause fired (Config.MissingAlarm).
	DiagnosisFactorMissingAlarm float64 `knob:"diagnosis_factor_missing_alarm" default:"1" min:"1" max:"1e6" want:"a factor >= 1" doc:"multiplies a diagnosis that starts while no detector that watches an element itself (link-down, bfd, lacp, health-check) has alarmed: only symptoms are known; 1 for no effect"`
	// Flood multiplies step times when alarms flood in; nil for no effect.
	Flood *Flood `knob:"flood" doc:"how a flood of alarms slows a diagnosis that starts after one; without one, floods have no effect"`
	// Attention makes the alarms take the operator's attention away from
	// a diagnosis; nil for no effect.
	Attention *AttentionConfig[D] `knob:"attention" doc:"how the alarms that do not start the operator's process take their attention from a diagnosis; without one, they take none"`
}

// Describe names an operator in messages.
func (OperatorConfig[D, A]) Describe() (noun, example string) { return "an operator", "" }

// AttentionConfig is Attention as a scenario declares it, with its
// distribution of type D.
type AttentionConfig[D any] struct {
	// Triage is the attention one alarm takes to be read and set aside.
	Triage D `knob:"triage" required:"true" want:"a distribution, like {dist: uniform, min: 10s, max: 50s}" doc:"the attention one alarm takes to be read and set aside: while a diagnosis runs, it and the unread alarms share the operator's attention equally"`
}

// Describe names an attention in messages.
func (AttentionConfig[D]) Describe() (noun, example string) {
	return "an attention", "{triage: {dist: uniform, min: 10s, max: 50s}}"
}

// PlanKind is a step's kind as a scenario writes it; "" leaves it to the
// step's place: act for a step with an action, notice for the first,
// diagnose for the others.
type PlanKind string

// Choices lists the kinds of step.
func (PlanKind) Choices() []string {
	return []string{Notice.String(), Diagnose.String(), Act.String(), Believe.String(), Work.String()}
}

// UnmarshalText parses a step kind's name.
func (k *PlanKind) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(k.Choices(), string(text))
	if err != nil {
		return err
	}
	*k = PlanKind(k.Choices()[i])
	return nil
}

// StepKind returns the kind of a step of this PlanKind: its own, or by its
// place if it is "": act if it has an action, notice if it is the first,
// diagnose otherwise.
func (k PlanKind) StepKind(first, hasAction bool) StepKind {
	for i, c := range k.Choices() {
		if string(k) == c {
			return StepKind(i)
		}
	}
	switch {
	case hasAction:
		return Act
	case first:
		return Notice
	}
	return Diagnose
}

// StepConfig is one step of an operator as a scenario declares it (a
// Step, with names for what it refers to).
type StepConfig[D, A any] struct {
	// Name identifies the step.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the step in the event log; unique within the operator"`
	// After is how long the step takes, from when it can start.
	After D `knob:"after" required:"true" want:"a distribution, like {dist: lognormal, mean: 30m, stddev: 10m}" doc:"how long the step takes, from when it can start"`
	// Action is what the step does when it ends; nil for none.
	Action *A `knob:"action" exclude:"name,at" want:"an action: {component: planes-w, action: detour, from: e, share: 1, to: [f, g]}" doc:"what the step does when it ends: the syntax of actions, without name and at; a step without one only takes time"`
	// Requires names an earlier step that must end before this one
	// starts; "" for the previous one.
	Requires string `knob:"requires" want:"the name of an earlier step" doc:"the earlier step of the same operator that must end before this one starts; by default the previous step (the alert, for the first)"`
	// Kind is what the step is; "" for the kind by its place.
	Kind PlanKind `knob:"kind" plain:"true" doc:"what the step is: notice, diagnose (slowed by a missing alarm, a flood and the alarms sharing the operator's attention), act (carries out its actions), believe (holds the steps that require it until its time passes or ends_with ends) or work (hand work); by default act for a step with an action, notice for the first, diagnose for the others"`
	// Actions are more actions run after Action.
	Actions []A `knob:"actions" exclude:"name,at" want:"a list of actions, like [{component: planes-w, action: detour, from: e, share: 1, to: [f]}]" doc:"more actions run, after action, at the step's end"`
	// EndsWith names the step whose end ends a believe step.
	EndsWith string `knob:"ends_with" want:"the name of another step" doc:"another step of the same operator whose end ends a believe step"`
	// Enabled, if false, leaves the step out.
	Enabled bool `knob:"enabled" default:"true" doc:"if false, the step is left out: a step that requires it requires what it requires, so that a param can remove a belief"`
	// PerUnit makes a work step's time per unit; nil for one draw.
	PerUnit *PerUnitConfig `knob:"per_unit" doc:"makes a work step's time per unit: after is the time of one unit, and the step takes one draw per unit counted at its start"`
}

// Describe names a step in messages.
func (StepConfig[D, A]) Describe() (noun, example string) { return "a step", "" }

// Check checks that a step's kind, actions, per_unit and ends_with fit
// together.
func (s StepConfig[D, A]) Check(written knob.Written) error {
	var errs []error
	if written("actions") && s.Action == nil {
		errs = append(errs, knob.Errorf("actions", "actions are run after action; expected an action first (action: {...}), then more under actions"))
	}
	switch {
	case s.Kind == PlanKind(Act.String()) && s.Action == nil:
		errs = append(errs, knob.Errorf("kind", "an act step needs an action; expected action: {...}, or another kind"))
	case s.Kind != "" && s.Kind != PlanKind(Act.String()) && s.Action != nil:
		errs = append(errs, knob.Errorf("kind", "a %s step has no action; expected kind act, or no action", s.Kind))
	}
	if written("per_unit") && s.Kind != PlanKind(Work.String()) {
		errs = append(errs, knob.Errorf("per_unit", "only a work step is per unit; expected kind: work"))
	}
	if written("ends_with") && s.Kind != PlanKind(Believe.String()) {
		errs = append(errs, knob.Errorf("ends_with", "only a believe step ends with another step; expected kind: believe"))
	}
	return errors.Join(errs...)
}

// PerUnitConfig says which units a work step counts: the planes
// components Units, and with On only those that still send traffic to
// plane On (the units that did not detour). Whoever builds the step
// resolves the names into Step.Items.
type PerUnitConfig struct {
	// Units are planes components.
	Units []string `knob:"units" name:"true" ref:"planes component" required:"true" want:"a non-empty list of planes components" doc:"the units counted: planes components"`
	// On is a plane of every unit; "" counts every unit.
	On string `knob:"on" want:"the name of a plane" doc:"a plane of every unit: a unit counts only while its share of this plane is above 0 (it did not detour); without one, every unit counts"`
}

// Describe names a per_unit in messages.
func (PerUnitConfig) Describe() (noun, example string) {
	return "the units a work step counts", "{units: [unit-1, unit-2], on: e}"
}
