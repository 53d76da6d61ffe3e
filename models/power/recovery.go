package power

import (
	"strings"

	"github.com/cascade-sim/cascade/sim"
)

// Recheck checks again whether a blocked recovery can start, e.g. after
// the state behind DRConfig.Condition changed.
func (s *HostedService) Recheck(now sim.Time) {
	if s.blocked {
		s.tryRecovery(now)
	}
}

// conditionHolds reports whether what the DR arrangement needs holds. An
// active-active copy already runs: nothing has to start it, so its Needs
// do not apply.
func (s *HostedService) conditionHolds() bool {
	for _, n := range s.cfg.DR.Requires {
		if s.cfg.DR.Mode != DRActiveActive && !n.Usable() {
			return false
		}
	}
	return s.standbyHolds() && (s.cfg.DR.Condition == nil || s.cfg.DR.Condition())
}

// tryRecovery starts recovery elsewhere if the primary is down, the
// service has a DR arrangement and what it needs holds; otherwise, with an
// arrangement, it waits (blocked) for a Recheck.
func (s *HostedService) tryRecovery(now sim.Time) {
	if s.cfg.DR.Mode == DRNone || s.primaryUp || s.failedOver || s.recovering || s.movedByWork() {
		return
	}
	if !s.conditionHolds() {
		if !s.blocked {
			s.blocked = true
			s.log(now, s.cfg.DR.Mode.String()+" recovery blocked: "+s.blockers())
		}
		return
	}
	s.blocked = false
	s.recovering = true
	d := sim.SampleTime(s.recoveryTime, s.rng)
	s.log(now, s.cfg.DR.Mode.String()+" recovery started, takes "+d.String())
	s.recovery = s.env.Engine.After(d, s, nil) // saturates at the end of time
}

// Fire completes a recovery: the service is up elsewhere if what it needs
// still holds; otherwise it is blocked until a Recheck.
func (s *HostedService) Fire(now sim.Time, _ any) {
	s.recovering = false
	if s.primaryUp || s.failedOver {
		return
	}
	if !s.conditionHolds() {
		s.tryRecovery(now) // logs blocked
		return
	}
	s.failedOver = true
	s.log(now, "failed over ("+s.cfg.DR.Mode.String()+")")
	s.eval(now)
}

// blockers says what keeps a recovery from starting or completing.
func (s *HostedService) blockers() string {
	var out []string
	for _, n := range s.cfg.DR.Requires {
		if s.cfg.DR.Mode != DRActiveActive && !n.Usable() {
			out = append(out, n.Name()+" is not usable")
		}
	}
	if !s.standbyHolds() {
		out = append(out, "too few standby servers run")
	}
	if s.cfg.DR.Condition != nil && !s.cfg.DR.Condition() {
		out = append(out, "its condition does not hold")
	}
	return strings.Join(out, ", ")
}

// movedByWork reports whether a switch-over, not a recovery timer, brings
// it up at its standby site: every mode but active-active, whose copy
// already runs.
func (s *HostedService) movedByWork() bool {
	return s.byWork && s.cfg.DR.Mode != DRActiveActive
}

// switchOver marks it as running at its standby site from now on, the end
// of a switch-over's step (by): it is up there while enough standby hosts
// run, whether or not its primary runs.
func (s *HostedService) switchOver(now sim.Time, by string) {
	if s.failedOver {
		return
	}
	if s.recovering {
		s.env.Engine.Cancel(s.recovery)
		s.recovering = false
	}
	s.blocked = false
	s.failedOver = true
	s.log(now, "switched over to its standby site ("+by+")")
	s.eval(now)
}
