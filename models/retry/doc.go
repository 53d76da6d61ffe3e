// Package retry holds the retry controls of cascade's clients: backoff
// schedules with jitter, and the rules production systems use to decide
// whether an attempt may be sent at all (gRPC retry throttling, Envoy and
// Finagle retry budgets, Google SRE adaptive throttling, the AWS SDK retry
// quota and the Hystrix circuit breaker).
//
// Each rule lives in one file, with a doc comment that cites the system's
// own definition and defaults. Nothing here schedules events, reads the
// clock or keeps global state: the caller passes the virtual time and a
// *sim.Rand to every call, so a control is deterministic and cheap (O(1)
// per call, bounded memory).
//
// A client uses a control like this: before each attempt it asks Admit (a
// refused attempt is not sent and fails locally, "throttled"); when an
// admitted attempt ends it reports Done. Between attempts it waits the
// delay a Backoff gives. Controls whose price for a retry depends on how
// the previous attempt failed (AWSQuota) also implement Charged; Begin and
// Attempt.End use it when it is there and fall back to Admit and Done
// otherwise.
package retry
