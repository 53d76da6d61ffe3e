package spec

import (
	"math"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Site is a data centre: power chain (utility, UPS, generator), rooms of
// hosts and the crews that restart servers (the sites: block).
type Site struct {
	// Name identifies the site. Required, unique among sites.
	Name string
	// Generator is the site's backup generator. Optional; nil means none.
	Generator *Generator
	// UPS are the site's UPS units, in file order. Optional; names are
	// unique within the site.
	UPS []UPS
	// Rooms are the site's rooms, in file order. Required, at least one;
	// names are unique within the site.
	Rooms []Room
	// Crews is how many servers can be restarted at once. Optional, 1 to
	// MaxCrews, default 1.
	Crews int
	// RestartTime is the time to restart one server once it has power
	// (key restart_time). Required.
	RestartTime Dist
	// Switchovers are the site's switch-overs to other sites, in file
	// order. Optional; names are unique within the site.
	Switchovers []Switchover
}

// Switchover is the timed work that moves hosted entries from a site to
// their standby site: steps done one after the other, with the operations
// tools, while they are usable and the hall where the work is done has
// power. A power cut interrupts the step under way; it starts again once
// they are back. A notice of the power-off from a fire at the site starts
// the work at once.
type Switchover struct {
	// Name identifies the switch-over. Required, unique within the site.
	Name string
	// Service is a hosted entry whose primary going down starts the work,
	// Decision later. Optional, default "": only a notice starts it.
	Service string
	// Decision is the time from Service's primary going down to the start
	// of the work. Optional, >= 0, default 0; only with Service.
	Decision time.Duration
	// Needs are hosted entries that must be usable while the work runs
	// (the operations tools). Optional, unique.
	Needs []string
	// Hall is a room of the site that must be powered while the work runs.
	// Optional, default "": none.
	Hall string
	// Steps are the work, in order. Required, at least one.
	Steps []SwitchStep
}

// SwitchStep is one step of a switch-over.
type SwitchStep struct {
	// Name says what the step does. Required.
	Name string
	// Duration is the time the step takes. Optional with Service (nil
	// means Service's DR recovery time), required without.
	Duration *Dist
	// Service is a hosted entry that runs at its standby site once the
	// step ends; the step is skipped if its copy already runs there
	// (active-active) and the work fails if it has none (dr mode none).
	// Optional.
	Service string
}

// MaxCrews is the most crews a site may have.
const MaxCrews = 1_000_000

// MaxHosts is the most hosts a room may have.
const MaxHosts = 1_000_000

// Generator is a site's backup generator.
type Generator struct {
	// Start is how long the generator takes to carry the load after the
	// utility feed is lost. Required, >= 0.
	Start time.Duration
	// FailProbability is the chance that the generator fails to start
	// (key fail_probability). Optional, 0 to 1, default 0.
	FailProbability float64
}

// UPS is a battery unit that carries rooms through a loss of power.
type UPS struct {
	// Name identifies the unit. Required, unique within the site.
	Name string
	// RideThrough is how long the batteries last (key ride_through).
	// Required, >= 0; 0 means no battery (power.UPSConfig.RideThrough):
	// the rooms it feeds go dark the moment its input is lost, generator
	// or not (a generator takes its start time to carry the load).
	RideThrough time.Duration
	// BatteryRoom is the room of the same site where the batteries stand
	// (key battery_room). Optional, default "".
	BatteryRoom string
	// Feeds are the rooms of the same site the unit powers. Required, at
	// least one, unique.
	Feeds []string
}

// Room is a room of a site holding hosts.
type Room struct {
	// Name identifies the room. Required, unique within the site.
	Name string
	// Hosts is how many servers stand in the room. Required, 0 to
	// MaxHosts.
	Hosts int
}

// Fire is a fire in a room of a site (the fires: block).
type Fire struct {
	// Name identifies the fire. Required, unique among fires.
	Name string
	// Site is the name of the site. Required.
	Site string
	// Room is the room of Site where the fire starts. Required.
	Room string
	// At is when the fire starts. Required, >= 0, at most the horizon.
	At time.Duration
	// Spread are the rooms of Site the fire reaches later. Optional.
	Spread []FireSpread
	// PowerOffAt is when the fire service orders all power off (key
	// power_off_at). Optional, default 0: no order; if set, >= At and at
	// most the horizon.
	PowerOffAt time.Duration
	// Emergency is how long emergency power lasts after the order.
	// Optional, >= 0, default 0.
	Emergency time.Duration
	// NoticeLead is how long before the order the site's operators are
	// told that all power will go off (key notice_lead). Optional, from 0
	// (no notice: logged as such at the order) to PowerOffAt - At; only
	// with PowerOffAt.
	NoticeLead time.Duration
	// WaterDamage are rooms of Site whose electrical equipment the water
	// used on the fire damages, when the power-off order takes effect
	// (key water_damage). Optional, unique.
	WaterDamage []string
}

// FireSpread is a room a fire spreads to.
type FireSpread struct {
	// Room is a room of the fire's site. Required.
	Room string
	// After is how long after the fire starts it reaches Room. Required,
	// >= 0.
	After time.Duration
}

// Restoration brings power back to a site's hosts (the restorations:
// block).
type Restoration struct {
	// Name identifies the restoration. Required, unique among
	// restorations.
	Name string
	// Site is the name of the site. Required.
	Site string
	// Start is when restoration begins. Required, >= 0, at most the
	// horizon.
	Start time.Duration
	// Curve is the share of the site's hosts powered over time, At counted
	// from Start: a restoration given as a schedule. Either Curve or
	// Teams; at least one point; times strictly increasing, shares in
	// (0, 1] non-decreasing, the last share 1.
	Curve []CurvePoint
	// Teams is the number of electrician teams that give power back panel
	// by panel: a restoration that comes out of the work. Either Curve or
	// Teams, 1 to MaxTeams.
	Teams int
	// PanelsPerRoom is how many panels (distribution boards) each room's
	// hosts are split into (key panels_per_room). Optional with Teams, 1
	// to MaxPanels, default 1; not allowed with Curve.
	PanelsPerRoom int
	// Energize is the time one team needs to inspect and switch on one
	// panel. Required with Teams, not allowed with Curve.
	Energize *Dist
	// Repair is the time one team needs to repair one panel of a room
	// that burned or was water-damaged, before energizing it. Required
	// with Teams, not allowed with Curve.
	Repair *Dist
}

// MaxTeams is the most electrician teams a restoration may have.
const MaxTeams = 100_000

// MaxPanels is the most panels a room may be split into.
const MaxPanels = 1_000_000

// DataPool recovers the data of services whose servers stopped without a
// clean shutdown: a backup system, say (the data_pools: block).
type DataPool struct {
	// Name identifies the pool. Required, unique among pools.
	Name string
	// RatePerHour is the amount of data it recovers an hour, shared by the
	// services recovering at once (key rate_per_hour). Required, > 0, in
	// the unit of the hosted entries' data sizes.
	RatePerHour float64
}

// HostedData is the data a hosted entry recovers after an unclean stop.
type HostedData struct {
	// Size is the amount of data, in the unit of the pool's rate.
	// Required, > 0.
	Size float64
	// Pool is the name of a data pool. Required.
	Pool string
}

// CurvePoint is one point of a restoration curve.
type CurvePoint struct {
	// At is the time after the restoration's Start. Required, >= 0.
	At time.Duration
	// Share is the share of hosts powered from At on. Required, in (0, 1].
	Share float64
}

// Hosted is a service running on hosts of a site (the hosted: block).
type Hosted struct {
	// Name identifies the entry. Required, unique among hosted entries.
	Name string
	// Site is the name of the site whose hosts run it. Required.
	Site string
	// Rooms are rooms of Site whose hosts run it. Required, at least one,
	// unique.
	Rooms []string
	// Threshold is the share of its hosts that must run for it to be up.
	// Optional, 0 to 1, default 0 (up while any host runs).
	Threshold float64
	// DependsOn are names of hosted entries listed earlier that must be
	// usable for this one to be (key depends_on). Optional, unique.
	DependsOn []string
	// DR is its disaster recovery. Optional, default mode DRNone.
	DR DR
	// Target is a service component that goes down and up with it.
	// Required.
	Target string
	// Data is the data it must recover after its servers stopped without
	// a clean shutdown, before its primary serves again. Optional; nil
	// means none.
	Data *HostedData
}

// The disaster-recovery modes of DR.Mode.
const (
	DRNone             = "none"
	DRBackupAndRestore = "backup-and-restore"
	DRPilotLight       = "pilot-light"
	DRWarmStandby      = "warm-standby"
	DRActiveActive     = "active-active"
)

// drModeNames lists the DR modes for messages.
var drModeNames = []string{DRNone, DRBackupAndRestore, DRPilotLight, DRWarmStandby, DRActiveActive}

// DR is the disaster recovery of a hosted entry.
type DR struct {
	// Mode is one of DRNone, DRBackupAndRestore, DRPilotLight,
	// DRWarmStandby, DRActiveActive. Optional, default DRNone.
	Mode string
	// Recovery is the recovery time. Optional; nil means the model's
	// default for the mode.
	Recovery *Dist
	// Needs are names of hosted entries listed earlier that must be usable
	// for the recovery to start (what starts the copy); they do not apply
	// to an active-active copy, which already runs. Optional, unique.
	Needs []string
	// StandbySite is the site whose hosts run the copy (key
	// standby_site). Optional, default "".
	StandbySite string
	// StandbyRooms are rooms of StandbySite that run the copy (key
	// standby_rooms). Required if StandbySite is set, else not allowed.
	StandbyRooms []string
}

// sites decodes the sites list.
func (d *decoder) sites(n *yaml.Node, path string) []Site {
	var out []Site
	d.list(n, path, "a list of sites", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.site(item, p))
	})
	d.uniqueNames(n, path, "site")
	return out
}

