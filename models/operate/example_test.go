package operate_test

import (
	"fmt"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/operate"
	"github.com/cascade-sim/cascade/sim"
)

// fixed returns a deterministic distribution of s seconds.
func fixed(s float64) sim.Dist {
	d, err := sim.NewDeterministic(s)
	if err != nil {
		panic(err)
	}
	return d
}

// The 17 Dec 2022 story in miniature, with deterministic step times. At 0
// the plane-E switch stops forwarding with its ports up: the servers'
// link-down detection never fires, 30 other units alarm within a minute,
// and users' requests (100 a second) fail. An availability alert (every
// minute over 5 minutes, below 99%) alerts the operator; their diagnosis
// (nominally 50 min) is slowed 3 times for the missing alarm and 1.5 times
// for the flood; realising that the automatic detour did not fire
// everywhere takes 20 min, and the manual detour 38 min: users are back
// 4 h 54 min after the fault, as documented (07:50-12:44 JST).
func Example_docomo17Dec() {
	env, _ := models.NewEnv(1, time.Minute, 6*time.Hour)
	detoured := sim.Time(-1)

	// Users' outcomes: all fail from 0 until the detour.
	outcomes := detect.OutcomeCounterFunc(func() (ok, failed int64) {
		now := env.Engine.Now()
		if detoured < 0 {
			return 0, int64(now.Seconds() * 100)
		}
		return int64((now - detoured).Seconds() * 100), int64(detoured.Seconds() * 100)
	})
	noc, err := operate.New(env, operate.Config{
		Name:         "noc",
		Triggers:     []string{"avail-west"},
		Cause:        []string{"srv/link-down"},
		MissingAlarm: 3,
		Flood:        operate.Flood{Alarms: 20, Window: time.Minute, Factor: 1.5},
		Plan: []operate.Step{
			{Name: "notice", Kind: operate.Notice, Delay: fixed(600)},
			{Name: "diagnose", Kind: operate.Diagnose, Delay: fixed(3000)},
			{Name: "auto-detour was partial", Kind: operate.Notice, Delay: fixed(1200)},
			{Name: "manual detour", Kind: operate.Act, Delay: fixed(2280),
				Do: func(now sim.Time) error { detoured = now; return nil }},
		},
	})
	if err != nil {
		panic(err)
	}
	alert, err := detect.NewAvailabilityAlert(env, detect.AvailabilityConfig{
		Name: "avail-west", Source: outcomes, Every: time.Minute, Window: 5 * time.Minute,
		Threshold: 0.99, MinRequests: 100, Response: detect.Response{Alarms: noc},
	})
	if err != nil {
		panic(err)
	}
	alert.Start()
	for i := 0; i < 30; i++ {
		env.Engine.At(sim.Seconds(float64(i)), sim.HandlerFunc(func(now sim.Time, _ any) {
			noc.Raise(detect.Alarm{At: now, Source: fmt.Sprintf("unit-%02d", i), Detector: "snmp"})
		}), nil)
	}
	env.Engine.Run()
	for _, e := range env.Recorder.Events() {
		fmt.Printf("%-8v %-10s %-8s %s\n", e.At, e.Component, e.Kind, e.Detail)
	}
	// Output:
	// 1m0s     avail-west alarm    availability down (availability 0.00% < 99.00% over 5m0s, 6000 requests, detection 0s)
	// 1m0s     noc        operator alerted: alarm from avail-west
	// 11m0s    noc        operator notice: noticed after 10m0s
	// 3h56m0s  noc        operator diagnose: diagnosed after 3h45m0s (x3 without an alarm from the cause, x1.5 after an alarm flood)
	// 4h16m0s  noc        operator auto-detour was partial: noticed after 20m0s
	// 4h54m0s  noc        action   manual detour: operator noc after auto-detour was partial, 38m0s
	// 4h59m0s  avail-west clear    availability up (availability 100.00% over 5m0s, 30000 requests)
}
