package spec

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/power"
)

// The power file in testdata uses every field of the sites, fires,
// restorations and hosted blocks. Loading it must give exactly the values
// below: defaults applied (crews, dr mode), ${} substituted, everything in
// file order.
func TestLoadPower(t *testing.T) {
	data, err := os.ReadFile("testdata/power.yaml")
	require.NoError(t, err)
	s, err := Load("power.yaml", data, nil)
	require.NoError(t, err)

	h, m := time.Hour, time.Minute
	require.Equal(t, []Site{
		{
			Name:      "pangyo",
			Generator: &Generator{Start: 30 * time.Second, FailProb: 0.05},
			UPS: []UPS{
				{Name: "ups-a", RideThrough: 15 * m, BatteryRoom: "b1", Feeds: []string{"a1", "a2"}},
				{Name: "ups-b", RideThrough: 10 * m, Feeds: []string{"a3"}},
			},
			Rooms:       []Room{{Name: "b1", Hosts: 0}, {Name: "a1", Hosts: 12000}, {Name: "a2", Hosts: 8000}, {Name: "a3", Hosts: 12000}},
			Crews:       4,
			RestartTime: models.UniformDist{Min: 5 * m, Max: 15 * m},
		},
		{
			Name:        "ansan",
			Rooms:       []Room{{Name: "r1", Hosts: 20000}},
			Crews:       1,
			RestartTime: models.DeterministicDist{Value: 10 * m},
		},
	}, s.Sites)
	require.Equal(t, []Fire{{
		Name: "battery-fire", Site: "pangyo", Room: "b1", At: 15*h + 18*m,
		Spread:     []FireSpread{{Room: "a1", After: 20 * m}, {Room: "a2", After: h}},
		PowerOffAt: 16*h + 40*m, Emergency: 30 * m,
	}}, s.Fires)
	require.Equal(t, []Restoration{{
		Name: "pangyo-power", Site: "pangyo", TeamConfig: power.TeamConfig{Start: 24 * h, PanelsPerRoom: 1},
		Curve: []CurvePoint{{At: 2 * h, Share: 0.3}, {At: 5 * h, Share: 0.9}, {At: 62 * h, Share: 1}},
	}}, s.Restorations)
	require.Equal(t, []Hosted{
		{Name: "ops-tools", Site: "ansan", Rooms: []string{"r1"}, DR: DR{Mode: power.DRNone}, Target: "ops"},
		{Name: "auth", Site: "pangyo", Rooms: []string{"a1", "a2"}, Threshold: 0.5, DR: DR{Mode: power.DRNone}, Target: "login"},
		{Name: "messaging", Site: "pangyo", Rooms: []string{"a3"}, DependsOn: []string{"auth"},
			DR: DR{
				Mode:         power.DRWarmStandby,
				Recovery:     models.LognormalDist{Mean: 2 * h, Stddev: 30 * m},
				Needs:        []string{"ops-tools"},
				StandbySite:  "ansan",
				StandbyRooms: []string{"r1"},
			},
			Target: "talk"},
		{Name: "mail", Site: "pangyo", Rooms: []string{"a2", "a3"}, DependsOn: []string{"auth", "messaging"},
			DR: DR{Mode: power.DRBackupRestore}, Target: "talk"},
	}, s.Hosted)
}

// A UPS with a ride-through of 0s has no battery (the model's meaning of
// 0): the file accepts it.
func TestLoadUPSWithoutBattery(t *testing.T) {
	data, err := os.ReadFile("testdata/power.yaml")
	require.NoError(t, err)
	s, err := Load("power.yaml", data, []string{"sites.pangyo.ups.ups-b.ride_through=0s"})
	require.NoError(t, err)
	require.Equal(t, UPS{Name: "ups-b", Feeds: []string{"a3"}}, s.Sites[0].UPS[1])
}

// crews: none is the model's 0 crews: a powered server runs at once, so
// no restart time is needed; with crews, one is.
func TestLoadSiteWithoutCrews(t *testing.T) {
	doc := edit(t, "outcome:", "sites:\n  - {name: s, rooms: [{name: r, hosts: 3}], ups: [{name: u, ride_through: 0s, feeds: [r]}], crews: none}\noutcome:")
	s, err := Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Equal(t, 0, s.Sites[0].Crews)
	require.Nil(t, s.Sites[0].RestartTime)
	_, err = Load("t.yaml", []byte(strings.Replace(doc, "crews: none", "crews: 2", 1)), nil)
	requireErrors(t, err, wantErr{"t.yaml:21:5", "sites.s.restart_time", `missing required field "restart_time"`})
}

