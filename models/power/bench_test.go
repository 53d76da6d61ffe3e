package power

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/stretchr/testify/require"
)

// BenchmarkKakaoScale runs five simulated days of a 32,000-host site: a
// fire, a full power cut, restoration along the documented curve and
// restarts by 200 crews, with 20 services of 1,600 hosts each. It reports
// the events per run.
func BenchmarkKakaoScale(b *testing.B) {
	for b.Loop() {
		env := newEnv(b, 127*time.Hour, 1)
		restart := models.LognormalDist{Mean: 15 * time.Minute, Stddev: 5 * time.Minute}
		site := mustSite(b, env, SiteConfig{
			Name: "pangyo",
			UPS: []UPSConfig{
				{Name: "ups-a", RideThrough: 5 * time.Minute, BatteryRoom: "b3", Feeds: []string{"hall-a"}},
				{Name: "ups-b", RideThrough: 5 * time.Minute, BatteryRoom: "b3-2", Feeds: []string{"hall-b"}},
			},
			Rooms:       []RoomConfig{{Name: "b3"}, {Name: "b3-2"}, {Name: "hall-a", Hosts: 16000}, {Name: "hall-b", Hosts: 16000}},
			Crews:       200,
			RestartTime: restart,
		})
		_, err := NewFire(env, site, FireConfig{Room: "b3", PowerOff: true, PowerOffAt: 93 * time.Minute, Emergency: 30 * time.Minute})
		require.NoError(b, err)
		curve, err := NewCurve([]CurvePoint{{At: time.Hour, Share: 0}, {At: 19 * time.Hour, Share: 0.9}, {At: 48 * time.Hour, Share: 0.95}, {At: 86 * time.Hour, Share: 1}})
		require.NoError(b, err)
		_, err = NewRestoration(env, site, 2*time.Hour, curve)
		require.NoError(b, err)
		hs := site.Hosts()
		for i := range 20 {
			mustServiceTB(b, env, ServiceConfig{Name: "svc" + string(rune('a'+i)), Hosts: hs[i*1600 : (i+1)*1600], Threshold: 0.5})
		}
		env.Engine.Run()
		require.Equal(b, 1.0, site.RunningShare())
		b.ReportMetric(float64(env.Engine.Fired()), "events/run")
	}
}