// site decodes one site.
func (d *decoder) site(n *yaml.Node, path string) Site {
	s := Site{Crews: 1}
	d.fields(n, path, mapping{
		want: "a site: a mapping with name, rooms, restart_time and optionally generator, ups, crews and switchovers",
		what: "a site",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { s.Name = d.itemName(n, p) }},
			{key: "generator", want: "a generator: {start: 30s, fail_probability: 0}",
				decode: func(n *yaml.Node, p string) { s.Generator = d.generator(n, p) }},
			{key: "ups", want: "a list of UPS units",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a list of UPS units", false, func(_ int, item *yaml.Node, p string) {
						s.UPS = append(s.UPS, d.ups(item, p))
					})
					d.uniqueNames(n, p, "UPS")
				}},
			{key: "rooms", required: true, want: "a non-empty list of rooms",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a non-empty list of rooms", true, func(_ int, item *yaml.Node, p string) {
						s.Rooms = append(s.Rooms, d.room(item, p))
					})
					d.uniqueNames(n, p, "room")
				}},
			d.intField("crews", 1, MaxCrews, &s.Crews),
			{key: "restart_time", required: true, want: "a distribution, like {dist: uniform, min: 5m, max: 15m}",
				decode: func(n *yaml.Node, p string) { s.RestartTime = d.dist(n, p) }},
			{key: "switchovers", want: "a list of switch-overs",
				decode: func(n *yaml.Node, p string) {
					d.list(n, p, "a list of switch-overs", false, func(_ int, item *yaml.Node, p string) {
						s.Switchovers = append(s.Switchovers, d.switchover(item, p))
					})
					d.uniqueNames(n, p, "switch-over")
				}},
		},
	})
	return s
}

