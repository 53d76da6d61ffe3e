package power

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// Spread is a room a fire reaches after a delay.
type Spread struct {
	// Room is the room reached.
	Room string `knob:"room" ref:"room" in:"site" required:"true" want:"the name of a room of the site" doc:"a room of the fire's site"`
	// After is the delay from ignition.
	After sim.Time `knob:"after" required:"true" min:"0s" doc:"how long after the fire starts it reaches room"`
}

// Describe names a spread in messages.
func (Spread) Describe() (noun, example string) { return "a spread", "{room: b1, after: 30m}" }

// FireConfig describes a fire in a site (an entry of a scenario's fires:
// block). NewFire takes the site Site names.
type FireConfig struct {
	// Name identifies the fire in the event log.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the fire, unique among fires"`
	// Site is the name of the site; NewFire is given the site itself.
	Site string `knob:"site" ref:"site" required:"true" doc:"the site of the fire"`
	// Room is where it starts.
	Room string `knob:"room" ref:"room" in:"site" required:"true" want:"the name of a room of the site" doc:"the room of the site where the fire starts"`
	// At is when it starts.
	At sim.Time `knob:"at" required:"true" min:"0s" doc:"when the fire starts, at most the horizon"`
	// Spread lists the rooms it reaches later.
	Spread []Spread `knob:"spread" want:"a list of rooms the fire reaches, like [{room: b1, after: 30m}]" doc:"the rooms of the site the fire reaches later"`
	// PowerOff makes the fire service order all power off at PowerOffAt
	// (a file sets it by a power_off_at > 0).
	PowerOff bool
	// PowerOffAt is when the fire service orders all power off (not
	// before At).
	PowerOffAt sim.Time `knob:"power_off_at" min:"0s" want:"when all power is ordered off: a duration >= 0 with a unit, like 0s, 90m or 2d" doc:"when the fire service orders all power off, at or after at and at most the horizon; 0s or left out: no order"`
	// NoticeLead is how long before PowerOffAt the fire service tells the
	// site's operators that all power will go off (Site.NoticePowerOff),
	// from 0 (no advance notice: the order comes unannounced, as at Kakao)
	// to PowerOffAt - At (notice at ignition). Only with PowerOff.
	NoticeLead sim.Time `knob:"notice_lead" min:"0s" doc:"how long before the power-off order the site's operators are told that all power will go off, from 0s (no notice, logged as such at the order) to power_off_at - at; only with power_off_at"`
	// Emergency is how long the UPS units still delivering carry their
	// rooms after the order (Kakao: about 30 min, the operator's claim).
	Emergency sim.Time `knob:"emergency" min:"0s" doc:"how long emergency power lasts after the power-off order (Kakao: about 30 min, the operator's claim)"`
	// WaterDamage lists the rooms whose electrical equipment is wetted
	// when the fire is fought with water. The water is used when the
	// power-off order takes effect, at PowerOffAt + Emergency with
	// PowerOff (that is why the fire service orders power off), otherwise
	// at At. The rooms then go dark like burned rooms.
	WaterDamage []string `knob:"water_damage" ref:"room" in:"site" doc:"rooms of the site whose electrical equipment the water used on the fire damages, when the power-off order takes effect (at the fire without one), each once"`
}

// Describe names a fire in messages.
func (FireConfig) Describe() (noun, example string) { return "a fire", "" }

// ordersPowerOff reports whether the fire ends in a power-off order: Go
// code sets PowerOff, a file a power_off_at > 0.
func (c FireConfig) ordersPowerOff() bool { return c.PowerOff || c.PowerOffAt > 0 }

// Check checks the power-off order against the fire and the notice
// against the order.
func (c FireConfig) Check(written func(key string) bool) error {
	var errs []error
	off := c.ordersPowerOff()
	if off && c.PowerOffAt < c.At {
		errs = append(errs, knob.Errorf("power_off_at", "expected power_off_at >= at (%s), got %s", shortDuration(c.At), shortDuration(c.PowerOffAt)))
	}
	switch {
	case c.NoticeLead <= 0:
	case !off:
		errs = append(errs, knob.Errorf("notice_lead", "notice_lead is the notice of a power-off order; give power_off_at or remove notice_lead"))
	case c.PowerOffAt >= c.At && c.NoticeLead > c.PowerOffAt-c.At:
		errs = append(errs, knob.Errorf("notice_lead", "expected notice_lead <= power_off_at - at (%s: no notice before the fire), got %s",
			shortDuration(c.PowerOffAt-c.At), shortDuration(c.NoticeLead)))
	}
	return errors.Join(errs...)
}

