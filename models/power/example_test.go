package power_test

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/power"
	"github.com/cascade-sim/cascade/sim"
)

// A fire in a battery room stops one of two UPS units; the fire service
// orders all power off 93 min later; emergency power lasts 30 min. Login
// has no copy elsewhere; messaging is active-active but needs login; mail
// can only be restored from backups by tools that ran in the same
// building, so it waits for its own servers. Power comes back along a
// curve, and two crews restart the servers. Messaging fails over within a
// minute of the cut but stays unusable until login's servers run again.
// (Dependents registered their watchers first, so they print first.)
func Example() {
	env, _ := models.NewEnv(1, time.Hour, 48*time.Hour)
	restart := models.DeterministicDist{Value: 20 * time.Minute}
	site, _ := power.NewSite(env, power.SiteConfig{
		Name: "pangyo",
		UPS: []power.UPSConfig{
			{Name: "ups-a", RideThrough: 5 * time.Minute, BatteryRoom: "b3", Feeds: []string{"hall-a"}},
			{Name: "ups-b", RideThrough: 5 * time.Minute, BatteryRoom: "b3-2", Feeds: []string{"hall-b"}},
		},
		Rooms:       []power.RoomConfig{{Name: "b3"}, {Name: "b3-2"}, {Name: "hall-a", Hosts: 4}, {Name: "hall-b", Hosts: 4}},
		Crews:       2,
		RestartTime: restart,
	})
	_, _ = power.NewFire(env, site, power.FireConfig{Room: "b3", PowerOff: true, PowerOffAt: 93 * time.Minute, Emergency: 30 * time.Minute})
	curve, _ := power.NewCurve([]power.CurvePoint{{At: 0, Share: 0}, {At: 8 * time.Hour, Share: 1}})
	_, _ = power.NewRestoration(env, site, 3*time.Hour, curve)

	hall := func(room string) []*power.Host { return site.Room(room).Hosts() }
	tools, _ := power.NewHostedService(env, power.ServiceConfig{Name: "ops-tools", Hosts: hall("hall-a")[:1]})
	login, _ := power.NewHostedService(env, power.ServiceConfig{Name: "login", Hosts: hall("hall-b")[:2]})
	talk, _ := power.NewHostedService(env, power.ServiceConfig{Name: "talk", Hosts: hall("hall-b")[2:],
		Dependencies: []*power.HostedService{login}, DR: power.DRConfig{Mode: power.DRActiveActive}})
	mailRecovery := models.DeterministicDist{Value: 4 * time.Hour}
	mail, _ := power.NewHostedService(env, power.ServiceConfig{Name: "mail", Hosts: hall("hall-a")[1:],
		DR: power.DRConfig{Mode: power.DRBackupRestore, Recovery: mailRecovery, Requires: []*power.HostedService{tools}}})
	for _, s := range []*power.HostedService{login, talk, mail} {
		s.OnChange(func(now sim.Time, s *power.HostedService) {
			fmt.Printf("%-8v %-5s usable=%v failed-over=%v\n", now, s.Name(), s.Usable(), s.FailedOver())
		})
	}
	env.Engine.Run()
	fmt.Printf("powered %.0f%%, running %.0f%%\n", 100*site.PoweredShare(), 100*site.RunningShare())
	// Output:
	// 0s       mail  usable=false failed-over=false
	// 2h3m0s   talk  usable=false failed-over=false
	// 2h3m0s   login usable=false failed-over=false
	// 5h20m0s  mail  usable=true failed-over=false
	// 6h20m0s  talk  usable=true failed-over=true
	// 6h20m0s  login usable=true failed-over=false
	// powered 100%, running 100%
}
