package spec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFileSectionsAreTheDecodersKeys: the schema's and the reference's
// top-level keys are the decoder's, in its order, required where it
// requires them.
func TestFileSectionsAreTheDecodersKeys(t *testing.T) {
	_, err := Load("t.yaml", []byte("zzz: 1\n"), nil)
	require.Error(t, err)
	var known []string
	var required []string
	for _, e := range Errors(err) {
		if i := strings.Index(e.Msg, "expected one of: "); e.Field == "zzz" && i >= 0 {
			known = strings.Split(e.Msg[i+len("expected one of: "):], ", ")
		}
		if strings.HasPrefix(e.Msg, "missing required field") {
			required = append(required, e.Field)
		}
	}
	var keys, want []string
	for _, s := range fileSections {
		keys = append(keys, s.key)
		if s.required {
			want = append(want, s.key)
		}
	}
	require.ElementsMatch(t, known, keys)
	require.ElementsMatch(t, required, want)
}
