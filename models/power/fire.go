package power

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Spread is a room a fire reaches after a delay.
type Spread struct {
	// Room is the room reached.
	Room string
	// After is the delay from ignition.
	After sim.Time
}

// FireConfig describes a fire in a site.
type FireConfig struct {
	// Name identifies the fire in the event log.
	Name string
	// Room is where it starts.
	Room string
	// At is when it starts.
	At sim.Time
	// Spread lists the rooms it reaches later.
	Spread []Spread
	// PowerOff makes the fire service order all power off at PowerOffAt.
	PowerOff bool
	// PowerOffAt is when the fire service orders all power off (not
	// before At).
	PowerOffAt sim.Time
	// Emergency is how long the UPS units still delivering carry their
	// rooms after the order (Kakao: about 30 min, the operator's claim).
	Emergency sim.Time
}

// Fire burns rooms of a site and may end in an order to cut all power. It
// logs kind "fault" for each room it reaches and kind "action" for the
// order; the site logs the states that follow.
type Fire struct {
	cfg  FireConfig
	site *Site
	env  *models.Env
}

// NewFire checks cfg against site and schedules the fire.
func NewFire(env *models.Env, site *Site, cfg FireConfig) (*Fire, error) {
	if site.Room(cfg.Room) == nil {
		return nil, fmt.Errorf("fire %q: site %q has no room %q", cfg.Name, site.Name(), cfg.Room)
	}
	if cfg.At < env.Engine.Now() {
		return nil, fmt.Errorf("fire %q: starts at %v, before now %v", cfg.Name, cfg.At, env.Engine.Now())
	}
	for _, sp := range cfg.Spread {
		if site.Room(sp.Room) == nil || sp.After < 0 {
			return nil, fmt.Errorf("fire %q: spread to %q: needs a room of site %q and a delay >= 0", cfg.Name, sp.Room, site.Name())
		}
	}
	if cfg.PowerOff && (cfg.PowerOffAt < cfg.At || cfg.Emergency < 0) {
		return nil, fmt.Errorf("fire %q: power off at %v must not be before ignition at %v, emergency %v must be >= 0", cfg.Name, cfg.PowerOffAt, cfg.At, cfg.Emergency)
	}
	f := &Fire{cfg: cfg, site: site, env: env}
	f.cfg.Spread = append([]Spread(nil), cfg.Spread...)
	env.Engine.At(cfg.At, f, cfg.Room)
	for _, sp := range f.cfg.Spread {
		env.Engine.At(cfg.At+sp.After, f, sp.Room)
	}
	if cfg.PowerOff {
		env.Engine.At(cfg.PowerOffAt, f, nil)
	}
	return f, nil
}

// Fire burns a room (data is its name) or, with nil data, orders all power
// off.
func (f *Fire) Fire(now sim.Time, data any) {
	rec := f.env.Recorder
	room, ok := data.(string)
	if !ok {
		rec.Log(now, f.site.Name(), "action", f.label()+"fire service orders all power off")
		f.site.PowerOff(now, f.cfg.Emergency)
		return
	}
	rec.Log(now, room, "fault", f.label()+"fire in "+room)
	_ = f.site.Burn(now, room) // the room was checked by NewFire
}

func (f *Fire) label() string {
	if f.cfg.Name == "" {
		return ""
	}
	return f.cfg.Name + ": "
}
