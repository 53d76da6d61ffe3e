package detect

import (
	"github.com/cascade-sim/cascade/models/knob"
)

// Kind is a detector's kind as a scenario file names it: which mechanism
// it models, and which of Detector's kind configs is set.
type Kind string

// The kinds of detector.
const (
	// LinkDownKind reacts to a link's physical state only (LinkDown).
	LinkDownKind Kind = "link-down"
	// BFDKind sends keepalives along a route and fires after Multiplier
	// missed intervals (BFD).
	BFDKind Kind = "bfd"
	// LACPKind exchanges LACPDUs along a route at a fast or slow rate
	// (LACP).
	LACPKind Kind = "lacp"
	// HealthCheckKind polls a component (HealthCheck).
	HealthCheckKind Kind = "health-check"
	// E2EProbeKind probes a component from the user side (E2EProbe).
	E2EProbeKind Kind = "e2e-probe"
	// AvailabilityKind alerts on a population's availability over a
	// window (AvailabilityAlert).
	AvailabilityKind Kind = "availability"
)

// Choices lists the kinds, in the order messages show them.
func (Kind) Choices() []string {
	return []string{string(LinkDownKind), string(BFDKind), string(LACPKind),
		string(HealthCheckKind), string(E2EProbeKind), string(AvailabilityKind)}
}

// UnmarshalText parses a kind's name.
func (k *Kind) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(k.Choices(), string(text))
	if err != nil {
		return err
	}
	*k = Kind(k.Choices()[i])
	return nil
}

// NamesCause reports whether a detector of kind k watches an element
// itself (a link, a route, a component), so that its alarm points at the
// cause of a failure rather than at its symptoms.
func (k Kind) NamesCause() bool {
	switch k {
	case LinkDownKind, BFDKind, LACPKind, HealthCheckKind:
		return true
	}
	return false
}

// CustomerReports is the name of the alarm source that stands for
// customers' reports: an operator notices from it, and no detector may
// take its name.
const CustomerReports = "customer-reports"

// Detector is a detector as a scenario declares it: what every kind
// shares, and the config of its kind, of which exactly the one matching
// Kind is non-nil. The configs name what they watch (LinkDownConfig.LinkName,
// BFDConfig.Route...); whoever builds the detector resolves the names into
// the runtime fields. A is the type of the actions the detector runs when
// it fires, which the scenario layer defines.
type Detector[A any] struct {
	// Name identifies the detector.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the detector: its alarms and actions name it, and operators' notice_from lists it; not customer-reports"`
	// Kind is the detector's kind.
	Kind Kind `knob:"kind" required:"true" doc:"the mechanism: link-down watches a link's carrier; bfd and lacp send keepalives along a route; health-check polls a component; e2e-probe probes a component from the user side; availability watches a population's availability over a window"`
	// OnFire are the actions run when the detector fires, in order.
	OnFire []A `knob:"on_fire" exclude:"name,at" want:"a list of actions, like [{component: sw-e/l2, action: repair}]" doc:"the actions run when the detector fires, in order: the syntax of actions, without name and at"`
	// Alarm, if true, raises an alarm when the detector fires.
	Alarm bool `knob:"alarm" default:"true" doc:"if true, the detector raises an alarm when it fires, which operators may notice"`
	// Enabled, if false, leaves the detector out of the run.
	Enabled bool `knob:"enabled" default:"true" doc:"if false, the detector is left out of the run, so that a param can choose among detectors, like enabled: ${detection == 'bfd'}"`
	// LinkDown is the config of a link-down detector; nil otherwise.
	LinkDown *LinkDownConfig `knob:",inline" kinds:"link-down"`
	// BFD is the config of a bfd detector; nil otherwise.
	BFD *BFDConfig `knob:",inline" kinds:"bfd"`
	// LACP is the config of a lacp detector; nil otherwise.
	LACP *LACPConfig `knob:",inline" kinds:"lacp"`
	// HealthCheck is the config of a health-check detector; nil
	// otherwise.
	HealthCheck *HealthCheckConfig `knob:",inline" kinds:"health-check"`
	// E2EProbe is the config of an e2e-probe detector; nil otherwise.
	E2EProbe *E2EProbeConfig `knob:",inline" kinds:"e2e-probe"`
	// Availability is the config of an availability detector; nil
	// otherwise.
	Availability *AvailabilityConfig `knob:",inline" kinds:"availability"`
}

// Describe names a detector in messages.
func (Detector[A]) Describe() (noun, example string) { return "a detector", "" }

// KindNoun names a detector of one kind: "a bfd detector".
func (Detector[A]) KindNoun(kind string) string { return "a " + kind + " detector" }

// Check refuses the name reserved for customers' reports.
func (d Detector[A]) Check(knob.Written) error {
	if d.Name == CustomerReports {
		return knob.Errorf("name", "the detector name %q is reserved for operators' notice_from; expected another name", CustomerReports)
	}
	return nil
}
