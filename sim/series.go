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
	bins  []float64
	step  Time
	total float64
}

// Add adds v to the step containing t.
func (c *Counter) Add(t Time, v float64) {
	c.total += v
	if i := int(t / c.step); t >= 0 && i < len(c.bins) {
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
	bins     []float64 // integral of value over time, in value x nanoseconds
	step     Time
	value    float64
	since    Time
	integral float64 // over the whole run, in value x seconds
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
	if g.value != 0 {
		g.integral += g.value * (t - g.since).Seconds()
		end := Time(len(g.bins)) * g.step
		from, to := g.since, t
		if to > end {
			to = end
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
}
