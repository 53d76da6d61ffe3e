package spec

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// This file checks every field with a ref tag (see package knob) against
// the names the file declares, from what the decoder noted (namespaces.go):
// nothing here knows a particular field. A reference is only checked when
// the names it could refer to are all known (their lists and names have
// no errors), so one mistake gives one message.

// refRole is what a ref may ask of an item beside its kind ("component
// that accepts requests"): the kinds that do it, and how messages list
// them.
type refRole struct {
	kinds []string
	list  string
}

// refRoles are the roles refs may ask for, by namespace noun and role. A
// new component kind that accepts requests or makes calls is added here.
var refRoles = map[string]map[string]refRole{
	"component": {
		"accepts requests": {
			kinds: []string{string(ServiceKind), string(TokenCacheKind), string(RouteKind), string(PlanesKind)},
			list:  "a service, a token cache, a route or planes",
		},
		"makes calls": {
			kinds: []string{string(ServiceKind), string(TokenCacheKind)},
			list:  "a service or a token cache",
		},
	},
}

// target is what a ref's noun resolves to: a namespace, and the kinds of
// its items allowed (nil for any), with the role asked if any.
type target struct {
	ns    *namespace
	kinds []string
	role  *refRole
}

// resolve finds what ref noun names among x's namespaces: the longest
// ending of the noun (before " that ROLE") that is a namespace's noun,
// with the kinds written before it ("router or host node").
func (x *namespaces) resolve(noun string) (target, error) {
	var t target
	words, role, hasRole := strings.Cut(noun, " that ")
	fields := strings.Fields(words)
	for i := range fields {
		cands := x.byNoun[strings.Join(fields[i:], " ")]
		if len(cands) == 0 {
			continue
		}
		if len(cands) > 1 {
			return t, fmt.Errorf("ref %q names %d kinds of item", noun, len(cands))
		}
		t.ns = cands[0]
		if i > 0 {
			kinds := strings.Split(strings.Join(fields[:i], " "), " or ")
			var choices []string
			if t.ns.st.Kind >= 0 {
				choices = knob.Choices(t.ns.st.Fields[t.ns.st.Kind].Type)
			}
			for _, k := range kinds {
				if !slices.Contains(choices, k) {
					return t, fmt.Errorf("ref %q: %q is not a kind of %s", noun, k, t.ns.noun)
				}
			}
			t.kinds = kinds
		}
		break
	}
	if t.ns == nil {
		return t, fmt.Errorf("ref %q names no list of items", noun)
	}
	if hasRole {
		r, ok := refRoles[t.ns.noun][role]
		if !ok || t.kinds != nil {
			return t, fmt.Errorf("ref %q: no role %q of %s", noun, role, t.ns.noun)
		}
		t.role, t.kinds = &r, r.kinds
	}
	return t, nil
}

// want says what a ref allows, for the message about another kind: "a
// component that accepts requests (a service, ...)", "a route component
// (BFD runs along a route)".
func refWant(r *knob.Ref, t target) string {
	w := article(r.Noun) + " " + r.Noun
	if t.role != nil {
		w += " (" + t.role.list + ")"
	}
	if r.Reason != "" {
		w += " (" + r.Reason + ")"
	}
	return w
}

// refItem is one named item a ref may name.
type refItem struct {
	path string
	n    *yaml.Node
	// kind is the item's kind ("" if its struct has none, or if it did
	// not decode).
	kind string
	v    reflect.Value
}

// names are the items of one namespace a ref may name: the whole file's,
// or those of one owner item (the rooms of a site).
type names struct {
	// known is false if some name is not known: an error in a list, or
	// an item without a name that needs one.
	known bool
	// list is the names in file order, each once; first their first item.
	list  []string
	first map[string]*refItem
	// items counts the items, named or not.
	items int
	// lists are the lists read ("" owner: every list of the namespace).
	lists []*namedList
}

// refChecker checks the refs of one decoded root.
type refChecker struct {
	d     *decoder
	x     *namespaces
	root  string // the path of the root, "" for a scenario
	names map[string]*names
}

// checkRefs checks every ref field the decoder noted while decoding a
// value of type root at path rootPath.
func (d *decoder) checkRefs(root reflect.Type, rootPath string) {
	c := &refChecker{d: d, x: namespacesOf(root), root: rootPath, names: map[string]*names{}}
	for _, u := range d.refs.uses {
		c.use(u)
	}
}

