package models

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/retry"
	"github.com/cascade-sim/cascade/sim"
)

// ClientPolicy is how a caller calls a target: timeouts, retries, backoff
// and a retry control.
type ClientPolicy struct {
	// Name identifies the policy (the scenario's client name).
	Name string
	// Timeout is the per-attempt timeout; 0 means none.
	Timeout sim.Time
	// Deadline bounds one call, retries included; 0 means none. The
	// caller's own deadline (the request's) always applies too.
	Deadline sim.Time
	// Retries is the most retries after the first attempt.
	Retries int
	// Backoff gives the delay before each retry; nil retries at once.
	Backoff *retry.Backoff
	// NewControl makes the retry control of one client (call site); nil
	// means none.
	NewControl func() (retry.Control, error)
	// CancelOnTimeout marks an attempt that timed out as cancelled, so a
	// target with cancellation skips it.
	CancelOnTimeout bool
}

// Client calls a target on behalf of a caller, with a policy. It is itself
// a Target: a caller submits its request to the client, which sends
// attempts to the real target, retries, and answers the caller once.
// Attempts carry the earlier of the call's deadline and the attempt's
// timeout, so deadlines travel down the call chain.
//
// Series (component = "caller→target"): "calls_per_s", "attempts_per_s",
// "retries_per_s", "timeouts_per_s", "throttled_per_s" (refused by the
// retry control) and "failed_per_s" (calls that failed in the end).
type Client struct {
	policy  ClientPolicy
	env     *Env
	name    string
	target  Target
	control retry.Control
	rng     *sim.Rand

	calls, attempts, retries, timeouts, throttled, failed *sim.Counter

	pool      requestPool
	freeCalls []*clientCall
	expire    attemptExpired
	resume    backoffOver
}

// clientCall is the state of one call in progress.
type clientCall struct {
	r         *Request // the caller's request
	sent      int      // attempts sent so far
	deadline  sim.Time // of the whole call; 0 none
	prevDelay sim.Time
	current   *Request // the attempt in flight, or nil
	timer     sim.Timer
	last      Outcome       // of the previous attempt
	att       retry.Attempt // the retry control's record of the attempt in flight
}

// NewClient creates the client through which caller calls target.
func NewClient(env *Env, caller string, target Target, p ClientPolicy) (*Client, error) {
	switch {
	case target == nil:
		return nil, fmt.Errorf("client %q of %s: no target", p.Name, caller)
	case p.Timeout < 0 || p.Deadline < 0 || p.Retries < 0:
		return nil, fmt.Errorf("client %q of %s: timeout, deadline and retries must not be negative", p.Name, caller)
	}
	var control retry.Control = retry.None{}
	if p.NewControl != nil {
		c, err := p.NewControl()
		if err != nil {
			return nil, fmt.Errorf("client %q of %s: %w", p.Name, caller, err)
		}
		control = c
	}
	name := caller + "→" + target.Name()
	rec := env.Recorder
	c := &Client{
		policy:    p,
		env:       env,
		name:      name,
		target:    target,
		control:   control,
		rng:       env.Streams.Stream("client/" + name),
		calls:     rec.Counter(name, MetricCallsPerS, sim.PerSecond),
		attempts:  rec.Counter(name, MetricAttemptsPerS, sim.PerSecond),
		retries:   rec.Counter(name, MetricRetriesPerS, sim.PerSecond),
		timeouts:  rec.Counter(name, MetricTimeoutsPerS, sim.PerSecond),
		throttled: rec.Counter(name, MetricThrottledPerS, sim.PerSecond),
		failed:    rec.Counter(name, MetricFailedPerS, sim.PerSecond),
	}
	c.expire.c = c
	c.resume.c = c
	c.pool.live = &env.InFlight
	return c, nil
}

// SetRetries sets the most retries after the first attempt to n (>= 0)
// from now on; calls in progress may retry up to the new number, and a
// call that has already made more stops at its next failure.
func (c *Client) SetRetries(now sim.Time, n int) error {
	if n < 0 {
		return fmt.Errorf("client %s: retries must not be negative, got %d", c.name, n)
	}
	c.policy.Retries = n
	return nil
}

// Policy returns the name of the client's policy.
func (c *Client) Policy() string { return c.policy.Name }

// Name returns "caller→target".
func (c *Client) Name() string { return c.name }

// Inner returns the target the client calls.
func (c *Client) Inner() Target { return c.target }

// SetInner makes the client call t from now on (a reroute).
func (c *Client) SetInner(t Target) { c.target = t }

// Control returns the client's retry control.
func (c *Client) Control() retry.Control { return c.control }

// CallStats are a client's totals.
type CallStats struct {
	Calls, Attempts, Retries, Timeouts, Throttled, Failed float64
}

// Stats returns the client's totals over the run.
func (c *Client) Stats() CallStats {
	return CallStats{
		Calls: c.calls.Total(), Attempts: c.attempts.Total(), Retries: c.retries.Total(),
		Timeouts: c.timeouts.Total(), Throttled: c.throttled.Total(), Failed: c.failed.Total(),
	}
}

