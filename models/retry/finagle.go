package retry

import (
	"fmt"
	"math"
	"time"

	"github.com/cascade-sim/cascade/sim"
)

// FinagleBudgetConfig configures FinagleBudget; its fields are the
// arguments of Finagle's RetryBudget(ttl, minRetriesPerSec,
// percentCanRetry), which linkerd 1 exposes as a retry budget too.
type FinagleBudgetConfig struct {
	// TTL is how long a deposit lasts, in [1 s, 60 s] as Finagle requires;
	// default 10 s.
	TTL sim.Time
	// PercentCanRetry is the retries each request earns, in [0, 1000]
	// (0.2 means one retry per 5 requests); default 0.2.
	PercentCanRetry float64
	// MinRetriesPerSec is a reserve of retries per second of TTL that
	// needs no requests, >= 0; default 10.
	MinRetriesPerSec int
}

// DefaultFinagleBudget returns Finagle's RetryBudget() defaults: TTL 10 s,
// PercentCanRetry 0.2, MinRetriesPerSec 10.
func DefaultFinagleBudget() FinagleBudgetConfig {
	return FinagleBudgetConfig{TTL: 10 * time.Second, PercentCanRetry: 0.2, MinRetriesPerSec: 10}
}

// finagleScale is Finagle's TokenRetryBudget.ScaleFactor: balances are
// kept in thousandths of a request, so fractional rates need no floats.
const finagleScale = 1000

// finagleSlices is the number of slices of Finagle's leaky token bucket
// (a WindowedAdder over the TTL in 10 slices).
const finagleSlices = 10

// FinagleBudget is Finagle's retry budget (com.twitter.finagle.service.
// RetryBudget, a TokenRetryBudget over TokenBucket.newLeakyBucket): every
// request (first attempt) deposits PercentCanRetry; a retry withdraws 1 if
// the balance allows; deposits and withdrawals both expire after TTL. So
//
//	balance = PercentCanRetry x (requests in the last TTL)
//	        + MinRetriesPerSec x TTL - (retries in the last TTL)
//
// and a retry is admitted while balance >= 1. As in Finagle, amounts are
// integers: a deposit is 1000, a withdrawal 1000/PercentCanRetry
// (truncated; 1 if PercentCanRetry is 0), the reserve MinRetriesPerSec x
// whole seconds of TTL x the withdrawal. "The last TTL" is the current
// slice and the 9 before it, each TTL/10 long, as Finagle's WindowedAdder
// keeps them: memory is bounded and each call O(1). First attempts are
// always admitted. Results do not matter: Done does nothing.
//
// At 100% failure with no reserve, retries settle at PercentCanRetry per
// request: attempts per request tend to 1 + PercentCanRetry.
type FinagleBudget struct {
	cfg                 FinagleBudgetConfig
	deposit, withdrawal int64
	reserve             int64
	w                   *window // one counter: deposits minus withdrawals
	stats               Stats
}

// NewFinagleBudget checks cfg and returns a budget holding only its
// reserve.
func NewFinagleBudget(cfg FinagleBudgetConfig) (*FinagleBudget, error) {
	switch {
	case cfg.TTL < time.Second || cfg.TTL > time.Minute:
		return nil, fmt.Errorf("finagle-retry-budget: ttl must be in [1s, 60s], got %v", cfg.TTL)
	case math.IsNaN(cfg.PercentCanRetry) || cfg.PercentCanRetry < 0 || cfg.PercentCanRetry > finagleScale:
		return nil, fmt.Errorf("finagle-retry-budget: percent can retry must be in [0, 1000], got %v", cfg.PercentCanRetry)
	case cfg.MinRetriesPerSec < 0:
		return nil, fmt.Errorf("finagle-retry-budget: min retries per second must not be negative, got %d", cfg.MinRetriesPerSec)
	}
	f := &FinagleBudget{cfg: cfg, withdrawal: 1}
	if cfg.PercentCanRetry > 0 {
		f.deposit = finagleScale
		f.withdrawal = int64(finagleScale / cfg.PercentCanRetry)
	}
	f.reserve = int64(cfg.MinRetriesPerSec) * int64(cfg.TTL/time.Second) * f.withdrawal
	w, err := newWindow(cfg.TTL, finagleSlices, 1)
	if err != nil {
		return nil, fmt.Errorf("finagle-retry-budget: %w", err)
	}
	f.w = w
	return f, nil
}

// Admit deposits for a first attempt and admits it; it admits a retry, and
// withdraws for it, while the balance is at least one retry.
func (f *FinagleBudget) Admit(now sim.Time, retry bool, _ *sim.Rand) bool {
	if !retry {
		if f.deposit != 0 {
			f.w.add(now, 0, f.deposit)
		}
		return f.stats.count(false, true)
	}
	ok := f.reserve+f.w.sum(now, 0) >= f.withdrawal
	if ok {
		f.w.add(now, 0, -f.withdrawal)
	}
	return f.stats.count(true, ok)
}

// Done does nothing: a Finagle budget does not look at results.
func (f *FinagleBudget) Done(sim.Time, bool, bool, bool) {}

// Name returns "finagle-retry-budget".
func (f *FinagleBudget) Name() string { return "finagle-retry-budget" }

// Balance returns the retries that could be made at now, as Finagle's
// RetryBudget.balance computes it (an integer division of the tokens by
// the withdrawal; negative when expired deposits leave withdrawals
// uncovered).
func (f *FinagleBudget) Balance(now sim.Time) int64 {
	return (f.reserve + f.w.sum(now, 0)) / f.withdrawal
}

// Stats returns the decisions counted so far.
func (f *FinagleBudget) Stats() Stats { return f.stats }
