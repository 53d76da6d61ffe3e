package detect

import "github.com/cascade-sim/cascade/sim"

// Action is an automatic reaction: a failover, a detour, taking a member
// out of a bundle. The zero Action does nothing.
type Action struct {
	// Name says what the action does, as written to the event log
	// ("failover to standby").
	Name string
	// Kind is the kind of event the action is (sim.EventFailover,
	// sim.EventDetour...); empty means sim.EventAction.
	Kind sim.EventKind
	// Subject is what the action changes, as the event log names it;
	// empty means the detector's target.
	Subject string
	// Do performs it at now; nil does nothing.
	Do func(now sim.Time)
}

// Response is what a detector does when it fires and when it recovers.
// The zero Response only logs the detection (kind "detect").
type Response struct {
	// Alarms receives an Alarm when the detector fires and a clear when
	// it recovers; nil raises none.
	Alarms AlarmSink
	// Action runs when the detector fires.
	Action Action
	// Recover runs when the condition has ended (fail back).
	Recover Action
}