// switchover decodes one switch-over of a site.
func (d *decoder) switchover(n *yaml.Node, path string) Switchover {
	var w Switchover
	found := d.fields(n, path, mapping{
		want: "a switch-over: a mapping with name, steps and optionally service, decision, needs and hall",
		what: "a switch-over",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { w.Name = d.itemName(n, p) }},
			{key: "service", want: "the name of a hosted service",
				decode: func(n *yaml.Node, p string) { w.Service = d.str(n, p, "the name of a hosted service") }},
			d.durationField("decision", false, &w.Decision),
			{key: "needs", want: "a list of names of hosted services",
				decode: func(n *yaml.Node, p string) { w.Needs = d.refNames(n, p, "hosted", false) }},
			{key: "hall", want: "the name of a room of the site",
				decode: func(n *yaml.Node, p string) { w.Hall = d.str(n, p, "the name of a room of the site") }},
			{key: "steps", required: true, want: switchStepsWant,
				decode: func(n *yaml.Node, p string) { w.Steps = d.switchSteps(n, p) }},
		},
	})
	if found != nil && found["decision"] != nil && found["service"] == nil {
		d.errorf(found["decision"], joinPath(path, "decision"), "decision counts from service's primary going down; give service or remove decision")
	}
	return w
}

// switchStepsWant describes a switch-over's steps.
const switchStepsWant = "a non-empty list of steps, like [{name: start standby, duration: {dist: uniform, min: 15m, max: 30m}, service: talk}]"

