package power

import "github.com/cascade-sim/cascade/sim"

// RoomConfig describes a room of a site.
type RoomConfig struct {
	// Name identifies the room.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the room, unique within the site"`
	// Hosts is the number of hosts (servers) in it, named "room/i".
	Hosts int `knob:"hosts" required:"true" min:"0" max:"1000000" unit:"servers" want:"an integer from 0 to 1000000: servers in the room" doc:"how many servers stand in the room"`
}

// Describe names a room in messages.
func (RoomConfig) Describe() (noun, example string) { return "a room", "{name: a1, hosts: 100}" }

// Room is a room of a site: it is powered while it is not damaged (burned
// or water-damaged) and a UPS feeding it delivers power.
type Room struct {
	cfg     RoomConfig
	burned  bool
	wet     bool
	powered bool
	feeds   []*UPS
	hosts   []*Host

	watchers []func(now sim.Time, r *Room)
}

// Name returns the room's name.
func (r *Room) Name() string { return r.cfg.Name }

// Powered reports whether the room's power chain delivers power.
func (r *Room) Powered() bool { return r.powered }

// Burned reports whether a fire has reached the room.
func (r *Room) Burned() bool { return r.burned }

// WaterDamaged reports whether the water used to fight a fire has wetted
// the room's electrical equipment.
func (r *Room) WaterDamaged() bool { return r.wet }

// Damaged reports whether the room is burned or water-damaged: its power
// chain no longer powers it, and its panels need repair before a team
// restoration energizes them.
func (r *Room) Damaged() bool { return r.burned || r.wet }

// Hosts returns the room's hosts. The slice must not be modified.
func (r *Room) Hosts() []*Host { return r.hosts }

// OnChange registers f, called after every change of Powered (before the
// room's hosts follow), in the order of registration.
func (r *Room) OnChange(f func(now sim.Time, r *Room)) {
	r.watchers = append(r.watchers, f)
}
