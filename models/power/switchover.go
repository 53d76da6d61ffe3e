package power

import (
	"fmt"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// SwitchStep is one step of a switch-over's work.
type SwitchStep struct {
	// Name says what the step does, in the event log.
	Name string `knob:"name" required:"true" want:"a short text saying what the step does" doc:"what the step does, in the event log"`
	// Duration is the time the step takes once it runs; nil means the DR
	// recovery time of Moves (which must then be set).
	Duration models.DistConfig `knob:"duration" want:"a distribution, like {dist: uniform, min: 10m, max: 30m}" doc:"the time the step takes; without it, the DR recovery time of service (then required)"`
	// Service names a hosted service that runs at its standby site once
	// the step ends; "" for none.
	Service string `knob:"service" ref:"hosted service" doc:"a hosted service that runs at its standby site once the step ends; the step is skipped if its copy already runs there (active-active), and the work fails if it has none (dr mode none)"`
	// Moves, if not nil, is the service of Service: it runs at its
	// standby site once the step ends. A step for a service whose copy
	// already runs there (active-active) is skipped; one for a service
	// without a copy (DRNone) cannot be done, and the switch-over fails
	// there.
	Moves *HostedService
}

// Describe names a step in messages.
func (SwitchStep) Describe() (noun, example string) { return "a step", "" }

// Check checks that a step has a duration or a service whose recovery
// time it takes.
func (c SwitchStep) Check(written func(key string) bool) error {
	if !written("duration") && !written("service") && c.Moves == nil {
		return knob.Errorf("duration", "missing duration; a step without a service needs one (expected a distribution, like {dist: uniform, min: 10m, max: 30m})")
	}
	return nil
}

// SwitchoverConfig describes the work that moves services from a site to
// their standby site: people working through steps with the operations
// tools, at the primary site (an entry of a site's switchovers: block).
// The knobs name the trigger, the needs and the hall; the builder
// resolves them into Trigger, Requires and Room, which Go code sets
// directly, with Site.
type SwitchoverConfig struct {
	// Name identifies the switch-over in the event log.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the switch-over, unique within the site"`
	// Service names the hosted service whose primary going down starts
	// the work, Decision later; "" for none.
	Service string `knob:"service" ref:"hosted service" doc:"a hosted service whose primary going down starts the work, decision later; without it, only a notice of the power-off starts the work"`
	// Decision is the time from the trigger's primary going down to the
	// start of the work (>= 0).
	Decision sim.Time `knob:"decision" min:"0s" doc:"the time from service's primary going down to the start of the work; only with service"`
	// Needs names hosted services that must be usable while the work
	// runs.
	Needs []string `knob:"needs" ref:"hosted" doc:"hosted services that must be usable while the work runs (the operations tools), each once"`
	// Hall names a room of the site that must be powered while the work
	// runs; "" for none.
	Hall string `knob:"hall" ref:"room" want:"the name of a room of the site" doc:"a room of the site that must have power while the work runs (where the operations tools run and the people work)"`
	// Steps are done one after the other. At least one.
	Steps []SwitchStep `knob:"steps" required:"true" nonempty:"true" want:"a non-empty list of steps, like [{name: start standby, duration: {dist: uniform, min: 15m, max: 30m}, service: talk}]" doc:"the work, done in order"`
	// Site is the primary site. A notice that its power will be ordered
	// off (Site.NoticePowerOff) starts the work at once.
	Site *Site
	// Trigger, if not nil, starts the work Decision after its primary goes
	// down (the service of Service). Without it only a notice starts the
	// work.
	Trigger *HostedService
	// Requires are services that must be usable while the work runs (the
	// operations tools that start standby servers): the services of Needs.
	Requires []*HostedService
	// Room, if not nil, is a room of Site that must have power while the
	// work runs (where the operations tools run and the people work): its
	// power chain delivers, or a restoration has powered some of its
	// hosts. It is the room Hall names.
	Room *Room
}

// Describe names a switch-over in messages.
func (SwitchoverConfig) Describe() (noun, example string) { return "a switch-over", "" }

// Check checks that a decision time comes with the service it counts
// from.
func (c SwitchoverConfig) Check(written func(key string) bool) error {
	if written("decision") && !written("service") && c.Trigger == nil {
		return knob.Errorf("decision", "decision counts from service's primary going down; give service or remove decision")
	}
	return nil
}

// Switchover is the timed work of moving services to their standby site.
// It runs its steps in order while its needs hold; when they stop holding
// (a power cut darkens the room, the operations tools stop) the step under
// way is interrupted and its work lost, and the step starts again from its
// beginning once they hold again. The work is abandoned if the trigger's
// primary is up again before it resumes. It logs kind "action" for the
// work's start, each step and its end, and kind "state" for interruptions.
// The services it moves wait for it: their DR arrangement starts no
// recovery timer of its own (except active-active, whose copy runs).
type Switchover struct {
	cfg       SwitchoverConfig
	durations []sim.Dist // each step's Duration, built; nil for none
	env       *models.Env
	rng       *sim.Rand

	started, running, done bool
	decision               sim.Timer
	deciding               bool
	step                   int
	timer                  sim.Timer
	stepStart              sim.Time
	waiting                bool
	hallHosts              int // hosts of Room with power (a restoration may power them without the room's chain)
}

// NewSwitchover checks cfg and arms the switch-over.
func NewSwitchover(env *models.Env, cfg SwitchoverConfig) (*Switchover, error) {
	switch {
	case cfg.Name == "":
		return nil, fmt.Errorf("switch-over: no name")
	case cfg.Site == nil:
		return nil, fmt.Errorf("switch-over %q: no site", cfg.Name)
	case len(cfg.Steps) == 0:
		return nil, fmt.Errorf("switch-over %q: no steps", cfg.Name)
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("switch-over %q: %w", cfg.Name, err)
	}
	for i, st := range cfg.Steps {
		if st.Duration == nil && st.Moves == nil {
			return nil, fmt.Errorf("switch-over %q: step %d (%q) needs a duration or a service", cfg.Name, i, st.Name)
		}
	}
	for i, n := range cfg.Requires {
		if n == nil {
			return nil, fmt.Errorf("switch-over %q: need %d is nil", cfg.Name, i)
		}
	}
	w := &Switchover{cfg: cfg, env: env, rng: env.Streams.Stream("power/switchover/" + cfg.Name)}
	w.cfg.Steps = append([]SwitchStep(nil), cfg.Steps...)
	w.durations = make([]sim.Dist, len(cfg.Steps))
	for i, st := range cfg.Steps {
		if st.Duration == nil {
			continue
		}
		d, err := st.Duration.NewDist()
		if err != nil {
			return nil, fmt.Errorf("switch-over %q: step %d (%q): duration: %w", cfg.Name, i, st.Name, err)
		}
		w.durations[i] = d
	}
	w.cfg.Requires = append([]*HostedService(nil), cfg.Requires...)
	for _, st := range w.cfg.Steps {
		if st.Moves != nil {
			st.Moves.byWork = true
		}
	}
	for _, n := range w.cfg.Requires {
		n.OnChange(func(now sim.Time, _ *HostedService) { w.follow(now) })
	}
	if r := w.cfg.Room; r != nil {
		r.OnChange(func(now sim.Time, _ *Room) { w.follow(now) })
		for _, h := range r.Hosts() {
			on := h.Powered()
			if on {
				w.hallHosts++
			}
			h.OnChange(func(now sim.Time, h *Host) {
				if h.Powered() == on {
					return
				}
				on = h.Powered()
				if on {
					w.hallHosts++
				} else {
					w.hallHosts--
				}
				if w.hallHosts <= 1 { // the hall's power came or went
					w.follow(now)
				}
			})
		}
	}
	if t := w.cfg.Trigger; t != nil {
		t.OnPrimaryChange(func(now sim.Time, s *HostedService) {
			if !s.PrimaryUp() && !w.started && !w.deciding {
				w.deciding = true
				w.decision = env.Engine.At(sim.Later(now, w.cfg.Decision), sim.HandlerFunc(func(now sim.Time, _ any) {
					w.deciding = false
					w.start(now, t.Name()+"'s primary is down")
				}), nil)
			}
		})
	}
	cfg.Site.OnPowerOffNotice(func(now, at sim.Time) {
		w.start(now, "notice that all power goes off at "+at.String())
	})
	return w, nil
}

// Name returns the switch-over's name.
func (w *Switchover) Name() string { return w.cfg.Name }

// Done reports whether every step is done.
func (w *Switchover) Done() bool { return w.done }

// Running reports whether a step is under way.
func (w *Switchover) Running() bool { return w.running }

// Start begins the work now, as ordered (why says by whom), unless it
// has begun; it runs while what it needs is usable.
func (w *Switchover) Start(now sim.Time, why string) { w.start(now, why) }

// start begins the work (once).
func (w *Switchover) start(now sim.Time, why string) {
	if w.started {
		return
	}
	w.started = true
	if w.deciding {
		w.env.Engine.Cancel(w.decision)
		w.deciding = false
	}
	w.log(now, "switch-over started: "+why)
	w.follow(now)
}

// blockers says what the work needs and lacks ("" if nothing).
func (w *Switchover) blockers() string {
	var out []string
	if r := w.cfg.Room; r != nil && !r.Powered() && w.hallHosts == 0 {
		out = append(out, r.Name()+" has no power")
	}
	for _, n := range w.cfg.Requires {
		if !n.Usable() {
			out = append(out, n.Name()+" is not usable")
		}
	}
	return strings.Join(out, ", ")
}

// follow brings the work up to date: interrupts the step under way when
// what it needs is lost, and starts the next step when it holds.
func (w *Switchover) follow(now sim.Time) {
	if !w.started || w.done {
		return
	}
	if b := w.blockers(); b != "" {
		switch {
		case w.running:
			w.env.Engine.Cancel(w.timer)
			w.running = false
			w.waiting = true
			w.log(now, fmt.Sprintf("switch-over interrupted after %v of step %q: %s", now-w.stepStart, w.cfg.Steps[w.step].Name, b))
		case !w.waiting:
			w.waiting = true
			w.log(now, "switch-over waits: "+b)
		}
		return
	}
	if w.running {
		return
	}
	if w.waiting && w.cfg.Trigger != nil && w.cfg.Trigger.PrimaryUp() {
		w.done = true
		w.log(now, "switch-over abandoned: "+w.cfg.Trigger.Name()+"'s primary is up again")
		return
	}
	w.waiting = false
	w.next(now)
}

// next starts the current step, skipping those with nothing to do.
func (w *Switchover) next(now sim.Time) {
	for ; w.step < len(w.cfg.Steps); w.step++ {
		st := w.cfg.Steps[w.step]
		svc := st.Moves
		if svc == nil {
			break
		}
		if svc.Mode() == DRNone {
			w.done = true
			w.log(now, fmt.Sprintf("switch-over failed at step %q: %s has no copy at its standby site", st.Name, svc.Name()))
			return
		}
		if svc.Mode() != DRActiveActive {
			break
		}
		w.log(now, fmt.Sprintf("switch-over step %q skipped: %s already runs at its standby site", st.Name, svc.Name()))
	}
	if w.step == len(w.cfg.Steps) {
		w.finish(now)
		return
	}
	st := w.cfg.Steps[w.step]
	dist := w.durations[w.step]
	if dist == nil {
		dist = st.Moves.recoveryTime
	}
	d := sim.SampleTime(dist, w.rng)
	w.running, w.stepStart = true, now
	w.log(now, fmt.Sprintf("switch-over step %q started, takes %v", st.Name, d))
	w.timer = w.env.Engine.After(d, w, nil) // saturates at the end of time
}

// Fire ends the step under way.
func (w *Switchover) Fire(now sim.Time, _ any) {
	w.running = false
	st := w.cfg.Steps[w.step]
	w.log(now, fmt.Sprintf("switch-over step %q done", st.Name))
	w.step++
	if st.Moves != nil {
		st.Moves.switchOver(now, "switch-over "+w.cfg.Name)
	}
	if w.done { // a watcher of the service finished or abandoned the work
		return
	}
	w.follow(now)
}

// finish marks the work done.
func (w *Switchover) finish(now sim.Time) {
	w.done = true
	w.log(now, "switch-over done")
}

// log writes a step of the switch-over to the event log: every one is
// part of the failover's story.
func (w *Switchover) log(now sim.Time, detail string) {
	w.env.Recorder.Log(now, w.cfg.Name, sim.EventFailover, detail)
}