// switchSteps decodes a switch-over's steps.
func (d *decoder) switchSteps(n *yaml.Node, path string) []SwitchStep {
	var out []SwitchStep
	d.list(n, path, switchStepsWant, true, func(_ int, item *yaml.Node, p string) {
		var st SwitchStep
		found := d.fields(item, p, mapping{
			want: "a step: a mapping with name and a duration, a service or both",
			what: "a step",
			fields: []field{
				{key: "name", required: true, want: "a short text saying what the step does",
					decode: func(n *yaml.Node, p string) { st.Name = d.str(n, p, "a short text saying what the step does") }},
				{key: "duration", want: distWant,
					decode: func(n *yaml.Node, p string) { x := d.dist(n, p); st.Duration = &x }},
				{key: "service", want: "the name of a hosted service",
					decode: func(n *yaml.Node, p string) { st.Service = d.str(n, p, "the name of a hosted service") }},
			},
		})
		if found != nil && found["duration"] == nil && found["service"] == nil {
			d.errorf(item, joinPath(p, "duration"), "missing duration; a step without a service needs one (expected %s)", distWant)
		}
		out = append(out, st)
	})
	return out
}

// generator decodes a site's generator.
func (d *decoder) generator(n *yaml.Node, path string) *Generator {
	const probWant = "a probability from 0 to 1"
	g := &Generator{}
	d.fields(n, path, mapping{
		want: "a generator: a mapping like {start: 30s, fail_probability: 0}",
		what: "a generator",
		fields: []field{
			{key: "start", required: true, want: durationWant(false),
				decode: func(n *yaml.Node, p string) { g.Start = d.duration(n, p, false) }},
			d.floatField("fail_probability", probWant, func(v float64) bool { return v >= 0 && v <= 1 }, &g.FailProbability),
		},
	})
	return g
}

