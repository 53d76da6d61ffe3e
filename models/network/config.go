package network

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"

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
type Procedure struct {
	// Name identifies the procedure in the random streams; "" is allowed.
	Name string
	// DropShare is the share of entries lost, from 0 to 1.
	DropShare float64
}

// apply returns the entries the procedure writes to router and those it
// loses, each in their original order.
func (p Procedure) apply(n *Network, router string, entries []Entry) (kept, lost []Entry, err error) {
	if !(p.DropShare >= 0 && p.DropShare <= 1) {
		return nil, nil, fmt.Errorf("procedure %q: drop share must be in [0, 1], got %v", p.Name, p.DropShare)
	}
	k := int(p.DropShare*float64(len(entries)) + 0.5)
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
// check compares the intent with the result before it goes live.
type Change struct {
	// Name identifies the change in the event log.
	Name string
	// Entries is the whole intended route table; it replaces the present
	// one. To add routes, start from Node.Routes.
	Entries []Entry
	// Procedure is how it is written; the zero Procedure is faithful.
	Procedure Procedure
	// Check compares Entries with the table the procedure would produce
	// and refuses the change if any intended entry would be missing or
	// different: the table stays as it was.
	Check bool
}

// ChangeResult says what a change did.
type ChangeResult struct {
	// Applied is false when the check refused the change.
	Applied bool
	// Lost lists the intended prefixes missing from the resulting table
	// (or that the check caught), in the order of the change's entries.
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
// nothing. It logs a "state" entry saying what was applied or refused and
// how many entries were lost, and invalidates cached paths if applied.
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
	res := ChangeResult{Applied: !c.Check || len(lost) == 0}
	for _, e := range lost {
		res.Lost = append(res.Lost, e.Prefix)
	}
	of := strconv.Itoa(len(lost)) + " of " + strconv.Itoa(len(c.Entries)) + " entries"
	if !res.Applied {
		n.logState(now, nd.name, "config "+c.Name+" refused by pre/post check: "+of+" would be lost")
		return res, nil
	}
	tb, err := n.newTable(kept)
	if err != nil { // cannot happen: kept is a subset of checked entries
		return ChangeResult{}, fmt.Errorf("node %q: change %q: %w", nd.name, c.Name, err)
	}
	nd.table = tb
	n.changed(now, nd.name, "config "+c.Name+" applied: "+of+" lost")
	return res, nil
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
