package retry

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// FinagleBudgetConfig configures FinagleBudget; its fields are the
// arguments of Finagle's RetryBudget(ttl, minRetriesPerSec,
// percentCanRetry), which linkerd 1 exposes as a retry budget too.
// The defaults and limits are Finagle's.
type FinagleBudgetConfig struct {
	// TTL is how long a deposit lasts.
	TTL sim.Time `knob:"ttl" default:"10s" min:"1s" max:"60s" why:"Finagle's limits" doc:"how long a request's deposit lasts"`
	// PercentCanRetry is the retries each request earns (0.2 means one
	// retry per 5 requests).
	PercentCanRetry float64 `knob:"percent_can_retry" default:"0.2" min:"0" max:"1000" unit:"retries per request" want:"a fraction of requests from 0 to 1000, like 0.2 for 20%" doc:"the retries each request earns, as a fraction: 0.2 is one retry per 5 requests"`
	// MinRetriesPerSec is a reserve of retries per second of TTL that
	// needs no requests.
	MinRetriesPerSec int `knob:"min_retries_per_sec" default:"10" min:"0" max:"1000000000" unit:"retries/s" doc:"the retry rate always allowed, however few requests there are"`
}

// DefaultFinagleBudget returns the declared defaults, those of Finagle's
// RetryBudget(): TTL 10 s, PercentCanRetry 0.2, MinRetriesPerSec 10.
func DefaultFinagleBudget() FinagleBudgetConfig { return knob.Defaults[FinagleBudgetConfig]() }

// NewControl returns a new FinagleBudget of c.
func (c FinagleBudgetConfig) NewControl() (Control, error) { return NewFinagleBudget(c) }

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
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("finagle-retry-budget: %w", err)
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
