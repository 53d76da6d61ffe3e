package power

import (
	"fmt"

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

// DRConfig is a service's disaster-recovery arrangement.
type DRConfig struct {
	// Mode is the arrangement; DRNone (the zero value) means none.
	Mode DRMode
	// Recovery is the time, in seconds, from the start of recovery until
	// the service is up elsewhere; nil means DefaultRecovery(Mode).
	Recovery sim.Dist
	// Needs lists services that must be usable for recovery to start and
	// to complete: what starts the copy (e.g. the operations tools that
	// start standby servers). They do not apply to DRActiveActive, whose
	// copy already runs, so a scenario can switch modes without editing
	// them. What the copy needs to serve (login) belongs in the service's
	// DependsOn.
	Needs []*HostedService
	// Standby, if not empty, are the hosts at the other site that the
	// copy runs on: recovery needs, and the failed-over service stays up
	// only while, a share of them at least the service's threshold runs
	// (any of them with a threshold of 0).
	Standby []*Host
	// Condition, if not nil, must also hold. It is checked when the
	// primary fails, when recovery would complete, whenever a service in
	// Needs changes, and on HostedService.Recheck.
	Condition func() bool
}
