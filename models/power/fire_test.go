package power

import (
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// twoWings is a site whose two UPS units keep their batteries in two
// battery rooms and feed one server room each.
func twoWings(env *models.Env, t *testing.T) *Site {
	return mustSite(t, env, SiteConfig{
		Name:      "pangyo",
		Generator: &GeneratorConfig{Start: 10 * time.Second},
		UPS: []UPSConfig{
			{Name: "ups-a", RideThrough: 5 * time.Minute, BatteryRoom: "b3-battery", Feeds: []string{"hall-a"}},
			{Name: "ups-b", RideThrough: 5 * time.Minute, BatteryRoom: "b3-battery-2", Feeds: []string{"hall-b"}},
		},
		Rooms: []RoomConfig{
			{Name: "b3-battery"}, {Name: "b3-battery-2"},
			{Name: "hall-a", Hosts: 2}, {Name: "hall-b", Hosts: 2},
		},
	})
}

// The Kakao sequence: fire in a battery room at 15:19 (t = 0 here) stops
// the UPS units whose batteries stand there, so half the servers go dark;
// the fire service orders all power off at 16:52; emergency power carries
// the rest for 30 min; then everything is dark.
func TestFirePartialLossThenPowerOff(t *testing.T) {
	env := newEnv(t, 3*time.Hour, 1)
	s := twoWings(env, t)
	cut := 93 * time.Minute
	_, err := NewFire(env, s, FireConfig{Name: "kakao", Room: "b3-battery", PowerOff: true, PowerOffAt: cut, Emergency: 30 * time.Minute})
	require.NoError(t, err)

	env.Engine.RunUntil(time.Second)
	require.True(t, s.UPS("ups-a").Damaged())
	require.False(t, s.Room("hall-a").Powered())
	require.True(t, s.Room("hall-b").Powered())
	require.Equal(t, 0.5, s.PoweredShare())

	env.Engine.RunUntil(cut + 30*time.Minute - 1)
	require.True(t, s.Room("hall-b").Powered(), "emergency power carries hall-b")
	require.True(t, s.UPS("ups-b").OnBattery())
	require.Equal(t, GeneratorIdle, s.Generator(), "the order cuts the generator too")
	env.Engine.RunUntil(cut + 30*time.Minute)
	require.False(t, s.Room("hall-b").Powered())
	require.Equal(t, 0.0, s.PoweredShare())

	var kinds []string
	for _, e := range env.Recorder.Events() {
		if e.Kind == sim.EventFault || (e.Kind == sim.EventPower && strings.HasSuffix(e.Message, "(kakao)")) { // the fire's own events
			kinds = append(kinds, e.At.String()+" "+string(e.Kind)+" "+e.Message)
		}
	}
	require.Equal(t, []string{
		"0s fault fire in b3-battery (kakao)",
		"1h33m0s power no advance notice of the power-off to the site's operators (kakao)",
		"1h33m0s power fire service orders all power off (kakao)",
	}, kinds)

	// Until power is restored.
	at(env, 3*time.Hour-time.Minute, s.RestoreUtility)
	env.Engine.RunUntil(3 * time.Hour)
	require.True(t, s.Room("hall-b").Powered())
	require.False(t, s.Room("hall-a").Powered(), "ups-a stays damaged")
}

// The fire spreads to the second battery room after 20 min: the loss
// becomes total before any order.
func TestFireSpreads(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := twoWings(env, t)
	_, err := NewFire(env, s, FireConfig{Room: "b3-battery", At: time.Minute,
		Spread: []Spread{{Room: "b3-battery-2", After: 20 * time.Minute}}})
	require.NoError(t, err)
	env.Engine.RunUntil(21*time.Minute - 1)
	require.Equal(t, 0.5, s.PoweredShare())
	env.Engine.RunUntil(21 * time.Minute)
	require.Equal(t, 0.0, s.PoweredShare())
}

// A fire in a server room darkens it even if its UPS works.
func TestFireInServerRoom(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := twoWings(env, t)
	_, err := NewFire(env, s, FireConfig{Room: "hall-b", At: time.Minute})
	require.NoError(t, err)
	env.Engine.RunUntil(time.Hour)
	require.True(t, s.UPS("ups-b").Delivering())
	require.Equal(t, 0.5, s.PoweredShare())
}

// Water used at the end of emergency power (order at 1 h, 30 min of
// emergency power) damages hall-b at 1h30 and not before: it stays dark
// when the utility feed comes back, though its UPS delivers again.
func TestFireWaterDamage(t *testing.T) {
	env := newEnv(t, 3*time.Hour, 1)
	s := twoWings(env, t)
	_, err := NewFire(env, s, FireConfig{Name: "kakao", Room: "b3-battery", PowerOff: true, PowerOffAt: time.Hour,
		Emergency: 30 * time.Minute, WaterDamage: []string{"hall-b"}})
	require.NoError(t, err)
	hallB := s.Room("hall-b")
	env.Engine.RunUntil(90*time.Minute - 1)
	require.False(t, hallB.Damaged())
	require.False(t, hallB.WaterDamaged())
	require.True(t, hallB.Powered(), "emergency power still carries hall-b")
	env.Engine.RunUntil(90 * time.Minute)
	require.True(t, hallB.Damaged())
	require.True(t, hallB.WaterDamaged())
	require.False(t, hallB.Burned())
	require.False(t, s.Room("hall-a").Damaged(), "dark, not damaged")
	require.True(t, s.Room("b3-battery").Damaged(), "burned")

	var faults []string
	for _, e := range env.Recorder.Events() {
		if e.Kind == "fault" {
			faults = append(faults, e.At.String()+" "+e.Subject+" "+e.Message)
		}
	}
	require.Equal(t, []string{
		"0s b3-battery fire in b3-battery (kakao)",
		"1h30m0s hall-b water damage in hall-b (kakao)",
	}, faults)

	at(env, 2*time.Hour, s.RestoreUtility)
	env.Engine.RunUntil(2 * time.Hour)
	require.True(t, s.UPS("ups-b").Delivering())
	require.False(t, hallB.Powered())
	require.Equal(t, 0.0, s.PoweredShare())
}

// Without a power-off order the water is used at ignition; it darkens a
// room whose UPS still delivers.
func TestFireWaterDamageWithoutPowerOff(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := twoWings(env, t)
	_, err := NewFire(env, s, FireConfig{Room: "b3-battery", At: 10 * time.Minute, WaterDamage: []string{"hall-b"}})
	require.NoError(t, err)
	env.Engine.RunUntil(10*time.Minute - 1)
	require.Equal(t, 1.0, s.PoweredShare())
	env.Engine.RunUntil(10 * time.Minute)
	require.True(t, s.UPS("ups-b").Delivering())
	require.False(t, s.Room("hall-b").Powered())
	require.Equal(t, 0.0, s.PoweredShare())
}

func TestFireConfigErrors(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	s := twoWings(env, t)
	for i, c := range []FireConfig{
		{Room: "nowhere"},
		{Room: "hall-a", Spread: []Spread{{Room: "nowhere"}}},
		{Room: "hall-a", At: time.Minute, PowerOff: true, PowerOffAt: time.Second},
		{Room: "hall-a", PowerOff: true, Emergency: -1},
		{Room: "hall-a", WaterDamage: []string{"hall-b", "hall-b"}},
	} {
		_, err := NewFire(env, s, c)
		require.Error(t, err, "config %d", i)
	}
	_, err := NewFire(env, s, FireConfig{Name: "kakao", Room: "hall-a", WaterDamage: []string{"hall-b", "nowhere"}})
	require.ErrorContains(t, err, `fire "kakao": water damage in "nowhere"`)
}
