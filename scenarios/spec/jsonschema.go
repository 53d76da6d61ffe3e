package spec

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
)

// SchemaID is the $id of the JSON Schema of scenario files.
const SchemaID = "https://cascade-sim.github.io/schema/scenario.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of scenario files,
// made from the models' declarations: editors with a YAML language server
// check a file against it as it is typed. Sections still decoded by hand
// accept any value; cascade validate checks everything.
func JSONSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	props := map[string]any{}
	var required []string
	for _, sec := range fileSections {
		var s map[string]any
		switch {
		case sec.typ != nil && sec.list:
			s = map[string]any{"type": "array", "items": g.ref(sec.typ)}
		case sec.typ != nil:
			s = g.ref(sec.typ)
		default:
			s = g.value(sec.field, sec.field.Type)
		}
		s["description"] = sec.doc
		props[sec.key] = s
		if sec.required {
			required = append(required, sec.key)
		}
	}
	g.defs["expression"] = map[string]any{
		"type": "string", "pattern": `\$\{`,
		"description": "a ${} expression of params, like ${retries} or ${rate * 2}",
	}
	g.defs["duration"] = map[string]any{
		"type": "string", "pattern": `^[+-]?([0-9]*\.?[0-9]+(ns|us|µs|ms|s|m|h|d))+$`,
		"description": "a duration with a unit: ns, us, ms, s, m, h, d (like 30s, 1.5h, 2d)",
	}
	if g.err != nil {
		return nil, g.err
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  SchemaID,
		"title":                "cascade scenario",
		"description":          "A scenario file of cascade, the outage-cascade simulator (cascade schema writes this).",
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
		"$defs":                g.defs,
	}
	return json.MarshalIndent(schema, "", "  ")
}

// schemaGen builds the schemas of declared types, each once under $defs.
type schemaGen struct {
	defs map[string]any
	err  error
}

// defName names a declared type under $defs.
func defName(t reflect.Type) string {
	name := t.String()
	// A generic type's name holds its type arguments' import paths:
	// keep their last element.
	if i := strings.IndexByte(name, '['); i >= 0 {
		args := strings.Split(strings.TrimSuffix(name[i+1:], "]"), ",")
		for j, a := range args {
			args[j] = a[strings.LastIndexByte(a, '/')+1:]
		}
		name = name[:i] + "-" + strings.Join(args, "-")
	}
	return strings.Trim(nonWord.ReplaceAllString(name, "-"), "-")
}

