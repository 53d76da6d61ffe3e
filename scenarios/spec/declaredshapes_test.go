package spec

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// The shapes a declaration may take, on toy types: a struct with a kind
// field whose kinds' fields sit in inline structs, a union whose kind key
// is not "kind", and lists of scalars within limits.

type shapeKind uint8

func (shapeKind) Choices() []string { return []string{"round", "square"} }

func (k shapeKind) String() string { return k.Choices()[k] }

func (k *shapeKind) UnmarshalText(b []byte) error {
	i, err := knob.ParseChoice(k.Choices(), string(b))
	*k = shapeKind(i)
	return err
}

type shapeRound struct {
	Radius float64 `knob:"radius" required:"true" min:">0"`
}

type shapeSquare struct {
	Side  time.Duration   `knob:"side" default:"1s" min:">0s"`
	Marks []time.Duration `knob:"marks" min:"0s" max:"10s"`
}

func (s shapeSquare) Check(written func(string) bool) error {
	if len(s.Marks) > 2 {
		return knob.Errorf("marks", "expected at most 2 marks, got %d", len(s.Marks))
	}
	return nil
}

type shape struct {
	Name   string       `knob:"name" name:"true" required:"true"`
	Kind   shapeKind    `knob:"kind" required:"true"`
	Round  *shapeRound  `knob:",inline" kinds:"round"`
	Square *shapeSquare `knob:",inline" kinds:"square"`
	Fill   fill         `knob:"fill"`
}

func (shape) Describe() (string, string) { return "a shape", "" }

func (shape) KindNoun(kind string) string { return "a " + kind + " shape" }

type fill interface{ isFill() }

type solidFill struct {
	Level int `knob:"level" default:"3" min:"1" max:"9"`
}

func (solidFill) isFill() {}

var _ = knob.Declare[fill]("a fill", "{pattern: solid, level: 3}", "how a shape is filled",
	knob.KindFor[solidFill]("solid", "one colour")).WithKindKey("pattern")

func decodeShape(t *testing.T, doc string) (shape, error) {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(doc), &root))
	errs := &errorList{file: "s.yaml"}
	d := newDecoder(root.Content[0], errs)
	var s shape
	d.declaredStruct(root.Content[0], "shape", reflect.ValueOf(&s).Elem(), nil)
	return s, errs.err()
}

func TestDeclaredShapes(t *testing.T) {
	s, err := decodeShape(t, "{name: a, kind: square, marks: [1s, 2s], fill: {pattern: solid}}")
	require.NoError(t, err)
	require.Nil(t, s.Round, "the other kind's inline struct is left nil")
	require.Equal(t, &shapeSquare{Side: time.Second, Marks: []time.Duration{time.Second, 2 * time.Second}}, s.Square)
	require.Equal(t, solidFill{Level: 3}, s.Fill)

	s, err = decodeShape(t, "{name: b, kind: round, radius: 2}")
	require.NoError(t, err)
	require.Equal(t, &shapeRound{Radius: 2}, s.Round)
	require.Nil(t, s.Square)

	for doc, want := range map[string]wantErr{
		"{name: c, kind: round}":                                               {"s.yaml:1:1", "shape.radius", `missing required field "radius"`},
		"{name: c, kind: round, radius: 1, side: 1s}":                          {"s.yaml:1:35", "shape.side", `unknown field "side" for a round shape; expected one of: name, kind, radius, fill`},
		"{name: c, kind: square, marks: [1s, 11s]}":                            {"s.yaml:1:37", "shape.marks.1", "expected a duration from 0s to 10s"},
		"{name: c, kind: square, marks: [1s, 2s, 3s]}":                         {"s.yaml:1:32", "shape.marks", "expected at most 2 marks, got 3"},
		"{name: c, kind: round, radius: 1, fill: {level: 3}}":                  {"s.yaml:1:41", "shape.fill.pattern", `missing required field "pattern"`},
		"{name: c, kind: round, radius: 1, fill: {pattern: solid, level: 10}}": {"s.yaml:1:65", "shape.fill.level", "expected a positive integer, at most 9"},
	} {
		_, err := decodeShape(t, doc)
		requireErrors(t, err, want)
	}
}
