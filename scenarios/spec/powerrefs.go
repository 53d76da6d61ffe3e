package spec

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// siteRefs holds the names of the sites and their rooms, for references
// from fires, restorations and hosted services.
type siteRefs struct {
	// declared is true if the file has a sites block.
	declared bool
	// known is false if the site names are not all known.
	known bool
	// sites maps each site name to its first site's index.
	sites map[string]int
	// list is the site names in file order, for messages.
	list []string
	// rooms are the room names of each site, in file order, or nil if
	// they are not all known.
	rooms map[string][]string
}

// newSiteRefs collects the names of s's sites and rooms.
func (d *decoder) newSiteRefs(s *Spec) siteRefs {
	sr := siteRefs{
		declared: lookup(d.root, "sites") != nil,
		known:    !d.isBad("sites"),
		sites:    map[string]int{},
		rooms:    map[string][]string{},
	}
	_, paths := d.items("sites")
	for i, site := range s.Sites {
		if site.Name == "" {
			sr.known = false
			continue
		}
		if _, dup := sr.sites[site.Name]; dup {
			continue
		}
		sr.sites[site.Name] = i
		sr.list = append(sr.list, site.Name)
		if i >= len(paths) || d.isBad(joinPath(paths[i], "rooms")) {
			continue
		}
		var rooms []string
		for _, r := range site.Rooms {
			if r.Name == "" {
				rooms = nil
				break
			}
			if !contains(rooms, r.Name) {
				rooms = append(rooms, r.Name)
			}
		}
		if rooms != nil {
			sr.rooms[site.Name] = rooms
		}
	}
	return sr
}

// siteRef checks that the field key of mapping n at path names a site. It
// returns the site's rooms if they are known, else nil.
func (d *decoder) siteRef(sr *siteRefs, n *yaml.Node, path, key, name string) []string {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || !sr.known || name == "" || d.isBad(p) {
		return nil
	}
	if _, ok := sr.sites[name]; !ok {
		if !sr.declared {
			d.errorf(v, p, "unknown site %s; no sites are declared (add them under sites:)", quote(name))
		} else {
			d.errorf(v, p, "unknown site %s; expected one of the sites: %s", quote(name), nameList(sr.list))
		}
		return nil
	}
	return sr.rooms[name]
}

// roomRef checks that name, the value v at path, is one of the rooms of
// site (nil rooms: unknown, not checked).
func (d *decoder) roomRef(rooms []string, site string, v *yaml.Node, path, name string) {
	if v == nil || rooms == nil || name == "" || d.isBad(path) || contains(rooms, name) {
		return
	}
	d.errorf(v, path, "unknown room %s of site %s; expected one of its rooms: %s", quote(name), quote(site), nameList(rooms))
}

// roomListRef checks the room names of list key of mapping n at path.
func (d *decoder) roomListRef(rooms []string, site string, n *yaml.Node, path, key string, names []string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || v.Kind != yaml.SequenceNode || d.isBad(p) {
		return
	}
	segs := itemSegments(v)
	for i, name := range names {
		if i < len(v.Content) {
			d.roomRef(rooms, site, v.Content[i], joinPath(p, segs[i]), name)
		}
	}
}

