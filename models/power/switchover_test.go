package power

import (
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// raceRig is a primary site whose app hall loses its UPS to a battery fire
// at 10 min while the ops hall (the operations tools) stays powered until
// a power-off order; the app has a warm standby at a second site, moved by
// a switch-over of two 30 min steps that needs the tools and the ops hall.
type raceRig struct {
	env   *models.Env
	dc    *Site
	app   *HostedService
	tools *HostedService
	work  *Switchover
	tgt   *switchable
}

func newRaceRig(t *testing.T, mode DRMode, decision sim.Time, fire FireConfig) *raceRig {
	t.Helper()
	env := newEnv(t, 10*time.Hour, 1)
	dc := mustSite(t, env, SiteConfig{
		Name: "dc",
		UPS: []UPSConfig{
			{Name: "u1", BatteryRoom: "batt", Feeds: []string{"app"}},
			{Name: "u2", Feeds: []string{"ops"}},
		},
		Rooms: []RoomConfig{{Name: "batt"}, {Name: "app", Hosts: 2}, {Name: "ops", Hosts: 1}},
	})
	dr := mustSite(t, env, SiteConfig{Name: "dr", UPS: []UPSConfig{{Name: "u", Feeds: []string{"sb"}}}, Rooms: []RoomConfig{{Name: "sb", Hosts: 1}}})
	tools := mustService(t, env, ServiceConfig{Name: "tools", Hosts: dc.Room("ops").Hosts()})
	tgt := &switchable{name: "app"}
	app := mustService(t, env, ServiceConfig{Name: "app", Hosts: dc.Room("app").Hosts(), Component: tgt,
		DR: DRConfig{Mode: mode, Requires: []*HostedService{tools}, Standby: dr.Hosts()}})
	work, err := NewSwitchover(env, SwitchoverConfig{
		Name: "move", Site: dc, Trigger: app, Decision: decision, Requires: []*HostedService{tools}, Room: dc.Room("ops"),
		Steps: []SwitchStep{{Name: "prepare", Duration: fixed(t, 30*time.Minute)}, {Name: "start app", Duration: fixed(t, 30*time.Minute), Moves: app}},
	})
	require.NoError(t, err)
	fire.Name, fire.Room, fire.At = "f", "batt", 10*time.Minute
	_, err = NewFire(env, dc, fire)
	require.NoError(t, err)
	return &raceRig{env: env, dc: dc, app: app, tools: tools, work: work, tgt: tgt}
}

// events returns the details of the log entries of component.
func events(env *models.Env, component string) []string {
	var out []string
	for _, e := range env.Recorder.Events() {
		if e.Subject == component {
			out = append(out, e.At.String()+" "+e.Message)
		}
	}
	return out
}

// The race between the switch-over and the power cut decides whether the
// app comes back at its standby site.
func TestSwitchoverRace(t *testing.T) {
	for _, c := range []struct {
		name     string
		decision sim.Time
		cut      sim.Time
		lead     sim.Time
		done     bool
		upAt     sim.Time // 0: not usable by the end
	}{
		// the fire at 10 min stops the app; the work runs 10–70 min; the
		// order at 2 h comes after: the app runs at its standby from 70 min.
		{"completes before the cut", 0, 2 * time.Hour, 0, true, 70 * time.Minute},
		// the order at 40 min darkens the ops hall mid-work: interrupted,
		// and with no power back it never resumes.
		{"interrupted by the cut", 0, 40 * time.Minute, 0, false, 0},
		// decided an hour after the app stops, the work would end at 130
		// min, after the order at 2 h: the cut wins.
		{"a late decision loses", time.Hour, 2 * time.Hour, 0, false, 0},
		// the same, with 100 min of notice: the work starts at the notice
		// (20 min) and ends at 80 min, before the cut.
		{"notice starts it earlier", time.Hour, 2 * time.Hour, 100 * time.Minute, true, 80 * time.Minute},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRaceRig(t, DRWarmStandby, c.decision, FireConfig{PowerOff: true, PowerOffAt: c.cut, NoticeLead: c.lead})
			r.env.Engine.RunUntil(10 * time.Hour)
			require.Equal(t, c.done, r.work.Done(), "%v", events(r.env, "move"))
			if c.upAt == 0 {
				require.False(t, r.app.Usable())
				require.Equal(t, []string{"down@10m0s"}, r.tgt.calls)
				return
			}
			require.True(t, r.app.Usable(), "the app runs at its standby after the cut")
			require.Equal(t, []string{"down@10m0s", "up@" + c.upAt.String()}, r.tgt.calls)
		})
	}
}

// The interrupted step's work is lost and logged; no notice is logged
// when none is given.
func TestSwitchoverInterruptionIsLogged(t *testing.T) {
	r := newRaceRig(t, DRWarmStandby, 0, FireConfig{PowerOff: true, PowerOffAt: 40 * time.Minute})
	r.env.Engine.RunUntil(10 * time.Hour)
	log := strings.Join(events(r.env, "move"), "\n")
	require.Contains(t, log, `switch-over interrupted after 30m0s of step "prepare": tools is not usable`)
	require.NotContains(t, log, "switch-over step \"start app\" started")
	require.Contains(t, strings.Join(events(r.env, "dc"), "\n"), "40m0s no advance notice of the power-off")
}

