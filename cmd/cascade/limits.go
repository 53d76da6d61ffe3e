package main

import (
	"github.com/spf13/pflag"

	"github.com/cascade-sim/cascade/scenarios"
)

// limitsFlags are the flags that raise (or lower) a run's size limits.
type limitsFlags struct {
	events, series uint64
	pending        int
	inFlight       int64
}

// addLimitFlags adds --max-events, --max-pending, --max-series-values and
// --max-in-flight.
func addLimitFlags(fs *pflag.FlagSet, l *limitsFlags) {
	fs.Uint64Var(&l.events, "max-events", scenarios.DefaultMaxEvents, "the most events a run may process; a run that would pass it is refused or stopped")
	fs.IntVar(&l.pending, "max-pending", scenarios.DefaultMaxPending, "the most events that may wait at once in a run")
	fs.Uint64Var(&l.series, "max-series-values", scenarios.DefaultMaxSeriesValues, "the most time-series values (steps x series) a run may record")
	fs.Int64Var(&l.inFlight, "max-in-flight", scenarios.DefaultMaxInFlight, "the most requests that may be under way at once in a run")
}

// check refuses limits below 1: 0 would silently mean the default, and a
// negative limit would stop every run at its first event.
func (l limitsFlags) check() error {
	switch {
	case l.events < 1:
		return usagef("--max-events %d: expected at least 1", l.events)
	case l.pending < 1:
		return usagef("--max-pending %d: expected at least 1", l.pending)
	case l.series < 1:
		return usagef("--max-series-values %d: expected at least 1", l.series)
	case l.inFlight < 1:
		return usagef("--max-in-flight %d: expected at least 1", l.inFlight)
	}
	return nil
}

// get returns the limits.
func (l limitsFlags) get() scenarios.Limits {
	return scenarios.Limits{MaxEvents: l.events, MaxPending: l.pending, MaxSeriesValues: int64(min(l.series, 1<<62)), MaxInFlight: l.inFlight}
}

// noLimits are limits no plan passes (cascade merge replans shards that
// ran under their own).
var noLimits = scenarios.Limits{MaxEvents: 1<<64 - 1, MaxPending: 1 << 62, MaxSeriesValues: 1 << 62}
