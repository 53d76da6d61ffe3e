package knob

import (
	"fmt"
	"reflect"
	"sync"
)

// Union is the declaration of a config interface whose kinds are
// different structs: a retry control is grpc-throttling, envoy-budget, ...
// each with its own fields. A file writes it as a mapping whose "kind" key
// names the kind and whose other keys are that kind's fields.
type Union struct {
	// Type is the interface type.
	Type reflect.Type
	// Noun names it in messages, like "a retry control".
	Noun string
	// Example is a short YAML example.
	Example string
	// Doc says what it is, for the reference.
	Doc string
	// Kinds are its kinds, in the order messages list them.
	Kinds []Kind
	// KindKey is the key that names the kind, if not "kind" (a
	// distribution's is "dist").
	KindKey string
}

// Key returns the key that names the kind: KindKey, or "kind".
func (u *Union) Key() string {
	if u.KindKey != "" {
		return u.KindKey
	}
	return "kind"
}

// WithKindKey sets the key that names the kind and returns u; for use in
// the declaration.
func (u *Union) WithKindKey(key string) *Union {
	u.KindKey = key
	return u
}

// Kind is one kind of a union.
type Kind struct {
	// Name is the word the file writes as kind.
	Name string
	// Type is the struct type of its fields; it implements the union's
	// interface.
	Type reflect.Type
	// Doc says what the kind is.
	Doc string
}

// Names lists the kinds' names.
func (u *Union) Names() []string {
	out := make([]string, len(u.Kinds))
	for i, k := range u.Kinds {
		out[i] = k.Name
	}
	return out
}

// Kind returns the kind named name, or nil.
func (u *Union) Kind(name string) *Kind {
	for i := range u.Kinds {
		if u.Kinds[i].Name == name {
			return &u.Kinds[i]
		}
	}
	return nil
}

// KindOf returns the name of the kind of v, a value of the union's
// interface, or "" if v is nil or not one of its kinds.
func (u *Union) KindOf(v any) string {
	if v == nil {
		return ""
	}
	t := reflect.TypeOf(v)
	for _, k := range u.Kinds {
		if k.Type == t {
			return k.Name
		}
	}
	return ""
}

var unions sync.Map // reflect.Type of the interface -> *Union

// Declare registers the union of interface I: its kinds, each a struct
// type implementing I. It panics on a malformed declaration (a bug in a
// model, caught when its package loads).
func Declare[I any](noun, example, doc string, kinds ...Kind) *Union {
	t := reflect.TypeFor[I]()
	if t.Kind() != reflect.Interface {
		panic(fmt.Sprintf("knob.Declare: %s is not an interface", t))
	}
	seen := map[string]bool{}
	for _, k := range kinds {
		if k.Type.Kind() != reflect.Struct || !k.Type.Implements(t) || seen[k.Name] || k.Name == "" {
			panic(fmt.Sprintf("knob.Declare %s: kind %q: %s is not a struct implementing it, or the name is empty or repeated", t, k.Name, k.Type))
		}
		seen[k.Name] = true
		if _, err := StructOf(k.Type); err != nil {
			panic(err)
		}
	}
	u := &Union{Type: t, Noun: noun, Example: example, Doc: doc, Kinds: kinds}
	if _, dup := unions.LoadOrStore(t, u); dup {
		panic(fmt.Sprintf("knob.Declare: %s declared twice", t))
	}
	return u
}

// KindFor declares a kind of a union: the struct type S named name.
func KindFor[S any](name, doc string) Kind {
	return Kind{Name: name, Type: reflect.TypeFor[S](), Doc: doc}
}

// UnionOf returns the union declared for interface type t, or nil.
func UnionOf(t reflect.Type) *Union {
	if v, ok := unions.Load(t); ok {
		return v.(*Union)
	}
	return nil
}
