package power

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// ServiceConfig describes a service hosted on a site's hosts (an entry
// of a scenario's hosted: block). The knobs name the rooms, services,
// component and pool; the builder resolves them into Hosts,
// Dependencies, Component and Data.RecoveredBy, which Go code sets
// directly.
type ServiceConfig struct {
	// Name identifies the service in logs and series.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the hosted service, unique among hosted entries"`
	// Site is the name of the site whose hosts run it.
	Site string `knob:"site" ref:"site" required:"true" doc:"the site whose hosts run the service"`
	// Rooms are rooms of Site whose hosts run it.
	Rooms []string `knob:"rooms" ref:"room" in:"site" required:"true" want:"a non-empty list of room names" doc:"rooms of the site whose hosts run the service, each once"`
	// Hosts are the hosts it runs on at its primary site (the hosts of
	// Rooms).
	Hosts []*Host
	// Threshold is the share of its hosts, in [0, 1], that must run for
	// the primary to be up; 0 means up while any of them runs.
	Threshold float64 `knob:"threshold" min:"0" max:"1" unit:"share of hosts" want:"a share of hosts from 0 to 1" doc:"the share of its hosts that must run for the primary to be up; 0: up while any host runs"`
	// DependsOn names hosted services listed earlier that must be usable
	// for this one to be.
	DependsOn []string `knob:"depends_on" ref:"hosted" earlier:"true" doc:"hosted services listed earlier that must be usable for this one to be (messaging needs login), each once"`
	// Dependencies are the services of DependsOn: services it needs to be
	// usable. They must already exist, so dependencies cannot loop.
	Dependencies []*HostedService
	// DR is its disaster-recovery arrangement.
	DR DRConfig `knob:"dr" doc:"its disaster recovery; without one, mode none: the service waits for its primary"`
	// Target names the service component that goes down and up with it.
	Target string `knob:"target" ref:"service component" required:"true" doc:"the service component that goes down when the hosted service stops being usable and up when it is usable again"`
	// Component, if not nil, goes Down when the service stops being
	// usable and Up when it becomes usable again (e.g. a *models.Service):
	// the component Target names.
	Component models.Switchable
	// Data, if not nil, is the data the service must recover after its
	// primary went down (its servers stopped without a clean shutdown)
	// before the primary serves again.
	Data *DataConfig `knob:"data" doc:"the data to recover after its servers stopped without a clean shutdown, before its primary serves again; without it, none"`
}

// Describe names a hosted service in messages.
func (ServiceConfig) Describe() (noun, example string) { return "a hosted service", "" }

// DataConfig is what a service must recover after an unclean stop.
type DataConfig struct {
	// Size is the amount of data to restore or check, in the unit of the
	// pool's rate (e.g. terabytes for a rate in terabytes per second).
	Size float64 `knob:"size" required:"true" min:">0" want:"a positive amount of data, in the unit of the pool's rate" doc:"the amount of data to restore or check, in the unit of the pool's rate"`
	// Pool is the name of the data pool that recovers it.
	Pool string `knob:"pool" ref:"data pool" required:"true" doc:"the data pool that recovers it"`
	// RecoveredBy is the pool Pool names: it recovers the data, shared
	// with the other services recovering at the same time.
	RecoveredBy *DataPool
}

// Describe names a hosted service's data in messages.
func (DataConfig) Describe() (noun, example string) { return "data", "{size: 120, pool: backup}" }

// HostedService is a service on a site's hosts. Its primary is up while
// enough of its hosts run; when the primary goes down, its DR arrangement
// may bring it up elsewhere (failed over, for the rest of the run: no
// fail-back is modelled). It is up while its primary is up or it has
// failed over, and usable while it is up and every service it depends on
// is usable.
type HostedService struct {
	cfg          ServiceConfig
	recoveryTime sim.Dist // cfg.DR.Recovery built, or the mode's default
	env          *models.Env
	rng          *sim.Rand
	running      []bool
	nRun         int
	standby      []bool
	nSb          int

	primaryUp  bool
	failedOver bool
	recovering bool
	blocked    bool
	recovery   sim.Timer
	data       *dataJob // nil without ServiceConfig.Data
	dataLost   bool     // the primary went down and its data is not recovered yet
	usable     bool
	watchers   []func(now sim.Time, s *HostedService)
	pwatchers  []func(now sim.Time, s *HostedService)
	byWork     bool // a switch-over, not a timer, moves it to its standby

	upG, usableG *sim.Gauge
}

