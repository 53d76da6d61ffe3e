package experiment

import "encoding/json"

// StudySchemaID is the $id of the JSON Schema of study files.
const StudySchemaID = "https://cascade-sim.github.io/schema/study.json"

// studyKeys, axisKeys and variantKeys are the keys ParseStudy accepts, with
// what the schema says of each. ParseStudy reads its known keys from them.
var (
	studyKeys = []schemaKey{
		{"scenario", "a built-in's name, or a scenario file relative to the study file", str},
		{"set", "overrides for every run, in --set syntax (NAME=VALUE or PATH=VALUE)", strs},
		{"design", "grid (every combination, the default), one-at-a-time (each axis from the first values) or compare (variants)",
			map[string]any{"enum": []string{string(Grid), string(OneAtATime), string(Compare)}}},
		{"vary", "the axes; the first varies slowest", map[string]any{"type": "array", "minItems": 1, "items": map[string]any{"$ref": "#/$defs/axis"}}},
		{"variants", "the variants of a comparison (design: compare)", map[string]any{"type": "array", "minItems": 1, "items": map[string]any{"$ref": "#/$defs/variant"}}},
		{"reps", "replications per combination; default 1", map[string]any{"type": "integer", "minimum": 1, "maximum": MaxReps}},
		{"seed", "the study's seed; default the scenario's", map[string]any{"type": "integer", "minimum": 0}},
		{"plot", "the figures to plot, like populations.users.availability", strs},
	}
	axisKeys = []schemaKey{
		{"key", "a param's name or a field's path", str},
		{"values", "a range as --vary takes it (0.5..1.5/0.1) or a list", map[string]any{"anyOf": []any{str, map[string]any{"type": "array", "minItems": 1}}}},
		{"with", "axes that move in lockstep with this one", map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/axis"}}},
	}
	variantKeys = []schemaKey{
		{"name", "the variant's name; by default its sets", str},
		{"set", "the variant's overrides, in --set syntax", strs},
	}
)

var (
	str  = map[string]any{"type": "string"}
	strs = map[string]any{"type": "array", "items": str}
)

// schemaKey is a key of a study file and its schema.
type schemaKey struct {
	key, doc string
	schema   map[string]any
}

// names lists the keys.
func names(keys []schemaKey) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.key
	}
	return out
}

// object is the closed object schema of keys, with required ones.
func object(keys []schemaKey, required ...string) map[string]any {
	props := map[string]any{}
	for _, k := range keys {
		s := map[string]any{"description": k.doc}
		for name, v := range k.schema {
			s[name] = v
		}
		props[k.key] = s
	}
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

// StudyJSONSchema returns the JSON Schema (draft 2020-12) of study files.
func StudyJSONSchema() ([]byte, error) {
	s := object(studyKeys, "scenario")
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = StudySchemaID
	s["title"] = "cascade study"
	s["description"] = "A study file of cascade: runs of one scenario over axes or variants (cascade sweep --study)."
	s["$defs"] = map[string]any{"axis": object(axisKeys, "key", "values"), "variant": object(variantKeys, "set")}
	return json.MarshalIndent(s, "", "  ")
}
