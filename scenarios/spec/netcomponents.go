package spec

import (
	"math"
	"net/netip"

	"go.yaml.in/yaml/v3"
)

// Route is a component that carries requests through the network from a
// node to an address, behind which Target serves them (models/network
// Route). It accepts requests, so populations, calls and planes may target
// it.
type Route struct {
	// From is the name of the node requests leave from. Required; needs a
	// network block.
	From string
	// To is the IPv4 or IPv6 address requests are sent to. Required.
	To netip.Addr
	// Target is the name of the component that serves the requests: one
	// that accepts requests. Required; counts in the check that calls form
	// no cycle.
	Target string
}

// Planes is a component that sends each request to one of several
// redundant planes, drawn by their shares (models/network Planes).
// It accepts requests; detour and restore actions change its shares.
type Planes struct {
	// Rate is the request rate in requests per second that the planes'
	// loads are computed from (a plane's load is Rate x its share).
	// Optional, > 0; default 0: the total rate of the populations that
	// target the component.
	Rate float64
	// Planes are the planes, in file order. Required, at least one; names
	// are unique within the component; shares sum to 1 (within 1e-9).
	Planes []Plane
}

// Plane is one plane of a Planes component.
type Plane struct {
	// Name identifies the plane, e.g. "e": same syntax as component names.
	// Required, unique within its component.
	Name string
	// Target is the name of the component that carries the plane's
	// requests (usually a route): one that accepts requests. Required;
	// counts in the check that calls form no cycle.
	Target string
	// Share is the plane's assigned share of the requests. Required, 0 to
	// 1.
	Share float64
	// Capacity is how many requests per second the plane can take; it
	// limits detours to it. Required, > 0.
	Capacity float64
}

// shareWant describes a share from 0 to 1.
const shareWant = "a share from 0 to 1"

// isShare reports whether v is a share from 0 to 1.
func isShare(v float64) bool { return v >= 0 && v <= 1 }

// networkKind sets up a route or planes component c and returns its
// fields.
func (d *decoder) networkKind(c *Component) []field {
	const (
		nodeWant   = "the name of a node"
		targetWant = "the name of a component"
		rateWant   = "a request rate > 0, in requests/s"
	)
	if c.Kind == RouteKind {
		rt := &Route{}
		c.Route = rt
		return []field{
			{key: "from", required: true, want: nodeWant,
				decode: func(n *yaml.Node, p string) { rt.From = d.str(n, p, nodeWant) }},
			{key: "to", required: true, want: addrWant,
				decode: func(n *yaml.Node, p string) { rt.To = d.addr(n, p) }},
			{key: "target", required: true, want: targetWant,
				decode: func(n *yaml.Node, p string) { rt.Target = d.str(n, p, targetWant) }},
		}
	}
	pl := &Planes{}
	c.Planes = pl
	return []field{
		d.floatField("rate", rateWant, func(v float64) bool { return v > 0 }, &pl.Rate),
		{key: "planes", required: true, want: "a non-empty list of planes",
			decode: func(n *yaml.Node, p string) {
				d.list(n, p, "a non-empty list of planes", true, func(_ int, item *yaml.Node, p string) {
					pl.Planes = append(pl.Planes, d.plane(item, p))
				})
				d.uniqueNames(n, p, "plane")
			}},
	}
}

// plane decodes one plane.
func (d *decoder) plane(n *yaml.Node, path string) Plane {
	const capWant = "a capacity > 0, in requests/s"
	var pl Plane
	d.fields(n, path, mapping{
		want: "a plane: a mapping with name, target, share and capacity",
		what: "a plane",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { pl.Name = d.itemName(n, p) }},
			{key: "target", required: true, want: "the name of a component",
				decode: func(n *yaml.Node, p string) { pl.Target = d.str(n, p, "the name of a component") }},
			{key: "share", required: true, want: shareWant,
				decode: func(n *yaml.Node, p string) { pl.Share = d.float(n, p, shareWant, isShare) }},
			{key: "capacity", required: true, want: capWant,
				decode: func(n *yaml.Node, p string) {
					pl.Capacity = d.float(n, p, capWant, func(v float64) bool { return v > 0 })
				}},
		},
	})
	return pl
}

// planesChecks checks that the shares of planes component pl at path sum
// to 1; found holds its value nodes.
func (d *decoder) planesChecks(pl *Planes, found map[string]*yaml.Node, path string) {
	p := joinPath(path, "planes")
	v := found["planes"]
	if v == nil || d.isBad(p) || len(pl.Planes) == 0 {
		return
	}
	sum := 0.0
	for _, x := range pl.Planes {
		sum += x.Share
	}
	if math.Abs(sum-1) > 1e-9 {
		d.errorf(v, p, "expected the planes' shares to sum to 1, got %s", formatNumber(sum))
	}
}

// addrWant describes an IP address.
const addrWant = "an IPv4 or IPv6 address, like 10.1.0.10"

// addr decodes an IPv4 or IPv6 address without a zone.
func (d *decoder) addr(n *yaml.Node, path string) netip.Addr {
	s := d.str(n, path, addrWant)
	if d.isBad(path) {
		return netip.Addr{}
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		d.errorf(n, path, "expected %s, got %s", addrWant, quote(s))
		return netip.Addr{}
	}
	return a
}
