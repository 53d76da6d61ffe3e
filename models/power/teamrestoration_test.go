package power

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// wetSite is a site whose one UPS keeps its batteries in b3 and feeds two
// rooms of 100 hosts, "dry" and "wet", listed in the given order. A fire
// in b3 ends in a power-off order at 1 h with 30 min of emergency power,
// and the water then damages "wet".
func wetSite(t *testing.T, env *models.Env, rooms ...string) *Site {
	t.Helper()
	cfg := SiteConfig{Name: "dc", UPS: []UPSConfig{{Name: "ups", BatteryRoom: "b3", Feeds: rooms}}, Rooms: []RoomConfig{{Name: "b3"}}}
	for _, r := range rooms {
		cfg.Rooms = append(cfg.Rooms, RoomConfig{Name: r, Hosts: 100})
	}
	s := mustSite(t, env, cfg)
	_, err := NewFire(env, s, FireConfig{Name: "f", Room: "b3", PowerOff: true, PowerOffAt: time.Hour,
		Emergency: 30 * time.Minute, WaterDamage: []string{"wet"}})
	require.NoError(t, err)
	return s
}

// teams is the arithmetic tests' configuration: 2 teams, 4 panels of 25
// hosts per room, 1 h to energize a panel, 5 h more to repair one.
func teams(t *testing.T, start sim.Time) TeamConfig {
	return TeamConfig{Start: start, Teams: 2, PanelsPerRoom: 4, Energize: fixed(t, time.Hour), Repair: fixed(t, 5*time.Hour)}
}

// roomLog returns the teams' room log lines.
func roomLog(env *models.Env) []string {
	var out []string
	for _, e := range env.Recorder.Events() {
		if e.Kind == sim.EventRestoration && (e.Subject == "dry" || e.Subject == "wet") {
			out = append(out, e.At.String()+" "+e.Subject+" "+e.Message)
		}
	}
	return out
}

// Two teams, undamaged panels first: two dry panels per hour (25% of the
// hosts each hour, dry fully powered at Start+2h), then two wet panels per
// 6 h (75% at Start+8h, 100% at Start+14h).
func TestTeamRestorationArithmetic(t *testing.T) {
	env := newEnv(t, 20*time.Hour, 1)
	s := wetSite(t, env, "dry", "wet")
	start := 2 * time.Hour
	r, err := NewTeamRestoration(env, s, teams(t, start))
	require.NoError(t, err)
	require.Equal(t, 8, r.Panels(), "b3 has no hosts, no panels")

	for _, c := range []struct {
		at           sim.Time
		share        float64
		panels, host int
	}{
		{start, 0, 0, 0},
		{start + time.Hour - 1, 0, 0, 0},
		{start + time.Hour, 0.25, 2, 50},
		{start + 2*time.Hour - 1, 0.25, 2, 50},
		{start + 2*time.Hour, 0.5, 4, 100},
		{start + 8*time.Hour - 1, 0.5, 4, 100},
		{start + 8*time.Hour, 0.75, 6, 150},
		{start + 14*time.Hour - 1, 0.75, 6, 150},
		{start + 14*time.Hour, 1, 8, 200},
	} {
		env.Engine.RunUntil(c.at)
		require.Equal(t, c.share, s.PoweredShare(), "at %v", c.at)
		require.Equal(t, c.panels, r.PanelsDone(), "at %v", c.at)
		require.Equal(t, c.host, r.Restored(), "at %v", c.at)
		if c.at == start+2*time.Hour {
			for _, h := range s.Room("dry").Hosts() {
				require.True(t, h.Powered())
			}
			require.False(t, s.Room("dry").Powered(), "powered by the teams, not the chain")
		}
	}
	env.Engine.Run()
	require.Equal(t, 200, r.Restored())
	require.Equal(t, []string{
		"2h0m0s dry restoration of dry started",
		"4h0m0s wet restoration of wet started (repair needed)", // the first team free moves on
		"4h0m0s dry dry powered again",
		"16h0m0s wet wet powered again",
	}, roomLog(env))
	var actions []string
	for _, e := range env.Recorder.Events() {
		if e.Subject == "dc" && e.Kind != sim.EventState && !strings.HasPrefix(e.Message, "all power ordered off") {
			actions = append(actions, e.At.String()+" "+e.Subject+" "+e.Message)
		}
	}
	require.Equal(t, []string{"1h0m0s dc no advance notice of the power-off to the site's operators (f)", "1h0m0s dc fire service orders all power off (f)", "2h0m0s dc electrician teams start restoring power (2 teams)"}, actions)
}

