package operate

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A work step per item takes one draw of its delay per item, the count
// asked at its start (here the units still to detour, which an automatic
// detour lowered before it): 3 units of 2 min are 6 min; none, it ends
// at once. Its start logs the count and its record keeps it.
func TestWorkPerItem(t *testing.T) {
	for _, c := range []struct {
		units int
		took  sim.Time
	}{{3, 6 * time.Minute}, {0, 0}} {
		env := newEnv(t, 1, time.Hour)
		var asked sim.Time = -1
		var acts doLog
		o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
			{Name: "notice", Kind: Notice, Delay: fixed(t, 60)},
			{Name: "write-commands", Kind: Work, Delay: fixed(t, 120),
				Items: func(now sim.Time) int { asked = now; return c.units }},
			{Name: "detour", Kind: Act, Delay: fixed(t, 0), Do: acts.ok()},
		}})
		require.True(t, o.Start(0, "test"))
		env.Engine.Run()
		require.Equal(t, time.Minute, asked, "counted at the step's start")
		require.Equal(t, []sim.Time{time.Minute + c.took}, acts.at)
		rec := o.Records()[1]
		require.Equal(t, c.units, rec.Items)
		require.Equal(t, c.took, rec.End-rec.Start)
		require.Contains(t, logOf(env), entry{time.Minute, "operator", "write-commands: starts (" + itoa(c.units) + " items)"})
	}
	// The sum of draws varies less than one draw scaled: 16 items of
	// U(1, 3) min lie well within 16-48 min.
	env := newEnv(t, 7, 10*time.Hour)
	o := newOperator(t, env, Config{Name: "noc", Plan: []Step{
		{Name: "find", Kind: Work, Delay: uniform(t, 60, 180), Items: func(sim.Time) int { return 16 }},
	}})
	o.Start(0, "test")
	env.Engine.Run()
	took := o.Records()[0].End.Seconds() / 60
	require.InDelta(t, 32, took, 8)
	require.NotEqual(t, 32.0, took)

	_, err := New(env, Config{Name: "x", Plan: []Step{{Name: "a", Kind: Notice, Delay: fixed(t, 1), Items: func(sim.Time) int { return 1 }}}})
	require.ErrorContains(t, err, "only work steps are per item")
}

func itoa(n int) string { return num(float64(n)) }
