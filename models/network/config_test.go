package network

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// l3Site: an edge router sends 10.0.0.0/8 to the L3 switch "l3", which
// delivers 10.0.i.0/24 to host Hi (10.0.i.1) for i < routed (of the hosts
// hosts); every node hangs off one switch.
func l3Site(hosts, routed int) Topology {
	t := Topology{Nodes: []NodeConfig{
		{Name: "edge", Kind: Router, Routes: []Entry{route("10.0.0.0/8", "l3")}},
		{Name: "l3", Kind: Router, Routes: siteRoutes(0, routed)},
		{Name: "S", Kind: Switch},
	}}
	for i := 0; i < hosts; i++ {
		t.Nodes = append(t.Nodes, NodeConfig{Name: fmt.Sprintf("H%d", i), Kind: Host, Addr: hostAddr(i)})
	}
	for _, nd := range t.Nodes {
		if nd.Name != "S" {
			t.Links = append(t.Links, link("", nd.Name, "S"))
		}
	}
	return t
}

func hostAddr(i int) netip.Addr { return addr(fmt.Sprintf("10.0.%d.1", i)) }

// siteRoutes are the l3 switch's entries for hosts from..to-1.
func siteRoutes(from, to int) []Entry {
	var es []Entry
	for i := from; i < to; i++ {
		es = append(es, route(fmt.Sprintf("10.0.%d.0/24", i), Direct))
	}
	return es
}

// reachable returns the hosts (by index) the edge reaches, of the first n.
func reachable(t *testing.T, nw *Network, n int) []int {
	t.Helper()
	var ok []int
	for i := 0; i < n; i++ {
		p, err := nw.Path("edge", hostAddr(i))
		require.NoError(t, err)
		if p.Forwards() {
			ok = append(ok, i)
		} else {
			require.Equal(t, Drop{"l3", NoRoute}, p.Drop, "host %d", i)
		}
	}
	return ok
}

// prefixIndexes maps prefixes back to host indexes, sorted.
func prefixIndexes(ps []netip.Prefix) []int {
	var is []int
	for _, p := range ps {
		is = append(is, int(p.Addr().As4()[2]))
	}
	slices.Sort(is)
	return is
}

// without returns 0..n-1 minus the given indexes.
func without(n int, gone []int) []int {
	var is []int
	for i := 0; i < n; i++ {
		if !slices.Contains(gone, i) {
			is = append(is, i)
		}
	}
	return is
}

var generic = Procedure{Name: "generic", DropShare: 0.25}

// TestConfigChange: a capacity expansion adds 4 prefixes to 20. Written
// faithfully, all 24 are reachable; written with the generic procedure, a
// quarter of the entries (6) are lost and exactly those prefixes drop at
// the L3 switch.
func TestConfigChange(t *testing.T) {
	for _, c := range []struct {
		name string
		proc Procedure
		lost int
	}{{"specific", Procedure{Name: "specific"}, 0}, {"generic", generic, 6}} {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, time.Minute, 20)
			nw := mustNet(t, env, l3Site(24, 20))
			l3 := nw.Node("l3")
			require.Len(t, reachable(t, nw, 24), 20)
			v := nw.Version()
			res, err := l3.Configure(time.Second, Change{Name: "expansion", Entries: siteRoutes(0, 24), Procedure: c.proc})
			require.NoError(t, err)
			require.Len(t, res.Lost, c.lost)
			require.Greater(t, nw.Version(), v, "an applied change invalidates paths")
			require.Equal(t, without(24, prefixIndexes(res.Lost)), reachable(t, nw, 24))
			require.Len(t, l3.Routes(), 24-c.lost)
			ev := env.Recorder.Events()
			require.Equal(t, fmt.Sprintf("config expansion applied: %d of 24 entries lost", c.lost), ev[len(ev)-1].Message)
		})
	}
}

// TestRollback: before the change two snapshots are saved: one complete,
// one written with the same generic procedure. Rolling back to the
// complete one restores every old prefix; the incomplete one lacks some of
// the very prefixes the change lost, so the outage goes on for them.
func TestRollback(t *testing.T) {
	env := newEnv(t, time.Minute, 20)
	nw := mustNet(t, env, l3Site(24, 20))
	l3 := nw.Node("l3")
	complete, err := l3.Snapshot("saved-specific", Procedure{})
	require.NoError(t, err)
	require.Len(t, complete.Entries, 20)
	partial, err := l3.Snapshot("saved-generic", generic)
	require.NoError(t, err)
	require.Len(t, partial.Entries, 15, "a quarter of 20 lost")

	res, err := l3.Configure(time.Second, Change{Name: "expansion", Entries: siteRoutes(0, 24), Procedure: generic})
	require.NoError(t, err)
	lost := prefixIndexes(res.Lost)

	require.NoError(t, l3.Rollback(2*time.Second, partial))
	stillLost := without(20, reachable(t, nw, 20))
	require.Len(t, stillLost, 5)
	common := 0
	for _, i := range stillLost {
		if slices.Contains(lost, i) {
			common++
		}
	}
	require.Positive(t, common, "the rollback lacks routes the change lost: %v vs %v", stillLost, lost)

	require.NoError(t, l3.Rollback(3*time.Second, complete))
	require.Len(t, reachable(t, nw, 24), 20, "every old prefix is back (the 4 new ones are not in the snapshot)")

	bad := Config{Name: "bad", Entries: []Entry{route("10.0.0.0/8", "S")}}
	require.ErrorContains(t, l3.Rollback(4*time.Second, bad), "switch")
}

