package spec

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite docs/scenario-reference.md")

// referencePath is the generated field reference in the repository.
const referencePath = "../../docs/scenario-reference.md"

// TestReferenceIsCurrent: docs/scenario-reference.md is what Reference
// makes of the declarations (refresh it with -update and review the diff).
func TestReferenceIsCurrent(t *testing.T) {
	got := Reference()
	if *update {
		require.NoError(t, os.WriteFile(referencePath, []byte(got), 0o644))
	}
	want, err := os.ReadFile(referencePath)
	require.NoError(t, err, "run go test ./scenarios/spec -run TestReferenceIsCurrent -update")
	require.Equal(t, string(want), got, "docs/scenario-reference.md is out of date: run go test ./scenarios/spec -run TestReferenceIsCurrent -update")
}
