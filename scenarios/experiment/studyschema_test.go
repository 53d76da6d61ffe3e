package experiment

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestStudySchemaAcceptsEveryStudy validates the shipped study files
// against the study schema with an independent validator, and checks that
// it refuses what ParseStudy refuses for its keys.
func TestStudySchemaAcceptsEveryStudy(t *testing.T) {
	data, err := StudyJSONSchema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(StudySchemaID, doc))
	schema, err := c.Compile(StudySchemaID)
	require.NoError(t, err)
	asJSON := func(y []byte) any {
		var v any
		require.NoError(t, yaml.Unmarshal(y, &v))
		j, err := json.Marshal(v)
		require.NoError(t, err)
		out, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
		require.NoError(t, err)
		return out
	}
	paths, err := filepath.Glob("../studies/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		y, err := os.ReadFile(p)
		require.NoError(t, err)
		_, perr := ParseStudy(p, y)
		require.NoError(t, perr, p)
		require.NoError(t, schema.Validate(asJSON(y)), p)
	}
	for name, y := range map[string]string{
		"unknown key":      "scenario: mm1\nvary: [{key: lambda, values: [1]}]\nrepz: 3\n",
		"no scenario":      "vary: [{key: lambda, values: [1]}]\n",
		"reps of 0":        "scenario: mm1\nvary: [{key: lambda, values: [1]}]\nreps: 0\n",
		"unknown design":   "scenario: mm1\ndesign: random\nvary: [{key: lambda, values: [1]}]\n",
		"axis without key": "scenario: mm1\nvary: [{values: [1]}]\n",
	} {
		require.Error(t, schema.Validate(asJSON([]byte(y))), name)
		_, err := ParseStudy("s.yaml", []byte(y))
		require.Error(t, err, "ParseStudy refuses it too: %s", name)
	}
}
