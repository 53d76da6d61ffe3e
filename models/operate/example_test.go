package operate_test

import (
	"fmt"
	"strings"
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
// link-down detection never fires, 100 units alarm within a minute, and
// users' requests (100 a second) fail. An availability alert (every minute
// over 5 minutes, below 99%) alerts the operator. Their diagnosis
// (nominally 62 min) is slowed 3 times for the missing alarm, and the 100
// unread alarms (30 s each) share their attention with it, adding 50 min.
// Meanwhile they believe that automatic detour fired everywhere: the
// belief holds the hand work (finding the units that did not detour and
// writing the commands, 30 min) until the cause is found; then the manual
// detour takes 17 min, and users are back 4 h 54 min after the fault, as
// documented (07:50-12:44 JST).
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
		Attention:    operate.Attention{Triage: fixed(30)},
		Plan: []operate.Step{
			{Name: "notice", Kind: operate.Notice, Delay: fixed(600)},
			{Name: "diagnose", Kind: operate.Diagnose, Delay: fixed(3720)},
			{Name: "believes auto-detour fired everywhere", Kind: operate.Believe, Delay: fixed(5 * 3600),
				Requires: "notice", EndsWith: "diagnose"},
			{Name: "find units, write commands", Kind: operate.Work, Delay: fixed(1800)},
			{Name: "manual detour", Kind: operate.Act, Delay: fixed(1020),
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
	for i := 0; i < 100; i++ {
		env.Engine.At(sim.Seconds(0.6*float64(i)), sim.HandlerFunc(func(now sim.Time, _ any) {
			noc.Raise(detect.Alarm{At: now, Source: fmt.Sprintf("unit-%02d", i), Detector: "snmp"})
		}), nil)
	}
	env.Engine.Run()
	for _, e := range env.Recorder.Events() {
		if strings.HasPrefix(e.Message, "attention: read") && !strings.HasSuffix(e.Message, "; 0 unread") {
			continue // one line for the 100 alarms read
		}
		fmt.Printf("%-8v %-10s %-9s %s\n", e.At, e.Subject, e.Kind, e.Message)
	}
	// Output:
	// 1m0s     avail-west alarm     availability down (availability 0.00% < 99.00% over 5m0s, 6000 requests, detection 0s)
	// 1m0s     noc        operator  alerted: alarm from avail-west
	// 11m0s    noc        notice    notice: noticed after 10m0s
	// 11m0s    noc        operator  diagnose: starts, sharing attention with 100 unread alarms
	// 11m0s    noc        operator  believes auto-detour fired everywhere: belief starts
	// 1h1m30s  noc        operator  attention: read alarm from unit-99 (30s); 0 unread
	// 4h7m0s   noc        diagnosis diagnose: diagnosed after 3h56m0s (x3 without an alarm from the cause; attention shared with 100 alarms)
	// 4h7m0s   noc        work      believes auto-detour fired everywhere: belief ends after 3h56m0s (ended with diagnose)
	// 4h7m0s   noc        operator  find units, write commands: starts
	// 4h37m0s  noc        work      find units, write commands: done after 30m0s
	// 4h54m0s  noc        action    manual detour: operator noc after find units, write commands, 17m0s
	// 4h59m0s  avail-west clear     availability up (availability 100.00% over 5m0s, 30000 requests)
}
