package models

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/retry"
	"github.com/cascade-sim/cascade/sim"
)

// coin answers every request at once: OK with probability 1-p, else
// Rejected, and counts what it was sent.
type coin struct {
	p    float64
	rng  *sim.Rand
	seen int
}

func (c *coin) Name() string { return "coin" }

func (c *coin) Submit(now sim.Time, r *Request) {
	c.seen++
	if c.rng.Float64() < c.p {
		r.Replier.Reply(now, r, Rejected)
		return
	}
	r.Replier.Reply(now, r, OK)
}

// callN makes n calls through target at 1 s intervals and returns the
// probe that got the answers.
func callN(t *testing.T, env *Env, target Target, n int) *probe {
	t.Helper()
	p := newProbe(t)
	for i := 0; i < n; i++ {
		p.send(env.Engine, secs(float64(i)), target, "")
	}
	env.Engine.Run()
	require.Len(t, p.replies, n)
	return p
}

// TestExpectedAttempts: with r retries and independent failures of
// probability p, a call makes (1 - p^(r+1)) / (1 - p) attempts on average.
// The tolerance is 4 standard errors of the mean of n independent calls,
// the variance of one call's attempts computed from its distribution.
func TestExpectedAttempts(t *testing.T) {
	for _, c := range []struct {
		p float64
		r int
	}{{0.5, 3}, {0.9, 5}, {0.2, 1}, {0.7, 0}} {
		env := newBareEnv(t, secs(100000), 11)
		flaky := &coin{p: c.p, rng: env.Streams.Stream("coin")}
		client, err := NewClient(env, "caller", flaky, ClientPolicy{Name: "c", Retries: c.r})
		require.NoError(t, err)
		const n = 50000
		callN(t, env, client, n)
		// attempts A = min(G, r+1) with G geometric on {1, 2, ...}, success 1-p.
		mean, second := 0.0, 0.0
		for k := 1; k <= c.r+1; k++ {
			pk := math.Pow(c.p, float64(k-1)) * (1 - c.p)
			if k == c.r+1 {
				pk = math.Pow(c.p, float64(c.r))
			}
			mean += float64(k) * pk
			second += float64(k*k) * pk
		}
		theory := (1 - math.Pow(c.p, float64(c.r+1))) / (1 - c.p)
		require.InDelta(t, theory, mean, 1e-12, "the closed form is the mean of the distribution")
		se := math.Sqrt((second-mean*mean)/n) + 1e-12
		got := float64(flaky.seen) / n
		require.InDelta(t, theory, got, 4*se, "p=%v r=%d", c.p, c.r)
		st := client.Stats()
		require.Equal(t, float64(flaky.seen), st.Attempts)
		require.Equal(t, st.Attempts-st.Calls, st.Retries)
	}
}

// TestNestedRetriesMultiply: d layers that each retry r times over a dead
// bottom send (r+1)^d requests to the bottom per user call.
func TestNestedRetriesMultiply(t *testing.T) {
	for _, c := range []struct{ r, d int }{{2, 1}, {2, 2}, {2, 3}, {3, 3}, {1, 4}} {
		env := newBareEnv(t, secs(1000), 1)
		bottom, err := NewService(env, ServiceConfig{Name: "bottom", Workers: 1, ServiceTime: mustDet(t, 0.001)})
		require.NoError(t, err)
		bottom.Down(0)
		var next Target = bottom
		for layer := c.d; layer >= 1; layer-- {
			client, err := NewClient(env, "layer", next, ClientPolicy{Name: "c", Retries: c.r})
			require.NoError(t, err)
			if layer == 1 {
				next = client
				break
			}
			svc, err := NewService(env, ServiceConfig{Name: "mid", Workers: 100, ServiceTime: mustDet(t, 0.001), Calls: []Target{client}})
			require.NoError(t, err)
			next = svc
		}
		p := callN(t, env, next, 10)
		for _, r := range p.replies {
			require.NotEqual(t, OK, r.outcome)
		}
		got := env.Recorder.Finish(env.Engine.Now())
		offered := 0.0
		for _, v := range seriesValues(t, got, "bottom", "offered_per_s") {
			offered += v // steps are 1 s long
		}
		require.Equal(t, 10*math.Pow(float64(c.r+1), float64(c.d)), offered, "r=%d d=%d", c.r, c.d)
	}
}

// TestTimeoutRetriesAndWorkForNobody: a service slower than the client's
// timeout gets every attempt, and without cancellation does them all,
// though nobody waits for the answers; with cancellation it skips the
// attempts whose timeout passed while they waited.
func TestTimeoutRetriesAndWorkForNobody(t *testing.T) {
	for _, cancel := range []bool{false, true} {
		env := newBareEnv(t, secs(1000), 1)
		svc, err := NewService(env, ServiceConfig{Name: "slow", Workers: 1, ServiceTime: mustDet(t, 2), Cancellation: cancel})
		require.NoError(t, err)
		client, err := NewClient(env, "caller", svc, ClientPolicy{Name: "c", Timeout: secs(1), Retries: 2})
		require.NoError(t, err)
		p := callN(t, env, client, 1)
		require.Equal(t, reply{"", secs(3), TimedOut}, p.replies[0], "three attempts of 1 s each")
		if cancel {
			// Attempt a (timeout at 1 s) runs 0-2 s; b (1-2 s) waits and
			// is skipped at 2 s, its deadline passed; c, sent at 2 s, finds
			// the worker free and runs 2-4 s for nobody.
			require.Equal(t, int64(2), svc.Latency().Count())
		} else {
			require.Equal(t, int64(3), svc.Latency().Count(), "all three done, for nobody")
			require.Equal(t, secs(6), env.Engine.Now())
		}
		st := client.Stats()
		timeouts := 3.0
		if cancel {
			timeouts = 2 // b was answered Dropped at 2 s, just before its timeout
		}
		require.Equal(t, CallStats{Calls: 1, Attempts: 3, Retries: 2, Timeouts: timeouts, Failed: 1}, st)
	}
}

// TestDeadlinePropagates: the caller's deadline bounds the retries and
// travels with every attempt.
func TestDeadlinePropagates(t *testing.T) {
	env := newBareEnv(t, secs(1000), 1)
	var deadlines []sim.Time
	rec := &recorderTarget{name: "down", onSubmit: func(now sim.Time, r *Request) {
		deadlines = append(deadlines, r.Deadline)
		r.Replier.Reply(now, r, Unavailable)
	}}
	b, err := retry.NewBackoff(retry.BackoffConfig{Kind: retry.Constant, Base: secs(0.4)})
	require.NoError(t, err)
	client, err := NewClient(env, "caller", rec, ClientPolicy{Name: "c", Retries: 10, Backoff: b})
	require.NoError(t, err)
	p := newProbe(t)
	env.Engine.At(0, sim.HandlerFunc(func(now sim.Time, _ any) {
		r := &Request{Issued: now, Deadline: secs(1), Replier: p}
		p.names[r] = "x"
		client.Submit(now, r)
	}), nil)
	env.Engine.Run()
	// Attempts at 0, 0.4, 0.8; the next (1.2) would pass the deadline.
	require.Equal(t, []sim.Time{secs(1), secs(1), secs(1)}, deadlines)
	require.Equal(t, []reply{{"x", secs(0.8), Unavailable}}, p.replies)
}

// recorderTarget is a target whose behaviour a test supplies.
type recorderTarget struct {
	name     string
	onSubmit func(now sim.Time, r *Request)
}

func (r *recorderTarget) Name() string                    { return r.name }
func (r *recorderTarget) Submit(now sim.Time, q *Request) { r.onSubmit(now, q) }
