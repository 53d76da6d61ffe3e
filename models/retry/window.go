package retry

import (
	"fmt"

	"github.com/cascade-sim/cascade/sim"
)

// window keeps k rolling sums over the last span of virtual time, in a ring
// of n slots each span/n wide: the slot now falls in (partly elapsed) and
// the n-1 before it. So a sum covers between (n-1)/n of span and all of it,
// as Finagle's WindowedAdder and Hystrix's bucketed rolling counters do.
// Memory is n x k integers whatever the traffic; every call is O(1)
// amortised (advancing clears at most n slots, and only when time moves).
//
// Slots are aligned to multiples of the slot width from time 0, so two
// windows with the same shape agree on where their slots start.
type window struct {
	width  sim.Time // slot width
	n, k   int      // slots, counters per slot
	vals   []int64  // n*k values, slot-major
	head   int      // index of the current slot
	slot   int64    // number (time / width) of the current slot
	totals []int64  // per counter, the sum over all slots
}

// newWindow returns a window over span in n slots with k counters. span
// must be at least n nanoseconds; slots are span/n wide, rounded down to
// the nanosecond, so the window may fall short of span by less than n ns.
func newWindow(span sim.Time, n, k int) (*window, error) {
	switch {
	case n < 1:
		return nil, fmt.Errorf("window: need at least 1 slot, got %d", n)
	case span < sim.Time(n):
		return nil, fmt.Errorf("window: span %v is shorter than 1ns per slot (%d slots)", span, n)
	}
	return &window{width: span / sim.Time(n), n: n, k: k, vals: make([]int64, n*k), totals: make([]int64, k)}, nil
}

// advance makes the slot that now falls in the current one, clearing the
// slots that have left the window. A now earlier than the current slot is
// counted in the current slot.
func (w *window) advance(now sim.Time) {
	s := int64(now / w.width)
	steps := s - w.slot
	if steps <= 0 {
		return
	}
	w.slot = s
	if steps >= int64(w.n) {
		clear(w.vals)
		clear(w.totals)
		return
	}
	for ; steps > 0; steps-- {
		w.head++
		if w.head == w.n {
			w.head = 0
		}
		row := w.vals[w.head*w.k : (w.head+1)*w.k]
		for i, v := range row {
			w.totals[i] -= v
			row[i] = 0
		}
	}
}

// add adds delta to counter i at time now.
func (w *window) add(now sim.Time, i int, delta int64) {
	w.advance(now)
	w.vals[w.head*w.k+i] += delta
	w.totals[i] += delta
}

// sum returns counter i's total over the window ending at now.
func (w *window) sum(now sim.Time, i int) int64 {
	w.advance(now)
	return w.totals[i]
}

// reset empties the window.
func (w *window) reset() {
	clear(w.vals)
	clear(w.totals)
}
