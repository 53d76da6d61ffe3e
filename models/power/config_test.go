package power

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
)

// Every config a scenario file writes declares its knobs with valid tags.
func TestPowerConfigsAreDeclared(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[SiteConfig](), reflect.TypeFor[UPSConfig](), reflect.TypeFor[RoomConfig](),
		reflect.TypeFor[GeneratorConfig](), reflect.TypeFor[SwitchoverConfig](), reflect.TypeFor[SwitchStep](),
		reflect.TypeFor[FireConfig](), reflect.TypeFor[Spread](), reflect.TypeFor[RestorationConfig](),
		reflect.TypeFor[TeamConfig](), reflect.TypeFor[CurvePoint](), reflect.TypeFor[DataPoolConfig](),
		reflect.TypeFor[ServiceConfig](), reflect.TypeFor[DataConfig](), reflect.TypeFor[DRConfig](),
	} {
		s, err := knob.StructOf(typ)
		require.NoError(t, err, typ.String())
		require.NotEmpty(t, s.Fields, typ.String())
	}
	require.Equal(t, 1, knob.Defaults[SiteConfig]().Crews, "a site has one crew unless it says otherwise")
	require.Equal(t, 1, knob.Defaults[TeamConfig]().PanelsPerRoom, "a room is one panel unless it says otherwise")
	var m DRMode
	for i, c := range m.Choices() {
		require.NoError(t, m.UnmarshalText([]byte(c)))
		require.Equal(t, DRMode(i), m)
		require.Equal(t, c, m.String())
	}
}

// A UPS with a ride-through of 0 has no battery: when the mains is lost
// its rooms go dark at once, unless something else carries them: another
// unit with batteries, or a generator once it runs.
func TestUPSWithoutBatteryDropsTheLoad(t *testing.T) {
	const gen = 30 * time.Second
	for _, tc := range []struct {
		name      string
		cfg       SiteConfig
		darkAt0   bool
		darkAfter bool // at 2 min
	}{
		{"alone", oneRoom(4, 0, nil), true, true},
		{"with a generator", oneRoom(4, 0, &GeneratorConfig{Start: gen}), true, false},
		{"beside a unit with batteries", SiteConfig{Name: "dc",
			UPS: []UPSConfig{
				{Name: "bare", RideThrough: 0, Feeds: []string{"room"}},
				{Name: "battery", RideThrough: 5 * time.Minute, Feeds: []string{"room"}},
			},
			Rooms: []RoomConfig{{Name: "room", Hosts: 4}}}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, time.Hour, 1)
			s := mustSite(t, env, tc.cfg)
			at(env, 0, func(now time.Duration) { s.LoseUtility(now) })
			env.Engine.RunUntil(time.Second)
			require.Equal(t, tc.darkAt0, s.PoweredShare() == 0, "just after the mains is lost")
			env.Engine.RunUntil(2 * time.Minute)
			require.Equal(t, tc.darkAfter, s.PoweredShare() == 0, "2 min later")
			if !tc.darkAt0 {
				require.False(t, s.UPS("bare").Delivering(), "the unit without a battery delivers nothing")
				require.True(t, s.UPS("battery").Delivering())
			}
		})
	}
}
