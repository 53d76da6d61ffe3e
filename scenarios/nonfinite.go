package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// nonFinite returns the JSON path of the first number in v that is NaN or
// infinite (JSON cannot hold one), or "" if there is none. It names the
// culprit when encoding fails: a bug in a measure, never the user's input.
func nonFinite(v any) string {
	return nonFiniteAt("", reflect.ValueOf(v))
}

func nonFiniteAt(path string, v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Sprintf("%s is %v", strings.TrimPrefix(path, "."), f)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFiniteAt(path, v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if p := nonFiniteAt(path+"."+name, v.Field(i)); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p := nonFiniteAt(fmt.Sprintf("%s[%d]", path, i), v.Index(i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			if p := nonFiniteAt(fmt.Sprintf("%s[%v]", path, k), v.MapIndex(k)); p != "" {
				return p
			}
		}
	}
	return ""
}
