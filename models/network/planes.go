package network

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// PlaneConfig describes one plane of a Planes target.
type PlaneConfig struct {
	// Name identifies the plane (e.g. "E").
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the plane, e.g. e; detours name it"`
	// TargetName names the component that carries the plane's requests,
	// for a scenario; whoever builds the planes resolves it into Target.
	TargetName string `knob:"target" ref:"component that accepts requests" required:"true" want:"the name of a component" doc:"the component that carries the plane's requests (usually a route): one that accepts requests"`
	// Target carries the plane's requests, usually a Route.
	Target models.Target
	// Share is the plane's assigned share of the requests (>= 0); shares
	// are normalised to sum to 1.
	Share float64 `knob:"share" required:"true" min:"0" max:"1" want:"a share from 0 to 1" doc:"the plane's assigned share of the requests; the shares of a component's planes sum to 1"`
	// Capacity is how many requests per second the plane can take from
	// this population (> 0); it limits detours to the plane.
	Capacity float64 `knob:"capacity" required:"true" min:">0" unit:"requests/s" want:"a capacity > 0, in requests/s" doc:"how many requests per second the plane can take; it limits detours to it"`
}

// Describe names a plane in messages.
func (PlaneConfig) Describe() (noun, example string) { return "a plane", "" }

// PlanesConfig describes a population's split over planes.
type PlanesConfig struct {
	// Name identifies the split in outputs and names its random stream
	// "network/planes/NAME".
	Name string
	// Rate is the population's request rate per second (> 0): a plane's
	// load is Rate times its present share.
	Rate float64 `knob:"rate" min:">0" unit:"requests/s" want:"a request rate > 0, in requests/s" doc:"the request rate the planes' loads are computed from (a plane's load is rate x its share); default: the total rate of the populations that target the component"`
	// Planes are the planes, at least one.
	Planes []PlaneConfig `knob:"planes" required:"true" want:"a non-empty list of planes" doc:"the planes, each with its share and capacity"`
}

// Check checks that a file's shares sum to 1.
func (c PlanesConfig) Check(func(key string) bool) error {
	sum := 0.0
	for _, p := range c.Planes {
		sum += p.Share
	}
	if len(c.Planes) > 0 && math.Abs(sum-1) > 1e-9 {
		return knob.Errorf("planes", "expected the planes' shares to sum to 1, got %s", strconv.FormatFloat(sum, 'g', 12, 64))
	}
	return nil
}

// Planes is a models.Target that sends each request to one plane, drawn by
// the planes' present shares (e.g. MAPS planes E/F/G for West Japan). It
// passes the request on untouched: the plane's target answers the sender.
//
// A detour moves a share of a plane's traffic to other planes, split in
// proportion to their spare capacity (Capacity - Rate x share) and never
// beyond it: what does not fit stays on the original plane.
//
// Series (component = "NAME/PLANE"): "sent_per_s" and the gauge "share".
type Planes struct {
	env      *models.Env
	cfg      PlanesConfig
	rng      *sim.Rand
	assigned []float64
	share    []float64
	cum      []float64
	sent     []*sim.Counter
	gauge    []*sim.Gauge
}

// NewPlanes creates a split over planes.
func NewPlanes(env *models.Env, cfg PlanesConfig) (*Planes, error) {
	if len(cfg.Planes) == 0 {
		return nil, fmt.Errorf("planes %q: no planes", cfg.Name)
	}
	if !(cfg.Rate > 0) || math.IsInf(cfg.Rate, 0) {
		return nil, fmt.Errorf("planes %q: rate must be a positive number, got %v", cfg.Name, cfg.Rate)
	}
	p := &Planes{env: env, cfg: cfg, rng: env.Streams.Stream("network/planes/" + cfg.Name)}
	p.cfg.Planes = slices.Clone(cfg.Planes)
	total := 0.0
	for i, pl := range cfg.Planes {
		switch {
		case pl.Name == "":
			return nil, fmt.Errorf("planes %q: plane %d has no name", cfg.Name, i)
		case p.index(pl.Name) != i:
			return nil, fmt.Errorf("planes %q: plane %q named twice", cfg.Name, pl.Name)
		case pl.Target == nil:
			return nil, fmt.Errorf("planes %q: plane %q has no target", cfg.Name, pl.Name)
		case !(pl.Share >= 0) || math.IsInf(pl.Share, 0):
			return nil, fmt.Errorf("planes %q: plane %q: share must be a number >= 0, got %v", cfg.Name, pl.Name, pl.Share)
		case !(pl.Capacity > 0) || math.IsInf(pl.Capacity, 0):
			return nil, fmt.Errorf("planes %q: plane %q: capacity must be a positive number, got %v", cfg.Name, pl.Name, pl.Capacity)
		}
		total += pl.Share
	}
	if total <= 0 {
		return nil, fmt.Errorf("planes %q: shares sum to 0", cfg.Name)
	}
	for _, pl := range cfg.Planes {
		comp := cfg.Name + "/" + pl.Name
		p.assigned = append(p.assigned, pl.Share/total)
		p.sent = append(p.sent, env.Recorder.Counter(comp, models.MetricSentPerS, sim.PerSecond))
		p.gauge = append(p.gauge, env.Recorder.Gauge(comp, models.MetricShare))
	}
	p.share = slices.Clone(p.assigned)
	p.cum = make([]float64, len(p.share))
	p.update(0)
	return p, nil
}

