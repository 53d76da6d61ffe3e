package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios/experiment"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

func (a *app) schemaCmd() *cobra.Command {
	var study, reference bool
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "print the JSON Schema of scenario files (or of study files), for editors",
		Long: `Prints the JSON Schema (draft 2020-12) of scenario files, made from the
models' declarations of their fields: keys, types, units, defaults and
limits. An editor with a YAML language server (VS Code's YAML extension,
Neovim's yamlls, ...) checks and completes a scenario as it is typed when
the file's first line names the schema:

  # yaml-language-server: $schema=./scenario.schema.json

The schema checks the sections whose fields the models declare; the others
it accepts as they are. cascade validate checks everything.

With --reference it prints the field reference instead, in Markdown: every
kind and field, its value, unit, default, limits and meaning, for this
version of cascade (the repository's docs/scenario-reference.md).`,
		Example: `  cascade schema > scenario.schema.json
  cascade schema --study > study.schema.json
  cascade schema --reference > scenario-reference.md`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if study && reference {
				return usagef("--study and --reference cannot be combined: the reference covers scenario files")
			}
			if reference {
				_, err := io.WriteString(a.stdout, spec.Reference())
				return err
			}
			gen := spec.JSONSchema
			if study {
				gen = experiment.StudyJSONSchema
			}
			data, err := gen()
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(append(data, '\n'))
			return err
		},
	}
	cmd.Flags().BoolVar(&study, "study", false, "the schema of study files (cascade sweep --study) instead")
	cmd.Flags().BoolVar(&reference, "reference", false, "the field reference of scenario files, in Markdown, instead")
	return cmd
}
