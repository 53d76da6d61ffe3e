package power

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// newEnv returns an Env with a recorder of 1 min steps over horizon.
func newEnv(tb testing.TB, horizon sim.Time, seed uint64) *models.Env {
	tb.Helper()
	env, err := models.NewEnv(seed, time.Minute, horizon)
	require.NoError(tb, err)
	return env
}

// fixed returns a deterministic distribution of d.
func fixed(tb testing.TB, d sim.Time) models.DistConfig {
	tb.Helper()
	return models.DeterministicDist{Value: d}
}

// mustSite builds a site or fails the test.
func mustSite(tb testing.TB, env *models.Env, cfg SiteConfig) *Site {
	tb.Helper()
	s, err := NewSite(env, cfg)
	require.NoError(tb, err)
	return s
}

// at schedules f at t.
func at(env *models.Env, t sim.Time, f func(now sim.Time)) {
	env.Engine.At(t, sim.HandlerFunc(func(now sim.Time, _ any) { f(now) }), nil)
}

// change is one observed change of a host.
type change struct {
	At               sim.Time
	Powered, Running bool
}

// watch records every change of h.
func watch(h *Host) *[]change {
	var out []change
	h.OnChange(func(now sim.Time, h *Host) {
		out = append(out, change{At: now, Powered: h.Powered(), Running: h.Running()})
	})
	return &out
}

// switchable records Down and Up calls.
type switchable struct {
	name  string
	calls []string
}

func (s *switchable) Name() string { return s.name }

func (s *switchable) Down(now sim.Time) { s.calls = append(s.calls, "down@"+now.String()) }

func (s *switchable) Up(now sim.Time) { s.calls = append(s.calls, "up@"+now.String()) }

// oneRoom is a site with one UPS feeding one room of n hosts.
func oneRoom(n int, ride sim.Time, gen *GeneratorConfig) SiteConfig {
	return SiteConfig{
		Name:      "dc",
		Generator: gen,
		UPS:       []UPSConfig{{Name: "ups", RideThrough: ride, Feeds: []string{"room"}}},
		Rooms:     []RoomConfig{{Name: "room", Hosts: n}},
	}
}
