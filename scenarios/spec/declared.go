package spec

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// This file decodes any config a model declares with knob tags (see
// package knob): the fields, their defaults, limits and rules come from
// the declaration, and the decoder adds what only a file has: positions,
// unknown and duplicate keys, did-you-mean, and one error per field.

// declaredValue decodes node n at path into fv, a field declared by f.
func (d *decoder) declaredValue(n *yaml.Node, path string, fv reflect.Value, f *knob.Field) {
	t := fv.Type()
	d.noteRef(n, path, f)
	// framework: a field of a type no model declares (a scenario's
	// actions) is decoded by the function spec registers for it.
	if dec := handDecoded[t]; dec != nil {
		dec(d, n, path, fv, f)
		return
	}
	if f.None && n.Kind == yaml.ScalarNode && n.Value == "none" && !d.poisoned[n] {
		fv.SetZero()
		return
	}
	switch {
	case t == reflect.TypeFor[time.Duration]():
		fv.SetInt(int64(d.declaredDuration(n, path, f)))
	case knob.TextType(t):
		want := knob.Describe(f)
		text := d.str(n, path, want)
		if d.isBad(path) {
			return
		}
		if err := fv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text)); err != nil {
			var fe *knob.FieldError
			if errors.As(err, &fe) {
				d.errorf(n, path, "%s", fe.Msg)
			} else {
				d.errorf(n, path, "expected %s, got %s", want, quote(text))
			}
		}
	case knob.Choices(t) != nil:
		if word := d.enum(n, path, knob.Choices(t)...); word != "" {
			if err := fv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(word)); err != nil {
				d.errorf(n, path, "%v", err)
			}
		}
	case t.Kind() == reflect.Bool:
		fv.SetBool(d.boolean(n, path))
	case t.Kind() == reflect.String:
		switch {
		case f.Name:
			fv.SetString(d.itemName(n, path))
		default:
			s := d.str(n, path, knob.Describe(f))
			switch {
			case d.isBad(path):
			case f.NonEmpty && strings.TrimSpace(s) == "":
				d.errorf(n, path, "expected %s, got an empty string", knob.Describe(f))
			case f.Pattern != nil && !f.Pattern.MatchString(s):
				d.errorf(n, path, "expected %s, got %s", knob.Describe(f), quote(s))
			}
			fv.SetString(s)
		}
	case t.Kind() == reflect.Uint64:
		fv.SetUint(d.uint64(n, path))
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		lo, hi := intLimits(f)
		fv.SetInt(d.integer(n, path, lo, hi))
	case t.Kind() == reflect.Float64:
		fv.SetFloat(d.float(n, path, knob.Describe(f)+why(f), f.Allows))
	case t.Kind() == reflect.Struct:
		d.declaredStruct(n, path, fv, nil)
	case t.Kind() == reflect.Interface:
		d.declaredUnion(n, path, fv, knob.UnionOf(t))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		v := reflect.New(t.Elem())
		d.declaredStruct(n, path, v.Elem(), nil)
		fv.Set(v)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct && !knob.TextType(t.Elem()):
		item := strings.TrimPrefix(strings.TrimPrefix(nounOf(t.Elem()), "a "), "an ")
		unique := ""
		if st, err := knob.StructOf(t.Elem()); err == nil && st.Field("name") != nil && st.Field("name").Name {
			unique = item // items with names: each name once
			if f.Unique != "" {
				unique = f.Unique
			}
		}
		want := "a list of " + item + "s"
		if f.Want != "" {
			want = f.Want
		}
		d.declaredList(n, path, fv, want, f.NonEmpty || f.Required, unique)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && f.Name:
		// framework: a list of names (name:"true") is non-empty and
		// without repeats, like the detectors an operator notices from;
		// duplicates are named by the field's unique, ref, or key.
		what := f.Unique
		if what == "" && f.Ref != nil {
			what = f.Ref.Noun
		}
		if what == "" {
			what = f.Key
		}
		fv.Set(reflect.ValueOf(d.names(n, path, what)).Convert(t))
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && f.Ref != nil:
		// framework: a list of names of other items: each a valid name,
		// each once (non-empty if required).
		fv.Set(reflect.ValueOf(d.refNames(n, path, f.Ref.Noun, f.Required || f.NonEmpty)))
	case t.Kind() == reflect.Slice:
		// A list of scalars: each item is decoded as the field would be,
		// within the same limits.
		item := *f
		item.Type = t.Elem()
		out := reflect.MakeSlice(t, 0, len(n.Content))
		first := map[string]int{}
		d.list(n, path, knob.Describe(f), f.NonEmpty || f.Required, func(_ int, node *yaml.Node, p string) {
			v := reflect.New(t.Elem()).Elem()
			d.declaredValue(node, p, v, &item)
			if f.Unique != "" && !d.isBad(p) {
				name := fmt.Sprint(v.Interface())
				if line, dup := first[name]; dup {
					d.errorf(node, p, "duplicate %s name %s; the first is at line %d", f.Unique, quote(name), line)
					return
				}
				first[name] = node.Line
			}
			out = reflect.Append(out, v)
		})
		fv.Set(out)
	default:
		// A declaration the decoder cannot read is a bug in a model; the
		// test of every declared type keeps it from shipping.
		d.errorf(n, path, "cascade cannot read a %s field (a bug in cascade)", t)
	}
}

