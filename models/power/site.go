package power

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// SiteConfig describes a site's power chain and hosts (an entry of a
// scenario's sites: block).
type SiteConfig struct {
	// Name identifies the site in logs and series.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the site, unique among sites"`
	// Generator is the standby generator; nil means none.
	Generator *GeneratorConfig `knob:"generator" want:"a generator: {start: 30s, fail_probability: 0}" doc:"the site's standby generator; without it, none"`
	// UPS lists the UPS units; each room with hosts must be fed by one.
	UPS []UPSConfig `knob:"ups" want:"a list of UPS units" doc:"the site's UPS units, names unique within the site; each room with hosts must be fed by one"`
	// Rooms lists the rooms, with their hosts.
	Rooms []RoomConfig `knob:"rooms" required:"true" nonempty:"true" want:"a non-empty list of rooms" doc:"the site's rooms, names unique within the site"`
	// Crews is the number of crews restarting hosts in parallel once they
	// regain power; 0 (none in a file) means a powered host runs at once.
	Crews int `knob:"crews" default:"1" min:"1" max:"1000000" none:"true" unit:"crews" doc:"how many servers can be restarted at once once they have power; none: a powered server runs at once, without a restart"`
	// RestartTime is the time one crew needs to restart one host
	// (nominally under 20 min per server). Needed when Crews > 0.
	RestartTime models.DistConfig `knob:"restart_time" want:"a distribution, like {dist: uniform, min: 5m, max: 15m}" doc:"the time one crew needs to restart one server once it has power; required unless crews is none"`
	// Switchovers are the site's switch-overs to other sites. NewSite
	// does not use them: the builder arms them after the hosted services
	// (NewSwitchover).
	Switchovers []SwitchoverConfig `knob:"switchovers" want:"a list of switch-overs" doc:"the work that moves hosted services from this site to their standby site, names unique within the site"`
	// LogHosts logs every host's changes too (verbose at scale).
	LogHosts bool
}

// Describe names a site in messages.
func (SiteConfig) Describe() (noun, example string) { return "a site", "" }

// Check checks that crews come with a restart time.
func (c SiteConfig) Check(written func(key string) bool) error {
	if c.Crews > 0 && c.RestartTime == nil {
		return knob.Errorf("restart_time", "missing required field \"restart_time\"; expected a distribution, like {dist: uniform, min: 5m, max: 15m}")
	}
	return nil
}

// Site is a data-centre site: utility feed → UPS units (→ generator) →
// rooms → hosts. At time 0 the utility feed is up and every host is
// powered and running.
type Site struct {
	cfg   SiteConfig
	env   *models.Env
	rng   *sim.Rand
	ups   []*UPS
	rooms []*Room
	hosts []*Host
	crews *crews

	utility bool
	off     bool // the power-off order: no utility, no generator
	gen     GeneratorState
	genT    sim.Timer

	notices []func(now, at sim.Time)

	powered, running int
	poweredG         *sim.Gauge
	runningG         *sim.Gauge
	update           sim.HandlerFunc
}

