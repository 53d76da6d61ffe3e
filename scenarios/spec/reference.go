package spec

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models/knob"
)

// Reference returns docs/scenario-reference.md: every top-level key of a
// scenario file, and for each section whose fields the models declare,
// every kind and field with its value, unit, default, limits and meaning.
// It is made from the same declarations as the decoder and the JSON
// Schema; a test keeps the file in the repository current.
func Reference() string {
	r := &referenceGen{done: map[reflect.Type]bool{}}
	r.line("# Scenario file reference")
	r.line("")
	r.line("Generated from the models' declarations by `go test ./scenarios/spec -run TestReferenceIsCurrent -update`; do not edit by hand.")
	r.line("`cascade schema` writes the same declarations as a JSON Schema for editors, and `cascade describe` shows a scenario's values with the defaults filled in.")
	r.line("")
	r.line("Every value may also be a `${}` expression of the file's params (see the README), and `--set PATH=VALUE` sets any field, also one the file leaves out.")
	r.line("")
	r.line("## Top level")
	r.line("")
	r.line("| key | required | value | what it holds |")
	r.line("|---|---|---|---|")
	for _, s := range fileSections {
		value := knob.Describe(s.field)
		switch {
		case s.typ != nil:
			value = fmt.Sprintf("[fields](#%s)", anchor(s.key))
		case undeclared(s.field.Type):
			value = "see the README"
		}
		r.line(fmt.Sprintf("| `%s` | %s | %s | %s |", s.key, yesNo(s.required), cell(value), cell(s.doc)))
	}
	r.line("")
	r.line("`params:` is read before the rest, since every other value may use its `${}`: it maps each param's name to `{default, unit, description, min, max, choices, source}` (see the README).")
	describedIn := map[reflect.Type]string{}
	for _, s := range fileSections {
		if s.typ == nil {
			continue
		}
		r.line("")
		r.line("## " + s.key)
		r.line("")
		if first, done := describedIn[s.typ]; done {
			r.line(fmt.Sprintf("Written as the items of [%s](#%s) are.", first, anchor(first)))
			continue
		}
		describedIn[s.typ] = s.key
		if s.list {
			r.line(fmt.Sprintf("A list; each item is %s.", nounOf(s.typ)))
			r.line("")
		}
		r.structTables(s.typ)
	}
	return r.b.String()
}

type referenceGen struct {
	b    strings.Builder
	done map[reflect.Type]bool
	// later are the nested declared types to describe after this one.
	later []reflect.Type
}

func (r *referenceGen) line(s string) { r.b.WriteString(s + "\n") }

// structTables writes the table of declared type t (one per kind for a
// struct with a kind field or a union), then those of the types it holds.
func (r *referenceGen) structTables(t reflect.Type) {
	r.describe(t)
	for len(r.later) > 0 {
		next := r.later[0]
		r.later = r.later[1:]
		r.describe(next)
	}
}

func (r *referenceGen) describe(t reflect.Type) {
	if r.done[t] {
		return
	}
	r.done[t] = true
	if t.Kind() == reflect.Interface {
		u := knob.UnionOf(t)
		r.line(fmt.Sprintf("### %s", strings.TrimPrefix(strings.TrimPrefix(u.Noun, "a "), "an ")))
		r.line("")
		r.line(fmt.Sprintf("<a id=\"%s\"></a>%s. Written as a mapping whose `%s` names the kind, like `%s`; its other keys are that kind's.", anchor(defName(t)), capital(u.Doc), u.Key(), u.Example))
		r.line("")
		for _, k := range u.Kinds {
			r.line(fmt.Sprintf("#### %s: %s", u.Key(), k.Name))
			r.line("")
			r.line(capital(k.Doc) + ".")
			r.line("")
			r.table(knob.MustStructOf(k.Type), "")
		}
		return
	}
	st := knob.MustStructOf(t)
	noun := nounOf(t)
	r.line(fmt.Sprintf("### %s", strings.TrimPrefix(strings.TrimPrefix(noun, "a "), "an ")))
	r.line("")
	if st.Kind < 0 {
		r.line(fmt.Sprintf("<a id=\"%s\"></a>", anchor(defName(t))))
		r.line("")
		r.table(st, "")
		return
	}
	kf := &st.Fields[st.Kind]
	r.line(fmt.Sprintf("<a id=\"%s\"></a>The `%s` says %s; the other keys are the %s's.", anchor(defName(t)), kf.Key, kf.Doc, kf.Key))
	r.line("")
	for _, k := range knob.Choices(kf.Type) {
		r.line(fmt.Sprintf("#### %s: %s", kf.Key, k))
		r.line("")
		r.table(st, k)
	}
}

