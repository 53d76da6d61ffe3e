package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/network"
	"github.com/cascade-sim/cascade/models/operate"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// starter is a detector, started once the model is built.
type starter interface{ Start() }

// starters are detectors started together: the probes of every unit.
type starters []starter

// Start starts each in order.
func (ss starters) Start() {
	for _, s := range ss {
		s.Start()
	}
}

// buildDetection creates the scenario's operators, then its detectors,
// whose alarms go to every operator (operators ignore alarms that do not
// concern them, but count them for floods).
func (b *builder) buildDetection() error {
	var sinks detect.Sinks
	for _, o := range b.s.Operators {
		op, err := b.operator(o)
		if err != nil {
			return err
		}
		sinks = append(sinks, op)
	}
	for _, d := range b.s.Detectors {
		if !d.Enabled {
			continue
		}
		det, err := b.detector(d, sinks)
		if err != nil {
			return err
		}
		det.Start()
	}
	// Operators told by customer reports: an availability alert per
	// population, as customers notice failures.
	for _, o := range b.s.Operators {
		for _, src := range o.NoticeFrom {
			if src != spec.CustomerReports {
				continue
			}
			for _, p := range b.m.populations {
				cfg := detect.DefaultAvailability(spec.CustomerReports, detect.PopulationOutcomes(p))
				cfg.Threshold = b.s.Outcome.AvailabilityThreshold // at least one request: the declared default
				cfg.Alarms = sinks
				alert, err := detect.NewAvailabilityAlert(b.m.env, cfg)
				if err != nil {
					return b.s.Errorf("operators."+o.Name+".notice_from", "%v", err)
				}
				alert.Start()
			}
			break
		}
	}
	return nil
}

// detector builds one detector.
func (b *builder) detector(d spec.Detector, sinks detect.Sinks) (starter, error) {
	field := "detectors." + d.Name
	var resp detect.Response
	if d.Alarm {
		resp.Alarms = sinks
	}
	if len(d.OnFire) > 0 {
		var acts []act
		for i, f := range d.OnFire {
			a, err := b.action(f, fmt.Sprintf("%s.on_fire.%d", field, i))
			if err != nil {
				return nil, err
			}
			acts = append(acts, a)
		}
		rec := b.m.env.Recorder
		by := d.Name
		resp.Action = detect.Action{Name: acts[0].detail, Kind: acts[0].eventKind(true), Subject: acts[0].element, Do: func(now sim.Time) {
			for _, a := range acts {
				if err := a.do(now); err != nil {
					rec.Event(sim.LogEntry{At: now, Kind: a.eventKind(true), Subject: a.element, By: by,
						Message: a.detail + "; failed: " + err.Error()})
				}
			}
		}}
	}
	fail := func(err error) (starter, error) { return nil, b.s.Errorf(field, "%v", err) }
	env := b.m.env
	// Each kind's config is the file's, with the names it watches
	// resolved and the response added.
	switch {
	case d.LinkDown != nil:
		cfg := *d.LinkDown
		link := b.link(cfg.LinkName)
		if link == nil {
			return nil, b.s.Errorf(field+".link", "no link %q", cfg.LinkName)
		}
		cfg.Name, cfg.Response, cfg.Link = d.Name, resp, link
		det, err := detect.NewLinkDown(env, cfg)
		if err != nil {
			return fail(err)
		}
		return det, nil
	case d.BFD != nil:
		prober, err := b.routeProber(field, d.BFD.Route)
		if err != nil {
			return nil, err
		}
		cfg := *d.BFD
		cfg.Name, cfg.Response, cfg.Prober = d.Name, resp, prober
		cfg.Jitter = detect.RFC5880Jitter // the file does not set it
		det, err := detect.NewBFD(env, cfg)
		if err != nil {
			return fail(err)
		}
		return det, nil
	case d.LACP != nil:
		prober, err := b.routeProber(field, d.LACP.Route)
		if err != nil {
			return nil, err
		}
		cfg := *d.LACP
		cfg.Name, cfg.Response, cfg.Prober = d.Name, resp, prober
		det, err := detect.NewLACP(env, cfg)
		if err != nil {
			return fail(err)
		}
		return det, nil
	case d.HealthCheck != nil:
		cfg := *d.HealthCheck
		target, ok := b.targets[cfg.TargetName]
		if !ok {
			return nil, b.s.Errorf(field+".target", "component %q does not accept requests", cfg.TargetName)
		}
		cfg.Name, cfg.Response, cfg.Target = d.Name, resp, target
		det, err := detect.NewHealthCheck(env, cfg)
		if err != nil {
			return fail(err)
		}
		return det, nil
	case d.E2EProbe != nil:
		cfg := *d.E2EProbe
		target, ok := b.targets[cfg.TargetName]
		if !ok {
			return nil, b.s.Errorf(field+".target", "component %q does not accept requests", cfg.TargetName)
		}
		cfg.Response = resp
		// One probe per unit, their first probes spread over an interval.
		var probes starters
		for _, u := range cfg.Units(d.Name, target) {
			det, err := detect.NewE2EProbe(env, u)
			if err != nil {
				return fail(err)
			}
			probes = append(probes, det)
		}
		if len(probes) == 1 {
			return probes[0], nil
		}
		return probes, nil
	case d.Availability != nil:
		cfg := *d.Availability
		for _, p := range b.m.populations {
			if p.Name() == cfg.Population {
				cfg.Source = detect.PopulationOutcomes(p)
			}
		}
		if cfg.Source == nil {
			return nil, b.s.Errorf(field+".population", "no population %q", cfg.Population)
		}
		cfg.Name, cfg.Response, cfg.Every = d.Name, resp, detect.EveryFor(cfg.Window)
		det, err := detect.NewAvailabilityAlert(env, cfg)
		if err != nil {
			return fail(err)
		}
		return det, nil
	}
	return nil, b.s.Errorf(field+".kind", "detector kind %q cannot be built", d.Kind)
}

