package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
)

func (a *app) validateCmd() *cobra.Command {
	var sets *[]string
	var limits limitsFlags
	cmd := &cobra.Command{
		Use:   "validate NAME|FILE [flags]",
		Short: `check a scenario file: "ok", or its errors`,
		Long: `Checks a scenario file: decodes it strictly, builds its models and checks
its documented metrics, and that a run's estimated size (time-series values,
requests) is within the limits (--max-...), without running it. Prints "ok"
and exits 0, or prints every error found (file:line:column: field: message)
and exits 1.`,
		Example: `  cascade validate my-scenario.yaml
  cascade validate my-scenario.yaml --set workers=4`,
		Args:              exactlyOne("FILE"),
		ValidArgsFunction: completeScenario(false),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := limits.check(); err != nil {
				return err
			}
			s, err := load(args[0], false, *sets)
			if err != nil {
				return err
			}
			if err := scenarios.CheckSize(s, limits.get()); err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			fmt.Fprintln(a.stdout, "ok")
			return nil
		},
	}
	sets = setFlag(cmd.Flags())
	addLimitFlags(cmd.Flags(), &limits)
	return cmd
}
