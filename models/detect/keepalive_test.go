package detect

import (
	"fmt"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// BFD at 50 ms x 3 with packets at every multiple of 50 ms: a path that
// breaks at time f is declared down 150 ms after the last packet that got
// through, so between 100 and 150 ms after f depending on the phase. The
// detection time recorded is always exactly 150 ms.
func TestBFDDetectionTimeIsIntervalTimesMultiplier(t *testing.T) {
	cases := []struct {
		breaks, want float64 // seconds
	}{
		{10.001, 10.150}, // just after the packet at 10.000 got through
		{10.049, 10.150}, // just before the next one
		{10.050, 10.150}, // at the same time as a packet: the failure came first, the packet is lost
		{10.051, 10.200},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("breaks at %v s", c.breaks), func(t *testing.T) {
			env := newEnv(t, 1, secs(60))
			l := &link{up: true, forwards: true}
			p, err := NewPathProber(env.Engine, l)
			require.NoError(t, err)
			alarms := &alarmList{}
			acts := &actionLog{}
			b, err := NewBFD(env, BFDConfig{Name: "bfd-e", Prober: p, Interval: ms(50), Multiplier: 3,
				Response: Response{Alarms: alarms, Action: acts.action("failover to plane F")}})
			require.NoError(t, err)
			require.Equal(t, ms(150), b.DetectionTime())
			b.Start()
			at(env, secs(c.breaks), func(sim.Time) { l.forwards = false }) // physically up: a gray failure
			env.Engine.RunUntil(secs(30))

			require.Len(t, b.Detections(), 1)
			got := b.Detections()[0]
			require.Equal(t, secs(c.want), got.At)
			require.Equal(t, ms(150), got.Latency())
			after := got.At - secs(c.breaks)
			require.True(t, after >= ms(100) && after <= ms(150), "declared %v after the failure", after)
			require.Equal(t, []sim.Time{got.At}, acts.at)
			require.Equal(t, "bfd down (no packet for 3 x 50ms, detection 150ms)", alarms.got[0].Detail)
		})
	}
}

// LACP's timeout is 3 periods: 3 s fast, 90 s slow, after the last LACPDU.
func TestLACPDetectionTimes(t *testing.T) {
	for _, c := range []struct {
		rate LACPRate
		want sim.Time
	}{{LACPFast, 3 * time.Second}, {LACPSlow, 90 * time.Second}} {
		t.Run(c.rate.String(), func(t *testing.T) {
			env := newEnv(t, 1, secs(3600))
			l := &link{up: true, forwards: true}
			p, err := NewPathProber(env.Engine, l)
			require.NoError(t, err)
			g, err := NewLACP(env, LACPConfig{Name: "lag-member-1", Prober: p, Rate: c.rate})
			require.NoError(t, err)
			g.Start()
			// Break just after the LACPDU at 600 s (a multiple of both periods).
			at(env, secs(600)+1, func(sim.Time) { l.forwards = false })
			env.Engine.Run()
			require.Equal(t, []Detection{{At: secs(600) + c.want, Since: secs(600), Down: true}}, g.Detections())
			require.Equal(t, []string{"detect"}, kinds(env))
		})
	}
}

// lossyPath drops packets at random with probability loss, but never more
// than maxRun in a row when maxRun > 0; it records each packet's fate.
type lossyPath struct {
	rng    *sim.Rand
	loss   float64
	maxRun int
	run    int
	sent   []sim.Time
	lost   []bool
}

func (p *lossyPath) Carry(now sim.Time) (sim.Time, bool) {
	lose := p.rng.Float64() < p.loss && (p.maxRun == 0 || p.run < p.maxRun)
	if lose {
		p.run++
	} else {
		p.run = 0
	}
	p.sent = append(p.sent, now)
	p.lost = append(p.lost, lose)
	return 0, !lose
}

// A share of lost packets that never reaches Multiplier in a row does not
// bring BFD down: 30% loss with at most 2 in a row, for an hour at 50 ms.
func TestBFDRandomLossBelowThresholdDoesNotTrip(t *testing.T) {
	env := newEnv(t, 7, secs(3600))
	path := &lossyPath{rng: env.Streams.Stream("test/loss"), loss: 0.3, maxRun: 2}
	p, err := NewPathProber(env.Engine, path)
	require.NoError(t, err)
	b, err := NewBFD(env, BFDConfig{Name: "bfd", Prober: p, Interval: ms(50), Multiplier: 3})
	require.NoError(t, err)
	b.Start()
	env.Engine.Run()
	lost := 0
	for _, l := range path.lost {
		if l {
			lost++
		}
	}
	require.Len(t, path.sent, 72000)
	require.InDelta(t, 0.3*72000, float64(lost), 0.3*72000*0.1, "a real share of packets is lost")
	require.Empty(t, b.Detections())
}

