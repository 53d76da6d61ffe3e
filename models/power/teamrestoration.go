package power

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// TeamConfig describes power restoration by electrician teams: each room's
// hosts hang on a few panels (distribution boards), and a limited number
// of teams inspect, repair if need be, and switch them on one at a time.
type TeamConfig struct {
	// Start is when the teams start (after the fire is out).
	Start sim.Time `knob:"start" required:"true" min:"0s" doc:"when the restoration begins, at most the horizon"`
	// Teams is the number of teams working in parallel, >= 1.
	Teams int `knob:"teams" min:"1" max:"100000" unit:"teams" doc:"the number of electrician teams that give power back panel by panel, in parallel: a restoration that comes out of the work"`
	// PanelsPerRoom splits each room's hosts evenly into this many panels,
	// >= 1. A room with fewer hosts has one panel per host; a room without
	// hosts has none.
	PanelsPerRoom int `knob:"panels_per_room" default:"1" min:"1" max:"1000000" unit:"panels" doc:"how many panels (distribution boards) each room's hosts are split into; only with teams"`
	// Energize is the time one team needs to inspect and
	// switch on one panel.
	Energize models.DistConfig `knob:"energize" want:"a distribution, like {dist: uniform, min: 10m, max: 30m}" doc:"the time one team needs to inspect and switch on one panel; required with teams"`
	// Repair is the time one team needs to repair one panel
	// of a damaged room (burned or water-damaged) before energizing it.
	// Required even if no room turns out damaged.
	Repair models.DistConfig `knob:"repair" want:"a distribution, like {dist: uniform, min: 10m, max: 30m}" doc:"the time one team needs to repair one panel of a room that burned or was water-damaged, before energizing it; required with teams"`
}

// TeamRestoration gives power back to a site's hosts panel by panel, as
// electrician teams get to them. At Start the teams list every panel, in
// the site's room order, the panels of undamaged rooms first, then those
// of damaged rooms: the teams do the quick work first. Each free team
// takes the next panel. Whether the room is damaged is decided then (a
// room wetted after Start still needs repair): a damaged room's panel
// takes Repair then Energize, another Energize alone, drawn in that order
// from the site's "power/SITE/teams" stream. A panel whose hosts all have
// power when a team reaches it (the chain still powers them) is skipped
// at no cost, and goes back on the list if they lose power later. When a panel is done, each of its hosts without power
// regains it as with a Restoration, and the site's crews restart it. Each
// room logs kind "state" when its first panel is taken and when its last
// is done; the teams' start is logged as kind "action". One event is
// pending per busy team.
type TeamRestoration struct {
	cfg      TeamConfig
	energize sim.Dist // cfg.Energize, built
	repair   sim.Dist // cfg.Repair, built
	site     *Site
	env      *models.Env
	rng      *sim.Rand
	panels   []*panel // in the site's room order
	work     []*panel // the teams' order, from Start
	next     int
	busy     int
	done     int
	restored int
	finish   sim.HandlerFunc
}

// panel is a distribution board feeding some hosts of a room.
type panel struct {
	room    *teamRoom
	hosts   []*Host
	skipped bool // done at no cost because its hosts had power
	watched bool // its hosts' losses of power are watched
}

// teamRoom is a room with its panels' progress.
type teamRoom struct {
	room    *Room
	left    int // panels not done yet
	started bool
}

