package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDescribeShowsEffectiveValues: describe lists every knob of a client
// as the run uses it, the defaults the file leaves out marked.
func TestDescribeShowsEffectiveValues(t *testing.T) {
	code, out, errs := runCLI(t, "describe", "retry-storm")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "  clients.caller: timeout 1s, deadline none*, retries 3, backoff {none}*, control {retry-budget, share 0, ttl 10s*}, cancel_on_timeout false*")
	code, out, errs = runCLI(t, "describe", "retry-storm", "--set", "clients.caller.control.ttl=20s")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "control {retry-budget, share 0, ttl 20s}", "a value set is not marked")
}
