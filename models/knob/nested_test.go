package knob

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// leaf is a declared struct with a limit and a rule between its fields.
type leaf struct {
	Size float64 `knob:"size" required:"true" min:">0" doc:"a size"`
	Max  float64 `knob:"max" doc:"at least size"`
}

func (l leaf) Check(func(string) bool) error {
	if l.Max != 0 && l.Max < l.Size {
		return Errorf("max", "expected max >= size")
	}
	return nil
}

// tree holds leaves every way a config can: a struct, a pointer, a list
// of structs, a list of pointers and an interface.
type tree struct {
	Count  int    `knob:"count" min:"0" doc:"a count"`
	One    leaf   `knob:"one" doc:"a leaf"`
	Maybe  *leaf  `knob:"maybe" doc:"a leaf or none"`
	Many   []leaf `knob:"many" doc:"leaves"`
	Ptrs   []*leaf
	Listed []*leaf `knob:"listed" doc:"leaves by pointer"`
	Any    any     `knob:"any" doc:"a leaf behind an interface"`
}

// TestValidateGoesDownNestedConfigs: Validate checks the declared structs
// a config's knobs hold, each error keyed by its path in the file, and
// leaves a field without a knob tag alone (Go-only state).
func TestValidateGoesDownNestedConfigs(t *testing.T) {
	good := func() tree {
		return tree{One: leaf{Size: 1}, Maybe: &leaf{Size: 2}, Many: []leaf{{Size: 1}, {Size: 2, Max: 3}},
			Listed: []*leaf{{Size: 1}, nil}, Any: leaf{Size: 1}, Ptrs: []*leaf{{Size: -1}}}
	}
	require.NoError(t, Validate(good()), "Ptrs has no knob tag: not checked")
	for _, tc := range []struct {
		edit func(*tree)
		key  string
	}{
		{func(c *tree) { c.One.Size = 0 }, "one.size"},
		{func(c *tree) { c.Maybe.Size = -1 }, "maybe.size"},
		{func(c *tree) { c.Many[1].Max = 1 }, "many[1].max"},
		{func(c *tree) { c.Listed[0].Size = 0 }, "listed[0].size"},
		{func(c *tree) { c.Any = &leaf{Size: 0} }, "any.size"},
	} {
		c := good()
		tc.edit(&c)
		errs := FieldErrors(Validate(c))
		require.Len(t, errs, 1, "%v", errs)
		require.Equal(t, tc.key, errs[0].Key)
	}
	c := good()
	c.Count, c.One.Size = -1, 0
	keys := []string{}
	for _, fe := range FieldErrors(Validate(c)) {
		keys = append(keys, fe.Key)
	}
	require.Equal(t, []string{"count", "one.size"}, keys, "the config's own errors, then its nested ones")
}
