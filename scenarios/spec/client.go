package spec

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// NoTimeout is the Client.Timeout of a client whose attempts have no limit
// of their own (the word "none" in the file).
const NoTimeout time.Duration = 0

// MaxRetries is the most retries a client may make after its first attempt.
const MaxRetries = 100

// Client is a named call policy: how a caller (a service making a call, a
// token cache fetching, or a population's users) calls a component. Every
// field but Name is optional; DefaultClient gives the defaults, which are
// also the policy of a call that names no client.
type Client struct {
	// Name identifies the client: same syntax as component names.
	// Required, unique among clients.
	Name string
	// Timeout limits each attempt: an attempt without a response after
	// Timeout fails as timed out, and may be retried. Optional: a duration
	// > 0, or NoTimeout (0) for the word "none"; default none.
	Timeout time.Duration
	// Deadline limits one call, every attempt and backoff wait included:
	// when it passes, the call fails and no more attempts start. The
	// caller's own deadline (a population's Deadline, or what is left of
	// the deadline of the request a service is serving) always also
	// applies, and travels with each attempt to the components it calls.
	// Optional: a duration > 0, or NoDeadline (0) for the word "none";
	// default none.
	Deadline time.Duration
	// Retries is how many attempts may follow a failed first attempt, so
	// a call makes at most Retries+1 attempts. Optional, 0 to MaxRetries,
	// default 0.
	Retries int
	// Backoff is the wait before each retry. Optional; default
	// DefaultBackoff (no wait).
	Backoff Backoff
	// Control limits retries (or, for a circuit breaker, all attempts)
	// across the calls made through this client by one caller. Optional;
	// default Kind NoControl.
	Control Control
	// CancelOnTimeout, if true, cancels an attempt at the server when it
	// times out, so that a server with Service.Cancellation skips it if it
	// is still queued (key cancel_on_timeout). Optional, default false:
	// the server serves the abandoned attempt anyway.
	CancelOnTimeout bool
}

// DefaultClient returns the policy of a call that names no client: one
// attempt, no timeout or deadline of its own (the caller's deadline still
// applies), no backoff, no retry control, no cancellation. Name is "".
func DefaultClient() Client {
	return Client{
		Timeout:  NoTimeout,
		Deadline: NoDeadline,
		Backoff:  DefaultBackoff(),
		Control:  Control{Kind: NoControl},
	}
}

// Client returns the client named name, or nil if there is none (a call
// that names no client uses DefaultClient).
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

// BackoffKind names how the wait before a retry grows.
type BackoffKind string

// The kinds of backoff and the Backoff fields each uses.
const (
	// NoBackoff retries at once; it uses no other field.
	NoBackoff BackoffKind = "none"
	// ConstantBackoff waits Base before every retry; it uses Base and
	// Jitter.
	ConstantBackoff BackoffKind = "constant"
	// ExponentialBackoff waits min(Cap, Base x Multiplier^(n-1)) before
	// retry n (n from 1), with no cap if Cap is 0; it uses Base, Cap,
	// Multiplier and Jitter.
	ExponentialBackoff BackoffKind = "exponential"
)

// Jitter names how a backoff wait v is randomised. The first four are the
// AWS Architecture Blog's definitions ("Exponential Backoff And Jitter",
// 2015); the last is gRPC's.
type Jitter string

// The kinds of jitter.
const (
	// NoJitter waits exactly v.
	NoJitter Jitter = "none"
	// FullJitter waits U(0, v).
	FullJitter Jitter = "full"
	// EqualJitter waits v/2 + U(0, v/2).
	EqualJitter Jitter = "equal"
	// DecorrelatedJitter waits min(Cap, U(Base, 3 x the previous wait)),
	// the wait before the first retry counting Base as the previous one;
	// it replaces v (and so ignores Multiplier). Exponential backoff only.
	DecorrelatedJitter Jitter = "decorrelated"
	// GRPCJitter waits v x U(0.8, 1.2), as gRPC's retry and connection
	// backoff do.
	GRPCJitter Jitter = "grpc"
)

// Backoff is the wait before each retry, written as a mapping whose "kind"
// key names the kind and whose other keys are exactly that kind's fields,
// e.g. {kind: exponential, base: 100ms, cap: 10s, jitter: full}. Fields a
// kind does not use are zero, except Jitter, which is NoJitter.
type Backoff struct {
	// Kind is the backoff. Required in a backoff block; DefaultBackoff
	// (NoBackoff) if the client has none.
	Kind BackoffKind
	// Base is the wait of constant backoff, and the wait before the first
	// retry of exponential backoff (before jitter). Required and > 0 for
	// those kinds.
	Base time.Duration
	// Cap is the longest wait of exponential backoff, before jitter.
	// Optional, 0 or >= Base; default 0: no cap.
	Cap time.Duration
	// Multiplier is how much each exponential wait grows over the one
	// before. Optional, > 1, default 2 (exponential backoff only); 0 and
	// refused in the file with DecorrelatedJitter, which grows the wait by
	// its own factor.
	Multiplier float64
	// Jitter randomises each wait. Optional, default NoJitter;
	// DecorrelatedJitter only with exponential backoff.
	Jitter Jitter
}

// DefaultBackoff returns the backoff of a client without one: retry at
// once.
func DefaultBackoff() Backoff {
	return Backoff{Kind: NoBackoff, Jitter: NoJitter}
}

// DefaultMultiplier is the Backoff.Multiplier of exponential backoff when
// the file gives none.
const DefaultMultiplier = 2.0

// clientWant describes a client for type errors.
const clientWant = "a client: a mapping with name and any of timeout, deadline, retries, backoff, control, cancel_on_timeout"

