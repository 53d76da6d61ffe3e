package models

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// TestServiceKnobsConfig: Config builds the service's distributions and
// carries every knob to the ServiceConfig a service runs with.
func TestServiceKnobsConfig(t *testing.T) {
	issuer := newTestIssuer(t)
	k := ServiceKnobs{
		Workers: 8, Cores: 2, RejectCost: time.Millisecond, Cancellation: true, ConcurrencySlowdown: 0.5,
		Queue:       QueueConfig{Capacity: 10, Discipline: LIFO, ShedLength: 5, ShedWait: time.Second},
		ServiceTime: ExponentialDist{Mean: 20 * time.Millisecond},
		Wait:        UniformDist{Min: time.Second, Max: 3 * time.Second},
		Calls:       []CallConfig{{Target: "issuer"}},
		Slows:       SlowsWait,
	}
	cfg, err := k.Config("api", []Target{issuer})
	require.NoError(t, err)
	require.Equal(t, 0.02, cfg.ServiceTime.Mean())
	require.Equal(t, 2.0, cfg.Wait.Mean())
	cfg.ServiceTime, cfg.Wait = nil, nil
	require.Equal(t, ServiceConfig{Name: "api", Workers: 8, QueueCapacity: 10, Discipline: LIFO, ShedLength: 5, ShedWait: time.Second,
		RejectCost: time.Millisecond, Cancellation: true, ConcurrencySlowdown: 0.5, Calls: []Target{issuer}, Cores: 2, SlowWait: true}, cfg)

	for _, tc := range []struct {
		name string
		edit func(k *ServiceKnobs)
		key  string
	}{
		{"no workers", func(k *ServiceKnobs) { k.Workers = 0 }, "workers"},
		{"cores above workers", func(k *ServiceKnobs) { k.Cores = 9 }, "cores"},
		{"slows wait without a wait", func(k *ServiceKnobs) { k.Wait = nil }, "slows"},
		{"negative slowdown", func(k *ServiceKnobs) { k.ConcurrencySlowdown = -1 }, "concurrency_slowdown"},
		{"shedding above capacity", func(k *ServiceKnobs) { k.Queue.ShedLength = 11 }, "queue.shed_length"},
		{"no service time", func(k *ServiceKnobs) { k.ServiceTime = nil }, "service_time"},
		{"a bad wait", func(k *ServiceKnobs) { k.Wait = LognormalDist{} }, "wait.mean"},
	} {
		bad := k
		bad.Queue = k.Queue
		tc.edit(&bad)
		_, err := bad.Config("api", []Target{issuer})
		require.Error(t, err, tc.name)
		require.Equal(t, tc.key, knob.FieldErrors(err)[0].Key, "%s: %v", tc.name, err)
	}

	// Cores and shed_wait at zero are left out: off.
	_, err = ServiceKnobs{Workers: 1, ServiceTime: DeterministicDist{}}.Config("plain", nil)
	require.NoError(t, err)
}

// TestDistsBuildTheirSimDists: each kind builds the sim distribution of
// its parameters, in seconds; a uniform's max below its min is refused at
// max.
func TestDistsBuildTheirSimDists(t *testing.T) {
	for cfg, want := range map[DistConfig]string{
		ExponentialDist{Mean: 2 * time.Second}:                           "exponential(mean=2)",
		UniformDist{Min: time.Second, Max: 3 * time.Second}:              "uniform(min=1, max=3)",
		NormalDist{Mean: time.Second, Stddev: time.Millisecond}:          "normal(mean=1, stddev=0.001)",
		LognormalDist{Mean: time.Second, Stddev: 500 * time.Millisecond}: "lognormal(mean=1, stddev=0.5)",
		DeterministicDist{Value: time.Minute}:                            "deterministic(60)",
	} {
		d, err := cfg.NewDist()
		require.NoError(t, err)
		require.Equal(t, want, d.String())
		require.NoError(t, knob.Validate(cfg))
	}
	d, err := EmpiricalDist{Values: []sim.Time{time.Second, 3 * time.Second}}.NewDist()
	require.NoError(t, err)
	require.Equal(t, 2.0, d.Mean())
	require.Len(t, Dists.Kinds, 6)
	require.Equal(t, "dist", Dists.Key())

	err = knob.Validate(UniformDist{Min: 2 * time.Minute, Max: time.Minute})
	require.EqualError(t, err, `max: expected max >= min (2m), got "1m"`)
	require.Error(t, knob.Validate(ExponentialDist{}), "an exponential's mean must be > 0")
}

// TestTokenCacheValidatesItsKnobs: the constructor refuses what a file
// may not declare.
func TestTokenCacheValidatesItsKnobs(t *testing.T) {
	env := newBareEnv(t, secs(100), 5)
	issuer, err := NewService(env, ServiceConfig{Name: "issuer", Workers: 1, ServiceTime: mustDet(t, 0.01)})
	require.NoError(t, err)
	_, err = NewTokenCache(env, TokenCacheConfig{Name: "t", Fetch: issuer, TTL: time.Hour, Instances: 1_000_001})
	require.ErrorContains(t, err, "instances: expected an integer from 1 to 1000000: independent caches, got 1000001")
	require.Equal(t, TokenCacheConfig{SingleFlight: true, Instances: 1}, knob.Defaults[TokenCacheConfig]())
	require.EqualError(t, TokenCacheConfig{TTL: time.Hour, RefreshBefore: time.Hour}.Check(nil), "refresh_before: expected refresh_before < ttl (1h), got 1h")
}

// newTestIssuer returns a service to call.
func newTestIssuer(t *testing.T) Target {
	t.Helper()
	s, err := NewService(newBareEnv(t, secs(100), 5), ServiceConfig{Name: "issuer", Workers: 1, ServiceTime: mustDet(t, 0.01)})
	require.NoError(t, err)
	return s
}

// TestPopulationKnobsConfig: a population's config has its total rate,
// given in total or per user; the rules between its knobs hold in Go too.
func TestPopulationKnobsConfig(t *testing.T) {
	p := PopulationKnobs{Name: "users", Users: 100, RatePerUser: 0.5, MaxRequests: 7, Start: time.Minute, Deadline: time.Second, Target: "api"}
	cfg, err := p.Config()
	require.NoError(t, err)
	require.Equal(t, PopulationConfig{Name: "users", Users: 100, Rate: 50, MaxRequests: 7, Start: time.Minute, Deadline: time.Second}, cfg)
	require.Equal(t, 7.0, p.ExpectedRequests(time.Hour))

	for _, tc := range []struct {
		name string
		edit func(p *PopulationKnobs)
		key  string
	}{
		{"both rates", func(p *PopulationKnobs) { p.Rate = 1 }, "rate_per_user"},
		{"no rate", func(p *PopulationKnobs) { p.RatePerUser = 0 }, "rate"},
		{"a sample smaller than the population", func(p *PopulationKnobs) { p.Sample = &SampleConfig{Of: "all", Users: 10} }, "sample.users"},
		{"no users", func(p *PopulationKnobs) { p.Users = 0 }, "users"},
	} {
		bad := p
		tc.edit(&bad)
		_, err := bad.Config()
		require.Error(t, err, tc.name)
		require.Equal(t, tc.key, knob.FieldErrors(err)[0].Key, "%s: %v", tc.name, err)
	}
	p.Sample = &SampleConfig{Of: "all"}
	_, err = p.Config()
	require.NoError(t, err, "a sample of unknown size")
}
