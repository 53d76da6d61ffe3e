package retry

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func mustGRPC(t testing.TB, cfg GRPCThrottlingConfig) *GRPCThrottling {
	t.Helper()
	g, err := NewGRPCThrottling(cfg)
	require.NoError(t, err)
	return g
}

// The token arithmetic, step by step: 10 tokens; a failure takes 1, a
// success adds 0.1; retries only while tokens > 5; first attempts always.
func TestGRPCThrottlingTokens(t *testing.T) {
	g := mustGRPC(t, DefaultGRPCThrottling())
	require.Equal(t, 10.0, g.Tokens())
	for i := 0; i < 4; i++ {
		g.Done(0, i > 0, false, false)
	}
	require.Equal(t, 6.0, g.Tokens())
	require.True(t, g.Admit(0, true, nil), "6 > 5")
	g.Done(0, true, false, false)
	require.Equal(t, 5.0, g.Tokens())
	require.False(t, g.Admit(0, true, nil), "5 is not > 5")
	require.True(t, g.Admit(0, false, nil), "first attempts are always admitted")
	g.Done(0, false, true, false)
	require.Equal(t, 5.1, g.Tokens())
	require.True(t, g.Admit(0, true, nil), "5.1 > 5")
	for i := 0; i < 20; i++ {
		g.Done(0, false, false, true)
	}
	require.Equal(t, 0.0, g.Tokens(), "never below 0")
	for i := 0; i < 200; i++ {
		g.Done(0, false, true, false)
	}
	require.Equal(t, 10.0, g.Tokens(), "never above max; 200 x 0.1 is exact in thousandths")
	require.Equal(t, Stats{FirstAdmitted: 1, RetriesAdmitted: 2, RetriesRejected: 1}, g.Stats())
	require.Equal(t, "grpc-throttling", g.Name())
}

// A steady stream whose attempts each fail with probability f: the tokens
// drift by 0.1 - 1.1 f per attempt, so retries keep flowing below
// f* = 0.1/1.1 = 0.0909 and stop above it. With 10 tokens and a threshold
// of 5 the walk is noisy near f*, so the sweep asserts clear margins on
// both sides and a fall through the whole range.
func TestGRPCThrottlingCollapsesAboveTokenRatio(t *testing.T) {
	cfg := DefaultGRPCThrottling()
	fStar := cfg.TokenRatio / (1 + cfg.TokenRatio)
	require.InDelta(t, 0.0909, fStar, 1e-4)
	cases := []struct {
		f        float64
		min, max float64 // bounds on the share of wanted retries admitted
	}{
		{0.02, 0.99, 1},
		{0.05, 0.95, 1},
		{0.07, 0.80, 1},
		{fStar, 0.2, 0.8},
		{0.11, 0, 0.3},
		{0.13, 0, 0.1},
		{0.20, 0, 0.01},
		{0.50, 0, 0.001},
	}
	last := 2.0
	for _, c := range cases {
		t.Run(fmt.Sprintf("f=%.4f", c.f), func(t *testing.T) {
			g := mustGRPC(t, cfg)
			s := stream{interval: time.Millisecond, calls: 400_000, warm: 1000, maxAttempts: 5, outcome: failWith(c.f, false)}
			tl := s.run(g, 7)
			share := tl.retryShare()
			t.Logf("f=%.4f: retries admitted %d of %d wanted (%.4f), attempts per call %.4f, tokens at end %.1f",
				c.f, tl.retriesAdmitted, tl.retriesWanted, share, tl.amplification(), g.Tokens())
			require.GreaterOrEqual(t, share, c.min)
			require.LessOrEqual(t, share, c.max)
			require.LessOrEqual(t, share, last, "the admitted share never rises with f")
			last = share
		})
	}
}

func TestGRPCThrottlingConfigErrors(t *testing.T) {
	for _, cfg := range []GRPCThrottlingConfig{
		{MaxTokens: 0, TokenRatio: 0.1},
		{MaxTokens: 1001, TokenRatio: 0.1},
		{MaxTokens: 10, TokenRatio: 0},
		{MaxTokens: 10, TokenRatio: -1},
		{MaxTokens: 10, TokenRatio: 11},
		{MaxTokens: 10, TokenRatio: 0.0004},
	} {
		_, err := NewGRPCThrottling(cfg)
		require.Error(t, err, "%+v", cfg)
	}
	g := mustGRPC(t, GRPCThrottlingConfig{MaxTokens: 1000, TokenRatio: 0.29})
	g.Done(0, false, false, false)
	g.Done(0, false, true, false)
	require.Equal(t, 999.29, g.Tokens(), "ratio kept to 3 decimals, rounded")
}
