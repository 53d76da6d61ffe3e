package detect

import (
	"testing"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A link that goes physically down at 10 s is declared down after the
// carrier-loss delay (50 ms): the alarm and the failover come at 10.05 s,
// with a detection time of 50 ms. It comes back up at 20 s and is declared
// up at 20.05 s, which runs the fail-back.
func TestLinkDownFiresOnPhysicalDownAfterDelay(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	l := notifyingLink{&link{up: true, forwards: true}}
	alarms := &alarmList{}
	acts := &actionLog{}
	cfg := LinkDownConfig{Name: "srv-port", Link: l, Delay: deterministic(t, 0.05),
		Response: Response{Alarms: alarms, Action: acts.action("failover to standby port"), Recover: acts.action("fail back")}}
	d, err := NewLinkDown(env, cfg)
	require.NoError(t, err)
	d.Start()
	at(env, secs(10), func(now sim.Time) { l.setUp(now, false) })
	at(env, secs(20), func(now sim.Time) { l.setUp(now, true) })
	env.Engine.Run()

	require.Equal(t, []Detection{
		{At: secs(10.05), Since: secs(10), Down: true},
		{At: secs(20.05), Since: secs(20), Down: false},
	}, d.Detections())
	require.Equal(t, ms(50), d.Detections()[0].Latency())
	require.Equal(t, []sim.Time{secs(10.05), secs(20.05)}, acts.at)
	require.Len(t, alarms.got, 2)
	require.Equal(t, Alarm{At: secs(10.05), Source: "srv-port", Detector: "link-down",
		Detail: "link-down down (link physically down, detection 50ms)"}, alarms.got[0])
	require.True(t, alarms.got[1].Clear)
	require.Equal(t, []string{"alarm", "action", "clear", "action"}, kinds(env))
	require.Equal(t, "failover to standby port: automatic, link-down srv-port fired (link physically down, detection 50ms)",
		entries(env)[1].Message)
	require.False(t, d.IsDown())
}

// A silent failure (forwarding stops, the port stays physically up) never
// fires link-down detection, polled or notified, however long it lasts:
// the 17 Dec 2022 failure mode.
func TestLinkDownNeverFiresOnSilentFailure(t *testing.T) {
	env := newEnv(t, 1, secs(3600))
	l := &link{up: true, forwards: true}
	acts := &actionLog{}
	d, err := NewLinkDown(env, LinkDownConfig{Name: "srv-port", Link: l, Poll: secs(1), Delay: deterministic(t, 0.1),
		Response: Response{Action: acts.action("failover")}})
	require.NoError(t, err)
	d.Start()
	at(env, secs(10), func(sim.Time) { l.forwards = false })
	env.Engine.Run()
	require.Empty(t, d.Detections())
	require.Empty(t, acts.at)
	require.Empty(t, entries(env))
	require.Equal(t, secs(3599), env.Engine.Now(), "polls stop before the horizon")
}

// Polling: a link that goes down at 10.3 s is seen at the poll at 11 s and
// declared after the delay, at 11.1 s, and its return at 20.5 s at 21.1 s.
// A flap shorter than the delay (down at 40.2 s, up at 40.25 s, both
// notified) is not declared at all.
func TestLinkDownPollsAndIgnoresShortFlaps(t *testing.T) {
	env := newEnv(t, 1, secs(60))
	l := &link{up: true, forwards: true}
	d, err := NewLinkDown(env, LinkDownConfig{Name: "p", Link: l, Poll: secs(1), Delay: deterministic(t, 0.1)})
	require.NoError(t, err)
	d.Start()
	at(env, secs(10.3), func(sim.Time) { l.up = false })
	at(env, secs(20.5), func(sim.Time) { l.up = true })
	// A flap that a notification catches but that is over before the delay.
	at(env, secs(40.2), func(now sim.Time) { l.up = false; d.Notify(now) })
	at(env, secs(40.25), func(now sim.Time) { l.up = true; d.Notify(now) })
	env.Engine.Run()
	require.Equal(t, []Detection{
		{At: secs(11.1), Since: secs(11), Down: true},
		{At: secs(21.1), Since: secs(21), Down: false},
	}, d.Detections())
	require.Equal(t, []string{"detect", "detect"}, kinds(env), "no sink, no action: logged as detections")
}

// A drawn carrier delay, uniform over 0 to 100 ms (the range of
// carrier-delay and debounce timers), stays in its range.
func TestLinkDownDrawnDelay(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		env := newEnv(t, seed, secs(10))
		l := notifyingLink{&link{up: true}}
		d, err := NewLinkDown(env, LinkDownConfig{Name: "p", Link: l, Delay: carrierDelay(t)})
		require.NoError(t, err)
		at(env, secs(1), func(now sim.Time) { l.setUp(now, false) })
		env.Engine.Run()
		require.Len(t, d.Detections(), 1)
		lat := d.Detections()[0].Latency()
		require.True(t, lat >= 0 && lat < ms(100), "seed %d: %v", seed, lat)
	}
}

// A fixed delay (a scenario's delay) fires exactly that long after the
// carrier is lost; the declared default fires at once.
func TestLinkDownFixedDelay(t *testing.T) {
	for _, delay := range []sim.Time{0, ms(250)} {
		env := newEnv(t, 1, secs(10))
		l := notifyingLink{&link{up: true}}
		cfg := knob.Defaults[LinkDownConfig]()
		cfg.Name, cfg.Link, cfg.FixedDelay = "p", l, delay
		d, err := NewLinkDown(env, cfg)
		require.NoError(t, err)
		at(env, secs(1), func(now sim.Time) { l.setUp(now, false) })
		env.Engine.Run()
		require.Len(t, d.Detections(), 1)
		require.Equal(t, delay, d.Detections()[0].Latency())
	}
}
