package scenarios

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// compiledSchema compiles spec.JSONSchema with an independent validator.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := spec.JSONSchema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(spec.SchemaID, doc))
	s, err := c.Compile(spec.SchemaID)
	require.NoError(t, err)
	return s
}

// yamlAsJSON reads a YAML document as the JSON value a language server
// would check.
func yamlAsJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal(data, &v))
	j, err := json.Marshal(v)
	require.NoError(t, err)
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	require.NoError(t, err)
	return out
}

// TestSchemaAcceptsEveryScenario validates every built-in and every test
// scenario of scenarios/spec against the JSON Schema.
func TestSchemaAcceptsEveryScenario(t *testing.T) {
	s := compiledSchema(t)
	files := map[string][]byte{}
	for _, b := range Builtins() {
		files[b.File] = b.Data
	}
	paths, err := filepath.Glob("spec/testdata/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		files[p] = data
	}
	for name, data := range files {
		require.NoError(t, s.Validate(yamlAsJSON(t, data)), name)
	}
}

// TestSchemaRefusesWhatTheDecoderRefuses: a few mistakes in declared
// sections that an editor should mark.
func TestSchemaRefusesWhatTheDecoderRefuses(t *testing.T) {
	s := compiledSchema(t)
	b, ok := LookupBuiltin("mm1")
	require.True(t, ok)
	mm1 := string(b.Data)
	base := strings.Replace(mm1, "components:", "clients:\n  - {name: c, retries: 2, control: {kind: grpc-throttling}}\ncomponents:", 1)
	require.NoError(t, s.Validate(yamlAsJSON(t, []byte(base))))
	for name, edit := range map[string][2]string{
		"unknown client field":      {"retries: 2", "retries: 2, retires: 3"},
		"retries above the limit":   {"retries: 2", "retries: 101"},
		"unknown control kind":      {"grpc-throttling", "hystrix"},
		"a field of another kind":   {"{kind: grpc-throttling}", "{kind: grpc-throttling, share: 0.1}"},
		"a duration without a unit": {"retries: 2", "retries: 2, timeout: 30"},
		"unknown top-level key":     {"components:", "componets: []\ncomponents:"},
		"a required key missing":    {"name: mm1\n", ""},
	} {
		doc := strings.Replace(base, edit[0], edit[1], 1)
		require.NotEqual(t, base, doc, name)
		require.Error(t, s.Validate(yamlAsJSON(t, []byte(doc))), name)
		_, err := spec.Load("t.yaml", []byte(doc), nil)
		require.Error(t, err, "the decoder refuses it too: %s", name)
	}
	expr := strings.Replace(base, "retries: 2", `retries: "${n}"`, 1)
	expr = strings.Replace(expr, "params:\n", "params:\n  n: {default: 2, description: retries}\n", 1)
	require.NoError(t, s.Validate(yamlAsJSON(t, []byte(expr))), "a ${} expression stands for a number")
}
