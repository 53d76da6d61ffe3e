package spec

import (
	"reflect"

	"github.com/cascade-sim/cascade/models/knob"
)

// fileSection is one top-level key of a scenario file, as the JSON Schema,
// the field reference and describe's knob lines walk them: a knob of
// Spec's declaration.
type fileSection struct {
	key      string
	required bool
	doc      string
	// list is true when the value is a list of typ.
	list bool
	// typ is the declared type of the value, or of its items; nil for a
	// scalar or a section decoded by hand (params).
	typ reflect.Type
	// field is the knob's declaration.
	field *knob.Field
}

// fileSections are Spec's knobs, in its order.
var fileSections = func() []fileSection {
	st := knob.MustStructOf(reflect.TypeFor[Spec]())
	out := make([]fileSection, 0, len(st.Fields))
	for i := range st.Fields {
		f := &st.Fields[i]
		sec := fileSection{key: f.Key, required: f.Required, doc: f.Doc, field: f}
		if t := declaredType(f.Type); t != nil {
			sec.typ, sec.list = t, f.Type.Kind() == reflect.Slice
		}
		out = append(out, sec)
	}
	return out
}()
