package charts

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompact(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1: "1", 0.73: "0.73", 0.734: "0.73", 0.05: "0.05", 0.15: "0.15", 0.1: "0.1",
		3.5: "3.5", 12.3: "12", 150: "150", 9900: "9900", 12345: "1.2e+04", -0.5: "-0.5",
		0.001: "0.001", 0.0001: "0.0001", 3e-5: "3e-05", 1e6: "1e+06", math.NaN(): "–", -0.0001: "-0.0001",
	} {
		require.Equal(t, want, compact(v), "%v", v)
	}
}

func TestTickLabel(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 3: "3", 0.75: "0.75", 1000: "1000", 10000: "10000", 123456: "123500",
		2e6: "2e+06", 1.0 / 3: "0.3333", 0.0001: "0.0001",
	} {
		require.Equal(t, want, tickLabel(v), "%v", v)
	}
}
