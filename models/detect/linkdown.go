package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// PhysicalLink is what link-down detection observes: the physical state of
// a link or port (carrier, light), and nothing about forwarding. A silent
// ("gray") failure keeps PhysicalUp true.
type PhysicalLink interface {
	// PhysicalUp reports whether the link is physically up now.
	PhysicalUp() bool
}

// PhysicalNotifier is a PhysicalLink that tells its watchers when its
// physical state changes. A LinkDown on a PhysicalNotifier subscribes at
// construction and needs no polling.
type PhysicalNotifier interface {
	PhysicalLink
	// OnPhysicalChange registers f, to be called (at the time of the
	// change) whenever the physical state may have changed.
	OnPhysicalChange(f func(now sim.Time))
}

// LinkDownConfig configures a LinkDown detector.
type LinkDownConfig struct {
	// Name identifies the detector (the port or server it belongs to).
	Name string
	// LinkName names the link watched, for a scenario; whoever builds the
	// detector resolves it into Link.
	LinkName string `knob:"link" ref:"link" required:"true" doc:"the link watched: only its physical state (carrier, light), not whether it forwards"`
	// Link is the link or port watched.
	Link PhysicalLink
	// FixedDelay is a carrier-loss detection delay that does not vary,
	// used when Delay is nil; 0 means at once.
	FixedDelay sim.Time `knob:"delay" min:"0s" doc:"how long the changed physical state must be seen before the link is declared down (or up again): a fixed carrier-delay or debounce timer; 0s fires at once"`
	// Delay is the carrier-loss detection delay in seconds: how long the
	// changed physical state must be seen before the port is declared
	// down (or up again), drawn for each change. nil means FixedDelay.
	// DefaultLinkDown uses uniform(0, 0.1): 0 to 100 ms, the range of
	// carrier-delay and debounce timers.
	Delay sim.Dist
	// Poll, if > 0, reads the physical state every Poll from Start until
	// the horizon; otherwise the detector only reacts to notifications
	// (PhysicalNotifier, or calls to Notify).
	Poll sim.Time
	// Response is what the detector does: typically the Action is a
	// server's failover to its standby port.
	Response
}

// DefaultLinkDown returns a link-down detector for link with a
// carrier-loss delay uniform over 0 to 100 ms and no polling: a preset for
// Go code. A scenario's detector (the declared defaults) fires at once
// unless it gives a delay.
func DefaultLinkDown(name string, link PhysicalLink) LinkDownConfig {
	d, _ := sim.NewUniform(0, 0.1) // cannot fail: constant, valid bounds
	return LinkDownConfig{Name: name, Link: link, Delay: d}
}

// LinkDown detects a link going down from its physical state only, as a
// server's NIC bonding or a switch port does on carrier loss. It fires
// when the link has been seen physically down for the carrier-loss delay,
// and recovers when it has been seen up again for the delay. A link whose
// forwarding fails while it stays physically up never fires it: that is
// the 17 Dec 2022 failure mode.
type LinkDown struct {
	core
	cfg     LinkDownConfig
	rng     *sim.Rand
	pending bool     // a confirmation after the carrier delay is scheduled
	seen    sim.Time // when the pending change was first seen
	confirm confirmHandler
	poll    pollHandler
	polling sim.Timer
}

// NewLinkDown creates a link-down detector. The link is taken to be up at
// first; call Start to poll (and to check a link that starts down).
func NewLinkDown(env *models.Env, cfg LinkDownConfig) (*LinkDown, error) {
	c, err := newCore(env, "link-down", cfg.Name, cfg.Response)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.Link == nil:
		return nil, fmt.Errorf("link-down %q: no link", cfg.Name)
	case cfg.Poll < 0:
		return nil, fmt.Errorf("link-down %q: poll interval must not be negative, got %v", cfg.Name, cfg.Poll)
	case cfg.Delay != nil && cfg.FixedDelay != 0:
		return nil, fmt.Errorf("link-down %q: a delay distribution and a fixed delay (%v) are both given; expected one", cfg.Name, cfg.FixedDelay)
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("link-down %q: %w", cfg.Name, err)
	}
	if cfg.FixedDelay > 0 {
		fixed, err := sim.NewDeterministic(cfg.FixedDelay.Seconds())
		if err != nil {
			return nil, fmt.Errorf("link-down %q: delay: %w", cfg.Name, err)
		}
		cfg.Delay = fixed
	}
	d := &LinkDown{core: c, cfg: cfg, rng: env.Streams.Stream("detect/link-down/" + cfg.Name)}
	d.confirm.d = d
	d.poll.d = d
	if n, ok := cfg.Link.(PhysicalNotifier); ok {
		n.OnPhysicalChange(d.Notify)
	}
	return d, nil
}

// Start checks the link now and, with polling, starts the polls.
func (d *LinkDown) Start() {
	now := d.env.Engine.Now()
	d.Notify(now)
	if d.cfg.Poll > 0 && !d.env.Engine.Scheduled(d.polling) {
		d.schedulePoll(now)
	}
}

// Stop ends polling; notifications are still acted on.
func (d *LinkDown) Stop() { d.env.Engine.Cancel(d.polling) }

// Notify tells the detector that the physical state may have changed at
// now. A change that differs from the current verdict is confirmed after
// the carrier-loss delay, if it still holds then.
func (d *LinkDown) Notify(now sim.Time) {
	if d.pending || d.cfg.Link.PhysicalUp() != d.down {
		return // nothing new, or a confirmation is already on its way
	}
	d.pending = true
	d.seen = now
	var delay sim.Time
	if d.cfg.Delay != nil {
		delay = sim.SampleTime(d.cfg.Delay, d.rng)
	}
	d.env.Engine.After(delay, &d.confirm, nil)
}

type confirmHandler struct{ d *LinkDown }

// Fire declares the change if the link is still in its new state.
func (h *confirmHandler) Fire(now sim.Time, _ any) {
	d := h.d
	d.pending = false
	up := d.cfg.Link.PhysicalUp()
	switch {
	case !up && !d.down:
		d.fire(now, d.seen, "link physically down")
	case up && d.down:
		d.recover(now, d.seen, "link physically up")
	}
}

func (d *LinkDown) schedulePoll(now sim.Time) {
	next := sim.Later(now, d.cfg.Poll)
	if d.env.Horizon > 0 && next >= d.env.Horizon {
		return
	}
	d.polling = d.env.Engine.At(next, &d.poll, nil)
}

type pollHandler struct{ d *LinkDown }

// Fire reads the link and schedules the next poll.
func (h *pollHandler) Fire(now sim.Time, _ any) {
	d := h.d
	d.Notify(now)
	d.schedulePoll(now)
}