// NewSite checks cfg and builds the site.
func NewSite(env *models.Env, cfg SiteConfig) (*Site, error) {
	if cfg.Name == "" {
		return nil, fmt.Errorf("power site: no name")
	}
	s := &Site{cfg: cfg, env: env, rng: env.Streams.Stream("power/" + cfg.Name), utility: true}
	if g := cfg.Generator; g != nil {
		if g.Start < 0 || !(g.FailProb >= 0 && g.FailProb <= 1) {
			return nil, fmt.Errorf("site %q: generator needs start >= 0 and fail probability in [0, 1], got %v and %v", cfg.Name, g.Start, g.FailProb)
		}
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("site %q: %w", cfg.Name, err)
	}
	if cfg.Crews > 0 {
		if cfg.RestartTime == nil {
			return nil, fmt.Errorf("site %q: crews need a restart time distribution", cfg.Name)
		}
		restart, err := cfg.RestartTime.NewDist()
		if err != nil {
			return nil, fmt.Errorf("site %q: restart time: %w", cfg.Name, err)
		}
		s.crews = newCrews(s, cfg.Crews, restart)
	}
	byName := map[string]*Room{}
	for _, rc := range cfg.Rooms {
		if rc.Name == "" || byName[rc.Name] != nil || rc.Hosts < 0 {
			return nil, fmt.Errorf("site %q: room %q: needs a unique name and hosts >= 0", cfg.Name, rc.Name)
		}
		r := &Room{cfg: rc, powered: true}
		byName[rc.Name] = r
		s.rooms = append(s.rooms, r)
		for i := range rc.Hosts {
			h := &Host{name: fmt.Sprintf("%s/%d", rc.Name, i), site: s, room: r, powered: true, running: true}
			r.hosts = append(r.hosts, h)
			s.hosts = append(s.hosts, h)
		}
	}
	seen := map[string]bool{}
	for _, uc := range cfg.UPS {
		if uc.Name == "" || seen[uc.Name] || uc.RideThrough < 0 {
			return nil, fmt.Errorf("site %q: UPS %q: needs a unique name and ride-through >= 0", cfg.Name, uc.Name)
		}
		if uc.BatteryRoom != "" && byName[uc.BatteryRoom] == nil {
			return nil, fmt.Errorf("site %q: UPS %q: no battery room %q", cfg.Name, uc.Name, uc.BatteryRoom)
		}
		seen[uc.Name] = true
		u := &UPS{cfg: uc, delivering: true}
		u.cfg.Feeds = append([]string(nil), uc.Feeds...)
		for _, f := range uc.Feeds {
			r := byName[f]
			if r == nil {
				return nil, fmt.Errorf("site %q: UPS %q feeds unknown room %q", cfg.Name, uc.Name, f)
			}
			u.feeds = append(u.feeds, r)
			r.feeds = append(r.feeds, u)
		}
		s.ups = append(s.ups, u)
	}
	for _, r := range s.rooms {
		if len(r.hosts) > 0 && len(r.feeds) == 0 {
			return nil, fmt.Errorf("site %q: room %q has hosts but no UPS feeds it", cfg.Name, r.Name())
		}
	}
	s.powered, s.running = len(s.hosts), len(s.hosts)
	s.poweredG = env.Recorder.Gauge(cfg.Name, models.MetricPoweredShare)
	s.runningG = env.Recorder.Gauge(cfg.Name, models.MetricRunningShare)
	s.setGauges(0)
	s.update = func(now sim.Time, _ any) { s.recompute(now) }
	return s, nil
}

// Name returns the site's name.
func (s *Site) Name() string { return s.cfg.Name }

// Hosts returns every host, room by room. The slice must not be modified.
func (s *Site) Hosts() []*Host { return s.hosts }

