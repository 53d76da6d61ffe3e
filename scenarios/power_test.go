package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/power"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// fireScenario: a fire in a battery room stops the UPS whose batteries
// stand there (half the servers); the fire service then orders all power
// off, emergency power lasts 30 min; power comes back along a curve and
// crews restart servers. Messaging needs login; login has no DR, messaging
// a warm standby that needs the operations tools, which burned too.
const fireScenario = `
name: fire
description: a battery fire and a staged recovery
seed: 5
horizon: 30h
step: 10m
sites:
  - name: dc
    ups:
      - {name: ups-a, ride_through: 10m, battery_room: batteries, feeds: [r1]}
      - {name: ups-b, ride_through: 10m, feeds: [r2]}
    rooms:
      - {name: batteries, hosts: 0}
      - {name: r1, hosts: 100}
      - {name: r2, hosts: 100}
    crews: 10
    restart_time: {dist: deterministic, value: 15m}
  - name: dc2
    ups:
      - {name: ups-s, ride_through: 10m, feeds: [s1]}
    rooms:
      - {name: s1, hosts: 50}
    restart_time: {dist: deterministic, value: 15m}
fires:
  - {name: battery-fire, site: dc, room: batteries, at: 1h, power_off_at: 2h, emergency: 30m}
restorations:
  - name: power-back
    site: dc
    start: 6h
    curve: [{at: 0s, share: 0.1}, {at: 6h, share: 0.9}, {at: 14h, share: 1}]   # from the start
hosted:
  - {name: tools, site: dc, rooms: [r2], target: tools-svc}
  - {name: login, site: dc, rooms: [r2], target: login-svc}
  - name: messaging
    site: dc
    rooms: [r1, r2]
    threshold: 0.5
    depends_on: [login]
    dr: {mode: warm-standby, needs: [tools], standby_site: dc2, standby_rooms: [s1]}
    target: messaging-svc
components:
  - {name: tools-svc, kind: service, workers: 10, service_time: {dist: deterministic, value: 1ms}}
  - {name: login-svc, kind: service, workers: 10, service_time: {dist: deterministic, value: 1ms}}
  - {name: messaging-svc, kind: service, workers: 10, service_time: {dist: deterministic, value: 1ms}}
populations:
  - {name: chat-users, users: 1000, rate: 2, deadline: 5s, target: messaging-svc}
  - {name: login-users, users: 1000, rate: 2, deadline: 5s, target: login-svc}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 1h}
`

