package knob

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// TextType reports whether t is a scalar a file writes as text and its
// pointer parses (an encoding.TextUnmarshaler, like netip.Addr), other than
// an Enum.
func TextType(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface || enumType(t) {
		return false
	}
	_, ok := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	return ok
}

// ParseValue parses text, as a tag writes it (Go's syntax for durations),
// into a value of type t: a number, duration, bool, string or enum.
func ParseValue(t reflect.Type, text string) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	switch {
	case t.Kind() == reflect.Slice:
		for _, item := range strings.Split(text, ",") {
			iv, err := ParseValue(t.Elem(), item)
			if err != nil {
				return v, err
			}
			v = reflect.Append(v, iv)
		}
	case t == durationType:
		d, err := time.ParseDuration(text)
		if err != nil {
			return v, err
		}
		v.SetInt(int64(d))
	case enumType(t) || TextType(t):
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text)); err != nil {
			return v, err
		}
	case t.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return v, err
		}
		v.SetBool(b)
	case t.Kind() == reflect.String:
		v.SetString(text)
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil || v.OverflowInt(i) {
			return v, fmt.Errorf("%q is not an integer of %s", text, t)
		}
		v.SetInt(i)
	case t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return v, fmt.Errorf("%q is not a finite number", text)
		}
		v.SetFloat(f)
	default:
		return v, fmt.Errorf("no text form for %s", t)
	}
	return v, nil
}

// SetDefaults sets every knob of struct value v (addressable) that
// belongs to kind ("" when the struct has no kind field) to its declared
// default, and every other knob to zero.
func SetDefaults(v reflect.Value, kind string) error {
	s, err := StructOf(v.Type())
	if err != nil {
		return err
	}
	for i := range s.Fields {
		f := &s.Fields[i]
		fv := v.Field(f.Index)
		if i == s.Kind { // framework: the struct's kind, not a plain kind knob
			continue
		}
		fv.SetZero()
		if !f.ForKind(kind) {
			continue
		}
		if f.Inline || (f.Type.Kind() == reflect.Struct && !TextType(f.Type)) {
			if f.Type.Kind() == reflect.Pointer {
				fv.Set(reflect.New(f.Type.Elem()))
				fv = fv.Elem()
			}
			if err := SetDefaults(fv, KindOf(fv)); err != nil {
				return err
			}
			continue
		}
		if f.Default == "" {
			continue
		}
		d, err := ParseValue(f.Type, f.Default)
		if err != nil {
			return fmt.Errorf("knob: %s.%s default: %w", s.Type, f.GoName, err)
		}
		fv.Set(d)
	}
	return nil
}

// KindOf returns the kind of struct value v: the value of its kind field
// as the file writes it, or "" if it has none.
func KindOf(v reflect.Value) string {
	s, err := StructOf(v.Type())
	if err != nil || s.Kind < 0 {
		return ""
	}
	return fmt.Sprint(v.Field(s.Fields[s.Kind].Index).Interface())
}

// Defaults returns a value of struct type S with every knob at its
// default. S's declaration must be valid (a test of every declared type
// checks it).
func Defaults[S any]() S {
	var s S
	v := reflect.ValueOf(&s).Elem()
	MustStructOf(v.Type())
	if err := SetDefaults(v, KindOf(v)); err != nil {
		panic(err)
	}
	return s
}

// Number returns the value of a number or duration field as a float64
// (a duration in nanoseconds), and false for other types.
func Number(v reflect.Value) (float64, bool) {
	switch {
	case v.Kind() >= reflect.Int && v.Kind() <= reflect.Int64:
		return float64(v.Int()), true
	case v.Kind() >= reflect.Uint && v.Kind() <= reflect.Uint64:
		return float64(v.Uint()), true
	case v.Kind() == reflect.Float64 || v.Kind() == reflect.Float32:
		return v.Float(), true
	}
	return 0, false
}
