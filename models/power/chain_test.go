package power

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// The utility feed is lost at 10 s. The UPS carries the room for its
// 5 min ride-through; the generator starts after 60 s and takes over, so
// the host never loses power.
func TestChainGeneratorTakesOverBeforeBatteriesRunOut(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := mustSite(t, env, oneRoom(1, 5*time.Minute, &GeneratorConfig{Start: 60 * time.Second}))
	h := s.Hosts()[0]
	got := watch(h)
	at(env, 10*time.Second, s.LoseUtility)
	env.Engine.RunUntil(30 * time.Second)
	require.True(t, s.UPS("ups").OnBattery())
	require.Equal(t, GeneratorStarting, s.Generator())
	env.Engine.RunUntil(time.Hour)
	require.Equal(t, GeneratorRunning, s.Generator())
	require.False(t, s.UPS("ups").OnBattery())
	require.True(t, h.Powered())
	require.Empty(t, *got)
}

// The generator fails to start: the room goes dark when the batteries run
// out, 5 min after the loss, and comes back with the utility feed.
func TestChainGeneratorFailsDarkAfterRideThrough(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := mustSite(t, env, oneRoom(2, 5*time.Minute, &GeneratorConfig{Start: 60 * time.Second, FailProb: 1}))
	got := watch(s.Hosts()[0])
	at(env, 10*time.Second, s.LoseUtility)
	at(env, 30*time.Minute, s.RestoreUtility)
	env.Engine.RunUntil(time.Hour)
	require.Equal(t, []change{
		{At: 10*time.Second + 5*time.Minute},
		{At: 30 * time.Minute, Powered: true, Running: true},
	}, *got)
	require.Equal(t, GeneratorIdle, s.Generator())
	require.Equal(t, 1.0, s.PoweredShare())
}

// The batteries last 30 s, the generator needs 60 s: the room is dark from
// 40 s to 70 s.
func TestChainBatteriesRunOutBeforeGenerator(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := mustSite(t, env, oneRoom(1, 30*time.Second, &GeneratorConfig{Start: 60 * time.Second}))
	got := watch(s.Hosts()[0])
	at(env, 10*time.Second, s.LoseUtility)
	env.Engine.RunUntil(time.Hour)
	require.Equal(t, []change{
		{At: 40 * time.Second},
		{At: 70 * time.Second, Powered: true, Running: true},
	}, *got)
	var states []string
	for _, e := range env.Recorder.Events() {
		require.Contains(t, []sim.EventKind{sim.EventPower, sim.EventRestoration}, e.Kind)
		states = append(states, e.At.String()+" "+e.Subject+" "+e.Message)
	}
	require.Equal(t, []string{
		"10s dc utility feed lost",
		"10s dc/generator starting",
		"10s ups on battery",
		"40s ups dark",
		"40s room dark",
		"1m10s dc/generator running",
		"1m10s ups delivering",
		"1m10s room powered",
	}, states)
}

// Without a generator the room goes dark when the batteries run out.
func TestChainNoGenerator(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := mustSite(t, env, oneRoom(1, time.Minute, nil))
	at(env, 0, s.LoseUtility)
	env.Engine.RunUntil(59 * time.Second)
	require.True(t, s.Hosts()[0].Powered())
	env.Engine.RunUntil(time.Minute)
	require.False(t, s.Hosts()[0].Powered())
	require.Equal(t, 0.0, s.RunningShare())
}

// A UPS with no battery (ride-through 0) drops its rooms the moment the
// utility feed is lost, even with a generator: the generator takes its
// start time (here 10 s) to carry the load, and the room is dark until
// then.
func TestChainNoBatteryDropsTheLoadAtOnce(t *testing.T) {
	for _, gen := range []*GeneratorConfig{nil, {Start: 10 * time.Second}} {
		env := newEnv(t, time.Hour, 1)
		s := mustSite(t, env, oneRoom(1, 0, gen))
		got := watch(s.Hosts()[0])
		at(env, 20*time.Second, s.LoseUtility)
		env.Engine.RunUntil(20 * time.Second)
		require.False(t, s.Hosts()[0].Powered(), "dark at the loss itself")
		require.False(t, s.UPS("ups").Delivering())
		env.Engine.RunUntil(time.Hour)
		want := []change{{At: 20 * time.Second}}
		if gen != nil {
			want = append(want, change{At: 30 * time.Second, Powered: true, Running: true})
		}
		require.Equal(t, want, *got, "generator %v", gen)
	}
}

// A power-off order keeps the load for its emergency time whatever the
// batteries: a UPS without battery (ride-through 0) and one with 5 min
// both carry their room for the order's 30 min, then go dark, and a
// generator does not take over (README: "a fire's power-off order ...
// keeps the load for the fire's emergency time, batteries or not").
func TestPowerOffKeepsTheLoadForTheEmergencyTime(t *testing.T) {
	for _, ride := range []time.Duration{0, 5 * time.Minute} {
		env := newEnv(t, 2*time.Hour, 1)
		s := mustSite(t, env, oneRoom(1, ride, &GeneratorConfig{Start: 10 * time.Second}))
		h := s.Hosts()[0]
		at(env, 10*time.Minute, func(now sim.Time) { s.PowerOff(now, 30*time.Minute) })
		env.Engine.RunUntil(40*time.Minute - time.Nanosecond)
		require.True(t, h.Powered(), "ride-through %v: emergency power until 40 min", ride)
		env.Engine.RunUntil(40 * time.Minute)
		require.False(t, h.Powered(), "ride-through %v: dark when the emergency time ends", ride)
		env.Engine.RunUntil(2 * time.Hour)
		require.False(t, h.Powered(), "ride-through %v: no generator after the order", ride)
	}
}

func TestSiteConfigErrors(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	bad := []SiteConfig{
		{},
		{Name: "dc", Rooms: []RoomConfig{{Name: "r", Hosts: 1}}},
		{Name: "dc", UPS: []UPSConfig{{Name: "u", Feeds: []string{"x"}}}},
		{Name: "dc", UPS: []UPSConfig{{Name: "u", BatteryRoom: "x"}}},
		{Name: "dc", Generator: &GeneratorConfig{FailProb: 2}},
		{Name: "dc", Crews: 1},
	}
	for i, c := range bad {
		_, err := NewSite(env, c)
		require.Error(t, err, "config %d", i)
	}
}
