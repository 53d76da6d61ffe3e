package knob

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// durationType is the type of durations (sim.Time is an alias of it).
var durationType = reflect.TypeFor[time.Duration]()

// Field is the declaration of one knob: a field of a config struct.
type Field struct {
	// Key is the YAML key.
	Key string
	// GoName is the Go name of the field.
	GoName string
	// Index is the field's index in its struct.
	Index int
	// Type is the field's Go type.
	Type reflect.Type
	// Doc says what the knob means.
	Doc string
	// Unit is the unit of a number, or "".
	Unit string
	// Default is the value when the file leaves the key out, as written in
	// the tag; "" for the zero value.
	Default string
	// Min and Max are the limits; a Limit's Set is false when there is
	// none.
	Min, Max Limit
	// Why says where the limits come from, or "".
	Why string
	// Want overrides how errors describe the value, or "".
	Want string
	// Required is true if the file must give the key.
	Required bool
	// None is true if the word none stands for the zero value.
	None bool
	// Name is true for an item's name.
	Name bool
	// Ref is what the value names (tag ref), or nil; see Ref.
	Ref *Ref
	// RefByKind is what the value names for each kind of the struct, for
	// a field whose ref depends on it (tag ref:"slow=...;link-down=...");
	// nil otherwise. RefOf reads both.
	RefByKind map[string]*Ref
	// Kinds are the kinds of the struct the field belongs to; empty for
	// every kind.
	Kinds []string
	// Pattern is the regular expression a text must match (tag pattern),
	// or nil.
	Pattern *regexp.Regexp
	// Exclude are keys of the struct the field holds that it leaves out
	// (tag exclude:"name,at": an action inside a detector has no name or
	// time of its own).
	Exclude []string
	// Needs says, for the kinds that need the field (tag
	// needs:"slow=WANT;scale=WANT"), what it must hold: it is required for
	// those kinds, and a file that leaves it out is told "a slow fault
	// needs WANT".
	Needs map[string]string
	// NonEmpty is true for a list that, when given, holds at least one
	// item (tag nonempty:"true").
	NonEmpty bool
	// Unique names the items of a list of names (tag unique:"part"),
	// which must differ, for messages; "" for none.
	Unique string
	// Others says how the fields of the struct's other kinds are refused
	// (tag others:"named" on the kind field): by name ("address is only
	// allowed with kind: host, not switch") rather than as unknown keys.
	Others string
	// Inline is true for a struct (or pointer to one) whose knobs are
	// written in the same mapping as this struct's (tag knob:",inline"):
	// the fields of one kind of a component beside its name and kind.
	// Key is then empty.
	Inline bool
}

// Limit is a bound on a number or a duration.
type Limit struct {
	// Set is true if there is a bound.
	Set bool
	// Exclusive is true if the bound itself is not allowed (">0").
	Exclusive bool
	// Value is the bound, a duration's in nanoseconds.
	Value float64
	// Text is the bound as the tag writes it, without the '>' or '<'.
	Text string
}

// ForKind reports whether the field belongs to kind (every field without
// kinds does).
func (f *Field) ForKind(kind string) bool {
	if len(f.Kinds) == 0 {
		return true
	}
	for _, k := range f.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Struct is the declaration of a config struct: its knobs in order.
type Struct struct {
	// Type is the struct type.
	Type reflect.Type
	// Fields are the knobs, in the struct's order.
	Fields []Field
	// Kind is the index in Fields of the field with key "kind", or -1.
	Kind int
	// Noun names the struct in messages, like "a backoff".
	Noun string
	// Example is a short YAML example, like "{kind: constant, base: 1s}".
	Example string
}

// Field returns the knob with key, or nil.
func (s *Struct) Field(key string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Key == key {
			return &s.Fields[i]
		}
	}
	return nil
}

// Described is a config struct that names itself for messages and the
// reference: its noun ("a retry control") and a short example.
type Described interface {
	// Describe returns the noun and a one-line YAML example.
	Describe() (noun, example string)
}

// KindNamer is a config struct with a kind field that names each kind in
// messages its own way ("a service component" rather than "a component of
// kind service").
type KindNamer interface {
	// KindNoun names the struct of kind kind.
	KindNoun(kind string) string
}

var structs sync.Map // reflect.Type -> *Struct or error

// StructOf returns the declaration of struct type t, parsing its tags the
// first time. An error means a tag is malformed: a bug in a model, which a
// test of every declared type catches.
func StructOf(t reflect.Type) (*Struct, error) {
	if v, ok := structs.Load(t); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*Struct), nil
	}
	s, err := parseStruct(t)
	if err != nil {
		err = fmt.Errorf("knob: %s: %w", t, err)
		structs.Store(t, err)
		return nil, err
	}
	structs.Store(t, s)
	return s, nil
}

// MustStructOf is StructOf for types whose declarations a test checks.
func MustStructOf(t reflect.Type) *Struct {
	s, err := StructOf(t)
	if err != nil {
		panic(err)
	}
	return s
}

