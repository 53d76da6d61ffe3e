package retry

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// BackoffKind is how the delay before a retry grows with the retry's number.
type BackoffKind uint8

const (
	// NoBackoff retries at once: every delay is 0. (It is not called None:
	// None is the control that admits everything.)
	NoBackoff BackoffKind = iota
	// Constant waits Base before every retry.
	Constant
	// Exponential waits min(Cap, Base x Multiplier^(n-1)) before retry n.
	Exponential
)

// String names the kind as scenario files do: "none", "constant",
// "exponential".
func (k BackoffKind) String() string {
	switch k {
	case NoBackoff:
		return "none"
	case Constant:
		return "constant"
	case Exponential:
		return "exponential"
	}
	return fmt.Sprintf("BackoffKind(%d)", uint8(k))
}

// Choices lists the kinds as scenario files name them.
func (BackoffKind) Choices() []string { return []string{"none", "constant", "exponential"} }

// UnmarshalText parses a kind's name.
func (k *BackoffKind) UnmarshalText(text []byte) error {
	v, err := ParseBackoffKind(string(text))
	*k = v
	return err
}

// ParseBackoffKind is the inverse of BackoffKind.String.
func ParseBackoffKind(s string) (BackoffKind, error) {
	for k := NoBackoff; k <= Exponential; k++ {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("backoff kind %q: want none, constant or exponential", s)
}

// JitterKind is how a backoff delay is randomised, in the terms of Marc
// Brooker's "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015)
// and of gRPC's retry design (gRFC A6). v below is the delay before jitter.
type JitterKind uint8

const (
	// NoJitter uses v itself.
	NoJitter JitterKind = iota
	// Full draws U(0, v).
	Full
	// Equal draws v/2 + U(0, v/2).
	Equal
	// Decorrelated draws min(Cap, U(Base, 3 x prev)), where prev is the
	// previous delay (Base before the first retry). It ignores the retry's
	// number and needs Kind Exponential.
	Decorrelated
	// GRPC draws v x U(0.8, 1.2): gRPC's retry policy as gRFC A6 has
	// defined it since its 2024 revision (grpc/proposal#452; grpc-go from
	// late 2024, grpc-java from 2025). Before that revision A6 said
	// U(0, v), which is Full; some clients (grpc-node at last look) still
	// do that.
	GRPC
)

// String names the jitter as scenario files do: "none", "full", "equal",
// "decorrelated", "grpc".
func (j JitterKind) String() string {
	switch j {
	case NoJitter:
		return "none"
	case Full:
		return "full"
	case Equal:
		return "equal"
	case Decorrelated:
		return "decorrelated"
	case GRPC:
		return "grpc"
	}
	return fmt.Sprintf("JitterKind(%d)", uint8(j))
}

// Choices lists the jitters as scenario files name them.
func (JitterKind) Choices() []string {
	return []string{"none", "full", "equal", "decorrelated", "grpc"}
}

// UnmarshalText parses a jitter's name.
func (j *JitterKind) UnmarshalText(text []byte) error {
	v, err := ParseJitterKind(string(text))
	*j = v
	return err
}

// ParseJitterKind is the inverse of JitterKind.String.
func ParseJitterKind(s string) (JitterKind, error) {
	for j := NoJitter; j <= GRPC; j++ {
		if j.String() == s {
			return j, nil
		}
	}
	return 0, fmt.Errorf("jitter kind %q: want none, full, equal, decorrelated or grpc", s)
}

// BackoffConfig describes a backoff schedule: the wait before each retry.
type BackoffConfig struct {
	// Kind is how delays grow. NoBackoff takes no other field.
	Kind BackoffKind `knob:"kind" required:"true" doc:"how the wait grows: none retries at once; constant waits base before every retry; exponential waits min(cap, base x multiplier^(n-1)) before retry n"`
	// Base is the delay before the first retry (Constant: before every
	// retry). For Decorrelated jitter it is the smallest delay and the
	// first "previous" delay.
	Base sim.Time `knob:"base" kinds:"constant,exponential" required:"true" min:">0s" doc:"the wait of constant backoff, and the wait before the first retry of exponential backoff (before jitter)"`
	// Cap is the largest delay before jitter; 0 means no cap, otherwise at
	// least Base. GRPC jitter may exceed it by up to 20%, as in gRPC.
	Cap sim.Time `knob:"cap" kinds:"exponential" min:"0s" want:"the longest wait, a duration >= 0 with a unit, like 0s, 90m or 2d (0s for no cap)" doc:"the longest wait of exponential backoff, before jitter; 0s for no cap"`
	// Multiplier is the exponential growth factor; 0 means 2. It is not
	// used with Decorrelated jitter (whose factor is the post's 3).
	Multiplier float64 `knob:"multiplier" kinds:"exponential" default:"2" min:"1" want:"a multiplier >= 1, like 2" doc:"how much each exponential wait grows over the one before; not used with jitter decorrelated, which grows the wait by its own factor"`
	// Jitter randomises each delay; default NoJitter.
	Jitter JitterKind `knob:"jitter" kinds:"constant,exponential" doc:"how each wait v is randomised: none waits v; full U(0, v); equal v/2 + U(0, v/2); decorrelated min(cap, U(base, 3 x the previous wait)), exponential only; grpc v x U(0.8, 1.2) as gRPC does"`
}

// Describe names a backoff in messages.
func (BackoffConfig) Describe() (noun, example string) {
	return "a backoff", "{kind: exponential, base: 100ms, cap: 10s, jitter: full}"
}

// Check checks the rules between the fields: a cap is at least the base,
// decorrelated jitter needs exponential backoff and takes no multiplier.
func (c BackoffConfig) Check(written knob.Written) error {
	switch {
	case c.Kind == NoBackoff:
		return nil
	case c.Cap != 0 && c.Cap < c.Base:
		return knob.Errorf("cap", "expected a cap >= base (%v), or 0s for no cap; got %v", c.Base, c.Cap)
	case c.Jitter == Decorrelated && c.Kind != Exponential:
		return knob.Errorf("jitter", "jitter decorrelated grows the wait itself (min(cap, U(base, 3 x previous))); expected it with kind exponential, not %s", c.Kind)
	case c.Jitter == Decorrelated && written("multiplier"):
		return knob.Errorf("multiplier", "jitter decorrelated grows the wait by its own factor (min(cap, U(base, 3 x previous))); remove multiplier, or choose another jitter")
	}
	return nil
}

// Backoff gives the delay before each retry of a call. It keeps no state
// between calls (the caller passes the previous delay back in), so one
// Backoff serves any number of calls.
//
// Retry numbers start at 1: Delay(1, ...) is the delay before the first
// retry, and is Base before jitter. The AWS post's code computes
// min(cap, base x 2^attempt) with attempt already 1 at the first retry, so
// its first delay is 2 x base: its schedule with base b is this one with
// Base = 2b (and gRPC's initial x multiplier^(n-1) is this one exactly).
type Backoff struct {
	cfg   BackoffConfig
	limit sim.Time // largest delay before jitter: Cap, or the largest Time
}

// maxTime is the largest Time; delays saturate there.
const maxTime = sim.Time(math.MaxInt64)

// NewBackoff checks cfg and returns its schedule.
func NewBackoff(cfg BackoffConfig) (*Backoff, error) {
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("backoff: %w", err)
	}
	if cfg.Kind == Exponential && cfg.Multiplier == 0 {
		cfg.Multiplier = 2
	}
	b := &Backoff{cfg: cfg, limit: maxTime}
	if cfg.Cap > 0 {
		b.limit = cfg.Cap
	}
	return b, nil
}

