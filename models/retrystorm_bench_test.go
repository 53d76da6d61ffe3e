package models

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
)

// BenchmarkRetryStorm runs a retry storm through the real models: callers
// at 3x a service's capacity, each call timing out after 1 s and retried
// at once up to 3 times, the server working on abandoned attempts. It
// reports attempts/s (wall clock) and events/s; one op is one user call.
func BenchmarkRetryStorm(b *testing.B) {
	calls := max(b.N, 200_000)
	rate := 300.0 // calls per second; capacity is 100/s
	horizon := sim.Seconds(float64(calls) / rate)
	env, err := NewEnv(1, horizon/500, horizon)
	if err != nil {
		b.Fatal(err)
	}
	exp, _ := sim.NewExponential(0.1)
	svc, err := NewService(env, ServiceConfig{Name: "api", Workers: 10, QueueCapacity: 5000, ServiceTime: exp})
	if err != nil {
		b.Fatal(err)
	}
	client, err := NewClient(env, "users", svc, ClientPolicy{Name: "caller", Timeout: time.Second, Retries: 3})
	if err != nil {
		b.Fatal(err)
	}
	pop, err := NewPopulation(env, PopulationConfig{Name: "users", Users: 100000, Rate: rate, Deadline: 10 * time.Second}, client)
	if err != nil {
		b.Fatal(err)
	}
	pop.Start()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	env.Engine.Run()
	el := time.Since(start).Seconds()
	st := client.Stats()
	if st.Attempts < 3*st.Calls {
		b.Fatalf("not a storm: %.0f attempts for %.0f calls", st.Attempts, st.Calls)
	}
	b.ReportMetric(st.Attempts/el, "attempts/s")
	b.ReportMetric(float64(env.Engine.Fired())/el, "events/s")
	b.ReportMetric(st.Attempts/st.Calls, "attempts/call")
}
