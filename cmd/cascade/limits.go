package main

import (
	"github.com/spf13/pflag"

	"github.com/cascade-sim/cascade/scenarios"
)

// limitsFlags are the flags that raise (or lower) a run's size limits.
type limitsFlags struct {
	events, series uint64
	pending        int
}

// addLimitFlags adds --max-events, --max-pending and --max-series-values.
func addLimitFlags(fs *pflag.FlagSet, l *limitsFlags) {
	fs.Uint64Var(&l.events, "max-events", scenarios.DefaultMaxEvents, "the most events a run may process; a run that would pass it is refused or stopped")
	fs.IntVar(&l.pending, "max-pending", scenarios.DefaultMaxPending, "the most events that may wait at once in a run")
	fs.Uint64Var(&l.series, "max-series-values", scenarios.DefaultMaxSeriesValues, "the most time-series values (steps x series) a run may record")
}

// get returns the limits.
func (l limitsFlags) get() scenarios.Limits {
	return scenarios.Limits{MaxEvents: l.events, MaxPending: l.pending, MaxSeriesValues: int64(min(l.series, 1<<62))}
}

// noLimits are limits no plan passes (cascade merge replans shards that
// ran under their own).
var noLimits = scenarios.Limits{MaxEvents: 1<<64 - 1, MaxPending: 1 << 62, MaxSeriesValues: 1 << 62}
