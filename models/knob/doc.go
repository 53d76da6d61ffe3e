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
//	ref:"..."         the name of another item (see References below)
//	in:"key"          with ref: the names are those of the item named by
//	                  the field key (a room of the site named by site)
//	earlier:"true"    with ref: an item listed before the one holding it
//	or:"w1,w2"        with ref: words the value may be instead of a name
//	                  (a next hop's direct)
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
// # References
//
// A ref tag says what items a name (or a list of names) may name, in
// words that messages and the reference show:
//
//	ref:"[KIND[ or KIND]... ]NOUN[ that ROLE][ (REASON)]"
//
// NOUN is the noun of a list of named items of the same file (their
// struct's Describe noun without its article, or the list's unique word):
// "client", "component", "hosted service", "room". The KINDs before it
// allow only items of those kinds of the items' kind field ("planes
// component", "router or host node"); a ROLE stands for the kinds that
// play it, which the decoder knows ("component that accepts requests").
// The REASON, in parentheses, ends the message about an item of another
// kind: "expected a route component (BFD runs along a route), got ...".
// Items whose list is held by an item of another list (rooms of a site)
// are named within one such item: the one around the field, or the one
// the field in:"key" names. A field whose meaning depends on its
// struct's kind gives a ref per kind:
//
//	ref:"down,up=component;retries=client;utility-down=site"
//
// The decoder checks every ref against the file's names, with positions
// and the names expected; a new knob that names another item is one
// tagged field.
//
// A config whose kinds are different structs is a union: an interface type
// registered with Declare, whose kinds each name a struct.
package knob
