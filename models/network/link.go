package network

import (
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/sim"
)

// Forwarding is a link's forwarding state, which only the data plane sees:
// the zero value forwards everything at the link's own latency.
type Forwarding struct {
	// Drop is the share of crossings the link drops, from 0 (none) to 1
	// (everything). Each crossing draws on its own.
	Drop float64
	// Delay is added to the link's latency.
	Delay sim.Time
}

// String describes the forwarding state.
func (f Forwarding) String() string {
	switch {
	case f.Drop >= 1:
		return "drops all"
	case f.Drop > 0 && f.Delay > 0:
		return "drops " + strconv.FormatFloat(f.Drop, 'g', -1, 64) + ", delay +" + f.Delay.String()
	case f.Drop > 0:
		return "drops " + strconv.FormatFloat(f.Drop, 'g', -1, 64)
	case f.Delay > 0:
		return "forwards, delay +" + f.Delay.String()
	}
	return "forwards"
}

func (f Forwarding) check() error {
	if !(f.Drop >= 0 && f.Drop <= 1) {
		return fmt.Errorf("drop share must be in [0, 1], got %v", f.Drop)
	}
	if f.Delay < 0 {
		return fmt.Errorf("delay must not be negative, got %v", f.Delay)
	}
	return nil
}

// Link joins two parts. Its physical state is what link-down detection and
// path resolution see; its forwarding state is what requests meet.
type Link struct {
	net     *Network
	name    string
	a, b    *Part
	latency sim.Time
	up      bool
	fwd     Forwarding
	elem    int32
	watch   []func(now sim.Time)
}

// Name returns the link's name.
func (l *Link) Name() string { return l.name }

// Ends returns the element names ("node/part") of the two parts it joins.
func (l *Link) Ends() (a, b string) { return l.a.Name(), l.b.Name() }

// PhysicalUp reports whether the link is physically up: it was not taken
// down and neither of its parts failed loudly. A silent failure of a part,
// or a link that drops everything, leaves it up.
func (l *Link) PhysicalUp() bool { return l.up && l.a.state != Loud && l.b.state != Loud }

// Forwarding returns the link's forwarding state.
func (l *Link) Forwarding() Forwarding { return l.fwd }

// Latency returns the one-way delay of a crossing: the link's latency plus
// the delay its forwarding state adds.
func (l *Link) Latency() sim.Time { return l.latency + l.fwd.Delay }

// Down takes the link physically down at time now (a cut cable, a port
// shut down). It logs a "state" entry and invalidates cached paths.
func (l *Link) Down(now sim.Time) { l.setUp(now, false) }

// Up brings the link physically up at time now.
func (l *Link) Up(now sim.Time) { l.setUp(now, true) }

func (l *Link) setUp(now sim.Time, up bool) {
	if l.up == up {
		return
	}
	l.up = up
	detail := "physical down"
	if up {
		detail = "physical up"
	}
	l.net.changed(now, l.name, detail)
	l.physicalChanged(now)
}

// OnPhysicalChange registers f, called at the time of every change that
// may change PhysicalUp: the link going down or up, or a loud failure (or
// its repair) of either of its parts. Link-down detectors subscribe here.
func (l *Link) OnPhysicalChange(f func(now sim.Time)) { l.watch = append(l.watch, f) }

func (l *Link) physicalChanged(now sim.Time) {
	for _, f := range l.watch {
		f(now)
	}
}

// SetForwarding changes the forwarding state at time now; the physical
// state does not change. Forwarding{Drop: 1} is a silent link failure. It
// logs a "state" entry and invalidates cached paths.
func (l *Link) SetForwarding(now sim.Time, f Forwarding) error {
	if err := f.check(); err != nil {
		return fmt.Errorf("link %q: %w", l.name, err)
	}
	if l.fwd == f {
		return nil
	}
	l.fwd = f
	l.net.changed(now, l.name, f.String())
	return nil
}

// dropsAll reports whether the data plane loses everything on the link.
func (l *Link) dropsAll() bool { return !l.PhysicalUp() || l.fwd.Drop >= 1 }

// lossy reports whether the link drops a share of crossings, not all.
func (l *Link) lossy() bool { return l.fwd.Drop > 0 && l.fwd.Drop < 1 }

// other returns the end of the link that is not p.
func (l *Link) other(p *Part) *Part {
	if l.a == p {
		return l.b
	}
	return l.a
}
