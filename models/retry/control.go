package retry

import "github.com/cascade-sim/cascade/sim"

// Control decides whether an attempt may be sent and learns from results.
// Each implementation is one production system's rule, in one place, with
// a doc comment citing that system's definition and defaults.
//
// The caller owns time and randomness: now must not go backwards between
// calls, and every random draw comes from r. A control is not safe for
// concurrent use; like everything on the engine it runs on one goroutine.
type Control interface {
	// Admit is asked before each attempt (retry=false for the first
	// attempt of a call, true for retries). false means the attempt is not
	// sent: the caller fails it locally ("throttled"), and must not call
	// Done for it.
	Admit(now sim.Time, retry bool, r *sim.Rand) bool
	// Done reports how an admitted attempt ended: ok, or failed; timedOut
	// distinguishes a timeout from an error answer. retry is the value
	// given to Admit for the same attempt.
	Done(now sim.Time, retry bool, ok, timedOut bool)
	// Name names the rule, e.g. "grpc-throttling".
	Name() string
}

// Charged is implemented by controls whose price for a retry depends on
// how the previous attempt of the same call failed, and which settle
// exactly that price when the retry ends. AWSQuota is one: a retry after a
// timeout costs more than one after an error answer, and a retry that
// succeeds refunds what it cost.
//
// Callers that know why the previous attempt failed use Begin and
// Attempt.End, which call these methods when a control has them. Through
// the plain Control methods such a control prices every retry as if the
// previous attempt had failed with an error answer.
type Charged interface {
	Control
	// AdmitRetryAfter decides on a retry whose previous attempt timed out
	// (timedOut) or failed with an error answer. If ok, charge is what the
	// retry was charged; hand it back to DoneCharged when the retry ends.
	AdmitRetryAfter(now sim.Time, timedOut bool, r *sim.Rand) (charge int, ok bool)
	// DoneCharged reports how a retry admitted by AdmitRetryAfter ended,
	// with the charge it returned. It replaces Done for that attempt.
	DoneCharged(now sim.Time, charge int, ok, timedOut bool)
}

// Attempt is one attempt that a control admitted, as Begin returns it. The
// caller keeps it (a small value, no allocation) until the attempt ends
// and then calls End exactly once.
type Attempt struct {
	c       Control
	retry   bool
	charged bool
	charge  int
}

// Begin asks c whether an attempt may be sent. retry is false for the
// first attempt of a call; prevTimedOut says whether the previous attempt
// of the call timed out (ignored for a first attempt). A control that
// implements Charged is asked AdmitRetryAfter for a retry; any other is
// asked Admit. If ok is false the attempt must not be sent and End must not
// be called.
func Begin(c Control, now sim.Time, retry, prevTimedOut bool, r *sim.Rand) (a Attempt, ok bool) {
	if retry {
		if ch, is := c.(Charged); is {
			charge, ok := ch.AdmitRetryAfter(now, prevTimedOut, r)
			return Attempt{c: c, retry: true, charged: true, charge: charge}, ok
		}
	}
	return Attempt{c: c, retry: retry}, c.Admit(now, retry, r)
}

// Retry reports whether the attempt is a retry.
func (a Attempt) Retry() bool { return a.retry }

// End reports to the attempt's control how it ended: ok, or failed, by a
// timeout (timedOut) or an error answer.
func (a Attempt) End(now sim.Time, ok, timedOut bool) {
	if a.charged {
		a.c.(Charged).DoneCharged(now, a.charge, ok, timedOut)
		return
	}
	a.c.Done(now, a.retry, ok, timedOut)
}

// None is the control that admits every attempt: retries limited only by
// the caller's own policy (attempt count, deadline). It keeps no state, so
// its zero value is ready and it has no Stats.
type None struct{}

// Admit admits every attempt.
func (None) Admit(sim.Time, bool, *sim.Rand) bool { return true }

// Done does nothing.
func (None) Done(sim.Time, bool, bool, bool) {}

// Name returns "none".
func (None) Name() string { return "none" }