// clients decodes the clients list.
func (d *decoder) clients(n *yaml.Node, path string) []Client {
	var out []Client
	d.list(n, path, "a list of clients", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.client(item, p))
	})
	d.uniqueNames(n, path, "client")
	return out
}

// client decodes one client.
func (d *decoder) client(n *yaml.Node, path string) Client {
	const (
		timeoutWant  = "a per-attempt timeout: " + noneWant
		deadlineWant = "a limit on the whole call, retries included: " + noneWant
		retriesWant  = "an integer from 0 to 100: retries after the first attempt"
	)
	c := DefaultClient()
	d.fields(n, path, mapping{
		want: clientWant,
		what: "a client",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { c.Name = d.itemName(n, p) }},
			{key: "timeout", want: timeoutWant,
				decode: func(n *yaml.Node, p string) { c.Timeout = d.durationOrNone(n, p) }},
			{key: "deadline", want: deadlineWant,
				decode: func(n *yaml.Node, p string) { c.Deadline = d.durationOrNone(n, p) }},
			{key: "retries", want: retriesWant,
				decode: func(n *yaml.Node, p string) { c.Retries = int(d.integer(n, p, 0, MaxRetries)) }},
			{key: "backoff", want: "a backoff, like {kind: exponential, base: 100ms, cap: 10s, jitter: full}",
				decode: func(n *yaml.Node, p string) { c.Backoff = d.backoff(n, p) }},
			{key: "control", want: "a retry control, like {kind: grpc-throttling}",
				decode: func(n *yaml.Node, p string) { c.Control = d.control(n, p) }},
			{key: "cancel_on_timeout", want: boolWant,
				decode: func(n *yaml.Node, p string) { c.CancelOnTimeout = d.boolean(n, p) }},
		},
	})
	return c
}

// backoffKindNames and jitterNames list the options for messages.
var (
	backoffKindNames = []string{string(NoBackoff), string(ConstantBackoff), string(ExponentialBackoff)}
	jitterNames      = []string{string(NoJitter), string(FullJitter), string(EqualJitter), string(DecorrelatedJitter), string(GRPCJitter)}
)

// backoff decodes a backoff: its "kind" key, then exactly the fields of
// that kind. If the kind is missing or unknown, other keys are not checked.
func (d *decoder) backoff(n *yaml.Node, path string) Backoff {
	b := DefaultBackoff()
	var kindFields []field
	known := false
	if k := lookup(n, "kind"); k != nil {
		b.Kind = BackoffKind(d.enum(k, joinPath(path, "kind"), backoffKindNames...))
		kindFields, known = d.backoffKind(&b)
	}
	fs := append([]field{
		{key: "kind", required: true, want: "one of: " + strings.Join(backoffKindNames, ", ")},
	}, kindFields...)
	what := "a backoff"
	if known {
		what = "a backoff of kind " + string(b.Kind)
	}
	found := d.fields(n, path, mapping{
		want:    "a backoff: a mapping like {kind: exponential, base: 100ms, cap: 10s, jitter: full}",
		what:    what,
		fields:  fs,
		lenient: !known,
	})
	if found == nil || !known {
		return b
	}
	ok := func(key string) bool { return found[key] != nil && !d.isBad(joinPath(path, key)) }
	if ok("base") && ok("cap") && b.Cap != 0 && b.Cap < b.Base {
		d.errorf(found["cap"], joinPath(path, "cap"), "expected a cap >= base (%s), or 0s for no cap; got %s",
			formatDuration(b.Base), formatDuration(b.Cap))
	}
	if ok("jitter") && b.Jitter == DecorrelatedJitter && b.Kind != ExponentialBackoff {
		d.errorf(found["jitter"], joinPath(path, "jitter"),
			"jitter decorrelated grows the wait itself (min(cap, U(base, 3 x previous))); expected it with kind exponential, not %s", b.Kind)
	}
	if b.Jitter == DecorrelatedJitter && b.Kind == ExponentialBackoff {
		// Decorrelated jitter grows the wait by its own factor (up to 3x
		// the previous wait): a multiplier would be ignored, so it is
		// refused where it is written and not set by default.
		if m := found["multiplier"]; m != nil {
			d.errorf(m, joinPath(path, "multiplier"),
				"jitter decorrelated grows the wait by its own factor (min(cap, U(base, 3 x previous))); remove multiplier, or choose another jitter")
		}
		b.Multiplier = 0
	}
	return b
}

// backoffKind returns the fields of b's kind, or false for an unknown kind.
func (d *decoder) backoffKind(b *Backoff) ([]field, bool) {
	base := field{key: "base", required: true, want: durationWant(true),
		decode: func(n *yaml.Node, p string) { b.Base = d.duration(n, p, true) }}
	jitter := field{key: "jitter", want: "one of: " + strings.Join(jitterNames, ", "),
		decode: func(n *yaml.Node, p string) {
			if v := d.enum(n, p, jitterNames...); v != "" {
				b.Jitter = Jitter(v)
			}
		}}
	switch b.Kind {
	case NoBackoff:
		return nil, true
	case ConstantBackoff:
		return []field{base, jitter}, true
	case ExponentialBackoff:
		const multWant = "a multiplier > 1, like 2"
		b.Multiplier = DefaultMultiplier
		return []field{
			base,
			{key: "cap", want: "the longest wait, " + durationWant(false) + " (0s for no cap)",
				decode: func(n *yaml.Node, p string) { b.Cap = d.duration(n, p, false) }},
			{key: "multiplier", want: multWant,
				decode: func(n *yaml.Node, p string) {
					b.Multiplier = d.float(n, p, multWant, func(v float64) bool { return v > 1 })
				}},
			jitter,
		}, true
	}
	return nil, false
}
