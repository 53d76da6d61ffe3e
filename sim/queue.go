package sim

import (
	"fmt"
	"math/bits"
	"slices"
)

// The heap orders entries by time, then by scheduling sequence. The
// sequence number and the slot index share one word, sequence in the high
// bits, so an entry is 16 bytes and four siblings fill one cache line.
const (
	slotBits = 28
	slotMask = 1<<slotBits - 1
	// maxSlots bounds the events pending at once (about 268 million).
	maxSlots = 1 << slotBits
	// seqLimit is where the sequence numbers are renumbered from zero.
	seqLimit = 1 << (64 - slotBits)
)

// pad dummy entries precede the root in the heap's backing array so that
// the four children of any node (logical 4i+1..4i+4) fill one 64-byte cache
// line when the array is line-aligned, as large Go allocations are.
const pad = 3

// entry is one scheduled event in the heap.
type entry struct {
	at  Time
	key uint64 // seq<<slotBits | slot
}

func (e *entry) slot() int32 { return int32(e.key & slotMask) }

// slot holds the payload of a scheduled event. A slot stays taken while an
// entry in the heap refers to it, even after its event is cancelled
// (handler nil), so entries need no generation of their own. gen increases
// whenever the event in the slot fires or is cancelled, so a stale Timer
// cannot touch a later event.
type slot struct {
	handler Handler
	data    any
	gen     uint32
}

// eventQueue is a 4-ary min-heap of entries with lazy cancellation:
// cancelling clears the event's slot in O(1) and leaves its entry in the
// heap, to be dropped when it reaches the top. When cancelled entries
// outnumber live ones the heap is compacted in O(n), so cancel stays O(1)
// amortised and memory stays proportional to the events really pending.
// Slots are recycled through a free list: once warm, scheduling allocates
// nothing.
//
// Firing an event leaves its entry at the root, marked dead, while its
// handler runs: a handler usually schedules a follow-up event, and putting
// that one in the root's place costs one sift instead of a removal and an
// insertion. The dead root keeps the smallest key, so the heap stays valid.
type eventQueue struct {
	heap      []entry
	slots     []slot
	free      []int32
	seq       uint64
	live      int  // events scheduled and neither fired nor cancelled
	cancelled int  // stale entries still in the heap
	dead      bool // heap[0] has fired and awaits replacement or removal
}

func (q *eventQueue) len() int { return q.live }

// h returns the heap proper, without the padding.
func (q *eventQueue) h() []entry { return q.heap[pad:] }

func less(a, b *entry) bool {
	return a.at < b.at || (a.at == b.at && a.key < b.key)
}

// lessBit is less as 0 or 1, computed without branches so that choosing the
// smallest of four children costs no mispredicted jumps: (at, key) is
// compared as one 128-bit number by a subtraction's borrow. Times in the
// queue are never negative, so comparing them unsigned is exact.
func lessBit(a, b *entry) int {
	_, borrow := bits.Sub64(a.key, b.key, 0)
	_, borrow = bits.Sub64(uint64(a.at), uint64(b.at), borrow)
	return int(borrow)
}

// minChild4 returns the index of the smallest of the four children at c,
// in a two-round tournament whose first-round comparisons are independent.
func minChild4(h []entry, c int) int {
	k := h[c : c+4 : c+4]
	a := lessBit(&k[1], &k[0])
	b := 2 + lessBit(&k[3], &k[2])
	return c + a + (b-a)*lessBit(&k[b], &k[a])
}

// minChild returns the index of the smallest of the children c..end-1.
func minChild(h []entry, c, end int) int {
	if end-c == 4 {
		return minChild4(h, c)
	}
	m := c
	for j := c + 1; j < end; j++ {
		m += (j - m) * lessBit(&h[j], &h[m])
	}
	return m
}

// push adds an event and returns its slot index and generation.
func (q *eventQueue) push(at Time, h Handler, data any) (int32, uint32) {
	if q.seq == seqLimit-1 {
		q.renumber()
	}
	q.seq++
	s := q.alloc()
	sl := &q.slots[s]
	sl.handler, sl.data = h, data
	q.live++
	e := entry{at: at, key: q.seq<<slotBits | uint64(s)}
	if q.dead {
		q.dead = false
		q.heap[pad] = e
		q.down(0)
		return s, sl.gen
	}
	if q.heap == nil {
		q.heap = make([]entry, pad, 1024)
	}
	q.heap = append(q.heap, e)
	q.up(len(q.heap) - pad - 1)
	return s, sl.gen
}

// alloc takes a free slot, growing the table if there is none.
func (q *eventQueue) alloc() int32 {
	if n := len(q.free); n > 0 {
		s := q.free[n-1]
		q.free = q.free[:n-1]
		return s
	}
	if len(q.slots) >= maxSlots {
		panic(fmt.Sprintf("sim: more than %d events pending", maxSlots))
	}
	q.slots = append(q.slots, slot{gen: 1})
	return int32(len(q.slots) - 1)
}

