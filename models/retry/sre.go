package retry

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// SREThrottlingConfig configures SREThrottling.
// The defaults are the book's.
type SREThrottlingConfig struct {
	// K is how many requests per accept the client lets through before it
	// rejects locally (the book suggests 2, and 1.1 for aggressive
	// throttling).
	K float64 `knob:"k" default:"2" min:"1" want:"a multiplier K >= 1 (below 1 the client rejects requests even when all succeed)" doc:"how many requests per accepted one the client lets through before it rejects locally; the book suggests 2, and 1.1 for aggressive throttling"`
	// Window is the history kept.
	Window sim.Time `knob:"window" default:"2m" min:">0s" doc:"the history the counts of requests and accepts cover"`
	// Buckets is the number of slices the window is kept in (its
	// resolution), at most one per nanosecond of Window.
	Buckets int `knob:"buckets" default:"120" min:"1" max:"100000" doc:"the slices the window is kept in (its resolution): 120 is one per second of a 2-minute window"`
}

// DefaultSREThrottling returns the declared defaults: K 2 over a 2-minute
// window in 120 buckets.
func DefaultSREThrottling() SREThrottlingConfig { return knob.Defaults[SREThrottlingConfig]() }

// Check checks that the window has at most one bucket per nanosecond.
func (c SREThrottlingConfig) Check(knob.Written) error {
	if int64(c.Buckets) > int64(c.Window) {
		return knob.Errorf("buckets", "expected at most one bucket per nanosecond of window (%v), got %d", c.Window, c.Buckets)
	}
	return nil
}

// NewControl returns a new SREThrottling of c.
func (c SREThrottlingConfig) NewControl() (Control, error) { return NewSREThrottling(c) }

// SREThrottling is client-side adaptive throttling from Google's "Site
// Reliability Engineering" (2016), chapter 21 "Handling Overload": each
// client keeps, over the last two minutes, requests (attempts the
// application wanted to send, including those rejected locally) and
// accepts (those the backend accepted), and rejects a new attempt locally
// with probability
//
//	P = max(0, (requests - K x accepts) / (requests + 1))
//
// It applies to first attempts and retries alike. Here an attempt counts as
// accepted when it ends ok; failures and timeouts are not accepts. P is
// computed from the counts before the attempt is counted; a local
// rejection counts as a request. The window is bucketed (the current
// bucket and the Buckets-1 before it), so memory is bounded and each call
// O(1).
//
// In steady state the client sends about K x accepts: if the backend can
// accept only a share a < 1/K of what is offered, the client rejects
// 1 - K x a of it locally.
type SREThrottling struct {
	cfg   SREThrottlingConfig
	w     *window // counters: 0 requests, 1 accepts
	stats Stats
}

// NewSREThrottling checks cfg and returns a control with an empty history.
func NewSREThrottling(cfg SREThrottlingConfig) (*SREThrottling, error) {
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("sre-throttling: %w", err)
	}
	w, err := newWindow(cfg.Window, cfg.Buckets, 2)
	if err != nil {
		return nil, fmt.Errorf("sre-throttling: %w", err)
	}
	return &SREThrottling{cfg: cfg, w: w}, nil
}

// RejectProbability returns P for an attempt at now.
func (s *SREThrottling) RejectProbability(now sim.Time) float64 {
	req := float64(s.w.sum(now, 0))
	acc := float64(s.w.sum(now, 1))
	return max(0, (req-float64(s.cfg.K*acc))/(req+1))
}

// Admit rejects the attempt with probability P (drawing from r only when
// P > 0) and counts it as a request either way.
func (s *SREThrottling) Admit(now sim.Time, retry bool, r *sim.Rand) bool {
	p := s.RejectProbability(now)
	ok := p == 0 || r.Float64() >= p
	s.w.add(now, 0, 1)
	return s.stats.count(retry, ok)
}

// Done counts an attempt that ended ok as accepted.
func (s *SREThrottling) Done(now sim.Time, _ bool, ok, _ bool) {
	if ok {
		s.w.add(now, 1, 1)
	}
}

// Name returns "sre-throttling".
func (s *SREThrottling) Name() string { return "sre-throttling" }

// Counts returns the requests and accepts in the window ending at now.
func (s *SREThrottling) Counts(now sim.Time) (requests, accepts int64) {
	return s.w.sum(now, 0), s.w.sum(now, 1)
}

// Stats returns the decisions counted so far.
func (s *SREThrottling) Stats() Stats { return s.stats }
