package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) validateCmd() *cobra.Command {
	var sets *[]string
	cmd := &cobra.Command{
		Use:   "validate FILE [flags]",
		Short: `check a scenario file: "ok", or its errors`,
		Long: `Checks a scenario file: decodes it strictly, builds its models and checks
its documented metrics, without running it. Prints "ok" and exits 0, or
prints every error found (file:line:column: field: message) and exits 1.`,
		Example: `  cascade validate my-scenario.yaml
  cascade validate my-scenario.yaml --set workers=4`,
		Args:              exactlyOne("FILE"),
		ValidArgsFunction: completeScenario(false),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := load(args[0], false, *sets); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, "ok")
			return nil
		},
	}
	sets = setFlag(cmd.Flags())
	return cmd
}
