// Package knob is how a model declares its configuration once: each field
// of a config struct carries, in struct tags, the key a scenario file
// writes it under, its meaning, unit, default and limits, and the struct
// may add a Check method for rules between fields. The scenario decoder,
// the JSON Schema, the field reference and `cascade describe` all read
// these declarations, so a knob is written in one place.
//
// The tags of a field:
//
//	knob:"key"        the YAML key; a field without it is not a knob
//	doc:"..."         what the knob means, for the reference and schema
//	unit:"..."        the unit of a number (requests/s, percent, tokens)
//	default:"..."     the value when the file leaves the key out
//	min:"..."         the least value, ">x" for strictly more than x
//	max:"..."         the largest value, "<x" for strictly less than x
//	why:"..."         where the limits come from, shown in errors
//	want:"..."        how errors describe the value, if not from the limits
//	required:"true"   the file must give it
//	none:"true"       the word none stands for the zero value
//	name:"true"       an item's name (the syntax of a --set path segment)
//	ref:"..."         the name of another item: "client", "component"
//	kinds:"a,b"       the field belongs only to these kinds of the struct's
//	                  kind field (the field with key "kind")
//	pattern:"^re$"    a text must match the expression
//	nonempty:"true"   on a text: not blank
//	exclude:"a,b"     the held struct's keys a and b are left out here
//	selector:"true"   the field names the struct's kind though its key is not
//	                  kind (a fault's action)
//	needs:"a=W;b=W"   required for kinds a and b, each needing W (worded in
//	                  the "missing" message)
//	others:"named"    on the kind field: a key of another kind is refused by
//	                  name ("address is only allowed with kind: host")
//	nonempty:"true"   a list that, when given, has at least one item
//	unique:"part"     a list of names that must differ (named in messages)
//	knob:",inline"    a struct whose knobs sit in the same mapping
//	plain:"true"      on a field with key "kind": an ordinary knob, not the
//	                  struct's kind (a step's optional kind)
//
// Durations are written in Go's syntax in tags (1s, 2m, 10h).
//
// A config whose kinds are different structs is a union: an interface type
// registered with Declare, whose kinds each name a struct.
package knob
