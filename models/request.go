package models

import "github.com/cascade-sim/cascade/sim"

// Outcome is how a target answered a request.
type Outcome uint8

const (
	// OK means the request was served.
	OK Outcome = iota
	// Rejected means the target's queue was full.
	Rejected
	// Unavailable means the target was down when the request arrived or
	// while it waited.
	Unavailable
	// Aborted means the target went down while serving the request.
	Aborted
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case OK:
		return "ok"
	case Rejected:
		return "rejected"
	case Unavailable:
		return "unavailable"
	case Aborted:
		return "aborted"
	}
	return "unknown"
}

// Replier is told how a request ended. Targets call Reply exactly once per
// request they were given.
type Replier interface {
	Reply(now sim.Time, r *Request, o Outcome)
}

// Target is anything that accepts requests.
type Target interface {
	// Name identifies the target in logs and outputs.
	Name() string
	// Submit hands a request to the target at time now.
	Submit(now sim.Time, r *Request)
}

// Request is one call to one target. Requests are pooled by their senders:
// a target must not keep a request after replying to it.
type Request struct {
	// Issued is when the user sent the request.
	Issued sim.Time
	// Deadline is when the user gives up; 0 means never.
	Deadline sim.Time
	// Replier is told the outcome.
	Replier Replier

	// Fields owned by the target while it holds the request.
	arrived sim.Time  // when it reached the target
	timer   sim.Timer // its completion event while in service
	slot    int       // its index in the target's in-service list

	// Fields owned by the sender.
	userDone   bool      // the user has counted the request (answered or timed out)
	targetDone bool      // the target has replied
	deadline   sim.Timer // the user's timeout
}
