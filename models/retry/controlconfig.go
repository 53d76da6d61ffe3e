package retry

import (
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// ControlConfig is the configuration of one kind of retry control, as a
// scenario's client declares it under control: {kind: ...}.
type ControlConfig interface {
	// NewControl returns a new control of the configuration, for one call
	// site; nil for no control.
	NewControl() (Control, error)
}

// NoControlConfig is the configuration of no retry control: every retry
// the client's retries allow is made.
type NoControlConfig struct{}

// NewControl returns nil: no control.
func (NoControlConfig) NewControl() (Control, error) { return nil, nil }

// RetryBudgetConfig is cascade's what-if knob: a retry budget in
// Finagle's manner with no reserve, whose Share 0 turns it off, so that
// one param can switch it.
type RetryBudgetConfig struct {
	// Share is the retries allowed per request; 0 turns the budget off.
	Share float64 `knob:"share" default:"0.1" min:"0" max:"1000" unit:"retries per request" want:"a fraction of requests from 0 to 1000, like 0.1; 0 turns the budget off" doc:"the retries allowed per request: 0.1 lets one request in ten be retried; 0 turns the budget off entirely"`
	// TTL is how long a request's earning counts.
	TTL sim.Time `knob:"ttl" default:"10s" min:"1s" max:"60s" doc:"how long a request's earning counts"`
}

// NewControl returns a Finagle budget of Share with no reserve, or nil
// (no control) when Share is 0.
func (c RetryBudgetConfig) NewControl() (Control, error) {
	if c.Share == 0 {
		return nil, nil
	}
	return NewFinagleBudget(FinagleBudgetConfig{TTL: c.TTL, PercentCanRetry: c.Share, MinRetriesPerSec: 0})
}

// Controls is the declaration of the retry controls, each as the system it
// comes from defines it.
var Controls = knob.Declare[ControlConfig](
	"a retry control", "{kind: grpc-throttling, max_tokens: 10, token_ratio: 0.1}",
	"limits retries (or, for a circuit breaker, all attempts) across the calls one caller makes through the client",
	knob.KindFor[NoControlConfig]("none", "every retry the client's retries allow is made"),
	knob.KindFor[GRPCThrottlingConfig]("grpc-throttling",
		"gRPC retry throttling (gRFC A6): a token count starts at max_tokens; a failed attempt takes 1, a successful one adds token_ratio; retries are allowed only while the count is above max_tokens/2"),
	knob.KindFor[EnvoyBudgetConfig]("envoy-budget",
		"Envoy's retry budget: the retries in flight may be at most max(min_retry_concurrency, budget_percent/100 x the requests in flight)"),
	knob.KindFor[FinagleBudgetConfig]("finagle-budget",
		"the Finagle (and linkerd 1) retry budget: each request deposits percent_can_retry of a retry for ttl; a retry is allowed while the retries in the last ttl are at most the deposits plus min_retries_per_sec x ttl"),
	knob.KindFor[SREThrottlingConfig]("sre-throttling",
		"client-side adaptive throttling from Google's SRE book: over the last window, each new request is rejected locally with probability max(0, (requests - k x accepts) / (requests + 1))"),
	knob.KindFor[AWSQuotaConfig]("aws-quota",
		"the AWS SDKs' standard retry quota: a retry takes retry_cost tokens (timeout_cost after a timeout) and is not made if the bucket lacks them; a success gives its cost back, or no_retry_increment"),
	knob.KindFor[CircuitBreakerConfig]("circuit-breaker",
		"a Hystrix-style circuit breaker: it opens when, over the last window, at least request_volume attempts were made and error_percent of them failed; open, it fails every attempt at once; after sleep_window it lets one trial through"),
	knob.KindFor[RetryBudgetConfig]("retry-budget",
		"cascade's what-if knob: retries may be at most share of the requests of the last ttl, with no reserve; share 0 turns it off"),
)
