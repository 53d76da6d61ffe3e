package power

import (
	"fmt"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// kakaoLike runs a small Kakao-shaped story with random draws (generator
// start, restart times, restoration order, recovery times) and returns its
// event log and final series as text.
func kakaoLike(t *testing.T, seed uint64) string {
	env := newEnv(t, 100*time.Hour, seed)
	restart := models.LognormalDist{Mean: 15 * time.Minute, Stddev: 5 * time.Minute}
	site := mustSite(t, env, SiteConfig{
		Name:      "pangyo",
		Generator: &GeneratorConfig{Start: 30 * time.Second, FailProb: 0.5},
		UPS: []UPSConfig{
			{Name: "ups-a", RideThrough: 5 * time.Minute, BatteryRoom: "b3", Feeds: []string{"hall-a"}},
			{Name: "ups-b", RideThrough: 5 * time.Minute, BatteryRoom: "b3-2", Feeds: []string{"hall-b"}},
		},
		Rooms:       []RoomConfig{{Name: "b3"}, {Name: "b3-2"}, {Name: "hall-a", Hosts: 40}, {Name: "hall-b", Hosts: 40}},
		Crews:       5,
		RestartTime: restart,
		LogHosts:    true,
	})
	_, err := NewFire(env, site, FireConfig{Room: "b3", At: time.Minute, PowerOff: true, PowerOffAt: 90 * time.Minute, Emergency: 30 * time.Minute})
	require.NoError(t, err)
	curve, err := NewCurve([]CurvePoint{{At: time.Hour, Share: 0}, {At: 19 * time.Hour, Share: 0.9}, {At: 86 * time.Hour, Share: 1}})
	require.NoError(t, err)
	_, err = NewRestoration(env, site, 2*time.Hour, curve)
	require.NoError(t, err)
	st, err := sim.NewDeterministic(0.01)
	require.NoError(t, err)
	msg, err := models.NewService(env, models.ServiceConfig{Name: "talk-backend", Workers: 1, ServiceTime: st})
	require.NoError(t, err)
	hs := site.Hosts()
	login := mustService(t, env, ServiceConfig{Name: "login", Hosts: hs[:10], Threshold: 0.5})
	mustService(t, env, ServiceConfig{Name: "talk", Hosts: hs[40:60], Dependencies: []*HostedService{login}, Component: msg,
		DR: DRConfig{Mode: DRWarmStandby}})
	env.Engine.Run()
	require.False(t, msg.IsDown(), "everything is back by the end")
	out := ""
	for _, e := range env.Recorder.Events() {
		out += fmt.Sprintln(e.At, e.Subject, e.Kind, e.Message)
	}
	for _, s := range env.Recorder.Finish(100 * time.Hour) {
		out += fmt.Sprintln(s.Component, s.Metric, s.Values)
	}
	return out
}

// The same seed gives the same run, byte for byte; another seed differs.
func TestDeterminism(t *testing.T) {
	a, b, c := kakaoLike(t, 42), kakaoLike(t, 42), kakaoLike(t, 43)
	require.Equal(t, a, b)
	require.NotEqual(t, a, c)
}
