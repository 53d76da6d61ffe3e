package operate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
)

// Config configures an operator.
type Config struct {
	// Name identifies the operator (a team, a NOC) in the event log.
	Name string
	// Triggers are the sources (detector names) whose alarms alert the
	// operator; empty means any alarm. Other alarms are still seen: they
	// count for floods and for the cause.
	Triggers []string
	// Cause are the sources whose alarms point at the real cause (the
	// faulty part's own alarm, a BFD session on the broken path). A
	// diagnosis that starts before any of them has alarmed is slowed by
	// MissingAlarm.
	Cause []string
	// MissingAlarm multiplies the duration of a diagnosis that starts
	// while no Cause source has alarmed: only symptoms are known
	// (availability alerts, customer reports). 0 or 1: no slow-down;
	// otherwise > 0, and Cause must not be empty.
	MissingAlarm float64
	// Flood says what an alarm flood is and how much it slows a diagnosis
	// that starts after one; the zero Flood models none.
	Flood Flood
	// Plan is the list of steps, run in order once the operator is
	// alerted.
	Plan []Step
	// Resolved, if not nil, is asked at the end of every step: if the
	// problem is gone (an automatic failover fixed it), the operator
	// stands down and the rest of the plan is dropped.
	Resolved func(now sim.Time) bool
}

// Operator is a human process started by an alarm (or, with Start, by
// anything else: customer reports, a scheduled check): it runs its plan,
// one step after another, each taking a time drawn from the step's
// distribution. A Diagnose step is multiplied by MissingAlarm if no alarm
// from the cause had arrived when it started, and by the flood factor if
// an alarm flood had happened by then (both, if both). An Act step runs
// its action at its end; an action that fails is logged as failed, and the
// next steps with IfFailed are taken. The operator is alerted once: later
// alarms only count for floods and the cause.
//
// Log entries (component = the operator's name): kind "operator" when
// alerted ("alerted: alarm from X") and at the end of Notice and Diagnose
// steps; kind "action" at the end of Act steps, "<step>: operator <name>
// after <previous step>", with "; failed: <why>" if it failed; kind
// "operator" when standing down.
type Operator struct {
	cfg      Config
	env      *models.Env
	rng      *sim.Rand
	triggers matcher
	cause    matcher

	alarms    []detect.Alarm
	causeSeen bool
	flood     floodWatch

	started   bool
	startedAt sim.Time
	startedBy string
	done      bool
	next      int      // index of the step in progress
	stepStart sim.Time // when it began
	factor    float64  // its slow-down
	why       string   // what slowed it, for the log
	prev      string   // the name of the last step taken
	lastAct   int      // 0 no action yet, 1 succeeded, -1 failed
	records   []StepRecord
	end       stepEnd
	alert     startHandler
}

// New creates an operator.
func New(env *models.Env, cfg Config) (*Operator, error) {
	switch {
	case cfg.Name == "":
		return nil, fmt.Errorf("operator: no name")
	case env == nil || env.Engine == nil || env.Recorder == nil || env.Streams == nil:
		return nil, fmt.Errorf("operator %q: incomplete environment (engine, streams and recorder are needed)", cfg.Name)
	case cfg.MissingAlarm < 0 || cfg.MissingAlarm > 1e6:
		return nil, fmt.Errorf("operator %q: missing-alarm factor must be in [0, 1e6], got %v", cfg.Name, cfg.MissingAlarm)
	case cfg.MissingAlarm != 0 && cfg.MissingAlarm != 1 && len(cfg.Cause) == 0:
		return nil, fmt.Errorf("operator %q: a missing-alarm factor needs the cause's alarm sources", cfg.Name)
	case len(cfg.Plan) == 0:
		return nil, fmt.Errorf("operator %q: empty plan", cfg.Name)
	}
	if err := cfg.Flood.check(); err != nil {
		return nil, fmt.Errorf("operator %q: %w", cfg.Name, err)
	}
	for i, s := range cfg.Plan {
		if err := s.check(i); err != nil {
			return nil, fmt.Errorf("operator %q: %w", cfg.Name, err)
		}
	}
	if cfg.MissingAlarm == 0 {
		cfg.MissingAlarm = 1
	}
	cfg.Plan = append([]Step(nil), cfg.Plan...)
	o := &Operator{
		cfg:      cfg,
		env:      env,
		rng:      env.Streams.Stream("operate/" + cfg.Name),
		triggers: newMatcher(cfg.Triggers, true),
		cause:    newMatcher(cfg.Cause, false),
		flood:    floodWatch{cfg: cfg.Flood},
	}
	o.end.o = o
	o.alert.o = o
	return o, nil
}

// Name returns the operator's name.
func (o *Operator) Name() string { return o.cfg.Name }

// Raise receives an alarm: it counts for floods and the cause, and a
// trigger's alarm alerts the operator if nothing has yet. Clears are kept
// but count for nothing.
func (o *Operator) Raise(a detect.Alarm) {
	o.alarms = append(o.alarms, a)
	if a.Clear {
		return
	}
	o.flood.add(a.At)
	if o.cause.match(a.Source) {
		o.causeSeen = true
	}
	if o.triggers.match(a.Source) {
		o.Start(a.At, "alarm from "+a.Source)
	}
}

