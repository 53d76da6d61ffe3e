package power

import "github.com/cascade-sim/cascade/sim"

// UPSConfig describes one UPS unit of a site.
type UPSConfig struct {
	// Name identifies the unit in logs.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the unit, unique within the site"`
	// RideThrough is how long its batteries carry its rooms once its
	// input is lost (industry: 1–30 min, 5 min common). 0 means no
	// battery: the rooms go dark at once.
	RideThrough sim.Time `knob:"ride_through" required:"true" min:"0s" doc:"how long the batteries carry the unit's rooms once its input is lost (industry: 1-30 min, 5 min common); 0s: no battery, the rooms go dark at once"`
	// BatteryRoom is the room its batteries stand in: a fire there stops
	// the unit. "" means a room of its own that no fire reaches.
	BatteryRoom string `knob:"battery_room" ref:"room" want:"the name of a room of the site" doc:"the room of the site where the batteries stand: a fire there stops the unit; without it, a room of its own that no fire reaches"`
	// Feeds names the rooms the unit feeds.
	Feeds []string `knob:"feeds" ref:"room" required:"true" want:"a non-empty list of room names" doc:"the rooms of the site the unit powers, each once"`
}

// Describe names a UPS in messages.
func (UPSConfig) Describe() (noun, example string) { return "a UPS", "" }

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
