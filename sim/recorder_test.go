package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCounterAndGaugeSeries(t *testing.T) {
	r, err := NewRecorder(10*time.Second, 35*time.Second)
	require.NoError(t, err)
	require.Equal(t, 4, r.Steps())
	c := r.Counter("svc", "arrivals", Sum)
	rate := r.Counter("svc", "arrivals_per_s", PerSecond)
	g := r.Gauge("svc", "busy")
	for _, at := range []Time{0, 5 * time.Second, 12 * time.Second, 39 * time.Second, 50 * time.Second} {
		c.Inc(at)
		rate.Inc(at)
	}
	g.Set(5*time.Second, 2)  // 2 from 5 s
	g.Set(15*time.Second, 1) // 1 from 15 s
	g.Add(25*time.Second, 3) // 4 from 25 s
	series := r.Finish(40 * time.Second)
	require.Len(t, series, 3)
	require.Equal(t, []float64{2, 1, 0, 1}, series[0].Values)
	require.Equal(t, 5.0, c.Total(), "total includes amounts after the horizon")
	require.InDeltaSlice(t, []float64{0.2, 0.1, 0, 0.2}, series[1].Values, 1e-12, "the last step is 5 s long")
	// busy: step0 = 2*5/10 = 1; step1 = (2*5+1*5)/10 = 1.5; step2 = (1*5+4*5)/10 = 2.5;
	// step3 (cut to 5 s by the horizon) = 4
	require.InDeltaSlice(t, []float64{1, 1.5, 2.5, 4}, series[2].Values, 1e-12)
	require.InDelta(t, 2*10+1*10+4*15, g.Integral(), 1e-9)
}

func TestRecorderRejectsBadSteps(t *testing.T) {
	_, err := NewRecorder(0, time.Hour)
	require.Error(t, err)
	_, err = NewRecorder(time.Nanosecond, time.Hour)
	require.ErrorContains(t, err, "too many")
}

func TestHistogramQuantiles(t *testing.T) {
	h := NewHistogram()
	for i := 1; i <= 1000; i++ {
		h.Record(Time(i) * time.Millisecond)
	}
	require.Equal(t, int64(1000), h.Count())
	require.InDelta(t, 0.5005, h.Mean(), 1e-9)
	require.Equal(t, time.Second, h.Max())
	require.InDelta(t, 500*time.Millisecond, h.Quantile(0.5), float64(time.Millisecond))
	require.InDelta(t, 990*time.Millisecond, h.Quantile(0.99), float64(time.Millisecond))
	h.Record(100 * 24 * time.Hour)
	require.Equal(t, int64(1), h.Clamped())
	require.Equal(t, 100*24*time.Hour, h.Max())
}

func TestEventLogKeepsOrder(t *testing.T) {
	r, err := NewRecorder(time.Second, time.Minute)
	require.NoError(t, err)
	r.Log(5, "svc", "fault", "down")
	r.Log(3, "svc", "fault", "up")
	require.Equal(t, []LogEntry{{At: 5, Subject: "svc", Kind: EventFault, Message: "down"}, {At: 3, Subject: "svc", Kind: EventFault, Message: "up"}}, r.Events())
}

func TestRecorderDropsASliverOfAStep(t *testing.T) {
	r, err := NewRecorder(10*time.Second, 30*time.Second+time.Millisecond)
	require.NoError(t, err)
	require.Equal(t, 3, r.Steps(), "1 ms of a 10 s step is a rounding sliver")
	require.Equal(t, 30*time.Second, r.Horizon())
	r, err = NewRecorder(10*time.Second, 30*time.Second+20*time.Millisecond)
	require.NoError(t, err)
	require.Equal(t, 4, r.Steps())
	require.Equal(t, 20*time.Millisecond, r.StepLength(3))
}

// A gauge holds its value to the horizon even if the run's last event, and
// the end Finish is given, came earlier: every step's mean is the value,
// the last one too.
func TestGaugeHoldsItsValueToTheHorizon(t *testing.T) {
	r, err := NewRecorder(10*time.Second, 40*time.Second)
	require.NoError(t, err)
	g := r.Gauge("site", "powered_share")
	g.Set(0, 1)
	series := r.Finish(12 * time.Second)
	require.Equal(t, []float64{1, 1, 1, 1}, series[0].Values)
	require.InDelta(t, 40, g.Integral(), 1e-9)
}
