package power

import "github.com/cascade-sim/cascade/sim"

// UPSConfig describes one UPS unit of a site.
type UPSConfig struct {
	// Name identifies the unit in logs.
	Name string
	// RideThrough is how long its batteries carry its rooms once its
	// input is lost (industry: 1–30 min, 5 min common). 0 means no
	// battery: the rooms go dark at once.
	RideThrough sim.Time
	// BatteryRoom is the room its batteries stand in: a fire there stops
	// the unit. "" means a room of its own that no fire reaches.
	BatteryRoom string
	// Feeds names the rooms the unit feeds.
	Feeds []string
}

// UPS is a unit of a site's power chain: it delivers power while it has
// input, and on battery for its ride-through time after losing it. Its
// batteries count as recharged as soon as its input returns.
type UPS struct {
	cfg          UPSConfig
	damaged      bool
	onBattery    bool
	batteryUntil sim.Time
	delivering   bool
	feeds        []*Room
}

// Name returns the unit's name.
func (u *UPS) Name() string { return u.cfg.Name }

// Delivering reports whether the unit delivers power.
func (u *UPS) Delivering() bool { return u.delivering }

// Damaged reports whether a fire has stopped the unit.
func (u *UPS) Damaged() bool { return u.damaged }

// OnBattery reports whether the unit has lost its input and runs on its
// batteries (or has run them down).
func (u *UPS) OnBattery() bool { return u.onBattery }