// handDecoded holds, by type, the decoders of field types that spec
// decodes by hand (a scenario's actions), for declarations that hold them.
// framework: filled in init functions.
var handDecoded = map[reflect.Type]func(d *decoder, n *yaml.Node, path string, fv reflect.Value, f *knob.Field){}

// why is " (the reason)" for a field whose limits have one.
func why(f *knob.Field) string {
	if f.Why == "" {
		return ""
	}
	return " (" + f.Why + ")"
}

// intLimits returns the least and largest integer a field allows: its
// declared limits, or 0 and MaxCount when it declares none.
func intLimits(f *knob.Field) (lo, hi int64) {
	lo, hi = math.MinInt64, MaxCount
	if f.Min.Set {
		lo = int64(math.Ceil(f.Min.Value))
		if f.Min.Exclusive && float64(lo) == f.Min.Value {
			lo++
		}
	}
	if f.Max.Set {
		hi = int64(math.Floor(f.Max.Value))
		if f.Max.Exclusive && float64(hi) == f.Max.Value {
			hi--
		}
	}
	return lo, hi
}

// declaredDuration decodes a duration within a field's limits.
func (d *decoder) declaredDuration(n *yaml.Node, path string, f *knob.Field) time.Duration {
	if f.None {
		return d.durationOrNone(n, path)
	}
	positive := f.Min.Set && f.Min.Exclusive && f.Min.Value == 0
	v := d.duration(n, path, positive)
	if !d.isBad(path) && !f.Allows(float64(v)) {
		d.errorf(n, path, "expected %s%s, got %s", knob.Describe(f), why(f), describe(n))
		return 0
	}
	return v
}

// nounOf is how messages name a declared struct: its Describe noun, or
// its type's name.
func nounOf(t reflect.Type) string {
	if s, err := knob.StructOf(t); err == nil && s.Noun != "" {
		return s.Noun
	}
	return "a " + strings.ToLower(t.Name())
}

// unionKind is the kind of a union that a mapping was found to be.
type unionKind struct {
	union *knob.Union
	name  string
}

