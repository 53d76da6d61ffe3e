package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
)

func (a *app) showCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "print a built-in scenario's YAML file, to start your own from",
		Long: `Prints a built-in scenario's YAML file exactly as shipped in the binary,
comments included, so you can start a scenario of your own from it. NAME is
a built-in scenario (see cascade list); a file is refused: show prints only
built-ins, and a file you have is already its own YAML.`,
		Example: `  cascade show mm1
  cascade show mm1 > my.yaml && cascade run my.yaml`,
		Args:              exactlyOne("scenario NAME"),
		ValidArgsFunction: completeBuiltin,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.show(args[0])
		},
	}
}

// show writes the embedded bytes of the built-in scenario name to stdout.
func (a *app) show(name string) error {
	if b, ok := scenarios.LookupBuiltin(name); ok {
		_, err := a.stdout.Write(b.Data)
		return err
	}
	if _, err := os.Stat(name); err == nil {
		return usagef("show prints built-in scenarios (see cascade list), and %s is a file: use the file itself", name)
	}
	// A built-in's file name (mm1.yaml, builtin:mm1.yaml): its name.
	base := strings.TrimPrefix(filepath.Base(name), "builtin:")
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	if _, ok := scenarios.LookupBuiltin(base); ok {
		return usagef("show takes a built-in scenario's name, not a file's: cascade show %s", base)
	}
	return unknownScenario(name, false)
}

// completeBuiltin completes a built-in scenario's name.
func completeBuiltin(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, b := range scenarios.Builtins() {
		if strings.HasPrefix(b.Name, toComplete) {
			names = append(names, b.Name)
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
