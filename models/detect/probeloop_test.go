package detect

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A health check every 10 s (timeout 2 s, unhealthy after 3, healthy
// after 2) of a target that stops answering at 25 s: the probes at 30, 40
// and 50 s time out at 32, 42 and 52 s, and the target is marked unhealthy
// at 52 s, not at 42 s; the detection time counts from the first failed
// probe (30 s). The target answers again from 61 s (in 100 ms): the
// probes at 70 and 80 s succeed and it is healthy again at 80.1 s.
func TestHealthCheckTripsAfterExactlyThresholdFailures(t *testing.T) {
	env := newEnv(t, 1, secs(100))
	tg := &target{name: "auth-1", env: env, behave: func(now sim.Time) answer {
		if now >= secs(25) && now < secs(61) {
			return answer{never: true}
		}
		return answer{after: ms(100), o: models.OK}
	}}
	alarms := &alarmList{}
	acts := &actionLog{}
	h, err := NewHealthCheck(env, HealthCheckConfig{Name: "lb/auth-1", Target: tg, Interval: secs(10), Timeout: secs(2),
		UnhealthyThreshold: 3, HealthyThreshold: 2,
		Response: Response{Alarms: alarms, Action: acts.action("remove from pool"), Recover: acts.action("return to pool")}})
	require.NoError(t, err)
	h.Start()
	env.Engine.Run()
	require.Equal(t, []Detection{
		{At: secs(52), Since: secs(30), Down: true},
		{At: secs(80.1), Since: secs(70), Down: false},
	}, h.Detections())
	require.Equal(t, []sim.Time{secs(52), secs(80.1)}, acts.at)
	require.Equal(t, "health-check down (3 probes in a row failed, detection 22s)", alarms.got[0].Detail)
	sent, ok := h.Probes()
	require.Equal(t, int64(10), sent) // at 0, 10, ..., 90 s
	require.Equal(t, int64(6), ok)
}

// Failures that are not in a row do not trip a health check: a target
// that fails every other probe is never marked unhealthy with a threshold
// of 2, while an end-to-end probe tripping on 3 of the last 5 catches it
// at the fifth probe. An error answer counts at once, without waiting for
// the timeout.
func TestPartialFailureTripsE2EProbeNotHealthCheck(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	// everyOther returns a target that fails probes 1, 3, 5... at once and
	// answers the others OK in 10 ms; each detector gets its own.
	everyOther := func() *target {
		n := 0
		return &target{name: "path-e", env: env, behave: func(sim.Time) answer {
			n++
			if n%2 == 1 {
				return answer{o: models.Unavailable}
			}
			return answer{after: ms(10), o: models.OK}
		}}
	}
	hcTarget, e2eTarget := everyOther(), everyOther()
	h, err := NewHealthCheck(env, HealthCheckConfig{Name: "hc", Target: hcTarget, Interval: secs(1), Timeout: secs(1),
		UnhealthyThreshold: 2, HealthyThreshold: 2})
	require.NoError(t, err)
	p, err := NewE2EProbe(env, DefaultE2EProbe("e2e", e2eTarget))
	require.NoError(t, err)
	h.Start()
	p.Start()
	env.Engine.Run()
	require.Empty(t, h.Detections())
	// Probes at 0 (fail), 1 (ok), 2 (fail), 3 (ok), 4 (fail): 3 of 5.
	require.Equal(t, []Detection{{At: secs(4), Since: secs(0), Down: true}}, p.Detections())
	require.Equal(t, "e2e-probe down (3 of the last 5 probes failed, detection 4s)", entries(env)[0].Message)
}

// DefaultE2EProbe detects a path that loses everything within Panorama's
// 7 s, whatever the phase of the failure against the probes.
func TestE2EProbeDetectsBlackholeWithinSeconds(t *testing.T) {
	for _, breaks := range []float64{10, 10.001, 10.5, 10.999} {
		env := newEnv(t, 1, secs(60))
		tg := &target{name: "full-path", env: env, behave: func(now sim.Time) answer {
			if now >= secs(breaks) {
				return answer{after: 5 * time.Second, o: models.TimedOut}
			}
			return answer{after: ms(20), o: models.OK}
		}}
		p, err := NewE2EProbe(env, DefaultE2EProbe("e2e", tg))
		require.NoError(t, err)
		p.Start()
		env.Engine.Run()
		require.Len(t, p.Detections(), 1, "breaks at %v", breaks)
		after := p.Detections()[0].At - secs(breaks)
		require.True(t, after >= 3*time.Second && after <= 4*time.Second, "breaks at %v: detected %v later", breaks, after)
	}
}

// A late answer after a timeout is ignored: the probe counted as failed at
// its timeout, and a health check with threshold 1 trips then.
func TestProbeTimeoutThenLateAnswer(t *testing.T) {
	env := newEnv(t, 1, secs(5))
	tg := &target{name: "slow", env: env, behave: func(sim.Time) answer { return answer{after: secs(3), o: models.OK} }}
	h, err := NewHealthCheck(env, HealthCheckConfig{Name: "hc", Target: tg, Interval: secs(10), Timeout: secs(2),
		UnhealthyThreshold: 1, HealthyThreshold: 1})
	require.NoError(t, err)
	h.Start()
	env.Engine.Run()
	require.Equal(t, []Detection{{At: secs(2), Since: 0, Down: true}}, h.Detections())
	_, ok := h.Probes()
	require.Zero(t, ok)
}

// DefaultHealthCheck (30 s, 5 s, 3 failures) marks a dead target unhealthy
// 65 to 95 s after it dies: the "about 60-90 s" practitioners quote for 2-3
// failures.
func TestDefaultHealthCheckTiming(t *testing.T) {
	for _, dies := range []float64{100, 100.001, 115, 119.999} {
		env := newEnv(t, 1, secs(300))
		tg := &target{name: "srv", env: env, behave: func(now sim.Time) answer {
			if now >= secs(dies) {
				return answer{o: models.Unavailable, after: secs(30)}
			}
			return answer{o: models.OK}
		}}
		h, err := NewHealthCheck(env, DefaultHealthCheck("lb/srv", tg))
		require.NoError(t, err)
		h.Start()
		env.Engine.Run()
		after := h.Detections()[0].At - secs(dies)
		require.True(t, after >= 65*time.Second && after <= 95*time.Second, "dies at %v: %v", dies, after)
	}
}