// namesOf returns the names of ns held by the item at owner ("" for the
// whole file's), collected once.
func (c *refChecker) namesOf(ns *namespace, owner string) *names {
	key := ns.noun + "\x00" + owner
	if nm, ok := c.names[key]; ok {
		return nm
	}
	nm := &names{known: true, first: map[string]*refItem{}}
	c.names[key] = nm
	switch {
	case ns.owner == nil && c.d.isBad(joinPath(c.root, ns.path)):
		nm.known = false
	case ns.owner != nil && c.d.isBad(joinPath(owner, ns.path[strings.LastIndexByte(ns.path, '.')+1:])):
		nm.known = false // the owner's list is bad, or missing
	}
	nf := ns.st.Field("name")
	for _, l := range c.d.refs.lists {
		if l.elem != ns.elem || l.owner != owner {
			continue
		}
		nm.lists = append(nm.lists, l)
		if c.d.isBad(l.path) {
			nm.known = false
		}
		for _, it := range l.items {
			nm.items++
			name := it.v.Field(nf.Index).String()
			if name == "" {
				if nf.Required || c.d.isBad(joinPath(it.path, "name")) {
					nm.known = false
				}
				continue
			}
			if nm.first[name] != nil {
				continue
			}
			ri := &refItem{path: it.path, n: it.n, v: it.v}
			if k := ns.st.Kind; k >= 0 {
				kf := &ns.st.Fields[k]
				if lookup(it.n, kf.Key) != nil && !c.d.isBad(joinPath(it.path, kf.Key)) {
					ri.kind = fmt.Sprint(it.v.Field(kf.Index).Interface())
				}
			}
			nm.first[name] = ri
			nm.list = append(nm.list, name)
		}
	}
	return nm
}

// use checks one ref field: its one name, or each name of its list.
func (c *refChecker) use(u refUse) {
	r := u.f.Ref
	if u.f.RefByKind != nil && len(u.scopes) > 0 {
		// The ref depends on the kind of the struct holding the field.
		in := u.scopes[len(u.scopes)-1]
		k := in.st.Kind
		if k < 0 || lookup(in.n, in.st.Fields[k].Key) == nil || c.d.isBad(joinPath(in.path, in.st.Fields[k].Key)) {
			return
		}
		r = u.f.RefOf(fmt.Sprint(in.v.Field(in.st.Fields[k].Index).Interface()))
	}
	if r == nil || c.d.isBad(u.path) {
		return
	}
	t, err := c.x.resolve(r.Noun)
	if err != nil {
		c.d.errorf(u.n, u.path, "%v (a bug in cascade)", err)
		return
	}
	switch u.n.Kind {
	case yaml.ScalarNode:
		c.name(u, r, t, u.n, u.path)
	case yaml.SequenceNode:
		for i, seg := range itemSegments(u.n) {
			if item := u.n.Content[i]; item.Kind == yaml.ScalarNode {
				c.name(u, r, t, item, joinPath(u.path, seg))
			}
		}
	}
}

// name checks one name, the value v at path, of ref r of use u.
func (c *refChecker) name(u refUse, r *knob.Ref, t target, v *yaml.Node, path string) {
	name := v.Value
	if name == "" || c.d.isBad(path) || slices.Contains(r.Words, name) {
		return
	}
	d := c.d
	owner, ownerText := "", ""
	if t.ns.owner != nil {
		var ok bool
		if owner, ownerText, ok = c.owner(u, r, t.ns.owner); !ok {
			return
		}
	}
	nm := c.namesOf(t.ns, owner)
	if !nm.known {
		return
	}
	if r.Earlier {
		c.earlier(u, t, nm, v, path)
		return
	}
	it := nm.first[name]
	noun := t.ns.noun
	switch {
	case it == nil && ownerText != "":
		d.errorf(v, path, "unknown %s %s of %s; expected one of its %s: %s", noun, quote(name), ownerText, t.ns.plural(), nameList(nm.list))
	case it == nil && len(nm.list) > 0 && len(r.Words) > 0:
		d.errorf(v, path, "unknown %s %s; expected %s or one of the %s: %s", noun, quote(name), orList(r.Words), t.ns.plural(), nameList(nm.list))
	case it == nil && len(nm.list) > 0:
		d.errorf(v, path, "unknown %s %s; expected one of the %s: %s", noun, quote(name), t.ns.plural(), nameList(nm.list))
	case it == nil:
		d.errorf(v, path, "unknown %s %s; %s", noun, quote(name), c.noneDeclared(t.ns, nm, r))
	case t.kinds != nil && it.kind != "" && !slices.Contains(t.kinds, it.kind):
		got := article(it.kind) + " " + it.kind
		if kn, ok := it.v.Interface().(knob.KindNamer); ok {
			got = kn.KindNoun(it.kind)
		}
		if len(r.Words) > 0 {
			d.errorf(v, path, "expected %s, or %s; got %s, %s", refWant(r, t), orList(r.Words), quote(name), got)
			return
		}
		d.errorf(v, path, "expected %s, got %s, %s", refWant(r, t), quote(name), got)
	}
}

