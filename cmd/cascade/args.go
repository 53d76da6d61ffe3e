package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cascade-sim/cascade/scenarios"
)

// exactlyOne is a cobra argument check for one positional argument, what
// saying what it is in the message.
func exactlyOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch len(args) {
		case 1:
			return nil
		case 0:
			return usagef("%s: missing %s", cmd.Name(), what)
		}
		return usagef("%s: want one %s, got %d arguments: %s", cmd.Name(), what, len(args), strings.Join(args, " "))
	}
}

// noArgs is a cobra argument check for commands without arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %s", cmd.Name(), strings.Join(args, " "))
	}
	return nil
}

// completeScenario completes a scenario argument: the built-ins' names,
// then files.
func completeScenario(builtins bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if !builtins {
			return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		}
		var names []string
		for _, b := range scenarios.Builtins() {
			if strings.HasPrefix(b.Name, toComplete) {
				names = append(names, b.Name)
			}
		}
		return names, cobra.ShellCompDirectiveDefault
	}
}

// setFlag declares the --set flag every command that loads a scenario has.
func setFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringArray("set", nil, "set a param (name=value) or a path in the document (a.b.c=value); repeatable")
}
