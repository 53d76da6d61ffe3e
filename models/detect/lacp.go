package detect

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// LACPRate is the rate at which a LACP partner sends LACPDUs.
type LACPRate uint8

const (
	// LACPSlow sends an LACPDU every 30 s (long timeout, 90 s): the
	// IEEE 802.1AX default.
	LACPSlow LACPRate = iota
	// LACPFast sends an LACPDU every second (short timeout, 3 s).
	LACPFast
)

// Period returns the time between LACPDUs: 1 s fast, 30 s slow.
func (r LACPRate) Period() sim.Time {
	if r == LACPFast {
		return time.Second
	}
	return 30 * time.Second
}

// String returns "fast" or "slow".
func (r LACPRate) String() string {
	switch r {
	case LACPFast:
		return "fast"
	case LACPSlow:
		return "slow"
	}
	return fmt.Sprintf("LACPRate(%d)", uint8(r))
}

// Choices lists the rates as a scenario file writes them.
func (LACPRate) Choices() []string { return []string{"fast", "slow"} }

// UnmarshalText parses "fast" or "slow".
func (r *LACPRate) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(r.Choices(), string(text))
	if err != nil {
		return err
	}
	*r = LACPSlow
	if i == 0 {
		*r = LACPFast
	}
	return nil
}

// lacpTimeoutFactor is how many periods without an LACPDU expire the
// partner's information (IEEE 802.1AX: short timeout 3 s, long 90 s).
const lacpTimeoutFactor = 3

// LACPConfig configures the LACP watch of one member link of a bundle.
type LACPConfig struct {
	// Name identifies the member link.
	Name string
	// Route names the route the LACPDUs travel, for a scenario; whoever
	// builds the watch resolves it into Prober.
	Route string `knob:"route" ref:"route component (LACP runs along a route)" required:"true" want:"the name of a route component" doc:"the route component the LACPDUs travel, standing for the member link"`
	// Prober carries the partner's LACPDUs over the member link.
	Prober Prober
	// Rate is the partner's LACPDU rate; the zero value is LACPSlow.
	Rate LACPRate `knob:"rate" required:"true" want:"fast or slow" doc:"the partner's LACPDU rate: fast sends one every second (timeout 3 s), slow every 30 s (timeout 90 s, the IEEE 802.1AX default)"`
	// Phase is when the first LACPDU is sent, after Start (>= 0).
	Phase sim.Time
	// Response is what happens when the partner times out: typically the
	// Action takes the link out of the bundle.
	Response
}

// LACP watches one member link of a link aggregation (IEEE 802.1AX): the
// partner sends an LACPDU every period (1 s fast, 30 s slow); when none has
// arrived for 3 periods (3 s or 90 s) the partner's information expires
// and the link leaves the bundle. It is the keepalive of BFD at a far
// slower rate, without jitter.
type LACP struct {
	*keepalive
	cfg LACPConfig
}

// NewLACP creates the watch; call Start to begin.
func NewLACP(env *models.Env, cfg LACPConfig) (*LACP, error) {
	if cfg.Rate != LACPFast && cfg.Rate != LACPSlow {
		return nil, fmt.Errorf("lacp %q: unknown rate %v", cfg.Name, cfg.Rate)
	}
	k, err := newKeepalive(env, "lacp", cfg.Name, cfg.Response, cfg.Prober, cfg.Rate.Period(), lacpTimeoutFactor, 0, cfg.Phase, "LACPDU")
	if err != nil {
		return nil, err
	}
	return &LACP{keepalive: k, cfg: cfg}, nil
}

// Config returns the watch's configuration.
func (l *LACP) Config() LACPConfig { return l.cfg }
