package sim

import (
	"fmt"
	"testing"
	"time"
)

// holdModel is the classic "hold" benchmark of event queues: every event,
// when it fires, schedules one more at a random delay, so the number pending
// stays constant.
type holdModel struct {
	e      *Engine
	delays []Time
	i      int
}

func (h *holdModel) Fire(Time, any) {
	h.i++
	h.e.After(h.delays[h.i&(len(h.delays)-1)], h, nil)
}

func newHold(pending int) *holdModel {
	r := NewStreams(1).Stream("bench")
	h := &holdModel{e: NewEngine(), delays: make([]Time, 1<<16)}
	for i := range h.delays {
		h.delays[i] = Seconds(r.ExpFloat64())
	}
	for i := 0; i < pending; i++ {
		h.e.After(h.delays[i&(len(h.delays)-1)], h, nil)
	}
	// Warm up: let the heap and the slot table reach their steady size.
	for i := 0; i < 2*pending; i++ {
		h.e.Step()
	}
	return h
}

// BenchmarkEngine fires trivial events with 1 thousand and 1 million
// pending, reporting events/s (each event is one fire plus one schedule).
func BenchmarkEngine(b *testing.B) {
	for _, pending := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("pending=%d", pending), func(b *testing.B) {
			h := newHold(pending)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				h.e.Step()
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
		})
	}
}

// timeoutModel is a request/response pattern: each request schedules its
// completion and a timeout; the completion (which comes first in 99% of
// requests) cancels the timeout and issues the next request.
type timeoutModel struct {
	e        *Engine
	delays   []Time
	i        int
	timeouts []Timer
	clients  []int
	done     doneHandler
	expired  timeoutFired
}

type doneHandler struct{ m *timeoutModel }

func (d *doneHandler) Fire(_ Time, data any) {
	m := d.m
	c := *data.(*int)
	m.e.Cancel(m.timeouts[c])
	m.issue(c)
}

type timeoutFired struct{ m *timeoutModel }

func (t *timeoutFired) Fire(Time, any) {}

func (m *timeoutModel) issue(client int) {
	m.i++
	d := m.delays[m.i&(len(m.delays)-1)]
	m.e.After(d, &m.done, &m.clients[client])
	timeout := 2 * time.Second
	if m.i%100 == 0 {
		timeout = d / 2 // 1% time out
	}
	m.timeouts[client] = m.e.After(timeout, &m.expired, &m.clients[client])
}

// BenchmarkEngineCancelHeavy runs 1,000 clients whose requests each carry a
// timeout; 99% of timeouts are cancelled. It reports requests/s and
// events/s, counting each scheduled event (fired or cancelled) as one event
// so the figure compares with BenchmarkEngine's.
func BenchmarkEngineCancelHeavy(b *testing.B) {
	r := NewStreams(1).Stream("bench")
	m := &timeoutModel{e: NewEngine(), delays: make([]Time, 1<<16), timeouts: make([]Timer, 1000), clients: make([]int, 1000)}
	m.done.m = m
	for i := range m.clients {
		m.clients[i] = i
	}
	for i := range m.delays {
		m.delays[i] = Seconds(0.1 * r.ExpFloat64())
	}
	for c := range m.timeouts {
		m.issue(c)
	}
	for i := 0; i < 10000; i++ {
		m.e.Step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	i0 := m.i
	for i := 0; i < b.N; i++ {
		m.e.Step()
	}
	el := time.Since(start).Seconds()
	reqs := float64(m.i - i0)
	b.ReportMetric(reqs/el, "requests/s")
	b.ReportMetric(2*reqs/el, "events/s")
}
