// Package detect holds cascade's detectors, each with the timing of the
// mechanism it models: link-down on the physical state of a port, BFD and
// LACP keepalives (interval x multiplier), load-balancer health checks,
// end-to-end probes from the user side, and availability alerts over a
// window of a population's outcomes.
//
// A detector watches something through a small interface, so that any
// model can be watched:
//
//   - LinkDown reads a PhysicalLink (and subscribes to a PhysicalNotifier
//     if the link is one, or polls);
//   - BFD and LACP send control packets through a Prober (PathProber
//     adapts a Path that says what happens to one packet, TargetProber a
//     models.Target);
//   - HealthCheck and E2EProbe send models.Requests with a deadline to a
//     models.Target;
//   - AvailabilityAlert reads an OutcomeCounter (a population's totals,
//     see PopulationOutcomes).
//
// When its condition starts to hold a detector fires: it raises an Alarm
// to its AlarmSink and runs its automatic Action (failover, detour), as
// its Response says; when the condition ends it clears the alarm and runs
// the Recover action. Every firing is logged to the recorder (kind "alarm"
// for an alarm, "action" for an automatic action, "detect" for a detector
// with neither; "clear" when it recovers), with the detector named, and
// kept as a Detection with its detection time.
//
// A scenario file's detector is declared here too: Detector holds what
// every kind shares and the config of its kind, whose knob tags (package
// knob) give the file's keys, defaults and limits; a config names what it
// watches (a link, a route, a component, a population), and the scenario
// builder resolves the name into the runtime field beside it.
//
// Nothing here reads the wall clock or keeps global state; randomness (a
// link's carrier delay, BFD jitter) comes from the detector's own named
// stream, "detect/<kind>/<name>".
package detect
