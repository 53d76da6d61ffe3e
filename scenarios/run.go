package scenarios

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// Options tune a run without changing its results.
type Options struct {
	// Progress, if not nil, is called now and then during the run with the
	// virtual time reached and the time the run will end at the latest.
	Progress func(now, end sim.Time)
	// Stop, if not nil, is checked now and then during the run; when it
	// returns true the run ends with ErrStopped.
	Stop func() bool
	// Limits bound the run's size; zero fields take the defaults. A run
	// whose estimate passes them is refused before it starts, and one that
	// passes them while running is stopped, with a *LimitError.
	Limits Limits
}

// ErrStopped is the error of a run that Options.Stop ended.
var ErrStopped = errors.New("run stopped before its end")

// progressEvery is how many events pass between calls to Options.Progress.
const progressEvery = 1 << 16

// Run builds the scenario s on a fresh engine, runs it and measures the
// outcome. Users send requests until the horizon; requests still in flight
// then are given until their deadline to finish (or, for populations that
// wait forever, until twice the horizon), so every request sent before the
// horizon counts. The same s always gives the same Result, except for the
// wall-clock fields the caller fills in.
func Run(s *spec.Spec, opt Options) (*Result, error) {
	m, err := build(s)
	if err != nil {
		return nil, err
	}
	if err := validateMetrics(s, m); err != nil {
		return nil, err
	}
	lim := opt.Limits.orDefaults()
	if err := checkSize(sizeOf(s, m), lim); err != nil {
		return nil, err
	}
	guards := guardsOf(s, m) // the paths before any fault
	for _, p := range m.populations {
		p.Start()
	}
	end := drainEnd(s)
	e := m.env.Engine
	for {
		next, ok := e.NextAt()
		if !ok || next > end {
			break
		}
		e.Step()
		if e.Fired() >= lim.MaxEvents {
			return nil, &LimitError{Flag: "--max-events", Msg: fmt.Sprintf(
				"the run reached the limit of %d events at %s of virtual time, with %d events waiting (--max-events raises it)",
				lim.MaxEvents, e.Now(), e.Pending())}
		}
		if m.env.InFlight > lim.MaxInFlight {
			return nil, &LimitError{Flag: "--max-in-flight", Msg: fmt.Sprintf(
				"more than %d requests were under way at once at %s of virtual time (--max-in-flight raises it): they arrive faster than they finish, e.g. retries without a deadline into an unbounded queue",
				lim.MaxInFlight, e.Now())}
		}
		if e.Pending() > lim.MaxPending {
			return nil, &LimitError{Flag: "--max-pending", Msg: fmt.Sprintf(
				"more than %d events were waiting at once at %s of virtual time (--max-pending raises it): timers pile up faster than they fire, e.g. a detector probing every nanosecond",
				lim.MaxPending, e.Now())}
		}
		if e.Fired()%progressEvery == 0 {
			if opt.Progress != nil {
				opt.Progress(e.Now(), end)
			}
			if opt.Stop != nil && opt.Stop() {
				return nil, ErrStopped
			}
		}
	}
	if opt.Progress != nil {
		opt.Progress(end, end)
	}
	// Gauges hold their last value to the end of the run, not just to the
	// last event.
	series := m.env.Recorder.Finish(end)
	res := &Result{
		Series: series,
		Step:   s.Step,
		Spec:   s,
	}
	res.Series = append(res.Series, derivedSeries(m, series)...)
	res.Summary = Summary{
		Scenario:   s.Name,
		Seed:       s.Seed,
		Params:     paramValues(s),
		HorizonS:   s.Horizon.Seconds(),
		StepS:      s.Step.Seconds(),
		SimulatedS: e.Now().Seconds(),
		Events:     e.Fired(),
		Outcome:    measure(m, res.Series),
	}
	// The model is done with: its histograms' memory goes to the next run.
	m.env.Recorder.Release()
	res.Summary.Documented, res.Summary.Checks, err = check(s, res.Summary.Outcome)
	if err != nil {
		return nil, err
	}
	// The event log: the models' events, then what the run's outcome
	// says happened (alarms that never came, populations down and back,
	// operators' waits, the checks' verdicts), in time order.
	events := missingAlarms(guards, m.env.Recorder.Events())
	events = mergeEvents(events, populationEvents(m, indexSeries(res.Series)), waitEvents(events))
	res.Events = mergeEvents(events, checkEvents(s.Horizon, res.Summary.Documented, res.Summary.Checks))
	res.Summary.Timeline = timeline(s, res.Events)
	return res, nil
}

// drainEnd is the latest virtual time a run of s goes to.
func drainEnd(s *spec.Spec) sim.Time {
	var longest time.Duration
	for _, p := range s.Populations {
		if p.Deadline == spec.NoDeadline {
			return sim.Later(s.Horizon, s.Horizon)
		}
		longest = max(longest, p.Deadline)
	}
	return sim.Later(s.Horizon, longest)
}

func paramValues(s *spec.Spec) map[string]any {
	out := make(map[string]any, len(s.Params))
	for _, p := range s.Params {
		out[p.Name] = p.Value
	}
	return out
}

// derivedSeries computes series from the recorded ones: per population
// "availability" and "mean_latency_s", per service "utilisation" (busy
// over workers, both time means over the step; for a service with cores,
// busy cores over cores, and "thread_utilisation" busy over workers).
func derivedSeries(m *model, recorded []*sim.Series) []*sim.Series {
	idx := indexSeries(recorded)
	var out []*sim.Series
	for _, p := range m.populations {
		name := p.Name()
		ok, failed, lat := idx[key(name, models.MetricSucceeded)], idx[key(name, models.MetricFailed)], idx[key(name, models.MetricLatencySum)]
		avail := make([]float64, len(ok.Values))
		mean := make([]float64, len(ok.Values))
		for i := range avail {
			avail[i] = ratio(ok.Values[i], ok.Values[i]+failed.Values[i])
			mean[i] = ratio(lat.Values[i], ok.Values[i])
		}
		out = append(out,
			&sim.Series{Component: name, Metric: models.MetricAvailability, Kind: sim.TimeMean, Values: avail},
			&sim.Series{Component: name, Metric: models.MetricMeanLatency, Kind: sim.TimeMean, Values: mean})
	}
	for _, svc := range m.services {
		name := svc.Name()
		busy, workers := idx[key(name, models.MetricBusy)], idx[key(name, models.MetricWorkers)]
		util := make([]float64, len(busy.Values))
		for i, b := range busy.Values {
			util[i] = ratio(b, workers.Values[i])
		}
		if svc.Config().Cores > 0 {
			threads := &sim.Series{Component: name, Metric: models.MetricThreadUtilisation, Kind: sim.TimeMean, Values: util}
			cpu, cores := idx[key(name, models.MetricCPUBusy)], idx[key(name, models.MetricCores)]
			util = make([]float64, len(cpu.Values))
			for i, b := range cpu.Values {
				util[i] = ratio(b, cores.Values[i])
			}
			out = append(out, threads)
		}
		out = append(out, &sim.Series{Component: name, Metric: models.MetricUtilisation, Kind: sim.TimeMean, Values: util})
	}
	return out
}

// ratio is a/b, or NaN when b is 0 (no data).
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func key(component, metric string) string { return component + "\x00" + metric }

func indexSeries(series []*sim.Series) map[string]*sim.Series {
	idx := make(map[string]*sim.Series, len(series))
	for _, s := range series {
		idx[key(s.Component, s.Metric)] = s
	}
	return idx
}
