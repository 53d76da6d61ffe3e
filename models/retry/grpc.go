package retry

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// GRPCThrottlingConfig configures GRPCThrottling; its fields are those of
// the "retryThrottling" block of a gRPC service config.
// The defaults are the values of gRFC A6's example: gRPC itself has none
// (without a retryThrottling block, retries are not throttled).
type GRPCThrottlingConfig struct {
	// MaxTokens is the size of the token bucket.
	MaxTokens int `knob:"max_tokens" default:"10" min:"1" max:"1000" unit:"tokens" doc:"the size of the token bucket, a whole number as in gRPC's service config"`
	// TokenRatio is the tokens a success adds; gRPC keeps 3 decimal places
	// (this rounds to them).
	TokenRatio float64 `knob:"token_ratio" default:"0.1" min:">0" unit:"tokens" want:"a ratio > 0: the tokens a success adds" doc:"the tokens a successful attempt adds (a failed one takes 1); at most max_tokens, in steps of 0.001"`
}

// DefaultGRPCThrottling returns the declared defaults: MaxTokens 10,
// TokenRatio 0.1.
func DefaultGRPCThrottling() GRPCThrottlingConfig { return knob.Defaults[GRPCThrottlingConfig]() }

// Check checks the rules between the fields: the ratio is at most the
// bucket, and at least gRPC's resolution of 0.001.
func (c GRPCThrottlingConfig) Check(knob.Written) error {
	switch {
	case c.TokenRatio > float64(c.MaxTokens):
		return knob.Errorf("token_ratio", "expected a ratio at most max_tokens (%d), got %v", c.MaxTokens, c.TokenRatio)
	case math.Round(c.TokenRatio*1000) < 1:
		return knob.Errorf("token_ratio", "expected a ratio of at least gRPC's resolution of 0.001, got %v", c.TokenRatio)
	}
	return nil
}

// NewControl returns a new GRPCThrottling of c.
func (c GRPCThrottlingConfig) NewControl() (Control, error) { return NewGRPCThrottling(c) }

// GRPCThrottling is gRPC's client-side retry throttling (gRFC A6 "gRPC
// Retry Design", section "Throttling Retry Attempts and Hedged RPCs"): a
// token count starts at MaxTokens; every failed attempt takes 1 token
// (never below 0) and every successful one adds TokenRatio (never above
// MaxTokens); retries are sent only while tokens > MaxTokens/2. First
// attempts are always sent.
//
// So with a failure ratio f per attempt, tokens drift by TokenRatio - f x
// (1 + TokenRatio) per attempt: above f = TokenRatio/(1+TokenRatio) (0.0909
// for the defaults) they sink and retries stop. Tokens are counted in
// thousandths, as grpc-java does, so the arithmetic is exact. Every failure
// counts, whatever its kind (gRPC counts those with a retryable status, and
// server pushback; the caller decides which failures to report).
type GRPCThrottling struct {
	cfg                GRPCThrottlingConfig
	tokens, max, ratio int64 // in thousandths of a token
	stats              Stats
}

// NewGRPCThrottling checks cfg and returns a control with a full bucket.
func NewGRPCThrottling(cfg GRPCThrottlingConfig) (*GRPCThrottling, error) {
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("grpc-throttling: %w", err)
	}
	ratio := int64(math.Round(cfg.TokenRatio * 1000))
	max := int64(cfg.MaxTokens) * 1000
	return &GRPCThrottling{cfg: cfg, tokens: max, max: max, ratio: ratio}, nil
}

// Admit admits every first attempt, and a retry while tokens > MaxTokens/2.
func (g *GRPCThrottling) Admit(_ sim.Time, retry bool, _ *sim.Rand) bool {
	return g.stats.count(retry, !retry || 2*g.tokens > g.max)
}

// Done takes a token for a failure and adds TokenRatio for a success.
func (g *GRPCThrottling) Done(_ sim.Time, _ bool, ok, _ bool) {
	if ok {
		g.tokens = min(g.max, g.tokens+g.ratio)
	} else {
		g.tokens = max(0, g.tokens-1000)
	}
}

// Name returns "grpc-throttling".
func (g *GRPCThrottling) Name() string { return "grpc-throttling" }

// Tokens returns the current token count.
func (g *GRPCThrottling) Tokens() float64 { return float64(g.tokens) / 1000 }

// Stats returns the decisions counted so far.
func (g *GRPCThrottling) Stats() Stats { return g.stats }
