package spec

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
)

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
	return strings.Join(effective(rv, ""), ", ")
}

// effective lists the knobs of struct value rv; kindName is a union's kind.
func effective(rv reflect.Value, kindName string) []string {
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
		if f.Key == "kind" || f.Name || (kind != "" && !f.ForKind(kind)) {
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
			out = append(out, effective(fv, "")...)
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
		return "{" + strings.Join(effective(v.Elem(), name), ", ") + "}"
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			return "none"
		}
		return effectiveValue(f, v.Elem())
	case v.Kind() == reflect.Struct:
		return "{" + strings.Join(effective(v, ""), ", ") + "}"
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
	}
	return fmt.Sprint(v.Interface())
}
