package power

import (
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// mustService builds a hosted service or fails the test.
func mustService(t *testing.T, env *models.Env, cfg ServiceConfig) *HostedService {
	t.Helper()
	return mustServiceTB(t, env, cfg)
}

// mustServiceTB is mustService for tests and benchmarks.
func mustServiceTB(tb testing.TB, env *models.Env, cfg ServiceConfig) *HostedService {
	tb.Helper()
	s, err := NewHostedService(env, cfg)
	require.NoError(tb, err)
	return s
}

// darkAt builds a one-room site of n hosts without batteries whose power
// goes at cut and returns at back (0: never).
func darkAt(t *testing.T, env *models.Env, name string, n int, cut, back sim.Time) *Site {
	cfg := oneRoom(n, 0, nil)
	cfg.Name = name
	s := mustSite(t, env, cfg)
	at(env, cut, s.LoseUtility)
	if back > 0 {
		at(env, back, s.RestoreUtility)
	}
	return s
}

// A service with a threshold of 50% goes down when 3 of its 4 hosts stop,
// and its target follows.
func TestHostedServiceThreshold(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	site := mustSite(t, env, SiteConfig{
		Name: "dc",
		UPS: []UPSConfig{
			{Name: "u1", Feeds: []string{"r1"}},
			{Name: "u2", BatteryRoom: "r2", Feeds: []string{"r2"}},
			{Name: "u3", BatteryRoom: "r3", Feeds: []string{"r3"}},
		},
		Rooms: []RoomConfig{{Name: "r1", Hosts: 1}, {Name: "r2", Hosts: 1}, {Name: "r3", Hosts: 2}},
	})
	tgt := &switchable{name: "api"}
	svc := mustService(t, env, ServiceConfig{Name: "api", Hosts: site.Hosts(), Threshold: 0.5, Component: tgt})
	at(env, time.Minute, func(now sim.Time) { require.NoError(t, site.Burn(now, "r2")) })
	at(env, 2*time.Minute, func(now sim.Time) { require.NoError(t, site.Burn(now, "r3")) })
	env.Engine.RunUntil(time.Minute)
	require.True(t, svc.Usable())
	require.Equal(t, 0.75, svc.RunningShare())
	env.Engine.RunUntil(time.Hour)
	require.False(t, svc.Usable())
	require.Equal(t, []string{"down@2m0s"}, tgt.calls)
}

// Each DR mode brings the service up elsewhere after its recovery time;
// none waits for the primary.
func TestDRModesRecoveryTimes(t *testing.T) {
	for _, tc := range []struct {
		mode DRMode
		rec  sim.Time
	}{
		{DRActiveActive, 30 * time.Second},
		{DRWarmStandby, 15 * time.Minute},
		{DRPilotLight, time.Hour},
		{DRBackupRestore, 6 * time.Hour},
	} {
		t.Run(tc.mode.String(), func(t *testing.T) {
			env := newEnv(t, 24*time.Hour, 1)
			site := darkAt(t, env, "dc", 2, time.Hour, 0)
			tgt := &switchable{name: "svc"}
			svc := mustService(t, env, ServiceConfig{Name: "svc", Hosts: site.Hosts(), Component: tgt,
				DR: DRConfig{Mode: tc.mode, Recovery: fixed(t, tc.rec)}})
			env.Engine.RunUntil(24 * time.Hour)
			require.True(t, svc.FailedOver())
			require.True(t, svc.Usable())
			require.False(t, svc.PrimaryUp())
			require.Equal(t, []string{"down@1h0m0s", "up@" + (time.Hour + tc.rec).String()}, tgt.calls)
		})
	}
	env := newEnv(t, 24*time.Hour, 1)
	site := darkAt(t, env, "dc", 2, time.Hour, 5*time.Hour)
	tgt := &switchable{name: "svc"}
	svc := mustService(t, env, ServiceConfig{Name: "svc", Hosts: site.Hosts(), Component: tgt})
	env.Engine.RunUntil(24 * time.Hour)
	require.False(t, svc.FailedOver())
	require.Equal(t, []string{"down@1h0m0s", "up@5h0m0s"}, tgt.calls)
}

// Kakao: the operations tools that start standby servers ran only in the
// burning site. While they are down the warm standby cannot be started;
// recovery starts when the tools are back, and takes its time from then.
func TestDRBlockedWhileStandbyToolsDown(t *testing.T) {
	env := newEnv(t, 24*time.Hour, 1)
	site := darkAt(t, env, "dc", 2, time.Hour, 0)
	toolsSite := darkAt(t, env, "ops", 1, time.Hour, 10*time.Hour)
	tools := mustService(t, env, ServiceConfig{Name: "ops-tools", Hosts: toolsSite.Hosts()})
	svc := mustService(t, env, ServiceConfig{Name: "pay", Hosts: site.Hosts(),
		DR: DRConfig{Mode: DRWarmStandby, Recovery: fixed(t, 20*time.Minute), Requires: []*HostedService{tools}}})
	env.Engine.RunUntil(9 * time.Hour)
	require.True(t, svc.Blocked())
	var blocked []string
	for _, e := range env.Recorder.Events() {
		if e.Subject == "pay" && strings.Contains(e.Message, "blocked") {
			blocked = append(blocked, e.Message)
		}
	}
	require.Equal(t, []string{"warm-standby recovery blocked: ops-tools is not usable"}, blocked, "the log says what it waits for")
	require.False(t, svc.Usable())
	env.Engine.RunUntil(10*time.Hour + 20*time.Minute - 1)
	require.False(t, svc.Usable())
	env.Engine.RunUntil(10*time.Hour + 20*time.Minute)
	require.True(t, svc.Usable())
	require.True(t, svc.FailedOver())

	// With the tools never back a warm standby never starts; an
	// active-active copy already runs, so what starts a copy does not
	// matter to it: it takes over within its recovery time.
	for _, tc := range []struct {
		mode       DRMode
		failedOver bool
	}{{DRWarmStandby, false}, {DRActiveActive, true}} {
		env = newEnv(t, 24*time.Hour, 1)
		site = darkAt(t, env, "dc", 2, time.Hour, 0)
		toolsSite = darkAt(t, env, "ops", 1, time.Hour, 0)
		tools = mustService(t, env, ServiceConfig{Name: "ops-tools", Hosts: toolsSite.Hosts()})
		svc = mustService(t, env, ServiceConfig{Name: "pay", Hosts: site.Hosts(),
			DR: DRConfig{Mode: tc.mode, Requires: []*HostedService{tools}}})
		env.Engine.RunUntil(time.Hour + time.Minute)
		require.Equal(t, tc.failedOver, svc.Usable(), tc.mode.String())
		require.Equal(t, tc.failedOver, svc.FailedOver(), tc.mode.String())
	}
}

// A condition given as a function is checked when recovery would start and
// end, and again on Recheck.
func TestDRConditionFuncAndRecheck(t *testing.T) {
	env := newEnv(t, 24*time.Hour, 1)
	site := darkAt(t, env, "dc", 1, time.Hour, 0)
	ready := false
	svc := mustService(t, env, ServiceConfig{Name: "mail", Hosts: site.Hosts(),
		DR: DRConfig{Mode: DRPilotLight, Recovery: fixed(t, time.Hour), Condition: func() bool { return ready }}})
	at(env, 3*time.Hour, func(now sim.Time) { ready = true; svc.Recheck(now) })
	env.Engine.RunUntil(4*time.Hour - 1)
	require.False(t, svc.Usable())
	env.Engine.RunUntil(4 * time.Hour)
	require.True(t, svc.Usable())
}

// Messaging fails over at once (active-active) but needs login, which has
// no copy elsewhere: messaging is up yet unusable until login's site is
// back, and its target follows usability.
func TestDependencyPropagation(t *testing.T) {
	env := newEnv(t, 24*time.Hour, 1)
	site := darkAt(t, env, "dc", 4, time.Hour, 8*time.Hour)
	hs := site.Hosts()
	login := mustService(t, env, ServiceConfig{Name: "login", Hosts: hs[:2]})
	tgt := &switchable{name: "talk"}
	talk := mustService(t, env, ServiceConfig{Name: "talk", Hosts: hs[2:], Dependencies: []*HostedService{login},
		DR: DRConfig{Mode: DRActiveActive, Recovery: fixed(t, 30*time.Second)}, Component: tgt})
	chat := &switchable{name: "channel"}
	channel := mustService(t, env, ServiceConfig{Name: "channel", Hosts: hs[3:], Dependencies: []*HostedService{talk}, Component: chat})

	env.Engine.RunUntil(2 * time.Hour)
	require.True(t, talk.Up())
	require.False(t, talk.Usable())
	require.False(t, channel.Usable())
	env.Engine.RunUntil(24 * time.Hour)
	require.True(t, talk.Usable())
	require.True(t, channel.Usable())
	require.Equal(t, []string{"down@1h0m0s", "up@8h0m0s"}, tgt.calls)
	require.Equal(t, []string{"down@1h0m0s", "up@8h0m0s"}, chat.calls)
}

func TestParseDRMode(t *testing.T) {
	for m := DRNone; m <= DRActiveActive; m++ {
		got, err := ParseDRMode(m.String())
		require.NoError(t, err)
		require.Equal(t, m, got)
		if m != DRNone {
			require.NotNil(t, DefaultRecovery(m))
		}
	}
	_, err := ParseDRMode("hot")
	require.Error(t, err)
}

// A warm standby on a second site's hosts: failover needs them running,
// and the failed-over service is up only while they run.
func TestDRStandbyHosts(t *testing.T) {
	env := newEnv(t, 24*time.Hour, 1)
	primary := darkAt(t, env, "dc1", 2, time.Hour, 0)
	second := darkAt(t, env, "dc2", 2, 5*time.Hour, 6*time.Hour)
	svc := mustService(t, env, ServiceConfig{Name: "pay", Hosts: primary.Hosts(),
		DR: DRConfig{Mode: DRWarmStandby, Recovery: fixed(t, 10*time.Minute), Standby: second.Hosts()}})
	env.Engine.RunUntil(time.Hour + 10*time.Minute)
	require.True(t, svc.Usable())
	env.Engine.RunUntil(5 * time.Hour)
	require.False(t, svc.Usable(), "the second site is dark")
	env.Engine.RunUntil(6 * time.Hour)
	require.True(t, svc.Usable())

	// The second site dark from the start: recovery waits for it.
	env = newEnv(t, 24*time.Hour, 1)
	primary = darkAt(t, env, "dc1", 2, time.Hour, 0)
	second = darkAt(t, env, "dc2", 2, 0, 3*time.Hour)
	svc = mustService(t, env, ServiceConfig{Name: "pay", Hosts: primary.Hosts(),
		DR: DRConfig{Mode: DRWarmStandby, Recovery: fixed(t, 10*time.Minute), Standby: second.Hosts()}})
	env.Engine.RunUntil(3*time.Hour + 10*time.Minute - 1)
	require.False(t, svc.Usable())
	env.Engine.RunUntil(3*time.Hour + 10*time.Minute)
	require.True(t, svc.Usable())
}

func TestHostedServiceConfigErrors(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	site := mustSite(t, env, oneRoom(1, 0, nil))
	hs := site.Hosts()
	for i, c := range []ServiceConfig{
		{Hosts: hs},
		{Name: "x"},
		{Name: "x", Hosts: hs, Threshold: 1.5},
		{Name: "x", Hosts: hs, DR: DRConfig{Mode: DRActiveActive + 1}},
		{Name: "x", Hosts: hs, Dependencies: []*HostedService{nil}},
		{Name: "x", Hosts: hs, DR: DRConfig{Requires: []*HostedService{nil}}},
		{Name: "x", Hosts: []*Host{nil}},
		{Name: "x", Hosts: hs, DR: DRConfig{Standby: []*Host{nil}}},
	} {
		_, err := NewHostedService(env, c)
		require.Error(t, err, "config %d", i)
	}
}

// Every mode's name parses back to the mode, and the names are the ones
// scenario files use (spec.DRBackupAndRestore is "backup-and-restore").
func TestDRModeNamesRoundTrip(t *testing.T) {
	for m := DRNone; m <= DRActiveActive; m++ {
		got, err := ParseDRMode(m.String())
		require.NoError(t, err)
		require.Equal(t, m, got)
	}
	require.Equal(t, "backup-and-restore", DRBackupRestore.String())
	_, err := ParseDRMode("cold")
	require.Error(t, err)
}
