package scenarios

import "github.com/cascade-sim/cascade/scenarios/spec"

// Validate decodes a scenario file with the CLI's --set overrides and checks
// everything that can be checked without running it: the file itself, that
// its models can be built, and that its documented metrics exist.
func Validate(file string, data []byte, sets []string) (*spec.Spec, error) {
	return ValidateWithActions(file, data, sets, nil)
}

// ValidateWithActions is Validate with actions added to the file's
// actions: list, each a YAML mapping like one of its items (see
// spec.LoadWithActions): what a replay's branch adds.
func ValidateWithActions(file string, data []byte, sets, actions []string) (*spec.Spec, error) {
	s, err := spec.LoadWithActions(file, data, sets, actions)
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
