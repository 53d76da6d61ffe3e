package retry

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// A window of 10 s in 10 slots keeps the current slot and the 9 before it,
// with per-counter running totals that agree with a brute-force sum.
func TestWindowSums(t *testing.T) {
	w, err := newWindow(10*time.Second, 10, 2)
	require.NoError(t, err)
	type ev struct {
		at sim.Time
		i  int
		d  int64
	}
	var evs []ev
	r := newRand(5, "window")
	now := sim.Time(0)
	for step := 0; step < 5000; step++ {
		now += sim.Time(r.Intn(uint64(3 * time.Second / 2)))
		if r.Intn(50) == 0 {
			now += time.Minute // a long silence
		}
		e := ev{now, int(r.Intn(2)), int64(r.Intn(7)) - 3}
		w.add(e.at, e.i, e.d)
		evs = append(evs, e)
		for i := 0; i < 2; i++ {
			var want int64
			slot := int64(now / time.Second)
			for _, e := range evs {
				if e.i == i && int64(e.at/time.Second) > slot-10 {
					want += e.d
				}
			}
			require.Equal(t, want, w.sum(now, i), "step %d counter %d", step, i)
		}
		if len(evs) > 200 {
			evs = evs[len(evs)-200:]
		}
	}
	// Time going backwards counts in the current slot.
	w, err = newWindow(10*time.Second, 10, 2)
	require.NoError(t, err)
	w.add(20*time.Second, 0, 1)
	w.add(5*time.Second, 0, 1)
	require.Equal(t, int64(2), w.sum(20*time.Second, 0))
	require.Equal(t, int64(0), w.sum(30*time.Second, 0))
}

func TestWindowShapes(t *testing.T) {
	w, err := newWindow(7*time.Second, 120, 1)
	require.NoError(t, err)
	require.Equal(t, sim.Time(58333333), w.width, "rounded down to the nanosecond")
	for _, c := range []struct {
		span sim.Time
		n    int
	}{{0, 1}, {-1, 1}, {time.Second, 0}, {9, 10}, {5, 10}} {
		_, err := newWindow(c.span, c.n, 1)
		require.Error(t, err, "%v in %d", c.span, c.n)
	}
}
