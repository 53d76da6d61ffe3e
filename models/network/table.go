package network

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/cascade-sim/cascade/models/knob"
)

// Direct is the next hop of a route that delivers to the host owning the
// address, over L2 (a connected subnet): the word a scenario file writes.
// No node may be named so.
const Direct = "direct"

// Entry is one route: requests to an address in Prefix go to NextHop, the
// name of a router or host, or Direct.
type Entry struct {
	// Prefix is the destination prefix; its host bits must be zero.
	Prefix netip.Prefix `knob:"prefix" required:"true" want:"a masked IPv4 or IPv6 prefix, like 10.1.0.0/16" doc:"the destination prefix, IPv4 or IPv6, with its host bits zero"`
	// NextHop names the L3 node requests are sent to, or is Direct.
	NextHop string `knob:"next_hop" required:"true" ref:"router or host node" or:"direct" want:"the name of a router or host node, or direct" doc:"the router or host requests to the prefix are sent to, or direct: to the host that owns the address (a connected subnet)"`
}

// Describe names a route in messages.
func (Entry) Describe() (noun, example string) {
	return "a route", "{prefix: 10.0.0.0/8, next_hop: core}"
}

// Check checks that the prefix's host bits are zero.
func (e Entry) Check(func(key string) bool) error {
	if e.Prefix.IsValid() && e.Prefix.Masked() != e.Prefix {
		return knob.Errorf("prefix", "expected a masked IPv4 or IPv6 prefix, like 10.1.0.0/16, got %q, whose host bits are set (did you mean %s?)", e.Prefix.String(), e.Prefix.Masked())
	}
	return nil
}

// String formats the entry as "prefix → next hop".
func (e Entry) String() string { return e.Prefix.String() + " → " + e.NextHop }

// table is a route table with longest-prefix-match lookup.
type table struct {
	entries []Entry                // in configuration order
	next    map[netip.Prefix]*Node // nil for Direct
	lens    []int                  // distinct prefix lengths, longest first
}

// newTable checks entries against the network and builds their table.
func (n *Network) newTable(entries []Entry) (table, error) {
	t := table{entries: slices.Clone(entries), next: make(map[netip.Prefix]*Node, len(entries))}
	for _, e := range entries {
		if !e.Prefix.IsValid() {
			return table{}, fmt.Errorf("route %v: invalid prefix", e)
		}
		if e.Prefix != e.Prefix.Masked() {
			return table{}, fmt.Errorf("route %v: prefix has host bits set (did you mean %v?)", e, e.Prefix.Masked())
		}
		if _, dup := t.next[e.Prefix]; dup {
			return table{}, fmt.Errorf("route %v: prefix %v appears twice", e, e.Prefix)
		}
		var nh *Node
		if e.NextHop != Direct {
			nh = n.byName[e.NextHop]
			switch {
			case nh == nil:
				return table{}, fmt.Errorf("route %v: no node %q", e, e.NextHop)
			case nh.kind == Switch:
				return table{}, fmt.Errorf("route %v: next hop %q is a switch; name the router or host behind it", e, e.NextHop)
			}
		}
		t.next[e.Prefix] = nh
		if !slices.Contains(t.lens, e.Prefix.Bits()) {
			t.lens = append(t.lens, e.Prefix.Bits())
		}
	}
	slices.SortFunc(t.lens, func(a, b int) int { return b - a })
	return t, nil
}

// lookup returns the next hop of the longest prefix that contains a (nil
// for Direct) and whether there is one.
func (t *table) lookup(a netip.Addr) (*Node, bool) {
	for _, bits := range t.lens {
		if bits > a.BitLen() {
			continue
		}
		p, err := a.Prefix(bits)
		if err != nil {
			continue
		}
		if nh, ok := t.next[p]; ok {
			return nh, true
		}
	}
	return nil, false
}