// routeProber returns a prober along the route component named route, for
// the detector at field.
func (b *builder) routeProber(field, route string) (*detect.PathProber, error) {
	r, ok := b.targets[route].(*network.Route)
	if !ok {
		return nil, b.s.Errorf(field+".route", "%q is not a route component", route)
	}
	prober, err := detect.NewPathProber(b.m.env.Engine, r)
	if err != nil {
		return nil, b.s.Errorf(field, "%v", err)
	}
	return prober, nil
}

// operator builds one operator. Steps run in order, each after the step it
// requires (the previous one by default); a step's kind is the one the
// file gives, or act for a step with an action, notice for the file's
// first step and diagnose for the others. A disabled step is left out, and a step that
// requires it requires what it required. The real cause is taken to be
// alarmed when an element-level detector (link-down, BFD, LACP, health
// check) fires, so a diagnosis that starts before any did is slowed by
// diagnosis_factor_missing_alarm.
func (b *builder) operator(o spec.Operator) (*operate.Operator, error) {
	field := "operators." + o.Name
	cfg := operate.Config{Name: o.Name, MissingAlarm: o.DiagnosisFactorMissingAlarm}
	cfg.Triggers = append(cfg.Triggers, o.NoticeFrom...)
	for _, d := range b.s.Detectors {
		if d.Kind.NamesCause() && d.Enabled {
			cfg.Cause = append(cfg.Cause, d.Name)
		}
	}
	if len(cfg.Cause) == 0 {
		cfg.MissingAlarm = 0 // nothing could ever report the cause
	}
	if o.Flood != nil {
		cfg.Flood = *o.Flood
	}
	if o.Attention != nil {
		triage, err := buildDist(o.Attention.Triage)
		if err != nil {
			return nil, b.s.Errorf(field+".attention.triage", "%v", err)
		}
		cfg.Attention = operate.Attention{Triage: triage}
	}
	// What each step requires once disabled steps are left out: the
	// nearest enabled step up the chain, "" for the alert.
	requires := map[string]string{}
	prev := ""
	for _, st := range o.Steps {
		r := prev
		if st.Requires != "" {
			r = st.Requires
		}
		for r != "" && !b.stepEnabled(o, r) {
			r = requires[r]
		}
		requires[st.Name] = r
		if st.Enabled {
			prev = st.Name
		}
	}
	first := true
	for i, st := range o.Steps {
		if !st.Enabled {
			continue
		}
		sf := fmt.Sprintf("%s.steps.%s", field, st.Name)
		delay, err := buildDist(st.After)
		if err != nil {
			return nil, b.s.Errorf(sf+".after", "%v", err)
		}
		step := operate.Step{Name: st.Name, Delay: delay, Kind: st.Kind.StepKind(i == 0, st.Action != nil),
			Requires: requires[st.Name], EndsWith: st.EndsWith}
		if step.Requires == "" && !first { // only an explicit requires of disabled steps leads here
			return nil, b.s.Errorf(sf+".requires", "every step it waits for is disabled, and only the first step can wait for the alert; expected an enabled step to wait for")
		}
		if st.Action != nil {
			var acts []act
			a, err := b.action(*st.Action, sf+".action")
			if err != nil {
				return nil, err
			}
			acts = append(acts, a)
			for i, f := range st.Actions {
				a, err := b.action(f, fmt.Sprintf("%s.actions.%d", sf, i))
				if err != nil {
					return nil, err
				}
				acts = append(acts, a)
			}
			step.Do = runAll(acts)
			step.ActKind, step.ActSubject = acts[0].eventKind(true), acts[0].element
		}
		if step.EndsWith != "" && !b.stepEnabled(o, step.EndsWith) {
			step.EndsWith = "" // what would end it is left out: only its own time ends it
		}
		if st.PerUnit != nil {
			items, err := b.perUnit(*st.PerUnit, sf+".per_unit")
			if err != nil {
				return nil, err
			}
			step.Items = items
		}
		cfg.Plan = append(cfg.Plan, step)
		first = false
	}
	if len(cfg.Plan) == 0 {
		return nil, b.s.Errorf(field+".steps", "every step is disabled; expected at least one enabled step")
	}
	op, err := operate.New(b.m.env, cfg)
	if err != nil {
		return nil, b.s.Errorf(field, "%v", err)
	}
	return op, nil
}

