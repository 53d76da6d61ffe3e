package spec

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
)

// summaryType is the type of a config that sums itself up in a nested
// value of EffectiveValues.
var summaryType = reflect.TypeFor[interface{ Summary() string }]()

// DefaultMark follows a value in EffectiveValues that is its knob's
// default: what a file that leaves the key out gets.
const DefaultMark = "*"

// EffectiveValues writes a declared config's values as a run uses them,
// every knob of its kind included, those at their default marked with
// DefaultMark, e.g. "timeout 2s, deadline none*, retries 1, backoff
// {exponential, base 100ms, cap 0s*, multiplier 2*, jitter none*}". A
// union's kind and a struct's kind come first, unmarked.
func EffectiveValues(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	return strings.Join(effective(rv, "", true), ", ")
}

// effective lists the knobs of struct value rv; kindName is a union's
// kind. An item's name is left out at the top (the caller names it) and
// kept inside.
func effective(rv reflect.Value, kindName string, top bool) []string {
	st, err := knob.StructOf(rv.Type())
	if err != nil {
		return []string{fmt.Sprint(rv.Interface())}
	}
	kind := knob.KindOf(rv)
	defaults := reflect.New(rv.Type()).Elem()
	if st.Kind >= 0 {
		defaults.Field(st.Fields[st.Kind].Index).Set(rv.Field(st.Fields[st.Kind].Index))
	}
	if err := knob.SetDefaults(defaults, kind); err != nil {
		return []string{fmt.Sprint(rv.Interface())}
	}
	var out []string
	if kindName != "" {
		out = append(out, kindName)
	}
	if kind != "" {
		out = append(out, kind)
	}
	for i := range st.Fields {
		f := &st.Fields[i]
		if i == st.Kind || (f.Name && f.Type.Kind() == reflect.String && kindName == "" && top) || (kind != "" && !f.ForKind(kind)) {
			continue
		}
		fv, dv := rv.Field(f.Index), defaults.Field(f.Index)
		if f.Inline {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			out = append(out, effective(fv, "", top)...)
			continue
		}
		mark := ""
		if reflect.DeepEqual(fv.Interface(), dv.Interface()) {
			mark = DefaultMark
		}
		out = append(out, f.Key+" "+effectiveValue(f, fv)+mark)
	}
	return out
}

// effectiveValue writes one knob's value.
func effectiveValue(f *knob.Field, v reflect.Value) string {
	switch {
	case v.Kind() == reflect.Interface:
		if v.IsNil() {
			return "none"
		}
		u := knob.UnionOf(v.Type())
		name := ""
		if u != nil {
			name = u.KindOf(v.Interface())
		}
		return "{" + strings.Join(effective(v.Elem(), name, false), ", ") + "}"
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			return "none"
		}
		return effectiveValue(f, v.Elem())
	case knob.TextType(v.Type()) || v.Type().Implements(summaryType):
		// Written as the file would, or as the type sums itself up (an
		// action inside a detector: "failover auth-e").
		if s, ok := v.Interface().(interface{ Summary() string }); ok {
			return s.Summary()
		}
		return fmt.Sprint(v.Interface())
	case v.Kind() == reflect.Struct:
		return "{" + strings.Join(effective(v, "", false), ", ") + "}"
	case v.Kind() == reflect.Slice:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = effectiveValue(f, v.Index(i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	case v.Type() == reflect.TypeFor[time.Duration]():
		if f.None && v.Int() == 0 {
			return "none"
		}
		return formatDuration(time.Duration(v.Int()))
	case v.Kind() == reflect.Float64:
		return fmt.Sprintf("%g", v.Float())
	case v.Kind() == reflect.String && v.String() == "":
		return `""`
	}
	return fmt.Sprint(v.Interface())
}

// KnobLine is one line of Knobs: where in the file, and the values there.
type KnobLine struct {
	// Path is the --set path of the item, like "clients.caller" or
	// "network".
	Path string
	// Values is what EffectiveValues writes of it.
	Values string
}

// Knobs lists the effective values of every item of the sections the
// models declare, in the file's order of sections and items: a list's
// items one per line (clients.caller), and a mapping's own knobs on one
// line and the named items of its lists on lines of their own
// (network, network.nodes.core).
func Knobs(s *Spec) []KnobLine {
	var out []KnobLine
	sv := reflect.ValueOf(s).Elem()
	for _, sec := range fileSections {
		if sec.typ == nil {
			continue
		}
		fv := specField(sv, sec.key)
		if !fv.IsValid() {
			continue
		}
		for fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				break
			}
			fv = fv.Elem()
		}
		switch fv.Kind() {
		case reflect.Slice:
			out = append(out, itemLines(sec.key, fv)...)
		case reflect.Struct:
			out = append(out, structLines(sec.key, fv)...)
		}
	}
	return out
}

// specField returns the field of Spec value sv whose key is key.
func specField(sv reflect.Value, key string) reflect.Value {
	t := sv.Type()
	for i := 0; i < t.NumField(); i++ {
		if snake(t.Field(i).Name) == key {
			return sv.Field(i)
		}
	}
	return reflect.Value{}
}

// itemLines writes each item of list v at path, by its name or index.
func itemLines(path string, v reflect.Value) []KnobLine {
	var out []KnobLine
	for i := 0; i < v.Len(); i++ {
		item := v.Index(i)
		out = append(out, KnobLine{Path: path + "." + itemLabel(item, i), Values: EffectiveValues(item.Interface())})
	}
	return out
}

// structLines writes a mapping's own knobs, then its lists of named items.
func structLines(path string, v reflect.Value) []KnobLine {
	st, err := knob.StructOf(v.Type())
	if err != nil {
		return nil
	}
	var own []string
	var lists []KnobLine
	for i := range st.Fields {
		f := &st.Fields[i]
		fv := v.Field(f.Index)
		if fv.Kind() == reflect.Slice && declaredType(f.Type) != nil && f.Type.Elem().Kind() == reflect.Struct {
			lists = append(lists, itemLines(path+"."+f.Key, fv)...)
			continue
		}
		own = append(own, f.Key+" "+effectiveValue(f, fv)+defaultMarkOf(v, f))
	}
	return append([]KnobLine{{Path: path, Values: strings.Join(own, ", ")}}, lists...)
}

// defaultMarkOf is DefaultMark if knob f of struct v is at its default.
func defaultMarkOf(v reflect.Value, f *knob.Field) string {
	d := reflect.New(v.Type()).Elem()
	if err := knob.SetDefaults(d, knob.KindOf(v)); err != nil {
		return ""
	}
	if reflect.DeepEqual(v.Field(f.Index).Interface(), d.Field(f.Index).Interface()) {
		return DefaultMark
	}
	return ""
}