// declaredStruct decodes mapping n at path into struct v (addressable):
// the kind first if the struct has a kind field, then the defaults of that
// kind, then the mapping's keys, then the struct's Check if every field
// decoded. in is set when v is a kind of a union, whose "kind" key the
// mapping also holds.
func (d *decoder) declaredStruct(n *yaml.Node, path string, v reflect.Value, in *unionKind) map[string]*yaml.Node {
	st, err := knob.StructOf(v.Type())
	if err != nil {
		d.errorf(n, path, "%v (a bug in cascade)", err)
		return nil
	}
	opts := d.next
	d.next = structOptions{}
	d.refs.scopes = append(d.refs.scopes, scope{v: v, st: st, path: path, n: n, item: opts.item})
	defer func() { d.refs.scopes = d.refs.scopes[:len(d.refs.scopes)-1] }()
	noun, example := st.Noun, st.Example
	if opts.noun != "" {
		noun = opts.noun
	}
	if in != nil {
		noun, example = in.union.Noun, in.union.Example
	}
	if noun == "" {
		noun = nounOf(v.Type())
	}
	kind, known := "", true
	var fs []field
	if in != nil {
		kind = in.name
		fs = append(fs, field{key: in.union.Key(), required: true, want: "one of: " + strings.Join(in.union.Names(), ", ")})
	} else if st.Kind >= 0 {
		kf := &st.Fields[st.Kind]
		known = false
		if k := lookup(n, kf.Key); k != nil {
			d.declaredValue(k, joinPath(path, kf.Key), v.Field(kf.Index), kf)
			if !d.isBad(joinPath(path, kf.Key)) {
				kind, known = fmt.Sprint(v.Field(kf.Index).Interface()), true
			}
		}
	}
	if known {
		if err := knob.SetDefaults(v, kind); err != nil {
			d.errorf(n, path, "%v (a bug in cascade)", err)
			return nil
		}
	}
	checkers := []reflect.Value{v}
	d.declaredFields(n, v, st, kind, known, in == nil, &fs, &checkers)
	if len(opts.exclude) > 0 {
		kept := fs[:0]
		for _, f := range fs {
			if !opts.exclude[f.key] {
				kept = append(kept, f)
			}
		}
		fs = kept
	}
	for i := range fs {
		if fs[i].needs != "" {
			fs[i].missing = fmt.Sprintf("missing %s; %s %s %s needs %s", fs[i].key, article(kind), kind,
				strings.TrimPrefix(strings.TrimPrefix(noun, "a "), "an "), fs[i].needs)
		}
	}
	what := noun
	if kind != "" && known && opts.noun == "" {
		what = noun + " of kind " + kind
		if kn, ok := v.Interface().(knob.KindNamer); ok {
			what = kn.KindNoun(kind)
		}
	}
	before := d.reported
	found := d.fields(n, path, mapping{want: mappingWant(noun, example, fs), what: what, fields: fs, lenient: !known})
	if found == nil || !known || d.reported != before {
		return found
	}
	written := func(key string) bool { return found[key] != nil }
	for _, cv := range checkers {
		c, ok := cv.Interface().(knob.Checker)
		if !ok {
			continue
		}
		for _, fe := range knob.FieldErrors(c.Check(written)) {
			at, p, note := found[fe.Key], joinPath(path, fe.Key), ""
			// framework: a key "a.b" names field b of the mapping at a.
			if head, rest, nested := strings.Cut(fe.Key, "."); at == nil && nested {
				at = lookup(found[head], rest)
			}
			if at == nil {
				// A field the file leaves out: if a --set changed the
				// kind, say so, since the new kind is why it is needed.
				at, note = n, d.sets.kindNote(n)
				if strings.Contains(fe.Key, ".") {
					// framework: a key with dots (curve.1.at) names a
					// field inside one of the struct's lists, found from n.
					at, _, _ = locate(n, fe.Key)
					note = ""
				}
			}
			if fe.Key == "" {
				p = path
			}
			d.errorf(at, p, "%s%s", fe.Msg, note)
		}
	}
	return found
}

// declaredFields appends to fs the keys of struct v (declared by st) that
// belong to kind, with the structs written inline flattened in, and to
// checkers the inline structs in use. withKind adds the struct's own kind
// field (decoded already) as a key.
func (d *decoder) declaredFields(n *yaml.Node, v reflect.Value, st *knob.Struct, kind string, known, withKind bool, fs *[]field, checkers *[]reflect.Value) {
	named := st.Kind >= 0 && st.Fields[st.Kind].Others == "named"
	selector := "kind"
	if st.Kind >= 0 {
		selector = st.Fields[st.Kind].Key
	}
	// The keys of other kinds, refused by name: each once, with every
	// kind it belongs to, unless a field of this kind has the key.
	active := map[string]bool{}
	otherKinds := map[string][]string{}
	for i := range st.Fields {
		if f := &st.Fields[i]; f.ForKind(kind) {
			active[f.Key] = true
		} else {
			otherKinds[f.Key] = append(otherKinds[f.Key], f.Kinds...)
		}
	}
	refused := map[string]bool{}
	for i := range st.Fields {
		f := &st.Fields[i]
		if i == st.Kind && withKind { // framework: not a plain:"true" kind
			*fs = append(*fs, field{key: f.Key, required: true, want: knob.Describe(f)})
			continue
		}
		if known && named && kind != "" && !f.ForKind(kind) && !f.Inline {
			if active[f.Key] || refused[f.Key] {
				continue
			}
			refused[f.Key] = true
			key, kinds := f.Key, otherKinds[f.Key]
			*fs = append(*fs, field{key: key, decode: func(v *yaml.Node, p string) {
				if !d.sets.leaveOut(n, v) {
					d.errorf(v, p, "%s is only allowed with %s: %s, not %s", key, selector, orList(kinds), kind)
				}
			}})
			continue
		}
		if !known || (kind != "" && !f.ForKind(kind)) {
			continue
		}
		fv := v.Field(f.Index)
		if f.Inline {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					fv.Set(reflect.New(fv.Type().Elem()))
				}
				fv = fv.Elem()
			}
			*checkers = append(*checkers, fv)
			d.declaredFields(n, fv, knob.MustStructOf(fv.Type()), kind, known, false, fs, checkers)
			continue
		}
		*fs = append(*fs, field{key: f.Key, required: f.Required || f.Needs[kind] != "", want: knob.Describe(f),
			needs: f.Needs[kind], decode: func(n *yaml.Node, p string) { d.declaredValue(n, p, fv, f) }})
	}
}

