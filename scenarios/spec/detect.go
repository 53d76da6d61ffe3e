package spec

import (
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/knob"
)

// Detector notices a change and fires: it runs its OnFire actions and,
// if Alarm, raises an alarm that operators may notice. The model declares
// it (detect.Detector's knob tags, and those of each kind's config); its
// actions are a scenario's.
type Detector = detect.Detector[Fault]

// DetectorKind says what a detector watches and which of Detector's
// kind-specific configs is set.
type DetectorKind = detect.Kind

// detectors decodes the detectors list.
func (d *decoder) detectors(n *yaml.Node, path string) []Detector {
	var out []Detector
	d.declaredList(n, path, reflect.ValueOf(&out).Elem(), "a list of detectors", false, "detector")
	return out
}

// init lets the generic decoder read a detector's on_fire.
func init() {
	handDecoded[reflect.TypeFor[[]Fault]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, _ *knob.Field) {
		fv.Set(reflect.ValueOf(d.inlineActions(n, path, ByDetector)))
	}
}

// inlineActions decodes a list of actions without name and at.
func (d *decoder) inlineActions(n *yaml.Node, path string, by FaultOrigin) []Fault {
	var out []Fault
	d.list(n, path, "a list of actions", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.fault(item, p, by, true))
	})
	return out
}

// CustomerReports is the NoticeFrom entry for an operator who notices
// through customers' reports rather than a detector.
const CustomerReports = detect.CustomerReports

// Operator is a person or team: they notice an alarm of one of
// NoticeFrom's detectors (or customers' reports), then work through
// Steps, each taking a time drawn from its distribution.
type Operator struct {
	// Name identifies the operator: same syntax as component names.
	// Required, unique among operators.
	Name string
	// NoticeFrom are the names of the detectors whose alarms start the
	// operator's process, or CustomerReports (key notice_from). Required,
	// at least one, unique.
	NoticeFrom []string
	// Steps are the steps, in order. Required, at least one; names are
	// unique within the operator.
	Steps []OperatorStep
	// DiagnosisFactorMissingAlarm multiplies step times when no alarm of
	// NoticeFrom's detectors fired (key diagnosis_factor_missing_alarm):
	// diagnosis takes longer without the real alarm. Optional, >= 1,
	// default 1 (no effect).
	DiagnosisFactorMissingAlarm float64
	// Flood multiplies step times when alarms flood in. Optional, nil
	// (default) for no effect.
	Flood *Flood
	// Attention makes the alarms take the operator's attention away from
	// a diagnosis. Optional, nil (default) for no effect.
	Attention *Attention
}

// Attention is how alarms take an operator's attention: every alarm that
// does not start the operator's process (not from NoticeFrom) waits to be
// read, and while a diagnosis runs, it and the unread alarms share the
// operator's attention equally.
type Attention struct {
	// Triage is the attention one alarm takes to be read and set aside.
	// Required.
	Triage Dist
}

// StepKind is what an operator does in a step.
type StepKind string

// The kinds of step.
const (
	// NoticeStep is noticing the alert; the first step is one unless it
	// says otherwise.
	NoticeStep StepKind = "notice"
	// DiagnoseStep is looking for the cause, slowed by a missing alarm, a
	// flood and the alarms that share the operator's attention; a later
	// step without an action is one unless it says otherwise.
	DiagnoseStep StepKind = "diagnose"
	// ActStep prepares and carries out its actions; a step with an action
	// is one.
	ActStep StepKind = "act"
	// BelieveStep is a belief the operators hold that keeps the steps
	// requiring it waiting: it ends after its time, or when the step
	// named by EndsWith ends, whichever is first.
	BelieveStep StepKind = "believe"
	// WorkStep is hand work that takes time and changes nothing by
	// itself (finding which units auto-detoured, writing commands).
	WorkStep StepKind = "work"
)

// stepKindNames lists the kinds of step for messages.
var stepKindNames = []string{string(NoticeStep), string(DiagnoseStep), string(ActStep), string(BelieveStep), string(WorkStep)}

