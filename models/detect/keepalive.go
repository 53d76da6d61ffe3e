package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// keepalive is the mechanism BFD and LACP share: a control packet every
// interval over a Prober; the session is declared down when no packet
// has arrived for mult intervals (the detection time), and up again when
// one arrives.
//
// Cost: one event per packet sent, plus the detection timer, which is
// re-armed lazily (when it expires it moves to the last arrival plus the
// detection time instead of being cancelled on every arrival), so a
// healthy session costs about mult/(mult-1) events per interval more.
type keepalive struct {
	core
	prober   Prober
	interval sim.Time
	mult     int
	detect   sim.Time
	jitter   float64 // each interval is shortened by up to this fraction
	rng      *sim.Rand
	phase    sim.Time
	unit     string // what a packet is called in the log

	lastRx    sim.Time
	nextSend  sim.Time // when the next packet is sent
	sending   sim.Timer
	expiry    sim.Timer
	arrivedFn func(now sim.Time)
	send      sendHandler
	expire    expireHandler
}

// newKeepalive checks and builds the shared mechanism.
func newKeepalive(env *models.Env, kind, name string, resp Response, p Prober, interval sim.Time, mult int, jitter float64, phase sim.Time, unit string) (*keepalive, error) {
	c, err := newCore(env, kind, name, resp)
	if err != nil {
		return nil, err
	}
	switch {
	case p == nil:
		return nil, fmt.Errorf("%s %q: no prober", kind, name)
	case interval <= 0:
		return nil, fmt.Errorf("%s %q: interval must be positive, got %v", kind, name, interval)
	case mult < 1:
		return nil, fmt.Errorf("%s %q: multiplier must be at least 1, got %d", kind, name, mult)
	case !(jitter >= 0 && jitter < 1):
		return nil, fmt.Errorf("%s %q: jitter must be in [0, 1), got %v", kind, name, jitter)
	case phase < 0:
		return nil, fmt.Errorf("%s %q: phase must not be negative, got %v", kind, name, phase)
	}
	k := &keepalive{
		core: c, prober: p, interval: interval, mult: mult, detect: interval * sim.Time(mult),
		jitter: jitter, rng: env.Streams.Stream("detect/" + kind + "/" + name), phase: phase, unit: unit,
	}
	k.arrivedFn = k.arrived
	k.send.k = k
	k.expire.k = k
	return k, nil
}

// DetectionTime returns interval x multiplier: how long the session stays
// up without a packet.
func (k *keepalive) DetectionTime() sim.Time { return k.detect }

// Start brings the session up now, as if a packet had just arrived, and
// sends the first packet after the phase.
func (k *keepalive) Start() {
	e := k.env.Engine
	now := e.Now()
	k.lastRx = now
	e.Cancel(k.expiry)
	e.Cancel(k.sending)
	k.expiry = e.At(sim.Later(now, k.detect), &k.expire, nil)
	k.schedule(sim.Later(now, k.phase))
}

// Stop stops sending and watching; the verdict stays as it is. A session
// also stops at the horizon: no packet is sent at or after it.
func (k *keepalive) Stop() {
	k.env.Engine.Cancel(k.sending)
	k.env.Engine.Cancel(k.expiry)
}

// schedule sends the next packet at t, unless t is at or after the
// horizon.
func (k *keepalive) schedule(t sim.Time) {
	if k.env.Horizon > 0 && t >= k.env.Horizon {
		return
	}
	k.nextSend = t
	k.sending = k.env.Engine.At(t, &k.send, nil)
}

type sendHandler struct{ k *keepalive }

// Fire sends one packet and schedules the next, one interval later less
// the jitter.
func (h *sendHandler) Fire(now sim.Time, _ any) {
	k := h.k
	next := k.interval
	if k.jitter > 0 {
		next -= sim.Time(float64(next) * k.jitter * k.rng.Float64())
	}
	k.schedule(sim.Later(now, next))
	k.prober.Probe(now, k.arrivedFn)
}

// arrived records a packet's arrival; it brings a down session up again.
func (k *keepalive) arrived(now sim.Time) {
	if now > k.lastRx {
		k.lastRx = now
	}
	if k.down {
		k.recover(now, now, k.unit+" received again")
	}
	if !k.env.Engine.Scheduled(k.expiry) && k.env.Engine.Scheduled(k.sending) {
		k.expiry = k.env.Engine.At(k.lastRx+k.detect, &k.expire, nil)
	}
}

type expireHandler struct{ k *keepalive }

// Fire checks the detection timer: moved on if a packet arrived since it
// was set, the session declared down otherwise. A packet sent at the same
// time is let through first.
func (h *expireHandler) Fire(now sim.Time, _ any) {
	k := h.k
	if !k.env.Engine.Scheduled(k.sending) {
		return // stopped, or past the horizon: nothing is sent to watch
	}
	if due := k.lastRx + k.detect; due > now {
		k.expiry = k.env.Engine.At(due, &k.expire, nil)
		return
	}
	if k.nextSend == now {
		// A packet is sent at the very end of the detection time (no
		// jitter, zero latency): let it go first, so that the session goes
		// down only if it is lost too, i.e. after mult lost in a row.
		k.expiry = k.env.Engine.At(now, &k.expire, nil)
		return
	}
	k.fire(now, k.lastRx, fmt.Sprintf("no %s for %d x %v", k.unit, k.mult, k.interval))
}
