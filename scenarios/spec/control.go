package spec

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// ControlKind names a retry control.
type ControlKind string

// The retry controls, each as the system it comes from defines it, and the
// Control field each sets.
const (
	// NoControl allows every retry the client's Retries allow; no field is
	// set.
	NoControl ControlKind = "none"
	// GRPCThrottlingControl is gRPC retry throttling; Control.GRPCThrottling
	// is set.
	GRPCThrottlingControl ControlKind = "grpc-throttling"
	// EnvoyBudgetControl is Envoy's retry budget; Control.EnvoyBudget is
	// set.
	EnvoyBudgetControl ControlKind = "envoy-budget"
	// FinagleBudgetControl is the Finagle (and linkerd 1) retry budget;
	// Control.FinagleBudget is set.
	FinagleBudgetControl ControlKind = "finagle-budget"
	// SREThrottlingControl is Google SRE client-side adaptive throttling;
	// Control.SREThrottling is set.
	SREThrottlingControl ControlKind = "sre-throttling"
	// AWSQuotaControl is the AWS SDK standard retry quota;
	// Control.AWSQuota is set.
	AWSQuotaControl ControlKind = "aws-quota"
	// CircuitBreakerControl is a Hystrix-style circuit breaker (closed,
	// open, half-open); Control.CircuitBreaker is set.
	CircuitBreakerControl ControlKind = "circuit-breaker"
	// RetryBudgetControl is cascade's what-if knob: a retry budget in
	// Finagle's manner (each request earns Share retries, kept for TTL),
	// with no reserve of retries; Share 0 turns it off entirely (no
	// control), so a single param can switch it.
	RetryBudgetControl ControlKind = "retry-budget"
)

// Control is a client's retry control, written as a mapping whose "kind"
// key names the control and whose other keys are exactly that control's
// fields, all optional, e.g. {kind: envoy-budget, budget_percent: 10}. The
// fields of each kind sit in one pointer per kind, of which exactly the one
// matching Kind is non-nil (none for NoControl), with defaults applied.
type Control struct {
	// Kind is the control. Required in a control block; NoControl if the
	// client has none.
	Kind ControlKind
	// GRPCThrottling holds the fields of grpc-throttling; nil otherwise.
	GRPCThrottling *GRPCThrottling
	// EnvoyBudget holds the fields of envoy-budget; nil otherwise.
	EnvoyBudget *EnvoyBudget
	// FinagleBudget holds the fields of finagle-budget; nil otherwise.
	FinagleBudget *FinagleBudget
	// SREThrottling holds the fields of sre-throttling; nil otherwise.
	SREThrottling *SREThrottling
	// AWSQuota holds the fields of aws-quota; nil otherwise.
	AWSQuota *AWSQuota
	// CircuitBreaker holds the fields of circuit-breaker; nil otherwise.
	CircuitBreaker *CircuitBreaker
	// RetryBudget is set for RetryBudgetControl.
	RetryBudget *RetryBudget
}

// RetryBudget is a retry budget with one knob: retries may be at most
// Share of the requests of the last TTL. Share 0 means no budget at all.
type RetryBudget struct {
	// Share is the retries allowed per request (key share): 0.1 lets one
	// request in ten be retried. Optional, 0 to 1000, default 0.1; 0
	// turns the budget off.
	Share float64
	// TTL is how long a request's earning counts (key ttl). Optional, 1s
	// to 60s, default 10s.
	TTL time.Duration
}

// GRPCThrottling is gRPC retry throttling (gRFC A6): a token count starts
// at MaxTokens; a failed attempt takes 1 token, a successful one adds
// TokenRatio (never above MaxTokens); retries are allowed only while the
// count is above MaxTokens/2.
type GRPCThrottling struct {
	// MaxTokens is the bucket size (key max_tokens), a whole number as in
	// gRPC's service config. Optional, 1 to 1000, default 10.
	MaxTokens int
	// TokenRatio is the tokens a success adds (key token_ratio). Optional,
	// > 0, default 0.1.
	TokenRatio float64
}

// DefaultGRPCThrottling returns gRPC retry throttling with the defaults:
// 10 tokens, a ratio of 0.1.
func DefaultGRPCThrottling() GRPCThrottling {
	return GRPCThrottling{MaxTokens: 10, TokenRatio: 0.1}
}

// EnvoyBudget is Envoy's retry budget: the retries in flight may be at
// most max(MinRetryConcurrency, BudgetPercent/100 x the requests in
// flight).
type EnvoyBudget struct {
	// BudgetPercent is the share of active requests that may be retries,
	// in percent (key budget_percent). Optional, 0 to 100, default 20.
	BudgetPercent float64
	// MinRetryConcurrency is the number of retries in flight always
	// allowed (key min_retry_concurrency). Optional, >= 0, default 3.
	MinRetryConcurrency int
}

