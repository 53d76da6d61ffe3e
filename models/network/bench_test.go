package network

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// BenchmarkRoute sends requests through a route (7 elements, 3 ms each
// way, one link dropping 1%) to a target that answers at once, and reports
// requests/s. Paths are cached, so a request costs its two transit events
// and the loss draws.
func BenchmarkRoute(b *testing.B) {
	env := newEnv(b, time.Hour, 1)
	n := mustNet(b, env, accommodation())
	if err := n.Link("sw-h").SetForwarding(0, Forwarding{Drop: 0.01}); err != nil {
		b.Fatal(err)
	}
	rt, err := n.NewRoute("bench", "R0", addr("10.0.0.10"), &instant{name: "echo"})
	if err != nil {
		b.Fatal(err)
	}
	s := &sink{}
	reqs := make([]models.Request, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		r := &reqs[i%len(reqs)]
		*r = models.Request{Issued: env.Engine.Now(), Replier: s}
		rt.Submit(env.Engine.Now(), r)
		if i%len(reqs) == len(reqs)-1 {
			env.Engine.Run()
		}
	}
	env.Engine.Run()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "requests/s")
}

// sink is a Replier that ignores answers.
type sink struct{ n int }

func (s *sink) Reply(sim.Time, *models.Request, models.Outcome) { s.n++ }
