package sim

import "fmt"

// Recorder collects a run's measurements: counters and gauges into series of
// fixed time steps, latency histograms and an event log. Series are kept in
// the order they were created, so output is deterministic.
type Recorder struct {
	step    Time
	horizon Time
	steps   int
	series  []*Series
	sources []any // *Counter or *Gauge, parallel to series
	hists   []*NamedHistogram
	log     EventLog

	finished bool // Finish has turned the bins into series
}

// NamedHistogram is a histogram that belongs to a component.
type NamedHistogram struct {
	Component string
	Metric    string
	*Histogram
}

// NewRecorder returns a recorder with steps of length step covering
// [0, horizon); a last step cut short by the horizon is kept if it is at
// least 0.1% of a step. step and horizon must be positive.
func NewRecorder(step, horizon Time) (*Recorder, error) {
	if step <= 0 || horizon <= 0 {
		return nil, fmt.Errorf("recorder: step and horizon must be positive, got %v and %v", step, horizon)
	}
	n := horizon / step
	if rem := horizon % step; rem*1000 >= step {
		n++ // a last, shorter step
	} else {
		// A sliver under 0.1% of a step (from rounding, e.g. a horizon of
		// customers/lambda seconds cut in 500 steps) gets no step of its
		// own: its rates would rest on nanoseconds.
		horizon = n * step
	}
	if n > 50_000_000 {
		return nil, fmt.Errorf("recorder: %d steps of %v is too many (limit 50,000,000)", n, step)
	}
	return &Recorder{step: step, horizon: horizon, steps: int(n)}, nil
}

// Horizon returns the end of the last step.
func (r *Recorder) Horizon() Time { return r.horizon }

// Step returns the length of a step.
func (r *Recorder) Step() Time { return r.step }

// Steps returns the number of steps.
func (r *Recorder) Steps() int { return r.steps }

// StepLength returns the length of step i: the step, except for a last step
// cut short by the horizon.
func (r *Recorder) StepLength(i int) Time {
	if i == r.steps-1 {
		return r.horizon - Time(i)*r.step
	}
	return r.step
}

// Counter creates a counter series; kind is Sum or PerSecond.
func (r *Recorder) Counter(component, metric string, kind SeriesKind) *Counter {
	if kind == TimeMean {
		panic("sim: a counter cannot be a TimeMean series")
	}
	c := &Counter{steps: r.steps, step: r.step}
	r.add(&Series{Component: component, Metric: metric, Kind: kind}, c)
	return c
}

// Gauge creates a gauge series, recorded as its time-weighted mean per step.
func (r *Recorder) Gauge(component, metric string) *Gauge {
	g := &Gauge{steps: r.steps, step: r.step, limit: r.horizon}
	r.add(&Series{Component: component, Metric: metric, Kind: TimeMean}, g)
	return g
}

func (r *Recorder) add(s *Series, src any) {
	r.series = append(r.series, s)
	r.sources = append(r.sources, src)
}

// Histogram creates a latency histogram.
func (r *Recorder) Histogram(component, metric string) *Histogram {
	h := NewHistogram()
	r.hists = append(r.hists, &NamedHistogram{Component: component, Metric: metric, Histogram: h})
	return h
}

// Log appends an event of kind about subject to the log, with a message
// for people.
func (r *Recorder) Log(at Time, subject string, kind EventKind, message string) {
	r.log.Add(LogEntry{At: at, Subject: subject, Kind: kind, Message: message})
}

// Event appends an entry to the event log: for events with a By or a
// span.
func (r *Recorder) Event(e LogEntry) {
	r.log.Add(e)
}

// Events returns the event log.
func (r *Recorder) Events() []LogEntry { return r.log.Entries() }

// Release gives the memory of every histogram back for reuse, once the
// run's figures have been read; the histograms must not be used after it.
func (r *Recorder) Release() {
	for _, h := range r.hists {
		h.Release()
	}
}

// SeriesCount is the number of series created so far; each will hold
// Steps values once the run is over (their memory is taken as values are
// recorded, so building a model costs little whatever its size).
func (r *Recorder) SeriesCount() int { return len(r.series) }

// Histograms returns the histograms in creation order.
func (r *Recorder) Histograms() []*NamedHistogram { return r.hists }

// Finish integrates every gauge up to end, and at least to the horizon (a
// gauge holds its value until it changes, whenever the last event came),
// and returns the series, one value per step. Rates and time means of a
// last step cut short by the horizon are over its real length. The series
// take over the counters' and gauges' memory: call Finish when the run is
// over (a second call returns the same series).
func (r *Recorder) Finish(end Time) []*Series {
	if r.finished {
		return r.series
	}
	r.finished = true
	// The series take over the counters' and gauges' bins, which are not
	// written after the run.
	for i, s := range r.series {
		var vals []float64
		switch src := r.sources[i].(type) {
		case *Counter:
			if src.bins == nil {
				src.bins = make([]float64, r.steps)
			}
			vals = src.bins
			if s.Kind == PerSecond {
				for j := range vals {
					vals[j] /= r.StepLength(j).Seconds()
				}
			}
		case *Gauge:
			src.advance(max(end, r.horizon))
			if src.bins == nil {
				src.bins = make([]float64, r.steps)
			}
			vals = src.bins
			for j := range vals {
				vals[j] /= float64(r.StepLength(j))
			}
		}
		s.Values = vals
	}
	return r.series
}
