// Package scenarios turns scenario files into runs: it builds the models a
// decoded spec.Spec describes, runs them on a fresh engine, and measures the
// outcome (availability per population, outage, impacted users, peak load)
// and the documented-versus-simulated checks. It also holds the built-in
// scenarios, embedded in the binary.
//
// The package reads no files and never looks at the wall clock: callers hand
// it the bytes of a scenario and time the run themselves.
package scenarios
