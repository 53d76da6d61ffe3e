package spec

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
)

// The mm1 file in testdata uses every field of the format. Loading it must
// give exactly the Spec below: defaults applied, ${} substituted, params in
// file order, list items in file order.
func TestLoadValid(t *testing.T) {
	data, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	s, err := Load("mm1.yaml", data, nil)
	require.NoError(t, err)

	start := time.Date(2022, 12, 2, 8, 0, 0, 0, time.FixedZone("", 9*3600))
	require.True(t, s.Clock.Start.Equal(start), "clock.start is %v", s.Clock.Start)
	_, offset := s.Clock.Start.Zone()
	require.Equal(t, 9*3600, offset)
	s.Clock.Start = time.Time{}
	s.root = nil

	mu, lambda := 1.0, 0.9 // variables: float64 arithmetic, as in ${1/(mu-lambda)}
	want := &Spec{
		File:        "mm1.yaml",
		Name:        "mm1",
		Description: "An M/M/1 queue: Poisson arrivals at rate lambda into one\nexponential server of rate mu.\n",
		Seed:        1,
		Horizon:     2 * time.Hour,
		Step:        10 * time.Second,
		Clock:       &Clock{Zone: "JST"},
		Params: []Param{
			{Name: "lambda", Kind: NumberParam, Default: 0.9, Value: 0.9, Unit: "1/s", Description: "arrival rate"},
			{Name: "mu", Kind: NumberParam, Default: 1.0, Value: 1.0, Unit: "1/s", Description: "service rate"},
			{Name: "discipline", Kind: StringParam, Default: "fifo", Value: "fifo", Description: "queue order",
				Choices: []any{"fifo", "lifo"}},
		},
		Components: []Component{
			{Name: "server", Kind: ServiceKind, Service: &Service{
				Workers:     1,
				Queue:       Queue{Capacity: 0, Discipline: models.FIFO},
				ServiceTime: models.ExponentialDist{Mean: time.Second},
			}},
			{Name: "db", Kind: ServiceKind, Service: &Service{
				Workers: 100,
				Queue:   Queue{Discipline: models.FIFO},
				ServiceTime: models.EmpiricalDist{Values: []time.Duration{
					time.Millisecond, 2 * time.Millisecond, 1500 * time.Microsecond,
				}},
			}},
		},
		Populations: []Population{
			{Name: "customers", Users: 1000, Rate: 0.9, MaxRequests: 200000, Start: 0,
				Deadline: NoDeadline, Target: "server"},
			{Name: "batch", Users: 10, RatePerUser: 0.001, Deadline: 30 * time.Second, Target: "db"},
		},
		Faults: []Fault{
			{Name: "slowdown", By: ByFault, At: time.Hour, Component: "server", Action: Slow, Factor: 3},
			{By: ByFault, At: 90 * time.Minute, Component: "server", Action: Down},
		},
		Outcome: Outcome{
			AvailabilityThreshold: 0.99,
			Baseline:              Window{From: 0, To: time.Hour},
		},
		Documented: []Documented{
			{Name: "mean_time_in_system", Metric: "populations.customers.mean_latency_s",
				Value: 1 / (mu - lambda), Unit: "s", RelTolerance: 0.05, Tolerance: Tolerance{Relative: true, Value: 0.05},
				Source: "closed form W = 1/(mu - lambda)", Kind: Emergent},
		},
	}
	require.Equal(t, want, s)
	require.InDelta(t, 0.9, want.Populations[0].TotalRate(), 1e-12)
	require.InDelta(t, 0.01, want.Populations[1].TotalRate(), 1e-12)
}

// --set reaches params, paths by name and by index, and top-level fields;
// the substituted values follow the params; ParamValues reports what was
// used; Errorf positions later checks at the field, or its parent.
func TestLoadSets(t *testing.T) {
	data, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	s, err := Load("mm1.yaml", data, []string{
		"mu=2",
		"lambda=1.5",
		"discipline=lifo",
		"components.server.workers=4",  // list item by name
		"populations.1.users=1e3",      // list item by index
		"faults.slowdown.factor=${mu}", // a set value may use ${}
		"seed=42",                      // top-level field
		"horizon=3h",
		"lambda=0.5", // later sets win
	})
	require.NoError(t, err)
	require.Equal(t, map[string]any{"lambda": 0.5, "mu": 2.0, "discipline": "lifo"}, s.ParamValues())
	require.Equal(t, 0.9, s.Params[0].Default)
	require.Equal(t, 4, s.Components[0].Service.Workers)
	require.Equal(t, models.LIFO, s.Components[0].Service.Queue.Discipline)
	require.Equal(t, 500*time.Millisecond, s.Components[0].Service.ServiceTime.(models.ExponentialDist).Mean)
	require.Equal(t, 1000, s.Populations[1].Users)
	require.Equal(t, 0.5, s.Populations[0].Rate)
	require.Equal(t, 2.0, s.Faults[0].Factor)
	require.Equal(t, uint64(42), s.Seed)
	require.Equal(t, 3*time.Hour, s.Horizon)
	require.InDelta(t, 1/(2-0.5), s.Documented[0].Value, 1e-12)

	err = s.Errorf("components.server.workers", "too many for %s", "me")
	require.EqualError(t, err, "mm1.yaml:18:14: components.server.workers: too many for me")
	err = s.Errorf("components.server.queue.weight", "missing")
	require.EqualError(t, err, "mm1.yaml:19:12: components.server.queue.weight: missing")
	err = s.Errorf("components.0.service_time.mean", "by index")
	require.EqualError(t, err, "mm1.yaml:20:45: components.server.service_time.mean: by index")
	err = s.Errorf("faults.1.at", "unnamed")
	require.EqualError(t, err, "mm1.yaml:46:9: faults.1.at: unnamed")
	err = s.Errorf("nowhere", "at the document")
	require.EqualError(t, err, "mm1.yaml:1:1: nowhere: at the document")
}

