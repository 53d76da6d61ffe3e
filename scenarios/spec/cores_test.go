package spec

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
)

// A service with cores, a wait and slows: wait decodes; without them the
// service is as before (each worker its own core, slow-downs on the CPU).
func TestServiceCoresAndWaitDecode(t *testing.T) {
	s, err := Load("t.yaml", []byte(base), nil)
	require.NoError(t, err)
	svc := s.Components[0].Service
	require.Zero(t, svc.Cores)
	require.Nil(t, svc.Wait)
	require.Empty(t, svc.Slows, "the default: slow-downs on the CPU")

	doc := edit(t, "    workers: 2\n", "    workers: 2\n    cores: 1\n    wait: {dist: deterministic, value: 1s}\n    slows: wait\n")
	s, err = Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	svc = s.Components[0].Service
	require.Equal(t, 1, svc.Cores)
	require.Equal(t, models.DeterministicDist{Value: 1e9}, svc.Wait)
	require.Equal(t, models.SlowsWait, svc.Slows)
}

// Each error of the new service fields names its line, column and field.
func TestServiceCoresErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want wantErr
	}{
		{"cores above workers", edit(t, "    workers: 2\n", "    workers: 2\n    cores: 3\n"),
			wantErr{"t.yaml:13:12", "components.server.cores", "at most workers (2): a request holds a thread while it uses a core; got 3"}},
		{"cores zero", edit(t, "    workers: 2\n", "    workers: 2\n    cores: 0\n"),
			wantErr{"t.yaml:13:12", "components.server.cores", "expected"}},
		{"slows unknown", edit(t, "    workers: 2\n", "    workers: 2\n    slows: disk\n"),
			wantErr{"t.yaml:13:12", "components.server.slows", "cpu, wait"}},
		{"slows wait without a wait", edit(t, "    workers: 2\n", "    workers: 2\n    slows: wait\n"),
			wantErr{"t.yaml:13:12", "components.server.slows", "only with a wait distribution"}},
		{"bad wait", edit(t, "    workers: 2\n", "    workers: 2\n    wait: {dist: exponential}\n"),
			wantErr{"t.yaml:13:11", "components.server.wait.mean", "missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) { requireLoadErrors(t, tc.doc, tc.want) })
	}
}