// table writes the fields of st of kind ("" for all) as a table.
func (r *referenceGen) table(st *knob.Struct, kind string) {
	rows := r.rows(st, kind)
	if len(rows) == 0 {
		r.line("No other fields.")
		r.line("")
		return
	}
	r.line("| key | value | unit | default | meaning |")
	r.line("|---|---|---|---|---|")
	for _, row := range rows {
		r.line(row)
	}
	r.line("")
}

func (r *referenceGen) rows(st *knob.Struct, kind string) []string {
	var rows []string
	for i := range st.Fields {
		f := &st.Fields[i]
		if i == st.Kind || (kind != "" && !f.ForKind(kind)) {
			continue
		}
		if f.Inline {
			t := f.Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			rows = append(rows, r.rows(knob.MustStructOf(t), kind)...)
			continue
		}
		value := knob.Describe(f)
		if nested := declaredType(f.Type); nested != nil {
			what := nounOrUnion(nested)
			switch {
			case f.Want != "":
				what = f.Want
			case f.Type.Kind() == reflect.Slice:
				what = "a list of " + strings.TrimPrefix(strings.TrimPrefix(what, "a "), "an ") + "s"
			}
			value = fmt.Sprintf("%s ([fields](#%s))", what, anchor(defName(nested)))
			r.later = append(r.later, nested)
		}
		unit := f.Unit
		if unit == "" {
			unit = "—"
		}
		def := "—"
		switch {
		case f.Required || f.Needs[kind] != "":
			def = "required"
		case f.Default != "":
			def = "`" + f.Default + "`"
		case f.None:
			def = "none"
		case f.Type == reflect.TypeFor[time.Duration]():
			def = "`0s`"
		case isNumberType(f.Type) && !f.Allows(0):
			// 0 is not a value it takes: left out, the knob is off or
			// another knob stands in (a population's rate or
			// rate_per_user).
			def = "—"
		case knob.Choices(f.Type) != nil, f.Type.Kind() == reflect.Bool, isNumberType(f.Type):
			def = "`" + fmt.Sprint(reflect.Zero(f.Type).Interface()) + "`"
		}
		meaning := f.Doc
		if f.Why != "" {
			meaning += " (limits: " + f.Why + ")"
		}
		rows = append(rows, fmt.Sprintf("| `%s` | %s | %s | %s | %s |", f.Key, cell(value), cell(unit), def, cell(meaning)))
	}
	return rows
}

// declaredType returns the declared struct or union t holds (itself, its
// element or its pointee), or nil for a scalar.
func declaredType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Interface && knob.UnionOf(t) != nil:
		return t
	case t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]() && !knob.TextType(t):
		if s, err := knob.StructOf(t); err == nil && len(s.Fields) > 0 {
			return t
		}
	}
	return nil
}

func nounOrUnion(t reflect.Type) string {
	if u := knob.UnionOf(t); u != nil {
		return u.Noun
	}
	return nounOf(t)
}

// anchor is a heading id.
func anchor(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "-")) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// cell escapes a table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// isNumber reports whether t is an integer or float type.
func isNumberType(t reflect.Type) bool {
	return t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64
}

// capital starts s with a capital letter, unless its first word is
// written with capitals of its own (gRPC).
func capital(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if s == "" || strings.ToLower(first) != first {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