// TestFireOutageComesFromPowerAndRestarts: login goes dark with the power
// order and waits for power and restarts; messaging needs login, and cannot
// fail over to its warm standby while the operations tools are down.
func TestFireOutageComesFromPowerAndRestarts(t *testing.T) {
	t.Parallel()
	s, err := spec.Load("fire.yaml", []byte(fireScenario), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	var chat, login PopulationOutcome
	for _, p := range res.Summary.Outcome.Populations {
		switch p.Name {
		case "chat-users":
			chat = p
		case "login-users":
			login = p
		}
	}
	// Login (room r2, UPS b) goes dark when emergency power ends, at
	// 2 h 30 min, and is up once one of its hosts has power again (from
	// 6 h) and has been restarted (15 min): about 3 h 50 min.
	require.InDelta(t, 3*3600+50*60, login.OutageS, 15*60, "login waits for power and a restart")
	require.GreaterOrEqual(t, chat.OutageS, login.OutageS, "messaging needs login")
	powered := seriesOf(t, res, "dc", "powered_share")
	require.InDelta(t, 0.5, powered[int(1.5*6)], 0.01, "after the battery fire half the servers have power")
	require.Zero(t, powered[int(4*6)], "after the order and the emergency power: dark")
	require.InDelta(t, 1, powered[len(powered)-1], 0.01, "power is back by the end")
	running := seriesOf(t, res, "dc", "running_share")
	require.Less(t, running[int(12*6)], powered[int(12*6)], "restarts lag power")
}

// The site outcome says when power came back: the curve reaches 90% at
// 12 h and 100% at 20 h, so the levels are back by the end of the step in
// which the curve reaches them. The other site never lost power: no times,
// and its share is 1 in every step, the last one too (gauges hold their
// value to the end of the run, not to the last event).
func TestSiteOutcomeSaysWhenPowerCameBack(t *testing.T) {
	t.Parallel()
	s, err := spec.Load("fire.yaml", []byte(fireScenario), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	sites := res.Summary.Outcome.Sites
	require.Len(t, sites, 2)
	dc, dc2 := sites[0], sites[1]
	require.Equal(t, "dc", dc.Name)
	require.Equal(t, 200, dc.Hosts)
	require.Zero(t, dc.MinPoweredShare)
	const h = 3600.0
	require.NotNil(t, dc.PoweredBack.At90)
	require.InDelta(t, 12*h+300, *dc.PoweredBack.At90, 301, "end of the step in which 90% is reached")
	require.NotNil(t, dc.PoweredBack.At100)
	require.InDelta(t, 20*h+300, *dc.PoweredBack.At100, 301)
	require.NotNil(t, dc.RunningBack.At100)
	require.Greater(t, *dc.RunningBack.At100, *dc.PoweredBack.At100, "restarts come after power")
	require.Equal(t, ShareLevels{}, dc2.PoweredBack)
	require.Equal(t, 1.0, dc2.MinPoweredShare)
	for i, v := range seriesOf(t, res, "dc2", "powered_share") {
		require.Equal(t, 1.0, v, "step %d", i)
	}
}

// Every disaster-recovery mode a scenario file may name is one the power
// model knows.
func TestEveryDRModeNameBuilds(t *testing.T) {
	t.Parallel()
	for _, name := range power.DRNone.Choices() {
		m, err := power.ParseDRMode(name)
		require.NoError(t, err, name)
		require.Equal(t, name, m.String())
	}
}

// A documented figure this run lacks (the second site never lost power, so
// it was never "back" at 90%) fails its check and says why; the run itself
// does not fail. A path the outcome can never have is an error before the
// run.
func TestCheckOfAFigureTheRunLacks(t *testing.T) {
	t.Parallel()
	doc := fireScenario + `documented:
  - {name: dc2-back, metric: sites.dc2.powered_back.at_90_s, value: 3600, rel_tolerance: 0.1, kind: emergent}
`
	s, err := spec.Load("fire.yaml", []byte(doc), nil)
	require.NoError(t, err)
	res, err := Run(s, Options{})
	require.NoError(t, err)
	require.Len(t, res.Summary.Checks, 1)
	c := res.Summary.Checks[0]
	require.False(t, c.OK)
	require.Contains(t, c.Missing, `outcome has no "at_90_s"`)

	s, err = spec.Load("fire.yaml", []byte(strings.Replace(doc, "sites.dc2.", "sites.dc3.", 1)), nil)
	require.NoError(t, err)
	_, err = Run(s, Options{})
	require.ErrorContains(t, err, `outcome has no item "dc3"`)
}

// The utility actions make a file's ride_through and generator matter (a
// UPS with ride_through 0 has no battery): at
// 20 min the mains is lost (utility-down) at three sites; a bare UPS goes
// dark at once, a 10 min battery carries its room for 10 min, a generator
// that starts in 30 s carries its room on; at 40 min utility-up brings the
// feed back and the dark rooms' power with it.
func TestUtilityActionsDriveTheBatteryAndGenerator(t *testing.T) {
	t.Parallel()
	doc := `
name: mains-lost
description: the utility feed fails at three sites
seed: 1
horizon: 1h
step: 1m
sites:
  - name: bare
    ups: [{name: u0, ride_through: 0s, feeds: [r0]}]
    rooms: [{name: r0, hosts: 4}]
    restart_time: {dist: deterministic, value: 1m}
  - name: battery
    ups: [{name: u1, ride_through: 10m, feeds: [r1]}]
    rooms: [{name: r1, hosts: 4}]
    restart_time: {dist: deterministic, value: 1m}
  - name: generator
    generator: {start: 30s}
    ups: [{name: u2, ride_through: 5m, feeds: [r2]}]
    rooms: [{name: r2, hosts: 4}]
    restart_time: {dist: deterministic, value: 1m}
components:
  - {name: svc, kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}
populations:
  - {name: users, users: 10, rate: 1, deadline: 1s, target: svc}
faults:
  - {name: storm-bare, at: 20m, component: bare, action: utility-down}
  - {name: storm-battery, at: 20m, component: battery, action: utility-down}
  - {name: storm-generator, at: 20m, component: generator, action: utility-down}
  - {name: back, at: 40m, component: battery, action: utility-up}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 10m}
`
	s, err := spec.Load("mains.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Zero(t, s.Sites[0].UPS[0].RideThrough, "ride_through 0s: no battery")
	m, err := build(s)
	require.NoError(t, err)
	require.Len(t, m.sites, 3)
	bare, battery, gen := m.sites[0], m.sites[1], m.sites[2]
	lost := 20 * time.Minute
	m.env.Engine.RunUntil(lost - time.Nanosecond)
	require.True(t, bare.Room("r0").Powered())
	m.env.Engine.RunUntil(lost)
	require.False(t, bare.Room("r0").Powered(), "no battery: dark at the loss")
	require.Zero(t, bare.PoweredShare())
	require.True(t, battery.Room("r1").Powered(), "on battery")
	m.env.Engine.RunUntil(lost + 10*time.Minute - time.Nanosecond)
	require.True(t, battery.Room("r1").Powered(), "the battery lasts its ride_through")
	m.env.Engine.RunUntil(lost + 10*time.Minute)
	require.False(t, battery.Room("r1").Powered(), "the battery ran out")
	require.True(t, gen.Room("r2").Powered(), "the generator carries the load")
	m.env.Engine.RunUntil(40 * time.Minute)
	require.True(t, battery.Room("r1").Powered(), "utility-up: the feed is back")
	require.False(t, bare.Room("r0").Powered(), "the bare site's feed is still down")

	_, err = spec.Load("mains.yaml", []byte(strings.Replace(doc, "component: bare,", "component: bear,", 1)), nil)
	require.ErrorContains(t, err, `faults.storm-bare.component: unknown site "bear"; expected one of the sites: bare, battery, generator`)
}
