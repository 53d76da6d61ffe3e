package network

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/sim"
)

// Procedure is how a configuration is written to a router. A faithful
// procedure (DropShare 0) writes every entry. One that does not fit the
// product (the "generic procedure" of Docomo's 20 Dec 2022 outage) loses a
// share of them.
//
// Which entries are lost is deterministic: each prefix gets a key from the
// random stream "network/procedure/NAME/ROUTER/PREFIX" and the
// round(DropShare x entries) entries with the smallest keys are lost. So
// the same procedure on the same router loses the same prefixes every time
// it is applied, whether to a change or to a snapshot: a rollback
// configuration built the generic way lacks what the change lost.
//
// With a Spread, the share lost is drawn once per run (from the stream
// "network/procedure/NAME/ROUTER/share", so every application on the
// router in the run draws the same), uniform within Spread of DropShare
// and clipped to [0, 1].
type Procedure struct {
	// Name identifies the procedure in the random streams; "" is allowed.
	Name string
	// DropShare is the (mean) share of entries lost, from 0 to 1.
	DropShare float64
	// Spread is how far, from 0 to 1, the share drawn for a run may lie
	// from DropShare; 0 for none.
	Spread float64
}

// share returns the share of entries the procedure loses on router in
// this run.
func (p Procedure) share(n *Network, router string) float64 {
	if p.Spread == 0 {
		return p.DropShare
	}
	u := n.env.Streams.Stream("network/procedure/" + p.Name + "/" + router + "/share").Float64()
	return min(1, max(0, p.DropShare+p.Spread*(2*u-1)))
}

