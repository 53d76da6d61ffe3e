package scenarios

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// TestMissingAlarms: on 17 Dec the link-down detector is on but its port
// stays up, so when the route starts losing every request the log says the
// alarm that never came; detectors switched off are listed too; with BFD
// on, BFD alarms and only the others are missing. Each is dated when the
// detector, able to see the loss, would have fired: the loss plus its
// detection time (BFD 3 x 50 ms, LACP 3 s, link-down its delay).
func TestMissingAlarms(t *testing.T) {
	t.Parallel()
	missing := func(sets ...string) map[string]string {
		res := runQuick(t, "docomo-2022-12-17", sets...)
		s := res.Spec
		out := map[string]string{}
		for _, e := range res.Events {
			if e.Kind == "missing-alarm" {
				for _, d := range s.Detectors {
					if d.Name == e.Subject {
						require.Equal(t, s.Faults[0].At+detectionTime(d), e.At, "%s: the loss plus its detection time", d.Name)
					}
				}
				out[e.Subject] = e.Message
			}
		}
		return out
	}
	def := missing()
	require.Len(t, def, 6, "link-down, BFD, LACP, e2e probe, health check, external monitor")
	require.Contains(t, def["port-link-down"], "port-link-down watches the carrier of e-server-port, which stays up while, on via-e, requests to")
	require.Contains(t, def["port-link-down"], "are lost at e-internal")
	require.Contains(t, def["bfd"], "bfd is switched off")
	bfd := missing("detection=bfd")
	require.NotContains(t, bfd, "bfd", "BFD sees the fault and alarms")
	require.Contains(t, bfd["port-link-down"], "switched off")
}

// TestDetectionTimes: the time each detector would take, by its
// mechanism, from its settings.
func TestDetectionTimes(t *testing.T) {
	s := loadBuiltin(t, "docomo-2022-12-17", quickSets(t, "docomo-2022-12-17")...)
	got := map[string]time.Duration{}
	for _, d := range s.Detectors {
		got[d.Name] = detectionTime(d)
	}
	for _, d := range s.Detectors {
		switch {
		case d.BFD != nil:
			require.Equal(t, time.Duration(d.BFD.Multiplier)*d.BFD.Interval, got[d.Name])
		case d.LACP != nil && d.LACP.Rate == detect.LACPFast:
			require.Equal(t, 3*time.Second, got[d.Name])
		case d.LACP != nil:
			require.Equal(t, 90*time.Second, got[d.Name])
		case d.HealthCheck != nil:
			require.Equal(t, time.Duration(d.HealthCheck.UnhealthyThreshold)*d.HealthCheck.Interval+d.HealthCheck.Timeout, got[d.Name])
		case d.LinkDown != nil:
			require.Equal(t, d.LinkDown.FixedDelay, got[d.Name])
		}
	}
}

// TestNoMissingAlarmForALossShorterThanDetection: a loss that ends before
// a detector would have fired leaves no missing alarm for it.
func TestNoMissingAlarmForALossShorterThanDetection(t *testing.T) {
	g := []guard{{d: spec.Detector{Name: "slow", Enabled: false, HealthCheck: &detect.HealthCheckConfig{Interval: time.Minute, UnhealthyThreshold: 3, Timeout: time.Second}}, routes: []string{"r"}},
		{d: spec.Detector{Name: "fast", Enabled: false, BFD: &detect.BFDConfig{Interval: 50 * time.Millisecond, Multiplier: 3}}, routes: []string{"r"}}}
	events := []sim.LogEntry{
		{At: time.Minute, Kind: sim.EventRoute, Subject: "r", Message: "requests to x lost at y: no-route"},
		{At: 2 * time.Minute, Kind: sim.EventRoute, Subject: "r", Message: "requests to x carried again"},
	}
	out := missingAlarms(g, events)
	var names []string
	for _, e := range out {
		if e.Kind == sim.EventMissingAlarm {
			names = append(names, e.Subject)
			require.Equal(t, time.Minute+150*time.Millisecond, e.At)
		}
	}
	require.Equal(t, []string{"fast"}, names, "the health check needs 3 min 1 s, the loss lasts 1 min")
}
