package spec

import (
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/models/operate"
)

// Detector notices a change and fires: it runs its OnFire actions and,
// if Alarm, raises an alarm that operators may notice. The model declares
// it (detect.Detector's knob tags, and those of each kind's config); its
// actions are a scenario's.
type Detector = detect.Detector[Fault]

// DetectorKind says what a detector watches and which of Detector's
// kind-specific configs is set.
type DetectorKind = detect.Kind

// init lets the generic decoder read what no model declares: a
// detector's on_fire, and a step's action and actions (by an operator).
func init() {
	handDecoded[reflect.TypeFor[[]Fault]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, f *knob.Field) {
		switch path { // the scenario's own lists
		case "faults":
			fv.Set(reflect.ValueOf(d.faults(n, path, ByFault)))
			return
		case "actions":
			fv.Set(reflect.ValueOf(d.faults(n, path, ByOperator)))
			return
		}
		by := ByOperator
		if f.Key == "on_fire" {
			by = ByDetector
		}
		fv.Set(reflect.ValueOf(d.inlineActions(n, path, by)))
	}
	handDecoded[reflect.TypeFor[*Fault]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, _ *knob.Field) {
		a := d.fault(n, path, ByOperator, true)
		fv.Set(reflect.ValueOf(&a))
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
// Steps, each taking a time drawn from its distribution. The model
// declares it (operate.OperatorConfig's knob tags).
type Operator = operate.OperatorConfig[Dist, Fault]

// OperatorStep is one step of an operator's process.
type OperatorStep = operate.StepConfig[Dist, Fault]

// Attention is how alarms take an operator's attention.
type Attention = operate.AttentionConfig[Dist]

// Flood is how a flood of alarms slows operators down.
type Flood = operate.Flood

// PerUnit says which units a work step counts.
type PerUnit = operate.PerUnitConfig

// StepKind is what an operator does in a step, as the file writes it; ""
// when it leaves it out.
type StepKind = operate.PlanKind
