package retry

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// EnvoyBudgetConfig configures EnvoyBudget; its fields are those of
// Envoy's cluster circuit_breakers.thresholds.retry_budget.
// The defaults are Envoy's.
type EnvoyBudgetConfig struct {
	// BudgetPercent is the share of active requests that may be retries,
	// in percent.
	BudgetPercent float64 `knob:"budget_percent" default:"20" min:"0" max:"100" unit:"percent" want:"a percent from 0 to 100" doc:"the share of the requests in flight that may be retries"`
	// MinRetryConcurrency is the retry concurrency always allowed, however
	// few requests are active.
	MinRetryConcurrency int `knob:"min_retry_concurrency" default:"3" min:"0" max:"1000000000" unit:"retries" doc:"the retries in flight always allowed, however few requests are in flight"`
}

// DefaultEnvoyBudget returns the declared defaults, Envoy's: BudgetPercent
// 20, MinRetryConcurrency 3.
func DefaultEnvoyBudget() EnvoyBudgetConfig { return knob.Defaults[EnvoyBudgetConfig]() }

// NewControl returns a new EnvoyBudget of c.
func (c EnvoyBudgetConfig) NewControl() (Control, error) { return NewEnvoyBudget(c) }

// EnvoyBudget is Envoy's retry budget (cluster circuit breakers,
// "retry_budget": "the limit on concurrent retries as a percentage of the
// sum of active requests and active pending requests", never below
// min_retry_concurrency). As Envoy's resource manager computes it, a retry
// is admitted while
//
//	active retries < max(MinRetryConcurrency, floor(BudgetPercent/100 x active requests))
//
// where active requests are all attempts in flight (Envoy's rq_active
// counts every upstream request, retries included; this model has no
// connection pool, so nothing is pending). First attempts are always
// admitted. Admit counts an admitted attempt in; Done counts it out, so
// every admitted attempt must be reported to Done exactly once (Done
// without a matching Admit panics).
type EnvoyBudget struct {
	cfg             EnvoyBudgetConfig
	active, retries int64 // attempts in flight, of which retries
	stats           Stats
}

// NewEnvoyBudget checks cfg and returns a control with nothing in flight.
func NewEnvoyBudget(cfg EnvoyBudgetConfig) (*EnvoyBudget, error) {
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("envoy-retry-budget: %w", err)
	}
	return &EnvoyBudget{cfg: cfg}, nil
}

// Limit returns the retries that may be in flight now:
// max(MinRetryConcurrency, floor(BudgetPercent/100 x active requests)).
func (e *EnvoyBudget) Limit() int64 {
	return max(int64(e.cfg.MinRetryConcurrency), int64(e.cfg.BudgetPercent/100*float64(e.active)))
}

// Admit admits every first attempt, and a retry while the retries in
// flight are below Limit.
func (e *EnvoyBudget) Admit(_ sim.Time, retry bool, _ *sim.Rand) bool {
	ok := !retry || e.retries < e.Limit()
	if ok {
		e.active++
		if retry {
			e.retries++
		}
	}
	return e.stats.count(retry, ok)
}

// Done counts the attempt out of the requests (and retries) in flight.
func (e *EnvoyBudget) Done(_ sim.Time, retry bool, _, _ bool) {
	if e.active == 0 || (retry && e.retries == 0) {
		panic("retry: envoy-retry-budget: Done for an attempt that was not admitted")
	}
	e.active--
	if retry {
		e.retries--
	}
}

// Name returns "envoy-retry-budget".
func (e *EnvoyBudget) Name() string { return "envoy-retry-budget" }

// Active returns the attempts in flight and, of them, the retries.
func (e *EnvoyBudget) Active() (requests, retries int64) { return e.active, e.retries }

// Stats returns the decisions counted so far.
func (e *EnvoyBudget) Stats() Stats { return e.stats }
