package knob

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type color uint8

func (color) Choices() []string { return []string{"red", "green"} }

func (c color) String() string { return c.Choices()[c] }

func (c *color) UnmarshalText(b []byte) error {
	i, err := ParseChoice(c.Choices(), string(b))
	*c = color(i)
	return err
}

type toy struct {
	Kind   color         `knob:"kind" required:"true"`
	Count  int           `knob:"count" default:"3" min:"1" max:"10" unit:"things" doc:"how many"`
	Ratio  float64       `knob:"ratio" kinds:"green" default:"0.5" min:">0" max:"<1"`
	Wait   time.Duration `knob:"wait" default:"2s" min:"1s" max:"60s" why:"the toy's limits"`
	Off    time.Duration `knob:"off" none:"true"`
	Shade  color         `knob:"shade" default:"green"`
	hidden int
}

func (t toy) Check(written Written) error {
	if t.Count > 5 && written("ratio") {
		return Errorf("ratio", "expected no ratio with more than 5")
	}
	return nil
}

func TestStructOfReadsTheTags(t *testing.T) {
	s, err := StructOf(reflect.TypeFor[toy]())
	require.NoError(t, err)
	require.Len(t, s.Fields, 6, "the unexported field without a tag is not a knob")
	require.Equal(t, 0, s.Kind)
	c := s.Field("count")
	require.Equal(t, "things", c.Unit)
	require.Equal(t, Limit{Set: true, Value: 1, Text: "1"}, c.Min)
	r := s.Field("ratio")
	require.True(t, r.Min.Exclusive)
	require.True(t, r.Max.Exclusive)
	require.True(t, r.ForKind("green"))
	require.False(t, r.ForKind("red"))
	require.True(t, c.ForKind("red"), "a field without kinds belongs to every kind")
	require.Equal(t, float64(time.Second), s.Field("wait").Min.Value)
	require.Nil(t, s.Field("hidden"))

	// framework: a field keyed kind with plain:"true" is an ordinary knob.
	type plainKind struct {
		Kind color `knob:"kind" plain:"true" default:"green"`
	}
	p, err := StructOf(reflect.TypeFor[plainKind]())
	require.NoError(t, err)
	require.Equal(t, -1, p.Kind, "not the struct's kind")
	require.Equal(t, plainKind{Kind: 1}, Defaults[plainKind](), "defaulted like any knob")
}

func TestMalformedTagsAreErrors(t *testing.T) {
	for name, v := range map[string]any{
		"bad min": struct {
			A int `knob:"a" min:"x"`
		}{},
		"limit on a bool": struct {
			A bool `knob:"a" max:"1"`
		}{},
		"bad default": struct {
			A int `knob:"a" default:"1.5"`
		}{},
		"repeated key": struct {
			A, B int `knob:"a"`
		}{},
		"bad duration": struct {
			A time.Duration `knob:"a" min:"1"`
		}{},
		"not a struct": 3,
		"bad enum default": struct {
			A color `knob:"a" default:"blue"`
		}{},
	} {
		_, err := StructOf(reflect.TypeOf(v))
		require.Error(t, err, name)
	}
}

func TestDefaultsAreTheDeclaredOnes(t *testing.T) {
	got := Defaults[toy]()
	require.Equal(t, toy{Count: 3, Wait: 2 * time.Second, Shade: 1}, got, "ratio belongs to green only")
	v := reflect.ValueOf(&got).Elem()
	got.Kind = 1
	require.NoError(t, SetDefaults(v, "green"))
	require.Equal(t, 0.5, got.Ratio)
}

func TestValidateChecksLimitsAndRules(t *testing.T) {
	ok := Defaults[toy]()
	require.NoError(t, Validate(ok))
	for name, tc := range map[string]struct {
		edit func(*toy)
		key  string
	}{
		"count below min":       {func(c *toy) { c.Count = 0 }, "count"},
		"count above max":       {func(c *toy) { c.Count = 11 }, "count"},
		"ratio at its open min": {func(c *toy) { c.Kind, c.Ratio = 1, 0.0 }, "ratio"},
		"ratio at its open max": {func(c *toy) { c.Kind, c.Ratio = 1, 1 }, "ratio"},
		"wait too long":         {func(c *toy) { c.Wait = time.Hour }, "wait"},
		"a rule between fields": {func(c *toy) { c.Kind, c.Count, c.Ratio = 1, 6, 0.25 }, "ratio"},
	} {
		c := ok
		tc.edit(&c)
		errs := FieldErrors(Validate(c))
		require.Len(t, errs, 1, name)
		require.Equal(t, tc.key, errs[0].Key, name)
	}
	c := ok
	c.Kind, c.Count, c.Ratio = 1, 6, 0.5
	require.NoError(t, Validate(c), "a ratio at its default counts as not written")
	c.Ratio = 0.7
	require.Error(t, Validate(c))
	c = ok
	c.Kind, c.Ratio = 0, 5 // ratio does not belong to red: not checked
	require.NoError(t, Validate(c))
}

func TestDescribeSaysWhatAFieldTakes(t *testing.T) {
	s := MustStructOf(reflect.TypeFor[toy]())
	for key, want := range map[string]string{
		"kind":  "one of: red, green",
		"count": "an integer from 1 to 10",
		"ratio": "a number > 0 and < 1",
		"wait":  "a duration from 1s to 60s",
		"off":   "a duration > 0 with a unit, like 30s, or none",
	} {
		require.Equal(t, want, Describe(s.Field(key)), key)
	}
}
