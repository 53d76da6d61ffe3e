package knob

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Written reports whether the file gave the knob with key (rather than
// leaving it at its default). It is an alias, so that a type in a package
// that does not import knob (sim's) can be a Checker.
type Written = func(key string) bool

// Checker is a config with rules between its fields, beyond each field's
// limits. Check returns nil, or one or more *FieldError (joined with
// errors.Join) naming the knob at fault; any other error is reported at
// the config's mapping.
type Checker interface {
	// Check checks the config; written tells which knobs the file gave.
	Check(written func(key string) bool) error
}

// FieldError is a problem with one knob of a config.
type FieldError struct {
	// Key is the knob's key.
	Key string
	// Msg says what is wrong and what is expected.
	Msg string
}

// Error formats the error as "key: msg".
func (e *FieldError) Error() string { return e.Key + ": " + e.Msg }

// Errorf returns a *FieldError about key.
func Errorf(key, format string, args ...any) error {
	return &FieldError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// FieldErrors returns the *FieldError values in err; an error of another
// type becomes one with an empty key.
func FieldErrors(err error) []*FieldError {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*FieldError
		for _, e := range j.Unwrap() {
			out = append(out, FieldErrors(e)...)
		}
		return out
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return []*FieldError{fe}
	}
	return []*FieldError{{Msg: err.Error()}}
}

// Explicit is the Written of a config built in Go rather than read from a
// file: a knob counts as written when it differs from its default.
func Explicit(v any) Written {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	s, err := StructOf(rv.Type())
	if err != nil {
		return func(string) bool { return true }
	}
	defaults := reflect.New(rv.Type()).Elem()
	if err := SetDefaults(defaults, KindOf(rv)); err != nil {
		return func(string) bool { return true }
	}
	return func(key string) bool {
		f := s.Field(key)
		return f != nil && !reflect.DeepEqual(rv.Field(f.Index).Interface(), defaults.Field(f.Index).Interface())
	}
}

// Validate checks a config built in Go: each number and duration knob of
// its kind against its limits (inline structs' too), then the config's
// Check with Explicit, and so on down every knob that holds a declared
// struct, a pointer to one or a list of them (an error there names its
// path, like "data.size" or "spread[1].after"). Models' constructors call
// it, so the rules of a scenario file and of Go code are the same.
func Validate(v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if _, err := StructOf(rv.Type()); err != nil {
		return err
	}
	return errors.Join(validateStruct(rv, "")...)
}

// validateStruct checks struct value rv's limits, then its Check, then its
// nested declared structs, each error's key prefixed by prefix.
func validateStruct(rv reflect.Value, prefix string) []error {
	kind := KindOf(rv)
	errs := limitErrors(rv, kind)
	if len(errs) == 0 {
		if c, ok := rv.Interface().(Checker); ok {
			errs = FieldErrorsOf(c.Check(Explicit(rv.Interface())))
		}
	}
	errs = prefixed(errs, prefix)
	return append(errs, nestedErrors(rv, kind, prefix)...)
}

// FieldErrorsOf is FieldErrors as a list of errors.
func FieldErrorsOf(err error) []error {
	var out []error
	for _, fe := range FieldErrors(err) {
		out = append(out, fe)
	}
	return out
}

// prefixed returns errs with each *FieldError's key under prefix.
func prefixed(errs []error, prefix string) []error {
	if prefix == "" {
		return errs
	}
	out := make([]error, len(errs))
	for i, err := range errs {
		fe, ok := err.(*FieldError)
		if !ok {
			out[i] = &FieldError{Key: strings.TrimSuffix(prefix, "."), Msg: err.Error()}
			continue
		}
		out[i] = &FieldError{Key: prefix + fe.Key, Msg: fe.Msg}
		if fe.Key == "" {
			out[i] = &FieldError{Key: strings.TrimSuffix(prefix, "."), Msg: fe.Msg}
		}
	}
	return out
}

// nestedErrors validates the declared structs rv's knobs of kind hold: a
// struct, a pointer to one, an interface holding one (a union's kind), or
// a list of any of these.
func nestedErrors(rv reflect.Value, kind, prefix string) []error {
	s := MustStructOf(rv.Type())
	var errs []error
	for i := range s.Fields {
		f := &s.Fields[i]
		if !f.ForKind(kind) {
			continue
		}
		fv := rv.Field(f.Index)
		if f.Inline {
			if fv, ok := inlineStruct(fv); ok {
				errs = append(errs, nestedErrors(fv, KindOf(fv), prefix)...)
			}
			continue
		}
		if fv.Kind() == reflect.Slice {
			for j := 0; j < fv.Len(); j++ {
				errs = append(errs, validateNested(fv.Index(j), fmt.Sprintf("%s%s[%d].", prefix, f.Key, j))...)
			}
			continue
		}
		errs = append(errs, validateNested(fv, prefix+f.Key+".")...)
	}
	return errs
}

// validateNested validates v when it is, or points to, or holds a
// declared struct with knobs; anything else (a number, a text, a nil
// pointer) has nothing nested to check.
func validateNested(v reflect.Value, prefix string) []error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	s, err := StructOf(v.Type())
	if err != nil || len(s.Fields) == 0 {
		return nil
	}
	return validateStruct(v, prefix)
}

// inlineStruct returns the struct an inline knob holds, through its
// pointer; ok is false for a nil pointer (that kind is not in use).
func inlineStruct(fv reflect.Value) (reflect.Value, bool) {
	if fv.Kind() != reflect.Pointer {
		return fv, true
	}
	if fv.IsNil() {
		return fv, false
	}
	return fv.Elem(), true
}

// limitErrors checks the number and duration knobs of struct value rv of
// kind against their limits.
func limitErrors(rv reflect.Value, kind string) []error {
	s := MustStructOf(rv.Type())
	var errs []error
	for i := range s.Fields {
		f := &s.Fields[i]
		if !f.ForKind(kind) {
			continue
		}
		fv := rv.Field(f.Index)
		if f.Inline {
			if fv, ok := inlineStruct(fv); ok {
				errs = append(errs, limitErrors(fv, kind)...)
			}
			continue
		}
		// framework: an optional knob at zero without a default of its
		// own is left out, as a file leaves it out (0 for "off").
		leftOut := !f.Required && f.Default == "" && fv.IsZero()
		// framework: the word none stands for zero (crews: none).
		leftOut = leftOut || (f.None && fv.IsZero())
		x, isNumber := Number(fv)
		if !isNumber || leftOut || f.Allows(x) {
			continue
		}
		errs = append(errs, Errorf(f.Key, "expected %s, got %s", Describe(f), formatValue(fv)))
	}
	return errs
}

// formatValue prints a knob's value for messages.
func formatValue(v reflect.Value) string {
	return fmt.Sprint(v.Interface())
}
