package operate

import (
	"time"

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
	// Attention, if its Triage is set, makes alarms take the operator's
	// attention away from a diagnosis; the zero Attention models none.
	Attention Attention
}

// Operator is a human process started by an alarm (or, with Start, by
// anything else: customer reports, a scheduled check): it runs its plan,
// each step taking a time drawn from the step's distribution and starting
// when the step it requires ends (by default the previous one, so a plan
// is a sequence unless it says otherwise). A Diagnose step is multiplied
// by MissingAlarm if no alarm from the cause had arrived when it started,
// and by the flood factor if an alarm flood had happened by then (both, if
// both); with Attention, it also shares the operator's attention with the
// unread alarms. An Act step runs its action at its end; an action that
// fails is logged as failed, and the next steps with IfFailed are taken. A
// Believe step holds the steps that require it until the belief ends. The
// operator is alerted once: later alarms only count for floods, the cause
// and attention.
//
// Log entries (subject the operator's name unless said): sim.EventOperator
// when alerted ("alerted: alarm from X"), at the start of every step, for
// each alarm read when attention is modelled, and when standing down;
// spans from a step's start to its end for Notice (sim.EventNotice),
// Diagnose (sim.EventDiagnosis), Believe and Work (sim.EventWork) steps;
// at the end of an Act step, an event of the step's ActKind on its
// ActSubject By the operator, "<step>: operator <name> after <previous
// step>", with "; failed: <why>" if it failed.
type Operator struct {
	cfg      Config
	env      *models.Env
	rng      *sim.Rand
	triggers matcher
	cause    matcher

	alarms    []detect.Alarm
	causeSeen bool
	flood     floodWatch
	attn      *attention // nil without Config.Attention

	started   bool
	startedAt sim.Time
	startedBy string
	done      bool
	steps     []*stepState // one per step of the plan
	ended     []bool       // whether each step has ended (or was skipped)
	lastAct   int          // 0 no action yet, 1 succeeded, -1 failed
	records   []StepRecord
	alert     startHandler
}

// stepState is one step of the plan while it runs.
type stepState struct {
	o       *Operator
	index   int
	running bool
	start   sim.Time
	factor  float64   // its slow-down
	why     string    // what slowed it, for the log
	prev    string    // the name of the last step taken before it
	alarms  int       // alarms read while it ran (a diagnosis with attention)
	timer   sim.Timer // its end, when not left to attention
	endedBy string    // for a belief: the step whose end ended it
	items   int       // for a work step per item: how many
}

// Fire ends the step: its time is up.
func (s *stepState) Fire(now sim.Time, _ any) { s.o.finish(now, s.index) }

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
	index := map[string]int{}
	for i, s := range cfg.Plan {
		if err := s.check(i); err != nil {
			return nil, fmt.Errorf("operator %q: %w", cfg.Name, err)
		}
		if _, dup := index[s.Name]; dup {
			return nil, fmt.Errorf("operator %q: step %d: the name %q is taken by an earlier step", cfg.Name, i, s.Name)
		}
		if j, ok := index[s.Requires]; s.Requires != "" && !ok {
			return nil, fmt.Errorf("operator %q: step %d (%q) requires %q, which is not an earlier step", cfg.Name, i, s.Name, s.Requires)
		} else if ok && j >= i {
			return nil, fmt.Errorf("operator %q: step %d (%q) requires a later step", cfg.Name, i, s.Name)
		}
		index[s.Name] = i
	}
	for i, s := range cfg.Plan {
		if _, ok := index[s.EndsWith]; s.EndsWith != "" && !ok {
			return nil, fmt.Errorf("operator %q: step %d (%q) ends with %q, which is not a step of the plan", cfg.Name, i, s.Name, s.EndsWith)
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
		ended:    make([]bool, len(cfg.Plan)),
	}
	for i := range cfg.Plan {
		o.steps = append(o.steps, &stepState{o: o, index: i})
	}
	if cfg.Attention.Triage != nil {
		o.attn = &attention{o: o, rng: env.Streams.Stream("operate/" + cfg.Name + "/attention")}
		o.attn.handle.a = o.attn
	}
	o.alert.o = o
	return o, nil
}

// Name returns the operator's name.
func (o *Operator) Name() string { return o.cfg.Name }