// validatePower checks the references of the sites, fires, restorations
// and hosted blocks, and their times against the horizon.
func (d *decoder) validatePower(s *Spec, r *refs, horizonOK bool) {
	sr := d.newSiteRefs(s)
	within := func(n *yaml.Node, path, key string, t time.Duration, what string) {
		p := joinPath(path, key)
		if v := lookup(n, key); v != nil && horizonOK && !d.isBad(p) && t > s.Horizon {
			d.errorf(v, p, "expected %s <= the horizon (%s), got %s", what, formatDuration(s.Horizon), formatDuration(t))
		}
	}

	nodes, paths := d.items("sites")
	for i, site := range s.Sites {
		if i >= len(paths) {
			break
		}
		rooms := sr.rooms[site.Name]
		if j, ok := sr.sites[site.Name]; !ok || j != i {
			rooms = nil
		}
		ups, upaths := subItems(nodes[i], paths[i], "ups")
		for k, u := range site.UPS {
			if k >= len(upaths) {
				break
			}
			d.roomRef(rooms, site.Name, lookup(ups[k], "battery_room"), joinPath(upaths[k], "battery_room"), u.BatteryRoom)
			d.roomListRef(rooms, site.Name, ups[k], upaths[k], "feeds", u.Feeds)
		}
		sw, swpaths := subItems(nodes[i], paths[i], "switchovers")
		for k, w := range site.Switchovers {
			if k >= len(swpaths) {
				break
			}
			n, p := sw[k], swpaths[k]
			d.roomRef(rooms, site.Name, lookup(n, "hall"), joinPath(p, "hall"), w.Hall)
			d.hostedRef(s, lookup(n, "service"), joinPath(p, "service"), w.Service)
			if v := lookup(n, "needs"); v != nil && v.Kind == yaml.SequenceNode {
				segs := itemSegments(v)
				for j, name := range w.Needs {
					if j < len(v.Content) {
						d.hostedRef(s, v.Content[j], joinPath(joinPath(p, "needs"), segs[j]), name)
					}
				}
			}
			st, stpaths := subItems(n, p, "steps")
			for j, x := range w.Steps {
				if j < len(stpaths) {
					d.hostedRef(s, lookup(st[j], "service"), joinPath(stpaths[j], "service"), x.Service)
				}
			}
		}
	}

	nodes, paths = d.items("fires")
	for i, f := range s.Fires {
		if i >= len(paths) {
			break
		}
		n, p := nodes[i], paths[i]
		rooms := d.siteRef(&sr, n, p, "site", f.Site)
		d.roomRef(rooms, f.Site, lookup(n, "room"), joinPath(p, "room"), f.Room)
		sp, spaths := subItems(n, p, "spread")
		for k, x := range f.Spread {
			if k < len(spaths) {
				d.roomRef(rooms, f.Site, lookup(sp[k], "room"), joinPath(spaths[k], "room"), x.Room)
			}
		}
		d.roomListRef(rooms, f.Site, n, p, "water_damage", f.WaterDamage)
		within(n, p, "at", f.At, "a time")
		within(n, p, "power_off_at", f.PowerOffAt, "a time")
	}

	nodes, paths = d.items("restorations")
	for i, rs := range s.Restorations {
		if i >= len(paths) {
			break
		}
		d.siteRef(&sr, nodes[i], paths[i], "site", rs.Site)
		within(nodes[i], paths[i], "start", rs.Start, "a start")
	}

	nodes, paths = d.items("hosted")
	hostedKnown := !d.isBad("hosted")
	var earlier []string
	for i, h := range s.Hosted {
		if i >= len(paths) {
			break
		}
		n, p := nodes[i], paths[i]
		rooms := d.siteRef(&sr, n, p, "site", h.Site)
		d.roomListRef(rooms, h.Site, n, p, "rooms", h.Rooms)
		if hostedKnown {
			d.earlierRefs(n, p, "depends_on", h.DependsOn, earlier)
		}
		d.componentRef(r, n, p, "target", h.Target, isService, "a service component")
		if h.Data != nil {
			d.dataPoolRef(s, lookup(n, "data"), joinPath(p, "data"), h.Data.Pool)
		}
		if dn := lookup(n, "dr"); dn != nil && !d.isBad(joinPath(p, "dr")) {
			dp := joinPath(p, "dr")
			if hostedKnown {
				d.earlierRefs(dn, dp, "needs", h.DR.Needs, earlier)
			}
			srooms := d.siteRef(&sr, dn, dp, "standby_site", h.DR.StandbySite)
			d.roomListRef(srooms, h.DR.StandbySite, dn, dp, "standby_rooms", h.DR.StandbyRooms)
		}
		if h.Name == "" {
			hostedKnown = false
		} else if !contains(earlier, h.Name) {
			earlier = append(earlier, h.Name)
		}
	}
}

// hostedRef checks that name, the value v at path, names a hosted entry
// (any of them: switch-overs are built after every hosted entry).
func (d *decoder) hostedRef(s *Spec, v *yaml.Node, path, name string) {
	if v == nil || name == "" || d.isBad(path) || d.isBad("hosted") {
		return
	}
	var names []string
	for _, h := range s.Hosted {
		if h.Name == "" {
			return // a bad entry: its name is not known
		}
		if h.Name == name {
			return
		}
		names = append(names, h.Name)
	}
	if len(names) == 0 {
		d.errorf(v, path, "unknown hosted service %s; no hosted services are declared (add them under hosted:)", quote(name))
		return
	}
	d.errorf(v, path, "unknown hosted service %s; expected one of: %s", quote(name), nameList(names))
}

// earlierRefs checks that each name of list key of mapping n at path names
// a hosted service among earlier (those listed before it).
func (d *decoder) earlierRefs(n *yaml.Node, path, key string, names, earlier []string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || v.Kind != yaml.SequenceNode || d.isBad(p) {
		return
	}
	segs := itemSegments(v)
	for i, name := range names {
		if i >= len(v.Content) {
			break
		}
		ip := joinPath(p, segs[i])
		if name == "" || d.isBad(ip) || contains(earlier, name) {
			continue
		}
		if len(earlier) == 0 {
			d.errorf(v.Content[i], ip, "unknown hosted service %s; expected one listed earlier, and none is", quote(name))
			continue
		}
		d.errorf(v.Content[i], ip, "unknown hosted service %s; expected one listed earlier: %s", quote(name), nameList(earlier))
	}
}

// dataPoolRef checks that name, the pool of the data mapping n at path,
// names one of the data pools.
func (d *decoder) dataPoolRef(s *Spec, n *yaml.Node, path, name string) {
	p := joinPath(path, "pool")
	v := lookup(n, "pool")
	if v == nil || name == "" || d.isBad(p) || d.isBad("data_pools") {
		return
	}
	var names []string
	for _, dp := range s.DataPools {
		if dp.Name == "" {
			return // a bad pool: its name is not known
		}
		if dp.Name == name {
			return
		}
		names = append(names, dp.Name)
	}
	if len(names) == 0 {
		d.errorf(v, p, "unknown data pool %s; no data pools are declared (add them under data_pools:)", quote(name))
		return
	}
	d.errorf(v, p, "unknown data pool %s; expected one of the data pools: %s", quote(name), nameList(names))
}
