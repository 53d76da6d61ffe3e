package scenarios

import (
	"github.com/cascade-sim/cascade/models/network"
)

// buildNetwork creates the scenario's network, if it has one: the file's
// network: block is the model's network.Topology itself.
func (b *builder) buildNetwork() error {
	if b.s.Network == nil {
		return nil
	}
	net, err := network.New(b.m.env, *b.s.Network)
	if err != nil {
		return b.s.Errorf("network", "%v", err)
	}
	b.m.net = net
	return nil
}
