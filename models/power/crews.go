package power

import "github.com/cascade-sim/cascade/sim"

// crews restart the hosts of a site that regained power, a limited number
// at a time, in the order the hosts regained power.
type crews struct {
	site  *Site
	n     int
	busy  int
	dist  sim.Dist
	rng   *sim.Rand
	queue []queued
	head  int
}

// queued is a host waiting for a crew; an entry whose epoch is out of date
// (the host lost power since) is skipped.
type queued struct {
	h     *Host
	epoch uint64
}

func newCrews(s *Site, n int, d sim.Dist) *crews {
	return &crews{site: s, n: n, dist: d, rng: s.env.Streams.Stream("power/" + s.cfg.Name + "/restart")}
}

// enqueue puts a host that regained power in the queue.
func (c *crews) enqueue(now sim.Time, h *Host) {
	h.waiting = true
	c.queue = append(c.queue, queued{h: h, epoch: h.epoch})
	c.dispatch(now)
}

// abort takes a host that lost power out of the queue or from its crew.
func (c *crews) abort(now sim.Time, h *Host) {
	h.waiting = false
	if h.restarting {
		h.restarting = false
		c.site.env.Engine.Cancel(h.restart)
		c.busy--
		c.dispatch(now)
	}
}

// dispatch gives free crews to waiting hosts.
func (c *crews) dispatch(now sim.Time) {
	for c.busy < c.n && c.head < len(c.queue) {
		q := c.queue[c.head]
		c.queue[c.head] = queued{}
		c.head++
		if c.head == len(c.queue) {
			c.queue, c.head = c.queue[:0], 0
		}
		h := q.h
		if !h.waiting || q.epoch != h.epoch {
			continue
		}
		h.waiting, h.restarting = false, true
		c.busy++
		h.restart = c.site.env.Engine.After(sim.SampleTime(c.dist, c.rng), c, h) // saturates
	}
}

// Fire ends a host's restart.
func (c *crews) Fire(now sim.Time, data any) {
	h := data.(*Host)
	h.restarting = false
	c.busy--
	c.site.setRunning(now, h)
	c.dispatch(now)
}

// waitingCount returns the number of hosts waiting for a crew.
func (c *crews) waitingCount() int {
	n := 0
	for _, q := range c.queue[c.head:] {
		if q.h.waiting && q.epoch == q.h.epoch {
			n++
		}
	}
	return n
}
