package sim

import "fmt"

// Timer identifies a scheduled event so that it can be cancelled. The zero
// Timer identifies nothing; cancelling it is a no-op.
type Timer struct {
	slot int32
	gen  uint32
}

// Engine runs events in virtual time. Events fire in order of (time,
// sequence): events at the same time fire in the order they were scheduled.
// An Engine is not safe for concurrent use; run one engine per goroutine.
type Engine struct {
	now     Time
	fired   uint64
	stopped bool
	q       eventQueue
}

// NewEngine returns an engine at time 0 with no events.
func NewEngine() *Engine { return &Engine{} }

// Now returns the current virtual time: the time of the event being fired,
// or of the last event fired.
func (e *Engine) Now() Time { return e.now }

// Fired returns the number of events fired so far.
func (e *Engine) Fired() uint64 { return e.fired }

// Pending returns the number of events scheduled and not yet fired or
// cancelled.
func (e *Engine) Pending() int { return e.q.len() }

// At schedules h to fire at time t with data. t must not be before Now:
// scheduling into the past is a bug in the caller and panics.
func (e *Engine) At(t Time, h Handler, data any) Timer {
	if t < e.now {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now %v", t, e.now))
	}
	s, g := e.q.push(t, h, data)
	return Timer{slot: s, gen: g}
}

// After schedules h to fire d after Now. d must not be negative.
func (e *Engine) After(d Time, h Handler, data any) Timer {
	if d < 0 {
		panic(fmt.Sprintf("sim: negative delay %v", d))
	}
	t := e.now + d
	if t < e.now { // overflow: saturate at the end of time
		t = Time(1<<63 - 1)
	}
	return e.At(t, h, data)
}

// Cancel removes a scheduled event in O(1) amortised. It returns false if the
// event has already fired or been cancelled.
func (e *Engine) Cancel(t Timer) bool {
	if t.gen == 0 {
		return false
	}
	return e.q.cancel(t.slot, t.gen)
}

// Scheduled reports whether the event t identifies is still waiting to fire.
func (e *Engine) Scheduled(t Timer) bool {
	return t.gen != 0 && e.q.pending(t.slot, t.gen)
}

// Step fires the earliest event and reports whether there was one.
func (e *Engine) Step() bool {
	if e.q.len() == 0 {
		return false
	}
	at, h, d := e.q.fire()
	e.now = at
	e.fired++
	h.Fire(at, d)
	e.q.settle()
	return true
}

// Stop makes the current Run or RunUntil return after the event being fired.
func (e *Engine) Stop() { e.stopped = true }

// Run fires events until none remain or Stop is called.
func (e *Engine) Run() {
	e.stopped = false
	for !e.stopped && e.Step() {
	}
}

// RunUntil fires every event at or before t, unless Stop is called first,
// then advances the clock to t. Events after t stay scheduled.
func (e *Engine) RunUntil(t Time) {
	e.stopped = false
	for !e.stopped && e.q.len() > 0 && e.q.peek() <= t {
		e.Step()
	}
	if !e.stopped && e.now < t {
		e.now = t
	}
}

// NextAt returns the time of the next event and whether there is one.
func (e *Engine) NextAt() (Time, bool) {
	if e.q.len() == 0 {
		return 0, false
	}
	return e.q.peek(), true
}
