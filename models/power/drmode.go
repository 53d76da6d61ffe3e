package power

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// DRMode is a service's disaster-recovery arrangement: how it comes back
// elsewhere when its primary site fails.
type DRMode uint8

const (
	// DRNone means no copy elsewhere: the service waits for its primary.
	DRNone DRMode = iota
	// DRBackupRestore restores from backups onto new servers (hours to
	// days).
	DRBackupRestore
	// DRPilotLight keeps data replicated and a minimal core running; the
	// rest is started on demand (30 min to 2 h).
	DRPilotLight
	// DRWarmStandby keeps a scaled-down copy running (5 to 30 min).
	DRWarmStandby
	// DRActiveActive serves from both sites all the time (under 1 min).
	DRActiveActive
)

// String names the mode as scenario files do.
func (m DRMode) String() string {
	switch m {
	case DRNone:
		return "none"
	case DRBackupRestore:
		return "backup-and-restore"
	case DRPilotLight:
		return "pilot-light"
	case DRWarmStandby:
		return "warm-standby"
	case DRActiveActive:
		return "active-active"
	}
	return "unknown"
}

// ParseDRMode returns the mode a scenario file names.
func ParseDRMode(s string) (DRMode, error) {
	for m := DRNone; m <= DRActiveActive; m++ {
		if m.String() == s {
			return m, nil
		}
	}
	return DRNone, fmt.Errorf("unknown disaster-recovery mode %q (want none, backup-and-restore, pilot-light, warm-standby or active-active)", s)
}

// Choices lists the modes as scenario files name them.
func (DRMode) Choices() []string {
	return []string{"none", "backup-and-restore", "pilot-light", "warm-standby", "active-active"}
}

// UnmarshalText reads a mode as a scenario file names it.
func (m *DRMode) UnmarshalText(b []byte) error {
	v, err := ParseDRMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// DefaultRecovery returns a recovery time distribution, in seconds, from
// cloud DR guidance: active-active 10–60 s, warm standby 5–30 min, pilot
// light 30 min–2 h, backup and restore 2–24 h; nil for DRNone.
func DefaultRecovery(m DRMode) sim.Dist {
	var lo, hi float64
	switch m {
	case DRActiveActive:
		lo, hi = 10, 60
	case DRWarmStandby:
		lo, hi = 5*60, 30*60
	case DRPilotLight:
		lo, hi = 30*60, 2*3600
	case DRBackupRestore:
		lo, hi = 2*3600, 24*3600
	default:
		return nil
	}
	d, _ := sim.NewUniform(lo, hi) // constant bounds: never an error
	return d
}

// DRConfig is a service's disaster-recovery arrangement. The knobs name
// the services and the standby site and rooms; the builder resolves them
// into Requires and Standby, which Go code sets directly.
type DRConfig struct {
	// Mode is the arrangement; DRNone (the zero value) means none.
	Mode DRMode `knob:"mode" doc:"how the service comes back elsewhere when its primary fails: none (it waits for its primary), backup-and-restore (2-24 h), pilot-light (30 min-2 h), warm-standby (5-30 min), active-active (10-60 s)"`
	// Recovery is the time from the start of recovery until the service
	// is up elsewhere; nil means DefaultRecovery(Mode).
	Recovery models.DistConfig `knob:"recovery" want:"a distribution, like {dist: lognormal, mean: 2h, stddev: 30m}" doc:"the time from the start of recovery until the service is up elsewhere; without it, the mode's default from cloud DR guidance"`
	// Needs names hosted services listed earlier that must be usable for
	// the recovery to start.
	Needs []string `knob:"needs" ref:"hosted" earlier:"true" doc:"hosted services listed earlier that must be usable for the recovery to start and complete (what starts the copy); they do not apply to an active-active copy, which already runs"`
	// Requires are the services of Needs: services that must be usable
	// for recovery to start and to complete: what starts the copy (e.g.
	// the operations tools that start standby servers). They do not apply
	// to DRActiveActive, whose copy already runs, so a scenario can switch
	// modes without editing them. What the copy needs to serve (login)
	// belongs in the service's Dependencies.
	Requires []*HostedService
	// StandbySite is the name of the site whose hosts run the copy; ""
	// for none.
	StandbySite string `knob:"standby_site" ref:"site" doc:"the site whose hosts run the copy; without it, the copy needs no hosts of the scenario"`
	// StandbyRooms are rooms of StandbySite that run the copy.
	StandbyRooms []string `knob:"standby_rooms" ref:"room" in:"standby_site" nonempty:"true" doc:"rooms of standby_site whose hosts run the copy; required with standby_site, not allowed without"`
	// Standby, if not empty, are the hosts at the other site that the
	// copy runs on (the hosts of StandbyRooms): recovery needs, and the
	// failed-over service stays up only while, a share of them at least
	// the service's threshold runs (any of them with a threshold of 0).
	Standby []*Host
	// Condition, if not nil, must also hold. It is checked when the
	// primary fails, when recovery would complete, whenever a service in
	// Requires changes, and on HostedService.Recheck.
	Condition func() bool
}

// Describe names a disaster recovery in messages.
func (DRConfig) Describe() (noun, example string) { return "a disaster recovery", "" }

// Check checks that standby rooms come with their standby site.
func (c DRConfig) Check(written func(key string) bool) error {
	switch {
	case written("standby_site") && !written("standby_rooms"):
		return knob.Errorf("standby_rooms", "missing standby_rooms; expected the rooms of standby_site that run the copy")
	case !written("standby_site") && written("standby_rooms"):
		return knob.Errorf("standby_rooms", "standby_rooms needs standby_site: the site those rooms belong to")
	}
	return nil
}
