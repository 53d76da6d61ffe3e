package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// model is a scenario built on an engine, ready to run.
type model struct {
	spec        *spec.Spec
	env         *models.Env
	services    []*models.Service
	populations []*models.Population
}

// build creates the engine, components, populations and faults of s.
// Errors name the field of the scenario file they come from.
func build(s *spec.Spec) (*model, error) {
	rec, err := sim.NewRecorder(s.Step, s.Horizon)
	if err != nil {
		return nil, s.Errorf("step", "%v", err)
	}
	env := &models.Env{
		Engine:   sim.NewEngine(),
		Streams:  sim.NewStreams(s.Seed),
		Recorder: rec,
		Horizon:  s.Horizon,
	}
	m := &model{spec: s, env: env}
	targets := map[string]models.Target{}
	faultables := map[string]models.Faultable{}
	for _, c := range s.Components {
		field := "components." + c.Name
		switch c.Kind {
		case spec.ServiceKind:
			svc, err := buildService(env, c, field, s)
			if err != nil {
				return nil, err
			}
			m.services = append(m.services, svc)
			targets[c.Name] = svc
			faultables[c.Name] = svc
		default:
			return nil, s.Errorf(field+".kind", "kind %q cannot be built", c.Kind)
		}
	}
	for _, p := range s.Populations {
		field := "populations." + p.Name
		target, ok := targets[p.Target]
		if !ok {
			return nil, s.Errorf(field+".target", "component %q does not accept requests", p.Target)
		}
		pop, err := models.NewPopulation(env, models.PopulationConfig{
			Name:        p.Name,
			Users:       int64(p.Users),
			Rate:        p.TotalRate(),
			MaxRequests: int64(p.MaxRequests),
			Start:       p.Start,
			Deadline:    p.Deadline,
		}, target)
		if err != nil {
			return nil, s.Errorf(field, "%v", err)
		}
		m.populations = append(m.populations, pop)
	}
	for i, f := range s.Faults {
		field := fmt.Sprintf("faults.%d", i)
		if f.Name != "" {
			field = "faults." + f.Name
		}
		target, ok := faultables[f.Component]
		if !ok {
			return nil, s.Errorf(field+".component", "component %q cannot take faults", f.Component)
		}
		fault := &models.Fault{Name: f.Name, At: f.At, Target: target, Factor: f.Factor}
		switch f.Action {
		case spec.Down:
			fault.Action = models.FaultDown
		case spec.Up:
			fault.Action = models.FaultUp
		case spec.Slow:
			fault.Action = models.FaultSlow
		default:
			return nil, s.Errorf(field+".action", "unknown action %q", f.Action)
		}
		if err := fault.Schedule(env.Engine); err != nil {
			return nil, s.Errorf(field, "%v", err)
		}
	}
	return m, nil
}

func buildService(env *models.Env, c spec.Component, field string, s *spec.Spec) (*models.Service, error) {
	sv := c.Service
	if sv == nil {
		return nil, s.Errorf(field, "service fields missing")
	}
	dist, err := buildDist(sv.ServiceTime)
	if err != nil {
		return nil, s.Errorf(field+".service_time", "%v", err)
	}
	disc := models.FIFO
	if sv.Queue.Discipline == spec.LIFO {
		disc = models.LIFO
	}
	svc, err := models.NewService(env, models.ServiceConfig{
		Name:          c.Name,
		Workers:       sv.Workers,
		QueueCapacity: sv.Queue.Capacity,
		Discipline:    disc,
		ServiceTime:   dist,
	})
	if err != nil {
		return nil, s.Errorf(field, "%v", err)
	}
	return svc, nil
}

// buildDist turns a distribution of durations into a sim.Dist in seconds.
func buildDist(d spec.Dist) (sim.Dist, error) {
	switch d.Kind {
	case spec.Exponential:
		return sim.NewExponential(d.Mean.Seconds())
	case spec.Uniform:
		return sim.NewUniform(d.Min.Seconds(), d.Max.Seconds())
	case spec.Normal:
		return sim.NewNormal(d.Mean.Seconds(), d.Stddev.Seconds())
	case spec.Lognormal:
		return sim.NewLognormal(d.Mean.Seconds(), d.Stddev.Seconds())
	case spec.Deterministic:
		return sim.NewDeterministic(d.Value.Seconds())
	case spec.Empirical:
		vals := make([]float64, len(d.Values))
		for i, v := range d.Values {
			vals[i] = v.Seconds()
		}
		return sim.NewEmpirical(vals)
	}
	return nil, fmt.Errorf("unknown distribution %q", d.Kind)
}
