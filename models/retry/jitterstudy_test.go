package retry

import (
	"math"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// The jitter study of Marc Brooker's "Exponential Backoff And Jitter" (AWS
// Architecture Blog, 2015), rebuilt on the sim engine from the model of
// the post's simulator (aws-samples/aws-arch-backoff-simulator):
//
//   - one server holds one row with a version number; N clients each want
//     to update it exactly once, all starting at time 0;
//   - a client reads the version (request and reply each cross the
//     network), then writes conditionally on it; the write succeeds only if
//     the version is unchanged, and bumps it; every write is a "call";
//   - on a failed write the client waits its backoff, then reads again;
//   - every network crossing takes |N(10 ms, 2 ms)|; the post's backoff
//     has base 5 ms and cap 2 s.
//
// The post computes min(cap, base x 2^attempt) with attempt = 1 at the
// first retry, so its first delay is 10 ms: in this package's terms
// (Delay(1) = Base) that is Base 10 ms, cap 2 s. Its decorrelated jitter
// is min(cap, U(base, 3 x sleep)) with sleep starting at base = 5 ms, so
// that one keeps Base 5 ms. The measure is the work: total calls until
// every client has succeeded, averaged over 100 runs, as in the post.
//
// The post's ordering, which the test asserts: no jitter does by far the
// most work, equal jitter more than full jitter. (Decorrelated is
// reported; the post puts it close to full jitter.)

// studyStrategies are the backoffs compared, in the post's terms.
var studyStrategies = []struct {
	name string
	cfg  BackoffConfig
}{
	{"no backoff", BackoffConfig{Kind: NoBackoff}},
	{"no jitter", BackoffConfig{Kind: Exponential, Base: 10 * time.Millisecond, Cap: 2 * time.Second}},
	{"equal jitter", BackoffConfig{Kind: Exponential, Base: 10 * time.Millisecond, Cap: 2 * time.Second, Jitter: Equal}},
	{"full jitter", BackoffConfig{Kind: Exponential, Base: 10 * time.Millisecond, Cap: 2 * time.Second, Jitter: Full}},
	{"decorrelated", BackoffConfig{Kind: Exponential, Base: 5 * time.Millisecond, Cap: 2 * time.Second, Jitter: Decorrelated}},
}

// occPhase is where a client's one message in flight is going.
type occPhase uint8

const (
	readAtServer  occPhase = iota // a read request reaches the server
	readAtClient                  // the version reaches the client
	writeAtServer                 // a conditional write reaches the server
	writeAtClient                 // the write's result reaches the client
)

// occClient is one client; it has exactly one message in flight at a time,
// so the client itself is the event's data.
type occClient struct {
	phase   occPhase
	version int  // the version read, then carried by the write
	ok      bool // the write's result
	retries int
	prev    sim.Time // the last backoff delay
}

// occStudy is one run: the server's row, the clients and the counters.
type occStudy struct {
	e        *sim.Engine
	backoff  *Backoff
	net, bo  *sim.Rand
	version  int
	calls    int
	finished int
	last     sim.Time // when the last client learned of its success
}

// delay is one network crossing: |N(10 ms, 2 ms)|.
func (s *occStudy) delay() sim.Time {
	return sim.Seconds(math.Abs(0.010 + 0.002*s.net.NormFloat64()))
}

// Fire moves a client's message one step.
func (s *occStudy) Fire(now sim.Time, data any) {
	c := data.(*occClient)
	switch c.phase {
	case readAtServer:
		c.version = s.version
		c.phase = readAtClient
		s.e.After(s.delay(), s, c)
	case readAtClient:
		c.phase = writeAtServer
		s.e.After(s.delay(), s, c)
	case writeAtServer:
		s.calls++
		c.ok = c.version == s.version
		if c.ok {
			s.version++
		}
		c.phase = writeAtClient
		s.e.After(s.delay(), s, c)
	case writeAtClient:
		if c.ok {
			s.finished++
			s.last = now
			return
		}
		c.retries++
		c.prev = s.backoff.Delay(c.retries, c.prev, s.bo)
		c.phase = readAtServer
		s.e.After(s.delay()+c.prev, s, c)
	}
}

// runOCC runs n clients with backoff b and seed, and returns the calls made
// and the time the last client finished.
func runOCC(tb testing.TB, b *Backoff, n int, seed uint64) (calls int, done sim.Time) {
	streams := sim.NewStreams(seed)
	s := &occStudy{e: sim.NewEngine(), backoff: b, net: streams.Stream("net"), bo: streams.Stream("backoff")}
	clients := make([]occClient, n)
	for i := range clients {
		s.e.After(s.delay(), s, &clients[i])
	}
	s.e.Run()
	if s.finished != n {
		tb.Fatalf("only %d of %d clients finished", s.finished, n)
	}
	return s.calls, s.last
}

// studyResult is one strategy's mean calls and completion time over runs.
type studyResult struct {
	calls, callsSE float64
	ms             float64
}

func runStudy(tb testing.TB, cfg BackoffConfig, clients, runs int) studyResult {
	b, err := NewBackoff(cfg)
	require.NoError(tb, err)
	xs := make([]float64, runs)
	var ms float64
	for i := range xs {
		calls, done := runOCC(tb, b, clients, uint64(1000+i))
		xs[i] = float64(calls)
		ms += float64(done) / 1e6
	}
	var mean, ss float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(runs)
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return studyResult{calls: mean, callsSE: math.Sqrt(ss / float64(runs-1) / float64(runs)), ms: ms / float64(runs)}
}

// The ordering of the post's work figure: no jitter > equal > full, each
// gap larger than 3 standard errors of the difference, at 20, 50 and 100
// clients; decorrelated and no backoff are reported.
func TestJitterStudyOrdering(t *testing.T) {
	const runs = 100
	for _, n := range []int{20, 50, 100} {
		res := map[string]studyResult{}
		for _, s := range studyStrategies {
			r := runStudy(t, s.cfg, n, runs)
			res[s.name] = r
			t.Logf("%3d clients  %-13s calls %7.1f ± %5.1f   time %8.1f ms", n, s.name, r.calls, r.callsSE, r.ms)
		}
		for _, pair := range [][2]string{{"no jitter", "equal jitter"}, {"equal jitter", "full jitter"}} {
			hi, lo := res[pair[0]], res[pair[1]]
			se := math.Hypot(hi.callsSE, lo.callsSE)
			require.Greater(t, hi.calls-lo.calls, 3*se,
				"%d clients: %s (%.1f ± %.1f) should do more work than %s (%.1f ± %.1f)",
				n, pair[0], hi.calls, hi.callsSE, pair[1], lo.calls, lo.callsSE)
		}
	}
}

// BenchmarkJitterStudy reports, for 100 clients, the mean calls (work)
// until all have written, and the mean virtual time that took, per
// strategy; each iteration is one run with its own seed.
func BenchmarkJitterStudy(b *testing.B) {
	const clients = 100
	for _, s := range studyStrategies {
		b.Run(s.name, func(b *testing.B) {
			bo, err := NewBackoff(s.cfg)
			require.NoError(b, err)
			var calls, ms float64
			for i := 0; i < b.N; i++ {
				c, done := runOCC(b, bo, clients, uint64(1000+i))
				calls += float64(c)
				ms += float64(done) / 1e6
			}
			b.ReportMetric(calls/float64(b.N), "calls/run")
			b.ReportMetric(ms/float64(b.N), "virtual-ms/run")
		})
	}
}

// The model in miniature: a lone client writes once, in four network
// crossings; two clients that start together both read version 0 before
// either write lands, so one first write fails and is retried: 3 calls.
func TestJitterStudyTwoClients(t *testing.T) {
	b, err := NewBackoff(BackoffConfig{Kind: Exponential, Base: 10 * time.Millisecond, Cap: 2 * time.Second})
	require.NoError(t, err)
	calls, done := runOCC(t, b, 1, 1)
	require.Equal(t, 1, calls, "alone, one write")
	require.InDelta(t, 40, float64(done)/1e6, 12, "four crossings of about 10 ms")
	calls, _ = runOCC(t, b, 2, 1)
	require.Equal(t, 3, calls, "two clients")
}
