package detect

import (
	"fmt"
	"math"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// AvailabilityConfig configures an availability alert.
type AvailabilityConfig struct {
	// Name identifies the alert (the population or service it is about).
	Name string
	// Population names the population watched, for a scenario; whoever
	// builds the alert resolves it into Source.
	Population string `knob:"population" ref:"population" required:"true" doc:"the population whose requests' availability is watched"`
	// Source is read at every evaluation for the outcomes so far (see
	// PopulationOutcomes). Required.
	Source OutcomeCounter
	// Every is the evaluation interval, > 0: how often the counters are
	// scraped and the rule evaluated (DefaultAvailability: 1 min). A
	// scenario file does not set it (see EveryFor).
	Every sim.Time
	// Window is the span the availability is computed over, a whole
	// multiple of Every (DefaultAvailability: 5 min).
	Window sim.Time `knob:"window" required:"true" min:">0s" doc:"the span availability is measured over: the requests that ended in the last window; evaluated every minute when it is whole minutes, else once per window"`
	// Threshold is the availability in (0, 1] below which the alert fires
	// (DefaultAvailability: 0.99).
	Threshold float64 `knob:"threshold" required:"true" min:">0" max:"1" want:"a share in (0, 1]" doc:"the share of successful requests below which the detector fires"`
	// MinRequests is the fewest requests ending in the window for the
	// rule to be evaluated, >= 1.
	MinRequests int64 `knob:"min_requests" default:"1" min:"1" doc:"how many requests the window must hold before it is judged: a window with fewer neither fires nor clears the detector"`
	// For is how long the availability must stay below the threshold, at
	// consecutive evaluations, before the alert fires (Prometheus' "for"),
	// >= 0 (DefaultAvailability: 0, at the first evaluation that finds it
	// low).
	For sim.Time
	// Response is what the alert does: usually only an alarm.
	Response
}

// DefaultAvailability returns an availability alert evaluated every
// minute over the last 5 minutes, firing below 99% with at least one
// request (the declared default). These are estimates of a common
// monitoring rule, not any operator's documented values.
func DefaultAvailability(name string, src OutcomeCounter) AvailabilityConfig {
	cfg := knob.Defaults[AvailabilityConfig]()
	cfg.Name, cfg.Source = name, src
	cfg.Every, cfg.Window, cfg.Threshold = time.Minute, 5*time.Minute, 0.99
	return cfg
}

// EveryFor returns the evaluation interval of a scenario's alert, which
// the file does not give: every minute when window is whole minutes, else
// once per window.
func EveryFor(window sim.Time) sim.Time {
	if window%time.Minute == 0 {
		return time.Minute
	}
	return window
}

// AvailabilityAlert fires when the share of requests that succeeded, over
// a sliding window, is below a threshold. Every Every it reads the
// outcomes so far; the window at an evaluation at time t holds the
// requests that ended in (t - Window, t]. The rule is evaluated only when
// the window holds at least MinRequests requests: it fires once the
// availability has been below Threshold for For, and clears at the first
// evaluation that finds it at or above Threshold. A window with too few
// requests neither fires nor clears the alert (and restarts For).
type AvailabilityAlert struct {
	core
	cfg AvailabilityConfig

	slots         []int64 // per evaluation: ok, failed; 2 per slot
	head          int     // the slot the next evaluation overwrites
	okSum, fSum   int64   // over the window
	lastOK, lastF int64   // cumulative counts at the previous evaluation
	low           bool    // the rule held at the previous evaluation
	lowSince      sim.Time
	evaluating    sim.Timer
	eval          evalHandler
	availability  float64 // at the last evaluation; NaN before one with enough requests
}

// NewAvailabilityAlert creates an alert; call Start to begin evaluating.
func NewAvailabilityAlert(env *models.Env, cfg AvailabilityConfig) (*AvailabilityAlert, error) {
	c, err := newCore(env, "availability", cfg.Name, cfg.Response)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.Source == nil:
		return nil, fmt.Errorf("availability %q: no source of outcomes", cfg.Name)
	case cfg.Every <= 0:
		return nil, fmt.Errorf("availability %q: evaluation interval must be positive, got %v", cfg.Name, cfg.Every)
	case cfg.Window < cfg.Every || cfg.Window%cfg.Every != 0:
		return nil, fmt.Errorf("availability %q: window %v must be a whole multiple of the evaluation interval %v", cfg.Name, cfg.Window, cfg.Every)
	case cfg.For < 0:
		return nil, fmt.Errorf("availability %q: for must not be negative, got %v", cfg.Name, cfg.For)
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("availability %q: %w", cfg.Name, err)
	}
	n := int(cfg.Window / cfg.Every)
	if n > 1_000_000 {
		return nil, fmt.Errorf("availability %q: window of %d evaluations is too many (limit 1,000,000)", cfg.Name, n)
	}
	a := &AvailabilityAlert{core: c, cfg: cfg, slots: make([]int64, 2*n), availability: math.NaN()}
	a.eval.a = a
	return a, nil
}

// Config returns the alert's configuration.
func (a *AvailabilityAlert) Config() AvailabilityConfig { return a.cfg }

// Availability returns the availability found at the last evaluation with
// enough requests, or NaN before one.
func (a *AvailabilityAlert) Availability() float64 { return a.availability }

// Start takes the counts so far as the baseline and evaluates every Every
// from now until Stop or the horizon.
func (a *AvailabilityAlert) Start() {
	a.lastOK, a.lastF = a.counts()
	a.env.Engine.Cancel(a.evaluating)
	a.schedule(a.env.Engine.Now() + a.cfg.Every)
}

// Stop ends the evaluations.
func (a *AvailabilityAlert) Stop() { a.env.Engine.Cancel(a.evaluating) }

func (a *AvailabilityAlert) counts() (ok, failed int64) { return a.cfg.Source.Outcomes() }

func (a *AvailabilityAlert) schedule(t sim.Time) {
	if a.env.Horizon > 0 && t > a.env.Horizon {
		return
	}
	a.evaluating = a.env.Engine.At(t, &a.eval, nil)
}

type evalHandler struct{ a *AvailabilityAlert }

// Fire evaluates the rule and schedules the next evaluation.
func (h *evalHandler) Fire(now sim.Time, _ any) {
	a := h.a
	a.schedule(sim.Later(now, a.cfg.Every))
	a.evaluate(now)
}

// evaluate moves the window on by one slot and applies the rule.
func (a *AvailabilityAlert) evaluate(now sim.Time) {
	ok, failed := a.counts()
	dOK, dF := ok-a.lastOK, failed-a.lastF
	a.lastOK, a.lastF = ok, failed
	i := 2 * a.head
	a.okSum += dOK - a.slots[i]
	a.fSum += dF - a.slots[i+1]
	a.slots[i], a.slots[i+1] = dOK, dF
	a.head++
	if 2*a.head == len(a.slots) {
		a.head = 0
	}
	total := a.okSum + a.fSum
	if total < a.cfg.MinRequests {
		a.low = false
		return
	}
	avail := float64(a.okSum) / float64(total)
	a.availability = avail
	if avail >= a.cfg.Threshold {
		a.low = false
		a.recover(now, now, fmt.Sprintf("availability %.2f%% over %v, %d requests", 100*avail, a.cfg.Window, total))
		return
	}
	if !a.low {
		a.low, a.lowSince = true, now
	}
	if now-a.lowSince >= a.cfg.For {
		a.fire(now, a.lowSince, fmt.Sprintf("availability %.2f%% < %.2f%% over %v, %d requests", 100*avail, 100*a.cfg.Threshold, a.cfg.Window, total))
	}
}
