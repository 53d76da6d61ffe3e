package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// exchangeRun runs the Exchange replay at its quick size (or its full
// size) with sets; the result is shared (runBuiltin).
func exchangeRun(t *testing.T, full bool, sets ...string) *Result {
	t.Helper()
	if full {
		return runBuiltin(t, "exchange-2022-12-02", 0, sets...)
	}
	return runQuick(t, "exchange-2022-12-02", sets...)
}

// exchangeFigures are the figures the Exchange story is told with.
type exchangeFigures struct {
	cpu       float64 // unit B's mean CPU utilisation from 10:00 to 18:00 JST
	available float64 // Japan's availability over the run
	peak      float64 // peak load ratio of the legacy token fetches
}

func exchangeFiguresOf(t *testing.T, res *Result) exchangeFigures {
	t.Helper()
	util := between(res, seriesOf(t, res, "unit-b", "utilisation"), 2*3600e9, 10*3600e9)
	mean := 0.0
	for _, u := range util {
		mean += u / float64(len(util))
	}
	f := exchangeFigures{cpu: mean, peak: res.Summary.Outcome.PeakLoadRatio["mailbox-tokens→unit-b"]}
	for _, p := range res.Summary.Outcome.Populations {
		if p.Name == "japan" {
			f.available = p.Availability
		}
	}
	return f
}

// TestExchangeStorm: the documented order, with the legacy process and
// both retry layers: the timed-out fetches are re-requested, the legacy
// token load climbs to about 40x, unit B's core saturates and stays
// saturated until the mitigation, and mail is down; the rest of the region
// is not touched.
func TestExchangeStorm(t *testing.T) {
	t.Parallel()
	res := exchangeRun(t, false)
	storm := exchangeFiguresOf(t, res)
	require.Greater(t, storm.cpu, 0.97, "the storm saturates unit B's core")
	// A tenth of the users makes the one-minute peak noisier than the
	// full-size 35-45x the documented check holds (go test -full).
	require.InDelta(t, 40, storm.peak, 10, "about 40x token requests")
	japan := between(res, seriesOf(t, res, "japan", "availability"), 2*3600e9, 10*3600e9)
	for _, a := range japan {
		require.Less(t, a, 0.05, "Japan's mail is down during the storm")
	}
	after := between(res, seriesOf(t, res, "unit-b", "utilisation"), 11*3600e9+10*60e9, 12*3600e9)
	for _, u := range after {
		require.Less(t, u, 0.5, "unit B is relieved once the traffic is moved")
	}
	o := res.Summary.Outcome.Outage
	require.InDelta(t, 654*60, o.StartS+o.DurationS, 120, "mail comes back at the mitigation (18:54 JST)")
	impacted := map[string]float64{}
	for _, p := range res.Summary.Outcome.Populations {
		impacted[p.Name] = p.ImpactedUsers
		if p.Name == "rest-of-region" || p.Name == "japan-other-units" {
			require.Greater(t, p.Availability, 0.999, "%s is not touched", p.Name)
		}
	}
	// The quick size has 4000 users on the affected unit B, 1000 on the
	// healthy ones: the storm fails (nearly) every user on the first and
	// none on the others, so Japan's impacted users are the split's share.
	require.Greater(t, impacted["japan"], 3900.0, "the storm fails the users on the affected unit B")
	require.Less(t, impacted["japan-other-units"], 10.0, "the users on healthy unit B are not impacted")
	var check *Check
	for i := range res.Summary.Checks {
		if res.Summary.Checks[i].Name == "impacted-users-japan" {
			check = &res.Summary.Checks[i]
		}
	}
	require.NotNil(t, check)
	require.Equal(t, impacted["japan"]+impacted["japan-other-units"], check.Simulated, "the check sums Japan's two populations")
}

// TestExchangeBugAloneDoesNotSaturate: the same bug with no retries at
// either layer delays token fetches, many time out, but unit B's CPU stays
// well below saturation and most of Japan's requests are served.
func TestExchangeBugAloneDoesNotSaturate(t *testing.T) {
	t.Parallel()
	calm := exchangeFiguresOf(t, exchangeRun(t, false, "token_retries=0", "frontend_retries=0"))
	require.Less(t, calm.cpu, 0.7, "without the retries the bug alone does not saturate unit B")
	require.Greater(t, calm.available, 0.85, "most requests are served")
	require.Less(t, calm.peak, 10.0, "no storm")
}

// TestExchangeWhatIfs: each what-if that removes part of the amplification
// keeps unit B below saturation and mail largely up; an earlier mitigation
// ends the outage earlier; a second core absorbs the storm.
func TestExchangeWhatIfs(t *testing.T) {
	t.Parallel()
	for _, set := range []string{"legacy_share=0", "token_retries=0", "unit_b_capacity=2"} {
		t.Run(set, func(t *testing.T) {
			f := exchangeFiguresOf(t, exchangeRun(t, false, set))
			require.Less(t, f.cpu, 0.8, "unit B is not saturated")
			require.Greater(t, f.available, 0.85, "most requests are served")
		})
	}
	t.Run("mitigation_at=400", func(t *testing.T) {
		o := exchangeRun(t, false, "mitigation_at=400").Summary.Outcome.Outage
		require.InDelta(t, 401*60, o.StartS+o.DurationS, 120, "mail comes back at 14:41 JST")
	})
}

// TestExchangeChainFullSize: at full size, the bug with no amplification
// leaves unit B's core about half busy; with it, the checks hold (see
// TestBuiltinsRunAndPassTheirChecks).
func TestExchangeChainFullSize(t *testing.T) {
	t.Parallel()
	requireFull(t, "the Exchange chain at full size")
	calm := exchangeFiguresOf(t, exchangeRun(t, true, "token_retries=0", "frontend_retries=0"))
	require.Less(t, calm.cpu, 0.7)
	require.Greater(t, calm.available, 0.85)
}
