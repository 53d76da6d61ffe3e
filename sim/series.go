package sim

// SeriesKind says how a series turns what was recorded into one value per
// step.
type SeriesKind uint8

const (
	// Sum is the total added during the step.
	Sum SeriesKind = iota
	// PerSecond is the total added during the step divided by the step
	// length in seconds: a rate.
	PerSecond
	// TimeMean is the time-weighted mean of a gauge over the step.
	TimeMean
)

// String names the kind.
func (k SeriesKind) String() string {
	switch k {
	case Sum:
		return "sum"
	case PerSecond:
		return "per_second"
	case TimeMean:
		return "time_mean"
	}
	return "unknown"
}

// Series is one recorded metric of one component over fixed time steps.
type Series struct {
	Component string
	Metric    string
	Kind      SeriesKind
	// Values holds one value per step; step i covers [i*step, (i+1)*step).
	Values []float64
}

// Counter accumulates amounts into the step of the time given. Amounts at
// or after the recorder's horizon count in Total but in no step.
type Counter struct {
	bins   []float64 // allocated at the first amount in a step, or by Finish
	steps  int
	step   Time
	total  float64
	lo, hi Time // the step last added to covers [lo, hi)
	cur    int
}

// Add adds v to the step containing t.
func (c *Counter) Add(t Time, v float64) {
	c.total += v
	if t >= c.lo && t < c.hi {
		c.bins[c.cur] += v
		return
	}
	if i := int(t / c.step); t >= 0 && i < c.steps {
		if c.bins == nil {
			c.bins = make([]float64, c.steps)
		}
		c.cur, c.lo, c.hi = i, Time(i)*c.step, Time(i+1)*c.step
		c.bins[i] += v
	}
}

// Inc adds 1 to the step containing t.
func (c *Counter) Inc(t Time) { c.Add(t, 1) }

// Total returns everything added, inside the horizon or not.
func (c *Counter) Total() float64 { return c.total }

// Gauge is a value that holds between changes; each step records the
// time-weighted mean of the value over the step. Times given to Set must not
// decrease.
type Gauge struct {
	bins     []float64 // integral of value over time, in value x nanoseconds; allocated when first needed
	steps    int
	step     Time
	value    float64
	since    Time
	integral float64 // over the whole run, in value x seconds
	stepEnd  Time    // end of the step containing since
	cur      int     // index of the step containing since
	limit    Time    // the horizon: time after it is in no step
}

// Set changes the value at time t.
func (g *Gauge) Set(t Time, v float64) {
	g.advance(t)
	g.value = v
}

// Add changes the value by delta at time t.
func (g *Gauge) Add(t Time, delta float64) {
	g.advance(t)
	g.value += delta
}

// Value returns the current value.
func (g *Gauge) Value() float64 { return g.value }

// Integral returns the integral of the value over time up to the last
// change or flush, in value x seconds.
func (g *Gauge) Integral() float64 { return g.integral }

// advance integrates the current value from g.since to t.
func (g *Gauge) advance(t Time) {
	if t <= g.since {
		return
	}
	if t <= g.stepEnd && g.cur < len(g.bins) {
		// Fast path: still inside the step of the last change.
		if g.value != 0 {
			d := t - g.since
			g.integral += g.value * d.Seconds()
			g.bins[g.cur] += g.value * float64(d)
		}
		g.since = t
		return
	}
	if g.value != 0 {
		g.integral += g.value * (t - g.since).Seconds()
		from, to := g.since, min(t, g.limit)
		if g.bins == nil && from < to {
			g.bins = make([]float64, g.steps)
		}
		for from < to {
			i := int(from / g.step)
			stepEnd := Time(i+1) * g.step
			if stepEnd > to {
				stepEnd = to
			}
			g.bins[i] += g.value * float64(stepEnd-from)
			from = stepEnd
		}
	}
	g.since = t
	g.cur = int(t / g.step)
	g.stepEnd = min(Time(g.cur+1)*g.step, g.limit)
}
