package spec

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/detect"
)

// DetectorKind says what a detector watches and which of Detector's
// kind-specific fields is set.
type DetectorKind string

// The kinds of detector.
const (
	// LinkDownDetector reacts to a link's physical state only;
	// Detector.LinkDown is set.
	LinkDownDetector DetectorKind = "link-down"
	// BFDDetector sends keepalives along a route and fires after
	// Multiplier missed intervals; Detector.BFD is set.
	BFDDetector DetectorKind = "bfd"
	// LACPDetector exchanges LACP packets along a route at a fast or slow
	// rate; Detector.LACP is set.
	LACPDetector DetectorKind = "lacp"
	// HealthCheckDetector polls a component; Detector.HealthCheck is set.
	HealthCheckDetector DetectorKind = "health-check"
	// E2EProbeDetector probes a component from the user side;
	// Detector.E2EProbe is set.
	E2EProbeDetector DetectorKind = "e2e-probe"
	// AvailabilityDetector alerts on a population's availability over a
	// window; Detector.Availability is set.
	AvailabilityDetector DetectorKind = "availability"
)

// Detector notices a change and fires: it runs its OnFire actions and,
// if Alarm, raises an alarm that operators may notice. Name, Kind, OnFire
// and Alarm are common to every kind; the kind-specific fields sit in one
// pointer per kind, of which exactly the one matching Kind is non-nil.
type Detector struct {
	// Name identifies the detector: same syntax as component names, not
	// CustomerReports. Required, unique among detectors.
	Name string
	// Kind is the detector's kind. Required.
	Kind DetectorKind
	// OnFire are the actions run when the detector fires, in file order
	// (key on_fire): the syntax of actions: items without name and at;
	// each has By == ByDetector. Optional, default none.
	OnFire []Fault
	// Alarm, if true, raises an alarm when the detector fires. Optional,
	// default true.
	Alarm bool
	// Enabled, if false, leaves the detector out of the run (key enabled),
	// so that a param can choose among detectors, e.g.
	// enabled: ${detection == 'bfd'}. Optional, default true.
	Enabled bool
	// LinkDown holds the fields of a "link-down" detector; nil otherwise.
	LinkDown *LinkDownCheck
	// BFD holds the fields of a "bfd" detector; nil otherwise.
	BFD *BFDCheck
	// LACP holds the fields of a "lacp" detector; nil otherwise.
	LACP *LACPCheck
	// HealthCheck holds the fields of a "health-check" detector; nil
	// otherwise.
	HealthCheck *HealthCheck
	// E2EProbe holds the fields of an "e2e-probe" detector; nil otherwise.
	E2EProbe *E2EProbe
	// Availability holds the fields of an "availability" detector; nil
	// otherwise.
	Availability *AvailabilityCheck
}

// LinkDownCheck fires when a link goes physically down.
type LinkDownCheck struct {
	// Link is the name of the link watched. Required.
	Link string
	// Delay is how long after the link goes down the detector fires.
	// Optional, >= 0, default 0.
	Delay time.Duration
}

// BFDCheck is Bidirectional Forwarding Detection along a route.
type BFDCheck struct {
	// Route is the name of the route component probed. Required.
	Route string
	// Interval is the time between keepalives. Optional, > 0, default
	// DefaultBFDInterval.
	Interval time.Duration
	// Multiplier is how many missed keepalives in a row fire the
	// detector. Optional, 1 to 255, default DefaultBFDMultiplier.
	Multiplier int
}

// The defaults of BFDCheck: the model's (detect.DefaultBFD says where
// they come from).
const (
	// DefaultBFDInterval is BFDCheck.Interval's default: 50 ms.
	DefaultBFDInterval = detect.DefaultBFDInterval
	// DefaultBFDMultiplier is BFDCheck.Multiplier's default: 3.
	DefaultBFDMultiplier = detect.DefaultBFDMultiplier
)

// LACPRate is how often LACP packets are exchanged.
type LACPRate string

// The LACP rates.
const (
	// LACPFast exchanges a packet every second (timeout 3s).
	LACPFast LACPRate = "fast"
	// LACPSlow exchanges a packet every 30 seconds (timeout 90s).
	LACPSlow LACPRate = "slow"
)

