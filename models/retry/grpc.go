package retry

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/sim"
)

// GRPCThrottlingConfig configures GRPCThrottling; its fields are those of
// the "retryThrottling" block of a gRPC service config.
type GRPCThrottlingConfig struct {
	// MaxTokens is the size of the token bucket, in (0, 1000]; default 10.
	MaxTokens int
	// TokenRatio is the tokens a success adds, > 0 and at most MaxTokens;
	// gRPC keeps 3 decimal places (this rounds to them). Default 0.1.
	TokenRatio float64
}

// DefaultGRPCThrottling returns MaxTokens 10, TokenRatio 0.1: the values of
// gRFC A6's example. gRPC itself has no default: without a retryThrottling
// block, retries are not throttled.
func DefaultGRPCThrottling() GRPCThrottlingConfig {
	return GRPCThrottlingConfig{MaxTokens: 10, TokenRatio: 0.1}
}

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
	switch {
	case cfg.MaxTokens <= 0 || cfg.MaxTokens > 1000:
		return nil, fmt.Errorf("grpc-throttling: max tokens must be in (0, 1000], got %d", cfg.MaxTokens)
	case !(cfg.TokenRatio > 0) || cfg.TokenRatio > float64(cfg.MaxTokens):
		return nil, fmt.Errorf("grpc-throttling: token ratio must be > 0 and at most max tokens, got %v", cfg.TokenRatio)
	}
	ratio := int64(math.Round(cfg.TokenRatio * 1000))
	if ratio < 1 {
		return nil, fmt.Errorf("grpc-throttling: token ratio %v is below gRPC's resolution of 0.001", cfg.TokenRatio)
	}
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
