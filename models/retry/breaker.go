package retry

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// BreakerState is the state of a CircuitBreaker.
type BreakerState uint8

const (
	// Closed lets every attempt through and watches the error rate.
	Closed BreakerState = iota
	// Open rejects every attempt until the sleep window has passed.
	Open
	// HalfOpen means the sleep window has passed: the next attempt is let
	// through as a trial (or the trial is under way) and everything else is
	// rejected until it ends.
	HalfOpen
)

// String returns "closed", "open" or "half-open".
func (s BreakerState) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return fmt.Sprintf("BreakerState(%d)", uint8(s))
}

// CircuitBreakerConfig configures CircuitBreaker; its fields are Hystrix
// command properties.
// The defaults are Hystrix's.
type CircuitBreakerConfig struct {
	// RequestVolume is the fewest attempts in the window for the breaker to
	// open (circuitBreaker.requestVolumeThreshold).
	RequestVolume int `knob:"request_volume" default:"20" min:"1" max:"1000000000" unit:"attempts" doc:"the fewest attempts in the window that can open the breaker (Hystrix's circuitBreaker.requestVolumeThreshold)"`
	// Window is the rolling window of the error rate
	// (metrics.rollingStats.timeInMilliseconds).
	Window sim.Time `knob:"window" default:"10s" min:">0s" doc:"the rolling window of the counts (Hystrix's metrics.rollingStats.timeInMilliseconds)"`
	// Buckets is the number of slices of the window, at most one per
	// nanosecond of Window (metrics.rollingStats.numBuckets; Hystrix also
	// wants them to divide the window in whole milliseconds, which does
	// not matter here).
	Buckets int `knob:"buckets" default:"10" min:"1" max:"100000" doc:"the slices the window is kept in (Hystrix's metrics.rollingStats.numBuckets)"`
	// ErrorPercent is the error rate, in whole percent, at or above which
	// the breaker opens (circuitBreaker.errorThresholdPercentage).
	ErrorPercent int `knob:"error_percent" default:"50" min:"1" max:"100" unit:"percent" doc:"the share of failed attempts, in whole percent as in Hystrix, that opens the breaker (circuitBreaker.errorThresholdPercentage)"`
	// SleepWindow is how long the breaker stays open before a trial
	// (circuitBreaker.sleepWindowInMilliseconds).
	SleepWindow sim.Time `knob:"sleep_window" default:"5s" min:"0s" doc:"how long the breaker stays open before it lets one trial through (circuitBreaker.sleepWindowInMilliseconds)"`
}

// DefaultCircuitBreaker returns the declared defaults, Hystrix's: 20
// requests in a 10 s window of 10 buckets, 50% errors, 5 s sleep window.
func DefaultCircuitBreaker() CircuitBreakerConfig { return knob.Defaults[CircuitBreakerConfig]() }

// Check checks that the window has at most one bucket per nanosecond.
func (c CircuitBreakerConfig) Check(knob.Written) error {
	if int64(c.Buckets) > int64(c.Window) {
		return knob.Errorf("buckets", "expected at most one bucket per nanosecond of window (%v), got %d", c.Window, c.Buckets)
	}
	return nil
}

// NewControl returns a new CircuitBreaker of c.
func (c CircuitBreakerConfig) NewControl() (Control, error) { return NewCircuitBreaker(c) }

// CircuitBreaker is Netflix Hystrix's circuit breaker
// (HystrixCircuitBreakerImpl, Hystrix 1.5; wiki "How it Works: Circuit
// Breaker"). Closed, it admits everything and counts attempts and errors
// (failures and timeouts) in a rolling window; when the window holds at
// least RequestVolume attempts and errors are at least ErrorPercent of
// them, it opens. Open, it rejects every attempt, first or retry. Once more
// than SleepWindow has passed since it opened, the next attempt is let
// through as a trial and the rest are rejected while it runs: if it
// succeeds the breaker closes and the window is emptied; if it fails the
// breaker opens again, from then.
//
// Two details follow Hystrix rather than a textbook: attempts rejected by
// the breaker are not counted; and while half-open, the first attempt to
// end decides, even one admitted before the breaker opened (Hystrix's
// markSuccess and markNonSuccess act on whichever command ends). Hystrix
// checks the window on a 500 ms health snapshot; this checks it each time
// an attempt ends, so it opens at exactly the threshold.
type CircuitBreaker struct {
	cfg      CircuitBreakerConfig
	state    BreakerState // Closed, Open, or HalfOpen only while a trial runs
	openedAt sim.Time
	w        *window // counters: 0 attempts, 1 errors
	stats    Stats
}

// NewCircuitBreaker checks cfg and returns a closed breaker.
func NewCircuitBreaker(cfg CircuitBreakerConfig) (*CircuitBreaker, error) {
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("circuit-breaker: %w", err)
	}
	w, err := newWindow(cfg.Window, cfg.Buckets, 2)
	if err != nil {
		return nil, fmt.Errorf("circuit-breaker: %w", err)
	}
	return &CircuitBreaker{cfg: cfg, w: w}, nil
}

// State returns the breaker's state at now: Open becomes HalfOpen once the
// sleep window has passed, even before the trial is admitted.
func (c *CircuitBreaker) State(now sim.Time) BreakerState {
	if c.state == Open && c.afterSleep(now) {
		return HalfOpen
	}
	return c.state
}

// afterSleep reports whether the sleep window has passed (strictly, as
// Hystrix's isAfterSleepWindow).
func (c *CircuitBreaker) afterSleep(now sim.Time) bool {
	return now-c.openedAt > c.cfg.SleepWindow
}

// Admit admits everything while closed; when open it admits the first
// attempt after the sleep window, as the trial, and rejects the rest.
func (c *CircuitBreaker) Admit(now sim.Time, retry bool, _ *sim.Rand) bool {
	ok := false
	switch c.state {
	case Closed:
		ok = true
	case Open:
		if c.afterSleep(now) {
			c.state = HalfOpen
			ok = true
		}
	}
	return c.stats.count(retry, ok)
}

// Done counts the attempt and its result; it opens a closed breaker at the
// thresholds, and ends a half-open one's trial.
func (c *CircuitBreaker) Done(now sim.Time, _ bool, ok, _ bool) {
	switch c.state {
	case HalfOpen:
		if ok {
			c.state = Closed
			c.w.reset()
		} else {
			c.state = Open
			c.openedAt = now
		}
		return
	}
	c.w.add(now, 0, 1)
	if !ok {
		c.w.add(now, 1, 1)
	}
	if c.state != Closed {
		return
	}
	total, errs := c.w.sum(now, 0), c.w.sum(now, 1)
	// Hystrix compares the truncated integer percentage with the
	// threshold; for a whole-number threshold that is errs/total >= pct.
	if total >= int64(c.cfg.RequestVolume) && 100*errs >= int64(c.cfg.ErrorPercent)*total {
		c.state = Open
		c.openedAt = now
	}
}

// Name returns "circuit-breaker".
func (c *CircuitBreaker) Name() string { return "circuit-breaker" }

// Counts returns the attempts and errors in the window ending at now.
func (c *CircuitBreaker) Counts(now sim.Time) (attempts, errors int64) {
	return c.w.sum(now, 0), c.w.sum(now, 1)
}

// Stats returns the decisions counted so far.
func (c *CircuitBreaker) Stats() Stats { return c.stats }
