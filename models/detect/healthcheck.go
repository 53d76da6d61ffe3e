package detect

import (
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// HealthCheckConfig configures a load balancer's health check of one
// target.
type HealthCheckConfig struct {
	// Name identifies the check (the target checked, as the balancer
	// sees it).
	Name string
	// Target receives the probe requests.
	Target models.Target
	// Interval is the time between probes, > 0 (DefaultHealthCheck: 30 s).
	Interval sim.Time
	// Timeout is how long a probe may take, > 0; it is also the probe
	// request's deadline (DefaultHealthCheck: 5 s).
	Timeout sim.Time
	// UnhealthyThreshold is the number of probes failing in a row that
	// marks the target unhealthy, >= 1 (DefaultHealthCheck: 2).
	UnhealthyThreshold int
	// HealthyThreshold is the number of probes succeeding in a row that
	// marks an unhealthy target healthy again, >= 1 (DefaultHealthCheck:
	// 5).
	HealthyThreshold int
	// Phase is when the first probe is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what happens when the target turns unhealthy: typically
	// the Action takes it out of the balancer's pool and Recover puts it
	// back.
	Response
}

// DefaultHealthCheck returns the defaults of an AWS load balancer's target
// group health check: every 30 s, 5 s timeout, unhealthy after 2 failures
// in a row, healthy after 5 successes. A target that stops answering is
// marked unhealthy 35 to 65 s after it fails.
func DefaultHealthCheck(name string, target models.Target) HealthCheckConfig {
	return HealthCheckConfig{
		Name: name, Target: target, Interval: 30 * time.Second, Timeout: 5 * time.Second,
		UnhealthyThreshold: 2, HealthyThreshold: 5,
	}
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
	return &HealthCheck{probeLoop: l, cfg: cfg}, nil
}

// Config returns the check's configuration.
func (h *HealthCheck) Config() HealthCheckConfig { return h.cfg }
