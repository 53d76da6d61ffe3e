package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/power"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// buildPower creates the scenario's sites, fires, restorations and hosted
// services. It runs after the components, since hosted services switch
// components down and up.
func (b *builder) buildPower() error {
	s := b.s
	sites := map[string]*power.Site{}
	for _, st := range s.Sites {
		field := "sites." + st.Name
		restart, err := buildDist(st.RestartTime)
		if err != nil {
			return s.Errorf(field+".restart_time", "%v", err)
		}
		cfg := power.SiteConfig{Name: st.Name, Crews: st.Crews, RestartTime: restart}
		if g := st.Generator; g != nil {
			cfg.Generator = &power.GeneratorConfig{Start: g.Start, FailProb: g.FailProbability}
		}
		for _, u := range st.UPS {
			cfg.UPS = append(cfg.UPS, power.UPSConfig{Name: u.Name, RideThrough: u.RideThrough, BatteryRoom: u.BatteryRoom, Feeds: u.Feeds})
		}
		for _, r := range st.Rooms {
			cfg.Rooms = append(cfg.Rooms, power.RoomConfig{Name: r.Name, Hosts: r.Hosts})
		}
		site, err := power.NewSite(b.m.env, cfg)
		if err != nil {
			return s.Errorf(field, "%v", err)
		}
		sites[st.Name] = site
		b.m.sites = append(b.m.sites, site)
	}
	for _, f := range s.Fires {
		field := "fires." + f.Name
		cfg := power.FireConfig{Name: f.Name, Room: f.Room, At: f.At, PowerOff: f.PowerOffAt > 0, PowerOffAt: f.PowerOffAt,
			NoticeLead: f.NoticeLead, Emergency: f.Emergency, WaterDamage: f.WaterDamage}
		for _, sp := range f.Spread {
			cfg.Spread = append(cfg.Spread, power.Spread{Room: sp.Room, After: sp.After})
		}
		if _, err := power.NewFire(b.m.env, sites[f.Site], cfg); err != nil {
			return s.Errorf(field, "%v", err)
		}
	}
	for _, r := range s.Restorations {
		if err := b.buildRestoration(r, sites[r.Site]); err != nil {
			return err
		}
	}
	pools := map[string]*power.DataPool{}
	for _, dp := range s.DataPools {
		pool, err := power.NewDataPool(b.m.env, dp.Name, dp.RatePerHour/3600)
		if err != nil {
			return s.Errorf("data_pools."+dp.Name, "%v", err)
		}
		pools[dp.Name] = pool
	}
	hosted := map[string]*power.HostedService{}
	for _, h := range s.Hosted {
		field := "hosted." + h.Name
		site := sites[h.Site]
		hosts, err := roomHosts(site, h.Rooms)
		if err != nil {
			return s.Errorf(field+".rooms", "%v", err)
		}
		target, ok := b.targets[h.Target].(models.Switchable)
		if !ok {
			return s.Errorf(field+".target", "component %q cannot go down and up", h.Target)
		}
		cfg := power.ServiceConfig{Name: h.Name, Hosts: hosts, Threshold: h.Threshold, Target: target}
		if h.Data != nil {
			cfg.Data = &power.DataConfig{Size: h.Data.Size, Pool: pools[h.Data.Pool]}
		}
		for _, d := range h.DependsOn {
			cfg.DependsOn = append(cfg.DependsOn, hosted[d])
		}
		mode, err := power.ParseDRMode(h.DR.Mode)
		if err != nil {
			return s.Errorf(field+".dr.mode", "%v", err)
		}
		cfg.DR.Mode = mode // a nil Recovery is the mode's default
		if h.DR.Recovery != nil {
			rec, err := buildDist(*h.DR.Recovery)
			if err != nil {
				return s.Errorf(field+".dr.recovery", "%v", err)
			}
			cfg.DR.Recovery = rec
		}
		for _, n := range h.DR.Needs {
			cfg.DR.Needs = append(cfg.DR.Needs, hosted[n])
		}
		if h.DR.StandbySite != "" {
			standby, err := roomHosts(sites[h.DR.StandbySite], h.DR.StandbyRooms)
			if err != nil {
				return s.Errorf(field+".dr.standby_rooms", "%v", err)
			}
			cfg.DR.Standby = standby
		}
		svc, err := power.NewHostedService(b.m.env, cfg)
		if err != nil {
			return s.Errorf(field, "%v", err)
		}
		hosted[h.Name] = svc
	}
	for _, st := range s.Sites {
		for _, w := range st.Switchovers {
			if err := b.buildSwitchover(st.Name, w, sites[st.Name], hosted); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildSwitchover arms one switch-over of a site. It runs after the
// hosted services, which it moves and needs.
func (b *builder) buildSwitchover(siteName string, w spec.Switchover, site *power.Site, hosted map[string]*power.HostedService) error {
	s := b.s
	field := "sites." + siteName + ".switchovers." + w.Name
	cfg := power.SwitchoverConfig{Name: w.Name, Site: site, Trigger: hosted[w.Service], Decision: w.Decision}
	if w.Hall != "" {
		cfg.Room = site.Room(w.Hall)
	}
	for _, n := range w.Needs {
		cfg.Needs = append(cfg.Needs, hosted[n])
	}
	for i, st := range w.Steps {
		step := power.SwitchStep{Name: st.Name, Service: hosted[st.Service]}
		if st.Duration != nil {
			d, err := buildDist(*st.Duration)
			if err != nil {
				return s.Errorf(fmt.Sprintf("%s.steps.%d.duration", field, i), "%v", err)
			}
			step.Duration = d
		}
		cfg.Steps = append(cfg.Steps, step)
	}
	sw, err := power.NewSwitchover(b.m.env, cfg)
	if err != nil {
		return s.Errorf(field, "%v", err)
	}
	b.m.switchovers[siteName+"/"+w.Name] = sw
	return nil
}

// buildRestoration schedules one restoration: along its curve, or by its
// teams.
func (b *builder) buildRestoration(r spec.Restoration, site *power.Site) error {
	s := b.s
	field := "restorations." + r.Name
	if r.Teams == 0 {
		var pts []power.CurvePoint
		for _, p := range r.Curve {
			pts = append(pts, power.CurvePoint{At: p.At, Share: p.Share})
		}
		curve, err := power.NewCurve(pts)
		if err != nil {
			return s.Errorf(field+".curve", "%v", err)
		}
		if _, err := power.NewRestoration(b.m.env, site, r.Start, curve); err != nil {
			return s.Errorf(field, "%v", err)
		}
		return nil
	}
	cfg := power.TeamConfig{Start: r.Start, Teams: r.Teams, PanelsPerRoom: r.PanelsPerRoom}
	var err error
	if cfg.Energize, err = buildDist(*r.Energize); err != nil {
		return s.Errorf(field+".energize", "%v", err)
	}
	if cfg.Repair, err = buildDist(*r.Repair); err != nil {
		return s.Errorf(field+".repair", "%v", err)
	}
	if _, err := power.NewTeamRestoration(b.m.env, site, cfg); err != nil {
		return s.Errorf(field, "%v", err)
	}
	return nil
}

// roomHosts returns the hosts of the named rooms of a site.
func roomHosts(site *power.Site, rooms []string) ([]*power.Host, error) {
	if site == nil {
		return nil, fmt.Errorf("no such site")
	}
	var out []*power.Host
	for _, name := range rooms {
		r := site.Room(name)
		if r == nil {
			return nil, fmt.Errorf("site %s has no room %q", site.Name(), name)
		}
		out = append(out, r.Hosts()...)
	}
	return out, nil
}
