package network

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
)

// TestDeclaredDefaultsAreTheModels: a file's defaults are those the model
// applies to a zero field in Go.
func TestDeclaredDefaultsAreTheModels(t *testing.T) {
	require.Equal(t, DefaultMaxHops, knob.Defaults[Topology]().MaxHops)
	require.Equal(t, []string{"main"}, knob.Defaults[NodeConfig]().Parts)
}
