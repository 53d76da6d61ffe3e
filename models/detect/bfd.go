package detect

import (
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// BFDConfig configures a BFD session (RFC 5880, asynchronous mode).
type BFDConfig struct {
	// Name identifies the session (the link or path it watches).
	Name string
	// Prober carries the control packets over the path watched.
	Prober Prober
	// Interval is the agreed transmit interval, > 0
	// (DefaultBFDInterval).
	Interval sim.Time
	// Multiplier is the detect multiplier: packets missed before the
	// session goes down, >= 1 (DefaultBFDMultiplier). The detection time
	// is Interval x Multiplier: 50 ms x 3 = 150 ms; other vendors'
	// defaults (200 to 800 ms, x 3 or 4) give 0.6 to 3.2 s.
	Multiplier int
	// Jitter shortens each transmit interval by a random fraction of up to
	// Jitter, in [0, 1). RFC 5880 section 6.8.7 asks for 0 to 25% (0.25,
	// DefaultBFD); 0 sends exactly every Interval.
	Jitter float64
	// Phase is when the first packet is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what the session does when it goes down: typically the
	// Action fails over to the standby path, or withdraws a route.
	Response
}

// The defaults of a BFD session, the one declaration that scenario files
// (spec.BFDCheck) use too: Cisco NX-OS's (desired minimum transmit and
// required minimum receive interval 50 ms, detect multiplier 3: detection
// in 150 ms) and RFC 5880's jitter of up to 25%.
const (
	// DefaultBFDInterval is the transmit interval: 50 ms.
	DefaultBFDInterval = 50 * time.Millisecond
	// DefaultBFDMultiplier is the detect multiplier: 3.
	DefaultBFDMultiplier = 3
	// DefaultBFDJitter is the largest shortening of an interval: 0.25.
	DefaultBFDJitter = 0.25
)

// DefaultBFD returns a BFD session over p, named name, with the defaults:
// a 50 ms interval, multiplier 3 (detection in 150 ms) and 25% jitter.
func DefaultBFD(name string, p Prober) BFDConfig {
	return BFDConfig{Name: name, Prober: p, Interval: DefaultBFDInterval, Multiplier: DefaultBFDMultiplier, Jitter: DefaultBFDJitter}
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
	return &BFD{keepalive: k, cfg: cfg}, nil
}

// Config returns the session's configuration.
func (b *BFD) Config() BFDConfig { return b.cfg }