// Start alerts the operator at now, the current time, for reason (what
// alerted them: "customer reports") and starts the plan. It reports false
// if the operator was already alerted.
func (o *Operator) Start(now sim.Time, reason string) bool {
	if o.started {
		return false
	}
	o.started, o.startedAt, o.startedBy = true, now, reason
	o.prev = "alert"
	o.env.Recorder.Log(now, o.cfg.Name, "operator", "alerted: "+reason)
	o.begin(now)
	return true
}

// StartAt alerts the operator at time t (not before now) for reason,
// unless an alarm alerts them first: customer reports at a documented
// time, say.
func (o *Operator) StartAt(t sim.Time, reason string) {
	o.env.Engine.At(t, &o.alert, reason)
}

type startHandler struct{ o *Operator }

// Fire alerts the operator for the reason given to StartAt.
func (h *startHandler) Fire(now sim.Time, data any) { h.o.Start(now, data.(string)) }

// Started returns when the operator was alerted and by what, and whether
// they have been.
func (o *Operator) Started() (at sim.Time, reason string, ok bool) {
	return o.startedAt, o.startedBy, o.started
}

// Done reports whether the plan is over (every step taken or skipped, or
// the operator stood down).
func (o *Operator) Done() bool { return o.done }

// Alarms returns every alarm and clear received, in order. The slice must
// not be modified.
func (o *Operator) Alarms() []detect.Alarm { return o.alarms }

// Flooded reports whether an alarm flood has happened so far.
func (o *Operator) Flooded() bool { return o.flood.seen }

// CauseAlarmed reports whether a Cause source has alarmed so far.
func (o *Operator) CauseAlarmed() bool { return o.causeSeen }

// Records returns what happened in each step so far, in order. The slice
// must not be modified.
func (o *Operator) Records() []StepRecord { return o.records }

// begin starts the next step whose condition holds at now, recording the
// skipped ones; with none left, the plan is over.
func (o *Operator) begin(now sim.Time) {
	for ; o.next < len(o.cfg.Plan); o.next++ {
		s := o.cfg.Plan[o.next]
		if o.holds(s.When) {
			break
		}
		o.records = append(o.records, StepRecord{Step: s.Name, Kind: s.Kind, Start: now, End: now, Factor: 1, Skipped: true})
	}
	if o.next == len(o.cfg.Plan) {
		o.done = true
		return
	}
	s := o.cfg.Plan[o.next]
	d := sim.SampleTime(s.Delay, o.rng)
	o.factor, o.why = 1, ""
	if s.Kind == Diagnose {
		var why []string
		if !o.causeSeen && o.cfg.MissingAlarm != 1 {
			o.factor *= o.cfg.MissingAlarm
			why = append(why, "x"+num(o.cfg.MissingAlarm)+" without an alarm from the cause")
		}
		if o.flood.seen {
			o.factor *= o.cfg.Flood.Factor
			why = append(why, "x"+num(o.cfg.Flood.Factor)+" after an alarm flood")
		}
		if o.factor != 1 {
			d = sim.Seconds(d.Seconds() * o.factor)
			o.why = " (" + strings.Join(why, ", ") + ")"
		}
	}
	o.stepStart = now
	end := sim.Later(now, d)
	if end < now { // overflow: saturate at the end of time
		end = sim.Time(1<<63 - 1)
	}
	o.env.Engine.At(end, &o.end, nil)
}

// holds reports whether a step with condition c is taken now.
func (o *Operator) holds(c Condition) bool {
	switch c {
	case IfFailed:
		return o.lastAct < 0
	case IfSucceeded:
		return o.lastAct > 0
	}
	return true
}

type stepEnd struct{ o *Operator }

// Fire ends the step in progress: the operator stands down if the problem
// is resolved, otherwise the step is logged (and its action run) and the
// next one begins.
func (h *stepEnd) Fire(now sim.Time, _ any) {
	o := h.o
	s := o.cfg.Plan[o.next]
	rec := StepRecord{Step: s.Name, Kind: s.Kind, Start: o.stepStart, End: now, Factor: o.factor}
	took := now - o.stepStart
	if o.cfg.Resolved != nil && o.cfg.Resolved(now) {
		o.records = append(o.records, rec)
		o.env.Recorder.Log(now, o.cfg.Name, "operator", fmt.Sprintf("stands down: resolved by the end of %s", s.Name))
		o.done = true
		return
	}
	switch s.Kind {
	case Notice:
		o.env.Recorder.Log(now, o.cfg.Name, "operator", fmt.Sprintf("%s: noticed after %v", s.Name, took))
	case Diagnose:
		o.env.Recorder.Log(now, o.cfg.Name, "operator", fmt.Sprintf("%s: diagnosed after %v%s", s.Name, took, o.why))
	case Act:
		rec.Err = o.act(now, s)
		detail := fmt.Sprintf("%s: operator %s after %s, %v", s.Name, o.cfg.Name, o.prev, took)
		if rec.Err != nil {
			o.lastAct = -1
			detail += "; failed: " + rec.Err.Error()
		} else {
			o.lastAct = 1
		}
		o.env.Recorder.Log(now, o.cfg.Name, "action", detail)
	}
	o.records = append(o.records, rec)
	o.prev = s.Name
	o.next++
	o.begin(now)
}

// act carries out an Act step's action: it may fail by chance, or report
// failure itself.
func (o *Operator) act(now sim.Time, s Step) error {
	if s.FailProbability > 0 && o.rng.Float64() < s.FailProbability {
		return errors.New("the action did not take (failure probability " + num(s.FailProbability) + ")")
	}
	return s.Do(now)
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