// apply returns the entries the procedure writes to router and those it
// loses, each in their original order.
func (p Procedure) apply(n *Network, router string, entries []Entry) (kept, lost []Entry, err error) {
	if !(p.DropShare >= 0 && p.DropShare <= 1) {
		return nil, nil, fmt.Errorf("procedure %q: drop share must be in [0, 1], got %v", p.Name, p.DropShare)
	}
	if !(p.Spread >= 0 && p.Spread <= 1) {
		return nil, nil, fmt.Errorf("procedure %q: spread must be in [0, 1], got %v", p.Name, p.Spread)
	}
	k := int(p.share(n, router)*float64(len(entries)) + 0.5)
	if k == 0 {
		return slices.Clone(entries), nil, nil
	}
	type keyed struct {
		key uint64
		i   int
	}
	keys := make([]keyed, len(entries))
	for i, e := range entries {
		s := n.env.Streams.Stream("network/procedure/" + p.Name + "/" + router + "/" + e.Prefix.String())
		keys[i] = keyed{s.Uint64(), i}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	drop := make([]bool, len(entries))
	for _, kd := range keys[:k] {
		drop[kd.i] = true
	}
	for i, e := range entries {
		if drop[i] {
			lost = append(lost, e)
		} else {
			kept = append(kept, e)
		}
	}
	return kept, lost, nil
}

// Change is a configuration change of a router's route table: the table
// it is meant to have afterwards, how it is written, and whether a pre/post
// check compares the values before and after it is applied (投入前後).
type Change struct {
	// Name identifies the change in the event log.
	Name string
	// Entries is the whole intended route table; it replaces the present
	// one. To add routes, start from Node.Routes.
	Entries []Entry
	// Procedure is how it is written; the zero Procedure is faithful.
	Procedure Procedure
	// Check compares, CheckAfter after the change is applied, the
	// router's table with Entries (the values after) and with the table
	// before the change: if an intended entry is missing or different,
	// it restores the table from before the change, complete (the
	// comparison's own copy of the values before, not a prepared
	// rollback configuration). The change goes live in between: the
	// check finds what was lost, it does not prevent it.
	Check bool
	// CheckAfter is how long after applying the check ends (the time to
	// compare every value and restore); >= 0, only with Check.
	CheckAfter sim.Time
}

// ChangeResult says what a change did.
type ChangeResult struct {
	// Lost lists the intended prefixes missing from the resulting table,
	// in the order of the change's entries.
	Lost []netip.Prefix
}

// Config is a saved route table: a snapshot to roll back to.
type Config struct {
	// Name identifies the snapshot in the event log.
	Name string
	// Entries is the table.
	Entries []Entry
}

// Configure applies a change to the node's route table at time now. The
// entries are checked first (valid, masked, unique prefixes; next hops that
// are routers, hosts or Direct): a bad change is an error and changes
// nothing. It logs a "state" entry saying what was applied and how many
// entries were lost, and invalidates cached paths. With Check, the
// pre/post check runs CheckAfter later: it logs "pre/post check of NAME:
// ..." and, if entries were lost, restores the table from before.
func (nd *Node) Configure(now sim.Time, c Change) (ChangeResult, error) {
	if !nd.routes() {
		return ChangeResult{}, fmt.Errorf("node %q: a switch has no route table", nd.name)
	}
	n := nd.net
	if _, err := n.newTable(c.Entries); err != nil {
		return ChangeResult{}, fmt.Errorf("node %q: change %q: %w", nd.name, c.Name, err)
	}
	kept, lost, err := c.Procedure.apply(n, nd.name, c.Entries)
	if err != nil {
		return ChangeResult{}, fmt.Errorf("node %q: change %q: %w", nd.name, c.Name, err)
	}
	if c.CheckAfter < 0 || (c.CheckAfter != 0 && !c.Check) {
		return ChangeResult{}, fmt.Errorf("node %q: change %q: check time %v needs a check and must be >= 0", nd.name, c.Name, c.CheckAfter)
	}
	var res ChangeResult
	for _, e := range lost {
		res.Lost = append(res.Lost, e.Prefix)
	}
	of := strconv.Itoa(len(lost)) + " of " + strconv.Itoa(len(c.Entries)) + " entries"
	tb, err := n.newTable(kept)
	if err != nil { // cannot happen: kept is a subset of checked entries
		return ChangeResult{}, fmt.Errorf("node %q: change %q: %w", nd.name, c.Name, err)
	}
	before := Config{Name: "the values before " + c.Name, Entries: slices.Clone(nd.table.entries)}
	nd.table = tb
	n.changed(now, nd.name, "config "+c.Name+" applied: "+of+" lost")
	if c.Check {
		n.env.Engine.At(sim.Later(now, c.CheckAfter), sim.HandlerFunc(func(now sim.Time, _ any) {
			nd.prePostCheck(now, c, before)
		}), nil)
	}
	return res, nil
}

// prePostCheck compares the node's table with the intent of change c and
// restores before if an intended entry is missing or different.
func (nd *Node) prePostCheck(now sim.Time, c Change, before Config) {
	missing := nd.Missing(c.Entries)
	if len(missing) == 0 {
		nd.net.logState(now, nd.name, "pre/post check of "+c.Name+": every value as intended")
		return
	}
	names := make([]string, len(missing))
	for i, e := range missing {
		names[i] = e.Prefix.String()
	}
	nd.net.logState(now, nd.name, "pre/post check of "+c.Name+": "+strconv.Itoa(len(missing))+" of "+
		strconv.Itoa(len(c.Entries))+" entries missing or different ("+strings.Join(names, ", ")+"); restoring the values before")
	if err := nd.Rollback(now, before); err != nil { // cannot happen: before was a valid table
		nd.net.logState(now, nd.name, "pre/post check of "+c.Name+": restore failed: "+err.Error())
	}
}

// Missing returns the entries of want that the node's table lacks or
// routes elsewhere, in want's order.
func (nd *Node) Missing(want []Entry) []Entry {
	var out []Entry
	have := map[netip.Prefix]string{}
	for _, e := range nd.table.entries {
		have[e.Prefix] = e.NextHop
	}
	for _, e := range want {
		if nh, ok := have[e.Prefix]; !ok || nh != e.NextHop {
			out = append(out, e)
		}
	}
	return out
}

// Snapshot saves the node's present route table as a configuration named
// name, written with procedure p: the zero Procedure saves it complete, a
// lossy one saves it lacking what p loses.
func (nd *Node) Snapshot(name string, p Procedure) (Config, error) {
	if !nd.routes() {
		return Config{}, fmt.Errorf("node %q: a switch has no route table", nd.name)
	}
	kept, _, err := p.apply(nd.net, nd.name, nd.table.entries)
	if err != nil {
		return Config{}, fmt.Errorf("node %q: snapshot %q: %w", nd.name, name, err)
	}
	return Config{Name: name, Entries: kept}, nil
}

// Rollback replaces the node's route table with a saved configuration at
// time now, exactly as saved (complete or not). It logs a "state" entry
// and invalidates cached paths.
func (nd *Node) Rollback(now sim.Time, c Config) error {
	if !nd.routes() {
		return fmt.Errorf("node %q: a switch has no route table", nd.name)
	}
	tb, err := nd.net.newTable(c.Entries)
	if err != nil {
		return fmt.Errorf("node %q: rollback to %q: %w", nd.name, c.Name, err)
	}
	nd.table = tb
	nd.net.changed(now, nd.name, "rollback to "+c.Name+": "+strconv.Itoa(len(c.Entries))+" entries")
	return nil
}