// shortDuration writes d as a file would: 1h30m rather than 1h30m0s.
func shortDuration(d sim.Time) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Fire burns rooms of a site, may end in an order to cut all power, and
// may damage rooms with the water used to fight it. It logs kind "fault"
// for each room it reaches or wets and kind "action" for the order and
// for its advance notice (or that none was given); the
// site logs the states that follow.
type Fire struct {
	cfg  FireConfig
	site *Site
	env  *models.Env
}

// NewFire checks cfg against site and schedules the fire. A PowerOffAt
// > 0 orders power off as PowerOff does.
func NewFire(env *models.Env, site *Site, cfg FireConfig) (*Fire, error) {
	if site == nil {
		return nil, fmt.Errorf("fire %q: no site", cfg.Name)
	}
	cfg.PowerOff = cfg.ordersPowerOff()
	if site.Room(cfg.Room) == nil {
		return nil, fmt.Errorf("fire %q: site %q has no room %q", cfg.Name, site.Name(), cfg.Room)
	}
	if cfg.At < env.Engine.Now() {
		return nil, fmt.Errorf("fire %q: starts at %v, before now %v", cfg.Name, cfg.At, env.Engine.Now())
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("fire %q: %w", cfg.Name, err)
	}
	for _, sp := range cfg.Spread {
		if site.Room(sp.Room) == nil {
			return nil, fmt.Errorf("fire %q: spread to %q: needs a room of site %q", cfg.Name, sp.Room, site.Name())
		}
	}
	wet := map[string]bool{}
	for _, room := range cfg.WaterDamage {
		if site.Room(room) == nil || wet[room] {
			return nil, fmt.Errorf("fire %q: water damage in %q: needs a room of site %q, listed once", cfg.Name, room, site.Name())
		}
		wet[room] = true
	}
	f := &Fire{cfg: cfg, site: site, env: env}
	f.cfg.Spread = append([]Spread(nil), cfg.Spread...)
	f.cfg.WaterDamage = append([]string(nil), cfg.WaterDamage...)
	env.Engine.At(cfg.At, f, cfg.Room)
	for _, sp := range f.cfg.Spread {
		env.Engine.At(sim.Later(cfg.At, sp.After), f, sp.Room)
	}
	water := cfg.At
	if cfg.PowerOff {
		if cfg.NoticeLead > 0 {
			env.Engine.At(cfg.PowerOffAt-cfg.NoticeLead, f, powerOffNotice{})
		}
		env.Engine.At(cfg.PowerOffAt, f, nil)
		water = sim.Later(cfg.PowerOffAt, cfg.Emergency)
	}
	if len(f.cfg.WaterDamage) > 0 {
		env.Engine.At(water, f, waterDamage{})
	}
	return f, nil
}

// powerOffNotice is the data of the event that tells the operators in
// advance that all power will go off.
type powerOffNotice struct{}

// waterDamage is the data of the event that wets the rooms of
// FireConfig.WaterDamage.
type waterDamage struct{}

// Fire burns a room (data is its name), wets the rooms of
// FireConfig.WaterDamage (data is waterDamage{}), gives notice of the
// power-off (powerOffNotice{}) or, with nil data, orders all power off
// (logging first, without notice, that none was given).
func (f *Fire) Fire(now sim.Time, data any) {
	rec := f.env.Recorder
	switch d := data.(type) {
	case string:
		rec.Log(now, d, sim.EventFault, "fire in "+d+f.suffix())
		_ = f.site.Burn(now, d) // the room was checked by NewFire
	case waterDamage:
		for _, room := range f.cfg.WaterDamage {
			rec.Log(now, room, sim.EventFault, "water damage in "+room+f.suffix())
			_ = f.site.WaterDamage(now, room) // checked by NewFire
		}
	case powerOffNotice:
		rec.Event(sim.LogEntry{At: now, Kind: sim.EventPower, Subject: f.site.Name(), By: "fire service",
			Message: fmt.Sprintf("fire service gives notice: all power off in %v%s", f.cfg.NoticeLead, f.suffix())})
		f.site.NoticePowerOff(now, f.cfg.PowerOffAt)
	default:
		if f.cfg.NoticeLead == 0 {
			rec.Log(now, f.site.Name(), sim.EventPower, "no advance notice of the power-off to the site's operators"+f.suffix())
		}
		rec.Event(sim.LogEntry{At: now, Kind: sim.EventPower, Subject: f.site.Name(), By: "fire service",
			Message: "fire service orders all power off" + f.suffix()})
		f.site.PowerOff(now, f.cfg.Emergency)
	}
}

// suffix names the fire after what a log entry says happened, so that the
// entry's first words (a plot marker's label) say what, not which fire.
func (f *Fire) suffix() string {
	if f.cfg.Name == "" {
		return ""
	}
	return " (" + f.cfg.Name + ")"
}
