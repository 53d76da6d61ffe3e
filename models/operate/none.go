package operate

import "github.com/cascade-sim/cascade/models/detect"

// None is nobody: it receives alarms, keeps them, and never acts. It is the
// baseline against which operators and automations are compared.
type None struct {
	name   string
	alarms []detect.Alarm
}

// NewNone returns a responder that does nothing.
func NewNone(name string) *None { return &None{name: name} }

// Name returns the name given.
func (n *None) Name() string { return n.name }

// Raise keeps the alarm.
func (n *None) Raise(a detect.Alarm) { n.alarms = append(n.alarms, a) }

// Alarms returns every alarm and clear received, in order. The slice must
// not be modified.
func (n *None) Alarms() []detect.Alarm { return n.alarms }
