package retry

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// AWSQuotaConfig configures AWSQuota; its fields are the constants of the
// AWS SDKs' "standard" retry mode.
// The defaults are the standard mode's constants.
type AWSQuotaConfig struct {
	// Capacity is the quota's size and starting balance
	// (INITIAL_RETRY_TOKENS).
	Capacity int `knob:"capacity" default:"500" min:"1" max:"1000000000" unit:"tokens" doc:"the quota's size and starting balance (the SDKs' INITIAL_RETRY_TOKENS)"`
	// RetryCost is what a retry after an error answer costs (RETRY_COST).
	RetryCost int `knob:"retry_cost" default:"5" min:"0" max:"1000000000" unit:"tokens" doc:"what a retry after an error answer takes (RETRY_COST)"`
	// TimeoutCost is what a retry after a timeout costs
	// (TIMEOUT_RETRY_COST).
	TimeoutCost int `knob:"timeout_cost" default:"10" min:"0" max:"1000000000" unit:"tokens" doc:"what a retry after a timeout takes (TIMEOUT_RETRY_COST)"`
	// NoRetryIncrement is what a first attempt that succeeds adds
	// (NO_RETRY_INCREMENT).
	NoRetryIncrement int `knob:"no_retry_increment" default:"1" min:"0" max:"1000000000" unit:"tokens" doc:"what a call that succeeds at its first attempt gives back (NO_RETRY_INCREMENT)"`
}

// DefaultAWSQuota returns the declared defaults, the standard mode's
// constants: Capacity 500, RetryCost 5, TimeoutCost 10, NoRetryIncrement 1.
func DefaultAWSQuota() AWSQuotaConfig { return knob.Defaults[AWSQuotaConfig]() }

// NewControl returns a new AWSQuota of c.
func (c AWSQuotaConfig) NewControl() (Control, error) { return NewAWSQuota(c) }

// AWSQuota is the retry quota of the AWS SDKs' "standard" retry mode (AWS
// SDKs and Tools Reference Guide, "Retry behavior"; the SDKs' retry
// quota, e.g. aws-sdk-go-v2 retry.Standard or aws-sdk-js-v3
// defaultRetryQuota): a client-wide token balance starts at Capacity; a
// retry is sent only if the balance covers its cost (TimeoutCost if the
// previous attempt of its call timed out, RetryCost otherwise), which it
// then takes; a first attempt that succeeds adds NoRetryIncrement, and a
// retry that succeeds gives back the cost it took; the balance never
// exceeds Capacity. First attempts are always sent. Failures return
// nothing, so at 100% failure the quota runs dry after Capacity/RetryCost
// retries and attempts per call tend to 1. (The mode's other parts, at
// most 3 attempts and full-jitter backoff capped at 20 s, belong to the
// caller's policy and its Backoff.)
//
// AWSQuota implements Charged: through Begin, a retry after a timeout is
// charged TimeoutCost and refunded exactly what it was charged. Through
// the plain Admit and Done every retry costs RetryCost.
type AWSQuota struct {
	cfg     AWSQuotaConfig
	balance int
	stats   Stats
}

// NewAWSQuota checks cfg and returns a full quota.
func NewAWSQuota(cfg AWSQuotaConfig) (*AWSQuota, error) {
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("aws-quota: %w", err)
	}
	return &AWSQuota{cfg: cfg, balance: cfg.Capacity}, nil
}

// Admit admits every first attempt; a retry is AdmitRetryAfter an error
// answer (it costs RetryCost).
func (q *AWSQuota) Admit(now sim.Time, retry bool, r *sim.Rand) bool {
	if !retry {
		return q.stats.count(false, true)
	}
	_, ok := q.AdmitRetryAfter(now, false, r)
	return ok
}

// AdmitRetryAfter admits a retry if the balance covers its cost,
// TimeoutCost after a timeout and RetryCost after an error answer, and
// takes that cost, which it returns as the charge.
func (q *AWSQuota) AdmitRetryAfter(_ sim.Time, timedOut bool, _ *sim.Rand) (charge int, ok bool) {
	cost := q.cfg.RetryCost
	if timedOut {
		cost = q.cfg.TimeoutCost
	}
	if cost > q.balance {
		return 0, q.stats.count(true, false)
	}
	q.balance -= cost
	return cost, q.stats.count(true, true)
}

// Done adds NoRetryIncrement for a first attempt that succeeded and gives
// back RetryCost for a retry that succeeded (a retry admitted by Admit).
func (q *AWSQuota) Done(_ sim.Time, retry bool, ok, _ bool) {
	switch {
	case !ok:
	case retry:
		q.refund(q.cfg.RetryCost)
	default:
		q.refund(q.cfg.NoRetryIncrement)
	}
}

// DoneCharged gives back the charge of a retry that succeeded.
func (q *AWSQuota) DoneCharged(_ sim.Time, charge int, ok, _ bool) {
	if ok {
		q.refund(charge)
	}
}

func (q *AWSQuota) refund(n int) { q.balance = min(q.cfg.Capacity, q.balance+n) }

// Name returns "aws-quota".
func (q *AWSQuota) Name() string { return "aws-quota" }

// Balance returns the tokens left.
func (q *AWSQuota) Balance() int { return q.balance }

// Stats returns the decisions counted so far.
func (q *AWSQuota) Stats() Stats { return q.stats }
