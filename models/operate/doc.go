// Package operate holds the people who react to alarms: Operator, a
// human process (notice, diagnose, act; hold a belief, do hand
// work) whose every step takes a time drawn from a distribution, slower
// when the alarm that points at the cause is missing or when unread alarms
// share the operator's attention (Attention); steps run one after another
// or, by naming the step they require, side by side, and a false belief
// (a Believe step) holds what follows it until the operators find out.
// (A tool that acts on an alarm at once is a detector's own Action, see
// detect.Response; nobody is no operator.)
//
// An Operator is a detect.AlarmSink, so detectors raise alarms straight to
// it (through detect.Sinks when several listen). Its actions are
// callbacks into the model (a failover, a detour to other planes, a
// rollback, a hardware replacement, moving traffic): this package only
// decides when they run, runs them, and logs them to the recorder with who
// triggered them (the action's kind, e.g. sim.EventDetour, By the
// operator; notice, diagnosis and work steps are spans, the moment an
// operator is alerted is sim.EventOperator). An action reports
// failure by returning an error, and a plan can go on to its next step
// only when the last action failed (a rollback that did not restore the
// routes, then a detour).
//
// A scenario file's operator is declared here too (OperatorConfig and
// StepConfig, with knob tags; Flood's tags are its own): the builder turns
// one into a Config, drawing its steps' times from the file's
// distributions and running the file's actions.
//
// Randomness comes from the operator's own stream, "operate/<name>".
package operate