// NewHostedService checks cfg and builds the service; its state at
// creation follows its hosts' and dependencies' states.
func NewHostedService(env *models.Env, cfg ServiceConfig) (*HostedService, error) {
	switch {
	case cfg.Name == "":
		return nil, fmt.Errorf("hosted service: no name")
	case len(cfg.Hosts) == 0:
		return nil, fmt.Errorf("hosted service %q: no hosts", cfg.Name)
	case cfg.DR.Mode > DRActiveActive:
		return nil, fmt.Errorf("hosted service %q: unknown DR mode %d", cfg.Name, cfg.DR.Mode)
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("hosted service %q: %w", cfg.Name, err)
	}
	for i, d := range cfg.Dependencies {
		if d == nil {
			return nil, fmt.Errorf("hosted service %q: dependency %d is nil", cfg.Name, i)
		}
	}
	for i, d := range cfg.DR.Requires {
		if d == nil {
			return nil, fmt.Errorf("hosted service %q: DR need %d is nil", cfg.Name, i)
		}
	}
	for i, h := range cfg.Hosts {
		if h == nil {
			return nil, fmt.Errorf("hosted service %q: host %d is nil", cfg.Name, i)
		}
	}
	for i, h := range cfg.DR.Standby {
		if h == nil {
			return nil, fmt.Errorf("hosted service %q: standby host %d is nil", cfg.Name, i)
		}
	}
	if d := cfg.Data; d != nil && (d.RecoveredBy == nil || math.IsInf(d.Size, 1)) {
		return nil, fmt.Errorf("hosted service %q: data needs a pool and a finite size, got %v", cfg.Name, d.Size)
	}
	cfg.Hosts = append([]*Host(nil), cfg.Hosts...)
	cfg.Dependencies = append([]*HostedService(nil), cfg.Dependencies...)
	cfg.DR.Requires = append([]*HostedService(nil), cfg.DR.Requires...)
	cfg.DR.Standby = append([]*Host(nil), cfg.DR.Standby...)
	recovery := DefaultRecovery(cfg.DR.Mode)
	if cfg.DR.Recovery != nil {
		var err error
		if recovery, err = cfg.DR.Recovery.NewDist(); err != nil {
			return nil, fmt.Errorf("hosted service %q: recovery time: %w", cfg.Name, err)
		}
	}
	s := &HostedService{
		cfg:          cfg,
		recoveryTime: recovery,
		env:          env,
		rng:          env.Streams.Stream("power/service/" + cfg.Name),
		running:      make([]bool, len(cfg.Hosts)),
		upG:          env.Recorder.Gauge(cfg.Name, models.MetricUp),
		usableG:      env.Recorder.Gauge(cfg.Name, models.MetricUsable),
	}
	if cfg.Data != nil {
		d := *cfg.Data
		s.cfg.Data = &d
		s.data = &dataJob{svc: s}
	}
	for i, h := range cfg.Hosts {
		s.running[i] = h.Running()
		if h.Running() {
			s.nRun++
		}
		h.OnChange(func(now sim.Time, h *Host) { s.hostChanged(now, i, h) })
	}
	s.standby = make([]bool, len(cfg.DR.Standby))
	for i, h := range cfg.DR.Standby {
		s.standby[i] = h.Running()
		if h.Running() {
			s.nSb++
		}
		h.OnChange(func(now sim.Time, h *Host) { s.standbyChanged(now, i, h) })
	}
	for _, d := range cfg.Dependencies {
		d.OnChange(func(now sim.Time, _ *HostedService) { s.eval(now) })
	}
	for _, d := range cfg.DR.Requires {
		d.OnChange(func(now sim.Time, _ *HostedService) { s.Recheck(now) })
	}
	s.primaryUp = s.hostsHold()
	s.usable = s.Up() && s.depsUsable()
	s.setGauges(env.Engine.Now())
	if !s.primaryUp {
		s.tryRecovery(env.Engine.Now())
	}
	return s, nil
}

// Name returns the service's name.
func (s *HostedService) Name() string { return s.cfg.Name }

// RunningShare returns the share of its hosts that run.
func (s *HostedService) RunningShare() float64 { return share(s.nRun, len(s.running)) }

// PrimaryUp reports whether enough of its hosts run and its data, if it
// had to recover any, is recovered.
func (s *HostedService) PrimaryUp() bool { return s.primaryUp }

// RecoveringData reports whether the primary waits for its data to be
// recovered.
func (s *HostedService) RecoveringData() bool { return s.dataLost }

// FailedOver reports whether its DR arrangement has brought it up
// elsewhere.
func (s *HostedService) FailedOver() bool { return s.failedOver }

// Blocked reports whether its recovery waits for a condition it needs.
func (s *HostedService) Blocked() bool { return s.blocked }

// Up reports whether it runs somewhere: on its primary, or failed over
// (with enough standby hosts running, if it has any).
func (s *HostedService) Up() bool { return s.primaryUp || (s.failedOver && s.standbyHolds()) }

// Usable reports whether it is up and everything it depends on is usable.
func (s *HostedService) Usable() bool { return s.usable }

