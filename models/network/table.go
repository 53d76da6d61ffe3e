package network

import (
	"fmt"
	"net/netip"
	"slices"
)

// Direct is the next hop of a route that delivers to the host owning the
// address, over L2 (a connected subnet).
const Direct = ""

// Entry is one route: requests to an address in Prefix go to NextHop, the
// name of a router or host, or Direct.
type Entry struct {
	// Prefix is the destination prefix; its host bits must be zero.
	Prefix netip.Prefix
	// NextHop names the L3 node requests are sent to, or is Direct.
	NextHop string
}

// String formats the entry as "prefix → next hop".
func (e Entry) String() string {
	nh := e.NextHop
	if nh == Direct {
		nh = "direct"
	}
	return e.Prefix.String() + " → " + nh
}

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
