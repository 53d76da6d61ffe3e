package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// probeLoop is the mechanism health checks and end-to-end probes share:
// every interval a request with a deadline goes to a target; a probe
// fails if the answer is not OK or does not come within the timeout. The
// loop goes down when at least fails of the last window results failed
// (window == fails: that many in a row), and up again after rise
// successes in a row. Results count in the order they come in.
type probeLoop struct {
	core
	target   models.Target
	interval sim.Time
	timeout  sim.Time
	phase    sim.Time
	fails    int // failures among the last window results that trip it
	window   int
	rise     int // successes in a row that bring it back

	ring    []probeResult // the last window results, oldest at head once full
	head    int
	failed  int      // failures in ring
	okRun   int      // successes in a row while down
	okSince sim.Time // send time of the first of them

	sent, succeeded int64

	sending sim.Timer
	tick    tickHandler
	expire  probeTimeout
}

// probeResult is the outcome of one probe and when it was sent.
type probeResult struct {
	sent sim.Time
	ok   bool
}

// newProbeLoop checks and builds the shared mechanism.
func newProbeLoop(env *models.Env, kind, name string, resp Response, target models.Target, interval, timeout, phase sim.Time, fails, window, rise int) (*probeLoop, error) {
	c, err := newCore(env, kind, name, resp)
	if err != nil {
		return nil, err
	}
	switch {
	case target == nil:
		return nil, fmt.Errorf("%s %q: no target", kind, name)
	case interval <= 0 || timeout <= 0:
		return nil, fmt.Errorf("%s %q: interval and timeout must be positive, got %v and %v", kind, name, interval, timeout)
	case phase < 0:
		return nil, fmt.Errorf("%s %q: phase must not be negative, got %v", kind, name, phase)
	case fails < 1 || window < fails:
		return nil, fmt.Errorf("%s %q: need 1 <= failures to trip <= window, got %d and %d", kind, name, fails, window)
	case rise < 1:
		return nil, fmt.Errorf("%s %q: successes to recover must be at least 1, got %d", kind, name, rise)
	}
	l := &probeLoop{
		core: c, target: target, interval: interval, timeout: timeout, phase: phase,
		fails: fails, window: window, rise: rise, ring: make([]probeResult, 0, window),
	}
	l.tick.l = l
	l.expire.l = l
	return l, nil
}

// Start sends the first probe after the phase, then one every interval
// until Stop or the horizon.
func (l *probeLoop) Start() {
	l.env.Engine.Cancel(l.sending)
	l.schedule(l.env.Engine.Now() + l.phase)
}

// Stop sends no more probes; those in flight still count.
func (l *probeLoop) Stop() { l.env.Engine.Cancel(l.sending) }

// Probes returns how many probes were sent and how many succeeded.
func (l *probeLoop) Probes() (sent, succeeded int64) { return l.sent, l.succeeded }

func (l *probeLoop) schedule(t sim.Time) {
	if l.env.Horizon > 0 && t >= l.env.Horizon {
		return
	}
	l.sending = l.env.Engine.At(t, &l.tick, nil)
}

type tickHandler struct{ l *probeLoop }

// Fire sends one probe and schedules the next.
func (h *tickHandler) Fire(now sim.Time, _ any) {
	l := h.l
	l.schedule(sim.Later(now, l.interval))
	l.sent++
	p := &probeCall{l: l, sent: now}
	p.Issued = now
	p.Deadline = sim.Later(now, l.timeout)
	p.Replier = p
	p.timer = l.env.Engine.At(p.Deadline, &l.expire, p)
	l.target.Submit(now, &p.Request)
}

// probeCall is one probe in flight. Each is a new request, so that no
// target can take a late answer to an old probe for a newer one.
type probeCall struct {
	models.Request
	l     *probeLoop
	sent  sim.Time
	timer sim.Timer
	done  bool // the result is counted: answered or timed out
}

// Reply counts the target's answer, unless the probe already timed out.
func (p *probeCall) Reply(now sim.Time, _ *models.Request, o models.Outcome) {
	if p.done {
		return
	}
	p.done = true
	p.l.env.Engine.Cancel(p.timer)
	p.l.result(now, p.sent, o == models.OK)
}

type probeTimeout struct{ l *probeLoop }

// Fire counts a probe that got no answer within the timeout as failed.
func (h *probeTimeout) Fire(now sim.Time, data any) {
	p := data.(*probeCall)
	if p.done {
		return
	}
	p.done = true
	p.Cancelled = true
	h.l.result(now, p.sent, false)
}

// result counts one probe's outcome at now.
func (l *probeLoop) result(now, sent sim.Time, ok bool) {
	if ok {
		l.succeeded++
	}
	if l.down {
		if !ok {
			l.okRun = 0
			return
		}
		if l.okRun == 0 {
			l.okSince = sent
		}
		l.okRun++
		if l.okRun >= l.rise {
			l.ring, l.head, l.failed, l.okRun = l.ring[:0], 0, 0, 0
			l.recover(now, l.okSince, fmt.Sprintf("%d probes in a row succeeded", l.rise))
		}
		return
	}
	r := probeResult{sent: sent, ok: ok}
	if len(l.ring) < l.window {
		l.ring = append(l.ring, r)
	} else {
		if !l.ring[l.head].ok {
			l.failed--
		}
		l.ring[l.head] = r
		l.head = (l.head + 1) % l.window
	}
	if !ok {
		l.failed++
	}
	if l.failed < l.fails {
		return
	}
	since := now
	for _, x := range l.ring {
		if !x.ok && x.sent < since {
			since = x.sent
		}
	}
	l.okRun = 0
	what := fmt.Sprintf("%d probes in a row failed", l.fails)
	if l.window > l.fails {
		what = fmt.Sprintf("%d of the last %d probes failed", l.failed, len(l.ring))
	}
	l.fire(now, since, what)
}
