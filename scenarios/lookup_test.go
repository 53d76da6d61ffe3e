package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLookupSumsPathsJoinedByPlus: a documented metric of paths joined by
// " + " is the sum of their numbers; an unknown part is an error naming it.
func TestLookupSumsPathsJoinedByPlus(t *testing.T) {
	t.Parallel()
	tree := map[string]any{"populations": []any{
		map[string]any{"name": "a", "impacted_users": 3.0},
		map[string]any{"name": "b-c", "impacted_users": 4.0},
	}}
	for _, tc := range []struct {
		path string
		want float64
	}{
		{"populations.a.impacted_users", 3},
		{"populations.a.impacted_users + populations.b-c.impacted_users", 7},
	} {
		got, err := lookup(tree, tc.path)
		require.NoError(t, err, tc.path)
		require.Equal(t, tc.want, got, tc.path)
	}
	_, err := lookup(tree, "populations.a.impacted_users + populations.d.impacted_users")
	require.ErrorContains(t, err, `"d"`)
}