// Submit starts a call on behalf of r.
func (c *Client) Submit(now sim.Time, r *Request) {
	c.calls.Inc(now)
	cs := c.getCall()
	cs.r = r
	cs.deadline = r.Deadline
	if d := c.policy.Deadline; d > 0 && (cs.deadline == 0 || sim.Later(now, d) < cs.deadline) {
		cs.deadline = sim.Later(now, d)
	}
	r.state = cs
	c.send(now, cs, false, OK)
}

// send sends the next attempt of cs, if the deadline has not passed and
// the retry control admits it; last is the outcome of the previous attempt.
// A call whose deadline has passed fails at once without sending (as gRPC
// does); a refused first attempt fails Throttled, a refused retry with the
// previous attempt's outcome.
func (c *Client) send(now sim.Time, cs *clientCall, isRetry bool, last Outcome) {
	if cs.deadline > 0 && cs.deadline <= now {
		c.finish(now, cs, TimedOut)
		return
	}
	att, ok := retry.Begin(c.control, now, isRetry, cs.last == TimedOut, c.rng)
	if !ok {
		c.throttled.Inc(now)
		if isRetry {
			c.finish(now, cs, last)
		} else {
			c.finish(now, cs, Throttled)
		}
		return
	}
	cs.att = att
	cs.sent++
	c.attempts.Inc(now)
	if isRetry {
		c.retries.Inc(now)
	}
	a := c.pool.get()
	a.Issued = now
	a.Deadline = cs.deadline
	if t := c.policy.Timeout; t > 0 && (a.Deadline == 0 || sim.Later(now, t) < a.Deadline) {
		a.Deadline = sim.Later(now, t)
	}
	a.Replier = c
	a.parent, a.parentID = cs.r, cs.r.id
	cs.current = a
	if a.Deadline > 0 {
		cs.timer = c.env.Engine.At(a.Deadline, &c.expire, cs)
	}
	c.target.Submit(now, a)
}

// Reply receives the target's answer to an attempt.
func (c *Client) Reply(now sim.Time, a *Request, o Outcome) {
	if a.userDone { // the attempt timed out earlier; nobody waits for it
		c.pool.put(a)
		return
	}
	cs := a.parent.state.(*clientCall)
	c.pool.put(a)
	cs.current = nil
	c.env.Engine.Cancel(cs.timer)
	cs.att.End(now, o == OK, false)
	if o == OK {
		c.finish(now, cs, OK)
		return
	}
	c.retryOrFail(now, cs, o)
}

type attemptExpired struct{ c *Client }

// Fire gives up on the attempt in flight: its timeout or the call's
// deadline passed.
func (h *attemptExpired) Fire(now sim.Time, data any) {
	c := h.c
	cs := data.(*clientCall)
	a := cs.current
	a.userDone = true // recycled when the target answers
	a.Cancelled = c.policy.CancelOnTimeout
	cs.current = nil
	c.timeouts.Inc(now)
	cs.att.End(now, false, true)
	c.retryOrFail(now, cs, TimedOut)
}

// retryOrFail schedules a retry after the backoff delay, or ends the call
// with outcome o when no retry is left, the deadline would pass first, or
// the retry control refuses.
func (c *Client) retryOrFail(now sim.Time, cs *clientCall, o Outcome) {
	if cs.sent > c.policy.Retries || (cs.deadline > 0 && now >= cs.deadline) {
		c.finish(now, cs, o)
		return
	}
	var delay sim.Time
	if c.policy.Backoff != nil {
		delay = c.policy.Backoff.Delay(cs.sent, cs.prevDelay, c.rng)
		cs.prevDelay = delay
	}
	if cs.deadline > 0 && sim.Later(now, delay) >= cs.deadline {
		c.finish(now, cs, o)
		return
	}
	cs.last = o
	if delay == 0 {
		c.send(now, cs, true, o)
		return
	}
	cs.timer = c.env.Engine.After(delay, &c.resume, cs)
}

type backoffOver struct{ c *Client }

// Fire sends the retry a backoff delay was waiting for.
func (h *backoffOver) Fire(now sim.Time, data any) {
	cs := data.(*clientCall)
	h.c.send(now, cs, true, cs.last)
}

// finish answers the caller and recycles the call.
func (c *Client) finish(now sim.Time, cs *clientCall, o Outcome) {
	r := cs.r
	*cs = clientCall{}
	c.freeCalls = append(c.freeCalls, cs)
	r.state = nil
	if o != OK {
		c.failed.Inc(now)
	}
	r.Replier.Reply(now, r, o)
}

func (c *Client) getCall() *clientCall {
	if n := len(c.freeCalls); n > 0 {
		cs := c.freeCalls[n-1]
		c.freeCalls = c.freeCalls[:n-1]
		return cs
	}
	return &clientCall{}
}