// DefaultEnvoyBudget returns Envoy's retry budget with its defaults: 20%,
// at least 3.
func DefaultEnvoyBudget() EnvoyBudget {
	return EnvoyBudget{BudgetPercent: 20, MinRetryConcurrency: 3}
}

// FinagleBudget is the Finagle (and linkerd 1) retry budget: each request
// deposits PercentCanRetry of a retry, deposits expire after TTL, and a
// retry is allowed while the retries in the last TTL are at most
// PercentCanRetry x the deposits + MinRetriesPerSec x TTL.
type FinagleBudget struct {
	// TTL is how long a deposit lasts (key ttl). Optional, 1s to 60s as
	// Finagle requires, default 10s.
	TTL time.Duration
	// PercentCanRetry is the retries allowed per request, as a fraction:
	// 0.2 is 20% (key percent_can_retry). Optional, 0 to 1000 as Finagle
	// requires, default 0.2.
	PercentCanRetry float64
	// MinRetriesPerSec is the retry rate always allowed, in retries/s (key
	// min_retries_per_sec). Optional, >= 0, default 10.
	MinRetriesPerSec int
}

// DefaultFinagleBudget returns the Finagle retry budget with its defaults:
// a 10 s ttl, 20%, 10 retries/s.
func DefaultFinagleBudget() FinagleBudget {
	return FinagleBudget{TTL: 10 * time.Second, PercentCanRetry: 0.2, MinRetriesPerSec: 10}
}

// SREThrottling is client-side adaptive throttling from Google's SRE book
// ("Handling Overload"): over the last Window, the client rejects each new
// request locally, before sending it, with probability
// max(0, (requests - K x accepts) / (requests + 1)).
type SREThrottling struct {
	// K is the multiplier of accepted requests (key k). Optional, >= 1
	// (below 1 the client would reject requests while every one succeeds),
	// default 2.
	K float64
	// Window is the history the counts cover (key window). Optional, > 0,
	// default 2m.
	Window time.Duration
}

// DefaultSREThrottling returns SRE adaptive throttling with the book's
// values: K = 2 over 2 minutes.
func DefaultSREThrottling() SREThrottling {
	return SREThrottling{K: 2, Window: 2 * time.Minute}
}

// AWSQuota is the AWS SDK standard retry quota: a bucket starts with
// Capacity tokens; a retry takes RetryCost (TimeoutCost if the attempt
// timed out) and is not made if the bucket lacks them; a successful call
// returns the cost of its retry, or NoRetryIncrement if it needed none, up
// to Capacity.
type AWSQuota struct {
	// Capacity is the bucket size in tokens. Optional, >= 0, default 500.
	Capacity int
	// RetryCost is the tokens a retry after an error takes (key
	// retry_cost). Optional, >= 0, default 5.
	RetryCost int
	// TimeoutCost is the tokens a retry after a timeout takes (key
	// timeout_cost). Optional, >= 0, default 10.
	TimeoutCost int
	// NoRetryIncrement is the tokens a call that succeeds at its first
	// attempt returns (key no_retry_increment). Optional, >= 0, default 1.
	NoRetryIncrement int
}

// DefaultAWSQuota returns the AWS SDK retry quota with its defaults: 500
// tokens, 5 per retry, 10 per retry after a timeout, 1 back per success.
func DefaultAWSQuota() AWSQuota {
	return AWSQuota{Capacity: 500, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: 1}
}

// CircuitBreaker is a Hystrix-style circuit breaker. Closed, it passes
// every attempt; it opens when, over the last Window, at least
// RequestVolume attempts were made and at least ErrorPercent of them
// failed. Open, it fails every attempt at once; after SleepWindow it lets
// one trial through (half-open), closing again if it succeeds and
// reopening if it fails.
type CircuitBreaker struct {
	// RequestVolume is the fewest attempts in Window that can open the
	// breaker (key request_volume). Optional, >= 1, default 20.
	RequestVolume int
	// Window is the rolling window of the counts (key window). Optional,
	// > 0, default 10s.
	Window time.Duration
	// ErrorPercent is the share of failed attempts, in whole percent as in
	// Hystrix, that opens the breaker (key error_percent). Optional, 1 to
	// 100, default 50.
	ErrorPercent int
	// SleepWindow is how long the breaker stays open before a trial (key
	// sleep_window). Optional, > 0, default 5s.
	SleepWindow time.Duration
}

// DefaultCircuitBreaker returns a circuit breaker with Hystrix's
// defaults: 20 requests in 10 s, 50% errors, 5 s before a trial.
func DefaultCircuitBreaker() CircuitBreaker {
	return CircuitBreaker{RequestVolume: 20, Window: 10 * time.Second, ErrorPercent: 50, SleepWindow: 5 * time.Second}
}

// controlKindNames lists the retry controls for messages.
var controlKindNames = []string{
	string(NoControl), string(GRPCThrottlingControl), string(EnvoyBudgetControl), string(FinagleBudgetControl),
	string(SREThrottlingControl), string(AWSQuotaControl), string(CircuitBreakerControl), string(RetryBudgetControl),
}