// With unbounded random loss, BFD goes down exactly when Multiplier
// packets in a row are lost: at the last arrival plus the detection time,
// and up again at the next arrival. The trips predicted from the packets'
// fates match the detections one for one.
func TestBFDTripsExactlyOnMultiplierLostInARow(t *testing.T) {
	env := newEnv(t, 3, secs(600))
	path := &lossyPath{rng: env.Streams.Stream("test/loss"), loss: 0.25}
	p, err := NewPathProber(env.Engine, path)
	require.NoError(t, err)
	b, err := NewBFD(env, BFDConfig{Name: "bfd", Prober: p, Interval: ms(50), Multiplier: 3})
	require.NoError(t, err)
	b.Start()
	env.Engine.Run()

	var want []Detection
	lastRx, down, run := sim.Time(0), false, 0
	for i, at := range path.sent {
		if path.lost[i] {
			run++
			if run == 3 && !down {
				// The third lost packet's slot ends the detection time.
				want = append(want, Detection{At: lastRx + ms(150), Since: lastRx, Down: true})
				down = true
			}
			continue
		}
		run = 0
		lastRx = at
		if down {
			want = append(want, Detection{At: at, Since: at, Down: false})
			down = false
		}
	}
	require.Greater(t, len(want), 10, "the loss rate should make several trips")
	require.Equal(t, want, b.Detections())
}

// Jitter (RFC 5880: up to 25% shorter intervals) sends packets more often
// but does not change the detection time after the last packet.
func TestBFDJitter(t *testing.T) {
	env := newEnv(t, 5, secs(60))
	l := &link{up: true, forwards: true}
	var sent []sim.Time
	p := ProberFunc(func(now sim.Time, arrived func(sim.Time)) {
		sent = append(sent, now)
		if l.forwards {
			arrived(now)
		}
	})
	b, err := NewBFD(env, DefaultBFD("bfd", p))
	require.NoError(t, err)
	b.Start()
	at(env, secs(30), func(sim.Time) { l.forwards = false })
	env.Engine.Run()
	for i := 1; i < len(sent); i++ {
		gap := sent[i] - sent[i-1]
		require.True(t, gap > 37500*time.Microsecond && gap <= ms(50), "gap %v", gap)
	}
	require.Len(t, b.Detections(), 1)
	require.Equal(t, ms(150), b.Detections()[0].Latency())
}

// Packets with a latency arrive from events: the session stays up, and a
// failure is timed from the last arrival.
func TestBFDWithLatency(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	forwards := true
	p, err := NewPathProber(env.Engine, pathFunc(func(sim.Time) (sim.Time, bool) { return ms(2), forwards }))
	require.NoError(t, err)
	b, err := NewBFD(env, BFDConfig{Name: "bfd", Prober: p, Interval: ms(100), Multiplier: 3})
	require.NoError(t, err)
	b.Start()
	at(env, secs(5.05), func(sim.Time) { forwards = false })
	env.Engine.Run()
	require.Equal(t, []Detection{{At: secs(5.302), Since: secs(5.002), Down: true}}, b.Detections())
}

type pathFunc func(now sim.Time) (sim.Time, bool)

func (f pathFunc) Carry(now sim.Time) (sim.Time, bool) { return f(now) }

// A session stops at the horizon: no packet at or after it, no false
// detection when the packets stop, and Run ends.
func TestKeepaliveStopsAtHorizon(t *testing.T) {
	env := newEnv(t, 1, secs(10))
	n := 0
	b, err := NewBFD(env, BFDConfig{Name: "bfd", Interval: ms(50), Multiplier: 3,
		Prober: ProberFunc(func(now sim.Time, arrived func(sim.Time)) { n++; arrived(now) })})
	require.NoError(t, err)
	b.Start()
	env.Engine.Run()
	require.Equal(t, 200, n)
	require.Empty(t, b.Detections())
	require.Less(t, env.Engine.Now(), secs(10.2))
}
