package scenarios

import (
	"math"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// measure computes the outcome of a finished run from its models and
// series (recorded and derived).
func measure(m *model, series []*sim.Series) Outcome {
	s := m.spec
	idx := indexSeries(series)
	threshold := s.Outcome.AvailabilityThreshold
	stepS := s.Step.Seconds()
	stepLen := func(i int) float64 { return m.env.Recorder.StepLength(i).Seconds() }
	out := Outcome{AvailabilityThreshold: threshold, PeakLoadRatio: map[string]float64{}}
	firstBad, lastBad := -1, -1
	for _, p := range m.populations {
		st := p.Stats()
		cfg := p.Config()
		po := PopulationOutcome{
			Name:            p.Name(),
			Users:           cfg.Users,
			Requests:        st.Sent,
			Succeeded:       st.Succeeded,
			Failed:          st.Failed,
			TimedOut:        st.TimedOut,
			Pending:         st.Pending,
			Availability:    1,
			MinAvailability: 1,
			MeanLatencyS:    st.Latency.Mean(),
			P50LatencyS:     st.Latency.Quantile(0.50).Seconds(),
			P90LatencyS:     st.Latency.Quantile(0.90).Seconds(),
			P99LatencyS:     st.Latency.Quantile(0.99).Seconds(),
			MaxLatencyS:     st.Latency.Max().Seconds(),
			ImpactedUsers:   st.ImpactedUsers,
		}
		for _, sp := range s.Populations {
			if sp.Name == p.Name() && sp.Sample != nil {
				po.SampleOf, po.SampleOfUsers = sp.Sample.Of, int64(sp.Sample.Users)
			}
		}
		po.ImpactedUsersMethod = "expected"
		if st.ImpactedExact {
			po.ImpactedUsersMethod = "counted"
		}
		if done := st.Succeeded + st.Failed; done > 0 {
			po.Availability = float64(st.Succeeded) / float64(done)
		}
		avail := idx[key(p.Name(), models.MetricAvailability)].Values
		for i, a := range avail {
			if math.IsNaN(a) {
				continue
			}
			po.Censored = a < threshold // the last step with requests decides
			po.MinAvailability = min(po.MinAvailability, a)
			po.UserMinutesLost += float64(cfg.Users) * (1 - a) * stepLen(i) / 60
			if a < threshold {
				po.OutageS += stepLen(i)
				if firstBad < 0 || i < firstBad {
					firstBad = i
				}
				lastBad = max(lastBad, i)
			}
		}
		out.ImpactedUsers += po.ImpactedUsers
		out.Outage.Censored = out.Outage.Censored || po.Censored
		out.Populations = append(out.Populations, po)
	}
	if firstBad >= 0 {
		out.Outage.StartS = float64(firstBad) * stepS
		out.Outage.EndS = float64(lastBad)*stepS + stepLen(lastBad)
		out.Outage.DurationS = out.Outage.EndS - out.Outage.StartS
		first, last := sim.Time(-1), sim.Time(-1)
		for _, p := range m.populations {
			if f, _, ok := p.FailureSpan(firstBad); ok && (first < 0 || f < first) {
				first = f
			}
			if _, l, ok := p.FailureSpan(lastBad); ok {
				last = max(last, l)
			}
		}
		if first >= 0 {
			out.Outage.FirstFailedS = first.Seconds()
		}
		if last >= 0 {
			out.Outage.LastFailedS = last.Seconds()
		}
	}
	lo, hi := baselineSteps(s)
	for _, l := range m.loads {
		if r, ok := peakRatio(idx[key(l.name, l.metric)].Values, lo, hi, stepLen); ok {
			out.PeakLoadRatio[l.name] = r
		}
	}
	for _, svc := range m.services {
		name := svc.Name()
		lat := svc.Latency()
		offered, completed, rejected := svc.Counts() // the requests lat counts
		out.Components = append(out.Components, ComponentOutcome{
			Name:         name,
			Kind:         "service",
			Offered:      offered,
			Completed:    completed,
			Rejected:     rejected,
			Utilisation:  timeMean(idx[key(name, models.MetricUtilisation)].Values, stepLen),
			MeanInSystem: timeMean(idx[key(name, models.MetricInSystem)].Values, stepLen),
			MeanLatencyS: lat.Mean(),
			P99LatencyS:  lat.Quantile(0.99).Seconds(),
		})
	}
	for _, c := range m.caches {
		name := c.Name()
		out.Components = append(out.Components, ComponentOutcome{
			Name:      name,
			Kind:      "token-cache",
			Offered:   total(idx[key(name, models.MetricRequestsPerS)].Values, stepLen),
			Completed: total(idx[key(name, models.MetricHitsPerS)].Values, stepLen),
		})
	}
	for _, c := range m.clients {
		st := c.Stats()
		co := ClientOutcome{
			Name: c.Name(), Control: c.Control().Name(),
			Calls: st.Calls, Attempts: st.Attempts, Retries: st.Retries,
			Timeouts: st.Timeouts, Throttled: st.Throttled, Failed: st.Failed,
		}
		if st.Calls > 0 {
			co.Amplification = st.Attempts / st.Calls
		}
		out.Clients = append(out.Clients, co)
	}
	for _, rt := range m.routes {
		st := rt.Stats()
		out.Routes = append(out.Routes, RouteOutcome{Name: rt.Name(), Sent: float64(st.Sent), Delivered: float64(st.Delivered),
			Lost: float64(st.Lost), AnswersLost: float64(st.AnswersLost), LastDrop: st.LastDrop})
	}
	out.Sites = measureSites(m, idx)
	out.Metastable = metastability(m, out.Populations, idx)
	return out
}

// MinBaselineArrivals is the fewest arrivals the baseline window must see
// for its mean to be a baseline: with fewer, the mean is noise (a Poisson
// count of 100 is known to ±10%), and a ratio over it says nothing.
const MinBaselineArrivals = 100

// BaselineMean is the mean of values, a per-second series of a run of s
// (one value per series step), over the steps of the baseline window
// (outcome.baseline): the mean of the steps' values. False, and no mean,
// when the window holds no step of the series or saw fewer than
// MinBaselineArrivals arrivals. The outcome's peak load ratios and the
// load figure's "× baseline mean" panel both divide by it.
func BaselineMean(s *spec.Spec, values []float64) (float64, bool) {
	rec, err := sim.NewRecorder(s.Step, s.Horizon) // the run's steps
	if err != nil {
		return 0, false // not a spec that ran
	}
	lo, hi := baselineSteps(s)
	return baselineMean(values, lo, hi, func(i int) float64 { return rec.StepLength(i).Seconds() })
}

// baselineSteps are the series steps [lo, hi) the baseline window covers:
// every step it overlaps.
func baselineSteps(s *spec.Spec) (lo, hi int) {
	from, to := s.Outcome.Baseline.From, s.Outcome.Baseline.To
	return int(from / s.Step), int((to + s.Step - 1) / s.Step)
}

// baselineMean is BaselineMean over steps [lo, hi), step i lasting
// stepLen(i) seconds.
func baselineMean(values []float64, lo, hi int, stepLen func(int) float64) (float64, bool) {
	hi = min(hi, len(values))
	if lo >= hi {
		return 0, false
	}
	base, arrivals := 0.0, 0.0
	for i, v := range values[lo:hi] {
		base += v
		arrivals += v * stepLen(lo+i)
	}
	if arrivals < MinBaselineArrivals {
		return 0, false
	}
	return base / float64(hi-lo), true
}

// peakRatio is the largest value of a per-second series divided by its
// baseline mean over steps [lo, hi); false when there is no baseline mean.
func peakRatio(values []float64, lo, hi int, stepLen func(int) float64) (float64, bool) {
	base, ok := baselineMean(values, lo, hi, stepLen)
	if !ok {
		return 0, false
	}
	peak := 0.0
	for _, v := range values {
		peak = max(peak, v)
	}
	return peak / base, true
}

// total turns a per-second series back into a count over the horizon.
func total(perSecond []float64, stepLen func(int) float64) float64 {
	sum := 0.0
	for i, v := range perSecond {
		sum += v * stepLen(i)
	}
	return math.Round(sum)
}

// timeMean is the time-weighted mean of a per-step series.
func timeMean(values []float64, stepLen func(int) float64) float64 {
	sum, dur := 0.0, 0.0
	for i, v := range values {
		sum += v * stepLen(i)
		dur += stepLen(i)
	}
	if dur == 0 {
		return 0
	}
	return sum / dur
}

// metastability says whether some population is still below the
// availability threshold in every step from metastable_after past the last
// fault or action to the horizon; nil when the scenario does not ask.
func metastability(m *model, pops []PopulationOutcome, idx map[string]*sim.Series) *Metastability {
	s := m.spec
	after := s.Outcome.MetastableAfter
	if after <= 0 {
		return nil
	}
	var last sim.Time
	for _, f := range s.Faults {
		last = max(last, f.At)
	}
	for _, f := range s.Actions {
		last = max(last, f.At)
	}
	from := last + after
	res := &Metastability{LastTriggerS: last.Seconds(), AfterS: after.Seconds(), FromS: from.Seconds()}
	first := int((from + s.Step - 1) / s.Step)
	steps := m.env.Recorder.Steps()
	if first >= steps {
		res.Note = "the horizon ends before the check starts"
		return res
	}
	for _, p := range pops {
		avail := idx[key(p.Name, models.MetricAvailability)].Values
		below, seen := true, false
		for _, a := range avail[first:] {
			if math.IsNaN(a) {
				continue
			}
			seen = true
			if a >= s.Outcome.AvailabilityThreshold {
				below = false
				break
			}
		}
		if seen && below {
			res.Metastable = true
			res.Populations = append(res.Populations, p.Name)
		}
	}
	return res
}