// control decodes a retry control: its "kind" key, then exactly the fields
// of that kind. If the kind is missing or unknown, other keys are not
// checked.
func (d *decoder) control(n *yaml.Node, path string) Control {
	c := Control{Kind: NoControl}
	var kindFields []field
	known := false
	if k := lookup(n, "kind"); k != nil {
		c.Kind = ControlKind(d.enum(k, joinPath(path, "kind"), controlKindNames...))
		kindFields, known = d.controlKind(&c)
	}
	fs := append([]field{
		{key: "kind", required: true, want: "one of: " + strings.Join(controlKindNames, ", ")},
	}, kindFields...)
	what := "a retry control"
	if known {
		what = "a retry control of kind " + string(c.Kind)
	}
	d.fields(n, path, mapping{
		want:    "a retry control: a mapping like {kind: grpc-throttling, max_tokens: 10, token_ratio: 0.1}",
		what:    what,
		fields:  fs,
		lenient: !known,
	})
	return c
}

// controlKind sets the pointer of c's kind to that kind's defaults and
// returns the kind's fields, or false for an unknown kind.
func (d *decoder) controlKind(c *Control) ([]field, bool) {
	percent := func(v float64) bool { return v >= 0 && v <= 100 }
	switch c.Kind {
	case NoControl:
		return nil, true
	case GRPCThrottlingControl:
		g := DefaultGRPCThrottling()
		c.GRPCThrottling = &g
		return []field{
			d.intField("max_tokens", 1, 1000, &g.MaxTokens),
			d.floatField("token_ratio", "a ratio > 0: the tokens a success adds", func(v float64) bool { return v > 0 }, &g.TokenRatio),
		}, true
	case EnvoyBudgetControl:
		e := DefaultEnvoyBudget()
		c.EnvoyBudget = &e
		return []field{
			d.floatField("budget_percent", "a percent from 0 to 100", percent, &e.BudgetPercent),
			d.intField("min_retry_concurrency", 0, MaxCount, &e.MinRetryConcurrency),
		}, true
	case FinagleBudgetControl:
		f := DefaultFinagleBudget()
		c.FinagleBudget = &f
		const ttlWant = "a duration from 1s to 60s"
		return []field{
			{key: "ttl", want: ttlWant, decode: func(n *yaml.Node, p string) {
				v := d.duration(n, p, false)
				if !d.isBad(p) && (v < time.Second || v > time.Minute) {
					d.errorf(n, p, "expected %s (Finagle's limits), got %s", ttlWant, describe(n))
				}
				f.TTL = v
			}},
			d.floatField("percent_can_retry", "a fraction of requests from 0 to 1000, like 0.2 for 20%",
				func(v float64) bool { return v >= 0 && v <= 1000 }, &f.PercentCanRetry),
			d.intField("min_retries_per_sec", 0, MaxCount, &f.MinRetriesPerSec),
		}, true
	case SREThrottlingControl:
		s := DefaultSREThrottling()
		c.SREThrottling = &s
		return []field{
			d.floatField("k", "a multiplier K >= 1 (below 1 the client rejects requests even when all succeed)",
				func(v float64) bool { return v >= 1 }, &s.K),
			d.durationField("window", true, &s.Window),
		}, true
	case AWSQuotaControl:
		a := DefaultAWSQuota()
		c.AWSQuota = &a
		return []field{
			d.intField("capacity", 0, MaxCount, &a.Capacity),
			d.intField("retry_cost", 0, MaxCount, &a.RetryCost),
			d.intField("timeout_cost", 0, MaxCount, &a.TimeoutCost),
			d.intField("no_retry_increment", 0, MaxCount, &a.NoRetryIncrement),
		}, true
	case CircuitBreakerControl:
		b := DefaultCircuitBreaker()
		c.CircuitBreaker = &b
		return []field{
			d.intField("request_volume", 1, MaxCount, &b.RequestVolume),
			d.durationField("window", true, &b.Window),
			d.intField("error_percent", 1, 100, &b.ErrorPercent),
			d.durationField("sleep_window", true, &b.SleepWindow),
		}, true
	case RetryBudgetControl:
		rb := RetryBudget{Share: 0.1, TTL: 10 * time.Second}
		c.RetryBudget = &rb
		const ttlWant = "a duration from 1s to 60s"
		return []field{
			d.floatField("share", "a fraction of requests from 0 to 1000, like 0.1; 0 turns the budget off",
				func(v float64) bool { return v >= 0 && v <= 1000 }, &rb.Share),
			{key: "ttl", want: ttlWant, decode: func(n *yaml.Node, p string) {
				v := d.duration(n, p, false)
				if !d.isBad(p) && (v < time.Second || v > time.Minute) {
					d.errorf(n, p, "expected %s, got %s", ttlWant, describe(n))
				}
				rb.TTL = v
			}},
		}, true
	}
	return nil, false
}
