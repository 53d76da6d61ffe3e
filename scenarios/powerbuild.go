package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/power"
)

// buildPower creates the scenario's sites, fires, restorations and hosted
// services from their declared configs, resolving the names they hold
// (sites, rooms, services, pools, components) into the model's objects.
// It runs after the components, since hosted services switch components
// down and up.
func (b *builder) buildPower() error {
	s := b.s
	sites := map[string]*power.Site{}
	for _, cfg := range s.Sites {
		site, err := power.NewSite(b.m.env, cfg)
		if err != nil {
			return s.Errorf("sites."+cfg.Name, "%v", err)
		}
		sites[cfg.Name] = site
		b.m.sites = append(b.m.sites, site)
	}
	for _, cfg := range s.Fires {
		if _, err := power.NewFire(b.m.env, sites[cfg.Site], cfg); err != nil {
			return s.Errorf("fires."+cfg.Name, "%v", err)
		}
	}
	for _, r := range s.Restorations {
		if err := b.buildRestoration(r, sites[r.Site]); err != nil {
			return err
		}
	}
	pools := map[string]*power.DataPool{}
	for _, dp := range s.DataPools {
		pool, err := power.NewDataPool(b.m.env, dp.Name, dp.RatePerSecond())
		if err != nil {
			return s.Errorf("data_pools."+dp.Name, "%v", err)
		}
		pools[dp.Name] = pool
	}
	hosted := map[string]*power.HostedService{}
	for _, cfg := range s.Hosted {
		field := "hosted." + cfg.Name
		var err error
		if cfg.Hosts, err = roomHosts(sites[cfg.Site], cfg.Rooms); err != nil {
			return s.Errorf(field+".rooms", "%v", err)
		}
		target, ok := b.targets[cfg.Target].(models.Switchable)
		if !ok {
			return s.Errorf(field+".target", "component %q cannot go down and up", cfg.Target)
		}
		cfg.Component = target
		if cfg.Data != nil {
			data := *cfg.Data
			data.RecoveredBy = pools[data.Pool]
			cfg.Data = &data
		}
		cfg.Dependencies = services(hosted, cfg.DependsOn)
		cfg.DR.Requires = services(hosted, cfg.DR.Needs) // a nil Recovery is the mode's default
		if cfg.DR.StandbySite != "" {
			if cfg.DR.Standby, err = roomHosts(sites[cfg.DR.StandbySite], cfg.DR.StandbyRooms); err != nil {
				return s.Errorf(field+".dr.standby_rooms", "%v", err)
			}
		}
		svc, err := power.NewHostedService(b.m.env, cfg)
		if err != nil {
			return s.Errorf(field, "%v", err)
		}
		hosted[cfg.Name] = svc
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

// services returns the hosted services named names.
func services(hosted map[string]*power.HostedService, names []string) []*power.HostedService {
	var out []*power.HostedService
	for _, n := range names {
		out = append(out, hosted[n])
	}
	return out
}

// buildSwitchover arms one switch-over of a site. It runs after the
// hosted services, which it moves and needs.
func (b *builder) buildSwitchover(siteName string, cfg power.SwitchoverConfig, site *power.Site, hosted map[string]*power.HostedService) error {
	cfg.Site, cfg.Trigger, cfg.Requires = site, hosted[cfg.Service], services(hosted, cfg.Needs)
	if cfg.Hall != "" {
		cfg.Room = site.Room(cfg.Hall)
	}
	steps := make([]power.SwitchStep, len(cfg.Steps))
	for i, st := range cfg.Steps {
		st.Moves = hosted[st.Service]
		steps[i] = st
	}
	cfg.Steps = steps
	sw, err := power.NewSwitchover(b.m.env, cfg)
	if err != nil {
		return b.s.Errorf("sites."+siteName+".switchovers."+cfg.Name, "%v", err)
	}
	b.m.switchovers[siteName+"/"+cfg.Name] = sw
	return nil
}

// buildRestoration schedules one restoration: along its curve, or by its
// teams.
func (b *builder) buildRestoration(r power.RestorationConfig, site *power.Site) error {
	s := b.s
	field := "restorations." + r.Name
	if site == nil {
		return s.Errorf(field+".site", "no such site")
	}
	if r.ByTeams() {
		if _, err := power.NewTeamRestoration(b.m.env, site, r.TeamConfig); err != nil {
			return s.Errorf(field, "%v", err)
		}
		return nil
	}
	curve, err := power.NewCurve(r.Curve)
	if err != nil {
		return s.Errorf(field+".curve", "%v", err)
	}
	if _, err := power.NewRestoration(b.m.env, site, r.Start, curve); err != nil {
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
