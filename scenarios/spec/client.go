package spec

import "github.com/cascade-sim/cascade/models"

// Client is a named call policy, as the model declares it (its fields,
// defaults, limits and rules are models.ClientConfig's knob tags): how a
// caller calls a component. A call that names no client uses the zero
// Client: one attempt, no timeout or deadline of its own, no backoff, no
// retry control.
type Client = models.ClientConfig

// Client returns the client named name, or nil if there is none (a call
// that names no client uses the zero Client).
func (s *Spec) Client(name string) *Client {
	for i := range s.Clients {
		if s.Clients[i].Name == name {
			return &s.Clients[i]
		}
	}
	return nil
}

// Component returns the component named name, or nil if there is none.
func (s *Spec) Component(name string) *Component {
	for i := range s.Components {
		if s.Components[i].Name == name {
			return &s.Components[i]
		}
	}
	return nil
}