// TestPrePostCheck: with the check, the generic change goes live (its
// routes are lost from then), and the check, CheckAfter later, finds what
// is missing, names it, and restores the values from before the change,
// complete; a faithful change passes the check and stays.
func TestPrePostCheck(t *testing.T) {
	env := newEnv(t, time.Hour, 20)
	nw := mustNet(t, env, l3Site(24, 20))
	l3 := nw.Node("l3")
	before := l3.Routes()
	res, err := l3.Configure(time.Second, Change{Name: "expansion", Entries: siteRoutes(0, 24), Procedure: generic,
		Check: true, CheckAfter: 5 * time.Minute})
	require.NoError(t, err)
	require.Len(t, res.Lost, 6)
	require.Len(t, reachable(t, nw, 24), 18, "the change is live: 6 of 24 lost until the check")
	require.Equal(t, "config expansion applied: 6 of 24 entries lost", env.Recorder.Events()[0].Message)

	env.Engine.Run()
	require.Equal(t, before, l3.Routes(), "the check restored the values before the change")
	require.Len(t, reachable(t, nw, 24), 20)
	ev := env.Recorder.Events()
	var check sim.LogEntry
	for _, e := range ev {
		if strings.HasPrefix(e.Message, "pre/post check of expansion: ") {
			check = e
		}
	}
	require.Equal(t, time.Second+5*time.Minute, check.At)
	require.Contains(t, check.Message, "6 of 24 entries missing or different (")
	for _, p := range res.Lost {
		require.Contains(t, check.Message, p.String())
	}

	env2 := newEnv(t, time.Hour, 20)
	nw2 := mustNet(t, env2, l3Site(24, 20))
	res, err = nw2.Node("l3").Configure(2*time.Second, Change{Name: "expansion", Entries: siteRoutes(0, 24), Check: true, CheckAfter: time.Minute})
	require.NoError(t, err)
	require.Empty(t, res.Lost)
	env2.Engine.Run()
	require.Len(t, reachable(t, nw2, 24), 24, "a faithful change stays")
	require.Equal(t, "pre/post check of expansion: every value as intended", env2.Recorder.Events()[len(env2.Recorder.Events())-1].Message)

	_, err = nw2.Node("l3").Configure(0, Change{Name: "x", Entries: siteRoutes(0, 24), CheckAfter: time.Minute})
	require.ErrorContains(t, err, "needs a check")
}

// TestProcedureSpread: with a spread, the share lost is drawn per run (per
// seed), the same for every application on the router in the run (the
// snapshot lacks what the change lost), and stays within the spread.
func TestProcedureSpread(t *testing.T) {
	p := Procedure{Name: "generic", DropShare: 0.25, Spread: 0.15}
	counts := map[int]bool{}
	for seed := uint64(1); seed <= 30; seed++ {
		env := newEnv(t, time.Hour, seed)
		nw := mustNet(t, env, l3Site(40, 40))
		l3 := nw.Node("l3")
		snap, err := l3.Snapshot("prepared", p)
		require.NoError(t, err)
		res, err := l3.Configure(0, Change{Name: "c", Entries: siteRoutes(0, 40), Procedure: p})
		require.NoError(t, err)
		require.Len(t, snap.Entries, 40-len(res.Lost), "seed %d: the snapshot lacks as many as the change", seed)
		require.GreaterOrEqual(t, len(res.Lost), 4, "seed %d", seed) // 0.10 x 40
		require.LessOrEqual(t, len(res.Lost), 16, "seed %d", seed)   // 0.40 x 40
		counts[len(res.Lost)] = true
	}
	require.Greater(t, len(counts), 3, "the share lost varies with the seed")
	_, _, err := Procedure{Spread: 2}.apply(nil, "l3", nil)
	require.ErrorContains(t, err, "spread")
}

// TestConfigErrors: a bad change is an error and changes nothing.
func TestConfigErrors(t *testing.T) {
	env := newEnv(t, time.Minute, 20)
	nw := mustNet(t, env, l3Site(4, 4))
	l3 := nw.Node("l3")
	for _, c := range []Change{
		{Entries: []Entry{route("10.0.0.0/8", "nobody")}},
		{Entries: []Entry{route("10.0.0.1/8", Direct)}},
		{Entries: siteRoutes(0, 4), Procedure: Procedure{DropShare: 2}},
	} {
		_, err := l3.Configure(0, c)
		require.Error(t, err)
	}
	_, err := nw.Node("S").Configure(0, Change{})
	require.ErrorContains(t, err, "switch")
	_, err = nw.Node("S").Snapshot("s", Procedure{})
	require.Error(t, err)
	require.Len(t, reachable(t, nw, 4), 4)
	require.Empty(t, env.Recorder.Events())
}
