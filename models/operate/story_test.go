package operate

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// port is a server's port toward the plane-E switch: physically up or
// not, forwarding or not.
type port struct{ up, forwards bool }

func (p *port) PhysicalUp() bool                { return p.up }
func (p *port) Carry(sim.Time) (sim.Time, bool) { return 0, p.up && p.forwards }

// grayFailureOutage runs the 17 Dec failure with the servers watching
// their port with the given detector ("link-down" or "bfd"), an
// availability alert and an operator who detours by hand, and returns how
// long users' requests failed and the event log's kinds.
func grayFailureOutage(t *testing.T, detection string) (sim.Time, []string) {
	env := newEnv(t, 1, 8*time.Hour)
	p := &port{up: true, forwards: true}
	breaks := secs(60)
	fixedAt := sim.Time(-1)
	fix := func(now sim.Time) {
		if fixedAt < 0 {
			fixedAt = now
		}
	}
	// 100 requests a second; those between the break and the fix fail.
	outcomes := detect.OutcomeCounterFunc(func() (int64, int64) {
		now := env.Engine.Now()
		end := now
		if fixedAt >= 0 && fixedAt < end {
			end = fixedAt
		}
		failed := int64(0)
		if end > breaks {
			failed = int64((end - breaks).Seconds() * 100)
		}
		return int64(now.Seconds()*100) - failed, failed
	})
	noc := newOperator(t, env, Config{Name: "noc", Triggers: []string{"avail-west"}, Cause: []string{"srv/port"}, MissingAlarm: 3,
		Resolved: func(sim.Time) bool { return fixedAt >= 0 },
		Plan: []Step{
			{Name: "notice", Kind: Notice, Delay: fixed(t, 600)},
			{Name: "diagnose", Kind: Diagnose, Delay: fixed(t, 3600)},
			{Name: "manual detour", Kind: Act, Delay: fixed(t, 2700), Do: func(now sim.Time) error { fix(now); return nil }},
		}})
	alert, err := detect.NewAvailabilityAlert(env, detect.AvailabilityConfig{Name: "avail-west", Source: outcomes,
		Every: time.Minute, Window: 5 * time.Minute, Threshold: 0.99, MinRequests: 100,
		Response: detect.Response{Alarms: noc}})
	require.NoError(t, err)
	alert.Start()
	failover := detect.Response{Alarms: noc, Action: detect.Action{Name: "failover to standby port", Do: fix}}
	switch detection {
	case "link-down":
		cfg := detect.DefaultLinkDown("srv/port", p)
		cfg.Poll = time.Second
		cfg.Response = failover
		d, err := detect.NewLinkDown(env, cfg)
		require.NoError(t, err)
		d.Start()
	case "bfd":
		pp, err := detect.NewPathProber(env.Engine, p)
		require.NoError(t, err)
		cfg := detect.DefaultBFD("srv/port", pp)
		cfg.Response = failover
		d, err := detect.NewBFD(env, cfg)
		require.NoError(t, err)
		d.Start()
	}
	env.Engine.At(breaks, sim.HandlerFunc(func(sim.Time, any) { p.forwards = false }), nil)
	env.Engine.Run()
	require.GreaterOrEqual(t, fixedAt, breaks)
	var kinds []string
	for _, e := range env.Recorder.Events() {
		kinds = append(kinds, e.Subject+" "+string(e.Kind))
	}
	return fixedAt - breaks, kinds
}

// With link-down detection the failure is invisible: the availability
// alert fires, the operator diagnoses three times slower without the
// port's alarm, and users wait for the manual detour: 1 min to the alert,
// 10 min to notice, 3 h to diagnose, 45 min to detour, 3 h 56 min in all.
// With BFD (the default 50 ms x 3) the servers fail over within 150 ms, the
// availability alert never fires, and nobody is called.
func TestDetectionDecidesTheOutage(t *testing.T) {
	linkDown, kinds := grayFailureOutage(t, "link-down")
	require.Equal(t, secs(60+600+3*3600+2700), linkDown)
	require.Equal(t, []string{"avail-west alarm", "noc operator", "noc notice", "noc diagnosis", "noc action", "avail-west clear"}, kinds)

	bfd, kinds := grayFailureOutage(t, "bfd")
	require.True(t, bfd >= 100*time.Millisecond && bfd <= 150*time.Millisecond, "bfd outage %v", bfd)
	require.Equal(t, []string{"srv/port alarm", "srv/port action"}, kinds)
}
