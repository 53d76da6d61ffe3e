package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSetAddsAFieldTheFileOmits: validate and run accept a --set of a
// field the built-in leaves out, the run's resolved scenario holds it (so
// --from reruns it), and a misspelt added field is refused naming the
// flag, at the component's line.
func TestSetAddsAFieldTheFileOmits(t *testing.T) {
	code, out, errs := runCLI(t, "validate", "mm1", "--set", "components.server.cancellation=true")
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, "ok\n", out)

	code, out, errs = runCLI(t, "validate", "mm1", "--set", "components.server.cancelation=true")
	require.Equal(t, exitFail, code)
	require.Empty(t, out)
	require.Contains(t, errs, "builtin:mm1.yaml:28:5: components.server.cancelation: --set components.server.cancelation=true: "+
		`unknown field "cancelation" for a service component (did you mean "cancellation"?)`)

	dir := filepath.Join(t.TempDir(), "out")
	code, _, errs = runCLI(t, "run", "mm1", "--set", "customers=2000", "--set", "components.server.queue.capacity=3",
		"--out", dir, "--format", "none", "--quiet")
	require.Equal(t, exitOK, code, errs)
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	require.NoError(t, err)
	var rec struct {
		Scenario struct {
			Resolved string `json:"resolved"`
		} `json:"scenario"`
	}
	require.NoError(t, json.Unmarshal(b, &rec))
	require.Contains(t, rec.Scenario.Resolved, "queue:\n      capacity: 3\n")

	again := filepath.Join(t.TempDir(), "again")
	code, _, errs = runCLI(t, "run", "--from", dir, "--out", again, "--quiet")
	require.Equal(t, exitOK, code, errs)
	first, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	second, err := os.ReadFile(filepath.Join(again, "summary.json"))
	require.NoError(t, err)
	require.Equal(t, string(first), string(second), "--from reruns the added field")
}
