package spec

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// This file holds what the references' check (refcheck.go) reads: the
// namespaces a declared file has, found from its declaration, and what
// the decoder notes while it decodes (the lists of named items, and every
// field with a ref tag with the structs around it).

// namespace is the items of one declared type that ref fields name: the
// items of every list of that type (components, clients, rooms...).
type namespace struct {
	// noun names an item ("component", "hosted service"): its type's
	// Describe noun without the article.
	noun string
	// aliases are other nouns refs may use: the lists' unique words
	// ("hosted").
	aliases []string
	// elem is the items' type, st its declaration.
	elem reflect.Type
	st   *knob.Struct
	// path is where the file declares the first list, as a --set path
	// with NAME for an item of an enclosing list ("sites.NAME.rooms").
	path string
	// owner is the namespace of the item whose own list holds these (a
	// room's site), or nil for a list of the whole file.
	owner *namespace
}

// plural names several items: "components", "hosted services".
func (ns *namespace) plural() string {
	switch {
	case strings.HasSuffix(ns.noun, "s"), strings.HasSuffix(ns.noun, "sh"), strings.HasSuffix(ns.noun, "ch"), strings.HasSuffix(ns.noun, "x"):
		return ns.noun + "es"
	}
	return ns.noun + "s"
}

// namespaces are the namespaces of one declared root type, and the nouns
// of the structs on the way to them (for "no network is declared").
type namespaces struct {
	all    []*namespace
	byNoun map[string][]*namespace
	byType map[reflect.Type]*namespace
	// nouns holds the noun of each struct field by --set path.
	nouns map[string]string
}

var namespacesByRoot sync.Map // reflect.Type -> *namespaces

// namespacesOf returns the namespaces of declared type root, found once.
func namespacesOf(root reflect.Type) *namespaces {
	if x, ok := namespacesByRoot.Load(root); ok {
		return x.(*namespaces)
	}
	x := &namespaces{byNoun: map[string][]*namespace{}, byType: map[reflect.Type]*namespace{}, nouns: map[string]string{}}
	x.walk(root, "", nil, nil, nil)
	namespacesByRoot.Store(root, x)
	return x
}

// walk finds the namespaces in type t, declared at path inside an item of
// owner; on holds the types being walked (declarations do not nest
// themselves, but a bug must not loop).
func (x *namespaces) walk(t reflect.Type, path string, f *knob.Field, owner *namespace, on []reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if slices.Contains(on, t) {
		return
	}
	on = append(on, t)
	switch {
	case knob.TextType(t):
	case t.Kind() == reflect.Interface:
		if u := knob.UnionOf(t); u != nil {
			for _, name := range u.Names() {
				x.walk(u.Kind(name).Type, path, nil, owner, on)
			}
		}
	case t.Kind() == reflect.Slice:
		elem := t.Elem()
		for elem.Kind() == reflect.Pointer {
			elem = elem.Elem()
		}
		if st, err := knob.StructOf(elem); err == nil && elem.Kind() == reflect.Struct && !knob.TextType(elem) {
			if nf := st.Field("name"); nf != nil && nf.Name {
				ns := x.add(elem, st, path, f, owner)
				x.walk(elem, joinPath(path, "NAME"), nil, ns, on)
				return
			}
		}
		x.walk(elem, joinPath(path, "N"), nil, owner, on)
	case t.Kind() == reflect.Struct:
		st, err := knob.StructOf(t)
		if err != nil {
			return
		}
		if path != "" {
			x.nouns[path] = strings.TrimPrefix(nounOf(t), "the ")
		}
		for i := range st.Fields {
			sf := &st.Fields[i]
			if sf.Inline {
				x.walk(sf.Type, path, nil, owner, on)
				continue
			}
			x.walk(sf.Type, joinPath(path, sf.Key), sf, owner, on)
		}
	}
}

// add notes the list at path of items of type elem.
func (x *namespaces) add(elem reflect.Type, st *knob.Struct, path string, f *knob.Field, owner *namespace) *namespace {
	ns := x.byType[elem]
	if ns == nil {
		noun := nounOf(elem)
		noun = strings.TrimPrefix(strings.TrimPrefix(noun, "a "), "an ")
		ns = &namespace{noun: noun, elem: elem, st: st, path: path, owner: owner}
		x.byType[elem] = ns
		x.all = append(x.all, ns)
		x.byNoun[noun] = append(x.byNoun[noun], ns)
	}
	if f != nil && f.Unique != "" && f.Unique != ns.noun && !slices.Contains(ns.aliases, f.Unique) {
		ns.aliases = append(ns.aliases, f.Unique)
		x.byNoun[f.Unique] = append(x.byNoun[f.Unique], ns)
	}
	return ns
}

// scope is one struct being decoded, with its path and node; item is set
// for an item of a list of named items.
type scope struct {
	v    reflect.Value
	st   *knob.Struct
	path string
	n    *yaml.Node
	item bool
}

// namedList is one list of named items the decoder read.
type namedList struct {
	elem  reflect.Type
	path  string
	n     *yaml.Node
	items []listItem
	// owner is the path of the item whose own list this is (the site of
	// a list of rooms), or "" for a list of the whole file.
	owner string
}

// listItem is one item of a namedList: its value, path and node.
type listItem struct {
	v    reflect.Value
	path string
	n    *yaml.Node
}

// refUse is one field with a ref tag the decoder read: its value's node
// and path, and the structs around it, outermost first.
type refUse struct {
	f      *knob.Field
	n      *yaml.Node
	path   string
	scopes []scope
}

// refNotes is what the decoder notes for the references' check.
type refNotes struct {
	// scopes are the structs being decoded, outermost first.
	scopes []scope
	// lists are the lists of named items, uses the ref fields, in the
	// order the decoder read them (file order).
	lists []*namedList
	uses  []refUse
}

// noteRef notes field f, decoded from n at path, if it names other items.
func (d *decoder) noteRef(n *yaml.Node, path string, f *knob.Field) {
	if f.Ref == nil && f.RefByKind == nil {
		return
	}
	d.refs.uses = append(d.refs.uses, refUse{f: f, n: n, path: path, scopes: slices.Clone(d.refs.scopes)})
}

// noteList notes the list of named items of type elem at path; the
// decoder adds its items.
func (d *decoder) noteList(n *yaml.Node, path string, elem reflect.Type) *namedList {
	l := &namedList{elem: elem, path: path, n: n}
	for i := len(d.refs.scopes) - 1; i >= 0; i-- {
		if d.refs.scopes[i].item {
			l.owner = d.refs.scopes[i].path
			break
		}
	}
	d.refs.lists = append(d.refs.lists, l)
	return l
}
