package models

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
)

// newMM1 builds an M/M/1 queue (mean service time 1 s, arrival rate rho)
// fed by a population that stops after customers requests.
func newMM1(tb testing.TB, rho float64, customers int64, seed uint64) (*Env, *Population, *Service) {
	tb.Helper()
	horizon := sim.Seconds(float64(customers) / rho * 2)
	env, err := NewEnv(seed, horizon/1000, horizon)
	if err != nil {
		tb.Fatal(err)
	}
	exp, err := sim.NewExponential(1)
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := NewService(env, ServiceConfig{Name: "server", Workers: 1, ServiceTime: exp})
	if err != nil {
		tb.Fatal(err)
	}
	pop, err := NewPopulation(env, PopulationConfig{Name: "customers", Users: 1, Rate: rho, MaxRequests: customers}, svc)
	if err != nil {
		tb.Fatal(err)
	}
	pop.Start()
	return env, pop, svc
}

// BenchmarkMM1 runs M/M/1 at rho = 0.9 through the real population and
// service models and reports customers/s (one op = one customer). It
// simulates at least minBenchCustomers so that customers/s means something
// even under -benchtime 1x (ns/op then covers the whole run).
func BenchmarkMM1(b *testing.B) {
	const minBenchCustomers = 200_000
	customers := max(int64(b.N), minBenchCustomers)
	env, pop, _ := newMM1(b, 0.9, customers, 1)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	env.Engine.Run()
	el := time.Since(start).Seconds()
	if got := pop.Stats().Succeeded; got != customers {
		b.Fatalf("served %d customers, want %d", got, customers)
	}
	b.ReportMetric(float64(customers)/el, "customers/s")
}