// OperatorStep is one step of an operator's process.
type OperatorStep struct {
	// Name identifies the step in the event log: same syntax as component
	// names. Required, unique within the operator.
	Name string
	// After is how long the step takes, from when it can start. Required.
	After Dist
	// Action is what the step does when it ends: the syntax of actions:
	// items without name and at; By == ByOperator. Optional, nil for a
	// step that only takes time (noticing, diagnosing).
	Action *Fault
	// Requires is the name of an earlier step of the same operator that
	// must end before this one starts. Optional, default "": the previous
	// step (or the notice, for the first).
	Requires string
	// Kind is what the step is. Optional: by default act for a step with
	// an action, notice for the first, diagnose for the others; a
	// believe, work, notice or diagnose step has no action, an act step
	// has one.
	Kind StepKind
	// Actions are more actions run, after Action, at the step's end (key
	// actions): the syntax of action. Optional, only with action.
	Actions []Fault
	// EndsWith is the name of another step of the same operator whose end
	// ends a believe step (key ends_with). Optional, believe steps only.
	EndsWith string
	// Enabled, if false, leaves the step out: a step that requires it
	// requires what it requires (key enabled), so that a param can
	// remove a belief. Optional, default true.
	Enabled bool
	// PerUnit makes a work step's time per unit (key per_unit): after is
	// the time of one unit, and the step takes one draw per unit counted
	// at its start. Optional, work steps only; nil for one draw.
	PerUnit *PerUnit
}

// PerUnit says which units a work step counts: the planes components
// Units, and with On only those that still send traffic to plane On (the
// units that did not detour).
type PerUnit struct {
	// Units are planes components. Required, at least one, unique.
	Units []string
	// On is a plane of every unit: a unit counts only while its share of
	// On is above 0. Optional, default "": every unit counts.
	On string
}

// Flood is how a flood of alarms slows operators down.
type Flood struct {
	// Alarms is how many alarms within Window make a flood. Required,
	// >= 1.
	Alarms int
	// Window is the span alarms are counted over. Required, > 0.
	Window time.Duration
	// Factor multiplies step times during a flood. Required, >= 1.
	Factor float64
}

// operators decodes the operators list.
func (d *decoder) operators(n *yaml.Node, path string) []Operator {
	var out []Operator
	d.list(n, path, "a list of operators", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.operator(item, p))
	})
	d.uniqueNames(n, path, "operator")
	return out
}

// operator decodes one operator.
func (d *decoder) operator(n *yaml.Node, path string) Operator {
	const factorWant = "a factor >= 1"
	atLeastOne := func(v float64) bool { return v >= 1 && v <= MaxFactor }
	op := Operator{DiagnosisFactorMissingAlarm: 1}
	d.fields(n, path, mapping{
		want: "an operator: a mapping with name, notice_from, steps and optionally diagnosis_factor_missing_alarm, flood and attention",
		what: "an operator",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { op.Name = d.itemName(n, p) }},
			{key: "notice_from", required: true, want: "a non-empty list of detector names or customer-reports",
				decode: func(n *yaml.Node, p string) { op.NoticeFrom = d.names(n, p, "notice_from") }},
			{key: "steps", required: true, want: "a non-empty list of steps",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a non-empty list of steps", true, func(_ int, item *yaml.Node, p string) {
						op.Steps = append(op.Steps, d.step(item, p))
					})
					d.uniqueNames(n, p, "step")
				}},
			d.floatField("diagnosis_factor_missing_alarm", factorWant, atLeastOne, &op.DiagnosisFactorMissingAlarm),
			{key: "flood", want: "a flood: {alarms: 20, window: 10m, factor: 1.5}",
				decode: func(n *yaml.Node, p string) {
					fl := &Flood{}
					op.Flood = fl
					al := d.intField("alarms", 1, MaxCount, &fl.Alarms)
					al.required = true
					win := d.durationField("window", true, &fl.Window)
					win.required = true
					fac := d.floatField("factor", factorWant, atLeastOne, &fl.Factor)
					fac.required = true
					d.fields(n, p, mapping{
						want:   "a flood: a mapping like {alarms: 20, window: 10m, factor: 1.5}",
						what:   "a flood",
						fields: []field{al, win, fac},
					})
				}},
			{key: "attention", want: "an attention: {triage: {dist: uniform, min: 10s, max: 50s}}",
				decode: func(n *yaml.Node, p string) {
					at := &Attention{}
					op.Attention = at
					d.fields(n, p, mapping{
						want: "an attention: a mapping like {triage: {dist: uniform, min: 10s, max: 50s}}",
						what: "an attention",
						fields: []field{{key: "triage", required: true, want: "a distribution, like {dist: uniform, min: 10s, max: 50s}",
							decode: func(n *yaml.Node, p string) { at.Triage = d.dist(n, p) }}},
					})
				}},
		},
	})
	return op
}

