package main

import "fmt"

const validateUsage = `Usage: cascade validate FILE [--set K=V]...

Checks a scenario file: decodes it strictly, builds its models and checks
its documented metrics, without running it. Prints "ok" and exits 0, or
prints every error found (file:line:column: field: message) and exits 1.
`

func (a *app) validate(args []string) error {
	fs := a.newFlags("validate", validateUsage)
	sets := setFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	arg, err := oneArg(fs, "FILE")
	if err != nil {
		return err
	}
	if _, err := load(arg, false, *sets); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "ok")
	return nil
}
