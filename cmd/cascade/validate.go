package main

import (
	"fmt"

	"github.com/cascade-sim/cascade/scenarios"
)

const validateUsage = `Usage: cascade validate FILE [--set K=V]...

Checks a scenario file: decodes it strictly, builds its models and checks
its documented metrics, without running it. Prints "ok" and exits 0, or
prints every error found (file:line:column: field: message) and exits 1.
`

func (a *app) validate(args []string) error {
	fs := a.newFlags("validate", validateUsage)
	sets := fs.StringArray("set", nil, "set a param (name=value) or a path in the document (a.b.c=value); repeatable")
	if err := parse(fs, args); err != nil {
		return err
	}
	arg, err := oneArg(fs, "FILE")
	if err != nil {
		return err
	}
	file, data, err := source(arg, false)
	if err != nil {
		return err
	}
	if _, err := scenarios.Validate(file, data, *sets); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "ok")
	return nil
}
