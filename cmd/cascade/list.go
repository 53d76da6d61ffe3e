package main

import (
	"fmt"
	"strings"

	"github.com/cascade-sim/cascade/scenarios"
)

const listUsage = `Usage: cascade list

Lists the built-in scenarios, one line each: name and the first line of
its description.
`

func (a *app) list(args []string) error {
	fs := a.newFlags("list", listUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	builtins := scenarios.Builtins()
	width := 0
	for _, b := range builtins {
		width = max(width, len(b.Name))
	}
	for _, b := range builtins {
		s, err := scenarios.Validate(b.File, b.Data, nil)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", b.Name, err)
		}
		first, _, _ := strings.Cut(strings.TrimSpace(s.Description), "\n")
		fmt.Fprintf(a.stdout, "%-*s  %s\n", width, b.Name, first)
	}
	return nil
}
