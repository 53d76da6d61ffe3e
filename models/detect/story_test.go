package detect

import (
	"testing"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// The 17 Dec 2022 failure in miniature: at 10 s the switch stops
// forwarding while its server-facing port stays physically up. The
// server's link-down failover never fires; a BFD session over the same
// port (50 ms x 3, its packets sent as requests through a TargetProber)
// fails over 150 ms after the last packet got through; a health check of
// the server from the balancer, which does not cross the broken part,
// stays green.
func TestGrayFailureOnlyForwardingDetectorsSee(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	port := notifyingLink{&link{up: true, forwards: true}}
	path := &target{name: "port-e", env: env, behave: func(sim.Time) answer {
		if port.up && port.forwards {
			return answer{o: models.OK}
		}
		return answer{o: models.Unavailable}
	}}
	server := &target{name: "auth-1", env: env, behave: func(sim.Time) answer { return answer{o: models.OK} }}
	failovers := &actionLog{}

	ld, err := NewLinkDown(env, LinkDownConfig{Name: "auth-1/link", Link: port, Delay: deterministic(t, 0.05),
		Response: Response{Action: failovers.action("failover to port F")}})
	require.NoError(t, err)
	prober, err := NewTargetProber(path, ms(50))
	require.NoError(t, err)
	bfd, err := NewBFD(env, BFDConfig{Name: "auth-1/bfd", Prober: prober, Interval: ms(50), Multiplier: 3,
		Response: Response{Action: failovers.action("failover to port F")}})
	require.NoError(t, err)
	hc, err := NewHealthCheck(env, DefaultHealthCheck("lb/auth-1", server))
	require.NoError(t, err)
	ld.Start()
	bfd.Start()
	hc.Start()
	at(env, secs(10.01), func(sim.Time) { port.forwards = false })
	env.Engine.Run()

	require.Empty(t, ld.Detections(), "link-down never sees a gray failure")
	require.Empty(t, hc.Detections(), "the server itself is fine")
	require.Equal(t, []Detection{{At: secs(10.15), Since: secs(10), Down: true}}, bfd.Detections())
	require.Equal(t, []sim.Time{secs(10.15)}, failovers.at)
	ev := entries(env)
	require.Len(t, ev, 1)
	require.Equal(t, sim.LogEntry{At: secs(10.15), Subject: "auth-1/bfd", By: "auth-1/bfd", Kind: sim.EventAction,
		Message: "failover to port F: automatic, bfd auth-1/bfd fired (no packet for 3 x 50ms, detection 150ms)"}, ev[0])
}

// Constructors refuse what cannot work, naming the detector.
func TestDetectorValidation(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	l := &link{up: true}
	p := ProberFunc(func(sim.Time, func(sim.Time)) {})
	tg := &target{name: "t", env: env}
	none := OutcomeCounterFunc(func() (int64, int64) { return 0, 0 })
	cases := []struct {
		name string
		make func() error
		want string
	}{
		{"link-down without name", func() error { _, err := NewLinkDown(env, LinkDownConfig{Link: l}); return err }, "no name"},
		{"link-down without link", func() error { _, err := NewLinkDown(env, LinkDownConfig{Name: "x"}); return err }, `link-down "x": no link`},
		{"link-down negative poll", func() error { _, err := NewLinkDown(env, LinkDownConfig{Name: "x", Link: l, Poll: -1}); return err }, "poll"},
		{"incomplete env", func() error { _, err := NewLinkDown(&models.Env{}, LinkDownConfig{Name: "x", Link: l}); return err }, "incomplete environment"},
		{"bfd zero interval", func() error { _, err := NewBFD(env, BFDConfig{Name: "b", Prober: p, Multiplier: 3}); return err }, "interval must be positive"},
		{"bfd zero multiplier", func() error { _, err := NewBFD(env, BFDConfig{Name: "b", Prober: p, Interval: 1}); return err }, "multiplier"},
		{"bfd multiplier beyond a byte", func() error {
			_, err := NewBFD(env, BFDConfig{Name: "b", Prober: p, Interval: 1, Multiplier: 256})
			return err
		}, "multiplier: expected an integer from 1 to 255, got 256"},
		{"link-down negative delay", func() error {
			_, err := NewLinkDown(env, LinkDownConfig{Name: "l", Link: &link{up: true}, FixedDelay: -1})
			return err
		}, "delay: expected a duration >= 0"},
		{"link-down two delays", func() error {
			one, err := sim.NewDeterministic(1)
			require.NoError(t, err)
			_, err = NewLinkDown(env, LinkDownConfig{Name: "l", Link: &link{up: true}, FixedDelay: 1, Delay: one})
			return err
		}, "both given"},
		{"bfd jitter 1", func() error {
			_, err := NewBFD(env, BFDConfig{Name: "b", Prober: p, Interval: 1, Multiplier: 1, Jitter: 1})
			return err
		}, "jitter"},
		{"bfd no prober", func() error { _, err := NewBFD(env, BFDConfig{Name: "b", Interval: 1, Multiplier: 1}); return err }, "no prober"},
		{"lacp unknown rate", func() error { _, err := NewLACP(env, LACPConfig{Name: "l", Prober: p, Rate: 7}); return err }, "unknown rate"},
		{"health check no target", func() error { _, err := NewHealthCheck(env, HealthCheckConfig{Name: "h"}); return err }, "no target"},
		{"health check zero threshold", func() error {
			_, err := NewHealthCheck(env, HealthCheckConfig{Name: "h", Target: tg, Interval: 1, Timeout: 1, HealthyThreshold: 1})
			return err
		}, "failures to trip"},
		{"e2e window below failures", func() error {
			_, err := NewE2EProbe(env, E2EProbeConfig{Name: "e", Target: tg, Interval: 1, Timeout: 1, Failures: 3, Window: 2, Recover: 1})
			return err
		}, "failures to trip <= window"},
		{"availability window not a multiple", func() error {
			_, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Source: none, Every: secs(2), Window: secs(5), Threshold: 0.9, MinRequests: 1})
			return err
		}, "whole multiple"},
		{"availability threshold 0", func() error {
			_, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Source: none, Every: 1, Window: 1, MinRequests: 1})
			return err
		}, "threshold"},
		{"availability min requests 0", func() error {
			_, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Source: none, Every: 1, Window: 1, Threshold: 1})
			return err
		}, "min_requests: expected a positive integer, got 0"},
		{"availability without source", func() error {
			_, err := NewAvailabilityAlert(env, AvailabilityConfig{Name: "a", Every: 1, Window: 1, Threshold: 1, MinRequests: 1})
			return err
		}, "no source"},
		{"path prober without path", func() error { _, err := NewPathProber(env.Engine, nil); return err }, "path"},
		{"target prober negative timeout", func() error { _, err := NewTargetProber(tg, -1); return err }, "timeout"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.make()
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}
