package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBuiltinParamSources checks that each built-in param's source: agrees
// with what its description says of the default: a description that calls
// the default documented (the word "documented" before any "estimate") has
// a source, and a param with a source says so; a replay's reader (the
// report's params table) shows a param without a source as an estimate.
func TestBuiltinParamSources(t *testing.T) {
	t.Parallel()
	sourced := 0
	for _, b := range Builtins() {
		s, err := Validate(b.File, b.Data, nil)
		require.NoError(t, err, b.Name)
		for _, p := range s.Params {
			d := strings.ToLower(p.Description)
			doc, est := strings.Index(d, "documented"), strings.Index(d, "estimate")
			claims := doc >= 0 && (est < 0 || doc < est)
			if claims {
				require.NotEmpty(t, p.Source, "%s: param %s: its description calls the default documented (%q) but it has no source:", b.Name, p.Name, p.Description)
			}
			if p.Source != "" {
				sourced++
				require.True(t, claims, "%s: param %s has a source (%q) but its description does not call the default documented, or calls it an estimate first: %q", b.Name, p.Name, p.Source, p.Description)
			}
		}
	}
	require.Positive(t, sourced, "no built-in param has a source")
}
