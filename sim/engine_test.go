package sim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// record is a handler that appends its data to a log.
type record struct{ got []any }

func (r *record) Fire(_ Time, data any) { r.got = append(r.got, data) }

func TestEngineOrdersByTimeThenSchedulingOrder(t *testing.T) {
	e := NewEngine()
	r := &record{}
	e.At(30, r, "c")
	e.At(10, r, "a1")
	e.At(20, r, "b")
	e.At(10, r, "a2")
	e.At(10, r, "a3")
	e.Run()
	require.Equal(t, []any{"a1", "a2", "a3", "b", "c"}, r.got)
	require.Equal(t, Time(30), e.Now())
	require.Equal(t, uint64(5), e.Fired())
}

func TestEngineCancel(t *testing.T) {
	e := NewEngine()
	r := &record{}
	var timers []Timer
	for i := 0; i < 100; i++ {
		timers = append(timers, e.At(Time(i%7), r, i))
	}
	// Cancel every third event, including some twice.
	for i := 0; i < 100; i += 3 {
		require.True(t, e.Scheduled(timers[i]))
		require.True(t, e.Cancel(timers[i]))
		require.False(t, e.Cancel(timers[i]), "second cancel must report false")
		require.False(t, e.Scheduled(timers[i]))
	}
	require.False(t, e.Cancel(Timer{}), "zero timer")
	e.Run()
	require.Len(t, r.got, 100-34)
	var last Time = -1
	seen := map[int]bool{}
	for _, d := range r.got {
		i := d.(int)
		require.NotZero(t, i%3, "cancelled event %d fired", i)
		require.GreaterOrEqual(t, Time(i%7), last)
		last = Time(i % 7)
		seen[i] = true
	}
	require.Len(t, seen, 66)
	// A fired timer cannot be cancelled, and its slot reuse does not confuse it.
	tm := e.After(5, r, "x")
	e.Run()
	tm2 := e.After(5, r, "y")
	require.False(t, e.Cancel(tm))
	require.True(t, e.Scheduled(tm2))
}

func TestEngineCancelFromInsideHandler(t *testing.T) {
	e := NewEngine()
	r := &record{}
	var later Timer
	e.At(1, HandlerFunc(func(Time, any) { require.True(t, e.Cancel(later)) }), nil)
	later = e.At(2, r, "never")
	e.At(3, r, "yes")
	e.Run()
	require.Equal(t, []any{"yes"}, r.got)
}

func TestEngineRunUntilStepStop(t *testing.T) {
	e := NewEngine()
	r := &record{}
	for i := 1; i <= 5; i++ {
		e.At(Time(i*10), r, i)
	}
	e.RunUntil(30)
	require.Equal(t, []any{1, 2, 3}, r.got)
	require.Equal(t, Time(30), e.Now())
	e.RunUntil(35)
	require.Equal(t, Time(35), e.Now(), "clock advances to the limit")
	require.True(t, e.Step())
	require.Equal(t, Time(40), e.Now())
	e.At(45, HandlerFunc(func(Time, any) { e.Stop() }), nil)
	e.Run()
	require.Equal(t, Time(45), e.Now(), "Stop ends Run after the current event")
	require.Equal(t, 1, e.Pending())
	e.Run()
	require.Equal(t, []any{1, 2, 3, 4, 5}, r.got)
	require.False(t, e.Step())
}

func TestEngineRejectsThePast(t *testing.T) {
	e := NewEngine()
	e.RunUntil(100)
	require.Panics(t, func() { e.At(99, &record{}, nil) })
	require.Panics(t, func() { e.After(-1, &record{}, nil) })
}

func TestEngineHeapStaysOrderedUnderRandomCancels(t *testing.T) {
	e := NewEngine()
	rng := NewStreams(7).Stream("test")
	type ev struct {
		at Time
		tm Timer
	}
	var prev Time
	n := 0
	h := HandlerFunc(func(now Time, _ any) {
		require.GreaterOrEqual(t, now, prev)
		prev = now
		n++
	})
	var evs []ev
	for i := 0; i < 5000; i++ {
		at := Time(rng.Intn(1000))
		evs = append(evs, ev{at, e.At(at, h, nil)})
	}
	cancelled := 0
	for i := range evs {
		if rng.Intn(2) == 0 {
			require.True(t, e.Cancel(evs[i].tm))
			cancelled++
		}
	}
	e.Run()
	require.Equal(t, 5000-cancelled, n)
}

func TestEngineRenumbersSequenceWithoutReordering(t *testing.T) {
	e := NewEngine()
	r := &record{}
	for i := 0; i < 50; i++ {
		e.At(Time(i%5), r, i)
	}
	e.q.seq = seqLimit - 1 // the next push renumbers the pending entries
	for i := 50; i < 100; i++ {
		e.At(Time(i%5), r, i)
	}
	e.Run()
	var want []any
	for at := 0; at < 5; at++ {
		for i := 0; i < 100; i++ {
			if i%5 == at {
				want = append(want, i)
			}
		}
	}
	require.Equal(t, want, r.got)
}

func TestLaterSaturates(t *testing.T) {
	require.Equal(t, Time(5), Later(2, 3))
	require.Equal(t, EndOfTime, Later(EndOfTime-1, 2))
	require.Equal(t, EndOfTime, Later(Time(3600e9), EndOfTime))
	require.Equal(t, EndOfTime-1, Later(EndOfTime-2, 1))
}
