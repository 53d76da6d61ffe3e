package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Detection is one change of a detector's verdict: a failure declared, or
// a recovery.
type Detection struct {
	// At is when the detector declared it.
	At sim.Time
	// Since is the earliest evidence the detector had of the change: the
	// last control packet received (BFD, LACP), the sending of the first
	// failed probe of the run that tripped it (health checks, end-to-end
	// probes), when it first saw the physical change (link-down), or the
	// first evaluation that found availability low.
	Since sim.Time
	// Down is true for a failure declared, false for a recovery.
	Down bool
}

// Latency returns the detection time, At - Since.
func (d Detection) Latency() sim.Time { return d.At - d.Since }

// core is what every detector shares: its name and kind, its verdict, its
// response, and the log and record of its detections.
type core struct {
	name, kind string
	env        *models.Env
	resp       Response
	down       bool
	detections []Detection
}

// newCore checks what every detector needs.
func newCore(env *models.Env, kind, name string, resp Response) (core, error) {
	switch {
	case name == "":
		return core{}, fmt.Errorf("%s detector: no name", kind)
	case env == nil || env.Engine == nil || env.Recorder == nil || env.Streams == nil:
		return core{}, fmt.Errorf("%s %q: incomplete environment (engine, streams and recorder are needed)", kind, name)
	}
	return core{name: name, kind: kind, env: env, resp: resp}, nil
}

// Name returns the detector's name.
func (c *core) Name() string { return c.name }

// Kind returns the kind of detector: "link-down", "bfd", "lacp",
// "health-check", "e2e-probe" or "availability".
func (c *core) Kind() string { return c.kind }

// IsDown reports whether the detector currently declares a failure.
func (c *core) IsDown() bool { return c.down }

// Detections returns every verdict change so far, in order. The slice must
// not be modified.
func (c *core) Detections() []Detection { return c.detections }

// fire declares a failure at now whose first evidence was at since; what
// says what was seen. It logs, runs the action and raises the alarm.
func (c *core) fire(now, since sim.Time, what string) {
	if c.down {
		return
	}
	c.down = true
	c.detections = append(c.detections, Detection{At: now, Since: since, Down: true})
	why := fmt.Sprintf("%s, detection %v", what, now-since)
	c.react(now, "down", why, c.resp.Action, sim.EventAlarm, "fired")
}

// recover declares the end of the failure at now, first seen at since.
func (c *core) recover(now, since sim.Time, what string) {
	if !c.down {
		return
	}
	c.down = false
	c.detections = append(c.detections, Detection{At: now, Since: since, Down: false})
	c.react(now, "up", what, c.resp.Recover, sim.EventClear, "recovered")
}

// react logs a verdict change (state "down" or "up", for reason why): as
// kind ("alarm" or "clear") when an alarm sink listens, as "detect" when
// neither a sink nor an action does. Then it logs and runs the action
// (of the action's kind, by the detector), then raises the alarm or clear.
func (c *core) react(now sim.Time, state, why string, act Action, kind sim.EventKind, verb string) {
	rec := c.env.Recorder
	detail := fmt.Sprintf("%s %s (%s)", c.kind, state, why)
	switch {
	case c.resp.Alarms != nil:
		rec.Log(now, c.name, kind, detail)
	case act.Do == nil:
		rec.Log(now, c.name, sim.EventDetect, detail)
	}
	if act.Do != nil {
		name := act.Name
		if name == "" {
			name = "automatic action"
		}
		ak, subject := act.Kind, act.Subject
		if ak == "" {
			ak = sim.EventAction
		}
		if subject == "" {
			subject = c.name
		}
		rec.Event(sim.LogEntry{At: now, Kind: ak, Subject: subject, By: c.name,
			Message: fmt.Sprintf("%s: automatic, %s %s %s (%s)", name, c.kind, c.name, verb, why)})
		act.Do(now)
	}
	if c.resp.Alarms != nil {
		c.resp.Alarms.Raise(Alarm{At: now, Source: c.name, Detector: c.kind, Clear: kind == "clear", Detail: detail})
	}
}
