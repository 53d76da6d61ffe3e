package spec

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
)

// The shapes the power configs added to the framework, on toy types: a
// list of named items (names unique), a list of names of other items, and
// a rule about a field inside a list.

type toyItem struct {
	Name string            `knob:"name" name:"true" required:"true"`
	Wait models.DistConfig `knob:"wait" want:"a distribution, like {dist: deterministic, value: 1s}"`
}

func (toyItem) Describe() (string, string) { return "an item", "" }

type toyMark struct {
	At time.Duration `knob:"at" required:"true" min:"0s"`
}

type toyBox struct {
	Items []toyItem  `knob:"items" want:"a list of items, like [{name: a}]"`
	Refs  []string   `knob:"refs" ref:"item"`
	Marks []toyMark  `knob:"marks"`
	Names []string   `knob:"names" ref:"item" required:"true"`
	Other []toyPlain `knob:"other"`
}

// toyPlain has no name: its items may repeat.
type toyPlain struct {
	Label string `knob:"label"`
}

func (b toyBox) Check(written func(string) bool) error {
	for i := 1; i < len(b.Marks); i++ {
		if b.Marks[i].At < b.Marks[i-1].At {
			return knob.Errorf(fmt.Sprintf("marks.%d.at", i), "expected at >= the previous mark's")
		}
	}
	return nil
}

func decodeBox(t *testing.T, doc string) (toyBox, error) {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(doc), &root))
	errs := &errorList{file: "s.yaml"}
	d := newDecoder(root.Content[0], errs)
	var b toyBox
	d.declaredStruct(root.Content[0], "box", reflect.ValueOf(&b).Elem(), nil)
	return b, errs.err()
}

func TestDeclaredListsAndNames(t *testing.T) {
	b, err := decodeBox(t, "{items: [{name: a, wait: {dist: deterministic, value: 2s}}, {name: b}], refs: [a, b], names: [a], other: [{label: x}, {label: x}]}")
	require.NoError(t, err)
	require.Equal(t, []toyItem{{Name: "a", Wait: models.DeterministicDist{Value: 2 * time.Second}}, {Name: "b"}}, b.Items)
	require.Equal(t, []string{"a", "b"}, b.Refs)
	require.Len(t, b.Other, 2, "items without a name may repeat")

	for doc, want := range map[string]wantErr{
		"{items: [{name: a}, {name: a}], names: [a]}": {"s.yaml:1:28", "box.items.1.name", `duplicate item name "a"; the first is at line 1`},
		"{items: 1, names: [a]}":                      {"s.yaml:1:9", "box.items", `expected a list of items, like [{name: a}], got "1"`},
		"{refs: [a, a], names: [a]}":                  {"s.yaml:1:12", "box.refs.1", `duplicate item name "a"; the first is at line 1`},
		"{refs: [A], names: [a]}":                     {"s.yaml:1:9", "box.refs.0", "expected a name of lower-case letters"},
		"{names: []}":                                 {"s.yaml:1:9", "box.names", "expected a non-empty list of item names, got an empty list"},
		"{items: [{name: a, wait: {dist: uniform, min: 2s}}], names: [a]}": {"s.yaml:1:26", "box.items.a.wait.max", `missing required field "max"`},
		"{marks: [{at: 2s}, {at: 1s}], names: [a]}":                        {"s.yaml:1:25", "box.marks.1.at", "expected at >= the previous mark's"},
	} {
		_, err := decodeBox(t, doc)
		requireErrors(t, err, want)
	}
}
