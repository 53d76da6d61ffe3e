package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// topologyGolden compares got with testdata/topology/name, or rewrites it
// with -update.
func topologyGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "topology", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./cmd/cascade -run TestDescribeTopology -update` to create it")
	require.Equal(t, string(want), got,
		"%s differs; if the change is intended, run `go test ./cmd/cascade -run TestDescribeTopology -update` and review the files", path)
}

// Every built-in's topology as DOT is its golden file; one built-in's SVG
// too. A change of any scenario's shape or of the drawing shows in review.
func TestDescribeTopologyGolden(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "describe", b.Name, "--dot")
			require.Equal(t, exitOK, code, errOut)
			require.True(t, strings.HasPrefix(out, "digraph "), out)
			topologyGolden(t, b.Name+".dot", out)
		})
	}
	code, out, errOut := runCLI(t, "describe", "docomo-2022-12-17", "--svg")
	require.Equal(t, exitOK, code, errOut)
	topologyGolden(t, "docomo-2022-12-17.svg", out)
}

// The SVG of every built-in is well-formed XML with an svg root, and the
// same twice.
func TestDescribeTopologySVGWellFormed(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "describe", b.Name, "--svg")
			require.Equal(t, exitOK, code, errOut)
			_, again, _ := runCLI(t, "describe", b.Name, "--svg")
			require.Equal(t, out, again)
			d := xml.NewDecoder(strings.NewReader(out))
			root := ""
			for {
				tok, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err)
				if se, ok := tok.(xml.StartElement); ok && root == "" {
					root = se.Name.Local
				}
			}
			require.Equal(t, "svg", root)
			require.NotContains(t, out, "<script")
		})
	}
}

// --set reaches the picture: a param that names a battery room moves an
// edge; --dot and --svg exclude each other.
func TestDescribeTopologyFlags(t *testing.T) {
	_, shared, _ := runCLI(t, "describe", "kakao-2022-10-15", "--dot")
	_, separate, _ := runCLI(t, "describe", "kakao-2022-10-15", "--dot", "--set", "ups_separated=true")
	edge := `"room:pangyo/b3-batteries-2" -> "ups:pangyo/ups-2"`
	require.NotContains(t, shared, edge)
	require.Contains(t, separate, edge)

	code, _, errOut := runCLI(t, "describe", "mm1", "--dot", "--svg")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "--dot and --svg exclude each other")
}

// A scenario too large to draw is refused with an error that says so, at
// once, not after a long layout.
func TestDescribeTopologyTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: big\ndescription: many services\nseed: 1\nhorizon: 1m\nstep: 1s\ncomponents:\n")
	for i := 0; i < 1200; i++ {
		b.WriteString("  - {name: s" + strconv.Itoa(i) + ", kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}\n")
	}
	b.WriteString("populations:\n  - {name: users, users: 1, rate: 1, deadline: 1s, target: s0}\n")
	b.WriteString("outcome: {availability_threshold: 0.99, baseline: {from: 0s, to: 30s}}\n")
	path := filepath.Join(t.TempDir(), "big.yaml")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	code, _, errOut := runCLI(t, "describe", path, "--svg")
	require.Equal(t, exitFail, code, errOut)
	require.Contains(t, errOut, "more than 1000")
	code, out, errOut := runCLI(t, "describe", path, "--dot")
	require.Equal(t, exitFail, code, errOut)
	require.Empty(t, out)
}