// step decodes one operator step.
func (d *decoder) step(n *yaml.Node, path string) OperatorStep {
	st := OperatorStep{Enabled: true}
	d.fields(n, path, mapping{
		want: "a step: a mapping with name, after and optionally kind, action, actions, requires, ends_with, enabled and per_unit",
		what: "a step",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { st.Name = d.itemName(n, p) }},
			{key: "after", required: true, want: "a distribution, like {dist: lognormal, mean: 30m, stddev: 10m}",
				decode: func(n *yaml.Node, p string) { st.After = d.dist(n, p) }},
			{key: "action", want: "an action: {component: planes-w, action: detour, from: e, share: 1, to: [f, g]}",
				decode: func(n *yaml.Node, p string) {
					a := d.fault(n, p, ByOperator, true)
					st.Action = &a
				}},
			{key: "requires", want: "the name of an earlier step",
				decode: func(n *yaml.Node, p string) { st.Requires = d.str(n, p, "the name of an earlier step") }},
			{key: "kind", want: "one of: " + strings.Join(stepKindNames, ", "),
				decode: func(n *yaml.Node, p string) { st.Kind = StepKind(d.enum(n, p, stepKindNames...)) }},
			{key: "actions", want: "a list of actions, like [{component: planes-w, action: detour, from: e, share: 1, to: [f]}]",
				decode: func(n *yaml.Node, p string) { st.Actions = d.inlineActions(n, p, ByOperator) }},
			{key: "ends_with", want: "the name of another step",
				decode: func(n *yaml.Node, p string) { st.EndsWith = d.str(n, p, "the name of another step") }},
			{key: "enabled", want: boolWant,
				decode: func(n *yaml.Node, p string) { st.Enabled = d.boolean(n, p) }},
			{key: "per_unit", want: "the units a work step counts: {units: [unit-1, unit-2], on: e}",
				decode: func(n *yaml.Node, p string) {
					pu := &PerUnit{}
					st.PerUnit = pu
					d.fields(n, p, mapping{
						want: "the units a work step counts: a mapping like {units: [unit-1, unit-2], on: e}",
						what: "a per_unit",
						fields: []field{
							{key: "units", required: true, want: "a non-empty list of planes components",
								decode: func(n *yaml.Node, p string) { pu.Units = d.names(n, p, "planes component") }},
							{key: "on", want: "the name of a plane",
								decode: func(n *yaml.Node, p string) { pu.On = d.str(n, p, "the name of a plane") }},
						},
					})
				}},
		},
	})
	d.stepShape(n, path, &st)
	return st
}

// stepShape checks that a step's kind, actions and ends_with fit
// together, and sets the kind when the file leaves it out.
func (d *decoder) stepShape(n *yaml.Node, path string, st *OperatorStep) {
	if v := lookup(n, "actions"); v != nil && st.Action == nil && !d.isBad(joinPath(path, "actions")) {
		d.errorf(v, joinPath(path, "actions"), "actions are run after action; expected an action first (action: {...}), then more under actions")
	}
	if k := lookup(n, "kind"); k != nil && st.Kind != "" {
		kp := joinPath(path, "kind")
		switch {
		case st.Kind == ActStep && st.Action == nil && lookup(n, "action") == nil:
			d.errorf(k, kp, "an act step needs an action; expected action: {...}, or another kind")
		case st.Kind != ActStep && lookup(n, "action") != nil:
			d.errorf(k, kp, "a %s step has no action; expected kind act, or no action", st.Kind)
		}
	}
	if v := lookup(n, "per_unit"); v != nil && st.Kind != WorkStep && !d.isBad(joinPath(path, "per_unit")) {
		d.errorf(v, joinPath(path, "per_unit"), "only a work step is per unit; expected kind: work")
	}
	if v := lookup(n, "ends_with"); v != nil && st.Kind != BelieveStep && !d.isBad(joinPath(path, "ends_with")) {
		d.errorf(v, joinPath(path, "ends_with"), "only a believe step ends with another step; expected kind: believe")
	}
}
