package retry

import (
	"math"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// newRand returns the named stream of seed.
func newRand(seed uint64, name string) *sim.Rand { return sim.NewStreams(seed).Stream(name) }

// outcomeFunc decides how an attempt sent at now ends.
type outcomeFunc func(now sim.Time, r *sim.Rand) (ok, timedOut bool)

// failWith returns an outcome that fails with probability f (an error
// answer, or a timeout if timeouts).
func failWith(f float64, timeouts bool) outcomeFunc {
	return func(_ sim.Time, r *sim.Rand) (bool, bool) {
		if r.Float64() < f {
			return false, timeouts
		}
		return true, false
	}
}

// tally counts what a steady stream did, over the calls it measured.
type tally struct {
	calls           int64 // calls measured
	firstRejected   int64 // first attempts refused
	attempts        int64 // attempts sent
	retriesWanted   int64 // failed attempts that the policy would retry
	retriesAdmitted int64 // retries the control let through
	succeeded       int64 // calls that ended ok
}

// amplification is attempts sent per call.
func (t tally) amplification() float64 { return float64(t.attempts) / float64(t.calls) }

// retryShare is the share of wanted retries that were admitted.
func (t tally) retryShare() float64 {
	if t.retriesWanted == 0 {
		return math.NaN()
	}
	return float64(t.retriesAdmitted) / float64(t.retriesWanted)
}

// stream is a steady stream of calls through one control: one call every
// interval; every attempt ends at the instant it is sent, as outcome says;
// a failed attempt is retried at once, while the call has made fewer than
// maxAttempts attempts and the control admits the retry. Calls before warm
// are run but not counted. Attempts go through Begin and End, so a Charged
// control learns whether the previous attempt timed out.
type stream struct {
	interval    sim.Time
	calls, warm int
	maxAttempts int
	outcome     outcomeFunc
}

// run drives c and returns the tally of the measured calls. admit draws
// from r, outcomes from a separate stream of the same seed.
func (s stream) run(c Control, seed uint64) tally {
	r, out := newRand(seed, "control"), newRand(seed, "outcomes")
	var t tally
	for i := 0; i < s.calls; i++ {
		now := sim.Time(i) * s.interval
		var m tally
		prevTimedOut := false
		for n := 0; n < s.maxAttempts; n++ {
			if n > 0 {
				m.retriesWanted++
			}
			a, ok := Begin(c, now, n > 0, prevTimedOut, r)
			if !ok {
				if n == 0 {
					m.firstRejected++
				}
				break
			}
			if n > 0 {
				m.retriesAdmitted++
			}
			m.attempts++
			good, timedOut := s.outcome(now, out)
			a.End(now, good, timedOut)
			if good {
				m.succeeded++
				break
			}
			prevTimedOut = timedOut
		}
		if i >= s.warm {
			t.calls++
			t.firstRejected += m.firstRejected
			t.attempts += m.attempts
			t.retriesWanted += m.retriesWanted
			t.retriesAdmitted += m.retriesAdmitted
			t.succeeded += m.succeeded
		}
	}
	return t
}

// requireClose asserts |got - want| <= tol, logging all three.
func requireClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	t.Logf("%s: measured %.5g, expected %.5g, tolerance %.3g", what, got, want, tol)
	require.InDelta(t, want, got, tol, what)
}