// NewTeamRestoration checks cfg and schedules the teams' start on site.
func NewTeamRestoration(env *models.Env, site *Site, cfg TeamConfig) (*TeamRestoration, error) {
	switch {
	case cfg.Teams < 1:
		return nil, fmt.Errorf("team restoration of %q: needs at least one team, got %d", site.Name(), cfg.Teams)
	case cfg.PanelsPerRoom < 1:
		return nil, fmt.Errorf("team restoration of %q: needs at least one panel per room, got %d", site.Name(), cfg.PanelsPerRoom)
	case cfg.Energize == nil:
		return nil, fmt.Errorf("team restoration of %q: no energize time distribution", site.Name())
	case cfg.Repair == nil:
		return nil, fmt.Errorf("team restoration of %q: no repair time distribution", site.Name())
	case cfg.Start < env.Engine.Now():
		return nil, fmt.Errorf("team restoration of %q: starts at %v, before now %v", site.Name(), cfg.Start, env.Engine.Now())
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("team restoration of %q: %w", site.Name(), err)
	}
	r := &TeamRestoration{cfg: cfg, site: site, env: env, rng: env.Streams.Stream("power/" + site.Name() + "/teams")}
	var err error
	if r.energize, err = cfg.Energize.NewDist(); err != nil {
		return nil, fmt.Errorf("team restoration of %q: energize time: %w", site.Name(), err)
	}
	if r.repair, err = cfg.Repair.NewDist(); err != nil {
		return nil, fmt.Errorf("team restoration of %q: repair time: %w", site.Name(), err)
	}
	for _, room := range site.rooms {
		hs := room.Hosts()
		n := min(cfg.PanelsPerRoom, len(hs))
		tr := &teamRoom{room: room, left: n}
		for i := range n {
			r.panels = append(r.panels, &panel{room: tr, hosts: hs[i*len(hs)/n : (i+1)*len(hs)/n]})
		}
	}
	r.finish = r.panelDone
	env.Engine.At(cfg.Start, sim.HandlerFunc(r.begin), nil)
	return r, nil
}

// Restored returns the number of hosts the teams have powered so far.
func (r *TeamRestoration) Restored() int { return r.restored }

// PanelsDone returns the number of panels done or skipped so far.
func (r *TeamRestoration) PanelsDone() int { return r.done }

// Panels returns the number of panels of the site.
func (r *TeamRestoration) Panels() int { return len(r.panels) }

// begin lists the work, undamaged rooms first, and sends the teams.
func (r *TeamRestoration) begin(now sim.Time, _ any) {
	r.env.Recorder.Log(now, r.site.Name(), sim.EventRestoration, fmt.Sprintf("electrician teams start restoring power (%d teams)", r.cfg.Teams))
	for _, damaged := range []bool{false, true} {
		for _, p := range r.panels {
			if p.room.room.Damaged() == damaged {
				r.work = append(r.work, p)
			}
		}
	}
	r.dispatch(now)
}

// dispatch gives free teams the next panels.
func (r *TeamRestoration) dispatch(now sim.Time) {
	for r.busy < r.cfg.Teams && r.next < len(r.work) {
		p := r.work[r.next]
		r.next++
		if allPowered(p.hosts) {
			r.skip(now, p)
			continue
		}
		room := p.room.room
		var d sim.Time
		if room.Damaged() {
			d = sim.SampleTime(r.repair, r.rng)
		}
		d = sim.Later(d, sim.SampleTime(r.energize, r.rng))
		if !p.room.started {
			p.room.started = true
			detail := "restoration of " + room.Name() + " started"
			if room.Damaged() {
				detail += " (repair needed)"
			}
			r.site.log(now, room.Name(), sim.EventRestoration, detail)
		}
		r.busy++
		r.env.Engine.After(d, r.finish, p) // After saturates at the end of time
	}
}

// panelDone powers a finished panel's hosts and frees its team.
func (r *TeamRestoration) panelDone(now sim.Time, data any) {
	p := data.(*panel)
	r.busy--
	for _, h := range p.hosts {
		if !h.powered {
			h.restored = true
			r.restored++
			r.site.setPowered(now, h, true)
		}
	}
	r.complete(now, p)
	r.dispatch(now)
}

// complete counts a panel done and logs its room's end.
func (r *TeamRestoration) complete(now sim.Time, p *panel) {
	r.done++
	p.room.left--
	if p.room.left == 0 && p.room.started {
		r.site.log(now, p.room.room.Name(), sim.EventRestoration, p.room.room.Name()+" powered again")
	}
}

// skip counts a panel whose hosts have power as done, and watches them: if
// they lose it later (the power-off comes after the teams passed), the
// panel goes back on the teams' list.
func (r *TeamRestoration) skip(now sim.Time, p *panel) {
	p.skipped = true
	r.complete(now, p)
	if p.watched {
		return
	}
	p.watched = true
	for _, h := range p.hosts {
		h.OnChange(func(now sim.Time, h *Host) {
			if h.powered || !p.skipped {
				return
			}
			p.skipped = false
			r.done--
			p.room.left++
			r.work = append(r.work, p)
			r.dispatch(now)
		})
	}
}

func allPowered(hs []*Host) bool {
	for _, h := range hs {
		if !h.powered {
			return false
		}
	}
	return true
}
