package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// BFDConfig configures a BFD session (RFC 5880, asynchronous mode).
type BFDConfig struct {
	// Name identifies the session (the link or path it watches).
	Name string
	// Route names the route the session runs along, for a scenario;
	// whoever builds the session resolves it into Prober.
	Route string `knob:"route" ref:"route component (BFD runs along a route)" required:"true" want:"the name of a route component" doc:"the route component the session runs along: BFD checks forwarding on that path, not carrier"`
	// Prober carries the control packets over the path watched.
	Prober Prober
	// Interval is the agreed transmit interval.
	Interval sim.Time `knob:"interval" default:"50ms" min:">0s" doc:"the agreed transmit interval: the time between control packets. 50 ms is a tuned session's (the default); vendors' defaults are 300 ms to 1 s"`
	// Multiplier is the detect multiplier: packets missed before the
	// session goes down. The detection time is Interval x Multiplier.
	Multiplier int `knob:"multiplier" default:"3" min:"1" max:"255" why:"RFC 5880's Detect Mult is one byte" doc:"the detect multiplier: how many packets in a row are missed before the session goes down; the detection time is interval x multiplier, 50 ms x 3 = 150 ms (vendors' defaults give 0.6 to 3.2 s)"`
	// Jitter shortens each transmit interval by a random fraction of up to
	// Jitter, in [0, 1). RFC 5880 section 6.8.7 asks for 0 to 25% (0.25,
	// DefaultBFD and RFC5880Jitter); 0 sends exactly every Interval. A
	// scenario file does not set it.
	Jitter float64
	// Phase is when the first packet is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what the session does when it goes down: typically the
	// Action fails over to the standby path, or withdraws a route.
	Response
}

// RFC5880Jitter is the largest jitter RFC 5880 (section 6.8.7) allows,
// which sessions use: each interval is shortened by up to 25%.
const RFC5880Jitter = 0.25

// DefaultBFD returns a BFD session with the declared defaults: a 50 ms
// interval, multiplier 3 (detection in 150 ms), and RFC 5880's 25%
// jitter.
func DefaultBFD(name string, p Prober) BFDConfig {
	cfg := knob.Defaults[BFDConfig]()
	cfg.Name, cfg.Prober, cfg.Jitter = name, p, RFC5880Jitter
	return cfg
}

// BFD is a Bidirectional Forwarding Detection session. It sends a control
// packet every Interval over its path and goes down when none has arrived
// for Interval x Multiplier after the last one that did; so a failure is
// detected between (Multiplier-1) x Interval and Multiplier x Interval
// after it happens, depending on its phase against the packets. Because
// BFD checks forwarding, not carrier, it catches a path that stays
// physically up and forwards nothing. Random loss does not bring it down
// unless Multiplier packets in a row are lost. It comes up again when a
// packet arrives (the three-way handshake of RFC 5880 is not modelled).
type BFD struct {
	*keepalive
	cfg BFDConfig
}

// NewBFD creates a BFD session; call Start to begin sending.
func NewBFD(env *models.Env, cfg BFDConfig) (*BFD, error) {
	k, err := newKeepalive(env, "bfd", cfg.Name, cfg.Response, cfg.Prober, cfg.Interval, cfg.Multiplier, cfg.Jitter, cfg.Phase, "packet")
	if err != nil {
		return nil, err
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("bfd %q: %w", cfg.Name, err)
	}
	return &BFD{keepalive: k, cfg: cfg}, nil
}

// Config returns the session's configuration.
func (b *BFD) Config() BFDConfig { return b.cfg }
