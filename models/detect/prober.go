package detect

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Prober carries the control packets of a keepalive protocol (BFD, LACP)
// over a path. It is what BFD and LACP observe: which of their packets
// arrive, and when.
type Prober interface {
	// Probe sends one control packet at now. If the packet arrives, the
	// prober calls arrived with the arrival time, at that time: during
	// Probe for an arrival at now, or from an event it schedules. A lost
	// packet is never reported. arrived is the same function for every
	// packet of one detector, so a prober may keep it.
	Probe(now sim.Time, arrived func(now sim.Time))
}

// Path is a forwarding path that decides the fate of one packet: the
// simplest thing a network model can offer a keepalive. A path that is
// physically up but forwards nothing (a gray failure) loses every packet.
type Path interface {
	// Carry reports whether a packet sent at now arrives, and after what
	// one-way latency (>= 0).
	Carry(now sim.Time) (latency sim.Time, ok bool)
}

// PathProber is a Prober over a Path: a packet that arrives with zero
// latency is reported at once, one with a latency from an event at its
// arrival time.
type PathProber struct {
	engine *sim.Engine
	path   Path
	arrive arriveHandler
}

// NewPathProber returns a prober that sends its packets over path.
func NewPathProber(e *sim.Engine, path Path) (*PathProber, error) {
	if e == nil || path == nil {
		return nil, fmt.Errorf("path prober: needs an engine and a path")
	}
	return &PathProber{engine: e, path: path}, nil
}

// Probe sends one packet over the path.
func (p *PathProber) Probe(now sim.Time, arrived func(now sim.Time)) {
	lat, ok := p.path.Carry(now)
	switch {
	case !ok:
	case lat <= 0:
		arrived(now)
	default:
		p.engine.After(lat, &p.arrive, arrived)
	}
}

type arriveHandler struct{}

// Fire reports a packet's arrival to the function it was sent with.
func (arriveHandler) Fire(now sim.Time, data any) { data.(func(now sim.Time))(now) }

// TargetProber is a Prober that sends each packet as a models.Request to
// a Target (a modelled network path, or a responder behind one): the
// packet arrives when the target answers OK. Each packet is a new request
// (so no target can mistake a late answer for a later packet's); its
// Deadline is the send time plus Timeout, if Timeout > 0.
type TargetProber struct {
	target  models.Target
	timeout sim.Time
}

// NewTargetProber returns a prober that sends to target, each packet with
// a deadline timeout after it is sent (0: none).
func NewTargetProber(target models.Target, timeout sim.Time) (*TargetProber, error) {
	switch {
	case target == nil:
		return nil, fmt.Errorf("target prober: no target")
	case timeout < 0:
		return nil, fmt.Errorf("target prober %s: timeout must not be negative, got %v", target.Name(), timeout)
	}
	return &TargetProber{target: target, timeout: timeout}, nil
}

// Probe sends one request to the target.
func (p *TargetProber) Probe(now sim.Time, arrived func(now sim.Time)) {
	r := &packetRequest{arrived: arrived}
	r.Issued = now
	if p.timeout > 0 {
		r.Deadline = sim.Later(now, p.timeout)
	}
	r.Replier = r
	p.target.Submit(now, &r.Request)
}

// packetRequest is one control packet sent as a request.
type packetRequest struct {
	models.Request
	arrived func(now sim.Time)
}

// Reply reports an OK answer as the packet's arrival.
func (p *packetRequest) Reply(now sim.Time, _ *models.Request, o models.Outcome) {
	if o == models.OK {
		p.arrived(now)
	}
}
