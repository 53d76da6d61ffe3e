package scenarios

import "github.com/cascade-sim/cascade/scenarios/spec"

// Validate decodes a scenario file with the CLI's --set overrides and checks
// everything that can be checked without running it: the file itself, that
// its models can be built, and that its documented metrics exist.
func Validate(file string, data []byte, sets []string) (*spec.Spec, error) {
	s, err := spec.Load(file, data, sets)
	if err != nil {
		return nil, err
	}
	m, err := build(s)
	if err != nil {
		return nil, err
	}
	if err := validateMetrics(s, m); err != nil {
		return nil, err
	}
	return s, nil
}
