package network

import (
	"net/netip"

	"github.com/cascade-sim/cascade/models/knob"
)

// RouteConfig is a route as a scenario declares it: a component that
// carries requests through the network from a node to an address, behind
// which a component serves them. The builder resolves the names and calls
// Network.NewRoute.
type RouteConfig struct {
	// From is the name of the node requests leave from.
	From string `knob:"from" ref:"node" required:"true" want:"the name of a node" doc:"the node requests leave from; needs a network block"`
	// To is the address requests are sent to.
	To netip.Addr `knob:"to" required:"true" want:"an IPv4 or IPv6 address, like 10.1.0.10" doc:"the IPv4 or IPv6 address requests are sent to"`
	// Target is the name of the component that serves the requests.
	Target string `knob:"target" ref:"component that accepts requests" required:"true" want:"the name of a component" doc:"the component that serves the requests: one that accepts requests"`
}

// Check refuses an address with a zone, which no route table holds.
func (c RouteConfig) Check(func(key string) bool) error {
	if c.To.Zone() != "" {
		return knob.Errorf("to", "expected an IPv4 or IPv6 address, like 10.1.0.10, got %q", c.To.String())
	}
	return nil
}