// ups decodes one UPS unit.
func (d *decoder) ups(n *yaml.Node, path string) UPS {
	var u UPS
	d.fields(n, path, mapping{
		want: "a UPS: a mapping with name, ride_through, feeds and optionally battery_room",
		what: "a UPS",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { u.Name = d.itemName(n, p) }},
			{key: "ride_through", required: true, want: durationWant(false),
				decode: func(n *yaml.Node, p string) { u.RideThrough = d.duration(n, p, false) }},
			{key: "battery_room", want: "the name of a room of the site",
				decode: func(n *yaml.Node, p string) { u.BatteryRoom = d.str(n, p, "the name of a room of the site") }},
			{key: "feeds", required: true, want: "a non-empty list of room names",
				decode: func(n *yaml.Node, p string) { u.Feeds = d.refNames(n, p, "room", true) }},
		},
	})
	return u
}

// room decodes one room.
func (d *decoder) room(n *yaml.Node, path string) Room {
	var r Room
	d.fields(n, path, mapping{
		want: "a room: a mapping like {name: a1, hosts: 100}",
		what: "a room",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { r.Name = d.itemName(n, p) }},
			{key: "hosts", required: true, want: "an integer from 0 to 1000000: servers in the room",
				decode: func(n *yaml.Node, p string) { r.Hosts = int(d.integer(n, p, 0, MaxHosts)) }},
		},
	})
	return r
}

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

// fires decodes the fires list.
func (d *decoder) fires(n *yaml.Node, path string) []Fire {
	var out []Fire
	d.list(n, path, "a list of fires", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.fire(item, p))
	})
	d.uniqueNames(n, path, "fire")
	return out
}

// fire decodes one fire.
func (d *decoder) fire(n *yaml.Node, path string) Fire {
	var f Fire
	found := d.fields(n, path, mapping{
		want: "a fire: a mapping with name, site, room, at and optionally spread, power_off_at, notice_lead, emergency and water_damage",
		what: "a fire",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { f.Name = d.itemName(n, p) }},
			{key: "site", required: true, want: "the name of a site",
				decode: func(n *yaml.Node, p string) { f.Site = d.str(n, p, "the name of a site") }},
			{key: "room", required: true, want: "the name of a room of the site",
				decode: func(n *yaml.Node, p string) { f.Room = d.str(n, p, "the name of a room of the site") }},
			{key: "at", required: true, want: durationWant(false),
				decode: func(n *yaml.Node, p string) { f.At = d.duration(n, p, false) }},
			{key: "spread", want: "a list of rooms the fire reaches, like [{room: b1, after: 30m}]",
				decode: func(n *yaml.Node, p string) { f.Spread = d.spread(n, p) }},
			{key: "power_off_at", want: "when all power is ordered off: " + durationWant(false),
				decode: func(n *yaml.Node, p string) { f.PowerOffAt = d.duration(n, p, false) }},
			d.durationField("notice_lead", false, &f.NoticeLead),
			d.durationField("emergency", false, &f.Emergency),
			{key: "water_damage", want: "a list of room names",
				decode: func(n *yaml.Node, p string) { f.WaterDamage = d.refNames(n, p, "room", false) }},
		},
	})
	if found == nil {
		return f
	}
	at, off := found["at"], found["power_off_at"]
	p := joinPath(path, "power_off_at")
	if at != nil && off != nil && !d.isBad(joinPath(path, "at")) && !d.isBad(p) && f.PowerOffAt != 0 && f.PowerOffAt < f.At {
		d.errorf(off, p, "expected power_off_at >= at (%s), got %s", formatDuration(f.At), formatDuration(f.PowerOffAt))
	}
	lp := joinPath(path, "notice_lead")
	if lead := found["notice_lead"]; lead != nil && !d.isBad(lp) && f.NoticeLead > 0 {
		switch {
		case off == nil || f.PowerOffAt == 0:
			d.errorf(lead, lp, "notice_lead is the notice of a power-off order; give power_off_at or remove notice_lead")
		case !d.isBad(p) && !d.isBad(joinPath(path, "at")) && f.PowerOffAt >= f.At && f.NoticeLead > f.PowerOffAt-f.At:
			d.errorf(lead, lp, "expected notice_lead <= power_off_at - at (%s: no notice before the fire), got %s",
				formatDuration(f.PowerOffAt-f.At), formatDuration(f.NoticeLead))
		}
	}
	return f
}

