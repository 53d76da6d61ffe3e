package network

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/stretchr/testify/require"
)

// dualHomed: an authentication server with interface if0 on switch SW1 (L2
// and port-expansion parts) and standby interface if1 on switch SW2.
func dualHomed() Topology {
	return Topology{
		Nodes: []NodeConfig{
			{Name: "R0", Kind: Router, Routes: []Entry{route("10.0.0.0/24", Direct)}},
			{Name: "SW1", Kind: Switch, Parts: []string{"l2", "pe"}},
			{Name: "SW2", Kind: Switch},
			{Name: "auth", Kind: Host, Addr: addr("10.0.0.10"), Parts: []string{"if0", "if1"}, Active: "if0", Standby: "if1"},
		},
		Links: []LinkConfig{
			link("r0-sw1", "R0", "SW1/l2"), link("sw1-internal", "SW1/l2", "SW1/pe"), link("sw1-auth", "SW1/pe", "auth/if0"),
			link("r0-sw2", "R0", "SW2"), link("sw2-auth", "SW2", "auth/if1"),
		},
	}
}

// TestFailover: the active interface carries the traffic; a silent fault
// behind it leaves its link up (so link-down failover would not fire);
// Failover moves the path to the standby interface, and again back.
func TestFailover(t *testing.T) {
	env := newEnv(t, 20*time.Second, 1)
	n := mustNet(t, env, dualHomed())
	auth := n.Node("auth")
	require.Equal(t, "if0", auth.Active())
	p := mustPath(t, n, "R0", "10.0.0.10")
	require.Equal(t, []string{"R0", "SW1", "auth"}, p.Nodes, "the standby interface is not used")

	svc, err := models.NewService(env, models.ServiceConfig{Name: "auth", Workers: 1, ServiceTime: mustDet(t, 0.01)})
	require.NoError(t, err)
	rt, err := n.NewRoute("r", "R0", addr("10.0.0.10"), svc)
	require.NoError(t, err)
	pr := newProbe(t)
	at(env.Engine, time.Second, func(now time.Duration) { n.Node("SW1").Part("pe").Fail(now, Silent) })
	pr.send(env.Engine, 2*time.Second, rt, "before", time.Second)
	at(env.Engine, 5*time.Second, func(now time.Duration) {
		require.True(t, n.Link("sw1-auth").PhysicalUp(), "nothing for link-down detection to see")
		require.NoError(t, auth.Failover(now))
	})
	pr.send(env.Engine, 6*time.Second, rt, "after", time.Second)
	env.Engine.Run()
	require.Equal(t, models.TimedOut, pr.byID("before").outcome)
	require.Equal(t, models.OK, pr.byID("after").outcome)
	require.Equal(t, "if1", auth.Active())
	p = mustPath(t, n, "R0", "10.0.0.10")
	require.Equal(t, []string{"R0", "SW2", "auth"}, p.Nodes)
	require.Equal(t, []string{"R0/main", "r0-sw2", "SW2/main", "sw2-auth", "auth/if1"}, p.Elements)

	require.NoError(t, auth.Failover(7*time.Second))
	require.Equal(t, Drop{"SW1/pe", PartFailure}, mustPath(t, n, "R0", "10.0.0.10").Drop)
	require.Error(t, n.Node("R0").Failover(0), "no pair")
}

// TestWatchLinkDown: a link-down detector built on Watch fails the server
// over when its active port goes physically down. A silent fault of the
// switch part behind the port never trips it; a loud one does at once.
func TestWatchLinkDown(t *testing.T) {
	for _, c := range []struct {
		failure  Failure
		failover bool
	}{{Silent, false}, {Loud, true}} {
		t.Run(c.failure.String(), func(t *testing.T) {
			env := newEnv(t, 20*time.Second, 1)
			n := mustNet(t, env, dualHomed())
			auth := n.Node("auth")
			var seen []string
			n.Watch(func(now time.Duration, element string) {
				seen = append(seen, element)
				if auth.Active() == "if0" && !n.Link("sw1-auth").PhysicalUp() {
					require.NoError(t, auth.Failover(now))
				}
			})
			n.Node("SW1").Part("pe").Fail(time.Second, c.failure)
			require.Equal(t, c.failover, auth.Active() == "if1")
			require.Equal(t, c.failover, mustPath(t, n, "R0", "10.0.0.10").Forwards())
			want := []string{"SW1/pe"}
			if c.failover {
				want = append(want, "auth")
			}
			require.Equal(t, want, seen)
		})
	}
}

// TestOnPhysicalChange: a link tells its watchers of every change that may
// change its physical state: its own, and loud failures of its parts; a
// silent failure tells nobody.
func TestOnPhysicalChange(t *testing.T) {
	env := newEnv(t, 20*time.Second, 1)
	n := mustNet(t, env, dualHomed())
	l := n.Link("sw1-auth")
	// What a link-down detector asks of a link.
	var watched interface {
		PhysicalUp() bool
		OnPhysicalChange(f func(now time.Duration))
	} = l
	type seen struct {
		at time.Duration
		up bool
	}
	var got []seen
	watched.OnPhysicalChange(func(now time.Duration) { got = append(got, seen{now, l.PhysicalUp()}) })
	pe := n.Node("SW1").Part("pe")
	pe.Fail(1, Silent)
	pe.Fail(2, Loud)
	pe.Repair(3)
	l.Down(4)
	l.Up(5)
	n.Node("SW1").Part("l2").Fail(6, Loud) // not an end of this link
	require.Equal(t, []seen{{2, false}, {3, true}, {4, false}, {5, true}}, got)
}