func parseStruct(t reflect.Type) (*Struct, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("not a struct")
	}
	s := &Struct{Type: t, Kind: -1}
	if d, ok := reflect.Zero(t).Interface().(Described); ok {
		s.Noun, s.Example = d.Describe()
	}
	seen := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		key, ok := sf.Tag.Lookup("knob")
		if !ok {
			continue
		}
		if !sf.IsExported() {
			return nil, fmt.Errorf("field %s: unexported", sf.Name)
		}
		inline := key == ",inline"
		if inline {
			key = ""
			if t := sf.Type; !(t.Kind() == reflect.Struct || t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct) {
				return nil, fmt.Errorf("field %s: inline needs a struct or a pointer to one, not %s", sf.Name, t)
			}
		} else if key == "" || (seen[key] && !disjointKinds(s.Fields, key, sf.Tag.Get("kinds"))) {
			// A key may name two fields only for different kinds (a
			// fault's to: a component for reroute, planes for detour).
			return nil, fmt.Errorf("field %s: empty or repeated key %q", sf.Name, key)
		}
		seen[key] = true
		f := Field{
			Key: key, GoName: sf.Name, Index: i, Type: sf.Type,
			Doc: sf.Tag.Get("doc"), Unit: sf.Tag.Get("unit"), Default: sf.Tag.Get("default"),
			Why: sf.Tag.Get("why"), Want: sf.Tag.Get("want"),
			Required: sf.Tag.Get("required") == "true", None: sf.Tag.Get("none") == "true",
			Name: sf.Tag.Get("name") == "true", Inline: inline,
			Unique: sf.Tag.Get("unique"), Others: sf.Tag.Get("others"),
			NonEmpty: sf.Tag.Get("nonempty") == "true",
		}
		if k := sf.Tag.Get("kinds"); k != "" {
			f.Kinds = strings.Split(k, ",")
		}
		if err := parseRef(&f, sf.Tag.Get("ref"), sf.Tag.Get("in"), sf.Tag.Get("earlier"), sf.Tag.Get("or")); err != nil {
			return nil, fmt.Errorf("field %s: %w", sf.Name, err)
		}
		if pat := sf.Tag.Get("pattern"); pat != "" {
			re, err := regexp.Compile(pat)
			if err != nil {
				return nil, fmt.Errorf("field %s: pattern: %w", sf.Name, err)
			}
			f.Pattern = re
		}
		if ex := sf.Tag.Get("exclude"); ex != "" {
			f.Exclude = strings.Split(ex, ",")
		}
		if needs := sf.Tag.Get("needs"); needs != "" {
			f.Needs = map[string]string{}
			for _, kv := range strings.Split(needs, ";") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok || !f.ForKind(k) {
					return nil, fmt.Errorf("field %s: needs: %q is not KIND=WANT of one of its kinds", sf.Name, kv)
				}
				f.Needs[k] = v
			}
		}
		var err error
		if f.Min, err = parseLimit(sf.Tag.Get("min"), ">", sf.Type); err != nil {
			return nil, fmt.Errorf("field %s: min: %w", sf.Name, err)
		}
		if f.Max, err = parseLimit(sf.Tag.Get("max"), "<", sf.Type); err != nil {
			return nil, fmt.Errorf("field %s: max: %w", sf.Name, err)
		}
		if f.Default != "" {
			if _, err := ParseValue(sf.Type, f.Default); err != nil {
				return nil, fmt.Errorf("field %s: default: %w", sf.Name, err)
			}
		}
		// framework: plain:"true" keeps a field keyed kind an ordinary
		// knob (a step's optional kind), not the struct's kind.
		if key == "kind" && sf.Tag.Get("plain") != "true" || sf.Tag.Get("selector") == "true" {
			s.Kind = len(s.Fields)
		}
		s.Fields = append(s.Fields, f)
	}
	for _, f := range s.Fields {
		for k := range f.RefByKind {
			if s.Kind < 0 || !slices.Contains(Choices(s.Fields[s.Kind].Type), k) {
				return nil, fmt.Errorf("field %s: ref: %q is not a kind of the struct", f.GoName, k)
			}
		}
	}
	return s, nil
}

// parseLimit parses a min or max tag: a number or duration, after an
// optional exclusive sign.
func parseLimit(tag, exclusive string, t reflect.Type) (Limit, error) {
	if tag == "" {
		return Limit{}, nil
	}
	l := Limit{Set: true}
	if strings.HasPrefix(tag, exclusive) {
		l.Exclusive = true
		tag = tag[len(exclusive):]
	}
	l.Text = tag
	switch {
	case t == durationType || t == reflect.TypeFor[[]time.Duration]():
		d, err := time.ParseDuration(tag)
		if err != nil {
			return l, err
		}
		l.Value = float64(d)
	case isNumberKind(t.Kind()) || (t.Kind() == reflect.Slice && isNumberKind(t.Elem().Kind())):
		v, err := strconv.ParseFloat(tag, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return l, fmt.Errorf("%q is not a finite number", tag)
		}
		l.Value = v
	default:
		return l, fmt.Errorf("limits are for numbers and durations, not %s", t)
	}
	return l, nil
}

func isNumberKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// Allows reports whether v (a number, or a duration in nanoseconds) lies
// within the field's limits.
func (f *Field) Allows(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return false
	}
	if f.Min.Set && (v < f.Min.Value || f.Min.Exclusive && v == f.Min.Value) {
		return false
	}
	if f.Max.Set && (v > f.Max.Value || f.Max.Exclusive && v == f.Max.Value) {
		return false
	}
	return true
}

// disjointKinds reports whether the fields already keyed key all have
// kinds and none of them is one of kinds (a comma-separated tag).
func disjointKinds(fields []Field, key, kinds string) bool {
	if kinds == "" {
		return false
	}
	for _, f := range fields {
		if f.Key != key {
			continue
		}
		if len(f.Kinds) == 0 {
			return false
		}
		for _, k := range strings.Split(kinds, ",") {
			if f.ForKind(k) {
				return false
			}
		}
	}
	return true
}
