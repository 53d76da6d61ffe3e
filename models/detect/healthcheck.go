package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// HealthCheckConfig configures a load balancer's health check of one
// target.
type HealthCheckConfig struct {
	// Name identifies the check (the target checked, as the balancer
	// sees it).
	Name string
	// TargetName names the component polled, for a scenario; whoever
	// builds the check resolves it into Target.
	TargetName string `knob:"target" ref:"component that accepts requests" required:"true" doc:"the component polled: one that accepts requests"`
	// Target receives the probe requests.
	Target models.Target
	// Interval is the time between probes.
	Interval sim.Time `knob:"interval" default:"30s" min:">0s" doc:"the time between checks (AWS target groups' default: 30 s)"`
	// Timeout is how long a probe may take; it is also the probe
	// request's deadline.
	Timeout sim.Time `knob:"timeout" default:"5s" min:">0s" doc:"how long a check waits for its answer; it is also the check request's deadline (AWS target groups' default: 5 s)"`
	// UnhealthyThreshold is the number of probes failing in a row that
	// marks the target unhealthy.
	UnhealthyThreshold int `knob:"unhealthy" default:"3" min:"1" doc:"how many failed checks in a row fire the detector (HAProxy's fall 3, its default)"`
	// HealthyThreshold is the number of probes succeeding in a row that
	// marks an unhealthy target healthy again.
	HealthyThreshold int `knob:"healthy" default:"2" min:"1" doc:"how many passing checks in a row clear it (HAProxy's rise 2, its default)"`
	// Phase is when the first probe is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what happens when the target turns unhealthy: typically
	// the Action takes it out of the balancer's pool and Recover puts it
	// back.
	Response
}

// DefaultHealthCheck returns a health check of target with the declared
// defaults, HAProxy's: every 30 s, 5 s timeout, unhealthy after 3 failures
// in a row, healthy after 2 successes. A target that stops answering is
// marked unhealthy 65 to 95 s after it fails.
func DefaultHealthCheck(name string, target models.Target) HealthCheckConfig {
	cfg := knob.Defaults[HealthCheckConfig]()
	cfg.Name, cfg.Target = name, target
	return cfg
}

// HealthCheck is a load balancer's active health check: a probe request
// every Interval; a probe fails if the answer is not OK or takes longer
// than Timeout. The target is marked unhealthy after exactly
// UnhealthyThreshold failures in a row, and healthy again after
// HealthyThreshold successes in a row. A probe to a target that is alive
// but behind a broken path fails like one to a dead target; a probe that
// does not go through the broken part (a server checked over a healthy
// port) succeeds.
type HealthCheck struct {
	*probeLoop
	cfg HealthCheckConfig
}

// NewHealthCheck creates a health check; call Start to begin probing.
func NewHealthCheck(env *models.Env, cfg HealthCheckConfig) (*HealthCheck, error) {
	l, err := newProbeLoop(env, "health-check", cfg.Name, cfg.Response, cfg.Target, cfg.Interval, cfg.Timeout, cfg.Phase,
		cfg.UnhealthyThreshold, cfg.UnhealthyThreshold, cfg.HealthyThreshold)
	if err != nil {
		return nil, err
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("health-check %q: %w", cfg.Name, err)
	}
	return &HealthCheck{probeLoop: l, cfg: cfg}, nil
}

// Config returns the check's configuration.
func (h *HealthCheck) Config() HealthCheckConfig { return h.cfg }