// The operations tools gate the work: while they are down it waits, and it
// starts when they are back, not before.
func TestSwitchoverNeedsTheOpsTools(t *testing.T) {
	env := newEnv(t, 10*time.Hour, 1)
	dc := darkAt(t, env, "dc", 1, 10*time.Minute, 0)
	toolsSite := darkAt(t, env, "tools-dc", 1, 5*time.Minute, 100*time.Minute)
	drCfg := oneRoom(1, 0, nil)
	drCfg.Name = "dr"
	dr := mustSite(t, env, drCfg)
	tools := mustService(t, env, ServiceConfig{Name: "tools", Hosts: toolsSite.Hosts()})
	tgt := &switchable{name: "app"}
	app := mustService(t, env, ServiceConfig{Name: "app", Hosts: dc.Hosts(), Component: tgt,
		DR: DRConfig{Mode: DRWarmStandby, Standby: dr.Hosts()}})
	work, err := NewSwitchover(env, SwitchoverConfig{Name: "move", Site: dc, Trigger: app, Requires: []*HostedService{tools},
		Steps: []SwitchStep{{Name: "start app", Duration: fixed(t, 30*time.Minute), Moves: app}}})
	require.NoError(t, err)
	env.Engine.RunUntil(10 * time.Hour)
	require.True(t, work.Done())
	require.Equal(t, []string{"down@10m0s", "up@2h10m0s"}, tgt.calls, "30 min of work from the tools' return at 100 min")
	require.Contains(t, strings.Join(events(env, "move"), "\n"), "10m0s switch-over waits: tools is not usable")
}

// A copy that already runs needs no step; a service without a copy cannot
// be moved.
func TestSwitchoverStepsFollowTheDRMode(t *testing.T) {
	aa := newRaceRig(t, DRActiveActive, 0, FireConfig{})
	aa.env.Engine.RunUntil(10 * time.Hour)
	require.True(t, aa.work.Done())
	require.True(t, aa.app.Usable(), "active-active fails over on its own")
	require.Contains(t, strings.Join(events(aa.env, "move"), "\n"), `step "start app" skipped: app already runs at its standby site`)

	none := newRaceRig(t, DRNone, 0, FireConfig{})
	none.env.Engine.RunUntil(10 * time.Hour)
	require.True(t, none.work.Done())
	require.False(t, none.app.Usable())
	require.Contains(t, strings.Join(events(none.env, "move"), "\n"), `switch-over failed at step "start app": app has no copy at its standby site`)
}

// Bad configurations are errors, not panics.
func TestSwitchoverConfigErrors(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	dc := mustSite(t, env, oneRoom(1, 0, nil))
	step := []SwitchStep{{Name: "s", Duration: fixed(t, time.Minute)}}
	for _, c := range []struct {
		cfg  SwitchoverConfig
		want string
	}{
		{SwitchoverConfig{Site: dc, Steps: step}, "no name"},
		{SwitchoverConfig{Name: "w", Steps: step}, "no site"},
		{SwitchoverConfig{Name: "w", Site: dc}, "no steps"},
		{SwitchoverConfig{Name: "w", Site: dc, Steps: step, Decision: -1}, "decision"},
		{SwitchoverConfig{Name: "w", Site: dc, Steps: []SwitchStep{{Name: "s"}}}, "steps[0].duration: missing duration; a step without a service needs one"},
		{SwitchoverConfig{Name: "w", Site: dc, Steps: []SwitchStep{{Name: "s", Service: "app"}}}, "needs a duration or a service"},
		{SwitchoverConfig{Name: "w", Site: dc, Steps: step, Requires: []*HostedService{nil}}, "need 0 is nil"},
	} {
		_, err := NewSwitchover(env, c.cfg)
		require.ErrorContains(t, err, c.want)
	}
	_, err := NewFire(env, dc, FireConfig{Name: "f", Room: "room", At: 10 * time.Minute, PowerOff: true, PowerOffAt: 20 * time.Minute, NoticeLead: 11 * time.Minute})
	require.ErrorContains(t, err, "notice_lead: expected notice_lead <= power_off_at - at")
}

// The hall alone gates the work too: dark, the step under way is lost;
// with power back (here the order ends at 2 h), the step starts again from
// its beginning and the work ends an hour later.
func TestSwitchoverResumesWhenTheHallHasPowerAgain(t *testing.T) {
	env := newEnv(t, 10*time.Hour, 1)
	dc := mustSite(t, env, SiteConfig{
		Name: "dc",
		UPS: []UPSConfig{
			{Name: "u1", BatteryRoom: "batt", Feeds: []string{"app"}},
			{Name: "u2", Feeds: []string{"ops"}},
		},
		Rooms: []RoomConfig{{Name: "batt"}, {Name: "app", Hosts: 2}, {Name: "ops", Hosts: 1}},
	})
	drCfg := oneRoom(1, 0, nil)
	drCfg.Name = "dr"
	dr := mustSite(t, env, drCfg)
	tgt := &switchable{name: "app"}
	app := mustService(t, env, ServiceConfig{Name: "app", Hosts: dc.Room("app").Hosts(), Component: tgt,
		DR: DRConfig{Mode: DRWarmStandby, Standby: dr.Hosts()}})
	work, err := NewSwitchover(env, SwitchoverConfig{Name: "move", Site: dc, Trigger: app, Room: dc.Room("ops"),
		Steps: []SwitchStep{{Name: "prepare", Duration: fixed(t, 30*time.Minute)}, {Name: "start app", Duration: fixed(t, 30*time.Minute), Moves: app}}})
	require.NoError(t, err)
	_, err = NewFire(env, dc, FireConfig{Name: "f", Room: "batt", At: 10 * time.Minute, PowerOff: true, PowerOffAt: 40 * time.Minute})
	require.NoError(t, err)
	at(env, 2*time.Hour, dc.RestoreUtility)
	env.Engine.RunUntil(10 * time.Hour)
	require.True(t, work.Done())
	require.Equal(t, []string{"down@10m0s", "up@3h0m0s"}, tgt.calls)
	require.Contains(t, strings.Join(events(env, "move"), "\n"), `40m0s switch-over interrupted after 30m0s of step "prepare": ops has no power`)
}