// A file without the new blocks has none of them.
func TestLoadPowerAbsent(t *testing.T) {
	s, err := Load("t.yaml", []byte(base), nil)
	require.NoError(t, err)
	require.Nil(t, s.Sites)
	require.Nil(t, s.Fires)
	require.Nil(t, s.Restorations)
	require.Nil(t, s.Hosted)
}

// --set reaches the new fields by name: params, nested lists and the dr
// block.
func TestLoadPowerSet(t *testing.T) {
	data, err := os.ReadFile("testdata/power.yaml")
	require.NoError(t, err)
	s, err := Load("power.yaml", data, []string{
		"crews=9",
		"dr_mode=active-active",
		"sites.pangyo.ups.ups-a.ride_through=1h",
		"sites.ansan.rooms.r1.hosts=5",
		"fires.battery-fire.spread.1.after=2h",
		"restorations.pangyo-power.curve.0.share=0.5",
		"hosted.mail.dr.mode=pilot-light",
		"hosted.auth.threshold=1",
	})
	require.NoError(t, err)
	require.Equal(t, 9, s.Sites[0].Crews)
	require.Equal(t, power.DRActiveActive, s.Hosted[2].DR.Mode)
	require.Equal(t, time.Hour, s.Sites[0].UPS[0].RideThrough)
	require.Equal(t, 5, s.Sites[1].Rooms[0].Hosts)
	require.Equal(t, 2*time.Hour, s.Fires[0].Spread[1].After)
	require.Equal(t, 0.5, s.Restorations[0].Curve[0].Share)
	require.Equal(t, power.DRPilotLight, s.Hosted[3].DR.Mode)
	require.Equal(t, 1.0, s.Hosted[1].Threshold)

	// A --set that breaks a reference is reported where the flag put it.
	_, err = Load("power.yaml", data, []string{"fires.battery-fire.room=r1"})
	requireErrors(t, err, wantErr{"power.yaml:34:11", "fires.battery-fire.room", `unknown room "r1" of site "pangyo"; expected one of its rooms: b1, a1, a2, a3`})
	_, err = Load("power.yaml", data, []string{"dr_mode=hot"})
	require.Error(t, err)
}

