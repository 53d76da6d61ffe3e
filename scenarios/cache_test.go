package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// sharedRuns holds, for the whole test binary, the result of each built-in
// run that several tests read (the quick size of every built-in, the
// replays' baselines and what-ifs): a run is a pure function of its file,
// seed and sets, so one run answers them all. Key: see runKey.
var sharedRuns sync.Map // string -> *sharedRun

// sharedRun is one run, made by the first test that asks for it; the
// others wait for it.
type sharedRun struct {
	once sync.Once
	res  *Result
	err  error
}

// runKey names a run of the built-in name with seed (0 keeps the file's)
// and sets, in their order (a later --set overrides an earlier one).
func runKey(name string, seed uint64, sets []string) string {
	return name + "\x00" + strconv.FormatUint(seed, 10) + "\x00" + strings.Join(sets, "\x00")
}

// runBuiltin returns the result of the built-in name run with seed (0
// keeps the file's) and sets, running it only the first time any test
// asks. The result is shared: a test reads it and never changes it.
func runBuiltin(t *testing.T, name string, seed uint64, sets ...string) *Result {
	t.Helper()
	v, _ := sharedRuns.LoadOrStore(runKey(name, seed, sets), &sharedRun{})
	r := v.(*sharedRun)
	r.once.Do(func() {
		b, ok := LookupBuiltin(name)
		if !ok {
			r.err = fmt.Errorf("no built-in %s", name)
			return
		}
		s, err := Validate(b.File, b.Data, sets)
		if err != nil {
			r.err = err
			return
		}
		if seed != 0 {
			s.Seed = seed
		}
		r.res, r.err = Run(s, Options{})
	})
	require.NoError(t, r.err, "%s seed %d %v", name, seed, sets)
	return r.res
}

// runQuick is runBuiltin at the built-in's quick size, with sets after the
// quick ones.
func runQuick(t *testing.T, name string, sets ...string) *Result {
	t.Helper()
	return runBuiltin(t, name, 0, append(quickSets(t, name), sets...)...)
}

// A shared run is the run it names: the same bytes as a fresh one, and
// another seed or set is another run.
func TestSharedRunsAreTheirRuns(t *testing.T) {
	t.Parallel()
	shared := runQuick(t, "mm1")
	require.Same(t, shared, runQuick(t, "mm1"), "asked twice, run once")
	fresh, err := Run(loadBuiltin(t, "mm1", quickSets(t, "mm1")...), Options{})
	require.NoError(t, err)
	require.Equal(t, fresh.Summary, shared.Summary)
	require.Equal(t, fresh.Series, shared.Series)
	require.Equal(t, fresh.Events, shared.Events)
	other := runBuiltin(t, "mm1", 2, quickSets(t, "mm1")...)
	require.NotEqual(t, shared.Summary.Outcome, other.Summary.Outcome, "seed 2 is another run")
	require.Equal(t, uint64(2), other.Summary.Seed)
}