// LACPCheck is the Link Aggregation Control Protocol along a route.
type LACPCheck struct {
	// Route is the name of the route component probed. Required.
	Route string
	// Rate is fast or slow. Required.
	Rate LACPRate
}

// HealthCheck polls a component and fires after Unhealthy failed checks
// in a row; Healthy passing checks in a row clear it.
type HealthCheck struct {
	// Target is the name of the component polled: one that accepts
	// requests. Required.
	Target string
	// Interval is the time between checks. Optional, > 0, default
	// detect.DefaultHealthCheckInterval (30s).
	Interval time.Duration
	// Timeout is how long a check waits for its answer. Optional, > 0,
	// default detect.DefaultHealthCheckTimeout (5s).
	Timeout time.Duration
	// Unhealthy is how many failed checks in a row fire the detector.
	// Optional, >= 1, default detect.DefaultUnhealthyThreshold (3,
	// HAProxy's fall).
	Unhealthy int
	// Healthy is how many passing checks in a row clear it. Optional,
	// >= 1, default detect.DefaultHealthyThreshold (2, HAProxy's rise).
	Healthy int
}

// DefaultHealthCheck returns a health check of target with the model's
// defaults (detect.DefaultHealthCheck says where they come from).
func DefaultHealthCheck(target string) HealthCheck {
	c := detect.DefaultHealthCheck("", nil)
	return HealthCheck{Target: target, Interval: c.Interval, Timeout: c.Timeout, Unhealthy: c.UnhealthyThreshold, Healthy: c.HealthyThreshold}
}

// E2EProbe sends probe requests to a component from the user side and
// fires after Threshold failed probes in a row.
type E2EProbe struct {
	// Target is the name of the component probed: one that accepts
	// requests. Required.
	Target string
	// Interval is the time between probes. Required, > 0.
	Interval time.Duration
	// Timeout is how long a probe waits for its answer. Required, > 0.
	Timeout time.Duration
	// Threshold is how many failed probes in a row fire the detector.
	// Required, >= 1.
	Threshold int
	// Count is how many such probes run, one per unit watching the same
	// path (key count): each raises its own alarms, named <name>/1 to
	// <name>/<count> (just <name> when Count is 1), and their first
	// probes are spread evenly over one Interval, so that a break raises
	// a burst of alarms (the flood of 17 Dec 2022). Optional, 0 to
	// MaxCount, default 1; 0 leaves the detector out.
	Count int
}

// AvailabilityCheck alerts when a population's availability over a
// sliding window falls below a threshold.
type AvailabilityCheck struct {
	// Population is the name of the population watched. Required.
	Population string
	// Threshold is the share of successful requests below which the
	// detector fires. Required, 0 to 1.
	Threshold float64
	// Window is the span availability is measured over. Required, > 0.
	Window time.Duration
	// MinRequests is how many requests the window must hold before it is
	// judged (key min_requests). Optional, >= 1, default 1.
	MinRequests int
}

// detectorKindNames lists the detector kinds for messages.
var detectorKindNames = []string{string(LinkDownDetector), string(BFDDetector), string(LACPDetector),
	string(HealthCheckDetector), string(E2EProbeDetector), string(AvailabilityDetector)}

// detectors decodes the detectors list.
func (d *decoder) detectors(n *yaml.Node, path string) []Detector {
	var out []Detector
	d.list(n, path, "a list of detectors", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.detector(item, p))
	})
	d.uniqueNames(n, path, "detector")
	return out
}

