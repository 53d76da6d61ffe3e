package scenarios

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Default limits of a run's size: deterministic counts, never measured
// memory, so that whether a run is refused does not depend on the machine.
const (
	// DefaultMaxEvents bounds the events a run processes (a minute or two
	// of simulation on a laptop; the built-in replays take under 10^8).
	DefaultMaxEvents = 2_000_000_000
	// DefaultMaxPending bounds the events waiting in the queue at once
	// (about 100 bytes each).
	DefaultMaxPending = 20_000_000
	// DefaultMaxInFlight bounds the requests under way at once (calls and
	// attempts sent, queued or in service; about 170 bytes each, so 5 M is
	// under 1 GB; retry-storm at load 1.1 with 3 retries holds 2 M after
	// its 2 h).
	DefaultMaxInFlight = 5_000_000
	// DefaultMaxSeriesValues bounds steps x series, the values of
	// series.csv (8 bytes each in memory, about 40 in series.csv).
	DefaultMaxSeriesValues = 20_000_000
)

// Limits bound a run's size. Zero fields take the defaults.
type Limits struct {
	// MaxEvents is the most events a run may process (--max-events).
	MaxEvents uint64
	// MaxPending is the most events that may wait at once (--max-pending).
	MaxPending int
	// MaxSeriesValues is the most time-series values a run may record,
	// steps times series (--max-series-values).
	MaxSeriesValues int64
	// MaxInFlight is the most requests that may be under way at once
	// (--max-in-flight).
	MaxInFlight int64
}

func (l Limits) orDefaults() Limits {
	if l.MaxEvents == 0 {
		l.MaxEvents = DefaultMaxEvents
	}
	if l.MaxPending == 0 {
		l.MaxPending = DefaultMaxPending
	}
	if l.MaxSeriesValues == 0 {
		l.MaxSeriesValues = DefaultMaxSeriesValues
	}
	if l.MaxInFlight == 0 {
		l.MaxInFlight = DefaultMaxInFlight
	}
	return l
}

// LimitError is a run refused, or stopped, for its size.
type LimitError struct {
	// Flag is the command-line flag that raises the limit.
	Flag string
	// Msg says what passed the limit.
	Msg string
}

// Error says what passed which limit and how to raise it.
func (e *LimitError) Error() string { return e.Msg }

// Size is what a run of a scenario will take, estimated before it runs.
type Size struct {
	// Steps is the number of time-series steps; Series the number of
	// series (recorded and derived); SeriesValues their product.
	Steps, Series int
	SeriesValues  int64
	// ExpectedRequests is the mean number of requests the populations
	// send (each takes at least two events).
	ExpectedRequests float64
	// DetectorTicks is the number of keepalives, health checks and probes
	// the detectors send over the horizon (each at least one event).
	DetectorTicks float64
}

// MinEvents is the fewest events the run can take: two per request, one
// per detector tick.
func (sz Size) MinEvents() float64 { return 2*sz.ExpectedRequests + sz.DetectorTicks }

// EstimateSize builds s (which allocates little) and estimates its run.
func EstimateSize(s *spec.Spec) (Size, error) {
	m, err := build(s)
	if err != nil {
		return Size{}, err
	}
	return sizeOf(s, m), nil
}

func sizeOf(s *spec.Spec, m *model) Size {
	series := m.env.Recorder.SeriesCount() + 2*len(m.populations) // availability, mean latency
	for _, svc := range m.services {
		series++ // utilisation
		if svc.Config().Cores > 0 {
			series++ // thread utilisation
		}
	}
	sz := Size{Steps: m.env.Recorder.Steps(), Series: series}
	sz.SeriesValues = int64(sz.Steps) * int64(sz.Series)
	for _, p := range s.Populations {
		sz.ExpectedRequests += p.ExpectedRequests(s.Horizon)
	}
	horizon := s.Horizon.Seconds()
	ticks := func(every time.Duration, count int) float64 {
		if every <= 0 || count <= 0 {
			return 0
		}
		return horizon / every.Seconds() * float64(count)
	}
	for _, d := range s.Detectors {
		if !d.Enabled {
			continue
		}
		switch {
		case d.BFD != nil:
			sz.DetectorTicks += ticks(d.BFD.Interval, 2) // a keepalive each way
		case d.HealthCheck != nil:
			sz.DetectorTicks += ticks(d.HealthCheck.Interval, 1)
		case d.E2EProbe != nil:
			sz.DetectorTicks += ticks(d.E2EProbe.Interval, max(d.E2EProbe.Count, 1))
		}
	}
	return sz
}

// CheckSize refuses a run whose estimated size passes the limits.
func CheckSize(s *spec.Spec, l Limits) error {
	sz, err := EstimateSize(s)
	if err != nil {
		return err
	}
	return checkSize(sz, l)
}

func checkSize(sz Size, l Limits) error {
	l = l.orDefaults()
	if sz.SeriesValues > l.MaxSeriesValues {
		return &LimitError{Flag: "--max-series-values", Msg: fmt.Sprintf(
			"the run would record %d series of %d steps, %d values (%.1f MB in memory); the limit is %d (--max-series-values raises it): use a longer step, or a shorter horizon",
			sz.Series, sz.Steps, sz.SeriesValues, float64(sz.SeriesValues)*8/(1<<20), l.MaxSeriesValues)}
	}
	if 2*sz.ExpectedRequests > float64(l.MaxEvents) {
		return &LimitError{Flag: "--max-events", Msg: fmt.Sprintf(
			"the populations would send about %.3g requests, at least two events each, past the limit of %d events (--max-events raises it): lower the rates or the horizon",
			sz.ExpectedRequests, l.MaxEvents)}
	}
	if sz.MinEvents() > float64(l.MaxEvents) {
		return &LimitError{Flag: "--max-events", Msg: fmt.Sprintf(
			"the detectors would send about %.3g keepalives, checks and probes (and the populations %.3g requests), past the limit of %d events (--max-events raises it): lengthen the detectors' intervals",
			sz.DetectorTicks, sz.ExpectedRequests, l.MaxEvents)}
	}
	return nil
}
