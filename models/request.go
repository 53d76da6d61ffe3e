package models

import "github.com/cascade-sim/cascade/sim"

// Outcome is how a target answered a request.
type Outcome uint8

const (
	// OK means the request was served.
	OK Outcome = iota
	// Rejected means the target refused it: queue full, or shed.
	Rejected
	// Unavailable means the target was down when the request arrived or
	// while it waited.
	Unavailable
	// Aborted means the target went down (or restarted) while serving it.
	Aborted
	// Failed means a call the target needed for the request failed.
	Failed
	// TimedOut means a client gave up on it: the per-attempt timeouts or
	// the deadline ran out.
	TimedOut
	// Throttled means a client's retry control refused to send it.
	Throttled
	// Dropped means the target skipped it because its caller had already
	// given up (cancellation).
	Dropped

	numOutcomes
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
	case Failed:
		return "failed"
	case TimedOut:
		return "timed_out"
	case Throttled:
		return "throttled"
	case Dropped:
		return "dropped"
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
// a target must not keep a request after replying to it, and a sender must
// not reuse one before its target replied.
type Request struct {
	// Issued is when the request was sent.
	Issued sim.Time
	// Deadline is when the sender (or the user at the origin of the chain)
	// gives up; 0 means never. It travels with the request: calls made on
	// its behalf carry the same or an earlier deadline.
	Deadline sim.Time
	// Cancelled is set by a sender that gave up and asks the target to
	// drop the request if it has not started it.
	Cancelled bool
	// Replier is told the outcome.
	Replier Replier

	// id identifies this use of the request: it changes every time the
	// request is taken from a pool, so that a late answer to a call made
	// on behalf of an earlier use can be recognised and ignored.
	id uint64

	// Fields owned by the target while it holds the request.
	arrived sim.Time  // when it reached the target
	timer   sim.Timer // its completion event while in service
	slot    int       // its index in the target's in-service list, -1 if none
	step    int       // a service: the index of the call in progress
	state   any       // target-specific state (a client's call)

	// Fields owned by the sender.
	parent     *Request  // the request this one was sent on behalf of
	parentID   uint64    // parent.id when this one was sent
	tag        int       // sender-specific (a token cache: the instance)
	userDone   bool      // the sender has counted the request (answered or timed out)
	targetDone bool      // the target has replied
	deadline   sim.Timer // the sender's timeout
}

// staleParent reports whether the request this one was sent for has since
// finished and been reused.
func (r *Request) staleParent() bool { return r.parent == nil || r.parent.id != r.parentID }

// requestPool recycles the requests one sender sends.
type requestPool struct {
	free   []*Request
	nextID uint64 // ids only need to differ between uses of one object
	live   *int64 // the Env's InFlight
}

func (p *requestPool) get() *Request {
	var r *Request
	if n := len(p.free); n > 0 {
		r = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		r = &Request{}
	}
	p.nextID++
	r.id = p.nextID
	r.slot = -1
	if p.live != nil {
		*p.live++
	}
	return r
}

func (p *requestPool) put(r *Request) {
	*r = Request{}
	p.free = append(p.free, r)
	if p.live != nil {
		*p.live--
	}
}
