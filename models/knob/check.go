package knob

import (
	"errors"
	"fmt"
	"reflect"
)

// Written reports whether the file gave the knob with key (rather than
// leaving it at its default).
type Written func(key string) bool

// Checker is a config with rules between its fields, beyond each field's
// limits. Check returns nil, or one or more *FieldError (joined with
// errors.Join) naming the knob at fault.
type Checker interface {
	// Check checks the config; written tells which knobs the file gave.
	Check(written Written) error
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
	kind := ""
	if s.Kind >= 0 {
		kind = fmt.Sprint(rv.Field(s.Fields[s.Kind].Index).Interface())
	}
	defaults := reflect.New(rv.Type()).Elem()
	if err := SetDefaults(defaults, kind); err != nil {
		return func(string) bool { return true }
	}
	return func(key string) bool {
		f := s.Field(key)
		return f != nil && !reflect.DeepEqual(rv.Field(f.Index).Interface(), defaults.Field(f.Index).Interface())
	}
}

// Validate checks a config built in Go: each number and duration knob of
// its kind against its limits, then the config's Check with Explicit.
// Models' constructors call it, so the rules of a scenario file and of
// Go code are the same.
func Validate(v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	s, err := StructOf(rv.Type())
	if err != nil {
		return err
	}
	kind := ""
	if s.Kind >= 0 {
		kind = fmt.Sprint(rv.Field(s.Fields[s.Kind].Index).Interface())
	}
	var errs []error
	for i := range s.Fields {
		f := &s.Fields[i]
		if !f.ForKind(kind) {
			continue
		}
		fv := rv.Field(f.Index)
		x, isNumber := Number(fv)
		if !isNumber || (f.None && fv.IsZero()) || f.Allows(x) {
			continue
		}
		errs = append(errs, Errorf(f.Key, "expected %s, got %s", Describe(f), formatValue(fv)))
	}
	if len(errs) == 0 {
		if c, ok := rv.Interface().(Checker); ok {
			return c.Check(Explicit(rv.Interface()))
		}
	}
	return errors.Join(errs...)
}

// formatValue prints a knob's value for messages.
func formatValue(v reflect.Value) string {
	return fmt.Sprint(v.Interface())
}