// One case per rule of the new blocks: each edit of power.yaml gives
// exactly the errors listed, at the position of the offending value.
func TestLoadPowerErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []wantErr
	}{
		// sites
		{"duplicate site", []string{"fires:\n", "  - {name: pangyo, rooms: [{name: x, hosts: 1}], restart_time: {dist: deterministic, value: 1m}}\nfires:\n"},
			[]wantErr{{"t.yaml:31:12", "sites.2.name", "duplicate site name \"pangyo\"; the first is at line 12"}}},
		{"site without rooms", []string{"    rooms:\n      - {name: r1, hosts: 20000}\n", ""},
			[]wantErr{{"t.yaml:27:5", "sites.ansan.rooms", "missing required field \"rooms\"; expected a non-empty list of rooms"}}},
		{"empty rooms", []string{"    rooms:\n      - {name: r1, hosts: 20000}\n", "    rooms: []\n"},
			[]wantErr{{"t.yaml:28:12", "sites.ansan.rooms", "expected a non-empty list of rooms, got an empty list"}}},
		{"duplicate room", []string{"{name: a3, hosts: 12000}\n", "{name: a3, hosts: 12000}\n      - {name: a1, hosts: 1}\n"},
			[]wantErr{{"t.yaml:25:16", "sites.pangyo.rooms.4.name", "duplicate room name \"a1\"; the first is at line 22"}}},
		{"hosts out of range", []string{"{name: r1, hosts: 20000}", "{name: r1, hosts: 2000000}"},
			[]wantErr{{"t.yaml:29:27", "sites.ansan.rooms.r1.hosts", "expected an integer >= 0, at most 1000000, got \"2000000\""}}},
		{"negative hosts", []string{"{name: b1, hosts: 0}", "{name: b1, hosts: -1}"},
			[]wantErr{{"t.yaml:21:27", "sites.pangyo.rooms.b1.hosts", "expected an integer >= 0, got \"-1\""}}},
		{"crews zero", []string{"crews: ${crews}", "crews: 0"},
			[]wantErr{{"t.yaml:25:12", "sites.pangyo.crews", "expected a positive integer, got \"0\""}}},
		{"crews too many", []string{"crews: ${crews}", "crews: 1000001"},
			[]wantErr{{"t.yaml:25:12", "sites.pangyo.crews", "expected a positive integer, at most 1000000, got \"1000001\""}}},
		{"restart_time missing", []string{"    restart_time: {dist: deterministic, value: 10m}\n", ""},
			[]wantErr{{"t.yaml:27:5", "sites.ansan.restart_time", "missing required field \"restart_time\"; expected a distribution, like {dist: uniform, min: 5m, max: 15m}"}}},
		{"restart_time bad", []string{"{dist: deterministic, value: 10m}", "{dist: deterministic, mean: 10m}"},
			[]wantErr{{"t.yaml:30:19", "sites.ansan.restart_time.value", "missing required field \"value\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"},
				{"t.yaml:30:41", "sites.ansan.restart_time.mean", "unknown field \"mean\" for a distribution of kind deterministic; expected one of: dist, value"}}},
		{"unknown site field", []string{"    crews: ${crews}\n", "    crew: 3\n"},
			[]wantErr{{"t.yaml:25:5", "sites.pangyo.crew", "unknown field \"crew\" for a site (did you mean \"crews\"?); expected one of: name, generator, ups, rooms, crews, restart_time"}}},
		{"generator start missing", []string{"generator: {start: 30s, fail_probability: 0.05}", "generator: {fail_probability: 0.05}"},
			[]wantErr{{"t.yaml:13:16", "sites.pangyo.generator.start", "missing required field \"start\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"generator negative start", []string{"start: 30s, fail_probability", "start: -1s, fail_probability"},
			[]wantErr{{"t.yaml:13:24", "sites.pangyo.generator.start", "negative duration \"-1s\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"fail_probability above 1", []string{"fail_probability: 0.05", "fail_probability: 1.5"},
			[]wantErr{{"t.yaml:13:47", "sites.pangyo.generator.fail_probability", "expected a probability from 0 to 1, got \"1.5\""}}},
		{"ups without ride_through", []string{"{name: ups-b, ride_through: 10m, feeds: [a3]}", "{name: ups-b, feeds: [a3]}"},
			[]wantErr{{"t.yaml:19:9", "sites.pangyo.ups.ups-b.ride_through", "missing required field \"ride_through\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"ups ride_through negative", []string{"ride_through: 10m", "ride_through: -1s"},
			[]wantErr{{"t.yaml:19:37", "sites.pangyo.ups.ups-b.ride_through", "negative duration \"-1s\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"duplicate ups", []string{"name: ups-b", "name: ups-a"},
			[]wantErr{{"t.yaml:19:16", "sites.pangyo.ups.1.name", "duplicate UPS name \"ups-a\"; the first is at line 15"}}},
		{"ups without feeds", []string{", feeds: [a3]}", "}"},
			[]wantErr{{"t.yaml:19:9", "sites.pangyo.ups.ups-b.feeds", "missing required field \"feeds\"; expected a non-empty list of room names"}}},
		{"ups empty feeds", []string{"feeds: [a3]", "feeds: []"},
			[]wantErr{{"t.yaml:19:49", "sites.pangyo.ups.ups-b.feeds", "expected a non-empty list of room names, got an empty list"}}},
		{"ups feeds unknown room", []string{"feeds: [a3]", "feeds: [r1]"},
			[]wantErr{{"t.yaml:19:50", "sites.pangyo.ups.ups-b.feeds.0", "unknown room \"r1\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},
		{"ups feeds twice", []string{"feeds: [a1, a2]", "feeds: [a1, a1]"},
			[]wantErr{{"t.yaml:18:21", "sites.pangyo.ups.ups-a.feeds.1", "duplicate room name \"a1\"; the first is at line 18"}}},
		{"unknown battery room", []string{"battery_room: b1", "battery_room: b2"},
			[]wantErr{{"t.yaml:17:23", "sites.pangyo.ups.ups-a.battery_room", "unknown room \"b2\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},

		// fires
		{"fire unknown site", []string{"    site: pangyo\n    room: b1", "    site: seoul\n    room: b1"},
			[]wantErr{{"t.yaml:33:11", "fires.battery-fire.site", "unknown site \"seoul\"; expected one of the sites: pangyo, ansan"}}},
		{"fire unknown room", []string{"    room: b1\n", "    room: r1\n"},
			[]wantErr{{"t.yaml:34:11", "fires.battery-fire.room", "unknown room \"r1\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},
		{"fire spread unknown room", []string{"{room: a2, after: 1h}", "{room: a4, after: 1h}"},
			[]wantErr{{"t.yaml:38:16", "fires.battery-fire.spread.1.room", "unknown room \"a4\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},
		{"fire spread without after", []string{"{room: a2, after: 1h}", "{room: a2}"},
			[]wantErr{{"t.yaml:38:9", "fires.battery-fire.spread.1.after", "missing required field \"after\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"fire without at", []string{"    at: 15h18m\n", ""},
			[]wantErr{{"t.yaml:32:5", "fires.battery-fire.at", "missing required field \"at\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"fire after the horizon", []string{"at: 15h18m", "at: 6d"},
			[]wantErr{{"t.yaml:35:9", "fires.battery-fire.at", "expected a time <= the horizon (120h), got 144h"},
				{"t.yaml:39:19", "fires.battery-fire.power_off_at", "expected power_off_at >= at (144h), got 16h40m"}}},
		{"power off before the fire", []string{"power_off_at: 16h40m", "power_off_at: 15h"},
			[]wantErr{{"t.yaml:39:19", "fires.battery-fire.power_off_at", "expected power_off_at >= at (15h18m), got 15h"}}},
		{"power off after the horizon", []string{"power_off_at: 16h40m", "power_off_at: 5d1h"},
			[]wantErr{{"t.yaml:39:19", "fires.battery-fire.power_off_at", "expected a time <= the horizon (120h), got 121h"}}},
		{"negative emergency", []string{"emergency: 30m", "emergency: -30m"},
			[]wantErr{{"t.yaml:40:16", "fires.battery-fire.emergency", "negative duration \"-30m\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"duplicate fire", []string{"    emergency: 30m\n", "    emergency: 30m\n  - {name: battery-fire, site: pangyo, room: a1, at: 1h}\n"},
			[]wantErr{{"t.yaml:41:12", "fires.1.name", "duplicate fire name \"battery-fire\"; the first is at line 32"}}},

		// restorations
		{"restoration unknown site", []string{"    site: pangyo\n    start: 1d", "    site: seoul\n    start: 1d"},
			[]wantErr{{"t.yaml:43:11", "restorations.pangyo-power.site", "unknown site \"seoul\"; expected one of the sites: pangyo, ansan"}}},
		{"restoration after the horizon", []string{"start: 1d", "start: 6d"},
			[]wantErr{{"t.yaml:44:12", "restorations.pangyo-power.start", "expected a start <= the horizon (120h), got 144h"}}},
		{"restoration without curve", []string{"    curve:\n      - {at: 2h, share: 0.3}\n      - {at: 5h, share: 0.9}\n      - {at: 2d14h, share: 1}\n", ""},
			[]wantErr{{"t.yaml:42:5", "restorations.pangyo-power.curve", "missing curve or teams; expected a curve (a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}]) or teams with energize and repair"}}},
		{"empty curve", []string{"    curve:\n      - {at: 2h, share: 0.3}\n      - {at: 5h, share: 0.9}\n      - {at: 2d14h, share: 1}\n", "    curve: []\n"},
			[]wantErr{{"t.yaml:45:12", "restorations.pangyo-power.curve", "expected a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}], got an empty list"}}},
		{"curve time not increasing", []string{"{at: 5h, share: 0.9}", "{at: 2h, share: 0.9}"},
			[]wantErr{{"t.yaml:47:14", "restorations.pangyo-power.curve.1.at", "expected at > the previous point's (2h), got 2h"}}},
		{"curve share decreasing", []string{"{at: 5h, share: 0.9}", "{at: 5h, share: 0.2}"},
			[]wantErr{{"t.yaml:47:25", "restorations.pangyo-power.curve.1.share", "expected share >= the previous point's (0.3), got 0.2"}}},
		{"curve share zero", []string{"{at: 2h, share: 0.3}", "{at: 2h, share: 0}"},
			[]wantErr{{"t.yaml:46:25", "restorations.pangyo-power.curve.0.share", "expected a share of hosts in (0, 1], got \"0\""}}},
		{"curve last share below 1", []string{"{at: 2d14h, share: 1}", "{at: 2d14h, share: 0.95}"},
			[]wantErr{{"t.yaml:48:28", "restorations.pangyo-power.curve.2.share", "expected the last point's share to be 1 (all hosts powered), got 0.95"}}},

		// hosted
		{"hosted unknown site", []string{"    site: ansan\n    rooms: [r1]", "    site: seoul\n    rooms: [r1]"},
			[]wantErr{{"t.yaml:51:11", "hosted.ops-tools.site", "unknown site \"seoul\"; expected one of the sites: pangyo, ansan"}}},
		{"hosted unknown room", []string{"rooms: [a1, a2]", "rooms: [a1, r1]"},
			[]wantErr{{"t.yaml:56:17", "hosted.auth.rooms.1", "unknown room \"r1\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},
		{"hosted empty rooms", []string{"rooms: [a1, a2]", "rooms: []"},
			[]wantErr{{"t.yaml:56:12", "hosted.auth.rooms", "expected a non-empty list of room names, got an empty list"}}},
		{"hosted threshold", []string{"threshold: 0.5", "threshold: 2"},
			[]wantErr{{"t.yaml:57:16", "hosted.auth.threshold", "expected a share of hosts from 0 to 1, got \"2\""}}},
		{"depends on a later entry", []string{"depends_on: [auth, messaging]", "depends_on: [auth, nope]"},
			[]wantErr{{"t.yaml:73:24", "hosted.mail.depends_on.1", "unknown hosted service \"nope\"; expected one listed earlier: ops-tools, auth, messaging"}}},
		{"depends on itself", []string{"depends_on: [auth]", "depends_on: [messaging]"},
			[]wantErr{{"t.yaml:62:18", "hosted.messaging.depends_on.0", "unknown hosted service \"messaging\"; expected one listed earlier: ops-tools, auth"}}},
		{"depends on a later one", []string{"    rooms: [r1]\n    target: ops", "    rooms: [r1]\n    depends_on: [auth]\n    target: ops"},
			[]wantErr{{"t.yaml:53:18", "hosted.ops-tools.depends_on.0", "unknown hosted service \"auth\"; expected one listed earlier, and none is"}}},
		{"needs a later entry", []string{"needs: [ops-tools]", "needs: [mail]"},
			[]wantErr{{"t.yaml:66:15", "hosted.messaging.dr.needs.0", "unknown hosted service \"mail\"; expected one listed earlier: ops-tools, auth"}}},
		{"duplicate hosted", []string{"  - name: mail\n", "  - name: auth\n"},
			[]wantErr{{"t.yaml:70:11", "hosted.3.name", "duplicate hosted name \"auth\"; the first is at line 54"}}},
		{"unknown dr mode", []string{"dr: {mode: backup-and-restore}", "dr: {mode: cold}"},
			[]wantErr{{"t.yaml:74:16", "hosted.mail.dr.mode", "expected one of: none, backup-and-restore, pilot-light, warm-standby, active-active; got \"cold\""}}},
		{"standby site unknown", []string{"standby_site: ansan", "standby_site: seoul"},
			[]wantErr{{"t.yaml:67:21", "hosted.messaging.dr.standby_site", "unknown site \"seoul\"; expected one of the sites: pangyo, ansan"}}},
		{"standby room unknown", []string{"standby_rooms: [r1]", "standby_rooms: [a1]"},
			[]wantErr{{"t.yaml:68:23", "hosted.messaging.dr.standby_rooms.0", "unknown room \"a1\" of site \"ansan\"; expected one of its rooms: r1"}}},
		{"standby site without rooms", []string{"      standby_rooms: [r1]\n", ""},
			[]wantErr{{"t.yaml:64:7", "hosted.messaging.dr.standby_rooms", "missing standby_rooms; expected the rooms of standby_site that run the copy"}}},
		{"standby rooms without site", []string{"      standby_site: ansan\n", ""},
			[]wantErr{{"t.yaml:67:22", "hosted.messaging.dr.standby_rooms", "standby_rooms needs standby_site: the site those rooms belong to"}}},
		{"recovery bad", []string{"recovery: {dist: lognormal, mean: 2h, stddev: 30m}", "recovery: {dist: lognormal, mean: 2h}"},
			[]wantErr{{"t.yaml:65:17", "hosted.messaging.dr.recovery.stddev", "missing required field \"stddev\"; expected a duration > 0 with a unit, like 30s, 1.5h or 2d"}}},
		{"target unknown", []string{"target: login", "target: logon"},
			[]wantErr{{"t.yaml:58:13", "hosted.auth.target", "unknown component \"logon\"; expected one of the components: ops, login, talk"}}},
		{"target not a service", []string{"    target: ops\n", "    target: cache\n", "components:\n", "components:\n  - {name: cache, kind: token-cache, target: login, ttl: 1h}\n"},
			[]wantErr{{"t.yaml:53:13", "hosted.ops-tools.target", "expected a service component, got \"cache\", a token-cache component"}}},
		{"hosted without target", []string{"    rooms: [r1]\n    target: ops\n", "    rooms: [r1]\n"},
			[]wantErr{{"t.yaml:50:5", "hosted.ops-tools.target", "missing required field \"target\"; expected the name of a service component"}}},
		{"sites missing", []string{"sites:", "xsites:"},
			[]wantErr{{"t.yaml:11:1", "xsites", "unknown field \"xsites\" for a scenario (did you mean \"sites\"?); expected one of: name, description, seed, horizon, step, clock, network, params, clients, components, populations, faults, actions, detectors, operators, sites, fires, restorations, data_pools, hosted, outcome, documented, documented_events, quick"},
				{"t.yaml:33:11", "fires.battery-fire.site", "unknown site \"pangyo\"; no sites are declared (add them under sites:)"},
				{"t.yaml:43:11", "restorations.pangyo-power.site", "unknown site \"pangyo\"; no sites are declared (add them under sites:)"},
				{"t.yaml:51:11", "hosted.ops-tools.site", "unknown site \"ansan\"; no sites are declared (add them under sites:)"},
				{"t.yaml:55:11", "hosted.auth.site", "unknown site \"pangyo\"; no sites are declared (add them under sites:)"},
				{"t.yaml:60:11", "hosted.messaging.site", "unknown site \"pangyo\"; no sites are declared (add them under sites:)"},
				{"t.yaml:67:21", "hosted.messaging.dr.standby_site", "unknown site \"ansan\"; no sites are declared (add them under sites:)"},
				{"t.yaml:71:11", "hosted.mail.site", "unknown site \"pangyo\"; no sites are declared (add them under sites:)"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireLoadErrors(t, editDoc(t, testdataDoc(t, "power.yaml"), tc.edits...), tc.want...)
		})
	}
}

// The defaults of the new blocks, in the smallest file that uses them.
func TestLoadPowerDefaults(t *testing.T) {
	doc := edit(t, "outcome:", `sites:
  - {name: s, rooms: [{name: r, hosts: 3}], restart_time: {dist: deterministic, value: 1m}}
fires:
  - {name: f, site: s, room: r, at: 10m}
hosted:
  - {name: h, site: s, rooms: [r], target: server}
  - {name: g, site: s, rooms: [r], dr: {}, target: server}
outcome:`)
	s, err := Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Equal(t, []Site{{Name: "s", Rooms: []Room{{Name: "r", Hosts: 3}}, Crews: 1,
		RestartTime: models.DeterministicDist{Value: time.Minute}}}, s.Sites)
	require.Equal(t, []Fire{{Name: "f", Site: "s", Room: "r", At: 10 * time.Minute}}, s.Fires)
	require.Nil(t, s.Restorations)
	require.Equal(t, []Hosted{
		{Name: "h", Site: "s", Rooms: []string{"r"}, DR: DR{Mode: power.DRNone}, Target: "server"},
		{Name: "g", Site: "s", Rooms: []string{"r"}, DR: DR{Mode: power.DRNone}, Target: "server"},
	}, s.Hosted)
}

// teamsDoc is the smallest file with a restoration by teams, water damage
// and data recovery.
const teamsDoc = `sites:
  - name: s
    ups: [{name: u, ride_through: 5m, battery_room: b, feeds: [r, w]}]
    rooms: [{name: b, hosts: 0}, {name: r, hosts: 30}, {name: w, hosts: 10}]
    restart_time: {dist: deterministic, value: 1m}
fires:
  - {name: f, site: s, room: b, at: 10m, power_off_at: 20m, water_damage: [w]}
restorations:
  - name: teams
    site: s
    start: 30m
    teams: 2
    panels_per_room: 3
    energize: {dist: deterministic, value: 10m}
    repair: {dist: uniform, min: 1h, max: 2h}
data_pools:
  - {name: backup, rate_per_hour: 2.5}
hosted:
  - {name: h, site: s, rooms: [r, w], target: server, data: {size: 10, pool: backup}}
outcome:`

// A restoration by teams, water damage and data recovery load as written,
// and each of their rules gives exactly the error listed.
func TestLoadPowerTeamsAndData(t *testing.T) {
	doc := edit(t, "outcome:", teamsDoc)
	s, err := Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	m := time.Minute
	require.Equal(t, []string{"w"}, s.Fires[0].WaterDamage)
	require.Equal(t, []Restoration{{Name: "teams", Site: "s", TeamConfig: power.TeamConfig{Start: 30 * m, Teams: 2, PanelsPerRoom: 3,
		Energize: models.DeterministicDist{Value: 10 * m}, Repair: models.UniformDist{Min: time.Hour, Max: 2 * time.Hour}}}}, s.Restorations)
	require.Equal(t, []DataPool{{Name: "backup", RatePerHour: 2.5}}, s.DataPools)
	require.Equal(t, &HostedData{Size: 10, Pool: "backup"}, s.Hosted[0].Data)

	noPanels, err := Load("t.yaml", []byte(editDoc(t, doc, "    panels_per_room: 3\n", "")), nil)
	require.NoError(t, err)
	require.Equal(t, 1, noPanels.Restorations[0].PanelsPerRoom, "default: a room is one panel")

	for _, tc := range []struct {
		name  string
		edits []string
		want  []wantErr
	}{
		{"water damage unknown room", []string{"water_damage: [w]", "water_damage: [x]"},
			[]wantErr{{"t.yaml:26:76", "fires.f.water_damage.0", "unknown room \"x\" of site \"s\"; expected one of its rooms: b, r, w"}}},
		{"teams and curve", []string{"    teams: 2\n", "    teams: 2\n    curve: [{at: 1h, share: 1}]\n"},
			[]wantErr{{"t.yaml:31:12", "restorations.teams.teams", "a restoration follows a curve or is done by teams, not both; remove curve or teams"}}},
		{"neither teams nor curve", []string{"    teams: 2\n", ""},
			[]wantErr{{"t.yaml:28:5", "restorations.teams.curve", "missing curve or teams; expected a curve (a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}]) or teams with energize and repair"}}},
		{"teams without energize", []string{"    energize: {dist: deterministic, value: 10m}\n", ""},
			[]wantErr{{"t.yaml:28:5", "restorations.teams.energize", "missing required field \"energize\" for a restoration by teams; expected a distribution, like {dist: uniform, min: 10m, max: 30m}"}}},
		{"teams zero", []string{"teams: 2", "teams: 0"},
			[]wantErr{{"t.yaml:31:12", "restorations.teams.teams", "expected a positive integer, got \"0\""}}},
		{"panels zero", []string{"panels_per_room: 3", "panels_per_room: 0"},
			[]wantErr{{"t.yaml:32:22", "restorations.teams.panels_per_room", "expected a positive integer, got \"0\""}}},
		{"pool rate zero", []string{"rate_per_hour: 2.5", "rate_per_hour: 0"},
			[]wantErr{{"t.yaml:36:35", "data_pools.backup.rate_per_hour", "expected a positive amount of data an hour, in the unit of the hosted entries' data sizes, got \"0\""}}},
		{"data size negative", []string{"size: 10", "size: -1"},
			[]wantErr{{"t.yaml:38:68", "hosted.h.data.size", "expected a positive amount of data, in the unit of the pool's rate, got \"-1\""}}},
		{"data unknown pool", []string{"pool: backup}", "pool: tape}"},
			[]wantErr{{"t.yaml:38:78", "hosted.h.data.pool", "unknown data pool \"tape\"; expected one of the data pools: backup"}}},
		{"data without pools", []string{"data_pools:\n  - {name: backup, rate_per_hour: 2.5}\n", ""},
			[]wantErr{{"t.yaml:36:78", "hosted.h.data.pool", "unknown data pool \"backup\"; no data pools are declared (add them under data_pools:)"}}},
		{"duplicate pool", []string{"  - {name: backup, rate_per_hour: 2.5}\n", "  - {name: backup, rate_per_hour: 2.5}\n  - {name: backup, rate_per_hour: 1}\n"},
			[]wantErr{{"t.yaml:37:12", "data_pools.1.name", "duplicate data pool name \"backup\"; the first is at line 36"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireLoadErrors(t, editDoc(t, doc, tc.edits...), tc.want...)
		})
	}
}