// fire takes the earliest live event and returns its time, handler and data.
// Its entry stays at the root, dead, until settle or push. The queue must
// hold a live event.
func (q *eventQueue) fire() (Time, Handler, any) {
	q.dropStale()
	top := q.heap[pad]
	s := top.slot()
	sl := &q.slots[s]
	h, d := sl.handler, sl.data
	// The slot is freed without clearing its handler and data: the next
	// push, usually from the handler about to run, overwrites them, and no
	// entry but the dead root refers to the slot. A new generation makes
	// the fired event's Timer stale.
	sl.gen++
	if sl.gen == 0 {
		sl.gen = 1
	}
	q.free = append(q.free, s)
	q.live--
	q.dead = true
	return top.at, h, d
}

// settle removes a dead root that no push replaced.
func (q *eventQueue) settle() {
	if q.dead {
		q.dead = false
		q.removeRoot()
	}
}

// dropStale removes cancelled entries (and a dead root) from the top.
func (q *eventQueue) dropStale() {
	q.settle()
	for len(q.heap) > pad {
		s := q.heap[pad].slot()
		if q.slots[s].handler != nil {
			return
		}
		q.free = append(q.free, s)
		q.cancelled--
		q.removeRoot()
	}
}

// peek returns the time of the earliest live event; the queue must hold one.
func (q *eventQueue) peek() Time {
	if q.dead {
		// Inside a handler: the root is the fired event; look for the
		// earliest live one without disturbing the heap.
		best, found := Time(0), false
		h := q.h()
		for i := 1; i < len(h); i++ {
			e := &h[i]
			if q.slots[e.slot()].handler != nil && (!found || e.at < best) {
				best, found = e.at, true
			}
		}
		return best
	}
	q.dropStale()
	return q.heap[pad].at
}

// cancel clears the event in slot s if it is still generation gen.
func (q *eventQueue) cancel(s int32, gen uint32) bool {
	if !q.pending(s, gen) {
		return false
	}
	q.clear(s)
	q.live--
	q.cancelled++
	if q.cancelled > 64 && q.cancelled > q.live && !q.dead {
		q.compact()
	}
	return true
}

// pending reports whether slot s still holds the event of generation gen.
func (q *eventQueue) pending(s int32, gen uint32) bool {
	return s >= 0 && int(s) < len(q.slots) && q.slots[s].gen == gen && q.slots[s].handler != nil
}

// clear empties slot s and moves it to a new generation.
func (q *eventQueue) clear(s int32) {
	sl := &q.slots[s]
	sl.handler, sl.data = nil, nil
	sl.gen++
	if sl.gen == 0 {
		sl.gen = 1
	}
}

// compact drops every cancelled entry, frees their slots and rebuilds the
// heap in O(n).
func (q *eventQueue) compact() {
	kept := q.heap[:pad]
	for _, e := range q.h() {
		if s := e.slot(); q.slots[s].handler != nil {
			kept = append(kept, e)
		} else {
			q.free = append(q.free, s)
		}
	}
	q.heap = kept
	q.cancelled = 0
	for i := (len(kept) - pad - 2) / 4; i >= 0; i-- {
		q.down(i)
	}
}

// renumber gives the pending entries new sequence numbers 1..n in their
// current order; it runs once every 2^36 events.
func (q *eventQueue) renumber() {
	q.settle()
	h := q.h()
	slices.SortFunc(h, func(a, b entry) int {
		if less(&a, &b) {
			return -1
		}
		return 1
	})
	for i := range h {
		h[i].key = uint64(i+1)<<slotBits | h[i].key&slotMask
	}
	q.seq = uint64(len(h))
	// A sorted array is a valid heap.
}

// removeRoot removes heap[0] (Floyd's method: move the hole to a leaf along
// the smallest children, then fill it with the last entry and sift that up).
func (q *eventQueue) removeRoot() {
	h := q.h()
	last := len(h) - 1
	i := 0
	for {
		c := 4*i + 1
		if c >= last {
			break
		}
		m := minChild(h, c, min(c+4, last))
		h[i] = h[m]
		i = m
	}
	h[i] = h[last]
	q.heap = q.heap[:pad+last]
	if i < last {
		q.up(i)
	}
}

func (q *eventQueue) up(i int) {
	h := q.h()
	e := h[i]
	for i > 0 {
		p := (i - 1) / 4
		if !less(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

func (q *eventQueue) down(i int) {
	h := q.h()
	n := len(h)
	e := h[i]
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		var m int
		if c+4 <= n {
			m = minChild4(h, c)
		} else {
			m = minChild(h, c, n)
		}
		if !less(&h[m], &e) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = e
}
