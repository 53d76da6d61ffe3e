package scenarios

import (
	"flag"
	"testing"
)

// full turns on the full-size replays and the multi-seed sweeps. They are
// the evidence behind the README's tables, and they take minutes, so the
// default `go test ./...` runs every built-in at its quick size and .ci/run
// runs these: go test ./scenarios -full.
var full = flag.Bool("full", false, "also run the full-size replays and multi-seed sweeps (minutes; .ci/run does)")

// requireFull skips t unless -full is given, saying why.
func requireFull(t *testing.T, why string) {
	t.Helper()
	if !*full {
		t.Skipf("%s: full size, run with go test ./scenarios -full", why)
	}
}
