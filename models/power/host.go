package power

import "github.com/cascade-sim/cascade/sim"

// Host is a server of a site. It is powered while its room is, or once a
// restoration has given it power again; it runs once powered and, with
// crews, restarted.
type Host struct {
	name     string
	site     *Site
	room     *Room
	restored bool
	powered  bool
	running  bool

	epoch      uint64 // bumped at every loss of power: stale queue entries
	waiting    bool
	restarting bool
	restart    sim.Timer
	watchers   []func(now sim.Time, h *Host)
}

// Name returns the host's name, "room/i".
func (h *Host) Name() string { return h.name }

// Room returns the room the host stands in.
func (h *Host) Room() *Room { return h.room }

// Powered reports whether the host has power.
func (h *Host) Powered() bool { return h.powered }

// Running reports whether the host has power and has been restarted.
func (h *Host) Running() bool { return h.running }

// OnChange registers f, called after every change of Powered or Running,
// in the order of registration.
func (h *Host) OnChange(f func(now sim.Time, h *Host)) {
	h.watchers = append(h.watchers, f)
}

func (h *Host) notify(now sim.Time) {
	for _, f := range h.watchers {
		f(now, h)
	}
}