// nonWord matches what a $defs name leaves out.
var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// ref returns a $ref to the schema of declared struct or union type t,
// making it first if needed.
func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name := defName(t)
	if _, done := g.defs[name]; !done {
		g.defs[name] = true // a placeholder against recursion
		switch {
		case t.Kind() == reflect.Interface:
			g.defs[name] = g.union(t)
		default:
			g.defs[name] = g.structSchema(t, nil)
		}
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

// union is the schema of a union: one closed object per kind, told apart
// by the kind key.
func (g *schemaGen) union(t reflect.Type) map[string]any {
	u := knob.UnionOf(t)
	if u == nil {
		g.err = fmt.Errorf("schema: %s has no declared kinds", t)
		return nil
	}
	var kinds []any
	for _, k := range u.Kinds {
		s := g.structSchema(k.Type, &unionKind{union: u, name: k.Name})
		s["description"] = k.Doc
		kinds = append(kinds, s)
	}
	return map[string]any{"description": u.Doc, "oneOf": kinds}
}

// structSchema is the schema of a declared struct: a closed object of its
// knobs; with a kind field, one closed object per kind. in is set for a
// kind of a union.
func (g *schemaGen) structSchema(t reflect.Type, in *unionKind) map[string]any {
	st, err := knob.StructOf(t)
	if err != nil {
		g.err = err
		return nil
	}
	if in != nil {
		props, required := g.fields(st, "")
		props[in.union.Key()] = map[string]any{"const": in.name}
		return closed(props, append([]string{in.union.Key()}, required...))
	}
	if st.Kind < 0 {
		props, required := g.fields(st, "")
		return closed(props, required)
	}
	var kinds []any
	for _, k := range knob.Choices(st.Fields[st.Kind].Type) {
		props, required := g.fields(st, k)
		props[st.Fields[st.Kind].Key] = map[string]any{"const": k}
		kinds = append(kinds, closed(props, required))
	}
	return map[string]any{"oneOf": kinds}
}

// closed is an object schema with exactly props.
func closed(props map[string]any, required []string) map[string]any {
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fields returns the properties and required keys of st's knobs of kind
// ("" for all), inline structs flattened in.
func (g *schemaGen) fields(st *knob.Struct, kind string) (map[string]any, []string) {
	props := map[string]any{}
	var required []string
	for i := range st.Fields {
		f := &st.Fields[i]
		if i == st.Kind || (kind != "" && !f.ForKind(kind)) {
			if i == st.Kind {
				required = append(required, f.Key)
			}
			continue
		}
		if f.Inline {
			t := f.Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			p, r := g.fields(knob.MustStructOf(t), kind)
			for k, v := range p {
				props[k] = v
			}
			required = append(required, r...)
			continue
		}
		s := g.value(f, f.Type)
		s["description"] = fieldDescription(f)
		props[f.Key] = s
		if f.Required {
			required = append(required, f.Key)
		}
	}
	return props, required
}

// fieldDescription is a knob's meaning with its unit and default.
func fieldDescription(f *knob.Field) string {
	d := f.Doc
	if f.Unit != "" {
		d += " (" + f.Unit + ")"
	}
	if f.Default != "" {
		d += "; default " + f.Default
	}
	return d
}

// value is the schema of a knob's value of type t: scalars also accept a
// ${} expression.
func (g *schemaGen) value(f *knob.Field, t reflect.Type) map[string]any {
	expr := map[string]any{"$ref": "#/$defs/expression"}
	orExpr := func(s map[string]any) map[string]any { return map[string]any{"anyOf": []any{s, expr}} }
	switch {
	case t == reflect.TypeFor[time.Duration]():
		d := map[string]any{"$ref": "#/$defs/duration"}
		if f.None {
			return map[string]any{"anyOf": []any{d, map[string]any{"const": "none"}, expr}}
		}
		return orExpr(d)
	case knob.Choices(t) != nil:
		return orExpr(map[string]any{"enum": knob.Choices(t)})
	case knob.TextType(t):
		return orExpr(map[string]any{"type": "string"})
	case t.Kind() == reflect.Bool:
		return orExpr(map[string]any{"type": "boolean"})
	case t.Kind() == reflect.String:
		if f.Name {
			return orExpr(map[string]any{"type": "string", "pattern": knob.NamePattern()})
		}
		if f.Pattern != nil {
			return orExpr(map[string]any{"type": "string", "pattern": f.Pattern.String()})
		}
		return orExpr(map[string]any{"type": "string"})
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		if f.None {
			// framework: the word none for an integer's zero (crews: none).
			return map[string]any{"anyOf": []any{limits(map[string]any{"type": "integer"}, f), map[string]any{"const": "none"}, expr}}
		}
		return orExpr(limits(map[string]any{"type": "integer"}, f))
	case t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32:
		return orExpr(limits(map[string]any{"type": "number"}, f))
	case undeclared(t):
		// Decoded by spec's own code (an action inside a detector or a
		// step): any value here; cascade validate checks it.
		return map[string]any{}
	case len(f.Exclude) > 0 && t.Kind() == reflect.Pointer:
		return g.refWithout(t.Elem(), f.Exclude)
	case len(f.Exclude) > 0 && t.Kind() == reflect.Slice:
		return map[string]any{"type": "array", "items": g.refWithout(t.Elem(), f.Exclude)}
	case t.Kind() == reflect.Pointer:
		return g.ref(t.Elem())
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Interface:
		return g.ref(t)
	case t.Kind() == reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return map[string]any{"type": "array", "items": g.ref(t.Elem())}
		}
		return map[string]any{"type": "array", "items": g.value(f, t.Elem())}
	}
	g.err = fmt.Errorf("schema: no schema for %s", t)
	return map[string]any{}
}

// limits adds a number knob's limits to its schema.
func limits(s map[string]any, f *knob.Field) map[string]any {
	if f.Min.Set {
		if f.Min.Exclusive {
			s["exclusiveMinimum"] = f.Min.Value
		} else {
			s["minimum"] = f.Min.Value
		}
	}
	if f.Max.Set {
		if f.Max.Exclusive {
			s["exclusiveMaximum"] = f.Max.Value
		} else {
			s["maximum"] = f.Max.Value
		}
	}
	return s
}

// undeclared reports whether t (or what it points to or holds) is a struct
// without knobs: a part of the file still decoded by hand.
func undeclared(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || knob.TextType(t) {
		return false
	}
	st, err := knob.StructOf(t)
	return err == nil && len(st.Fields) == 0
}

// refWithout returns a $ref to the schema of struct type t without the
// keys exclude (an action inside a detector), made once.
func (g *schemaGen) refWithout(t reflect.Type, exclude []string) map[string]any {
	name := defName(t) + "-without-" + strings.Join(exclude, "-")
	if _, done := g.defs[name]; !done {
		g.defs[name] = true
		g.defs[name] = withoutKeys(g.structSchema(t, nil), exclude)
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

// withoutKeys removes keys from an object schema (and each of its
// oneOf's).
func withoutKeys(s map[string]any, keys []string) map[string]any {
	if kinds, ok := s["oneOf"].([]any); ok {
		for _, k := range kinds {
			withoutKeys(k.(map[string]any), keys)
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for _, k := range keys {
			delete(props, k)
		}
	}
	if req, ok := s["required"].([]string); ok {
		kept := req[:0:0]
		for _, r := range req {
			if !slices.Contains(keys, r) {
				kept = append(kept, r)
			}
		}
		s["required"] = kept
	}
	return s
}
