package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// fuzzLimits keep each fuzzed run short and small.
var fuzzLimits = Limits{MaxEvents: 200_000, MaxPending: 100_000, MaxSeriesValues: 500_000, MaxInFlight: 50_000}

// runBounded validates and runs a scenario under fuzzLimits: it must not
// panic or hang, and a run that passes a limit must say so with a
// LimitError.
func runBounded(t *testing.T, data []byte, sets []string) {
	s, err := Validate("fuzz.yaml", data, sets)
	if err != nil {
		return
	}
	if err := CheckSize(s, fuzzLimits); err != nil {
		var le *LimitError
		if !errors.As(err, &le) {
			t.Fatalf("CheckSize failed without a LimitError: %v", err)
		}
		return
	}
	if _, err := Run(s, Options{Limits: fuzzLimits}); err != nil && strings.Contains(err.Error(), "panic") {
		t.Fatalf("run: %v", err)
	}
}

// FuzzRun feeds whole scenario files (seeded with every built-in at its
// quick size) through decoding, validation, building and a short bounded
// run: nothing may panic or run past the limits.
//
//	go test -run '^$' -fuzz FuzzRun -fuzztime 10m -fuzzminimizetime 10s ./scenarios
func FuzzRun(f *testing.F) {
	for _, b := range Builtins() {
		f.Add(b.Data, strings.Join(quickSetsOf(b.Name), "\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte, sets string) {
		var list []string
		if sets != "" {
			list = strings.Split(sets, "\n")
		}
		runBounded(t, data, list)
	})
}

// FuzzSet feeds one --set path and value to each built-in (at its quick
// size), then validates and runs it bounded.
//
//	go test -run '^$' -fuzz FuzzSet -fuzztime 10m -fuzzminimizetime 10s ./scenarios
func FuzzSet(f *testing.F) {
	for i, seed := range []struct{ key, value string }{
		{"components.api.workers", "1000000000"},
		{"load", "1e9"},
		{"retries", "100"},
		{"components.server.service_time.mean", "1ns"},
		{"populations.customers.deadline", "none"},
		{"horizon", "1000d"},
		{"step", "1ns"},
		{"detection", "bfd"},
		{"request_interval", "1e-300"},
		{"restore_rate", "1"},
	} {
		f.Add(uint8(i), seed.key, seed.value)
	}
	builtins := Builtins()
	f.Fuzz(func(t *testing.T, which uint8, key, value string) {
		b := builtins[int(which)%len(builtins)]
		sets := append(quickSetsOf(b.Name), key+"="+value)
		runBounded(t, b.Data, sets)
	})
}

// quickSetsOf is a built-in's quick overrides (nil if it does not load).
func quickSetsOf(name string) []string {
	b, ok := LookupBuiltin(name)
	if !ok {
		return nil
	}
	s, err := Validate(b.File, b.Data, nil)
	if err != nil {
		return nil
	}
	return s.Quick
}