// spread decodes a fire's spread list.
func (d *decoder) spread(n *yaml.Node, path string) []FireSpread {
	const want = "a list of rooms the fire reaches, like [{room: b1, after: 30m}]"
	out := []FireSpread{}
	d.list(n, path, want, false, func(_ int, item *yaml.Node, p string) {
		var s FireSpread
		d.fields(item, p, mapping{
			want: "a spread: a mapping like {room: b1, after: 30m}",
			what: "a spread",
			fields: []field{
				{key: "room", required: true, want: "the name of a room of the site",
					decode: func(n *yaml.Node, p string) { s.Room = d.str(n, p, "the name of a room of the site") }},
				{key: "after", required: true, want: durationWant(false),
					decode: func(n *yaml.Node, p string) { s.After = d.duration(n, p, false) }},
			},
		})
		out = append(out, s)
	})
	return out
}

// restorations decodes the restorations list.
func (d *decoder) restorations(n *yaml.Node, path string) []Restoration {
	var out []Restoration
	d.list(n, path, "a list of restorations", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.restoration(item, p))
	})
	d.uniqueNames(n, path, "restoration")
	return out
}

// restoration decodes one restoration.
func (d *decoder) restoration(n *yaml.Node, path string) Restoration {
	r := Restoration{}
	found := d.fields(n, path, mapping{
		want: "a restoration: a mapping with name, site, start and either curve or teams, energize and repair",
		what: "a restoration",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { r.Name = d.itemName(n, p) }},
			{key: "site", required: true, want: "the name of a site",
				decode: func(n *yaml.Node, p string) { r.Site = d.str(n, p, "the name of a site") }},
			{key: "start", required: true, want: durationWant(false),
				decode: func(n *yaml.Node, p string) { r.Start = d.duration(n, p, false) }},
			{key: "curve", want: curveWant,
				decode: func(n *yaml.Node, p string) { r.Curve = d.curve(n, p) }},
			d.intField("teams", 1, MaxTeams, &r.Teams),
			d.intField("panels_per_room", 1, MaxPanels, &r.PanelsPerRoom),
			{key: "energize", want: distWant,
				decode: func(n *yaml.Node, p string) { x := d.dist(n, p); r.Energize = &x }},
			{key: "repair", want: distWant,
				decode: func(n *yaml.Node, p string) { x := d.dist(n, p); r.Repair = &x }},
		},
	})
	if found == nil {
		return r
	}
	if found["curve"] != nil {
		if v := found["teams"]; v != nil {
			d.errorf(v, joinPath(path, "teams"), "a restoration follows a curve or is done by teams, not both; remove curve or teams")
			return r
		}
		for _, k := range []string{"panels_per_room", "energize", "repair"} {
			if v := found[k]; v != nil {
				d.errorf(v, joinPath(path, k), "%s is for a restoration by teams; this one follows a curve (give either curve or teams)", k)
			}
		}
		return r
	}
	if found["teams"] == nil {
		d.errorf(n, joinPath(path, "curve"), "missing curve or teams; expected a curve (%s) or teams with energize and repair", curveWant)
		return r
	}
	for _, k := range []string{"energize", "repair"} {
		if found[k] == nil {
			d.errorf(n, joinPath(path, k), "missing required field %q for a restoration by teams; expected %s", k, distWant)
		}
	}
	if found["panels_per_room"] == nil {
		r.PanelsPerRoom = 1
	}
	return r
}

// distWant describes a distribution.
const distWant = "a distribution, like {dist: uniform, min: 10m, max: 30m}"

// curveWant describes a restoration curve.
const curveWant = "a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}]"

