package network

import (
	"fmt"
	"net/netip"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// Route is a models.Target that carries requests over the network from an
// origin node to an address, behind which target serves them; the answers
// come back over the same elements. See the package documentation for how
// lost requests are answered (TimedOut at the deadline, or Dropped at once
// without one).
//
// The request itself travels: the Route hands the sender's request to the
// target and answers the sender when the answer is back, so deadlines and
// cancellation reach the target unchanged.
//
// Series (component = the route's name): "sent_per_s" (submitted),
// "delivered_per_s" (reached the target) and "lost_per_s" (requests lost
// on the way there, plus answers lost on the way back).
type Route struct {
	net    *Network
	name   string
	from   *Node
	to     netip.Addr
	target models.Target
	rng    *sim.Rand
	probes *sim.Rand // for Carry, created at first use
	path   *Path

	stats                 RouteStats
	sent, delivered, lost *sim.Counter

	free   []*flight
	arrive arrival
	back   answerBack
	expire lostExpired
}

// RouteStats are a route's totals.
type RouteStats struct {
	// Sent is the number of requests submitted.
	Sent int64
	// Delivered reached the target.
	Delivered int64
	// Lost never reached it.
	Lost int64
	// AnswersLost were answered by the target but the answer was lost.
	AnswersLost int64
	// Answered got their answer back.
	Answered int64
	// LastDrop is the element that lost the latest request or answer.
	LastDrop string
}

// NewRoute returns the route named name (unique among routes: it names the
// series and the random stream "network/route/NAME") from the node named
// from to address to, where target serves the requests.
func (n *Network) NewRoute(name, from string, to netip.Addr, target models.Target) (*Route, error) {
	nd := n.byName[from]
	switch {
	case name == "":
		return nil, fmt.Errorf("network: a route needs a name")
	case nd == nil:
		return nil, fmt.Errorf("network: route %q: no node %q", name, from)
	case target == nil:
		return nil, fmt.Errorf("network: route %q: no target", name)
	}
	if err := checkOrigin(nd, to); err != nil {
		return nil, fmt.Errorf("route %q: %w", name, err)
	}
	rec := n.env.Recorder
	rt := &Route{
		net: n, name: name, from: nd, to: to.Unmap(), target: target,
		rng:       n.env.Streams.Stream("network/route/" + name),
		sent:      rec.Counter(name, models.MetricSentPerS, sim.PerSecond),
		delivered: rec.Counter(name, models.MetricDeliveredPerS, sim.PerSecond),
		lost:      rec.Counter(name, models.MetricLostPerS, sim.PerSecond),
	}
	rt.arrive.rt, rt.back.rt, rt.expire.rt = rt, rt, rt
	return rt, nil
}

// Name returns the route's name.
func (rt *Route) Name() string { return rt.name }

// Target returns the target behind the route.
func (rt *Route) Target() models.Target { return rt.target }

// Stats returns the route's totals.
func (rt *Route) Stats() RouteStats { return rt.stats }

// Path returns the route's present path.
func (rt *Route) Path() *Path { return rt.current() }

// current returns the route's path, resolved again only after a change.
// When the path starts or stops losing every request, the event log says
// where and why, at the first request that meets the change.
func (rt *Route) current() *Path {
	if rt.path == nil || rt.path.version != rt.net.version {
		old := rt.path
		rt.path = rt.net.path(rt.from, rt.to)
		rt.logChange(old, rt.path)
	}
	return rt.path
}

// logChange records a change of whether, where or why the path drops.
func (rt *Route) logChange(old, now *Path) {
	wasDropping := old != nil && !old.Forwards()
	switch {
	case !now.Forwards() && (!wasDropping || old.Drop != now.Drop):
		rt.net.env.Recorder.Log(rt.net.env.Engine.Now(), rt.name, sim.EventRoute,
			fmt.Sprintf("requests to %s lost at %s: %s", rt.to, now.Drop.Element, now.Drop.Reason))
	case now.Forwards() && wasDropping:
		rt.net.env.Recorder.Log(rt.net.env.Engine.Now(), rt.name, sim.EventRoute,
			fmt.Sprintf("requests to %s carried again", rt.to))
	}
}

// Carry sends one control packet (BFD, LACP, a probe) at time now from
// the route's origin along its present path, one way, and reports whether
// it arrives and after what latency: what a keepalive detector needs from
// the network. Its losses are drawn from the stream
// "network/route/NAME/carry", so probing never changes which requests are
// lost, and they count in no series or element counter.
func (rt *Route) Carry(now sim.Time) (sim.Time, bool) {
	p := rt.current()
	if !p.Forwards() {
		return 0, false
	}
	if rt.probes == nil {
		rt.probes = rt.net.env.Streams.Stream("network/route/" + rt.name + "/carry")
	}
	at, delay := rt.net.cross(p, rt.probes, false)
	return delay, at < 0
}

// flight is one request in transit: on its way to the target, at the
// target, or its answer on the way back. It is the Replier the target
// answers.
type flight struct {
	rt      *Route
	r       *models.Request
	replier models.Replier // the sender's
	path    *Path
	version uint64 // the network's version when the current leg started
	outcome models.Outcome
}

// Submit sends r along the route.
func (rt *Route) Submit(now sim.Time, r *models.Request) {
	rt.stats.Sent++
	rt.sent.Inc(now)
	p := rt.current()
	if !p.Forwards() {
		rt.lose(now, r, p.dropAt, false)
		return
	}
	at, delay := rt.net.cross(p, rt.rng, false)
	if at >= 0 {
		rt.lose(now, r, at, false)
		return
	}
	f := rt.getFlight()
	f.r, f.path, f.version = r, p, rt.net.version
	if delay == 0 {
		rt.reach(now, f)
		return
	}
	rt.net.env.Engine.After(delay, &rt.arrive, f)
}

type arrival struct{ rt *Route }

// Fire delivers a request at the end of its way there.
func (h *arrival) Fire(now sim.Time, data any) { h.rt.reach(now, data.(*flight)) }

// reach hands the request to the target, unless the path broke on the way.
func (rt *Route) reach(now sim.Time, f *flight) {
	r := f.r
	if f.version != rt.net.version {
		if at := rt.net.brokenAt(f.path); at >= 0 {
			rt.putFlight(f)
			rt.lose(now, r, at, false)
			return
		}
	}
	rt.stats.Delivered++
	rt.delivered.Inc(now)
	f.replier = r.Replier
	r.Replier = f
	rt.target.Submit(now, r)
}

// Reply receives the target's answer and sends it back over the path.
func (f *flight) Reply(now sim.Time, r *models.Request, o models.Outcome) {
	rt := f.rt
	r.Replier = f.replier
	at, delay := rt.net.cross(f.path, rt.rng, true)
	if at >= 0 {
		rt.putFlight(f)
		rt.lose(now, r, at, true)
		return
	}
	f.outcome, f.version = o, rt.net.version
	if delay == 0 {
		rt.answer(now, f)
		return
	}
	rt.net.env.Engine.After(delay, &rt.back, f)
}

type answerBack struct{ rt *Route }

// Fire delivers an answer at the end of its way back.
func (h *answerBack) Fire(now sim.Time, data any) { h.rt.answer(now, data.(*flight)) }

// answer gives the sender its answer, unless the path broke on the way.
func (rt *Route) answer(now sim.Time, f *flight) {
	r, o := f.r, f.outcome
	broken := int32(-1)
	if f.version != rt.net.version {
		broken = rt.net.brokenAt(f.path)
	}
	rt.putFlight(f)
	if broken >= 0 {
		rt.lose(now, r, broken, true)
		return
	}
	rt.stats.Answered++
	r.Replier.Reply(now, r, o)
}

// lose counts a request (or its answer) lost at element e and answers the
// sender: TimedOut at the request's deadline, Dropped at once if it has
// none.
func (rt *Route) lose(now sim.Time, r *models.Request, e int32, answer bool) {
	if answer {
		rt.stats.AnswersLost++
	} else {
		rt.stats.Lost++
	}
	rt.lost.Inc(now)
	rt.stats.LastDrop = rt.net.elems[e].name
	rt.net.countDrop(now, e)
	switch {
	case r.Deadline > now:
		rt.net.env.Engine.At(r.Deadline, &rt.expire, r)
	case r.Deadline > 0:
		r.Replier.Reply(now, r, models.TimedOut)
	default:
		r.Replier.Reply(now, r, models.Dropped)
	}
}

type lostExpired struct{ rt *Route }

// Fire answers a lost request TimedOut at its deadline.
func (h *lostExpired) Fire(now sim.Time, data any) {
	r := data.(*models.Request)
	r.Replier.Reply(now, r, models.TimedOut)
}

func (rt *Route) getFlight() *flight {
	if n := len(rt.free); n > 0 {
		f := rt.free[n-1]
		rt.free = rt.free[:n-1]
		return f
	}
	return &flight{rt: rt}
}

func (rt *Route) putFlight(f *flight) {
	*f = flight{rt: rt}
	rt.free = append(rt.free, f)
}
