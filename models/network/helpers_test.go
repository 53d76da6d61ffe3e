package network

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// newEnv returns an Env with a recorder of 1 s steps over horizon.
func newEnv(tb testing.TB, horizon sim.Time, seed uint64) *models.Env {
	tb.Helper()
	env, err := models.NewEnv(seed, time.Second, horizon)
	require.NoError(tb, err)
	return env
}

// addr parses an address.
func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

// route is a shorthand for a route entry.
func route(prefix, nextHop string) Entry {
	return Entry{Prefix: netip.MustParsePrefix(prefix), NextHop: nextHop}
}

// ep parses "node" or "node/part".
func ep(s string) Endpoint {
	node, part, _ := strings.Cut(s, "/")
	return Endpoint{Node: node, Part: part}
}

// link is a shorthand for a link between "node[/part]" ends.
func link(name, a, b string) LinkConfig { return LinkConfig{Name: name, A: ep(a), B: ep(b)} }

// mustNet builds a network or fails the test.
func mustNet(tb testing.TB, env *models.Env, t Topology) *Network {
	tb.Helper()
	n, err := New(env, t)
	require.NoError(tb, err)
	return n
}

// mustPath resolves a path or fails the test.
func mustPath(tb testing.TB, n *Network, from, to string) *Path {
	tb.Helper()
	p, err := n.Path(from, addr(to))
	require.NoError(tb, err)
	return p
}

// instant is a target that answers every request OK at once and counts
// them.
type instant struct {
	name string
	got  int
}

func (t *instant) Name() string { return t.name }

func (t *instant) Submit(now sim.Time, r *models.Request) {
	t.got++
	r.Replier.Reply(now, r, models.OK)
}

// reply is one answer a probe received.
type reply struct {
	id      string
	at      sim.Time
	outcome models.Outcome
}

// probe sends hand-made requests and records the answers in arrival order.
// It fails the test if a request is answered twice or not by its own
// Replier.
type probe struct {
	tb      testing.TB
	names   map[*models.Request]string
	replies []reply
}

func newProbe(tb testing.TB) *probe { return &probe{tb: tb, names: map[*models.Request]string{}} }

// Reply records the answer to a request sent by send.
func (p *probe) Reply(now sim.Time, r *models.Request, o models.Outcome) {
	id, ok := p.names[r]
	require.True(p.tb, ok, "reply to a request the probe did not send (or answered twice)")
	delete(p.names, r)
	p.replies = append(p.replies, reply{id: id, at: now, outcome: o})
}

// send schedules a request named id to target at time at; deadline, if
// positive, is relative to at.
func (p *probe) send(e *sim.Engine, at sim.Time, target models.Target, id string, deadline sim.Time) {
	e.At(at, sim.HandlerFunc(func(now sim.Time, _ any) {
		r := &models.Request{Issued: now, Replier: p}
		if deadline > 0 {
			r.Deadline = now + deadline
		}
		p.names[r] = id
		target.Submit(now, r)
	}), nil)
}

// byID returns the reply to the request named id.
func (p *probe) byID(id string) reply {
	p.tb.Helper()
	for _, r := range p.replies {
		if r.id == id {
			return r
		}
	}
	require.FailNow(p.tb, "no reply", "request %q was not answered", id)
	return reply{}
}

// at schedules f at time t.
func at(e *sim.Engine, t sim.Time, f func(now sim.Time)) {
	e.At(t, sim.HandlerFunc(func(now sim.Time, _ any) { f(now) }), nil)
}

// ms is a shorthand for milliseconds.
func ms(v float64) sim.Time { return sim.Seconds(v / 1000) }

// mustDet returns a deterministic distribution of value seconds.
func mustDet(tb testing.TB, value float64) sim.Dist {
	tb.Helper()
	d, err := sim.NewDeterministic(value)
	require.NoError(tb, err)
	return d
}

// seriesTotal returns the sum over steps of a series' values times the
// step length (the count, for a per-second series).
func seriesTotal(tb testing.TB, rec *sim.Recorder, series []*sim.Series, component, metric string) float64 {
	tb.Helper()
	for _, s := range series {
		if s.Component == component && s.Metric == metric {
			sum := 0.0
			for i, v := range s.Values {
				sum += v * rec.StepLength(i).Seconds()
			}
			return sum
		}
	}
	require.FailNow(tb, "no such series", "%s/%s", component, metric)
	return 0
}
