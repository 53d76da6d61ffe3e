package models

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/retry"
	"github.com/cascade-sim/cascade/sim"
)

// ClientConfig is a named call policy as a scenario declares it: how a
// caller (a service making a call, a token cache fetching, or a
// population's users) calls a component. Every field but Name is optional;
// the zero value but for Name is also the policy of a call that names no
// client: one attempt, no timeout or deadline of its own (the caller's
// deadline still applies), no backoff, no retry control, no cancellation.
type ClientConfig struct {
	// Name identifies the client.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the client; calls, token caches and populations name it"`
	// Timeout limits each attempt; 0 for none.
	Timeout sim.Time `knob:"timeout" none:"true" want:"a per-attempt timeout: a duration > 0 with a unit, like 30s, or none" doc:"limits each attempt: an attempt without a response after timeout fails as timed out, and may be retried; none for no limit"`
	// Deadline limits one call, every attempt and backoff wait included; 0
	// for none.
	Deadline sim.Time `knob:"deadline" none:"true" want:"a limit on the whole call, retries included: a duration > 0 with a unit, like 30s, or none" doc:"limits one call, every attempt and backoff wait included: when it passes, the call fails and no more attempts start. The caller's own deadline always also applies, and travels with each attempt; none for no limit of the client's own"`
	// Retries is how many attempts may follow a failed first attempt.
	Retries int `knob:"retries" min:"0" max:"100" want:"an integer from 0 to 100: retries after the first attempt" doc:"how many attempts may follow a failed first attempt: a call makes at most retries+1 attempts"`
	// Backoff is the wait before each retry; the zero value retries at
	// once.
	Backoff retry.BackoffConfig `knob:"backoff" doc:"the wait before each retry; without one, retries go at once"`
	// Control limits retries across the calls one caller makes through the
	// client; nil for none.
	Control retry.ControlConfig `knob:"control" doc:"limits retries (or, for a circuit breaker, all attempts) across the calls made through this client by one caller; without one, every retry is made"`
	// CancelOnTimeout cancels an attempt at the server when it times out.
	CancelOnTimeout bool `knob:"cancel_on_timeout" doc:"if true, an attempt that times out is cancelled at the server, so a server with cancellation skips it if it is still queued; if false, the server serves the abandoned attempt anyway"`
}

// Describe names a client in messages.
func (ClientConfig) Describe() (noun, example string) { return "a client", "" }

// ControlKind names the client's retry control as the file does: "none"
// when it has none.
func (c ClientConfig) ControlKind() string {
	if c.Control == nil {
		return "none"
	}
	return retry.Controls.KindOf(c.Control)
}

// Policy builds the policy: its backoff, and a constructor of its retry
// control (one control per call site), checked once here.
func (c ClientConfig) Policy() (ClientPolicy, error) {
	p := ClientPolicy{
		Name:            c.Name,
		Timeout:         c.Timeout,
		Deadline:        c.Deadline,
		Retries:         c.Retries,
		CancelOnTimeout: c.CancelOnTimeout,
	}
	if c.Backoff.Kind != retry.NoBackoff {
		b, err := retry.NewBackoff(c.Backoff)
		if err != nil {
			return p, err // NewBackoff's error starts with "backoff:"
		}
		p.Backoff = b
	}
	if c.Control != nil {
		first, err := c.Control.NewControl()
		if err != nil {
			return p, fmt.Errorf("control: %w", err)
		}
		if first != nil {
			p.NewControl = c.Control.NewControl
		}
	}
	return p, nil
}