// check checks a config built in Go, where zero stands for the defaults:
// the kind and jitter are known, kind none takes nothing else, and the
// declared limits and Check hold.
func (c BackoffConfig) check() error {
	if c.Kind > Exponential {
		return fmt.Errorf("unknown kind %d", c.Kind)
	}
	if c.Jitter > GRPC {
		return fmt.Errorf("unknown jitter %d", c.Jitter)
	}
	if c.Kind == NoBackoff {
		if c.Base != 0 || c.Cap != 0 || c.Multiplier != 0 || c.Jitter != NoJitter {
			return fmt.Errorf("kind none takes no base, cap, multiplier or jitter")
		}
		return nil
	}
	if c.Kind == Constant && c.Multiplier != 0 {
		return fmt.Errorf("constant: takes no multiplier, got %v", c.Multiplier)
	}
	if c.Kind == Exponential && c.Multiplier == 0 {
		c.Multiplier = 2
	}
	return knob.Validate(c)
}

// Config returns the configuration with defaults filled in.
func (b *Backoff) Config() BackoffConfig { return b.cfg }

// String describes the schedule, e.g. "exponential(base=10ms, x2,
// cap=2s, jitter=full)".
func (b *Backoff) String() string {
	c := b.cfg
	switch c.Kind {
	case NoBackoff:
		return "none"
	case Constant:
		return fmt.Sprintf("constant(%v, cap=%v, jitter=%s)", c.Base, c.Cap, c.Jitter)
	}
	return fmt.Sprintf("exponential(base=%v, x%g, cap=%v, jitter=%s)", c.Base, c.Multiplier, c.Cap, c.Jitter)
}