// The teams do the undamaged room first even when the damaged room is
// listed first.
func TestTeamRestorationUndamagedFirst(t *testing.T) {
	env := newEnv(t, 20*time.Hour, 1)
	s := wetSite(t, env, "wet", "dry")
	start := 2 * time.Hour
	_, err := NewTeamRestoration(env, s, teams(t, start))
	require.NoError(t, err)
	env.Engine.RunUntil(start + 2*time.Hour)
	require.Equal(t, 0.5, s.PoweredShare())
	for _, h := range s.Room("dry").Hosts() {
		require.True(t, h.Powered())
	}
	env.Engine.RunUntil(start + 14*time.Hour)
	require.Equal(t, 1.0, s.PoweredShare())
}

// A room water-damaged after Start was listed as undamaged but still needs
// repair when a team reaches it.
func TestTeamRestorationDamageDecidedWhenTaken(t *testing.T) {
	env := newEnv(t, 20*time.Hour, 1)
	s := wetSite(t, env, "dry", "wet")
	start := 80 * time.Minute // both rooms dark, the water comes at 1h30
	r, err := NewTeamRestoration(env, s, TeamConfig{Start: start, Teams: 1, PanelsPerRoom: 1,
		Energize: fixed(t, 20*time.Minute), Repair: fixed(t, time.Hour)})
	require.NoError(t, err)
	env.Engine.RunUntil(100 * time.Minute)
	require.Equal(t, 1, r.PanelsDone())
	require.Equal(t, 100, r.Restored())
	env.Engine.RunUntil(180*time.Minute - 1)
	require.Equal(t, 1, r.PanelsDone(), "wet, taken at 1h40, needs 1 h of repair")
	env.Engine.RunUntil(180 * time.Minute)
	require.Equal(t, 2, r.PanelsDone())
	require.Equal(t, 1.0, s.PoweredShare())
	require.Contains(t, roomLog(env), "1h40m0s wet restoration of wet started (repair needed)")
}

// A panel whose hosts all have power is skipped at no cost: the only team
// goes straight to the dark room. The skipped hosts still depend on the
// chain: they lose power when it is cut later, and their panels go back
// on the team's list.
func TestTeamRestorationSkipsPoweredPanels(t *testing.T) {
	env := newEnv(t, 8*time.Hour, 1)
	s := twoWings(env, t)
	_, err := NewFire(env, s, FireConfig{Room: "b3-battery-2", PowerOff: true, PowerOffAt: 4 * time.Hour}) // hall-b dark
	require.NoError(t, err)
	r, err := NewTeamRestoration(env, s, TeamConfig{Start: time.Hour, Teams: 1, PanelsPerRoom: 4,
		Energize: fixed(t, time.Hour), Repair: fixed(t, time.Hour)})
	require.NoError(t, err)
	require.Equal(t, 4, r.Panels(), "two hosts per hall: one panel per host")
	env.Engine.RunUntil(time.Hour)
	require.Equal(t, 2, r.PanelsDone(), "hall-a's panels")
	require.Equal(t, 0, r.Restored())
	env.Engine.RunUntil(3 * time.Hour)
	require.Equal(t, 4, r.PanelsDone())
	require.Equal(t, 2, r.Restored())
	require.Equal(t, 1.0, s.PoweredShare())
	env.Engine.RunUntil(4 * time.Hour)
	require.False(t, s.Room("hall-a").Powered())
	require.Equal(t, 0.5, s.PoweredShare(), "hall-b's hosts were restored")
	require.Equal(t, 2, r.PanelsDone(), "hall-a's panels are back on the list")
	env.Engine.RunUntil(6*time.Hour - 1)
	require.Equal(t, 0.75, s.PoweredShare())
	env.Engine.RunUntil(6 * time.Hour)
	require.Equal(t, 1.0, s.PoweredShare(), "the team energized hall-a's panels after the cut")
	require.Equal(t, 4, r.PanelsDone())
	require.Equal(t, 4, r.Restored())
}

