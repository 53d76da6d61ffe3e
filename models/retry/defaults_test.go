package retry

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDeclaredDefaultsAreTheirSources: each control's declared defaults
// are the values of the source its doc names (a typo in a tag fails here;
// the scenario decoder's test only checks that it applies them).
func TestDeclaredDefaultsAreTheirSources(t *testing.T) {
	require.Equal(t, GRPCThrottlingConfig{MaxTokens: 10, TokenRatio: 0.1}, DefaultGRPCThrottling(), "gRFC A6's example")
	require.Equal(t, EnvoyBudgetConfig{BudgetPercent: 20, MinRetryConcurrency: 3}, DefaultEnvoyBudget(), "Envoy's retry_budget")
	require.Equal(t, FinagleBudgetConfig{TTL: 10 * time.Second, PercentCanRetry: 0.2, MinRetriesPerSec: 10}, DefaultFinagleBudget(), "Finagle's RetryBudget()")
	require.Equal(t, SREThrottlingConfig{K: 2, Window: 2 * time.Minute, Buckets: 120}, DefaultSREThrottling(), "the SRE book")
	require.Equal(t, AWSQuotaConfig{Capacity: 500, RetryCost: 5, TimeoutCost: 10, NoRetryIncrement: 1}, DefaultAWSQuota(), "the AWS SDKs' standard mode")
	require.Equal(t, CircuitBreakerConfig{RequestVolume: 20, Window: 10 * time.Second, Buckets: 10, ErrorPercent: 50, SleepWindow: 5 * time.Second}, DefaultCircuitBreaker(), "Hystrix")
}