// Aliases expand into independent copies, and merge keys bring in fields
// that the mapping does not set itself.
func TestLoadAliasesAndMerge(t *testing.T) {
	const doc = `name: t
description: aliases
seed: 1
horizon: 1h
step: 1s
components:
  - &svc
    name: a
    kind: service
    workers: 2
    service_time: &st {dist: exponential, mean: 1s}
  - <<: *svc
    name: b
    service_time: *st
populations:
  - name: users
    users: 10
    rate: 1
    deadline: 10s
    target: b
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30m}
`
	s, err := Load("t.yaml", []byte(doc), []string{"components.b.workers=7"})
	require.NoError(t, err)
	require.Len(t, s.Components, 2)
	require.Equal(t, "b", s.Components[1].Name)
	require.Equal(t, 2, s.Components[0].Service.Workers)
	require.Equal(t, 7, s.Components[1].Service.Workers)
	require.Equal(t, time.Second, s.Components[1].Service.ServiceTime.(models.ExponentialDist).Mean)
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "90s", want: 90 * time.Second},
		{in: "1.5h", want: 90 * time.Minute},
		{in: "5d", want: 5 * Day},
		{in: "1d12h", want: 36 * time.Hour},
		{in: "90m", want: 90 * time.Minute},
		{in: "1us", want: time.Microsecond},
		{in: "1µs", want: time.Microsecond},
		{in: ".5s", want: 500 * time.Millisecond},
		{in: "-0s", want: 0},
		{in: "106751d", want: 106751 * Day},
		{in: "0", err: `missing unit in duration "0"`},
		{in: "30", err: `missing unit in duration "30"`},
		{in: "1h30", err: `missing unit in duration "1h30"`},
		{in: "", err: "empty duration"},
		{in: "-5s", err: `negative duration "-5s"`},
		{in: "5x", err: `unknown unit "x"`},
		{in: "abc", err: `invalid duration "abc"`},
		{in: "s", err: `invalid duration "s"`},
		{in: ".s", err: `invalid duration ".s"`},
		{in: "106752d", err: "too long"},
		{in: "300y", err: `unknown unit "y"`},
		{in: "99999999999999999999s", err: "too long"},
		{in: "9223372036854775807ns", want: time.Duration(1<<63 - 1)},
		{in: "9223372036854775808ns", err: "too long"},
		{in: "200000d200000d", err: "too long"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{1e6, "1000000"},
		{-3, "-3"},
		{0.5, "0.5"},
		{1.0 / 3, "0.3333333333333333"},
		{1e21, "1e+21"},
		{1e-7, "0.0000001"},
		{2e6 / 0.9, "2222222.222222222"},
	} {
		require.Equal(t, tc.want, formatNumber(tc.in))
	}
}

// The expected requests of a population: its total rate over its sending
// time, capped by max_requests.
func TestExpectedRequests(t *testing.T) {
	h := time.Hour
	require.Equal(t, 7200.0, Population{Rate: 2}.ExpectedRequests(h))
	require.Equal(t, 1800.0, Population{Users: 100, RatePerUser: 0.01, Start: 30 * time.Minute}.ExpectedRequests(h))
	require.Equal(t, 500.0, Population{Rate: 2, MaxRequests: 500}.ExpectedRequests(h))
	require.Zero(t, Population{Rate: 2, Start: 2 * h}.ExpectedRequests(h))
}

func TestPopulationNamedLikeAComponent(t *testing.T) {
	b, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	doc := strings.Replace(string(b), "  - name: customers", "  - name: server", 1)
	_, err = Load("p.yaml", []byte(doc), nil)
	require.ErrorContains(t, err, "population name \"server\" is also the name of the component at line")
}