// stepEnabled reports whether operator o's step name is enabled.
func (b *builder) stepEnabled(o spec.Operator, name string) bool {
	for _, st := range o.Steps {
		if st.Name == name {
			return st.Enabled
		}
	}
	return false
}

// runAll returns an action that runs acts in order, all of them, and
// reports the first error.
func runAll(acts []act) func(now sim.Time) error {
	if len(acts) == 1 {
		return acts[0].do
	}
	return func(now sim.Time) error {
		var first error
		for _, a := range acts {
			if err := a.do(now); err != nil && first == nil {
				first = fmt.Errorf("%s %s: %w", a.detail, a.element, err)
			}
		}
		return first
	}
}

// perUnit returns the count of a work step per unit: the planes
// components pu.Units, only those with a share of plane pu.On above 0
// (1e-9) if it is given. field names the per_unit in the file, for errors.
func (b *builder) perUnit(pu spec.PerUnit, field string) (func(sim.Time) int, error) {
	units := make([]*network.Planes, len(pu.Units))
	for i, name := range pu.Units {
		p, ok := b.targets[name].(*network.Planes)
		if !ok {
			return nil, b.s.Errorf(fmt.Sprintf("%s.units.%d", field, i), "unknown planes component %q; expected the name of a planes component", name)
		}
		if pu.On != "" && !p.Has(pu.On) {
			return nil, b.s.Errorf(field+".on", "unknown plane %q of %s; expected a plane of every unit", pu.On, name)
		}
		units[i] = p
	}
	return func(sim.Time) int {
		n := 0
		for _, p := range units {
			// A unit detoured whole keeps a rounding residue on its plane.
			if pu.On == "" || p.Share(pu.On) > 1e-9 {
				n++
			}
		}
		return n
	}, nil
}
