package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Tap is a Target that sits between a sender (a population) and its target
// and forwards everything unchanged, telling an OutcomeObserver how each
// request ended: ok if the target answered OK by the request's deadline;
// failed if it answered anything else, or nothing by the deadline (counted
// at the deadline; the late answer is still forwarded). So it counts what
// the sender's users count, request by request.
//
// Cost: one timer per request with a deadline. Reading a population's
// totals with PopulationOutcomes costs nothing per request and gives the
// same counts; a Tap is for senders that keep no totals, or for feeding an
// observer request by request.
//
// A Tap has the name of its target and offers Inner and SetInner, so a
// reroute of the sender's calls passes through it.
type Tap struct {
	engine *sim.Engine
	inner  models.Target
	obs    OutcomeObserver
	free   []*tapCall
	expire tapExpire
}

// NewTap returns a tap in front of inner that reports to obs.
func NewTap(e *sim.Engine, inner models.Target, obs OutcomeObserver) (*Tap, error) {
	if e == nil || inner == nil || obs == nil {
		return nil, fmt.Errorf("tap: needs an engine, a target and an observer")
	}
	t := &Tap{engine: e, inner: inner, obs: obs}
	t.expire.t = t
	return t, nil
}

// Name returns the name of the target tapped.
func (t *Tap) Name() string { return t.inner.Name() }

// Inner returns the target tapped.
func (t *Tap) Inner() models.Target { return t.inner }

// SetInner makes the tap forward to target from now on.
func (t *Tap) SetInner(target models.Target) { t.inner = target }

// Submit forwards r to the target, watching for its answer.
func (t *Tap) Submit(now sim.Time, r *models.Request) {
	c := t.get()
	c.orig = r.Replier
	c.deadline = r.Deadline
	r.Replier = c
	if r.Deadline > 0 {
		c.timer = t.engine.At(max(r.Deadline, now), &t.expire, c)
	}
	t.inner.Submit(now, r)
}

// tapCall is one request going through a tap: the replier to give it back
// to, and its deadline.
type tapCall struct {
	t        *Tap
	orig     models.Replier
	deadline sim.Time
	timer    sim.Timer
	observed bool
}

// Reply counts the answer (unless the deadline already passed) and
// forwards it to the sender.
func (c *tapCall) Reply(now sim.Time, r *models.Request, o models.Outcome) {
	t := c.t
	if !c.observed {
		t.engine.Cancel(c.timer)
		t.obs.Observe(now, o == models.OK && (c.deadline == 0 || now <= c.deadline))
	}
	orig := c.orig
	r.Replier = orig
	t.put(c)
	orig.Reply(now, r, o)
}

type tapExpire struct{ t *Tap }

// Fire counts a request unanswered at its deadline as failed.
func (h *tapExpire) Fire(now sim.Time, data any) {
	c := data.(*tapCall)
	c.observed = true
	h.t.obs.Observe(now, false)
}

func (t *Tap) get() *tapCall {
	if n := len(t.free); n > 0 {
		c := t.free[n-1]
		t.free = t.free[:n-1]
		return c
	}
	return &tapCall{t: t}
}

func (t *Tap) put(c *tapCall) {
	*c = tapCall{t: t}
	t.free = append(t.free, c)
}
