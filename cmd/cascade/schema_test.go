package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios/experiment"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

func TestSchemaCommand(t *testing.T) {
	code, out, errs := runCLI(t, "schema")
	require.Equal(t, exitOK, code, errs)
	want, err := spec.JSONSchema()
	require.NoError(t, err)
	require.Equal(t, string(want)+"\n", out)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &v), "it is JSON")

	code, out, errs = runCLI(t, "schema", "--study")
	require.Equal(t, exitOK, code, errs)
	want, err = experiment.StudyJSONSchema()
	require.NoError(t, err)
	require.Equal(t, string(want)+"\n", out)

	code, _, errs = runCLI(t, "schema", "mm1")
	require.Equal(t, exitUsage, code)
	require.NotEmpty(t, errs)

	// --reference prints the committed field reference of this version.
	code, out, errs = runCLI(t, "schema", "--reference")
	require.Equal(t, exitOK, code, errs)
	doc, err := os.ReadFile("../../docs/scenario-reference.md")
	require.NoError(t, err)
	require.Equal(t, string(doc), out)

	code, _, errs = runCLI(t, "schema", "--reference", "--study")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "cannot be combined")
}

// TestSchemaCommentLineIsAComment: the line the README gives for editors
// leaves a scenario valid for cascade.
func TestSchemaCommentLineIsAComment(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	var line string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "# yaml-language-server: $schema=") {
			line = l
		}
	}
	require.NotEmpty(t, line, "the README shows the yaml-language-server line")
	_, show, _ := runCLI(t, "show", "mm1")
	file := filepath.Join(t.TempDir(), "mine.yaml")
	require.NoError(t, os.WriteFile(file, []byte(line+"\n"+show), 0o644))
	code, out, errs := runCLI(t, "validate", file)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, "ok\n", out)
}