// curve decodes a restoration curve and checks its shape.
func (d *decoder) curve(n *yaml.Node, path string) []CurvePoint {
	const shareWant = "a share of hosts in (0, 1]"
	var out []CurvePoint
	var ok []bool
	d.list(n, path, curveWant, true, func(_ int, item *yaml.Node, p string) {
		var c CurvePoint
		d.fields(item, p, mapping{
			want: "a point: a mapping like {at: 1h, share: 0.5}",
			what: "a point",
			fields: []field{
				{key: "at", required: true, want: durationWant(false),
					decode: func(n *yaml.Node, p string) { c.At = d.duration(n, p, false) }},
				{key: "share", required: true, want: shareWant,
					decode: func(n *yaml.Node, p string) {
						c.Share = d.float(n, p, shareWant, func(v float64) bool { return v > 0 && v <= 1 })
					}},
			},
		})
		out = append(out, c)
		ok = append(ok, !d.isBad(p))
	})
	if n.Kind != yaml.SequenceNode || len(out) != len(n.Content) {
		return out
	}
	segs := itemSegments(n)
	for i := 1; i < len(out); i++ {
		if !ok[i] || !ok[i-1] {
			continue
		}
		p, item := joinPath(path, segs[i]), n.Content[i]
		if out[i].At <= out[i-1].At {
			d.errorf(lookup(item, "at"), joinPath(p, "at"), "expected at > the previous point's (%s), got %s",
				formatDuration(out[i-1].At), formatDuration(out[i].At))
		}
		if out[i].Share < out[i-1].Share {
			d.errorf(lookup(item, "share"), joinPath(p, "share"), "expected share >= the previous point's (%g), got %g",
				out[i-1].Share, out[i].Share)
		}
	}
	last := len(out) - 1
	if last >= 0 && ok[last] && out[last].Share != 1 {
		p := joinPath(joinPath(path, segs[last]), "share")
		d.errorf(lookup(n.Content[last], "share"), p, "expected the last point's share to be 1 (all hosts powered), got %g", out[last].Share)
	}
	return out
}

// hostedList decodes the hosted list.
func (d *decoder) hostedList(n *yaml.Node, path string) []Hosted {
	var out []Hosted
	d.list(n, path, "a list of hosted services", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.hosted(item, p))
	})
	d.uniqueNames(n, path, "hosted")
	return out
}

// hosted decodes one hosted entry.
func (d *decoder) hosted(n *yaml.Node, path string) Hosted {
	const thresholdWant = "a share of hosts from 0 to 1"
	h := Hosted{DR: DR{Mode: DRNone}}
	d.fields(n, path, mapping{
		want: "a hosted service: a mapping with name, site, rooms, target and optionally threshold, depends_on, dr and data",
		what: "a hosted service",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { h.Name = d.itemName(n, p) }},
			{key: "site", required: true, want: "the name of a site",
				decode: func(n *yaml.Node, p string) { h.Site = d.str(n, p, "the name of a site") }},
			{key: "rooms", required: true, want: "a non-empty list of room names",
				decode: func(n *yaml.Node, p string) { h.Rooms = d.refNames(n, p, "room", true) }},
			d.floatField("threshold", thresholdWant, func(v float64) bool { return v >= 0 && v <= 1 }, &h.Threshold),
			{key: "depends_on", want: "a list of names of hosted services listed earlier",
				decode: func(n *yaml.Node, p string) { h.DependsOn = d.refNames(n, p, "hosted", false) }},
			{key: "dr", want: "a disaster recovery: {mode: warm-standby, standby_site: b, standby_rooms: [r1]}",
				decode: func(n *yaml.Node, p string) { h.DR = d.dr(n, p) }},
			{key: "target", required: true, want: "the name of a service component",
				decode: func(n *yaml.Node, p string) { h.Target = d.str(n, p, "the name of a service component") }},
			{key: "data", want: dataWant,
				decode: func(n *yaml.Node, p string) { h.Data = d.hostedData(n, p) }},
		},
	})
	return h
}

