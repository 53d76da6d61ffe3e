package detect

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// E2EProbeConfig configures an end-to-end probe.
type E2EProbeConfig struct {
	// Name identifies the probe (the user side and path it probes).
	Name string
	// TargetName names the component probed, for a scenario; whoever
	// builds the probe resolves it into Target.
	TargetName string `knob:"target" ref:"component that accepts requests" required:"true" doc:"the component probed from the user side: one that accepts requests, standing for the full path a user's request goes through"`
	// Target is the full path from the user side: what a user's request
	// goes through.
	Target models.Target
	// Interval is the time between probes, > 0 (DefaultE2EProbe: 1 s).
	Interval sim.Time `knob:"interval" required:"true" min:">0s" doc:"the time between probes (Panorama's: 1 s)"`
	// Timeout is how long a probe may take, > 0; it is also the probe
	// request's deadline (DefaultE2EProbe: 1 s).
	Timeout sim.Time `knob:"timeout" required:"true" min:">0s" doc:"how long a probe waits for its answer; it is also the probe request's deadline (Panorama's: 1 s)"`
	// Failures is how many of the last Window probes must fail to trip,
	// >= 1 (DefaultE2EProbe: 3).
	Failures int `knob:"threshold" required:"true" min:"1" doc:"how many of the last max(5, threshold) probes must fail to fire the detector (3 of 5, Panorama's, for threshold 3)"`
	// Window is the number of recent probes looked at, >= Failures
	// (DefaultE2EProbe: 5). Window == Failures means failures in a row.
	// A scenario file does not set it: its probes look at the last
	// max(DefaultE2EProbe's, Failures).
	Window int
	// Count is how many such probes run, one per unit watching the same
	// path: whoever builds them makes Count probes of this config, their
	// first probes spread over one Interval (see Units). NewE2EProbe
	// makes one and does not read it.
	Count int `knob:"count" default:"1" min:"0" doc:"how many such probes run, one per unit watching the same path: each raises its own alarms, named <name>/1 to <name>/<count> (just <name> when count is 1), and their first probes are spread evenly over one interval, so that a break raises a burst of alarms (the flood of 17 Dec 2022); 0 leaves the detector out"`
	// Recover is how many probes must succeed in a row to clear, >= 1
	// (DefaultE2EProbe: 3).
	Recover int
	// Phase is when the first probe is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what happens when the path is found broken: an alarm
	// that names the path, or an automatic detour.
	Response
}

// DefaultE2EProbe returns a requester-side probe in the spirit of Panorama
// (OSDI 2018), which detected all 15 gray failures it reproduced in under
// 7 s: a probe every second with a 1 s timeout, tripping when 3 of the
// last 5 fail, clearing after 3 successes. A path that loses everything
// is detected 3 to 4 s after it breaks. A scenario file must give the
// interval, timeout and threshold; the rest it takes from here (see
// Units).
func DefaultE2EProbe(name string, target models.Target) E2EProbeConfig {
	cfg := knob.Defaults[E2EProbeConfig]()
	cfg.Name, cfg.Target = name, target
	cfg.Interval, cfg.Timeout, cfg.Failures, cfg.Window, cfg.Recover = time.Second, time.Second, 3, 5, 3
	return cfg
}

// Units returns the configs of the Count probes a scenario's config
// stands for, of target: named name/1 to name/Count (just name when Count
// is 1), their first probes spread evenly over one Interval, each looking
// at the last max(5, Failures) probes and clearing after DefaultE2EProbe's
// successes in a row.
func (c E2EProbeConfig) Units(name string, target models.Target) []E2EProbeConfig {
	def := DefaultE2EProbe(name, target)
	out := make([]E2EProbeConfig, c.Count)
	for i := range out {
		u := c
		u.Name, u.Target, u.Count = name, target, 1
		if c.Count > 1 {
			u.Name = fmt.Sprintf("%s/%d", name, i+1)
		}
		u.Window, u.Recover = max(def.Window, c.Failures), def.Recover
		u.Phase = c.Interval * time.Duration(i) / time.Duration(c.Count)
		out[i] = u
	}
	return out
}

// E2EProbe probes from the user side through the full path, as users'
// requests go: it sees what users see, so it catches gray failures that
// the components on the path do not report (a switch that keeps its ports
// up and forwards nothing, routes that are missing). It trips when at
// least Failures of the last Window probes failed, so that a path losing
// only part of its traffic is caught too, and clears after Recover
// successes in a row.
type E2EProbe struct {
	*probeLoop
	cfg E2EProbeConfig
}

// NewE2EProbe creates an end-to-end probe; call Start to begin probing.
func NewE2EProbe(env *models.Env, cfg E2EProbeConfig) (*E2EProbe, error) {
	l, err := newProbeLoop(env, "e2e-probe", cfg.Name, cfg.Response, cfg.Target, cfg.Interval, cfg.Timeout, cfg.Phase,
		cfg.Failures, cfg.Window, cfg.Recover)
	if err != nil {
		return nil, err
	}
	return &E2EProbe{probeLoop: l, cfg: cfg}, nil
}

// Config returns the probe's configuration.
func (p *E2EProbe) Config() E2EProbeConfig { return p.cfg }
