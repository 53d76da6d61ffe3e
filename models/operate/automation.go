package operate

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
)

// AutomationConfig configures an automation.
type AutomationConfig struct {
	// Name identifies the automation (the tool) in the event log.
	Name string
	// Triggers are the sources (detector names) whose alarms set it off;
	// empty means any alarm.
	Triggers []string
	// Delay is the fixed time from the alarm to the action, >= 0.
	Delay sim.Time
	// Action says what the automation does, as written to the log
	// ("detour to planes F and G").
	Action string
	// Do carries the action out; it returns an error if it failed.
	Do func(now sim.Time) error
	// Kind is the kind of event the action is (sim.EventDetour...);
	// empty means sim.EventAction.
	Kind sim.EventKind
	// Subject is what the action changes, as the event log names it;
	// empty means the automation.
	Subject string
}

// Automation acts a fixed Delay after the first alarm from one of its
// triggers, once: the tool that finds the units that did not detour and
// detours them, say. It logs the action (of its Kind, on its Subject, By
// its name) as "<action>: automation <name>, <delay> after alarm from
// <source>", with "; failed: <why>" if Do failed.
type Automation struct {
	cfg      AutomationConfig
	env      *models.Env
	triggers matcher
	alarms   []detect.Alarm
	fired    bool
	actedAt  sim.Time
	err      error
	acted    bool
	act      actHandler
}

// NewAutomation creates an automation.
func NewAutomation(env *models.Env, cfg AutomationConfig) (*Automation, error) {
	switch {
	case cfg.Name == "":
		return nil, fmt.Errorf("automation: no name")
	case env == nil || env.Engine == nil || env.Recorder == nil:
		return nil, fmt.Errorf("automation %q: incomplete environment (engine and recorder are needed)", cfg.Name)
	case cfg.Delay < 0:
		return nil, fmt.Errorf("automation %q: delay must not be negative, got %v", cfg.Name, cfg.Delay)
	case cfg.Do == nil || cfg.Action == "":
		return nil, fmt.Errorf("automation %q: needs an action and its name", cfg.Name)
	}
	a := &Automation{cfg: cfg, env: env, triggers: newMatcher(cfg.Triggers, true)}
	a.act.a = a
	return a, nil
}

// Name returns the automation's name.
func (a *Automation) Name() string { return a.cfg.Name }

// Raise receives an alarm; the first from a trigger schedules the action.
func (a *Automation) Raise(al detect.Alarm) {
	a.alarms = append(a.alarms, al)
	if al.Clear || a.fired || !a.triggers.match(al.Source) {
		return
	}
	a.fired = true
	a.env.Engine.At(al.At+a.cfg.Delay, &a.act, al.Source)
}

// Acted returns when the action ran, whether it has, and the error it
// returned.
func (a *Automation) Acted() (at sim.Time, ok bool, err error) { return a.actedAt, a.acted, a.err }

// Alarms returns every alarm and clear received, in order. The slice must
// not be modified.
func (a *Automation) Alarms() []detect.Alarm { return a.alarms }

type actHandler struct{ a *Automation }

// Fire runs the action and logs it.
func (h *actHandler) Fire(now sim.Time, data any) {
	a := h.a
	a.acted, a.actedAt = true, now
	a.err = a.cfg.Do(now)
	detail := fmt.Sprintf("%s: automation %s, %v after alarm from %s", a.cfg.Action, a.cfg.Name, a.cfg.Delay, data.(string))
	if a.err != nil {
		detail += "; failed: " + a.err.Error()
	}
	kind, subject := a.cfg.Kind, a.cfg.Subject
	if kind == "" {
		kind = sim.EventAction
	}
	if subject == "" {
		subject = a.cfg.Name
	}
	a.env.Recorder.Event(sim.LogEntry{At: now, Kind: kind, Subject: subject, By: a.cfg.Name, Message: detail})
}
