package spec

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"
)

// Differences lists where the decoded scenarios a and b differ, as paths
// like "clients.token-fetch.retries" (list items by name where they have
// one, fields by their declared key or in snake case), in order. What does not change a run is left
// out: the file's name, description and params (their effect shows where
// they are used), the documented figures and events, and the quick
// overrides.
func Differences(a, b *Spec) []string {
	var out []string
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	t := va.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || ignoredInDifferences[f.Name] {
			continue
		}
		differences(&out, snake(f.Name), va.Field(i), vb.Field(i))
	}
	return out
}

// ignoredInDifferences are the top-level fields that do not change a run.
var ignoredInDifferences = map[string]bool{
	"File": true, "Description": true, "Params": true,
	"Documented": true, "DocumentedEvents": true, "Quick": true,
}

// differences appends to out the paths under path where a and b differ.
func differences(out *[]string, path string, a, b reflect.Value) {
	if a.Kind() != b.Kind() {
		*out = append(*out, path)
		return
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, path)
			}
			return
		}
		if a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type() {
			*out = append(*out, path)
			return
		}
		differences(out, path, a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() != b.Type() {
			*out = append(*out, path)
			return
		}
		if !hasExportedFields(a.Type()) {
			// time.Time and the like: compared as values.
			if !reflect.DeepEqual(a.Interface(), b.Interface()) {
				*out = append(*out, path)
			}
			return
		}
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				key := snake(f.Name)
				if k, declared := f.Tag.Lookup("knob"); declared {
					key = k // a model's declared key
				}
				if key == ",inline" {
					// framework: an inline struct's knobs sit beside the
					// struct's own (a detector's kind config).
					differences(out, path, a.Field(i), b.Field(i))
					continue
				}
				differences(out, path+"."+key, a.Field(i), b.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			*out = append(*out, path)
			return
		}
		for i := 0; i < a.Len(); i++ {
			differences(out, path+"."+itemLabel(a.Index(i), i), a.Index(i), b.Index(i))
		}
	case reflect.Map:
		keys := map[string]reflect.Value{}
		for _, k := range a.MapKeys() {
			keys[fmt.Sprint(k.Interface())] = k
		}
		for _, k := range b.MapKeys() {
			keys[fmt.Sprint(k.Interface())] = k
		}
		names := make([]string, 0, len(keys))
		for n := range keys {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			va, vb := a.MapIndex(keys[n]), b.MapIndex(keys[n])
			if !va.IsValid() || !vb.IsValid() {
				*out = append(*out, path+"."+n)
				continue
			}
			differences(out, path+"."+n, va, vb)
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		// Not part of a decoded scenario's values.
	default:
		if !a.Equal(b) {
			*out = append(*out, path)
		}
	}
}

// hasExportedFields reports whether struct type t has an exported field.
func hasExportedFields(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

// itemLabel names item i of a list: its Name field if it has a non-empty
// one, else its index.
func itemLabel(v reflect.Value, i int) string {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Name"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return f.String()
		}
	}
	return fmt.Sprint(i)
}

// snake writes a Go field name as a file's key: ServiceTime as
// service_time.
func snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