// OnChange registers f, called after every change of Usable (and so of
// what depends on it), in the order of registration.
func (s *HostedService) OnChange(f func(now sim.Time, s *HostedService)) {
	s.watchers = append(s.watchers, f)
}

// OnPrimaryChange registers f, called after every change of PrimaryUp,
// in the order of registration.
func (s *HostedService) OnPrimaryChange(f func(now sim.Time, s *HostedService)) {
	s.pwatchers = append(s.pwatchers, f)
}

// Mode returns its disaster-recovery mode.
func (s *HostedService) Mode() DRMode { return s.cfg.DR.Mode }

// hostsHold reports whether enough of its hosts run.
func (s *HostedService) hostsHold() bool {
	return s.nRun > 0 && s.RunningShare() >= s.cfg.Threshold
}

// followData starts, pauses and resumes the data recovery as the hosts
// come and go (hold: enough of them run): the primary going down loses
// data, and the hosts coming back start recovering it.
func (s *HostedService) followData(now sim.Time, hold bool) {
	j := s.data
	if j == nil {
		return
	}
	switch {
	case !hold && !s.dataLost && s.primaryUp:
		s.dataLost, j.remaining = true, s.cfg.Data.Size
	case hold && s.dataLost && !j.active:
		s.log(now, fmt.Sprintf("data recovery in %s: %.4g left", s.cfg.Data.RecoveredBy.Name(), j.remaining))
		s.cfg.Data.RecoveredBy.start(now, j)
	case !hold && j.active:
		s.cfg.Data.RecoveredBy.pause(now, j)
		s.log(now, fmt.Sprintf("data recovery paused: servers lost, %.4g left", j.remaining))
	}
}

// dataRecovered is called by the pool when the service's data is
// recovered.
func (s *HostedService) dataRecovered(now sim.Time) {
	s.dataLost = false
	s.log(now, "data recovered")
	s.eval(now)
}

// standbyHolds reports whether enough standby hosts run (true without
// standby hosts).
func (s *HostedService) standbyHolds() bool {
	if len(s.standby) == 0 {
		return true
	}
	return s.nSb > 0 && share(s.nSb, len(s.standby)) >= s.cfg.Threshold
}

// standbyChanged follows standby host i's running state.
func (s *HostedService) standbyChanged(now sim.Time, i int, h *Host) {
	if h.Running() == s.standby[i] {
		return
	}
	s.standby[i] = h.Running()
	if h.Running() {
		s.nSb++
	} else {
		s.nSb--
	}
	s.Recheck(now)
	s.eval(now)
}

func (s *HostedService) depsUsable() bool {
	for _, d := range s.cfg.Dependencies {
		if !d.Usable() {
			return false
		}
	}
	return true
}

// hostChanged follows host i's running state.
func (s *HostedService) hostChanged(now sim.Time, i int, h *Host) {
	if h.Running() == s.running[i] {
		return
	}
	s.running[i] = h.Running()
	if h.Running() {
		s.nRun++
	} else {
		s.nRun--
	}
	s.eval(now)
}

// eval brings the primary's state (its hosts, then its data), the
// recovery elsewhere and usability up to date.
func (s *HostedService) eval(now sim.Time) {
	hold := s.hostsHold()
	s.followData(now, hold)
	if p := hold && !s.dataLost; p != s.primaryUp {
		s.primaryUp = p
		if p {
			s.log(now, "primary up")
			if s.recovering {
				s.env.Engine.Cancel(s.recovery)
				s.recovering = false
			}
			s.blocked = false
		} else {
			s.log(now, "primary down")
			s.tryRecovery(now)
		}
		for _, f := range s.pwatchers {
			f(now, s)
		}
	}
	u := s.Up() && s.depsUsable()
	changed := u != s.usable
	s.usable = u
	s.setGauges(now)
	if !changed {
		return
	}
	if u {
		s.log(now, "usable")
		if s.cfg.Component != nil {
			s.cfg.Component.Up(now)
		}
	} else {
		s.log(now, "unusable")
		if s.cfg.Component != nil {
			s.cfg.Component.Down(now)
		}
	}
	for _, f := range s.watchers {
		f(now, s)
	}
}

func (s *HostedService) setGauges(now sim.Time) {
	s.upG.Set(now, b2f(s.Up()))
	s.usableG.Set(now, b2f(s.usable))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// log writes a change of the service to the event log: kind
// sim.EventRecovery when it is usable again or its data recovered, else
// sim.EventState.
func (s *HostedService) log(now sim.Time, detail string) {
	kind := sim.EventState
	if detail == "usable" || detail == "data recovered" {
		kind = sim.EventRecovery
	}
	s.env.Recorder.Log(now, s.cfg.Name, kind, detail)
}