// With crews, a host the teams power runs once restarted: the running
// share follows the powered share 10 min later. Like a Restoration's, the
// hosts the teams powered keep power when the chain, back meanwhile, is
// lost again.
func TestTeamRestorationWithCrews(t *testing.T) {
	env := newEnv(t, 5*time.Hour, 1)
	cfg := oneRoom(4, 0, nil)
	cfg.Crews, cfg.RestartTime = 2, fixed(t, 10*time.Minute)
	s := mustSite(t, env, cfg)
	at(env, 0, s.LoseUtility)
	at(env, 210*time.Minute, s.RestoreUtility)
	at(env, 4*time.Hour, s.LoseUtility)
	_, err := NewTeamRestoration(env, s, TeamConfig{Start: time.Hour, Teams: 1, PanelsPerRoom: 2,
		Energize: fixed(t, time.Hour), Repair: fixed(t, time.Hour)})
	require.NoError(t, err)
	for _, c := range []struct {
		at               sim.Time
		powered, running float64
	}{
		{2*time.Hour - 1, 0, 0},
		{2 * time.Hour, 0.5, 0},
		{2*time.Hour + 10*time.Minute, 0.5, 0.5},
		{3 * time.Hour, 1, 0.5},
		{3*time.Hour + 10*time.Minute, 1, 1},
		{4 * time.Hour, 1, 1},
	} {
		env.Engine.RunUntil(c.at)
		require.Equal(t, c.powered, s.PoweredShare(), "at %v", c.at)
		require.Equal(t, c.running, s.RunningShare(), "at %v", c.at)
	}
}

func TestTeamConfigErrors(t *testing.T) {
	env := newEnv(t, 2*time.Hour, 1)
	s := mustSite(t, env, oneRoom(4, 0, nil))
	env.Engine.RunUntil(time.Hour)
	ok := TeamConfig{Start: time.Hour, Teams: 1, PanelsPerRoom: 1, Energize: fixed(t, 1), Repair: fixed(t, 1)}
	for name, edit := range map[string]func(c *TeamConfig){
		"one team":           func(c *TeamConfig) { c.Teams = 0 },
		"one panel per room": func(c *TeamConfig) { c.PanelsPerRoom = 0 },
		"energize time":      func(c *TeamConfig) { c.Energize = nil },
		"repair time":        func(c *TeamConfig) { c.Repair = nil },
		"before now 1h0m0s":  func(c *TeamConfig) { c.Start = time.Hour - 1 },
	} {
		c := ok
		edit(&c)
		_, err := NewTeamRestoration(env, s, c)
		require.ErrorContains(t, err, `team restoration of "dc"`, name)
		require.ErrorContains(t, err, name)
	}
	_, err := NewTeamRestoration(env, s, ok)
	require.NoError(t, err)
}

// teamLog runs the water-damage story with random times and returns its
// event log as text.
func teamLog(t *testing.T, seed uint64) string {
	env := newEnv(t, 40*time.Hour, seed)
	s := wetSite(t, env, "dry", "wet")
	energize := models.ExponentialDist{Mean: time.Hour}
	repair := models.LognormalDist{Mean: 5 * time.Hour, Stddev: time.Hour}
	_, err := NewTeamRestoration(env, s, TeamConfig{Start: 2 * time.Hour, Teams: 3, PanelsPerRoom: 5, Energize: energize, Repair: repair})
	require.NoError(t, err)
	env.Engine.Run()
	require.Equal(t, 1.0, s.PoweredShare())
	out := ""
	for _, e := range env.Recorder.Events() {
		out += fmt.Sprintln(e.At, e.Subject, e.Kind, e.Message)
	}
	return out
}

// The same seed gives the same times; another seed differs.
func TestTeamRestorationDeterminism(t *testing.T) {
	a, b, c := teamLog(t, 42), teamLog(t, 42), teamLog(t, 43)
	require.Equal(t, a, b)
	require.NotEqual(t, a, c)
}