// Raise receives an alarm: it counts for floods and the cause, and a
// trigger's alarm alerts the operator if nothing has yet; with Attention,
// any other alarm waits to be read. Clears are kept but count for nothing.
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
		return
	}
	if o.attn != nil && !o.done {
		o.attn.alarm(a.At, a.Source)
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
	o.env.Recorder.Log(now, o.cfg.Name, sim.EventOperator, "alerted: "+reason)
	o.release(now, -1, "alert")
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

// AlarmsRead returns how many alarms the operator has read so far (0
// without Attention).
func (o *Operator) AlarmsRead() int {
	if o.attn == nil {
		return 0
	}
	return o.attn.read
}

// Records returns what happened in each step so far, in order. The slice
// must not be modified.
func (o *Operator) Records() []StepRecord { return o.records }

// requires returns the index of the step that step i waits for; -1 is the
// alert.
func (o *Operator) requires(i int) int {
	r := o.cfg.Plan[i].Requires
	if r == "" {
		return i - 1
	}
	for j := range i {
		if o.cfg.Plan[j].Name == r {
			return j
		}
	}
	return i - 1 // New checked that it is an earlier step
}

// release starts, at now, the steps waiting for step i (-1: the alert),
// in plan order, prev being the last step taken before them; a step
// whose condition does not hold is recorded as skipped and releases its
// own. With nothing running and nothing left, the plan is over.
func (o *Operator) release(now sim.Time, i int, prev string) {
	for j := range o.cfg.Plan {
		if o.requires(j) != i || o.done {
			continue
		}
		s := o.cfg.Plan[j]
		if !o.holds(s.When) {
			o.ended[j] = true
			o.records = append(o.records, StepRecord{Step: s.Name, Kind: s.Kind, Start: now, End: now, Factor: 1, Skipped: true})
			o.release(now, j, prev)
			continue
		}
		o.begin(now, j, prev)
	}
	o.checkDone()
}

// checkDone ends the plan when no step runs and every step has ended.
func (o *Operator) checkDone() {
	if o.done {
		return
	}
	for j, s := range o.steps {
		if s.running || !o.ended[j] {
			if s.running {
				return
			}
			// A step not started is still to come only if what it
			// waits for has not ended.
			if r := o.requires(j); r < 0 || !o.ended[r] {
				return
			}
		}
	}
	o.done = true
}

// begin starts step i at now.
func (o *Operator) begin(now sim.Time, i int, prev string) {
	s := o.cfg.Plan[i]
	st := o.steps[i]
	d := sim.SampleTime(s.Delay, o.rng)
	st.factor, st.why, st.prev, st.alarms, st.endedBy, st.items = 1, "", prev, 0, "", 0
	if s.Kind == Diagnose {
		var why []string
		if !o.causeSeen && o.cfg.MissingAlarm != 1 {
			st.factor *= o.cfg.MissingAlarm
			why = append(why, "x"+num(o.cfg.MissingAlarm)+" without an alarm from the cause")
		}
		if o.flood.seen {
			st.factor *= o.cfg.Flood.Factor
			why = append(why, "x"+num(o.cfg.Flood.Factor)+" after an alarm flood")
		}
		if st.factor != 1 {
			d = sim.Seconds(d.Seconds() * st.factor)
			st.why = strings.Join(why, ", ")
		}
	}
	st.running, st.start = true, now
	switch s.Kind {
	case Believe:
		o.env.Recorder.Log(now, o.cfg.Name, sim.EventOperator, fmt.Sprintf("%s: belief starts", s.Name))
		if k := o.index(s.EndsWith); k >= 0 && o.ended[k] {
			st.endedBy = s.EndsWith
			d = 0
		}
	case Work:
		if s.Items == nil {
			o.env.Recorder.Log(now, o.cfg.Name, sim.EventOperator, fmt.Sprintf("%s: starts", s.Name))
			break
		}
		st.items = s.Items(now)
		d = 0
		for range st.items {
			d += sim.SampleTime(s.Delay, o.rng)
		}
		o.env.Recorder.Log(now, o.cfg.Name, sim.EventOperator, fmt.Sprintf("%s: starts (%d items)", s.Name, st.items))
	}
	if s.Kind == Diagnose && o.attn != nil {
		o.attn.diagnose(now, i, d)
		return
	}
	st.timer = o.env.Engine.At(sim.Later(now, d), st, nil)
}

// index returns the index of the step named name, or -1.
func (o *Operator) index(name string) int {
	for j, s := range o.cfg.Plan {
		if name != "" && s.Name == name {
			return j
		}
	}
	return -1
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

// finish ends step i at now: the operator stands down if the problem is
// resolved, otherwise the step is logged (and its action run), the
// beliefs that end with it end, and the steps waiting for it begin.
func (o *Operator) finish(now sim.Time, i int) {
	if o.done {
		return
	}
	s, st := o.cfg.Plan[i], o.steps[i]
	st.running = false
	o.ended[i] = true
	rec := StepRecord{Step: s.Name, Kind: s.Kind, Start: st.start, End: now, Factor: st.factor, Alarms: st.alarms, Items: st.items}
	took := roundForPeople(now - st.start)
	if o.cfg.Resolved != nil && o.cfg.Resolved(now) {
		o.records = append(o.records, rec)
		o.env.Recorder.Log(now, o.cfg.Name, sim.EventOperator, fmt.Sprintf("stands down: resolved by the end of %s", s.Name))
		o.standDown()
		return
	}
	switch s.Kind {
	case Notice:
		o.span(now, st.start, sim.EventNotice, fmt.Sprintf("%s: noticed after %v", s.Name, took))
	case Diagnose:
		why := st.why
		if o.attn != nil {
			why = strings.TrimPrefix(why+fmt.Sprintf("; attention shared with %d alarms", st.alarms), "; ")
		}
		if why != "" {
			why = " (" + why + ")"
		}
		o.span(now, st.start, sim.EventDiagnosis, fmt.Sprintf("%s: diagnosed after %v%s", s.Name, took, why))
	case Act:
		rec.Err = o.act(now, s)
		detail := fmt.Sprintf("%s: operator %s after %s, %v", s.Name, o.cfg.Name, st.prev, took)
		if rec.Err != nil {
			o.lastAct = -1
			detail += "; failed: " + rec.Err.Error()
		} else {
			o.lastAct = 1
		}
		kind, subject := s.ActKind, s.ActSubject
		if kind == "" {
			kind = sim.EventAction
		}
		if subject == "" {
			subject = o.cfg.Name
		}
		o.env.Recorder.Event(sim.LogEntry{At: now, Kind: kind, Subject: subject, By: o.cfg.Name, Message: detail})
	case Believe:
		how := "found out otherwise"
		if st.endedBy != "" {
			how = "ended with " + st.endedBy
		}
		o.span(now, st.start, sim.EventWork, fmt.Sprintf("%s: belief ends after %v (%s)", s.Name, took, how))
	case Work:
		o.span(now, st.start, sim.EventWork, fmt.Sprintf("%s: done after %v", s.Name, took))
	}
	o.records = append(o.records, rec)
	if s.Kind == Act && o.done {
		return // the action's consequences stood the operator down
	}
	// Beliefs that end with this step end now.
	for j, b := range o.cfg.Plan {
		if bs := o.steps[j]; b.Kind == Believe && b.EndsWith == s.Name && bs.running && o.env.Engine.Cancel(bs.timer) {
			bs.endedBy = s.Name
			bs.timer = o.env.Engine.At(now, bs, nil)
		}
	}
	o.release(now, i, s.Name)
}

// standDown drops every step in progress.
func (o *Operator) standDown() {
	for _, s := range o.steps {
		if s.running {
			o.env.Engine.Cancel(s.timer)
			s.running = false
		}
	}
	if o.attn != nil {
		o.attn.stop()
	}
	o.done = true
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

// span logs one of the operator's steps, from since to now, as an event
// of kind (a notice, a diagnosis, a work step or belief).
func (o *Operator) span(now, since sim.Time, kind sim.EventKind, message string) {
	o.env.Recorder.Event(sim.LogEntry{At: now, Since: since, Kind: kind, Subject: o.cfg.Name, Message: message})
}

// roundForPeople rounds a span for a message: to the second from a
// second, to the millisecond below. The event's exact times are its At
// and Since.
func roundForPeople(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}
