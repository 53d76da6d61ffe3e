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
	// Interval is the time between probes, > 0
	// (DefaultHealthCheckInterval).
	Interval sim.Time
	// Timeout is how long a probe may take, > 0; it is also the probe
	// request's deadline (DefaultHealthCheckTimeout).
	Timeout sim.Time
	// UnhealthyThreshold is the number of probes failing in a row that
	// marks the target unhealthy, >= 1 (DefaultUnhealthyThreshold).
	UnhealthyThreshold int
	// HealthyThreshold is the number of probes succeeding in a row that
	// marks an unhealthy target healthy again, >= 1
	// (DefaultHealthyThreshold).
	HealthyThreshold int
	// Phase is when the first probe is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what happens when the target turns unhealthy: typically
	// the Action takes it out of the balancer's pool and Recover puts it
	// back.
	Response
}

// The defaults of a health check, the one declaration that scenario files
// (spec.HealthCheck) use too. The timing is an AWS load balancer target
// group's (HealthCheckIntervalSeconds 30, HealthCheckTimeoutSeconds 5);
// the thresholds are HAProxy's (fall 3, rise 2), where AWS's are 2 to mark
// a target unhealthy and 5 to mark it healthy again: a scenario that
// models an AWS target group sets those. A target that stops answering is
// marked unhealthy 65 to 95 s after it fails (the "about 60-90 s"
// practitioners quote for 2-3 failures), and healthy again 30 to 60 s
// after it is back.
const (
	// DefaultHealthCheckInterval is the time between probes: 30 s.
	DefaultHealthCheckInterval = 30 * time.Second
	// DefaultHealthCheckTimeout is how long a probe may take: 5 s.
	DefaultHealthCheckTimeout = 5 * time.Second
	// DefaultUnhealthyThreshold is how many failures in a row mark a
	// target unhealthy: 3 (HAProxy's fall).
	DefaultUnhealthyThreshold = 3
	// DefaultHealthyThreshold is how many successes in a row mark it
	// healthy again: 2 (HAProxy's rise).
	DefaultHealthyThreshold = 2
)

// DefaultHealthCheck returns a health check of target, named name, with
// the defaults: every 30 s, 5 s timeout, unhealthy after 3 failures in a
// row, healthy after 2 successes.
func DefaultHealthCheck(name string, target models.Target) HealthCheckConfig {
	return HealthCheckConfig{
		Name: name, Target: target, Interval: DefaultHealthCheckInterval, Timeout: DefaultHealthCheckTimeout,
		UnhealthyThreshold: DefaultUnhealthyThreshold, HealthyThreshold: DefaultHealthyThreshold,
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
