package detect

import (
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// E2EProbeConfig configures an end-to-end probe.
type E2EProbeConfig struct {
	// Name identifies the probe (the user side and path it probes).
	Name string
	// Target is the full path from the user side: what a user's request
	// goes through.
	Target models.Target
	// Interval is the time between probes, > 0 (DefaultE2EProbe: 1 s).
	Interval sim.Time
	// Timeout is how long a probe may take, > 0; it is also the probe
	// request's deadline (DefaultE2EProbe: 1 s).
	Timeout sim.Time
	// Failures is how many of the last Window probes must fail to trip,
	// >= 1 (DefaultE2EProbe: 3).
	Failures int
	// Window is the number of recent probes looked at, >= Failures
	// (DefaultE2EProbe: 5). Window == Failures means failures in a row.
	Window int
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
// is detected 3 to 4 s after it breaks.
func DefaultE2EProbe(name string, target models.Target) E2EProbeConfig {
	return E2EProbeConfig{
		Name: name, Target: target, Interval: time.Second, Timeout: time.Second,
		Failures: 3, Window: 5, Recover: 3,
	}
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