// noneDeclared says that no item of ns has a name, and where to declare
// one: "no clients are declared (add them under clients:)", "no network
// is declared (add it under network:)".
func (c *refChecker) noneDeclared(ns *namespace, nm *names, r *knob.Ref) string {
	if len(r.Words) > 0 {
		return fmt.Sprintf("no %s are declared, so expected %s", ns.plural(), orList(r.Words))
	}
	if nm.items > 0 {
		return fmt.Sprintf("no %s has a name (add name: to %s %s under %s)", ns.noun, article(ns.noun), ns.noun, joinPath(c.root, ns.path))
	}
	segs := strings.Split(ns.path, ".")
	for i := 1; i < len(segs); i++ {
		p := strings.Join(segs[:i], ".")
		if n, _, missing := locate(c.d.root, p); n == nil || len(missing) > 0 {
			return fmt.Sprintf("no %s is declared (add it under %s:)", c.x.nouns[p], joinPath(c.root, p))
		}
	}
	return fmt.Sprintf("no %s are declared (add them under %s:)", ns.plural(), joinPath(c.root, ns.path))
}

// owner finds the item of namespace owner whose own list holds the names
// ref r of use u may name: the item named by the field r.In of the
// innermost struct around u that has one, or else the innermost item of
// owner around u. It returns the item's path and how messages name it
// (`site "pangyo"`), or false if it is not known.
func (c *refChecker) owner(u refUse, r *knob.Ref, owner *namespace) (string, string, bool) {
	if r.In == "" {
		for i := len(u.scopes) - 1; i >= 0; i-- {
			if sc := u.scopes[i]; sc.item && sc.st.Type == owner.elem {
				name := sc.v.Field(owner.st.Field("name").Index).String()
				return sc.path, owner.noun + " " + quote(name), name != ""
			}
		}
		return "", "", false
	}
	for i := len(u.scopes) - 1; i >= 0; i-- {
		sc := u.scopes[i]
		v := lookup(sc.n, r.In)
		if v == nil {
			continue
		}
		p := joinPath(sc.path, r.In)
		if v.Kind != yaml.ScalarNode || v.Value == "" || c.d.isBad(p) {
			return "", "", false
		}
		nm := c.namesOf(owner, "")
		it := nm.first[v.Value]
		if !nm.known || it == nil {
			return "", "", false
		}
		return it.path, owner.noun + " " + quote(v.Value), true
	}
	return "", "", false
}

// earlier checks that the name v at path names an item of the list of
// the item around use u, listed before it.
func (c *refChecker) earlier(u refUse, t target, nm *names, v *yaml.Node, path string) {
	var at string
	for i := len(u.scopes) - 1; i >= 0; i-- {
		if sc := u.scopes[i]; sc.item && sc.st.Type == t.ns.elem {
			at = sc.path
			break
		}
	}
	nf := t.ns.st.Field("name")
	var before []string
	for _, l := range nm.lists {
		for _, it := range l.items {
			if it.path == at {
				c.reportEarlier(t, before, v, path)
				return
			}
			name := it.v.Field(nf.Index).String()
			if name == "" {
				return // not known
			}
			if !slices.Contains(before, name) {
				before = append(before, name)
			}
		}
	}
}

// reportEarlier reports the name v at path unless it is one of before.
func (c *refChecker) reportEarlier(t target, before []string, v *yaml.Node, path string) {
	switch {
	case slices.Contains(before, v.Value):
	case len(before) == 0:
		c.d.errorf(v, path, "unknown %s %s; expected one listed earlier, and none is", t.ns.noun, quote(v.Value))
	default:
		c.d.errorf(v, path, "unknown %s %s; expected one listed earlier: %s", t.ns.noun, quote(v.Value), nameList(before))
	}
}
