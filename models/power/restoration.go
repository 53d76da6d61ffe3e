package power

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Restoration gives power back to a site's hosts, whatever their rooms,
// following a curve: by each time, the curve's share of the hosts has
// power. Hosts regain power in an order shuffled by the site's
// "power/SITE/restoration" stream, so rooms come back mixed. Its start is
// logged as kind "action". One event is pending at a time, besides the
// start's.
type Restoration struct {
	site  *Site
	env   *models.Env
	start sim.Time
	curve *Curve
	order []*Host
	next  int
}

// NewRestoration schedules the restoration of site's power from start.
func NewRestoration(env *models.Env, site *Site, start sim.Time, curve *Curve) (*Restoration, error) {
	if curve == nil {
		return nil, fmt.Errorf("restoration of %q: no curve", site.Name())
	}
	if start < env.Engine.Now() {
		return nil, fmt.Errorf("restoration of %q: starts at %v, before now %v", site.Name(), start, env.Engine.Now())
	}
	r := &Restoration{site: site, env: env, start: start, curve: curve,
		order: append([]*Host(nil), site.Hosts()...)}
	rng := env.Streams.Stream("power/" + site.Name() + "/restoration")
	for i := len(r.order) - 1; i > 0; i-- {
		j := int(rng.Intn(uint64(i + 1)))
		r.order[i], r.order[j] = r.order[j], r.order[i]
	}
	env.Engine.At(start, sim.HandlerFunc(func(now sim.Time, _ any) {
		env.Recorder.Log(now, site.Name(), sim.EventRestoration, "power restoration starts")
	}), nil)
	r.schedule()
	return r, nil
}

// Restored returns the number of hosts the restoration has powered so far.
func (r *Restoration) Restored() int { return r.next }

// schedule puts the next host's turn on the engine, if the curve reaches
// it.
func (r *Restoration) schedule() {
	if r.next >= len(r.order) {
		return
	}
	at, ok := r.curve.TimeFor(float64(r.next+1) / float64(len(r.order)))
	if !ok {
		return
	}
	t := r.start + at
	if now := r.env.Engine.Now(); t < now {
		t = now
	}
	r.env.Engine.At(t, r, nil)
}

// Fire powers the next host in the order and schedules the one after.
func (r *Restoration) Fire(now sim.Time, _ any) {
	h := r.order[r.next]
	r.next++
	if !h.restored {
		h.restored = true
		r.site.setPowered(now, h, true)
	}
	r.schedule()
}