// Room returns the room called name, or nil.
func (s *Site) Room(name string) *Room {
	for _, r := range s.rooms {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

// UPS returns the unit called name, or nil.
func (s *Site) UPS(name string) *UPS {
	for _, u := range s.ups {
		if u.Name() == name {
			return u
		}
	}
	return nil
}

// Generator returns the generator's state.
func (s *Site) Generator() GeneratorState { return s.gen }

// PoweredShare returns the share of hosts with power (1 without hosts).
func (s *Site) PoweredShare() float64 { return share(s.powered, len(s.hosts)) }

// RunningShare returns the share of hosts running (1 without hosts).
func (s *Site) RunningShare() float64 { return share(s.running, len(s.hosts)) }

func share(k, n int) float64 {
	if n == 0 {
		return 1
	}
	return float64(k) / float64(n)
}

// WaitingRestart returns the number of powered hosts waiting for a crew.
func (s *Site) WaitingRestart() int {
	if s.crews == nil {
		return 0
	}
	return s.crews.waitingCount()
}

// LoseUtility cuts the utility feed: the UPS units go on battery and the
// generator, if any, starts.
func (s *Site) LoseUtility(now sim.Time) {
	if !s.utility {
		return
	}
	s.utility = false
	s.log(now, s.cfg.Name, sim.EventPower, "utility feed lost")
	s.recompute(now)
}

// RestoreUtility brings the utility feed back and ends a power-off order:
// undamaged UPS units deliver again and the generator stops.
func (s *Site) RestoreUtility(now sim.Time) {
	if s.utility && !s.off {
		return
	}
	s.utility, s.off = true, false
	s.log(now, s.cfg.Name, sim.EventRestoration, "utility feed restored")
	s.recompute(now)
}

// OnPowerOffNotice registers f, called when the site's operators are told
// in advance that all power will be ordered off at at.
func (s *Site) OnPowerOffNotice(f func(now, at sim.Time)) {
	s.notices = append(s.notices, f)
}

// NoticePowerOff tells the site's operators at now that all power will be
// ordered off at at (the watchers of OnPowerOffNotice run).
func (s *Site) NoticePowerOff(now, at sim.Time) {
	for _, f := range s.notices {
		f(now, at)
	}
}

// PowerOff carries out an order to cut all power: the utility feed and the
// generator are cut at once, and every UPS unit still delivering runs for
// emergency, then goes dark.
func (s *Site) PowerOff(now, emergency sim.Time) {
	if emergency < 0 {
		emergency = 0
	}
	s.off = true
	s.log(now, s.cfg.Name, sim.EventPower, "all power ordered off; emergency power for "+emergency.String())
	for _, u := range s.ups {
		if u.delivering {
			u.onBattery = true
			u.batteryUntil = sim.Later(now, emergency)
		}
	}
	if emergency > 0 {
		s.env.Engine.At(sim.Later(now, emergency), s.update, nil)
	}
	s.recompute(now)
}

// Burn sets a room on fire: it goes dark and the UPS units whose batteries
// stand in it stop.
func (s *Site) Burn(now sim.Time, room string) error {
	r := s.Room(room)
	if r == nil {
		return fmt.Errorf("site %q: no room %q", s.cfg.Name, room)
	}
	if r.burned {
		return nil
	}
	r.burned = true
	for _, u := range s.ups {
		if u.cfg.BatteryRoom == room && !u.damaged {
			u.damaged = true
			s.log(now, u.Name(), sim.EventPower, "damaged by fire in "+room)
		}
	}
	s.recompute(now)
	return nil
}

// WaterDamage wets a room's electrical equipment: it goes dark like a
// burned room. Unlike a fire it leaves the UPS units whose batteries stand
// in the room as they are.
func (s *Site) WaterDamage(now sim.Time, room string) error {
	r := s.Room(room)
	if r == nil {
		return fmt.Errorf("site %q: no room %q", s.cfg.Name, room)
	}
	if r.wet {
		return nil
	}
	r.wet = true
	s.recompute(now)
	return nil
}

// input reports whether the UPS units have input power.
func (s *Site) input() bool {
	return !s.off && (s.utility || s.gen == GeneratorRunning)
}

// recompute brings the generator, the UPS units, the rooms and the hosts up
// to date at now.
func (s *Site) recompute(now sim.Time) {
	s.driveGenerator(now)
	in := s.input()
	for _, u := range s.ups {
		switched := false
		switch {
		case in && u.onBattery:
			u.onBattery, switched = false, true
		case !in && !u.onBattery:
			u.onBattery, switched = true, true
			u.batteryUntil = sim.Later(now, u.cfg.RideThrough)
			if u.cfg.RideThrough > 0 {
				s.env.Engine.At(u.batteryUntil, s.update, nil)
			}
		}
		d := !u.damaged && (in || now < u.batteryUntil)
		if d == u.delivering && !(d && switched) {
			continue
		}
		u.delivering = d
		switch {
		case !d:
			s.log(now, u.Name(), sim.EventPower, "dark")
		case in:
			s.log(now, u.Name(), sim.EventRestoration, "delivering")
		default:
			s.log(now, u.Name(), sim.EventPower, "on battery")
		}
	}
	for _, r := range s.rooms {
		p := !r.Damaged() && anyDelivering(r.feeds)
		if p == r.powered {
			continue
		}
		r.powered = p
		if p {
			s.log(now, r.Name(), sim.EventRestoration, "powered")
		} else {
			s.log(now, r.Name(), sim.EventPower, "dark")
		}
		for _, h := range r.hosts {
			s.setPowered(now, h, p || h.restored)
		}
		for _, f := range r.watchers {
			f(now, r)
		}
	}
}

func anyDelivering(us []*UPS) bool {
	for _, u := range us {
		if u.delivering {
			return true
		}
	}
	return false
}

// driveGenerator starts or stops the generator as the utility feed and
// the power-off order require.
func (s *Site) driveGenerator(now sim.Time) {
	g := s.cfg.Generator
	if g == nil {
		return
	}
	needed := !s.utility && !s.off
	switch {
	case !needed && s.gen != GeneratorIdle:
		s.env.Engine.Cancel(s.genT)
		s.gen = GeneratorIdle
		s.log(now, s.cfg.Name+"/generator", sim.EventPower, "idle")
	case needed && s.gen == GeneratorIdle:
		s.gen = GeneratorStarting
		s.log(now, s.cfg.Name+"/generator", sim.EventPower, "starting")
		s.genT = s.env.Engine.At(sim.Later(now, g.Start), sim.HandlerFunc(s.generatorStarted), nil)
	}
}

// generatorStarted ends the generator's start: it runs or has failed.
func (s *Site) generatorStarted(now sim.Time, _ any) {
	if s.gen != GeneratorStarting {
		return
	}
	if s.rng.Float64() < s.cfg.Generator.FailProb {
		s.gen = GeneratorFailed
	} else {
		s.gen = GeneratorRunning
	}
	s.log(now, s.cfg.Name+"/generator", sim.EventPower, s.gen.String())
	s.recompute(now)
}

// setPowered gives or takes a host's power.
func (s *Site) setPowered(now sim.Time, h *Host, p bool) {
	if h.powered == p {
		return
	}
	h.powered = p
	if p {
		s.powered++
		if s.crews == nil { // no restart needed: runs at once
			h.running = true
			s.running++
		}
	} else {
		s.powered--
		h.epoch++
		if s.crews != nil {
			s.crews.abort(now, h)
		}
		if h.running {
			h.running = false
			s.running--
		}
	}
	if s.cfg.LogHosts {
		s.log(now, h.name, hostKind(h), hostState(h))
	}
	s.setGauges(now)
	h.notify(now)
	if p && s.crews != nil {
		s.crews.enqueue(now, h)
	}
}

// setRunning marks a powered host as running.
func (s *Site) setRunning(now sim.Time, h *Host) {
	if h.running || !h.powered {
		return
	}
	h.running = true
	s.running++
	if s.cfg.LogHosts {
		s.log(now, h.name, hostKind(h), hostState(h))
	}
	s.setGauges(now)
	h.notify(now)
}

// hostKind is the kind of event a host's new state is: a restoration
// when it has power, else a power event.
func hostKind(h *Host) sim.EventKind {
	if h.powered {
		return sim.EventRestoration
	}
	return sim.EventPower
}

func hostState(h *Host) string {
	switch {
	case h.running:
		return "running"
	case h.powered:
		return "powered"
	}
	return "dark"
}

func (s *Site) setGauges(now sim.Time) {
	s.poweredG.Set(now, s.PoweredShare())
	s.runningG.Set(now, s.RunningShare())
}

// log writes a change of the site's power to the event log, of kind
// sim.EventPower, or sim.EventRestoration for something coming back (a
// feed restored, a room powered, a host running).
func (s *Site) log(now sim.Time, component string, kind sim.EventKind, detail string) {
	s.env.Recorder.Log(now, component, kind, detail)
}