// Delay returns the delay before retry n of a call (n = 1 for the first
// retry; n < 1 is taken as 1). prev is the delay this Backoff returned
// before the previous retry of the same call, 0 before the first; only
// Decorrelated jitter uses it. Random draws come from r (none for
// NoJitter). Delays never overflow: a huge n saturates at Cap (or, with
// no cap, at the largest Time), before jitter.
func (b *Backoff) Delay(n int, prev sim.Time, r *sim.Rand) sim.Time {
	c := &b.cfg
	if c.Kind == NoBackoff {
		return 0
	}
	if c.Jitter == Decorrelated {
		// min(cap, U(base, 3 x prev)), prev = base before the first retry.
		p := max(prev, c.Base)
		hi := maxTime
		if p <= maxTime/3 {
			hi = 3 * p
		}
		return min(b.limit, uniform(r, c.Base, hi))
	}
	v := b.beforeJitter(n)
	switch c.Jitter {
	case Full:
		return uniform(r, 0, v)
	case Equal:
		h := v / 2
		return h + uniform(r, 0, h)
	case GRPC:
		return toTime(float64(v) * (float64(0.4*r.Float64()) + 0.8))
	}
	return v
}

// beforeJitter is min(limit, Base x Multiplier^(n-1)) for Exponential and
// min(limit, Base) for Constant.
func (b *Backoff) beforeJitter(n int) sim.Time {
	c := &b.cfg
	if c.Kind == Constant || n <= 1 || c.Multiplier == 1 {
		return min(b.limit, c.Base)
	}
	lim := float64(b.limit)
	// Exponentiation by squaring: O(log n) multiplications, each exact for
	// a multiplier of 2, and the same on every platform. Once the running
	// product passes the limit the answer is the limit.
	v, x, k := float64(c.Base), c.Multiplier, n-1
	for k > 0 && v < lim {
		if k&1 == 1 {
			v = float64(v * x)
		}
		k >>= 1
		if k > 0 {
			x = float64(x * x)
		}
	}
	if v >= lim {
		return b.limit
	}
	return toTime(v)
}

// uniform draws a Time in [lo, hi] (hi >= lo >= 0), uniformly.
func uniform(r *sim.Rand, lo, hi sim.Time) sim.Time {
	d := toTime(float64(hi-lo) * r.Float64())
	if d > hi-lo {
		d = hi - lo
	}
	return lo + d
}

// toTime converts a non-negative float number of nanoseconds to a Time,
// truncating and saturating at the largest Time.
func toTime(ns float64) sim.Time {
	switch {
	case !(ns > 0): // also NaN
		return 0
	case ns >= 0x1p63:
		return maxTime
	}
	return sim.Time(ns)
}
