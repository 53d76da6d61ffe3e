package spec

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/power"
)

// The sites, fires, restorations, data_pools and hosted blocks are read
// from the power model's declarations (models/power's knob tags): the
// types below are the model's configs. References between them (a
// hosted service's site and rooms, a fire's room) are names (ref tags),
// checked in refcheck.go and resolved by the builder.

// Site is a data centre: power chain (utility, UPS, generator), rooms of
// hosts and the crews that restart servers (the sites: block).
type Site = power.SiteConfig

// Generator is a site's backup generator.
type Generator = power.GeneratorConfig

// UPS is a battery unit that carries rooms through a loss of power; a
// ride-through of 0 is a unit without a battery.
type UPS = power.UPSConfig

// Room is a room of a site holding hosts.
type Room = power.RoomConfig

// Switchover is the timed work that moves hosted entries from a site to
// their standby site (a site's switchovers: block).
type Switchover = power.SwitchoverConfig

// SwitchStep is one step of a switch-over.
type SwitchStep = power.SwitchStep

// Fire is a fire in a room of a site (the fires: block).
type Fire = power.FireConfig

// FireSpread is a room a fire spreads to.
type FireSpread = power.Spread

// Restoration brings power back to a site's hosts (the restorations:
// block), along a curve or by electrician teams.
type Restoration = power.RestorationConfig

// CurvePoint is one point of a restoration curve.
type CurvePoint = power.CurvePoint

// DataPool recovers the data of services whose servers stopped without a
// clean shutdown (the data_pools: block).
type DataPool = power.DataPoolConfig

// Hosted is a service running on hosts of a site (the hosted: block).
type Hosted = power.ServiceConfig

// HostedData is the data a hosted entry recovers after an unclean stop.
type HostedData = power.DataConfig

// DR is the disaster recovery of a hosted entry.
type DR = power.DRConfig

// refNames decodes a list of names that refer to what (non-empty if
// nonEmpty). The result is aligned with the list's items ("" for a bad
// item); a repeated name is an error.
func (d *decoder) refNames(n *yaml.Node, path, what string, nonEmpty bool) []string {
	want := "a list of " + what + " names"
	if nonEmpty {
		want = "a non-empty list of " + what + " names"
	}
	out := []string{}
	first := map[string]int{}
	d.list(n, path, want, nonEmpty, func(_ int, item *yaml.Node, p string) {
		s := d.itemName(item, p)
		if s != "" && !d.isBad(p) {
			if line, dup := first[s]; dup {
				d.errorf(item, p, "duplicate %s name %s; the first is at line %d", what, quote(s), line)
			} else {
				first[s] = item.Line
			}
		}
		out = append(out, s)
	})
	return out
}

// FindSwitchover finds the switch-over name: a switch-over's name, or
// SITE/NAME. It returns its site and the number of switch-overs the name
// matches (found only when 1).
func (s *Spec) FindSwitchover(name string) (site string, w *Switchover, matches int) {
	siteName, own, qualified := strings.Cut(name, "/")
	for i := range s.Sites {
		st := &s.Sites[i]
		if qualified && st.Name != siteName {
			continue
		}
		for k := range st.Switchovers {
			sw := &st.Switchovers[k]
			if (qualified && sw.Name == own) || (!qualified && sw.Name == name) {
				site, w, matches = st.Name, sw, matches+1
			}
		}
	}
	return site, w, matches
}

// switchoverRef checks that the component of a switchover action, name,
// names exactly one switch-over.
func (d *decoder) switchoverRef(s *Spec, n *yaml.Node, path, name string) {
	v := lookup(n, "component")
	if v == nil || name == "" {
		return
	}
	var all []string
	for _, st := range s.Sites {
		for _, w := range st.Switchovers {
			all = append(all, st.Name+"/"+w.Name)
		}
	}
	switch _, _, m := s.FindSwitchover(name); {
	case m == 1:
	case len(all) == 0:
		d.errorf(v, joinPath(path, "component"), "unknown switch-over %s; no site declares one (sites.NAME.switchovers)", quote(name))
	case m == 0:
		d.errorf(v, joinPath(path, "component"), "unknown switch-over %s; expected one of: %s", quote(name), nameList(all))
	default:
		d.errorf(v, joinPath(path, "component"), "switch-over %s is declared by %d sites; write SITE/NAME: %s", quote(name), m, nameList(all))
	}
}