// detector decodes one detector: the common fields, then those of its
// kind. If the kind is missing or unknown, other keys are not checked.
func (d *decoder) detector(n *yaml.Node, path string) Detector {
	det := Detector{Alarm: true, Enabled: true}
	var kindFields []field
	known := false
	if k := lookup(n, "kind"); k != nil {
		det.Kind = DetectorKind(d.enum(k, joinPath(path, "kind"), detectorKindNames...))
		kindFields, known = d.detectorKind(&det)
	}
	fs := append([]field{
		{key: "name", required: true, want: itemNameWant,
			decode: func(n *yaml.Node, p string) {
				det.Name = d.itemName(n, p)
				if det.Name == CustomerReports {
					d.errorf(n, p, "the detector name %s is reserved for operators' notice_from; expected another name", quote(CustomerReports))
				}
			}},
		{key: "kind", required: true, want: "one of: " + strings.Join(detectorKindNames, ", ")},
		{key: "on_fire", want: "a list of actions, like [{component: sw-e/l2, action: repair}]",
			decode: func(n *yaml.Node, p string) { det.OnFire = d.inlineActions(n, p, ByDetector) }},
		{key: "alarm", want: boolWant,
			decode: func(n *yaml.Node, p string) { det.Alarm = d.boolean(n, p) }},
		{key: "enabled", want: boolWant,
			decode: func(n *yaml.Node, p string) { det.Enabled = d.boolean(n, p) }},
	}, kindFields...)
	what := "a detector"
	if known {
		what = "a " + string(det.Kind) + " detector"
	}
	d.fields(n, path, mapping{
		want:    "a detector: a mapping with name, kind and the kind's fields",
		what:    what,
		fields:  fs,
		lenient: !known,
	})
	return det
}

// inlineActions decodes a list of actions without name and at.
func (d *decoder) inlineActions(n *yaml.Node, path string, by FaultOrigin) []Fault {
	var out []Fault
	d.list(n, path, "a list of actions", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.fault(item, p, by, true))
	})
	return out
}

// detectorKind sets up the kind-specific part of det and returns the
// fields of its kind, or false for an unknown kind.
func (d *decoder) detectorKind(det *Detector) ([]field, bool) {
	const (
		linkWant   = "the name of a link"
		routeWant  = "the name of a route component"
		targetWant = "the name of a component"
		popWant    = "the name of a population"
	)
	str := func(key, want string, required bool, dst *string) field {
		return field{key: key, required: required, want: want,
			decode: func(n *yaml.Node, p string) { *dst = d.str(n, p, want) }}
	}
	positive := func(key string, required bool, dst *time.Duration) field {
		f := d.durationField(key, true, dst)
		f.required = required
		return f
	}
	switch det.Kind {
	case LinkDownDetector:
		c := &LinkDownCheck{}
		det.LinkDown = c
		return []field{str("link", linkWant, true, &c.Link), d.durationField("delay", false, &c.Delay)}, true
	case BFDDetector:
		c := &BFDCheck{Interval: DefaultBFDInterval, Multiplier: DefaultBFDMultiplier}
		det.BFD = c
		return []field{str("route", routeWant, true, &c.Route), positive("interval", false, &c.Interval),
			d.intField("multiplier", 1, 255, &c.Multiplier)}, true
	case LACPDetector:
		c := &LACPCheck{}
		det.LACP = c
		return []field{str("route", routeWant, true, &c.Route),
			{key: "rate", required: true, want: "fast or slow",
				decode: func(n *yaml.Node, p string) { c.Rate = LACPRate(d.enum(n, p, string(LACPFast), string(LACPSlow))) }}}, true
	case HealthCheckDetector:
		c := DefaultHealthCheck("")
		det.HealthCheck = &c
		return []field{str("target", targetWant, true, &c.Target), positive("interval", false, &c.Interval),
			positive("timeout", false, &c.Timeout), d.intField("unhealthy", 1, MaxCount, &c.Unhealthy),
			d.intField("healthy", 1, MaxCount, &c.Healthy)}, true
	case E2EProbeDetector:
		c := &E2EProbe{Count: 1}
		det.E2EProbe = c
		th := d.intField("threshold", 1, MaxCount, &c.Threshold)
		th.required = true
		return []field{str("target", targetWant, true, &c.Target), positive("interval", true, &c.Interval),
			positive("timeout", true, &c.Timeout), th, d.intField("count", 0, MaxCount, &c.Count)}, true
	case AvailabilityDetector:
		c := &AvailabilityCheck{MinRequests: 1}
		det.Availability = c
		th := d.floatField("threshold", shareWant, isShare, &c.Threshold)
		th.required = true
		return []field{str("population", popWant, true, &c.Population), th, positive("window", true, &c.Window),
			d.intField("min_requests", 1, MaxCount, &c.MinRequests)}, true
	}
	return nil, false
}

// CustomerReports is the NoticeFrom entry for an operator who notices
// through customers' reports rather than a detector.
const CustomerReports = "customer-reports"

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
