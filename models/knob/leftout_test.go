package knob

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// offToy has optional knobs whose zero means "off" and a required one.
type offToy struct {
	Cores   int           `knob:"cores" min:"1"`
	Shed    time.Duration `knob:"shed" min:">0s"`
	Workers int           `knob:"workers" required:"true" min:"1"`
	Copies  int           `knob:"copies" default:"1" min:"1"`
}

// TestValidateLeavesOutOptionalZeros: an optional knob at zero without a
// default of its own is left out, as a file leaves it out; a required
// one, or one whose default is not zero, is checked at zero.
func TestValidateLeavesOutOptionalZeros(t *testing.T) {
	require.NoError(t, Validate(offToy{Workers: 1, Copies: 1}))
	for name, tc := range map[string]struct {
		c   offToy
		key string
	}{
		"required at zero":           {offToy{Copies: 1}, "workers"},
		"a default of its own":       {offToy{Workers: 1}, "copies"},
		"optional, given, too small": {offToy{Workers: 1, Copies: 1, Cores: -1}, "cores"},
		"optional duration given":    {offToy{Workers: 1, Copies: 1, Shed: -time.Second}, "shed"},
	} {
		errs := FieldErrors(Validate(tc.c))
		require.Len(t, errs, 1, name)
		require.Equal(t, tc.key, errs[0].Key, name)
	}
}

// noneToy has a knob whose default is not zero but whose zero the word
// none writes (a site's crews: none).
type noneToy struct {
	Crews int `knob:"crews" default:"1" min:"1" none:"true"`
}

// TestValidateAcceptsNoneAtZero: zero is the value of none, so it passes;
// other values below the limit do not.
func TestValidateAcceptsNoneAtZero(t *testing.T) {
	require.NoError(t, Validate(noneToy{}))
	require.NoError(t, Validate(noneToy{Crews: 2}))
	errs := FieldErrors(Validate(noneToy{Crews: -1}))
	require.Len(t, errs, 1)
	require.Equal(t, "crews", errs[0].Key)
}