// dataWant describes a hosted entry's data.
const dataWant = "the data to recover after an unclean stop: {size: 120, pool: backup}"

// hostedData decodes a hosted entry's data.
func (d *decoder) hostedData(n *yaml.Node, path string) *HostedData {
	const sizeWant = "a positive amount of data, in the unit of the pool's rate"
	x := &HostedData{}
	d.fields(n, path, mapping{
		want: "data: a mapping like {size: 120, pool: backup}",
		what: "data",
		fields: []field{
			{key: "size", required: true, want: sizeWant,
				decode: func(n *yaml.Node, p string) { x.Size = d.float(n, p, sizeWant, positiveFinite) }},
			{key: "pool", required: true, want: "the name of a data pool",
				decode: func(n *yaml.Node, p string) { x.Pool = d.str(n, p, "the name of a data pool") }},
		},
	})
	return x
}

// positiveFinite accepts the numbers > 0 that are finite.
func positiveFinite(v float64) bool { return v > 0 && v <= math.MaxFloat64 }

// dataPools decodes the data_pools list.
func (d *decoder) dataPools(n *yaml.Node, path string) []DataPool {
	const rateWant = "a positive amount of data an hour, in the unit of the hosted entries' data sizes"
	var out []DataPool
	d.list(n, path, "a list of data pools", false, func(_ int, item *yaml.Node, p string) {
		var dp DataPool
		d.fields(item, p, mapping{
			want: "a data pool: a mapping like {name: backup, rate_per_hour: 4}",
			what: "a data pool",
			fields: []field{
				{key: "name", required: true, want: itemNameWant,
					decode: func(n *yaml.Node, p string) { dp.Name = d.itemName(n, p) }},
				{key: "rate_per_hour", required: true, want: rateWant,
					decode: func(n *yaml.Node, p string) { dp.RatePerHour = d.float(n, p, rateWant, positiveFinite) }},
			},
		})
		out = append(out, dp)
	})
	d.uniqueNames(n, path, "data pool")
	return out
}

// dr decodes a hosted entry's disaster recovery.
func (d *decoder) dr(n *yaml.Node, path string) DR {
	r := DR{Mode: DRNone}
	found := d.fields(n, path, mapping{
		want: "a disaster recovery: a mapping with mode and optionally recovery, needs, standby_site and standby_rooms",
		what: "a disaster recovery",
		fields: []field{
			{key: "mode", want: "one of: " + strings.Join(drModeNames, ", "),
				decode: func(n *yaml.Node, p string) {
					if m := d.enum(n, p, drModeNames...); m != "" {
						r.Mode = m
					}
				}},
			{key: "recovery", want: "a distribution, like {dist: lognormal, mean: 2h, stddev: 30m}",
				decode: func(n *yaml.Node, p string) {
					ds := d.dist(n, p)
					r.Recovery = &ds
				}},
			{key: "needs", want: "a list of names of hosted services listed earlier",
				decode: func(n *yaml.Node, p string) { r.Needs = d.refNames(n, p, "hosted", false) }},
			{key: "standby_site", want: "the name of a site",
				decode: func(n *yaml.Node, p string) { r.StandbySite = d.str(n, p, "the name of a site") }},
			{key: "standby_rooms", want: "a non-empty list of room names",
				decode: func(n *yaml.Node, p string) { r.StandbyRooms = d.refNames(n, p, "room", true) }},
		},
	})
	if found == nil {
		return r
	}
	site, rooms := found["standby_site"], found["standby_rooms"]
	switch {
	case site != nil && rooms == nil:
		d.errorf(n, joinPath(path, "standby_rooms"), "missing standby_rooms; expected the rooms of standby_site that run the copy")
	case site == nil && rooms != nil:
		d.errorf(rooms, joinPath(path, "standby_rooms"), "standby_rooms needs standby_site: the site those rooms belong to")
	}
	return r
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
