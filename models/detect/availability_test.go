package detect

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// outcomes are the cumulative counts a test feeds an alert (its Source).
type outcomes struct{ ok, failed int64 }

func (o *outcomes) Outcomes() (int64, int64) { return o.ok, o.failed }

// feed counts one outcome at each time from..to (exclusive) every step;
// fail(i) says whether the i-th fails.
func feed(env *models.Env, o *outcomes, from, to, step sim.Time, fail func(i int) bool) {
	i := 0
	for t := from; t < to; t += step {
		ok := !fail(i)
		at(env, t, func(sim.Time) {
			if ok {
				o.ok++
			} else {
				o.failed++
			}
		})
		i++
	}
}

func never(int) bool { return false }

// Outcomes counted in a source, evaluated every second over a 10 s window,
// threshold 90%, at least 20 requests. Five requests a second all succeed
// until 30 s, then every other one fails (3, 2, 3, ... failures per
// second). The window at 31 s holds 3 failures in 50 (94%), at 32 s 5
// (90%, not below), at 33 s 8 (84%): the alert fires at 33 s, and not
// earlier.
func TestAvailabilityAlertFiresBelowThreshold(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	alarms := &alarmList{}
	o := &outcomes{}
	a, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "avail-west", Source: o, Every: secs(1), Window: secs(10),
		Threshold: 0.9, MinRequests: 20, Response: Response{Alarms: alarms}})
	require.NoError(t, err)
	a.Start()
	feed(env, o, secs(0.1), secs(30), ms(200), never)
	feed(env, o, secs(30.1), secs(40), ms(200), func(i int) bool { return i%2 == 0 })
	env.Engine.RunUntil(secs(32))
	require.Empty(t, a.Detections())
	require.InDelta(t, 0.9, a.Availability(), 1e-12)
	env.Engine.RunUntil(secs(40))
	require.Equal(t, []Detection{{At: secs(33), Since: secs(33), Down: true}}, a.Detections())
	require.Equal(t, Alarm{At: secs(33), Source: "avail-west", Detector: "availability",
		Detail: "availability down (availability 84.00% < 90.00% over 10s, 50 requests, detection 0s)"}, alarms.got[0])
}

// The rule needs MinRequests in the window: requests failing one a second
// never fire it (10 in the window, fewer than 20); when three a second
// fail from 30 s, the window reaches 20 requests at 35 s, and it fires
// then.
func TestAvailabilityAlertNeedsMinRequests(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	o := &outcomes{}
	a, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Source: o, Every: secs(1), Window: secs(10),
		Threshold: 0.9, MinRequests: 20})
	require.NoError(t, err)
	a.Start()
	all := func(int) bool { return true }
	feed(env, o, secs(0.5), secs(30), secs(1), all)
	feed(env, o, secs(30.1), secs(45), ms(1000)/3, all)
	env.Engine.RunUntil(secs(34.5))
	require.Empty(t, a.Detections())
	require.True(t, math.IsNaN(a.Availability()), "no evaluation had enough requests")
	env.Engine.RunUntil(secs(45))
	require.Equal(t, []Detection{{At: secs(35), Since: secs(35), Down: true}}, a.Detections())
}

// With For = 5 s the alert fires at the fifth second of low availability
// (from 33 s to 38 s) and clears at the first evaluation that finds it back
// above the threshold.
func TestAvailabilityAlertForAndClear(t *testing.T) {
	env := newEnv(t, 1, secs(80))
	alarms := &alarmList{}
	o := &outcomes{}
	a, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Source: o, Every: secs(1), Window: secs(10),
		Threshold: 0.9, MinRequests: 20, For: secs(5), Response: Response{Alarms: alarms}})
	require.NoError(t, err)
	a.Start()
	feed(env, o, secs(0.1), secs(30), ms(200), never)
	feed(env, o, secs(30.1), secs(40), ms(200), func(i int) bool { return i%2 == 0 })
	feed(env, o, secs(40.1), secs(80), ms(200), never)
	env.Engine.Run()
	// From 40 s the window sheds one bad second per evaluation; at 47 s it
	// holds 40.1-47 (all ok) and 37.1-40 (8 failures of 15): 42/50 = 84%;
	// at 48 s, 5 failures: 90%, at the threshold, so it clears.
	require.Equal(t, []Detection{
		{At: secs(38), Since: secs(33), Down: true},
		{At: secs(48), Since: secs(48), Down: false},
	}, a.Detections())
	require.Len(t, alarms.got, 2)
	require.True(t, alarms.got[1].Clear)
}

// A population whose service is down from 60 to 120 s, watched by
// reading the population's totals (PopulationOutcomes): the alert fires
// and clears at the evaluations that see it: down at 70 s, up at 150 s
// (the first 30 s window after the service came back).
func TestAvailabilityFromPopulation(t *testing.T) {
	env := newEnv(t, 42, secs(300))
	svc, err := models.NewService(env, models.ServiceConfig{Name: "auth", Workers: 10, ServiceTime: deterministic(t, 0.01)})
	require.NoError(t, err)
	pop, err := models.NewPopulation(env, models.PopulationConfig{Name: "west", Users: 1000, Rate: 100, Deadline: time.Second}, svc)
	require.NoError(t, err)
	alert, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "scraped", Source: PopulationOutcomes(pop),
		Every: secs(10), Window: secs(30), Threshold: 0.95, MinRequests: 100})
	require.NoError(t, err)
	for i, action := range []models.FaultAction{models.FaultDown, models.FaultUp} {
		c, err := models.Fault{Target: svc, Action: action}.Change()
		require.NoError(t, err)
		c.At = secs(60 * float64(i+1))
		c.Schedule(env.Engine, env.Recorder)
	}
	pop.Start()
	alert.Start()
	env.Engine.Run()

	want := []Detection{{At: secs(70), Since: secs(70), Down: true}, {At: secs(150), Since: secs(150), Down: false}}
	require.Equal(t, want, alert.Detections())
	s := pop.Stats()
	require.Zero(t, s.Pending)
	require.Greater(t, s.Failed, int64(5000), "the outage failed about 6000 requests")
}
