package detect

import "github.com/cascade-sim/cascade/sim"

// Alarm is what a detector raises when it fires, and again (with Clear)
// when its condition ends.
type Alarm struct {
	// At is when the alarm was raised or cleared.
	At sim.Time
	// Source is the name of the detector that raised it.
	Source string
	// Detector is the kind of detector: "link-down", "bfd", "lacp",
	// "health-check", "e2e-probe" or "availability".
	Detector string
	// Clear is true when the condition that raised the alarm has ended.
	Clear bool
	// Detail says what was seen, as written to the event log.
	Detail string
}

// AlarmSink receives alarms: a monitoring system, an operator, an
// automation.
type AlarmSink interface {
	// Raise delivers one alarm (or clear) at a.At, the current time.
	Raise(a Alarm)
}

// Sinks delivers every alarm to each of its sinks, in order: an alarm that
// several operators see.
type Sinks []AlarmSink

// Raise delivers a to every sink in order.
func (s Sinks) Raise(a Alarm) {
	for _, k := range s {
		k.Raise(a)
	}
}