// mappingWant says what a mapping should be, for type errors: its noun
// and example, or its required and optional keys.
func mappingWant(noun, example string, fs []field) string {
	if example != "" {
		return noun + ": a mapping like " + example
	}
	var required, optional []string
	for _, f := range fs {
		if f.required {
			required = append(required, f.key)
		} else {
			optional = append(optional, f.key)
		}
	}
	want := noun + ": a mapping"
	if len(required) > 0 {
		want += " with " + strings.Join(required, ", ")
		if len(optional) > 0 {
			want += " and any of " + strings.Join(optional, ", ")
		}
	} else if len(optional) > 0 {
		want += " with any of " + strings.Join(optional, ", ")
	}
	return want
}

// declaredUnion decodes a mapping whose kind key names one of u's kinds
// into fv, a value of u's interface.
func (d *decoder) declaredUnion(n *yaml.Node, path string, fv reflect.Value, u *knob.Union) {
	if u == nil {
		d.errorf(n, path, "cascade cannot read a %s field: no kinds are declared for it (a bug in cascade)", fv.Type())
		return
	}
	var k *knob.Kind
	if kn := lookup(n, u.Key()); kn != nil {
		k = u.Kind(d.enum(kn, joinPath(path, u.Key()), u.Names()...))
	}
	if k == nil {
		d.fields(n, path, mapping{
			want:    mappingWant(u.Noun, u.Example, nil),
			what:    u.Noun,
			fields:  []field{{key: u.Key(), required: true, want: "one of: " + strings.Join(u.Names(), ", ")}},
			lenient: true,
		})
		return
	}
	v := reflect.New(k.Type).Elem()
	d.declaredStruct(n, path, v, &unionKind{union: u, name: k.Name})
	fv.Set(v)
}

// declaredList decodes a list of declared structs into the slice fv.
// Items with a name are addressed by it, and a name used twice is an error
// naming what ("client").
func (d *decoder) declaredList(n *yaml.Node, path string, fv reflect.Value, want string, nonEmpty bool, what string) {
	elem := fv.Type().Elem()
	out := reflect.MakeSlice(fv.Type(), 0, len(n.Content))
	var named *namedList
	if what != "" {
		named = d.noteList(n, path, elem)
	}
	d.list(n, path, want, nonEmpty, func(_ int, item *yaml.Node, p string) {
		v := reflect.New(elem).Elem()
		d.next.item = named != nil
		d.declaredStruct(item, p, v, nil)
		out = reflect.Append(out, v)
		if named != nil {
			named.items = append(named.items, listItem{v: v, path: p, n: item})
		}
	})
	if what != "" {
		d.uniqueNames(n, path, what)
	}
	fv.Set(out)
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// structOptions change how the next declaredStruct decodes its mapping:
// the noun that names it (a fault's list: "a fault" or "an action") and
// keys it leaves out (an action inside a detector has no name or at).
type structOptions struct {
	noun    string
	exclude map[string]bool
	// item is set for an item of a list of named items (a namespace).
	item bool
}

// article is "a" or "an" before word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
