package detect

import "github.com/cascade-sim/cascade/models"

// OutcomeCounter is a source of cumulative request outcomes, read by an
// AvailabilityAlert at every evaluation, as a monitoring system scrapes
// counters: a population's totals (PopulationOutcomes), or any model's.
type OutcomeCounter interface {
	// Outcomes returns how many requests have succeeded and failed so far.
	Outcomes() (succeeded, failed int64)
}

// OutcomeCounterFunc adapts a function to an OutcomeCounter.
type OutcomeCounterFunc func() (succeeded, failed int64)

// Outcomes calls f.
func (f OutcomeCounterFunc) Outcomes() (succeeded, failed int64) { return f() }

// StatsSource is what a *models.Population offers: its totals so far.
type StatsSource interface {
	// Stats returns the totals so far.
	Stats() models.PopulationStats
}

// PopulationOutcomes returns the outcomes of a population's requests as a
// counter: requests count when they end, succeeded when answered OK within
// the users' deadline, failed otherwise (at the deadline, for those that
// time out). It costs nothing per request.
func PopulationOutcomes(p StatsSource) OutcomeCounter {
	return OutcomeCounterFunc(func() (int64, int64) {
		s := p.Stats()
		return s.Succeeded, s.Failed
	})
}