// Name returns the split's name.
func (p *Planes) Name() string { return p.cfg.Name }

// Share returns the present share of the named plane (0 if unknown).
func (p *Planes) Share(plane string) float64 {
	if i := p.index(plane); i >= 0 {
		return p.share[i]
	}
	return 0
}

// Has reports whether the split has a plane named plane.
func (p *Planes) Has(plane string) bool { return p.index(plane) >= 0 }

func (p *Planes) index(plane string) int {
	for i, pl := range p.cfg.Planes {
		if pl.Name == plane {
			return i
		}
	}
	return -1
}

// update recomputes the cumulative shares and records the gauges.
func (p *Planes) update(now sim.Time) {
	c := 0.0
	for i, s := range p.share {
		c += s
		p.cum[i] = c
		p.gauge[i].Set(now, s)
	}
}

// Submit sends r to one plane, drawn by the present shares.
func (p *Planes) Submit(now sim.Time, r *models.Request) {
	// u < cum[last], so some plane matches, and the first cumulative
	// share above u belongs to a plane whose share is positive.
	u := p.rng.Float64() * p.cum[len(p.cum)-1]
	i := 0
	for u >= p.cum[i] {
		i++
	}
	p.sent[i].Inc(now)
	p.cfg.Planes[i].Target.Submit(now, r)
}

// Detour moves share (in (0, 1]) of plane from's present traffic to the
// planes to at time now, split in proportion to their spare capacity and
// limited by it; the rest stays on from. It returns the share of the whole
// population that moved, logs a "state" entry, and is an error for unknown
// or repeated planes.
func (p *Planes) Detour(now sim.Time, from string, share float64, to ...string) (float64, error) {
	f := p.index(from)
	if f < 0 {
		return 0, fmt.Errorf("planes %q: no plane %q", p.cfg.Name, from)
	}
	if !(share > 0 && share <= 1) {
		return 0, fmt.Errorf("planes %q: detour share must be in (0, 1], got %v", p.cfg.Name, share)
	}
	if len(to) == 0 {
		return 0, fmt.Errorf("planes %q: detour from %q to no plane", p.cfg.Name, from)
	}
	dest := make([]int, len(to))
	spare := make([]float64, len(to))
	total := 0.0
	for k, name := range to {
		d := p.index(name)
		switch {
		case d < 0:
			return 0, fmt.Errorf("planes %q: no plane %q", p.cfg.Name, name)
		case d == f || slices.Contains(dest[:k], d):
			return 0, fmt.Errorf("planes %q: detour from %q lists plane %q twice", p.cfg.Name, from, name)
		}
		dest[k] = d
		spare[k] = max(0, p.cfg.Planes[d].Capacity/p.cfg.Rate-p.share[d])
		total += spare[k]
	}
	want := share * p.share[f]
	if want == 0 || total == 0 {
		p.logDetour(now, from, want, 0, to, nil)
		return 0, nil
	}
	scale := min(1, want/total)
	moves := make([]float64, len(to))
	moved := 0.0
	for k, d := range dest {
		moves[k] = spare[k] * scale
		p.share[d] += moves[k]
		moved += moves[k]
	}
	p.share[f] = max(0, p.share[f]-moved)
	p.update(now)
	p.logDetour(now, from, want, moved, to, moves)
	return moved, nil
}

func (p *Planes) logDetour(now sim.Time, from string, want, moved float64, to []string, moves []float64) {
	var b strings.Builder
	b.WriteString("detour " + from + ": asked " + pct(want) + ", moved " + pct(moved))
	for k, name := range to {
		if moves != nil {
			b.WriteString("; " + name + " +" + pct(moves[k]))
		}
	}
	if p.env.Recorder != nil {
		p.env.Recorder.Log(now, p.cfg.Name, sim.EventState, b.String())
	}
}

// pct formats a share as a percentage.
func pct(s float64) string { return strconv.FormatFloat(100*s, 'f', 2, 64) + "%" }

// Restore puts every plane back to its assigned share at time now and logs
// a sim.EventState entry.
func (p *Planes) Restore(now sim.Time) {
	copy(p.share, p.assigned)
	p.update(now)
	if p.env.Recorder != nil {
		p.env.Recorder.Log(now, p.cfg.Name, sim.EventState, "restore assigned shares")
	}
}
