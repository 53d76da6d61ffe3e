package spec

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// A field that names another item is checked by its ref tag alone: the
// toy store below declares lists of named items (shapes with kinds,
// racks with slots of their own) and fields that name them, and no code
// of spec knows any of them.

type toyRack struct {
	Name  string    `knob:"name" name:"true" required:"true"`
	Slots []toySlot `knob:"slots"`
	// Spare is a slot of this rack: the enclosing item's.
	Spare string `knob:"spare" ref:"slot"`
	// After is a rack listed before this one.
	After string `knob:"after" ref:"rack" earlier:"true"`
}

func (toyRack) Describe() (string, string) { return "a rack", "" }

type toySlot struct {
	Name string `knob:"name" name:"true" required:"true"`
}

func (toySlot) Describe() (string, string) { return "a slot", "" }

type toyPick struct {
	Shape string   `knob:"shape" ref:"shape"`
	Round string   `knob:"round" ref:"round shape (it must roll)"`
	Rack  string   `knob:"rack" ref:"rack"`
	Slot  string   `knob:"slot" ref:"slot" in:"rack"`
	Slots []string `knob:"slots" ref:"slot" in:"rack"`
	Or    string   `knob:"or" ref:"shape" or:"any"`
}

type toyStore struct {
	Shapes []shape   `knob:"shapes"`
	Racks  []toyRack `knob:"racks"`
	Picks  []toyPick `knob:"picks"`
}

func decodeStore(t *testing.T, doc string) error {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(doc), &root))
	errs := &errorList{file: "s.yaml"}
	d := newDecoder(root.Content[0], errs)
	var s toyStore
	d.declaredStruct(root.Content[0], "store", reflect.ValueOf(&s).Elem(), nil)
	d.checkRefs(reflect.TypeFor[toyStore](), "store")
	return errs.err()
}

func TestRefsAreCheckedFromTheirTags(t *testing.T) {
	const (
		shapes = "shapes: [{name: ball, kind: round, radius: 1}, {name: box, kind: square}]"
		racks  = "racks: [{name: top, slots: [{name: a}, {name: b}], spare: b}, {name: low, after: top}]"
	)
	store := func(picks string) string { return "{" + shapes + ", " + racks + ", picks: [" + picks + "]}" }
	require.NoError(t, decodeStore(t, store("{shape: box, round: ball, rack: top, slot: a, slots: [a, b], or: any}")))

	for doc, want := range map[string]wantErr{
		store("{shape: cube}"): {"s.yaml:1:181", "store.picks.0.shape", `unknown shape "cube"; expected one of the shapes: ball, box`},
		store("{round: box}"):  {"s.yaml:1:181", "store.picks.0.round", `expected a round shape (it must roll), got "box", a square shape`},
		store("{or: cube}"):    {"s.yaml:1:178", "store.picks.0.or", `unknown shape "cube"; expected any or one of the shapes: ball, box`},
		store("{rack: mid}"):   {"s.yaml:1:180", "store.picks.0.rack", `unknown rack "mid"; expected one of the racks: top, low`},
		store("{rack: top, slot: c}"): {"s.yaml:1:191", "store.picks.0.slot",
			`unknown slot "c" of rack "top"; expected one of its slots: a, b`},
		store("{rack: low, slots: [a]}"): {"s.yaml:1:193", "store.picks.0.slots.0",
			`unknown slot "a" of rack "low"; expected one of its slots: `},
		"{racks: [{name: top, slots: [{name: a}], spare: c}]}": {"s.yaml:1:49", "store.racks.top.spare",
			`unknown slot "c" of rack "top"; expected one of its slots: a`},
		"{racks: [{name: top, after: low}, {name: low}]}": {"s.yaml:1:29", "store.racks.top.after",
			`unknown rack "low"; expected one listed earlier, and none is`},
		"{picks: [{shape: ball}]}": {"s.yaml:1:18", "store.picks.0.shape",
			`unknown shape "ball"; no shapes are declared (add them under store.shapes:)`},
		// The names a ref could name are not all known: only the list's
		// own error.
		"{shapes: 1, picks: [{shape: ball}]}": {"s.yaml:1:10", "store.shapes", "expected a list of shapes"},
		// A slot of a rack that does not exist: only the rack's error.
		store("{rack: mid, slot: a}"): {"s.yaml:1:180", "store.picks.0.rack", `unknown rack "mid"`},
	} {
		requireErrors(t, decodeStore(t, doc), want)
	}
}

// Every ref of a scenario's declarations names a list of items, with
// kinds and a role it has, and a ref with in names a list held by items.
func TestEveryRefResolves(t *testing.T) {
	x := namespacesOf(reflect.TypeFor[Spec]())
	var fields []knob.Field
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if seen[t] {
			return
		}
		seen[t] = true
		if u := knob.UnionOf(t); u != nil {
			for _, name := range u.Names() {
				walk(u.Kind(name).Type)
			}
			return
		}
		st, err := knob.StructOf(t)
		if t.Kind() != reflect.Struct || err != nil {
			return
		}
		for _, f := range st.Fields {
			if f.Ref != nil || f.RefByKind != nil {
				fields = append(fields, f)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Spec]())
	require.GreaterOrEqual(t, len(fields), 38, "the ref fields of the declarations")
	for _, f := range fields {
		refs := []*knob.Ref{f.Ref}
		if f.RefByKind != nil {
			refs = refs[:0]
			for _, r := range f.RefByKind {
				refs = append(refs, r)
			}
		}
		owned := false
		for _, r := range refs {
			tg, err := x.resolve(r.Noun)
			require.NoError(t, err, "field %s", f.GoName)
			owned = owned || tg.ns.owner != nil
		}
		if refs[0].In != "" {
			require.True(t, owned, "field %s has in but names items of the whole file", f.GoName)
		}
	}
}
