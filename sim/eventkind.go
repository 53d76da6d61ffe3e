package sim

import "fmt"

// EventKind says what kind of thing an event of the log is. Plots,
// summaries, timelines and reports select events by kind, never by
// searching their messages.
type EventKind string

// The kinds of event. Who acted (an operator, a detector, an automation)
// is the entry's By, not its kind: an operator's detour and a detector's
// automatic one are both EventDetour.
const (
	// EventFault is something breaking: a scripted fault, a fire.
	EventFault EventKind = "fault"
	// EventAction is a change made on purpose that is not a failover, a
	// detour or a recovery: a configuration change, a rollback, a restart.
	EventAction EventKind = "action"
	// EventFailover is work moving to a standby: a node's failover, a
	// site's switch-over to the other data centre.
	EventFailover EventKind = "failover"
	// EventDetour is traffic sent another way: a reroute, a detour of
	// planes.
	EventDetour EventKind = "detour"
	// EventRecovery is something broken coming back: a repair, a link
	// up, shares restored, a service running again.
	EventRecovery EventKind = "recovery"
	// EventAlarm is a detector raising an alarm.
	EventAlarm EventKind = "alarm"
	// EventClear is a detector clearing its alarm.
	EventClear EventKind = "clear"
	// EventDetect is a detector's verdict that raises no alarm and runs
	// no action (nobody listens).
	EventDetect EventKind = "detect"
	// EventMissingAlarm is an alarm that never came: a detector guarding
	// a route that lost every request stayed silent, switched off or blind
	// to the fault. Its time is when a detector that could see the fault
	// would have fired.
	EventMissingAlarm EventKind = "missing-alarm"
	// EventOperator is an operator's step starting or another note of
	// their work (alerted, an alarm read, standing down).
	EventOperator EventKind = "operator"
	// EventNotice is a span: from an operator's alert to their noticing
	// the problem.
	EventNotice EventKind = "notice"
	// EventDiagnosis is a span: an operator's diagnosis step.
	EventDiagnosis EventKind = "diagnosis"
	// EventWork is a span: an operator's belief or work step.
	EventWork EventKind = "work"
	// EventWait is a span: from the first fault to an operator's noticing
	// it.
	EventWait EventKind = "wait"
	// EventPower is a site's power changing: on battery, generator, cut.
	EventPower EventKind = "power"
	// EventRestoration is power coming back: restoration starting, a
	// room energised, servers restarting.
	EventRestoration EventKind = "restoration"
	// EventState is any other change of state: a network element's, a
	// planes component's shares, a hosted service's servers.
	EventState EventKind = "state"
	// EventRoute is a route starting or stopping to lose every request.
	EventRoute EventKind = "route"
	// EventPopulationDown is a population's availability falling below
	// the threshold, at its first failed request.
	EventPopulationDown EventKind = "population-down"
	// EventPopulationBack is a population's availability back at or above
	// the threshold, at the first good request after the last failed one.
	EventPopulationBack EventKind = "population-back"
	// EventCheck is a documented-versus-simulated check's verdict, at the
	// end of the run.
	EventCheck EventKind = "check"
)

// EventKinds lists every kind, in the order above.
var EventKinds = []EventKind{
	EventFault, EventAction, EventFailover, EventDetour, EventRecovery,
	EventAlarm, EventClear, EventDetect, EventMissingAlarm,
	EventOperator, EventNotice, EventDiagnosis, EventWork, EventWait,
	EventPower, EventRestoration, EventState, EventRoute,
	EventPopulationDown, EventPopulationBack, EventCheck,
}

// Known reports whether k is one of EventKinds.
func (k EventKind) Known() bool {
	for _, e := range EventKinds {
		if e == k {
			return true
		}
	}
	return false
}

// IsSpan reports whether events of kind k are spans (they have a start,
// Since, and end at At).
func (k EventKind) IsSpan() bool {
	switch k {
	case EventNotice, EventDiagnosis, EventWork, EventWait:
		return true
	}
	return false
}

// Choices lists the kinds as files and logs write them, for a scenario's
// documented moments.
func (EventKind) Choices() []string {
	out := make([]string, len(EventKinds))
	for i, k := range EventKinds {
		out[i] = string(k)
	}
	return out
}

// UnmarshalText parses one of EventKinds.
func (k *EventKind) UnmarshalText(text []byte) error {
	if v := EventKind(text); v.Known() {
		*k = v
		return nil
	}
	return fmt.Errorf("unknown event kind %q", text)
}
