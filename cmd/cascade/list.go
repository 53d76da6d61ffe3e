package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
)

func (a *app) listCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "list the built-in scenarios, one line each",
		Long: `Lists the built-in scenarios, one line each: name and the first line of
its description.`,
		Example: "  cascade list",
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return a.list() },
	}
}

func (a *app) list() error {
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
		fmt.Fprintf(printable(a.stdout), "%-*s  %s\n", width, b.Name, first)
	}
	return nil
}
