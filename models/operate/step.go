package operate

import (
	"fmt"

	"github.com/cascade-sim/cascade/sim"
)

// StepKind is what an operator does in a step.
type StepKind uint8

const (
	// Notice is the time to notice an alert and start working on it.
	Notice StepKind = iota
	// Diagnose is the time to find the cause; it is stretched when the
	// alarm from the cause is missing or buried in a flood of alarms.
	Diagnose
	// Act is the time to prepare and carry out an action, which runs at
	// the end of the step.
	Act
	// Believe is a belief the operators hold that keeps the steps after
	// it waiting ("automatic detour has fired on every node"): it ends
	// when its Delay runs out (they find out otherwise, from customer
	// reports, say) or when the step named by EndsWith ends (finding the
	// cause shows them), whichever comes first. Its start and end are
	// logged.
	Believe
	// Work is hand work that takes time and changes nothing by itself
	// (finding which units auto-detoured and writing the detour
	// commands). Its start and end are logged.
	Work
)

// String returns "notice", "diagnose", "act", "believe" or "work".
func (k StepKind) String() string {
	switch k {
	case Notice:
		return "notice"
	case Diagnose:
		return "diagnose"
	case Act:
		return "act"
	case Believe:
		return "believe"
	case Work:
		return "work"
	}
	return fmt.Sprintf("StepKind(%d)", uint8(k))
}

// Condition says when a step of a plan is taken.
type Condition uint8

const (
	// Always takes the step.
	Always Condition = iota
	// IfFailed takes the step only if the last action of the plan failed
	// (the detour after a rollback that did not help). With no action
	// yet, the step is skipped.
	IfFailed
	// IfSucceeded takes the step only if the last action of the plan
	// succeeded.
	IfSucceeded
)

// String returns "always", "if-failed" or "if-succeeded".
func (c Condition) String() string {
	switch c {
	case Always:
		return "always"
	case IfFailed:
		return "if-failed"
	case IfSucceeded:
		return "if-succeeded"
	}
	return fmt.Sprintf("Condition(%d)", uint8(c))
}

// Step is one step of an operator's plan. Steps run one after another;
// each takes a time drawn from Delay, counted from the end of the
// previous step (the first from the alert), or of the step named by
// Requires: two steps that require the same one run side by side (the
// search for the cause and the preparation of a detour).
type Step struct {
	// Name says what the step is, as written to the event log ("manual
	// detour to planes F and G").
	Name string
	// Kind is what the operator does.
	Kind StepKind
	// Delay is the distribution of the step's duration, in seconds.
	Delay sim.Dist
	// Do is an Act step's action, run at the end of the step; it returns
	// an error if the action failed (a rollback to a configuration that
	// also lacks the routes). Notice and Diagnose steps have none.
	Do func(now sim.Time) error
	// ActKind is the kind of event an Act step's action is
	// (sim.EventDetour, sim.EventFailover...); empty means
	// sim.EventAction.
	ActKind sim.EventKind
	// ActSubject is what an Act step's action changes, as the event log
	// names it; empty means the operator.
	ActSubject string
	// FailProbability is the chance, in [0, 1], that an Act step's action
	// fails by itself (a mistake, a command that does not take): Do is
	// then not run. 0 for the others.
	FailProbability float64
	// When says whether the step is taken.
	When Condition
	// Requires is the name of an earlier step that must end before this
	// one starts; "" means the previous step (the alert, for the first).
	// A skipped step counts as ended when it is skipped.
	Requires string
	// EndsWith is, for a Believe step, the name of another step whose end
	// ends the belief (the diagnosis: finding the cause shows the units
	// that did not detour); "" for none. Only Believe steps have one.
	EndsWith string
	// Items, for a Work step, makes the work per item: asked at the
	// step's start how many items there are (the units still to detour),
	// the step takes the sum of that many draws of Delay (none: it ends
	// at once). nil: one draw. Only Work steps have it.
	Items func(now sim.Time) int
}

// check reports what is wrong with step i.
func (s Step) check(i int) error {
	where := fmt.Sprintf("step %d (%q)", i, s.Name)
	switch {
	case s.Name == "":
		return fmt.Errorf("step %d: no name", i)
	case s.Delay == nil:
		return fmt.Errorf("%s: no delay distribution", where)
	case s.Kind > Work:
		return fmt.Errorf("%s: unknown kind %v", where, s.Kind)
	case s.When > IfSucceeded:
		return fmt.Errorf("%s: unknown condition %v", where, s.When)
	case s.Kind == Act && s.Do == nil:
		return fmt.Errorf("%s: an act step needs an action", where)
	case s.Kind != Act && (s.Do != nil || s.FailProbability != 0):
		return fmt.Errorf("%s: only act steps have an action or a failure probability", where)
	case s.Items != nil && s.Kind != Work:
		return fmt.Errorf("%s: only work steps are per item", where)
	case s.EndsWith != "" && s.Kind != Believe:
		return fmt.Errorf("%s: only believe steps end with another step", where)
	case s.EndsWith == s.Name:
		return fmt.Errorf("%s: a belief cannot end with itself", where)
	case !(s.FailProbability >= 0 && s.FailProbability <= 1):
		return fmt.Errorf("%s: failure probability must be in [0, 1], got %v", where, s.FailProbability)
	}
	return nil
}

// StepRecord is what happened in one step of a plan.
type StepRecord struct {
	// Step is the step's name.
	Step string
	// Kind is the step's kind.
	Kind StepKind
	// Start and End are when the step began and ended (equal for a
	// skipped step).
	Start, End sim.Time
	// Factor is the slow-down applied to a diagnosis (1 if none); the
	// time spent on alarms that shared the operator's attention is not
	// in it.
	Factor float64
	// Alarms is, for a diagnosis with Config.Attention, how many alarms
	// it shared the operator's attention with; 0 otherwise.
	Alarms int
	// Items is, for a Work step per item, how many items it had; 0
	// otherwise.
	Items int
	// Skipped is true when the step's condition did not hold.
	Skipped bool
	// Err is why an Act step's action failed; nil if it succeeded.
	Err error
}
